import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { thinkorswimParser } from '../../../electron/core/io/brokers/thinkorswim.ts'
import type { Execution, ParsedTrades } from '../../../electron/core/io/brokers/types.ts'

const dir = join(import.meta.dirname, '../../fixtures/brokers')
const read = (path: string) => readFileSync(join(dir, path), 'utf8')
const NY = { zone: 'America/New_York' }
const parse = (text: string, options = NY) => thinkorswimParser.parse(text, options)
const sum = (xs: readonly Execution[], f: (e: Execution) => number) =>
  xs.reduce((s, e) => s + f(e), 0)
const find = (r: ParsedTrades, symbol: string, action: string, kind = 'trade') => {
  const hits = r.executions.filter(
    (e) => e.contract.symbol === symbol && e.action === action && e.kind === kind,
  )
  expect(hits).toHaveLength(1)
  return hits[0]!
}

const HISTORY_HEADER =
  ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type'
const CASH_HEADER = 'DATE,TIME,TYPE,REF #,DESCRIPTION,Misc Fees,Commissions & Fees,AMOUNT,BALANCE'
/** A small statement: the sections given, in TOS's order. */
function statement(parts: {
  cash?: string[]
  history: string[]
  options?: string[]
  through?: string
}): string {
  const through = parts.through ?? '6/10/25'
  const out = [`Account Statement for 86543210 (margin) since 6/1/25 through ${through}`, '']
  if (parts.cash) out.push('Cash Balance', CASH_HEADER, ...parts.cash, '')
  out.push('Account Trade History', HISTORY_HEADER, ...parts.history, '')
  if (parts.options)
    out.push(
      'Options',
      'Symbol,Option Code,Exp,Strike,Type,Qty,Trade Price,Mark,Mark Value',
      ...parts.options,
      '',
    )
  return out.join('\n')
}
/** B1 as thinkorswim prints it. */
const B1 = [
  ',6/9/25 11:00:00,VERTICAL,SELL,-1,TO OPEN,SPX,20 JUN 25,5950,CALL,42.00,22.00,LMT',
  ',,,BUY,+1,TO OPEN,SPX,20 JUN 25,6000,CALL,20.00,CREDIT,',
]
const B1_TRD =
  '6/9/25,11:00:00,TRD,="5320398841",SOLD -1 VERTICAL SPX 100 (Weeklys) 20 JUN 25 5950/6000 CALL @22.00,-1.32,-2.00,"2,200.00","54,627.80"'

