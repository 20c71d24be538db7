/**
 * Schwab Transactions CSV → executions, checked against SCENARIO.md by hand. Schwab prints
 * dates only, no order id, `Fees & Comm` combined (→ commissionE4) and an Amount net of it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { schwabParser } from '../../../electron/core/io/brokers/schwab.ts'
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

const CURRENT = 'schwab/transactions-2025.csv'
const TITLE_2014 = 'schwab/transactions-2014-title.csv'

/** Premium cash (e4) of the executions on these expirations. */
const cashOf = (xs: Execution[], expirations: string[]) =>
  xs.filter((x) => expirations.includes(x.contract.expiration)).reduce((s, x) => s + x.cashE4, 0)
const A = ['2025-06-13', '2025-06-27']
const B = ['2025-06-20']

const find = (xs: Execution[], symbol: string, tradeDate: string) =>
  xs.filter((x) => x.contract.symbol === symbol && x.tradeDate === tradeDate)

describe.each([
  [CURRENT, null],
  [TITLE_2014, 'XXXX-3910'],
])('Schwab %s', (file, account) => {
  const parsed = schwabParser.parse(fixture(file), NY)

  it('reads every option row of stories A and B, skipping the rest with one warning', () => {
    // A: 4 (A1) + 4 (A2) + 2 (A3) + 2 expirations (A4) + 2 (A5) = 14; B: 2 (B1) + 2 events (B2).
    expect(parsed.executions).toHaveLength(18)
    expect(parsed.rejected).toEqual([])
    // The dividend, the SPY stock buy and the MoneyLink transfer.
    expect(parsed.warnings).toEqual([
      '3 rows that are not option trades were skipped: Qualified Dividend ×1, Buy ×1, MoneyLink Transfer ×1',
    ])
    expect(parsed.broker).toBe('schwab')
    expect(parsed.executions.every((x) => x.account === account)).toBe(true)
  })

  it('A1: STO 2 SPXW 2025-06-13 6000 C @ 12.40, date only, grouped by date + underlying + expiry', () => {
    const [x] = find(parsed.executions, 'SPXW  250613C06000000', '2025-05-05')
    expect(x).toMatchObject({
      kind: 'trade',
      action: 'STO',
      quantity: 2,
      priceE4: 124_000,
      // Amount "$2,476.68" + Fees & Comm $3.32 = 2480.00 = 12.40 × 2 × 100.
      cashE4: 24_800_000,
      // Fees & Comm 3.32 (commission 2 × 1.00 + fees 2 × 0.66), all in commissionE4.
      commissionE4: 33_200,
      feesE4: 0,
      // Date only: 16:00 New York (EDT, UTC−4) = 20:00 UTC.
      executedAt: '2025-05-05T20:00:00.000Z',
      tradeDate: '2025-05-05',
      hasTime: false,
      orderId: null,
      execId: null,
      groupKey: '2025-05-05 SPX 2025-06-13',
    })
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

  it('A2 roll: BTC the June 13 call, STO the June 27 call', () => {
    const [btc] = find(parsed.executions, 'SPXW  250613C06000000', '2025-05-19')
    // Amount −6101.32 + fees 1.32 = −6100.00 = −30.50 × 2 × 100.
    expect(btc).toMatchObject({ action: 'BTC', quantity: 2, priceE4: 305_000, cashE4: -61_000_000 })
    expect(btc!.commissionE4).toBe(13_200)
    const [sto] = find(parsed.executions, 'SPXW  250627C06000000', '2025-05-19')
    // Amount "$7,776.68" + 3.32 = 7780.00 = 38.90 × 2 × 100.
    expect(sto).toMatchObject({ action: 'STO', quantity: 2, priceE4: 389_000, cashE4: 77_800_000 })
    expect(sto!.groupKey).toBe('2025-05-19 SPX 2025-06-27')
  })

  it('A4: the two puts expire (+1 closed the short → BTC, −1 closed the long → STC)', () => {
    const [short] = find(parsed.executions, 'SPXW  250613P05400000', '2025-06-13')
    const [long] = find(parsed.executions, 'SPXW  250613P05350000', '2025-06-13')
    expect(short).toMatchObject({ kind: 'expiration', action: 'BTC', quantity: 1, priceE4: 0 })
    expect(long).toMatchObject({ kind: 'expiration', action: 'STC', quantity: 1, priceE4: 0 })
    expect(short!.cashE4 + long!.cashE4 + short!.commissionE4 + long!.commissionE4).toBe(0)
  })

  it('B2: the assigned SPXW call is a cash settlement with no cash in the file', () => {
    const [x] = find(parsed.executions, 'SPXW  250620C05950000', '2025-06-20')
    // Schwab's Assigned row has no Amount: priceE4 null, cash 0 — the importer settles it
    // from the stored SPX close (5967.84 → −1784.00).
    expect(x).toMatchObject({ kind: 'cash_settlement', action: 'BTC', quantity: 1 })
    expect(x!.priceE4).toBeNull()
    expect(x!.cashE4).toBe(0)
    const [expired] = find(parsed.executions, 'SPXW  250620C06000000', '2025-06-20')
    expect(expired).toMatchObject({ kind: 'expiration', action: 'STC', quantity: 1 })
  })

  it('premium per story: A +1225.00, B +2200.00 (no settlement cash in the file)', () => {
    // A: 2240 + 320 − 105 + 0 − 1230 = 1225.00.
    expect(cashOf(parsed.executions, A)).toBe(12_250_000)
    // B: 4200 − 2000 = 2200.00; the assignment row carries no cash.
    expect(cashOf(parsed.executions, B)).toBe(22_000_000)
    // Costs: A 26.52, B 3.32 — all of it in commissionE4.
    const costs = (e: string[]) =>
      parsed.executions
        .filter((x) => e.includes(x.contract.expiration))
        .reduce((s, x) => s + x.commissionE4 + x.feesE4, 0)
    expect(costs(A)).toBe(265_200)
    expect(costs(B)).toBe(33_200)
  })

  it('keeps file order (newest first) and line numbers', () => {
    const first = parsed.executions[0]!
    expect(first.tradeDate).toBe('2025-06-20')
    // The header is line 1 (current) or 2 (after the 2014 title line); the first row follows it.
    expect(first.line).toBe(file === CURRENT ? 2 : 3)
  })
})

describe('Schwab rows', () => {
  const header = '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"'
  const parse = (...rows: string[]) => schwabParser.parse([header, ...rows].join('\n'), NY)

  it('takes the first date of "MM/DD/YYYY as of MM/DD/YYYY"', () => {
    const p = parse(
      '"06/03/2025 as of 06/02/2025","Sell to Open","XSP 06/20/2025 570.00 P","PUT","3","$1.45","$2.13","$432.87"',
    )
    // 3 × 1.45 × 100 = 435.00 = 432.87 + 2.13.
    expect(p.executions[0]).toMatchObject({
      tradeDate: '2025-06-03',
      cashE4: 4_350_000,
      commissionE4: 21_300,
      contract: { root: 'XSP', underlying: 'XSP', symbol: 'XSP   250620P00570000' },
    })
  })

  it('dates an expiration by its "as of" date, the day the contract expired', () => {
    const p = parse(
      '"06/16/2025 as of 06/13/2025","Expired","SPXW 06/13/2025 5400.00 P","PUT","1","","",""',
    )
    // Posted on Monday the 16th; the option expired on Friday the 13th.
    expect(p.executions[0]).toMatchObject({ kind: 'expiration', tradeDate: '2025-06-13' })
  })

  it('rejects a row whose Amount does not match price × quantity × 100, and reads the rest', () => {
    const p = parse(
      // 3 × 0.55 × 100 = 165.00, but −170.00 + 2.13 = −167.87: off by 2.87, more than 3 cents.
      '"06/02/2025","Buy to Open","XSP 06/20/2025 560.00 P","PUT","3","$0.55","$2.13","-$170.00"',
      '"06/02/2025","Buy to Open","XSP 06/20/2025 560.00 P","PUT","3","$0.55","$2.13","-$167.13"',
      '"06/02/2025","Sell to Open","XSP 06/20/2025 BAD P","PUT","3","$1.45","$2.13","$432.87"',
    )
    expect(p.executions).toHaveLength(1)
    expect(p.executions[0]).toMatchObject({ line: 3, action: 'BTO', cashE4: -1_650_000 })
    expect(p.rejected).toEqual([
      {
        line: 2,
        reason:
          'the amount -$170.00 + fees $2.13 = -$167.87 does not match 3 × $0.55 × 100 = -$165.00',
      },
      {
        line: 4,
        reason:
          '"XSP 06/20/2025 BAD P" is not an option symbol Wingman can read (ROOT MM/DD/YYYY STRIKE C|P)',
      },
    ])
  })

  it('accepts a difference of up to a cent per contract', () => {
    // 3 × 1.45 × 100 = 435.00; 432.90 + 2.13 = 435.03 (3 contracts → 3 cents allowed).
    const p = parse(
      '"06/02/2025","Sell to Open","XSP 06/20/2025 570.00 P","PUT","3","$1.45","$2.13","$432.90"',
    )
    expect(p.rejected).toEqual([])
    expect(p.executions[0]!.cashE4).toBe(4_350_300)
  })

  it('a cash-settled assignment with an Amount keeps its cash; an equity one is an assignment', () => {
    const p = parse(
      '"06/20/2025","Assigned","SPXW 06/20/2025 5950.00 C","CALL","1","","","-$1,784.00"',
      '"04/11/2025","Assigned","PLTR 04/11/2025 83.00 P","PUT","1","","",""',
    )
    expect(p.executions[0]).toMatchObject({
      kind: 'cash_settlement',
      action: 'BTC',
      cashE4: -17_840_000,
      priceE4: 178_400,
    })
    expect(p.executions[1]).toMatchObject({
      kind: 'assignment',
      action: 'BTC',
      priceE4: null,
      cashE4: 0,
      contract: { root: 'PLTR', underlying: 'PLTR', symbol: 'PLTR  250411P00083000' },
    })
  })

  it('a line that is not valid CSV is rejected with its line; the lines after it are read', () => {
    const p = parse(
      '"06/02/2025","Sell to Open","XSP 06/20/2025 570.00 P","PUT "bad" quote","3","$1.45","$2.13","$432.87"',
      '"06/02/2025","Buy to Open","XSP 06/20/2025 560.00 P","PUT","3","$0.55","$2.13","-$167.13"',
    )
    expect(p.rejected).toEqual([
      {
        line: 2,
        reason: 'this line is not readable CSV (unexpected character after a closing quote)',
      },
    ])
    expect(p.executions.map((x) => [x.line, x.action])).toEqual([[3, 'BTO']])
  })

  it('names a file without the header instead of throwing', () => {
    const p = schwabParser.parse('hello,world\n1,2\n', NY)
    expect(p.executions).toEqual([])
    expect(p.rejected[0]!.reason).toMatch(/no Schwab transactions header/)
  })
})

describe('schwabParser.detect', () => {
  it('claims both Schwab header generations', () => {
    expect(schwabParser.detect(fixture(CURRENT))).toBe(true)
    expect(schwabParser.detect(fixture(TITLE_2014))).toBe(true)
  })

  it('does not claim tastytrade or the other brokers', () => {
    expect(
      schwabParser.detect(
        'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency\n',
      ),
    ).toBe(false)
    // Every other broker's fixture (the three other formats of this task, tastytrade,
    // thinkorswim, Wingman's own fills), whatever the files are called.
    const others = otherFixtures('schwab')
    expect(others.length).toBeGreaterThanOrEqual(7)
    for (const other of others)
      expect([other, schwabParser.detect(fixture(other))]).toEqual([other, false])
  })
})
