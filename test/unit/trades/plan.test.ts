import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatOcc, formatFutureSymbol } from '../../../shared/occ.ts'
import type { Contract, Execution, TradeAction } from '../../../electron/core/io/brokers/types.ts'
import { keyExecutions } from '../../../electron/core/io/trades/executionKey.ts'
import {
  planImport,
  type ImportPlan,
  type PlanInput,
} from '../../../electron/core/io/trades/plan.ts'
import { recogniseStructure } from '../../../electron/core/io/trades/structure.ts'

/** The trades of test/fixtures/brokers/SCENARIO.md, as a parser would hand them over. */
const spxw = (exp: string, strike: number, right: 'call' | 'put'): Contract => {
  const c = { root: 'SPXW', expiration: exp, right, strikeE4: strike * 10_000 }
  return { instrument: 'option', underlying: 'SPX', multiplier: 100, symbol: formatOcc(c), ...c }
}
const vxm5: Contract = {
  instrument: 'future',
  underlying: 'VIX',
  root: 'VX',
  expiration: '2025-06-18',
  right: null,
  strikeE4: null,
  multiplier: 1000,
  symbol: formatFutureSymbol('VX', '2025-06-18'),
}

let line = 1
function ex(
  action: TradeAction,
  qty: number,
  contract: Contract,
  price: number,
  at: string,
  order: string | null,
  extra: Partial<Execution> = {},
): Execution {
  const priceE4 = Math.round(price * 10_000)
  const sign = action === 'STO' || action === 'STC' ? 1 : -1
  const opening = action === 'STO' || action === 'BTO'
  return {
    line: line++,
    kind: 'trade',
    action,
    quantity: qty,
    contract,
    priceE4,
    cashE4: contract.instrument === 'future' ? 0 : sign * priceE4 * qty * contract.multiplier,
    commissionE4: contract.instrument === 'future' ? 18_500 * qty : opening ? 10_000 * qty : 0,
    feesE4: contract.instrument === 'future' ? 14_000 * qty : 6_600 * qty,
    executedAt: new Date(at).toISOString(),
    tradeDate: at.slice(0, 10),
    hasTime: true,
    orderId: order,
    execId: null,
    groupKey: order ?? at,
    account: null,
    ...extra,
  }
}
const event = (
  kind: 'expiration' | 'cash_settlement',
  action: TradeAction,
  qty: number,
  contract: Contract,
  priceE4: number | null,
  date: string,
): Execution => ({
  ...ex(action, qty, contract, 0, `${date}T17:00:00-04:00`, null),
  kind,
  priceE4,
  cashE4: priceE4 === null ? 0 : -priceE4 * qty * contract.multiplier,
  commissionE4: 0,
  feesE4: 0,
  groupKey: `${date}|${kind}`,
})

const J13 = '2025-06-13'
const J27 = '2025-06-27'
const J20 = '2025-06-20'
const scenario = (): Execution[] => [
  // A1 open, 2 lots
  ex('STO', 2, spxw(J13, 6000, 'call'), 12.4, '2025-05-05T10:31:12-04:00', '381220001'),
  ex('BTO', 2, spxw(J13, 6050, 'call'), 5.1, '2025-05-05T10:31:12-04:00', '381220001'),
  ex('STO', 2, spxw(J13, 5400, 'put'), 14.2, '2025-05-05T10:31:12-04:00', '381220001'),
  ex('BTO', 2, spxw(J13, 5350, 'put'), 10.3, '2025-05-05T10:31:12-04:00', '381220001'),
  // C1 VX hedge
  ex('BTO', 1, vxm5, 19.85, '2025-05-05T10:45:00-04:00', '381220006'),
  // A2 roll of the call spread as one 4-leg order
  ex('BTC', 2, spxw(J13, 6000, 'call'), 30.5, '2025-05-19T14:05:40-04:00', '381220002'),
  ex('STC', 2, spxw(J13, 6050, 'call'), 14.8, '2025-05-19T14:05:40-04:00', '381220002'),
  ex('STO', 2, spxw(J27, 6000, 'call'), 38.9, '2025-05-19T14:05:40-04:00', '381220002'),
  ex('BTO', 2, spxw(J27, 6050, 'call'), 21.6, '2025-05-19T14:05:40-04:00', '381220002'),
  // C2
  ex('STC', 1, vxm5, 18.1, '2025-05-19T14:10:00-04:00', '381220007'),
  // A3 partial close, 1 of 2 put spreads
  ex('BTC', 1, spxw(J13, 5400, 'put'), 2.1, '2025-06-02T11:15:03-04:00', '381220003'),
  ex('STC', 1, spxw(J13, 5350, 'put'), 1.05, '2025-06-02T11:15:03-04:00', '381220003'),
  // B1
  ex('STO', 1, spxw(J20, 5950, 'call'), 42, '2025-06-09T11:00:00-04:00', '381220005'),
  ex('BTO', 1, spxw(J20, 6000, 'call'), 20, '2025-06-09T11:00:00-04:00', '381220005'),
  // A4 expiry of the remaining put spread
  event('expiration', 'BTC', 1, spxw(J13, 5400, 'put'), 0, J13),
  event('expiration', 'STC', 1, spxw(J13, 5350, 'put'), 0, J13),
  // A5 close
  ex('BTC', 2, spxw(J27, 6000, 'call'), 8.3, '2025-06-20T10:02:00-04:00', '381220004'),
  ex('STC', 2, spxw(J27, 6050, 'call'), 2.15, '2025-06-20T10:02:00-04:00', '381220004'),
  // B2 cash-settled assignment at the SPX close 5967.84 (intrinsic 17.84), 6000 C expires
  event('cash_settlement', 'BTC', 1, spxw(J20, 5950, 'call'), 178_400, J20),
  event('expiration', 'STC', 1, spxw(J20, 6000, 'call'), 0, J20),
]