describe.each(['account-statement.csv', 'paper-money.csv'])('thinkorswim %s', (file) => {
  const text = read(`thinkorswim/${file}`)
  const r = parse(text)
  // The paperMoney file has one more line at the top.
  const shift = file === 'paper-money.csv' ? 1 : 0

  it('reads every option row of the scenario, rejects none, warns of nothing', () => {
    // Trade History: A1 4 + A2 4 + A3 2 + B1 2 + A5 2 = 14 legs; Cash Balance: A4's two
    // expirations, B2's assignment and expiry = 4 events. C is not in a TOS statement.
    expect(r.executions).toHaveLength(18)
    expect(r.rejected).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.zone).toBe('America/New_York')
    expect(r.executions.every((e) => e.account === '86543210')).toBe(true)
    // Account Order History (a filled and a canceled order at 10:01:58 / 09:45:10) is not fills.
    expect(r.executions.some((e) => /T1[34]:(01:58|45:10)/.test(e.executedAt))).toBe(false)
  })

  it('reads A1 as four legs of one order, the order’s costs on its first leg', () => {
    const a1 = r.executions.filter((e) => e.tradeDate === '2025-05-05')
    expect(a1.map((e) => [e.action, e.quantity, e.contract.symbol])).toEqual([
      ['STO', 2, 'SPXW  250613C06000000'],
      ['BTO', 2, 'SPXW  250613C06050000'],
      ['STO', 2, 'SPXW  250613P05400000'],
      ['BTO', 2, 'SPXW  250613P05350000'],
    ])
    const first = a1[0]!
    expect(first.line).toBe(42 + shift)
    expect(first.priceE4).toBe(12_4000)
    expect(first.cashE4).toBe(2480_0000) // 12.40 × 2 × 100
    // Cash Balance: Commissions & Fees −8.00 (4 × 2 × 1.00), Misc Fees −5.28 (8 × 0.66).
    expect([first.commissionE4, first.feesE4]).toEqual([8_0000, 5_2800])
    for (const e of a1.slice(1)) expect([e.commissionE4, e.feesE4]).toEqual([0, 0])
    // Continuation legs inherit the Exec Time 5/5/25 10:31:12 (EDT) and the order.
    expect(new Set(a1.map((e) => e.executedAt))).toEqual(new Set(['2025-05-05T14:31:12.000Z']))
    expect(new Set(a1.map((e) => e.groupKey))).toEqual(new Set([`tos:${42 + shift}`]))
    expect(a1.every((e) => e.orderId === null && e.execId === null)).toBe(true)
    expect(sum(a1, (e) => e.cashE4)).toBe(2240_0000) // +2480 −1020 +2840 −2060
  })

  it('reads SPXW from (Weeklys), also for B on the third Friday (2025-06-20)', () => {
    const b1 = find(r, 'SPXW  250620C05950000', 'STO')
    expect(b1.contract.root).toBe('SPXW')
    expect(b1.contract.underlying).toBe('SPX')
    expect(r.executions.every((e) => e.contract.root === 'SPXW')).toBe(true)
  })

  it('reads the roll A2 as one order that closes and opens', () => {
    const a2 = r.executions.filter((e) => e.tradeDate === '2025-05-19')
    expect(a2.map((e) => e.action)).toEqual(['BTC', 'STC', 'STO', 'BTO'])
    expect(sum(a2, (e) => e.cashE4)).toBe(320_0000) // −6100 + 2960 + 7780 − 4320
    expect([a2[0]!.commissionE4, a2[0]!.feesE4]).toEqual([4_0000, 5_2800])
  })

  it('reads the Cash Balance expirations and the cash-settled assignment', () => {
    const short = find(r, 'SPXW  250613P05400000', 'BTC', 'expiration')
    const long = find(r, 'SPXW  250613P05350000', 'STC', 'expiration')
    for (const e of [short, long]) {
      expect([e.quantity, e.priceE4, e.cashE4]).toEqual([1, 0, 0])
      expect(e.executedAt).toBe('2025-06-13T21:00:00.000Z') // 6/13/25 17:00:00 EDT
    }
    const settled = find(r, 'SPXW  250620C05950000', 'BTC', 'cash_settlement')
    expect(settled.cashE4).toBe(-1784_0000) // AMOUNT "-1,784.00"
    expect(settled.priceE4).toBe(17_8400) // 1784 ÷ 100
    find(r, 'SPXW  250620C06000000', 'STC', 'expiration')
  })

  it('sums each story’s cash and the costs as SCENARIO.md says', () => {
    const a = r.executions.filter((e) =>
      ['2025-06-13', '2025-06-27'].includes(e.contract.expiration),
    )
    const b = r.executions.filter((e) => e.contract.expiration === '2025-06-20')
    expect(sum(a, (e) => e.cashE4)).toBe(1225_0000) // 2240 + 320 − 105 + 0 − 1230
    expect(sum(b, (e) => e.cashE4)).toBe(416_0000) // 2200 − 1784
    // A: 13.28 + 9.28 + 1.32 + 0 + 2.64 = 26.52; B: 3.32 → 29.84 (the Cash Balance TOTAL
    // line: Misc Fees −15.84, Commissions & Fees −14.00).
    expect(sum(a, (e) => e.commissionE4 + e.feesE4)).toBe(26_5200)
    expect(sum(r.executions, (e) => e.commissionE4)).toBe(14_0000)
    expect(sum(r.executions, (e) => e.feesE4)).toBe(15_8400)
  })

  it('is detected as thinkorswim', () => {
    expect(thinkorswimParser.detect(text.slice(0, 65536))).toBe(true)
  })
})

describe('thinkorswim times', () => {
  it('reads Exec Times in the zone the trader chose', () => {
    const text = read('thinkorswim/account-statement.csv')
    const r = parse(text, { zone: 'America/Chicago' })
    const a1 = find(r, 'SPXW  250613C06000000', 'STO')
    expect(a1.executedAt).toBe('2025-05-05T15:31:12.000Z') // 10:31:12 CDT (UTC−5)
    expect(a1.tradeDate).toBe('2025-05-05')
    expect(r.zone).toBe('America/Chicago')
  })
})

