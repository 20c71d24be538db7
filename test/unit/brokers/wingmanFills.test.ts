import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Execution } from '../../../electron/core/io/brokers/types.ts'
import {
  WINGMAN_FILLS_HEADER,
  wingmanFillsParser,
} from '../../../electron/core/io/brokers/wingmanFills.ts'

const dir = join(import.meta.dirname, '../../fixtures/brokers')
const read = (path: string) => readFileSync(join(dir, path), 'utf8')
const parse = (text: string) => wingmanFillsParser.parse(text, { zone: 'America/New_York' })
const sum = (xs: readonly Execution[], f: (e: Execution) => number) =>
  xs.reduce((s, e) => s + f(e), 0)

const text = read('wingman/fills.csv')
const lines = text.replace(/^\ufeff/, '').split('\r\n')
const header = lines[0]!
/** Fill 1 (A1's short 6000 call), as the fixture writes it. */
const FILL_1 = lines[1]!

describe('Wingman fills CSV fixture', () => {
  const r = parse(text)

  it('has the header Wingman writes, BOM and CRLF', () => {
    expect(text.startsWith('\ufeff')).toBe(true)
    expect(header.split(',')).toEqual([...WINGMAN_FILLS_HEADER])
    expect(text.includes('\r\n')).toBe(true)
  })

  it('reads every fill of the scenario and rejects none', () => {
    // A: 4 + 4 + 2 + 2 + 2 = 14 fills; B: 2 + 2 = 4; C: 2.
    expect(r.executions).toHaveLength(20)
    expect(r.rejected).toEqual([])
    expect(r.warnings).toEqual([])
  })

  it('reads fill 1 exactly, with its journal grouping', () => {
    expect(r.executions[0]).toEqual({
      line: 2,
      kind: 'trade',
      action: 'STO',
      quantity: 2,
      contract: {
        instrument: 'option',
        underlying: 'SPX',
        root: 'SPXW',
        expiration: '2025-06-13',
        right: 'call',
        strikeE4: 6000_0000,
        multiplier: 100,
        symbol: 'SPXW  250613C06000000',
      },
      priceE4: 12_4000, // "12.4"
      cashE4: 2480_0000, // 12.4 × 2 × 100
      commissionE4: 0,
      feesE4: 3_3200, // commission 2.00 + fees 1.32, as the journal stores them on the fill
      executedAt: '2025-05-05T14:31:12.000Z', // 2025-05-05 10:31:12 New York (EDT)
      tradeDate: '2025-05-05',
      hasTime: true,
      orderId: 'wingman-adj:1',
      execId: 'wingman-fill:1', // no broker exec id
      groupKey: '1',
      account: 'Individual',
      journal: {
        positionKey: '1',
        adjustmentKind: 'open',
        hedgeLayer: null,
        adjustmentFeesE4: 0,
        adjustmentNetPriceE4: 11_2000, // 12.40 − 5.10 + 14.20 − 10.30 credit
      },
    })
  })

  it('reads the VX hedge (C) in hedge layer 1 of position A', () => {
    const c = r.executions.filter((e) => e.contract.instrument === 'future')
    expect(c.map((e) => [e.action, e.priceE4, e.cashE4, e.feesE4])).toEqual([
      ['BTO', 19_8500, 0, 3_2500], // 1.85 + 1.40
      ['STC', 18_1000, 0, 3_2500],
    ])
    expect(c[0]!.contract.symbol).toBe('/VXM5')
    expect(c[0]!.contract.expiration).toBe('2025-06-18')
    expect(c[0]!.contract.multiplier).toBe(1000)
    expect(c[0]!.execId).toBe('0000e1a2.5b3c.01.01') // the broker's exec id is kept
    expect(c.map((e) => e.journal)).toEqual([
      {
        positionKey: '1',
        adjustmentKind: 'hedge_add',
        hedgeLayer: 1,
        adjustmentFeesE4: 0,
        adjustmentNetPriceE4: null,
      },
      {
        positionKey: '1',
        adjustmentKind: 'hedge_remove',
        hedgeLayer: 1,
        adjustmentFeesE4: 0,
        adjustmentNetPriceE4: null,
      },
    ])
  })

  it('reads expire fills at 0 as expirations and the settled short call as a priced close', () => {
    const expire = r.executions.filter((e) => e.journal!.adjustmentKind === 'expire')
    expect(expire.map((e) => [e.kind, e.action, e.contract.symbol, e.priceE4, e.cashE4])).toEqual([
      ['expiration', 'BTC', 'SPXW  250613P05400000', 0, 0],
      ['expiration', 'STC', 'SPXW  250613P05350000', 0, 0],
      // B2: intrinsic 5967.84 − 5950 = 17.84; 17.84 × 100 = −1784.00 paid
      ['trade', 'BTC', 'SPXW  250620C05950000', 17_8400, -1784_0000],
      ['expiration', 'STC', 'SPXW  250620C06000000', 0, 0],
    ])
    // Wingman books expirations at 16:00 New York = 20:00Z in June.
    expect(expire[0]!.executedAt).toBe('2025-06-13T20:00:00.000Z')
  })

  it('sums each story’s cash and the costs as SCENARIO.md says', () => {
    const byPosition = (key: string) => r.executions.filter((e) => e.journal!.positionKey === key)
    const a = byPosition('1').filter((e) => e.contract.instrument === 'option')
    expect(sum(a, (e) => e.cashE4)).toBe(1225_0000) // 2240 + 320 − 105 + 0 − 1230
    expect(sum(byPosition('2'), (e) => e.cashE4)).toBe(416_0000) // 2200 − 1784
    expect(sum(a, (e) => e.feesE4)).toBe(26_5200)
    // A 26.52 + B 3.32 + C 6.50 = 36.34, all on the fills; no adjustment-level fees.
    expect(sum(r.executions, (e) => e.feesE4 + e.commissionE4)).toBe(36_3400)
    expect(r.executions.every((e) => e.journal!.adjustmentFeesE4 === 0)).toBe(true)
    // One group per adjustment: 9 adjustments.
    expect(new Set(r.executions.map((e) => e.orderId)).size).toBe(9)
  })

  it('is detected as a Wingman fills file', () => {
    expect(wingmanFillsParser.detect(text.slice(0, 65536))).toBe(true)
  })
})

