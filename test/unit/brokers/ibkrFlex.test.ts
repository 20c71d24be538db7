/**
 * IBKR Flex Query trades → executions, checked against SCENARIO.md by hand: stories A, B and the
 * VX future C, in the plain layout and the BOF/BOA/BOS/HEADER/DATA/EOS layout.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ibkrDateTime, ibkrFlexParser } from '../../../electron/core/io/brokers/ibkrFlex.ts'
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

const PLAIN = 'ibkr-flex/trades-plain.csv'
const SECTIONS = 'ibkr-flex/trades-sections.csv'

const cashOf = (xs: Execution[], expirations: string[]) =>
  xs
    .filter(
      (x) => x.contract.instrument === 'option' && expirations.includes(x.contract.expiration),
    )
    .reduce((s, x) => s + x.cashE4, 0)
const A = ['2025-06-13', '2025-06-27']
const B = ['2025-06-20']
const bySymbol = (xs: Execution[], symbol: string) => xs.filter((x) => x.contract.symbol === symbol)

describe.each([
  // file, zone the trader chose, account, first data line, warnings
  [
    PLAIN,
    'America/New_York',
    'U1234567',
    2,
    [
      // The closed lot under A2's BTC and the ORDER rows of A5's two legs.
      '3 rows of another level of detail than EXECUTION were skipped: CLOSED_LOT ×1, ORDER ×2',
      '1 rows that are not options or VX futures were skipped: STK ×1',
    ],
  ],
  [
    // The times say EST, so the trader's zone does not apply: New York it is.
    SECTIONS,
    'Europe/Berlin',
    'U7654321',
    5,
    ['2 rows of other Flex sections (cash, positions…) were not read'],
  ],
] as const)('IBKR Flex %s', (file, zone, account, firstLine, warnings) => {
  const parsed = ibkrFlexParser.parse(fixture(file), { zone })

  it('reads A, B and C: 14 + 4 + 2 executions, nothing rejected', () => {
    expect(parsed.executions).toHaveLength(20)
    expect(parsed.rejected).toEqual([])
    expect(parsed.warnings).toEqual(warnings)
    expect(parsed.zone).toBe('America/New_York')
    expect(parsed.executions[0]!.line).toBe(firstLine)
    expect(parsed.executions.every((x) => x.account === account)).toBe(true)
  })

  it('A1: STO 2 SPXW 250613 6000 C @ 12.40 at 10:31:12 New York, order 381220001', () => {
    const [x] = bySymbol(parsed.executions, 'SPXW  250613C06000000')
    expect(x).toMatchObject({
      kind: 'trade',
      action: 'STO',
      quantity: 2,
      priceE4: 124_000,
      // Proceeds 2480 = −(−2) × 12.40 × 100.
      cashE4: 24_800_000,
      // IBCommission −3.32 (commission 2.00 + fees 1.32 combined) → commissionE4 3.32.
      commissionE4: 33_200,
      feesE4: 0,
      // 10:31:12 EDT = 14:31:12 UTC.
      executedAt: '2025-05-05T14:31:12.000Z',
      tradeDate: '2025-05-05',
      hasTime: true,
      orderId: '381220001',
      groupKey: '381220001',
    })
    expect(x!.execId).toBe(file === PLAIN ? '0000e1a2.67310002.01.01' : '8410002')
    expect(x!.contract).toEqual({
      instrument: 'option',
      underlying: 'SPX',
      root: 'SPXW',
      expiration: '2025-06-13',
      right: 'call',
      strikeE4: 60_000_000,
      multiplier: 100,
      symbol: 'SPXW  250613C06000000',
    })
  })

  it('A1 is one order: four legs share IBOrderID 381220001', () => {
    const legs = parsed.executions.filter((x) => x.orderId === '381220001')
    expect(legs.map((x) => x.action)).toEqual(['STO', 'BTO', 'STO', 'BTO'])
    // +2480 − 1020 + 2840 − 2060 = +2240.00
    expect(legs.reduce((s, x) => s + x.cashE4, 0)).toBe(22_400_000)
  })

  it('A2: BTC 2 of the June 13 call @ 30.50; a commission with 8 decimals is rounded to e4', () => {
    const [, btc] = bySymbol(parsed.executions, 'SPXW  250613C06000000')
    expect(btc).toMatchObject({ action: 'BTC', quantity: 2, priceE4: 305_000, cashE4: -61_000_000 })
    // Plain file: IBCommission −1.31999998 → 1.3200.
    expect(btc!.commissionE4).toBe(13_200)
  })

  it('A4 and B2: expirations at 0, the assigned SPXW call a cash settlement with no cash', () => {
    const [, , shortPut] = bySymbol(parsed.executions, 'SPXW  250613P05400000')
    expect(shortPut).toMatchObject({
      kind: 'expiration',
      action: 'BTC',
      quantity: 1,
      priceE4: 0,
      cashE4: 0,
      commissionE4: 0,
      orderId: null,
      // No order id: grouped by the instant (16:20 EDT = 20:20 UTC) + underlying.
      groupKey: '2025-06-13T20:20:00.000Z SPX',
    })
    const [, , longPut] = bySymbol(parsed.executions, 'SPXW  250613P05350000')
    expect(longPut).toMatchObject({
      kind: 'expiration',
      action: 'STC',
      groupKey: shortPut!.groupKey,
    })
    const [, assigned] = bySymbol(parsed.executions, 'SPXW  250620C05950000')
    // IBKR books the assignment at price 0 and pays the cash on a separate line: the importer
    // settles it from the stored SPX close (5967.84 → −1784.00).
    expect(assigned).toMatchObject({
      kind: 'cash_settlement',
      action: 'BTC',
      quantity: 1,
      cashE4: 0,
    })
    expect(assigned!.priceE4).toBeNull()
    const [, expired] = bySymbol(parsed.executions, 'SPXW  250620C06000000')
    expect(expired).toMatchObject({ kind: 'expiration', action: 'STC', quantity: 1 })
  })

  it('C: the VX future, June 2025, expires 2025-06-18 and moves no premium', () => {
    const [open, close] = bySymbol(parsed.executions, '/VXM5')
    expect(open).toMatchObject({
      kind: 'trade',
      action: 'BTO',
      quantity: 1,
      priceE4: 198_500,
      cashE4: 0,
      // IBCommission −3.25 = commission 1.85 + fees 1.40.
      commissionE4: 32_500,
      executedAt: '2025-05-05T14:45:00.000Z',
      orderId: '381220006',
    })
    expect(open!.contract).toEqual({
      instrument: 'future',
      underlying: 'VIX',
      root: 'VX',
      expiration: '2025-06-18',
      right: null,
      strikeE4: null,
      multiplier: 1000,
      symbol: '/VXM5',
    })
    expect(close).toMatchObject({
      action: 'STC',
      priceE4: 181_000,
      cashE4: 0,
      orderId: '381220007',
    })
    // (18.10 − 19.85) × 1000 = −1750.00: the matcher's arithmetic from these prices.
    expect(((close!.priceE4! - open!.priceE4!) * 1000) / 10_000).toBe(-1750)
  })

  it('premium per story: A +1225.00, B +2200.00 (the settlement cash is not in the file)', () => {
    // A: 2240 + 320 − 105 + 0 − 1230 = 1225.00
    expect(cashOf(parsed.executions, A)).toBe(12_250_000)
    // B: 4200 − 2000 = 2200.00
    expect(cashOf(parsed.executions, B)).toBe(22_000_000)
    // Costs A: 13.28 + 9.28 + 1.32 + 0 + 2.64 = 26.52; C: 2 × 3.25 = 6.50.
    const costs = (xs: Execution[]) => xs.reduce((s, x) => s + x.commissionE4 + x.feesE4, 0)
    expect(
      costs(
        parsed.executions.filter(
          (x) => A.includes(x.contract.expiration) && x.contract.instrument === 'option',
        ),
      ),
    ).toBe(265_200)
    expect(costs(bySymbol(parsed.executions, '/VXM5'))).toBe(65_000)
  })
})

describe('IBKR Flex rows', () => {
  const header =
    '"ClientAccountID","AssetClass","Symbol","UnderlyingSymbol","Multiplier","Expiry","TradeID","OrigTradeID","IBOrderID","DateTime","Buy/Sell","Open/CloseIndicator","Notes/Codes","Quantity","TradePrice","Proceeds","IBCommission"'
  const parse = (...rows: string[]) =>
    ibkrFlexParser.parse([header, ...rows].join('\n'), { zone: 'America/Chicago' })

  it('reads the DateTime forms in the chosen zone unless the text names one', () => {
    const z = 'America/Chicago'
    // 10:47:15 CDT = 15:47:15 UTC; 10:00 EST in January = 15:00 UTC; 10:15:22 CDT = 15:15:22.
    expect(ibkrDateTime('20250602;104715', z)?.utc).toBe('2025-06-02T15:47:15.000Z')
    expect(ibkrDateTime('2025-06-02;10:47:15', z)?.utc).toBe('2025-06-02T15:47:15.000Z')
    expect(ibkrDateTime('2026-01-05;10:00:00 EST', z)?.utc).toBe('2026-01-05T15:00:00.000Z')
    expect(ibkrDateTime('2026-07-14 10:15:22', z)?.utc).toBe('2026-07-14T15:15:22.000Z')
    expect(ibkrDateTime('2025-06-02, 10:47:15', z)?.utc).toBe('2025-06-02T15:47:15.000Z')
    expect(ibkrDateTime('20250602', z)).toMatchObject({ hasTime: false, date: '2025-06-02' })
    expect(ibkrDateTime('2025-06-31;10:00:00', z)).toBeNull()
  })

  it('rejects cancellations and the trade they cancel; other bad rows by name; the rest parse', () => {
    const p = parse(
      // 2: a good XSP sale at 10:47:15 Chicago time.
      '"U1","OPT","XSP   250620P00570000","XSP","100","20250620","11","","91","20250602;104715","SELL","O","O","-3","1.45","435","-2.0487"',
      // 3: a trade and 4: its cancellation.
      '"U1","OPT","XSP   250620P00560000","XSP","100","20250620","12","","91","20250602;104715","BUY","O","O","3","0.55","-165","-1.5"',
      '"U1","OPT","XSP   250620P00560000","XSP","100","20250620","13","12","91","20250602;104715","BUY (Ca.)","O","O;Ca","-3","0.55","165","1.5"',
      // 5: an ES future, 6: proceeds that do not match, 7: a rebate.
      '"U1","FUT","ESM5","ES","50","20250620","14","","92","20250602;110000","BUY","O","O","1","5900","","-2.25"',
      '"U1","OPT","XSP   250620C00600000","XSP","100","20250620","15","","93","20250602;110000","SELL","O","O","-1","1.00","150","-1"',
      '"U1","OPT","XSP   250620C00600000","XSP","100","20250620","16","","94","20250602;110000","SELL","O","O","-1","1.00","100","0.12"',
      // 8: an expiry that disagrees with the symbol.
      '"U1","OPT","XSP   250620C00610000","XSP","100","20250627","17","","95","20250602;110000","SELL","O","O","-1","1.00","100","-1"',
      // 9: a VX future whose Expiry is not the VIX settlement date.
      '"U1","FUT","VXM5","VIX","1000","20250619","18","","96","20250602;110000","BUY","O","O","1","19.85","","-3.25"',
    )
    expect(p.executions.map((x) => x.line)).toEqual([2, 7])
    expect(p.executions[0]).toMatchObject({
      action: 'STO',
      // IBCommission −2.0487 → 2.0487.
      commissionE4: 20_487,
      executedAt: '2025-06-02T15:47:15.000Z',
      contract: { root: 'XSP', underlying: 'XSP', symbol: 'XSP   250620P00570000' },
    })
    // The rebate is entered as 0.
    expect(p.executions[1]!.commissionE4).toBe(0)
    expect(p.warnings).toContain(
      'Line 7: the commission 0.12 is a rebate; costs cannot be negative, so it is entered as 0',
    )
    expect(p.rejected).toEqual([
      { line: 3, reason: 'cancelled by IBKR on line 4' },
      { line: 4, reason: 'cancelled by IBKR (BUY (Ca.)): a cancellation is not a trade' },
      { line: 5, reason: 'ESM5 is not a VX future: Wingman journals VX futures only' },
      {
        line: 6,
        reason: 'the proceeds $150.00 do not match −(-1) × $1.00 × 100 = $100.00',
      },
      {
        line: 8,
        reason:
          'the symbol XSP   250620C00610000 expires 2025-06-20 but the Expiry column says 2025-06-27',
      },
      {
        line: 9,
        reason:
          'the file says VXM5 expires 2025-06-19, but the VX future of 2025-06 settles on 2025-06-18',
      },
    ])
  })

  it('reads the BOS + plain header layout (header and trailer records, no section codes)', () => {
    const text = [
      '"BOF","U1","q","1","20250602","20250602","20250603;090000","1"',
      '"BOA","U1"',
      '"BOS","TRNT","Trades; trade date basis"',
      '"ClientAccountID","AssetClass","Symbol","TradeDate","DateTime","Quantity","TradePrice","IBCommission","Open/CloseIndicator","IBOrderID"',
      '"U1","OPT","XSP   250620P00570000","20250602","20250602;104715","-3","1.45","-2.05","O","77"',
      '"EOS","TRNT","1","0"',
      '"BOS","POST","Positions"',
      '"ClientAccountID","AssetClass","Symbol","Quantity","MarkPrice"',
      '"U1","OPT","XSP   250620P00570000","-3","1.2"',
      '"EOS","POST","1","0"',
      '"EOA","U1"',
      '"EOF","U1"',
    ].join('\n')
    const p = ibkrFlexParser.parse(text, NY)
    expect(p.rejected).toEqual([])
    expect(p.executions).toHaveLength(1)
    // No Proceeds column: cash = −(−3) × 1.45 × 100 = 435.00.
    expect(p.executions[0]).toMatchObject({
      line: 5,
      action: 'STO',
      cashE4: 4_350_000,
      orderId: '77',
    })
  })

  it('names a trades section that lacks needed columns', () => {
    const p = ibkrFlexParser.parse(
      '"ClientAccountID","Symbol","TradePrice"\n"U1","XSP   250620P00570000","1.45"\n',
      NY,
    )
    expect(p.executions).toEqual([])
    expect(p.rejected[0]).toEqual({
      line: 1,
      reason: 'the Flex trades section lacks Quantity, DateTime: add them to the Flex Query',
    })
  })
})

describe('ibkrFlexParser.detect', () => {
  it('claims both Flex layouts', () => {
    expect(ibkrFlexParser.detect(fixture(PLAIN))).toBe(true)
    expect(ibkrFlexParser.detect(fixture(SECTIONS))).toBe(true)
  })

  it('does not claim tastytrade or the other brokers', () => {
    expect(
      ibkrFlexParser.detect(
        'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency\n',
      ),
    ).toBe(false)
    expect(
      ibkrFlexParser.detect(
        'Date/Time,Transaction Code,Transaction Subcode,Symbol,Buy/Sell,Open/Close,Quantity,Expiration Date,Strike,Call/Put,Price,Fees,Amount,Description,Account Reference\n',
      ),
    ).toBe(false)
    // Every other broker's fixture (the three other formats of this task, tastytrade,
    // thinkorswim, Wingman's own fills), whatever the files are called.
    const others = otherFixtures('ibkr-flex')
    expect(others.length).toBeGreaterThanOrEqual(7)
    for (const other of others)
      expect([other, ibkrFlexParser.detect(fixture(other))]).toEqual([other, false])
  })
})
