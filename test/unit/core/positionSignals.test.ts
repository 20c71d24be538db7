import { describe, expect, it } from 'vitest'
import { positionSignals } from '../../../electron/core/engine/positionSignals.ts'
import type { AdjustmentId, FillId, LegId, PositionDetail } from '../../../shared/domain.ts'
import { bsmGreeks } from '../../../shared/math/bsm.ts'

/** 7150/7200/7500/7550 SPX condor ×2, credit 17.85 ($3,570 received), expiring 2026-07-17. */
function condor(): PositionDetail {
  const leg = (
    id: number,
    role: 'long_put' | 'short_put' | 'short_call' | 'long_call',
    type: 'put' | 'call',
    strike: string,
    q: number,
  ) => ({
    id: id as LegId,
    role,
    instrumentType: 'option' as const,
    root: 'SPX',
    optionType: type,
    strike,
    expiration: '2026-07-17',
    multiplier: 100,
    quantity: q,
    openQuantity: q,
    openedAt: '2026-06-01T20:00:00.000Z',
    closedAt: null,
    replacesLegId: null,
    hedgeLayerId: null,
  })
  return {
    summary: {
      id: 1 as never,
      accountId: 1 as never,
      accountName: 'Default',
      underlying: 'SPX',
      rulesetId: null,
      root: 'SPX',
      strategy: 'iron_condor',
      structure: 'iron_condor',
      status: 'open',
      voidedAt: null,
      voidReason: '',
      openedOn: '2026-06-01',
      closedOn: null,
      expiration: '2026-07-17',
      longPut: '7150',
      shortPut: '7200',
      shortCall: '7500',
      longCall: '7550',
      quantity: 2,
      credit: '17.85',
      legsLabel: '',
      tags: [],
      figures: null,
      figuresError: null,
    },
    thesis: '',
    notes: '',
    legs: [
      leg(1, 'long_put', 'put', '7150', 2),
      leg(2, 'short_put', 'put', '7200', -2),
      leg(3, 'short_call', 'call', '7500', -2),
      leg(4, 'long_call', 'call', '7550', 2),
    ],
    // one opening fill per leg at the combo's net price (no per-leg prices)
    fills: [1, 2, 3, 4].map((legId) => ({
      id: legId as FillId,
      legId: legId as LegId,
      adjustmentId: 1 as AdjustmentId,
      executedAt: '2026-06-01T20:00:00.000Z',
      side: legId === 2 || legId === 3 ? ('sell' as const) : ('buy' as const),
      effect: 'open' as const,
      quantity: 2,
      price: null,
      fees: '0',
      source: 'manual',
      brokerOrderId: null,
      brokerExecId: null,
      original: null,
    })),
    hedgeLayers: [],
    history: [],
    enteredMarks: [],
    model: { asOf: null, legs: [] },
    adjustments: [
      {
        id: 1 as AdjustmentId,
        kind: 'open',
        occurredAt: '2026-06-01T20:00:00.000Z',
        netPrice: '17.85',
        cash: '3570',
        fees: '5',
        note: '',
        original: null,
      },
    ],
  }
}

const base = { date: '2026-06-22', rate: 0.04, div: 0.013 }

describe('position signals', () => {
  it('computes wing penetration and DTE from strikes and spot alone (hand-checked)', () => {
    const s = positionSignals(condor(), { ...base, spot: 7545 })
    expect(s.values.dte).toBe(25) // 2026-06-22 → 2026-07-17
    expect(s.values.call_wing_penetration).toBeCloseTo((7545 - 7500) / 50, 14) // 0.9
    expect(s.values.put_wing_penetration).toBeCloseTo((7200 - 7545) / 50, 14) // −6.9
    expect(s.values.hedge_layer_active).toBe(false)
    expect(s.values.hedge_net_delta).toBe(0)
    expect(s.values.hedge_cost).toBe(0)
    // no marks and no IV: volatility signals are missing with the reason
    expect(s.values.short_call_delta).toBeNull()
    expect(s.missing.short_call_delta).toMatch(/enter the leg marks or an IV/)
    expect(s.missing.pnl).toMatch(/enter the leg marks/)
  })

  it('computes P&L from the cash received and the marks (hand-checked)', () => {
    const marks = { 1: 0.5, 2: 0.9, 3: 62, 4: 34 }
    const s = positionSignals(condor(), { ...base, spot: 7545, marks })
    // 3570 − 5 fees + 100·(2·0.5 − 2·0.9 − 2·62 + 2·34) = 3565 − 5680 = −2115
    expect(s.values.pnl).toBeCloseTo(-2115, 9)
    expect(s.values.pnl_pct_of_credit).toBeCloseTo((-2115 / 3570) * 100, 9)
    // max loss after the $5 of fees: (50 − 17.85) × 100 × 2 + 5 = 6435 (the ledger's figure)
    expect(s.values.pnl_pct_of_max_loss).toBeCloseTo((-2115 / 6435) * 100, 9)
  })

  it('takes per-leg IV from marks and gives the short-call delta of that IV', () => {
    const t = 25 / 365
    const iv = 0.16
    const mark = bsmGreeks({
      type: 'call',
      spot: 7545,
      strike: 7500,
      t,
      rate: 0.04,
      div: 0.013,
      vol: iv,
    }).price
    const s = positionSignals(condor(), { ...base, spot: 7545, marks: { 3: mark }, iv: 0.2 })
    expect(s.legIv[3]).toEqual({ iv: expect.closeTo(iv, 10), source: 'mark' })
    expect(s.legIv[1]).toEqual({ iv: 0.2, source: 'input' })
    const delta = bsmGreeks({
      type: 'call',
      spot: 7545,
      strike: 7500,
      t,
      rate: 0.04,
      div: 0.013,
      vol: iv,
    }).delta
    expect(s.values.short_call_delta).toBeCloseTo(delta, 9)
    // expected move uses the mean IV of the short legs: (0.16 + 0.2) / 2
    expect(s.values.expected_move).toBeCloseTo(7545 * 0.18 * Math.sqrt(25 / 365), 6)
    expect(s.values.short_call_distance_em).toBeCloseTo(
      (7500 - 7545) / (s.values.expected_move as number),
      9,
    )
  })

  it('reports a missing spot everywhere it matters', () => {
    const s = positionSignals(condor(), {
      ...base,
      spot: null,
      spotMissing: 'SPX history ends 2026-07-08',
    })
    expect(s.missing.spot).toBe('SPX history ends 2026-07-08')
    expect(s.missing.call_wing_penetration).toBe('SPX history ends 2026-07-08')
  })
})
