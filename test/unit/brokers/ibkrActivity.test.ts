/**
 * IBKR Activity Statement → executions, checked against SCENARIO.md by hand: stories A, B and the
 * VX future C, in the classic statement (human symbols, every column, Trade/ClosedLot detail
 * rows) and a multi-account statement with OCC symbols and trimmed columns.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ibkrActivityParser } from '../../../electron/core/io/brokers/ibkrActivity.ts'
import type { Execution } from '../../../electron/core/io/brokers/types.ts'

const dir = join(__dirname, '../../fixtures/brokers')
const fixture = (path: string) => readFileSync(join(dir, path), 'utf8')
/** The CSV fixtures of every broker folder but `own`, as paths under the fixtures folder. */
const otherFixtures = (own: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== own)
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith('.csv'))
        .map((f) => `${d.name}/${f}`),
    )
const NY = { zone: 'America/New_York' }

const CLASSIC = 'ibkr-activity/activity-statement.csv'
const OCC = 'ibkr-activity/activity-occ-multi-account.csv'

const options = (xs: Execution[]) => xs.filter((x) => x.contract.instrument === 'option')
const cashOf = (xs: Execution[], expirations: string[]) =>
  options(xs)
    .filter((x) => expirations.includes(x.contract.expiration))
    .reduce((s, x) => s + x.cashE4, 0)
const A = ['2025-06-13', '2025-06-27']
const B = ['2025-06-20']
const bySymbol = (xs: Execution[], symbol: string) => xs.filter((x) => x.contract.symbol === symbol)

describe.each([
  [
    CLASSIC,
    23,
    [
      // Two per-execution Trade rows under A1's 5350 P Order row, one under C1; one closed lot.
      '4 detail rows under Order rows (not executions) were skipped: Trade ×3, ClosedLot ×1',
      '1 rows that are not options or VX futures were skipped: Stocks ×1',
    ],
  ],
  [OCC, 21, ['1 rows that are not options or VX futures were skipped: Stocks ×1']],
] as const)('IBKR Activity %s', (file, firstLine, warnings) => {
  const parsed = ibkrActivityParser.parse(fixture(file), NY)

  it('reads the Order rows of A, B and C (14 + 4 + 2), never Trade detail or totals', () => {
    expect(parsed.executions).toHaveLength(20)
    expect(parsed.rejected).toEqual([])
    expect(parsed.warnings).toEqual(warnings)
    expect(parsed.broker).toBe('ibkr-activity')
    expect(parsed.zone).toBe('America/New_York')
    // The statement groups by symbol: the first option row is SPXW 13JUN25 5350 P (A1's BTO).
    expect(parsed.executions[0]).toMatchObject({ line: firstLine, action: 'BTO' })
    expect(parsed.executions.every((x) => x.account === 'U1234567')).toBe(true)
  })

  it('A1: BTO 2 SPXW 250613 5350 P @ 10.30 at 10:31:12 New York, grouped by Date/Time + SPX', () => {
    const [x] = bySymbol(parsed.executions, 'SPXW  250613P05350000')
    expect(x).toMatchObject({
      kind: 'trade',
      action: 'BTO',
      quantity: 2,
      priceE4: 103_000,
      // Proceeds −2060 = −2 × 10.30 × 100.
      cashE4: -20_600_000,
      // Comm/Fee −3.32 (commission 2.00 + fees 1.32 combined).
      commissionE4: 33_200,
      feesE4: 0,
      executedAt: '2025-05-05T14:31:12.000Z',
      tradeDate: '2025-05-05',
      hasTime: true,
      orderId: null,
      execId: null,
      groupKey: '2025-05-05T14:31:12.000Z SPX',
    })
    // FII: underlying SPX, multiplier 100; the root is the trading class SPXW.
    expect(x!.contract).toEqual({
      instrument: 'option',
      underlying: 'SPX',
      root: 'SPXW',
      expiration: '2025-06-13',
      right: 'put',
      strikeE4: 53_500_000,
      multiplier: 100,
      symbol: 'SPXW  250613P05350000',
    })
  })

  it('A1 as one group: the four legs share Date/Time and underlying; +2240.00', () => {
    const a1 = parsed.executions.filter((x) => x.groupKey === '2025-05-05T14:31:12.000Z SPX')
    expect(a1).toHaveLength(4)
    // −2060 + 2840 + 2480 − 1020 = +2240.00 (in statement order: 5350 P, 5400 P, 6000 C, 6050 C).
    expect(a1.reduce((s, x) => s + x.cashE4, 0)).toBe(22_400_000)
  })

  it('A2 roll: four legs in one group, +320.00', () => {
    const a2 = parsed.executions.filter((x) => x.groupKey === '2025-05-19T18:05:40.000Z SPX')
    // −6100 + 2960 + 7780 − 4320 = +320.00
    expect(a2.map((x) => x.action).sort()).toEqual(['BTC', 'BTO', 'STC', 'STO'])
    expect(a2.reduce((s, x) => s + x.cashE4, 0)).toBe(3_200_000)
  })

  it('A4 expirations (C;Ep) and B2 assignment (A;C): closed at 0 / settled by the importer', () => {
    const [, , longPut] = bySymbol(parsed.executions, 'SPXW  250613P05350000')
    expect(longPut).toMatchObject({
      kind: 'expiration',
      action: 'STC',
      quantity: 1,
      priceE4: 0,
      cashE4: 0,
      executedAt: '2025-06-13T20:20:00.000Z',
    })
    const [, shortPut] = bySymbol(parsed.executions, 'SPXW  250613P05400000').slice(1)
    expect(shortPut).toMatchObject({ kind: 'expiration', action: 'BTC', quantity: 1 })
    const [, assigned] = bySymbol(parsed.executions, 'SPXW  250620C05950000')
    // Booked at T. Price 0 with no proceeds: the cash (−1784.00) is not on this row.
    expect(assigned).toMatchObject({
      kind: 'cash_settlement',
      action: 'BTC',
      quantity: 1,
      cashE4: 0,
    })
    expect(assigned!.priceE4).toBeNull()
    expect(assigned!.groupKey).toBe('2025-06-20T20:20:00.000Z SPX')
  })

  it('C: VXM5 is the June 2025 VX future, expiring 2025-06-18, no premium', () => {
    const [open, close] = bySymbol(parsed.executions, '/VXM5')
    expect(open).toMatchObject({
      action: 'BTO',
      quantity: 1,
      priceE4: 198_500,
      cashE4: 0,
      commissionE4: 32_500,
      executedAt: '2025-05-05T14:45:00.000Z',
      groupKey: '2025-05-05T14:45:00.000Z VIX',
    })
    expect(open!.contract).toMatchObject({
      instrument: 'future',
      root: 'VX',
      underlying: 'VIX',
      expiration: '2025-06-18',
      multiplier: 1000,
    })
    expect(close).toMatchObject({ action: 'STC', priceE4: 181_000, cashE4: 0 })
  })

  it('premium per story: A +1225.00, B +2200.00 (no settlement cash on the row)', () => {
    // A: 2240 + 320 − 105 + 0 − 1230 = 1225.00
    expect(cashOf(parsed.executions, A)).toBe(12_250_000)
    // B: 4200 − 2000 = 2200.00
    expect(cashOf(parsed.executions, B)).toBe(22_000_000)
    // Costs A: 13.28 + 9.28 + 1.32 + 0 + 2.64 = 26.52
    const ofA = options(parsed.executions).filter((x) => A.includes(x.contract.expiration))
    expect(ofA.reduce((s, x) => s + x.commissionE4 + x.feesE4, 0)).toBe(265_200)
  })
})