describe('thinkorswim header variants', () => {
  it('reads a Trade History with a Total Cost column after Qty (by name, not position)', () => {
    const text = statement({
      cash: [B1_TRD],
      history: [
        ',6/9/25 11:00:00,VERTICAL,SELL,-1,"4,200.00",TO OPEN,SPX,20 JUN 25,5950,CALL,42.00,22.00,LMT',
        ',,,BUY,+1,"-2,000.00",TO OPEN,SPX,20 JUN 25,6000,CALL,20.00,CREDIT,',
      ],
    }).replace(',Side,Qty,Pos Effect,', ',Side,Qty,Total Cost,Pos Effect,')
    const r = parse(text)
    expect(r.rejected).toEqual([])
    expect(r.executions.map((e) => [e.action, e.contract.symbol, e.priceE4, e.cashE4])).toEqual([
      ['STO', 'SPXW  250620C05950000', 42_0000, 4200_0000],
      ['BTO', 'SPXW  250620C06000000', 20_0000, -2000_0000],
    ])
  })
})

describe('thinkorswim SPX or SPXW', () => {
  it('takes the Options section’s Option Code, else the calendar with a warning', () => {
    const r = parse(
      statement({
        history: B1,
        options: ['SPX,SPXW250620C5950,20 JUN 25,5950,CALL,-1,42.00,30.00,"-$3,000.00"'],
      }),
    )
    expect(r.executions.map((e) => e.contract.symbol)).toEqual([
      'SPXW  250620C05950000', // the Option Code says SPXW
      'SPX   250620C06000000', // nothing says: 2025-06-20 is the third Friday, so SPX
    ])
    expect(r.warnings).toContain(
      'Line 6: neither the Cash Balance nor the Options section says whether this SPX option is SPXW; 2025-06-20 is a monthly expiry, so it is read as SPX',
    )
    expect(r.warnings).toContain(
      'Line 5: no Cash Balance row matches the order of 2025-06-09 11:00:00: its commission and fees are not in the file (0 imported)',
    )
  })

  it('reads a weekly expiry as SPXW when no source says', () => {
    const r = parse(
      statement({
        history: [',6/2/25 11:15:03,SINGLE,BUY,+1,TO CLOSE,SPX,13 JUN 25,5400,PUT,2.10,2.10,LMT'],
      }),
    )
    expect(r.executions[0]!.contract.symbol).toBe('SPXW  250613P05400000')
    expect(r.warnings[1]).toBe(
      'Line 5: neither the Cash Balance nor the Options section says whether this SPX option is SPXW; 2025-06-13 is not a monthly expiry, so it is read as SPXW',
    )
  })

  it('reads SPX when the matched Cash Balance row has no (Weeklys)', () => {
    const r = parse(
      statement({
        cash: [B1_TRD.replace(' (Weeklys)', '')],
        history: B1,
      }),
    )
    expect(r.executions.map((e) => e.contract.root)).toEqual(['SPX', 'SPX'])
    expect(r.warnings).toEqual([])
  })
})

describe('thinkorswim Cash Balance matching', () => {
  it('falls back to the description when the times differ', () => {
    const r = parse(statement({ cash: [B1_TRD.replace('11:00:00', '11:00:01')], history: B1 }))
    expect(r.warnings).toEqual([])
    expect(r.executions.map((e) => [e.commissionE4, e.feesE4])).toEqual([
      [2_0000, 1_3200],
      [0, 0],
    ])
  })

  it('tells two orders of the same second apart by their descriptions', () => {
    const other =
      '6/9/25,11:00:00,TRD,="5320398842",BOT +1 VERTICAL SPX 100 (Weeklys) 20 JUN 25 5900/5850 PUT @1.00,-1.32,-2.00,-100.00,"54,527.80"'
    const r = parse(
      statement({
        cash: [other, B1_TRD],
        history: [
          ...B1,
          ',6/9/25 11:00:00,VERTICAL,BUY,+1,TO OPEN,SPX,20 JUN 25,5900,PUT,3.00,1.00,LMT',
          ',,,SELL,-1,TO OPEN,SPX,20 JUN 25,5850,PUT,2.00,DEBIT,',
        ],
      }),
    )
    expect(r.rejected).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.executions.map((e) => e.groupKey)).toEqual(['tos:10', 'tos:10', 'tos:12', 'tos:12'])
    expect(r.executions[0]!.contract.strikeE4).toBe(5950_0000)
    expect(r.executions[2]!.contract.strikeE4).toBe(5900_0000)
  })

  it('warns when the legs’ prices and the order’s cash disagree', () => {
    const r = parse(statement({ cash: [B1_TRD.replace('"2,200.00"', '"2,300.00"')], history: B1 }))
    expect(r.warnings).toEqual([
      "Line 9: the legs' prices come to 2200.00, but the Cash Balance (line 5) says 2300.00",
    ])
  })
})

