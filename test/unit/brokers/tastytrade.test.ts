import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tastytradeParser } from '../../../electron/core/io/brokers/tastytrade.ts'
import type { Execution, ParsedTrades } from '../../../electron/core/io/brokers/types.ts'

const dir = join(import.meta.dirname, '../../fixtures/brokers')
const read = (path: string) => readFileSync(join(dir, path), 'utf8')
const NY = { zone: 'America/New_York' }
const parse = (text: string, zone = NY) => tastytradeParser.parse(text, zone)

const GENERATIONS = [
  'current-21.csv',
  'current-20.csv',
  '2023-18.csv',
  'tastyworks-16.csv',
  'legacy-transactions-15.csv',
] as const
/** Generations whose fixture carries story C (the doc gives no futures row for the others). */
const WITH_FUTURES = new Set(['current-21.csv', 'current-20.csv', '2023-18.csv'])

const sum = (xs: readonly Execution[], f: (e: Execution) => number) =>
  xs.reduce((s, e) => s + f(e), 0)
/** Story A: the SPXW 2025-06-13 and 2025-06-27 contracts; B: 2025-06-20; C: the VX future. */
const storyA = (r: ParsedTrades) =>
  r.executions.filter((e) => ['2025-06-13', '2025-06-27'].includes(e.contract.expiration))
const storyB = (r: ParsedTrades) =>
  r.executions.filter(
    (e) => e.contract.expiration === '2025-06-20' && e.contract.instrument === 'option',
  )
const find = (r: ParsedTrades, symbol: string, action: string, kind = 'trade') => {
  const hits = r.executions.filter(
    (e) => e.contract.symbol === symbol && e.action === action && e.kind === kind,
  )
  expect(hits).toHaveLength(1)
  return hits[0]!
}

