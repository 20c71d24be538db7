import { describe, expect, it } from 'vitest'
import type { LedgerFill, LedgerInput, LedgerLeg } from '../../../shared/ledger.ts'
import { historyOf } from '../../../shared/modelValue.ts'
import {
  decisionOutcome,
  decisionPaths,
  type ReviewDecision,
} from '../../../shared/review/outcomes.ts'

const e4 = (v: number) => Math.round(v * 10_000)
const $ = (v: number | null) => (v === null ? null : v / 10_000)

/** A stored history with a flat VIX curve of 18 and these SPX closes. */
function history(spx: Record<string, number>) {
  const bars = (v: (d: string) => number) =>
    new Map(Object.keys(spx).map((d) => [d, { open: null, close: v(d) }]))
  return historyOf(
    new Map([
      ['SPX', bars((d) => spx[d]!)],
      ...['VIX', 'VIX9D', 'VIX3M', 'VIX6M'].map((s) => [s, bars(() => 18)] as const),
    ]),
  )
}

// SPXW 4900/4950/5050/5100 × 1, expiring 2026-06-19, opened 2026-06-01 at per-leg prices:
// buy 4900P 2.00, sell 4950P 4.00, sell 5050C 3.50, buy 5100C 1.50 → 4.00 credit, $400.
const legs: LedgerLeg[] = [
  [1, 'put', 4900, 1],
  [2, 'put', 4950, -1],
  [3, 'call', 5050, -1],
  [4, 'call', 5100, 1],
].map(([id, type, k, q]) => ({
  id: id as number,
  root: 'SPXW',
  instrumentType: 'option',
  optionType: type as 'call' | 'put',
  strikeE4: e4(k as number),
  expiration: '2026-06-19',
  multiplier: 100,
  quantity: q as number,
  hedgeLayerId: null,
}))
const opened = '2026-06-01T20:00:00.000Z'
const openFills: LedgerFill[] = legs.map((l, i) => ({
  id: 10 + i,
  legId: l.id,
  adjustmentId: 1,
  executedAt: opened,
  side: l.quantity > 0 ? 'buy' : 'sell',
  effect: 'open',
  quantity: 1,
  priceE4: e4([2, 4, 3.5, 1.5][i]!),
  feesE4: 0,
}))
// 2026-06-10, SPX 5060: the trader closed the call spread (buy 5050C 14.00, sell 5100C 3.00)
// although the ruleset said HOLD.
const decidedAt = '2026-06-10T19:30:00.000Z'
const closeFills: LedgerFill[] = [
  {
    id: 20,
    legId: 3,
    adjustmentId: 2,
    executedAt: decidedAt,
    side: 'buy',
    effect: 'close',
    quantity: 1,
    priceE4: e4(14),
    feesE4: 0,
  },
  {
    id: 21,
    legId: 4,
    adjustmentId: 2,
    executedAt: decidedAt,
    side: 'sell',
    effect: 'close',
    quantity: 1,
    priceE4: e4(3),
    feesE4: 0,
  },
]
const input: LedgerInput = {
  legs,
  fills: [...openFills, ...closeFills],
  adjustments: [
    { id: 1, kind: 'open', occurredAt: opened, netPriceE4: null, feesE4: 0 },
    { id: 2, kind: 'close', occurredAt: decidedAt, netPriceE4: null, feesE4: 0 },
  ],
}
const decision: ReviewDecision = {
  id: 7,
  decidedAt,
  adjustmentId: 2,
  date: '2026-06-10',
  marks: { '1': 0.3, '2': 0.8, '3': 14, '4': 3 },
  recommended: 'HOLD',
  taken: 'CLOSE_CALL_SPREAD',
}
// SPX closed 5080 on the expiry day: the 5050 call settles at 30.00, every other leg at 0.
const h = history({ '2026-06-01': 5000, '2026-06-10': 5060, '2026-06-19': 5080 })

describe('decision outcome (hand-computed)', () => {
  it('scores an overridden close against closing everything and holding to expiry', () => {
    const o = decisionOutcome(input, decision, h, '2026-06-19')
    // actual: 400 − 1100 (call spread bought back for 11.00) + puts expired worthless = −700
    expect($(o.actualE4)).toBe(-700)
    // closed at the decision's marks: 400 + 100 × (0.30 − 0.80 − 14.00 + 3.00) = 400 − 1150
    expect($(o.closedAtDecisionE4)).toBe(-750)
    // held to expiry: 400 − 30.00 × 100 on the short 5050 call = −2600
    expect($(o.heldToExpiryE4)).toBe(-2600)
    // the recommendation was HOLD: its path is the held one
    expect($(o.recommendedPathE4)).toBe(-2600)
    expect($(o.edgeVsClosedE4)).toBe(50)
    expect($(o.edgeVsHeldE4)).toBe(1900)
    expect(o.final).toBe(true)
  })

  it('is not final while the legs held would expire after the stored history', () => {
    const o = decisionOutcome(input, decision, h, '2026-06-10')
    expect(o.final).toBe(false)
    expect(o.notes.join(' ')).toMatch(/not final/)
  })

  it('follows both paths day by day, with their worst points', () => {
    const p = decisionPaths(input, decision, h, '2026-06-19')
    expect(p.points.map((x) => x.date)).toEqual(['2026-06-10', '2026-06-19'])
    // on the expiry day both paths are settled: −700 and −2600
    expect($(p.points.at(-1)!.actualE4)).toBe(-700)
    expect($(p.points.at(-1)!.heldE4)).toBe(-2600)
    expect($(p.worstHeldE4)).toBeLessThanOrEqual(-2600)
  })
})