describe('Wingman fills CSV rows', () => {
  it('reads columns by name, in any order', () => {
    const cols = header.split(',')
    const order = [...cols.keys()].reverse()
    const shuffle = (line: string) => {
      const cells = line.split(',')
      return order.map((i) => cells[i]).join(',')
    }
    const r = parse([shuffle(header), shuffle(FILL_1)].join('\r\n'))
    expect(r.rejected).toEqual([])
    expect(r.executions[0]!.contract.symbol).toBe('SPXW  250613C06000000')
    expect(r.executions[0]!.cashE4).toBe(2480_0000)
  })

  it('strips the formula guard’s apostrophe from text cells', () => {
    const row = FILL_1.replace(',Individual,', ",'-IRA @home,").replace(/,$/, ",'=X1")
    const e = parse([header, row].join('\r\n')).executions[0]!
    expect(e.account).toBe('-IRA @home')
    expect(e.execId).toBe('=X1')
  })

  it('rejects a bad row with its line and reason while the others parse', () => {
    const bad = [...lines]
    bad[2] = bad[2]!.replace(',6050,100,', ',6O50,100,') // line 3: the strike
    bad[3] = bad[3]!.replace('SPXW  250613P05400000', 'SPXW  250613P05450000') // line 4
    bad[4] = bad[4]!.replace('2025-05-05T14:31:12.000Z', '2025-05-05T10:31:12.000Z') // line 5
    bad[6] = bad[6]!.replace(',buy,close,BTC,', ',sell,close,BTC,') // line 7
    bad[7] = bad[7]!.replace(',2,14.8,', ',two,14.8,') // line 8
    const r = parse(bad.join('\r\n'))
    expect(r.rejected).toEqual([
      { line: 3, reason: 'the strike "6O50" is not a number' },
      { line: 4, reason: 'the occ SPXW  250613P05450000 does not match the strike 5400' },
      {
        line: 5,
        reason:
          'executed_at_new_york 2025-05-05 10:31:12 and executed_at_utc 2025-05-05T10:31:12.000Z are not the same instant',
      },
      { line: 7, reason: 'the side "sell" contradicts the action BTC' },
      { line: 8, reason: 'the quantity "two" is not a whole number of contracts' },
    ])
    expect(r.executions).toHaveLength(20 - 5)
  })

  it('says so when the header is not Wingman’s', () => {
    const r = parse(
      'fill_id,occ,executed_at_utc\n1,SPXW  250613C06000000,2025-05-05T14:31:12.000Z\n',
    )
    expect(r.executions).toEqual([])
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]!.reason).toMatch(/^this is not a Wingman fills file: the header lacks/)
  })
})

describe('Wingman fills detect', () => {
  it('is false for other brokers’ files and for a header that is not Wingman’s', () => {
    for (const f of [
      'tastytrade/current-21.csv',
      'tastytrade/legacy-transactions-15.csv',
      'thinkorswim/account-statement.csv',
      'thinkorswim/paper-money.csv',
    ])
      expect(wingmanFillsParser.detect(read(f))).toBe(false)
    expect(wingmanFillsParser.detect('id,leg_id,price,fees,executed_at\n')).toBe(false)
    expect(wingmanFillsParser.detect('')).toBe(false)
  })
})