describe.each(GENERATIONS)('tastytrade %s', (file) => {
  const r = parse(read(`tastytrade/${file}`))
  const futures = WITH_FUTURES.has(file)
  const legacy = file.startsWith('legacy')
  const hasOrderIds = !legacy && file !== 'tastyworks-16.csv'

  it('reads every row of the scenario and rejects none', () => {
    expect(r.rejected).toEqual([])
    // A: 4 + 4 + 2 + 2 expirations + 2 = 14 rows; B: 2 + the settlement + the expiry = 4;
    // C: 2 rows where the format carries futures.
    expect(r.executions).toHaveLength(14 + 4 + (futures ? 2 : 0))
    expect(r.zone).toBe(legacy ? 'America/New_York' : 'offset in file')
    // Rows stay in file order (newest first): the first is B2's settlement, the last A1's put.
    expect(r.executions[0]!.kind).toBe('cash_settlement')
    expect(r.executions.at(-1)!.contract.symbol).toBe('SPXW  250613P05350000')
  })

  it('reads A1 (STO 2 SPXW 2025-06-13 6000 C @ 12.40) exactly', () => {
    const e = find(r, 'SPXW  250613C06000000', 'STO')
    expect(e.quantity).toBe(2)
    expect(e.contract).toEqual({
      instrument: 'option',
      underlying: 'SPX',
      root: 'SPXW',
      expiration: '2025-06-13',
      right: 'call',
      strikeE4: 6000_0000,
      multiplier: 100,
      symbol: 'SPXW  250613C06000000',
    })
    expect(e.priceE4).toBe(12_4000) // Average Price 1,240.00 ÷ 100
    expect(e.cashE4).toBe(2480_0000) // 12.40 × 2 × 100
    if (legacy) {
      // The legacy layout has one Fees column: commission 2.00 + fees 1.32 = 3.32.
      expect([e.commissionE4, e.feesE4]).toEqual([0, 3_3200])
      // 05/05/2025 10:31 AM New York (EDT, UTC−4), minutes only.
      expect(e.executedAt).toBe('2025-05-05T14:31:00.000Z')
      expect(e.account).toBe('Individual 5WX00001')
    } else {
      expect([e.commissionE4, e.feesE4]).toEqual([2_0000, 1_3200]) // 2 × 1.00, 2 × 0.66
      expect(e.executedAt).toBe('2025-05-05T14:31:12.000Z') // 10:31:12-0400
      expect(e.account).toBeNull()
    }
    expect(e.tradeDate).toBe('2025-05-05')
    expect(e.hasTime).toBe(true)
    expect(e.execId).toBeNull()
    expect(e.orderId).toBe(hasOrderIds ? '381220001' : null)
  })

  it('groups the legs of one order: the Order #, else the exact Date text + underlying', () => {
    const a2 = r.executions.filter(
      (e) => e.tradeDate === '2025-05-19' && e.contract.root === 'SPXW',
    )
    expect(a2).toHaveLength(4)
    expect(new Set(a2.map((e) => e.orderId ?? e.groupKey)).size).toBe(1)
    if (!hasOrderIds)
      expect(a2[0]!.groupKey).toBe(
        legacy ? '05/19/2025 2:05 PM SPX' : '2025-05-19T14:05:40-0400 SPX',
      )
    // A2 is a roll: BTC + STC of 06-13 and STO + BTO of 06-27, net +320.00.
    expect(a2.map((e) => e.action).sort()).toEqual(['BTC', 'BTO', 'STC', 'STO'])
    expect(sum(a2, (e) => e.cashE4)).toBe(320_0000) // −6100 + 2960 + 7780 − 4320
  })

  it('reads the A4 expirations with their closing side, at no price and no cash', () => {
    const shortPut = find(r, 'SPXW  250613P05400000', 'BTC', 'expiration')
    const longPut = find(r, 'SPXW  250613P05350000', 'STC', 'expiration')
    for (const e of [shortPut, longPut]) {
      expect([e.quantity, e.priceE4, e.cashE4, e.commissionE4, e.feesE4]).toEqual([1, 0, 0, 0, 0])
      expect(e.orderId).toBeNull()
      // 8:00 PM New York on the expiry is already the 14th in UTC; the trade date stays the 13th.
      expect(e.executedAt).toBe('2025-06-14T00:00:00.000Z')
      expect(e.tradeDate).toBe('2025-06-13')
    }
    expect(shortPut.groupKey).toBe(longPut.groupKey)
  })

  it('reads B2 as a cash settlement of −1,784.00 and the long 6000 C as expired', () => {
    const s = find(r, 'SPXW  250620C05950000', 'BTC', 'cash_settlement')
    expect(s.quantity).toBe(1)
    expect(s.cashE4).toBe(-1784_0000) // Value "-1,784.00"
    expect(s.priceE4).toBe(17_8400) // 1784 ÷ (1 × 100) = 17.84 intrinsic
    find(r, 'SPXW  250620C06000000', 'STC', 'expiration')
  })

  it('sums the cash of each story and the costs as SCENARIO.md says', () => {
    // A: 2240 + 320 − 105 + 0 − 1230 = 1225.00
    expect(sum(storyA(r), (e) => e.cashE4)).toBe(1225_0000)
    // B: +2200 opening, −1784 settlement
    expect(sum(storyB(r), (e) => e.cashE4)).toBe(416_0000)
    // Costs: A 26.52 + B 3.32 (+ C 6.50 where carried) = 29.84 / 36.34
    const costs = sum(r.executions, (e) => e.commissionE4 + e.feesE4)
    expect(costs).toBe(futures ? 36_3400 : 29_8400)
    expect(sum(storyA(r), (e) => e.commissionE4 + e.feesE4)).toBe(26_5200)
    expect(sum(r.executions, (e) => e.quantity)).toBe(
      // A: 8 + 8 + 2 + 2 + 4 = 24; B: 4; C: 2
      24 + 4 + (futures ? 2 : 0),
    )
  })

  it('counts the money movements it skips in one warning', () => {
    const skipped = legacy ? 1 : 2
    expect(r.warnings).toContain(
      skipped === 1
        ? '1 row that is not an option or VX trade (a money movement, stock) was skipped'
        : `${skipped} rows that are not option or VX trades (money movements, stock) were skipped`,
    )
  })

  it('is detected as tastytrade', () => {
    expect(tastytradeParser.detect(read(`tastytrade/${file}`).slice(0, 65536))).toBe(true)
  })
})

