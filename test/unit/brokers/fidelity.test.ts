/**
 * Fidelity history CSV → executions, checked against SCENARIO.md by hand. Fidelity prints dates
 * only, no order id, signed quantities, Commission and Fees apart, and an Amount net of both.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fidelityParser } from '../../../electron/core/io/brokers/fidelity.ts'
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

const SINGLE = 'fidelity/history-single-account.csv'
const PRICE_FIRST = 'fidelity/history-price-first.csv'
const ALL_ACCOUNTS = 'fidelity/history-all-accounts.csv'

const cashOf = (xs: Execution[], expirations: string[]) =>
  xs.filter((x) => expirations.includes(x.contract.expiration)).reduce((s, x) => s + x.cashE4, 0)
const A = ['2025-06-13', '2025-06-27']
const B = ['2025-06-20']
const find = (xs: Execution[], symbol: string, tradeDate: string) =>
  xs.filter((x) => x.contract.symbol === symbol && x.tradeDate === tradeDate)

describe.each([
  // file, account, line of the first row, B2 settlement cash in the file (e4)
  [SINGLE, null, 4, -17_840_000],
  [PRICE_FIRST, null, 4, 0],
  [ALL_ACCOUNTS, 'Z12345678', 3, 0],
] as const)('Fidelity %s', (file, account, firstLine, settlementE4) => {
  const parsed = fidelityParser.parse(fixture(file), NY)

  it('reads every option row of stories A and B; blank lines, disclaimers and cash rows aside', () => {
    // A: 4 (A1) + 4 (A2) + 2 (A3) + 2 expirations (A4) + 2 (A5) = 14; B: 2 (B1) + 2 events (B2).
    expect(parsed.executions).toHaveLength(18)
    expect(parsed.rejected).toEqual([])
    expect(parsed.warnings).toEqual([
      file === ALL_ACCOUNTS
        ? // The second account's VOO dividend is skipped too.
          '3 rows that are not option trades were skipped: DIVIDEND RECEIVED ×2, ELECTRONIC FUNDS ×1'
        : '2 rows that are not option trades were skipped: DIVIDEND RECEIVED ×1, ELECTRONIC FUNDS ×1',
    ])
    expect(parsed.executions.every((x) => x.account === account)).toBe(true)
    expect(parsed.executions[0]!.line).toBe(firstLine)
  })

  it('A1: STO 2 SPXW 2025-06-13 6000 C @ 12.40 (quantity −2 in the file)', () => {
    const [x] = find(parsed.executions, 'SPXW  250613C06000000', '2025-05-05')
    expect(x).toMatchObject({
      kind: 'trade',
      action: 'STO',
      quantity: 2,
      priceE4: 124_000,
      // Amount 2476.68 + commission 2.00 + fees 1.32 = 2480.00 = 12.40 × 2 × 100.
      cashE4: 24_800_000,
      commissionE4: 20_000,
      feesE4: 13_200,
      executedAt: '2025-05-05T20:00:00.000Z',
      tradeDate: '2025-05-05',
      hasTime: false,
      orderId: null,
      execId: null,
      groupKey: `${account ? `${account} ` : ''}2025-05-05 SPX 2025-06-13`,
    })
    expect(x!.contract).toMatchObject({ root: 'SPXW', underlying: 'SPX', multiplier: 100 })
  })

  it('A3: BTC 1 5400 P @ 2.10 with no commission, fees 0.66', () => {
    const [x] = find(parsed.executions, 'SPXW  250613P05400000', '2025-06-02')
    // Amount −210.66 + 0 + 0.66 = −210.00 = −2.10 × 1 × 100.
    expect(x).toMatchObject({
      action: 'BTC',
      quantity: 1,
      priceE4: 21_000,
      cashE4: -2_100_000,
      commissionE4: 0,
      feesE4: 6_600,
    })
  })

  it('A4: "EXPIRED as of 06/13/2025", posted 06/16, is dated 06/13', () => {
    const [short] = find(parsed.executions, 'SPXW  250613P05400000', '2025-06-13')
    const [long] = find(parsed.executions, 'SPXW  250613P05350000', '2025-06-13')
    // +1 closed the short put (BTC), −1 the long put (STC).
    expect(short).toMatchObject({ kind: 'expiration', action: 'BTC', quantity: 1, priceE4: 0 })
    expect(long).toMatchObject({ kind: 'expiration', action: 'STC', quantity: 1, priceE4: 0 })
    expect(short!.executedAt).toBe('2025-06-13T20:00:00.000Z')
    expect(short!.cashE4 + long!.cashE4).toBe(0)
  })

  it('B2: "ASSIGNED as of 06/20/2025" is a cash settlement, with its cash where the row shows it', () => {
    const [x] = find(parsed.executions, 'SPXW  250620C05950000', '2025-06-20')
    expect(x).toMatchObject({ kind: 'cash_settlement', action: 'BTC', quantity: 1 })
    expect(x!.cashE4).toBe(settlementE4)
    // −1784.00 / (1 × 100) = 17.84 per point; no Amount → no price (the importer settles it).
    expect(x!.priceE4).toBe(settlementE4 === 0 ? null : 178_400)
  })

  it('premium per story: A +1225.00, B +2200.00 plus the settlement the file shows', () => {
    // A: 2240 + 320 − 105 + 0 − 1230 = 1225.00.
    expect(cashOf(parsed.executions, A)).toBe(12_250_000)
    // B: 4200 − 2000 = 2200.00, − 1784.00 where the assignment row shows it = 416.00.
    expect(cashOf(parsed.executions, B)).toBe(22_000_000 + settlementE4)
    // Costs: A commission 4 × 2 × 1.00 = 8.00 + 2 × 2.00 = 4.00 → 12.00; fees 5.28 + 5.28 +
    // 1.32 + 2.64 = 14.52; together 26.52.
    const ofA = parsed.executions.filter((x) => A.includes(x.contract.expiration))
    expect(ofA.reduce((s, x) => s + x.commissionE4, 0)).toBe(120_000)
    expect(ofA.reduce((s, x) => s + x.feesE4, 0)).toBe(145_200)
  })
})

describe('Fidelity rows', () => {
  const header =
    'Run Date,Action,Symbol,Description,Type,Quantity,Price ($),Commission ($),Fees ($),Accrued Interest ($),Amount ($),Cash Balance ($),Settlement Date'
  const parse = (...rows: string[]) => fidelityParser.parse([header, ...rows].join('\n'), NY)

  it('reads the public symbol forms: -MU250117P100, -MU251003P157.5, -SPY221118P394', () => {
    const p = parse(
      '01/02/2025,YOU SOLD OPENING TRANSACTION PUT (MU) MICRON TECHNOLOGY JAN 17 25 $100 (100 SHS) (Cash),-MU250117P100,PUT (MU),Cash,-1,2.50,0.65,0.02,,249.33,,01/03/2025',
      '09/25/2025,YOU BOUGHT OPENING TRANSACTION PUT (MU) MICRON OCT 03 25 $157.5 (100 SHS) (Cash),-MU251003P157.5,PUT (MU),Cash,1,1.00,0.65,0.02,,-100.67,,09/26/2025',
      ' 11/16/2022, YOU BOUGHT CLOSING TRANSACTION 22320H4GOD PUT (SPY) SPDR S&P500 ETF NOV 18 22 $394 (100 SHS) (Cash), -SPY221118P394,PUT (SPY),Cash,3,0.50,0,0.07,,-150.07,,11/17/2022',
    )
    expect(p.rejected).toEqual([])
    expect(p.executions.map((x) => [x.action, x.contract.symbol, x.contract.strikeE4])).toEqual([
      ['STO', 'MU    250117P00100000', 1_000_000],
      ['BTO', 'MU    251003P00157500', 1_575_000],
      ['BTC', 'SPY   221118P00394000', 3_940_000],
    ])
  })

  it('rejects a bad row with its line and reason, and reads the rest', () => {
    const p = parse(
      // 1 × 2.50 × 100 = 250.00, but 240.00 + 0.65 + 0.02 = 240.67.
      '01/02/2025,YOU SOLD OPENING TRANSACTION PUT (MU) (Cash),-MU250117P100,PUT (MU),Cash,-1,2.50,0.65,0.02,,240.00,,01/03/2025',
      '01/02/2025,YOU SOLD OPENING TRANSACTION PUT (MU) (Cash),-MU250117P100,PUT (MU),Cash,-1,2.50,0.65,0.02,,249.33,,01/03/2025',
      '01/17/2025,EXPIRED as of 01/17/2025 PUT (MU) (Cash),-MU250117P100,PUT (MU),Cash,0,,,,,0.00,,',
      '13/45/2025,YOU SOLD OPENING TRANSACTION PUT (MU) (Cash),-MU250117P100,PUT (MU),Cash,-1,2.50,0.65,0.02,,249.33,,',
    )
    expect(p.executions).toHaveLength(1)
    expect(p.executions[0]!.line).toBe(3)
    expect(p.rejected).toEqual([
      {
        line: 2,
        reason:
          'the amount $240.00 + commission $0.65 + fees $0.02 = $240.67 does not match 1 × $2.50 × 100 = $250.00',
      },
      {
        line: 4,
        reason:
          'the quantity "0" is not a whole number of contracts (its sign says whether the short or the long expired)',
      },
      { line: 5, reason: 'the Run Date "13/45/2025" is not a date (MM/DD/YYYY)' },
    ])
  })

  it('an equity assignment closes the short put with no price; the stock leg is skipped', () => {
    const p = parse(
      '01/21/2025,ASSIGNED as of Jan-17-2025 PUT (MU) MICRON JAN 17 25 $100 (100 SHS) (Cash),-MU250117P100,PUT (MU),Cash,1,,,,,0.00,,',
      '01/21/2025,YOU BOUGHT ASSIGNED PUTS AS OF 01-17-25 MICRON TECHNOLOGY (MU) (Cash),MU,MICRON,Cash,100,100,0,0,,-10000.00,,01/22/2025',
    )
    expect(p.executions).toHaveLength(1)
    expect(p.executions[0]).toMatchObject({
      kind: 'assignment',
      action: 'BTC',
      quantity: 1,
      priceE4: null,
      cashE4: 0,
      tradeDate: '2025-01-17',
    })
    expect(p.warnings).toEqual(['1 rows that are not option trades were skipped: YOU BOUGHT ×1'])
  })
})

describe('fidelityParser.detect', () => {
  it('claims its single-account, price-first and all-accounts files', () => {
    for (const f of [SINGLE, PRICE_FIRST, ALL_ACCOUNTS])
      expect(fidelityParser.detect(fixture(f))).toBe(true)
  })

  it('does not claim tastytrade or the other brokers', () => {
    expect(
      fidelityParser.detect(
        'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency\n',
      ),
    ).toBe(false)
    // Every other broker's fixture (the three other formats of this task, tastytrade,
    // thinkorswim, Wingman's own fills), whatever the files are called.
    const others = otherFixtures('fidelity')
    expect(others.length).toBeGreaterThanOrEqual(7)
    for (const other of others)
      expect([other, fidelityParser.detect(fixture(other))]).toEqual([other, false])
  })
})