const noSettle: PlanInput['settle'] = () => null
const plan = (executions: Execution[], extra: Partial<PlanInput> = {}): ImportPlan =>
  planImport({
    executions: keyExecutions(executions, 1),
    held: [],
    heldLayerCount: new Map(),
    hedges: 'attach',
    settle: noSettle,
    ...extra,
  })

const premium = (p: ImportPlan['positions'][number]) =>
  p.adjustments.reduce((s, a) => s + a.cashE4, 0)
const costs = (p: ImportPlan['positions'][number]) =>
  p.adjustments.reduce((s, a) => s + a.feesE4 + a.fills.reduce((t, f) => t + f.feesE4, 0), 0)

describe('planImport — the SCENARIO.md trades', () => {
  const result = plan(scenario())
  const [a, b] = result.positions

  it('makes two positions: the condor (with its VX hedge layer) and the call spread', () => {
    expect(result.rejected).toEqual([])
    expect(result.positions).toHaveLength(2)
    expect(a!.structure).toBe('iron_condor')
    expect(b!.structure).toBe('call_credit_spread')
    expect(a!.closedOn).toBe('2025-06-20')
    expect(b!.closedOn).toBe('2025-06-20')
  })

  it('books A as open, hedge_add, roll, hedge_remove, partial_close, expire, close', () => {
    expect(a!.adjustments.map((x) => x.kind)).toEqual([
      'open',
      'hedge_add',
      'roll',
      'hedge_remove',
      'partial_close',
      'expire',
      'close',
    ])
  })

  it('keeps roll lineage: each new call replaces the closed call of the same side', () => {
    const byOcc = new Map(a!.legs.map((l) => [l.contract.symbol, l]))
    const byRef = new Map(a!.legs.map((l) => [l.ref, l]))
    const newShort = byOcc.get('SPXW  250627C06000000')!
    const newLong = byOcc.get('SPXW  250627C06050000')!
    expect(byRef.get(newShort.replaces!)?.contract.symbol).toBe('SPXW  250613C06000000')
    expect(byRef.get(newLong.replaces!)?.contract.symbol).toBe('SPXW  250613C06050000')
    expect(byOcc.get('SPXW  250613C06000000')!.replaces).toBeNull()
  })

  it('moves the premium and costs worked out by hand', () => {
    // A premium: +2240 (open) + 320 (roll) − 105 (partial) + 0 (expiry) − 1230 (close) = 1225.
    // The VX future moves no premium.
    expect(premium(a!)).toBe(1225_0000)
    // A option costs 26.52; the future's 2 × (1.85 + 1.40) = 6.50 → 33.02.
    expect(costs(a!)).toBe(33_0200)
    // B: +4200 − 2000 − 1784 (settlement at 17.84 × 100) = 416; costs 2 × 1.00 + 2 × 0.66 = 3.32.
    expect(premium(b!)).toBe(416_0000)
    expect(costs(b!)).toBe(3_3200)
  })

  it('splits the partial close: 1 of the 2 put contracts, the rest expires', () => {
    const partial = a!.adjustments.find((x) => x.kind === 'partial_close')!
    expect(partial.fills.map((f) => f.quantity)).toEqual([1, 1])
    const expire = a!.adjustments.find((x) => x.kind === 'expire')!
    expect(expire.fills.map((f) => [f.quantity, f.priceE4])).toEqual([
      [1, 0],
      [1, 0],
    ])
  })

  it('with hedges standalone, the VX future is a position of its own', () => {
    const s = plan(scenario(), { hedges: 'standalone' })
    expect(s.positions.map((p) => p.structure)).toEqual([
      'iron_condor',
      'future',
      'call_credit_spread',
    ])
    expect(s.positions[1]!.adjustments.map((x) => x.kind)).toEqual(['open', 'close'])
  })

  it('gives the same plan whatever the row order (fast-check shuffles)', () => {
    const summary = (r: ImportPlan) =>
      r.positions.map((p) => ({
        structure: p.structure,
        closedOn: p.closedOn,
        kinds: p.adjustments.map((x) => x.kind),
        premium: premium(p),
        costs: costs(p),
        legs: p.legs
          .map((l) => `${l.contract.symbol}|${l.quantity}|${l.replaces ? 'r' : ''}`)
          .sort(),
      }))
    const expected = summary(result)
    fc.assert(
      fc.property(fc.shuffledSubarray(scenario(), { minLength: 20, maxLength: 20 }), (rows) => {
        expect(summary(plan(rows))).toEqual(expected)
      }),
      { numRuns: 50 },
    )
  })

  it('rejects a close of contracts the journal does not hold, naming the line', () => {
    const rows = scenario().slice(5) // without A1 and C1
    const r = plan(rows)
    expect(r.rejected[0]!.reason).toMatch(/holds no short contracts of it/)
    expect(r.rejected[0]!.line).toBe(rows[0]!.line)
  })

  it('settles a cash settlement without cash from the stored close, with a note', () => {
    const rows = scenario().map((e) =>
      e.kind === 'cash_settlement' ? { ...e, priceE4: null, cashE4: 0 } : e,
    )
    const r = plan(rows, {
      settle: (c) =>
        c.expiration === J20
          ? { levelE4: 5967_8400, what: 'the stored SPX close of 2025-06-20' }
          : null,
    })
    expect(premium(r.positions[1]!)).toBe(416_0000)
    expect(r.warnings.join('\n')).toMatch(/settled at the stored SPX close of 2025-06-20/)
  })
})