describe('tastytrade VX futures (story C)', () => {
  it('reads /VXM5 as the June 2025 VX future, priced from the Description', () => {
    const r = parse(read('tastytrade/current-21.csv'))
    const buy = find(r, '/VXM5', 'BTO')
    expect(buy.contract).toEqual({
      instrument: 'future',
      underlying: 'VIX',
      root: 'VX',
      expiration: '2025-06-18', // vixExpiry(2025, 6)
      right: null,
      strikeE4: null,
      multiplier: 1000,
      symbol: '/VXM5',
    })
    expect(buy.priceE4).toBe(19_8500) // "Bought 1 /VXM5 @ 19.85"
    expect(buy.cashE4).toBe(0) // a future moves no premium
    expect([buy.commissionE4, buy.feesE4]).toEqual([1_8500, 1_4000])
    expect(buy.orderId).toBe('381220006')
    expect(buy.executedAt).toBe('2025-05-05T14:45:00.000Z')
    const sell = find(r, '/VXM5', 'STC')
    expect(sell.priceE4).toBe(18_1000)
    // C's P&L the matcher will compute: (18.10 − 19.85) × 1000 = −1750.00
    expect(((sell.priceE4! - buy.priceE4!) * 1000) / 1e4).toBe(-1750)
  })

  it('infers open / close from the file when the row says only BUY or SELL', () => {
    // current-20 has Sub Type "Buy" / "Sell"; 2023-18 has no Sub Type at all.
    for (const file of ['current-20.csv', '2023-18.csv']) {
      const r = parse(read(`tastytrade/${file}`))
      const buy = find(r, '/VXM5', 'BTO')
      find(r, '/VXM5', 'STC') // the SELL closes the long the file opened above it
      expect(r.warnings).toContain(
        `Line ${buy.line}: the file does not say whether this VX trade opens or closes; it is read as opening (no earlier trade of the contract in the file)`,
      )
    }
  })

  it('rejects futures other than VX and futures options, with the reason', () => {
    const header = read('tastytrade/current-21.csv').split('\n')[0]
    const text = [
      header,
      '2025-10-14T07:20:03-0700,Trade,Sell,SELL,/MCLZ5,Future,Sold 1 /MCLZ5 @ 57.92,0.00,1,0.00,-0.75,-0.82,,,,,,,413432751,-1.57,USD',
      '2026-03-30T08:51:16-0700,Trade,Sell to Open,SELL_TO_OPEN,./MESM6EXK6  260529P5800,Future Option,Sold 1 /MESM6 EXK6 05/29/26 Put 5800.00 @ 82.5,412.50,1,412.50,-0.75,-0.46,1,"./MESM6EXK6  ",/MESM6,5/29/26,5800,PUT,450551994,411.29,USD',
    ].join('\n')
    const r = parse(text)
    expect(r.executions).toEqual([])
    expect(r.rejected).toEqual([
      { line: 2, reason: '/MCLZ5 is not a VX future: Wingman journals VX futures only' },
      {
        line: 3,
        reason:
          './MESM6EXK6 260529P5800 is a futures option: Wingman journals index options and VX futures',
      },
    ])
  })
})