describe('IBKR Activity rows', () => {
  const header =
    'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,Proceeds,Comm/Fee,Code'
  const parse = (...rows: string[]) =>
    ibkrActivityParser.parse(
      ['Statement,Header,Field Name,Field Value', header, ...rows].join('\n'),
      NY,
    )

  it('reads the doc’s example rows: a BTBT rebate and an AMZN OCC symbol', () => {
    const p = parse(
      // 3: Comm/Fee −2.806984 has six decimals: rounded to e4, 2.8070.
      'Trades,Data,Order,Equity and Index Options,USD,BTBT 22MAY26 2.5 C,"2026-05-11, 13:26:17",-4,0.1,40,-2.806984,O;P',
      // 4: the AMZN call in OCC form; −1.532867 → 1.5329.
      'Trades,Data,Order,Equity and Index Options,USD,AMZN  251003C00225000,"2025-09-24, 12:59:22",2,2.6,-520,-1.532867,O',
      // 5: a rebate (positive Comm/Fee) is entered as 0.
      'Trades,Data,Order,Equity and Index Options,USD,BTBT 22MAY26 2.5 C,"2026-05-12, 10:00:00",4,0.01,-4,0.727,C',
    )
    expect(p.rejected).toEqual([])
    expect(p.executions.map((x) => [x.action, x.contract.symbol, x.commissionE4])).toEqual([
      ['STO', 'BTBT  260522C00002500', 28_070],
      ['BTO', 'AMZN  251003C00225000', 15_329],
      ['BTC', 'BTBT  260522C00002500', 0],
    ])
    expect(p.warnings).toEqual([
      'Line 5: the commission 0.727 is a rebate; costs cannot be negative, so it is entered as 0',
    ])
  })

  it('rejects bad rows by line and reason and reads the rest', () => {
    const p = parse(
      'Trades,Data,Order,Equity and Index Options,USD,XSP 20JUN25 570 P,"2025-06-02, 10:47:15",-3,1.45,435,-2.0487,O',
      'Trades,Data,Order,Equity and Index Options,USD,XSP 20JUN25 570 P,"2025-06-02, 25:47:15",-3,1.45,435,-2.0487,O',
      'Trades,Data,Order,Equity and Index Options,USD,XSP 20JUN25 570 P,"2025-06-02, 10:47:15",-3,1.45,500,-2.0487,O',
      'Trades,Data,Order,Futures,USD,ESM5,"2025-06-02, 10:47:15",1,5900,-295000,-2.25,O',
      'Trades,Data,Order,Options On Futures,USD,ES 20JUN25 5900 C,"2025-06-02, 10:47:15",1,10,-500,-2.25,O',
      'Trades,Data,Order,Equity and Index Options,USD,XSP 20JUN25 560 P,"2025-06-02, 10:47:15",3,0.55,-165,-2.0487,C;O',
    )
    expect(p.executions.map((x) => x.line)).toEqual([3])
    expect(p.executions[0]).toMatchObject({
      action: 'STO',
      quantity: 3,
      cashE4: 4_350_000,
      commissionE4: 20_487,
      contract: { symbol: 'XSP   250620P00570000', underlying: 'XSP', multiplier: 100 },
    })
    expect(p.rejected).toEqual([
      { line: 4, reason: 'the date/time "2025-06-02, 25:47:15" is not one Wingman can read' },
      { line: 5, reason: 'the proceeds $500.00 do not match −(-3) × $1.45 × 100 = $435.00' },
      { line: 6, reason: 'ESM5 is not a VX future: Wingman journals VX futures only' },
      {
        line: 7,
        reason: 'ES 20JUN25 5900 C is an option on a future: Wingman journals VX futures only',
      },
      {
        line: 8,
        reason:
          'the execution closes one position and opens another (C;O): Wingman cannot split it',
      },
    ])
  })

  it('puts an unquoted "2025-03-27, 10:30:15" split in two cells back together', () => {
    const p = parse(
      'Trades,Data,Order,Equity and Index Options,USD,AAPL 28MAR25 222.5 C,2025-03-27, 10:30:15,1,1.22,-122,-1.05665,O',
    )
    expect(p.rejected).toEqual([])
    expect(p.executions[0]).toMatchObject({
      executedAt: '2025-03-27T14:30:15.000Z',
      contract: { symbol: 'AAPL  250328C00222500', strikeE4: 2_225_000 },
      cashE4: -1_220_000,
    })
  })

  it('an Assignment row is imported only when no Order row records the same event', () => {
    const p = parse(
      'Trades,Data,Order,Equity and Index Options,USD,F 15MAY26 12 C,"2026-05-15, 16:20:00",1,0,0,0,A;C',
      'Trades,Data,Assignment,Equity and Index Options,USD,F 15MAY26 12 C,"2026-05-15, 16:20:00",1,0,0,0,A;C',
      'Trades,Data,Exercise,Equity and Index Options,USD,MSFT 15MAR24 300 P,"2024-03-22, 09:30:00",-2,0,0,0,C;Ex',
    )
    expect(p.executions.map((x) => [x.line, x.kind, x.action])).toEqual([
      [3, 'assignment', 'BTC'],
      [5, 'exercise', 'STC'],
    ])
    // Physical, booked at 0: no option price (the importer closes it at 0 and says the stock
    // leg is not journaled).
    expect(p.executions[0]!.priceE4).toBeNull()
    expect(p.executions[0]!.cashE4).toBe(0)
    expect(p.warnings).toEqual([
      '1 detail rows under Order rows (not executions) were skipped: Assignment ×1',
    ])
  })

  it('names a statement without a Trades section', () => {
    const p = ibkrActivityParser.parse('Statement,Header,Field Name,Field Value\n', NY)
    expect(p.rejected).toEqual([{ line: 1, reason: 'the statement has no Trades section' }])
  })
})

describe('ibkrActivityParser.detect', () => {
  it('claims both statements', () => {
    expect(ibkrActivityParser.detect(fixture(CLASSIC))).toBe(true)
    expect(ibkrActivityParser.detect(fixture(OCC))).toBe(true)
  })

  it('does not claim tastytrade or the other brokers', () => {
    expect(
      ibkrActivityParser.detect(
        'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency\n',
      ),
    ).toBe(false)
    // Every other broker's fixture (the three other formats of this task, tastytrade,
    // thinkorswim, Wingman's own fills), whatever the files are called.
    const others = otherFixtures('ibkr-activity')
    expect(others.length).toBeGreaterThanOrEqual(7)
    for (const other of others)
      expect([other, ibkrActivityParser.detect(fixture(other))]).toEqual([other, false])
  })
})