describe('thinkorswim rows it cannot read or does not import', () => {
  it('rejects a bad leg with its line and reason while the others parse', () => {
    const r = parse(
      statement({
        cash: [B1_TRD],
        history: [
          B1[0]!.replace(',5950,', ',595O,'),
          B1[1]!,
          ',6/2/25 11:15:03,SINGLE,BUY,-1,TO CLOSE,SPX,13 JUN 25,5400,PUT,2.10,2.10,LMT',
          ',6/2/25 11:16:00,SINGLE,BUY,+1,TO CLOSE,SPX,13 JUNE 25,5400,PUT,2.10,2.10,LMT',
          ',,,SELL,-1,SIDEWAYS,SPX,13 JUN 25,5350,PUT,1.05,DEBIT,',
        ],
      }),
    )
    expect(r.rejected).toEqual([
      { line: 9, reason: 'the strike "595O" is not a number' },
      { line: 11, reason: 'the quantity -1 contradicts the side BUY' },
      { line: 12, reason: 'the expiry "13 JUNE 25" is not a date like 20 JUN 25' },
      { line: 13, reason: 'the position effect "SIDEWAYS" is not TO OPEN or TO CLOSE' },
    ])
    // The long 6000 C still parses: it continues the order of line 9, whose time is readable.
    expect(r.executions.map((e) => [e.line, e.contract.symbol])).toEqual([
      [10, 'SPXW  250620C06000000'],
    ])
  })

  it('rejects continuation legs of an order whose time cannot be read', () => {
    const r = parse(
      statement({ history: [B1[0]!.replace('6/9/25 11:00:00', '6/9/25 25:00'), B1[1]!] }),
    )
    expect(r.rejected).toEqual([
      { line: 5, reason: 'the time "6/9/25 25:00" is not a date and time like 6/2/25 10:47:15' },
      {
        line: 6,
        reason: 'this leg continues the order of line 5, whose time cannot be read',
      },
    ])
  })

  it('keeps an unknown price (~) as null with no cash', () => {
    const r = parse(statement({ cash: [B1_TRD], history: [B1[0]!, B1[1]!.replace('20.00', '~')] }))
    const long = r.executions[1]!
    expect(long.priceE4).toBeNull()
    expect(long.cashE4).toBe(0)
  })

  it('skips futures with the warning, and stock', () => {
    const r = parse(
      statement({
        history: [
          ',5/5/25 10:45:00,FUTURE,BUY,+1,TO OPEN,/VXM25,JUN 25,,FUTURE,19.85,19.85,LMT',
          ',5/5/25 10:40:00,STOCK,BUY,+100,TO OPEN,SPY,,,STOCK,560.00,560.00,LMT',
        ],
      }),
    )
    expect(r.executions).toEqual([])
    expect(r.rejected).toEqual([])
    expect(r.warnings).toEqual([
      'thinkorswim futures (Futures Statements) are not imported: enter VX trades by hand',
      '1 row that is not an option trade (stock, ETF) was skipped',
    ])
  })

  it('names contracts still open past their expiry (the Trade History has no expirations)', () => {
    const r = parse(statement({ cash: [B1_TRD], history: B1, through: '6/30/25' }))
    expect(r.warnings).toEqual([
      '2 contracts are still open after their expiry in this statement (-1 SPXW 2025-06-20 5950 call, +1 SPXW 2025-06-20 6000 call): the Account Trade History records no expirations — settle them with Expire',
    ])
  })

  it('says so when the statement has no Account Trade History', () => {
    const r = parse(
      'Account Statement for 1 (margin) since 6/1/25 through 6/30/25\n\nCash Balance\n',
    )
    expect(r.executions).toEqual([])
    expect(r.rejected).toEqual([
      {
        line: 1,
        reason:
          'the statement has no Account Trade History section: export the Account Statement with it',
      },
    ])
  })
})

describe('thinkorswim detect', () => {
  it('is false for other brokers’ files and for a header that is not a TOS statement', () => {
    for (const f of [
      'tastytrade/current-21.csv',
      'tastytrade/legacy-transactions-15.csv',
      'wingman/fills.csv',
    ])
      expect(thinkorswimParser.detect(read(f))).toBe(false)
    expect(
      thinkorswimParser.detect(
        '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"\n',
      ),
    ).toBe(false)
  })
})