describe('tastytrade rows it cannot read', () => {
  const lines = read('tastytrade/current-21.csv').split('\n')

  it('rejects a bad row with its line and reason while the others parse', () => {
    const bad = [...lines]
    // Line 18 is A1's short call: Value 2,408.00 against 12.40 × 2 × 100 = 2,480.00.
    expect(bad[17]).toContain('"2,480.00",2,"1,240.00"')
    bad[17] = bad[17]!.replace('"2,480.00",2', '"2,408.00",2')
    // Line 8: B1's short call with a date that has no offset.
    bad[7] = bad[7]!.replace('2025-06-09T11:00:00-0400', '2025-06-09 11:00:00')
    // Line 10: a quantity that is not a number.
    bad[9] = bad[9]!.replace(',-210.00,1,-210.00,', ',-210.00,one,-210.00,')
    const r = parse(bad.join('\n'))
    expect(r.rejected).toEqual([
      {
        line: 8,
        reason:
          'the date "2025-06-09 11:00:00" is not a time with an offset (like 2025-06-02T10:47:15-0400)',
      },
      { line: 10, reason: 'the quantity "one" is not a whole number of contracts' },
      { line: 18, reason: 'the Value 2,408.00 is not the price 12.40 × 2 × 100 = 2480.00' },
    ])
    expect(r.executions).toHaveLength(20 - 3)
  })

  it('rejects a Value whose sign contradicts the action', () => {
    const bad = [...lines]
    bad[18] = bad[18]!.replace('"-1,020.00",2', '"1,020.00",2') // a BTO that receives cash
    const r = parse(bad.join('\n'))
    expect(r.rejected).toEqual([
      { line: 19, reason: 'the Value 1,020.00 is a credit but the row buys (BTO)' },
    ])
  })

  it('says so when the file is not a tastytrade export at all', () => {
    const r = parse('Symbol,Qty,Price\nSPX,1,2\n')
    expect(r.executions).toEqual([])
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]!.line).toBe(1)
    expect(r.rejected[0]!.reason).toMatch(/^this is not a tastytrade transactions file/)
  })

  it('rejects an unreadable CSV line on its own', () => {
    const bad = [...lines]
    bad[9] = bad[9]!.replace('Bought 1 SPXW', 'Bought "1" SPXW')
    const r = parse(bad.join('\n'))
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]!.line).toBe(10)
    expect(r.rejected[0]!.reason).toMatch(/^the line is not valid CSV/)
    expect(r.executions).toHaveLength(19)
  })

  it('keeps BTC for an expiration whose side neither the row nor the file tells, with a warning', () => {
    const text = [
      lines[0],
      '2025-06-13T20:00:00-0400,Receive Deliver,Expiration,,SPXW  250613P05400000,Equity Option,Removal of 1.0 SPXW 06/13/25 Put 5400.00 due to expiration.,0.00,1,0.00,--,0.00,100,SPXW,SPX,6/13/25,5400,PUT,,0.00,USD',
    ].join('\n')
    const r = parse(text)
    expect(r.executions[0]!.action).toBe('BTC')
    expect(r.warnings).toEqual([
      'Line 2: the expiration of SPXW 2025-06-13 5400 put does not say whether it was short or long, and the file does not show it opened: read as short (BTC)',
    ])
  })

  it('reads the side of an expiration with an empty Action from the trades above it', () => {
    // current-20 leaves Action empty on its expirations: the 5400 P was sold, the 5350 P bought.
    const r = parse(read('tastytrade/current-20.csv'))
    find(r, 'SPXW  250613P05400000', 'BTC', 'expiration')
    find(r, 'SPXW  250613P05350000', 'STC', 'expiration')
    find(r, 'SPXW  250620C06000000', 'STC', 'expiration')
    expect(r.warnings.filter((w) => w.includes('expiration'))).toEqual([])
  })
})

describe('tastytrade times', () => {
  it('reads a European offset (+0200) as the right UTC instant', () => {
    const header = read('tastytrade/current-21.csv').split('\n')[0]
    const r = parse(
      [
        header,
        '2025-06-02T17:15:03+0200,Trade,Buy to Close,BUY_TO_CLOSE,SPXW  250613P05400000,Equity Option,Bought 1 SPXW 06/13/25 Put 5400.00 @ 2.10,-210.00,1,-210.00,0.00,-0.66,100,SPXW,SPX,6/13/25,5400,PUT,381220003,-210.66,USD',
      ].join('\n'),
      { zone: 'America/Chicago' }, // ignored: the file has its own offset
    )
    const e = r.executions[0]!
    expect(e.executedAt).toBe('2025-06-02T15:15:03.000Z') // 17:15:03 − 2 h = 11:15:03 New York
    expect(e.tradeDate).toBe('2025-06-02')
    expect(r.zone).toBe('offset in file')
  })

  it('reads legacy wall-clock times in the chosen zone', () => {
    const text = read('tastytrade/legacy-transactions-15.csv')
    const ny = parse(text).executions.at(-1)!
    const chicago = parse(text, { zone: 'America/Chicago' })
    const e = chicago.executions.at(-1)!
    expect(ny.executedAt).toBe('2025-05-05T14:31:00.000Z') // 10:31 AM EDT
    expect(e.executedAt).toBe('2025-05-05T15:31:00.000Z') // 10:31 AM CDT (UTC−5)
    expect(chicago.zone).toBe('America/Chicago')
  })
})

describe('tastytrade detect', () => {
  it('is false for other brokers’ files and for a header that is not tastytrade’s', () => {
    expect(tastytradeParser.detect(read('thinkorswim/account-statement.csv'))).toBe(false)
    expect(tastytradeParser.detect(read('thinkorswim/paper-money.csv'))).toBe(false)
    expect(tastytradeParser.detect(read('wingman/fills.csv'))).toBe(false)
    expect(
      tastytradeParser.detect(
        '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"\n',
      ),
    ).toBe(false)
    expect(tastytradeParser.detect('')).toBe(false)
  })

  it('reads a head cut off inside a quoted field', () => {
    const text = read('tastytrade/current-21.csv')
    expect(tastytradeParser.detect(text.slice(0, text.indexOf('"2,480') + 3))).toBe(true)
  })
})