describe('planImport — matching per contract', () => {
  it('closes oldest first across positions when one order closes more than one position holds', () => {
    const c = spxw(J20, 5900, 'put')
    const rows = [
      ex('STO', 1, c, 10, '2025-06-02T10:00:00-04:00', 'o1'),
      ex('STO', 2, c, 11, '2025-06-03T10:00:00-04:00', 'o2'),
      ex('BTC', 2, c, 5, '2025-06-04T10:00:00-04:00', 'o3'),
    ]
    const r = plan(rows)
    expect(r.positions).toHaveLength(2)
    expect(r.positions[0]!.closedOn).toBe('2025-06-04')
    expect(r.positions[0]!.adjustments.map((x) => x.kind)).toEqual(['open', 'close'])
    expect(r.positions[1]!.adjustments.map((x) => x.kind)).toEqual(['open', 'partial_close'])
    // Costs of the one execution are booked once, on its first part; the second part's key differs.
    const parts = r.positions.flatMap((p) => p.adjustments.slice(1).flatMap((x) => x.fills))
    expect(parts.map((f) => f.quantity)).toEqual([1, 1])
    expect(parts[0]!.key).not.toBe(parts[1]!.key)
  })
})

describe('recogniseStructure', () => {
  const o = (right: 'call' | 'put', strike: number, quantity: number, expiration = J20) => ({
    instrument: 'option' as const,
    right,
    strikeE4: strike * 10_000,
    expiration,
    quantity,
  })
  it.each([
    [
      [o('put', 5400, -1), o('put', 5350, 1), o('call', 6000, -1), o('call', 6050, 1)],
      'iron_condor',
    ],
    [
      [o('put', 5700, -1), o('put', 5650, 1), o('call', 5700, -1), o('call', 5750, 1)],
      'iron_butterfly',
    ],
    [[o('put', 5400, -3), o('put', 5350, 3)], 'put_credit_spread'],
    [[o('call', 6000, -1), o('call', 6050, 1)], 'call_credit_spread'],
    [[o('put', 5400, 1), o('put', 5350, -1)], 'custom'],
    [[o('put', 5400, -1), o('call', 6000, -1)], 'strangle'],
    [[o('put', 5700, -1), o('call', 5700, -1)], 'straddle'],
    [[o('call', 5900, 1), o('call', 5950, -2), o('call', 6050, 1)], 'broken_wing_butterfly'],
    [[o('call', 5900, 1), o('call', 5950, -2), o('call', 6000, 1)], 'custom'],
    [[o('put', 5400, -1)], 'single_option'],
    [[o('call', 6000, -1, J13), o('call', 6000, 1, J27)], 'custom'],
  ] as const)('case %# is %1', (legs, structure) => {
    expect(recogniseStructure(legs).structure).toBe(structure)
  })
  it('names what it cannot store as its own structure', () => {
    expect(recogniseStructure([o('put', 5400, 1), o('put', 5350, -1)]).shape).toBe(
      'put debit spread',
    )
    expect(
      recogniseStructure([o('call', 5900, 1), o('call', 5950, -2), o('call', 6000, 1)]).shape,
    ).toBe('butterfly')
  })
})
