import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { MODEL_DIV, MODEL_RATE } from '../../../shared/decisions.ts'
import type { LedgerLeg } from '../../../shared/ledger.ts'
import { historyOf, legIv, modelMark } from '../../../shared/modelValue.ts'

// An independent Black–Scholes (npm "black-scholes", no dividend): with a dividend yield q the
// same price comes from the spot S·e^(−qT) (the forward is what matters).
const { blackScholes } = createRequire(import.meta.url)('black-scholes') as {
  blackScholes: (
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    cp: 'call' | 'put',
  ) => number
}

const bar = (close: number, open: number | null = null) => ({ open, close })
function history(spx: Record<string, number>, vix: Record<string, number>, curve = true) {
  const series = new Map<string, Map<string, { open: number | null; close: number }>>()
  series.set('SPX', new Map(Object.entries(spx).map(([d, c]) => [d, bar(c, c - 5)])))
  for (const s of curve ? ['VIX', 'VIX9D', 'VIX3M', 'VIX6M'] : ['VIX'])
    series.set(s, new Map(Object.entries(vix).map(([d, c]) => [d, bar(c)])))
  return historyOf(series)
}
const leg = (p: Partial<LedgerLeg>): LedgerLeg => ({
  id: 1,
  root: 'SPXW',
  instrumentType: 'option',
  optionType: 'call',
  strikeE4: 50_000_000,
  expiration: '2026-07-31',
  multiplier: 100,
  quantity: -1,
  hedgeLayerId: null,
  ...p,
})

describe('model value of a leg', () => {
  it('prices with the VIX term structure when the leg has no price of its own', () => {
    // SPX 5000 on 2026-07-01, every VIX tenor at 20: IV 0.20 for 30 days
    const h = history({ '2026-07-01': 5000 }, { '2026-07-01': 20 })
    const m = modelMark(leg({}), null, '2026-06-15', '2026-07-01', h)
    const t = 30 / 365
    const ref = blackScholes(5000 * Math.exp(-MODEL_DIV * t), 5000, t, 0.2, MODEL_RATE, 'call')
    expect(m).toMatchObject({ date: '2026-07-01', source: 'model' })
    // rounded to 0.0001 per share before it becomes money
    expect(Math.abs((m as { priceE4: number }).priceE4 / 1e4 - ref)).toBeLessThanOrEqual(
      0.00005 + 1e-9,
    )
  })

  it('starts from the anchor’s IV and moves it with the VIX', () => {
    // On 2026-06-01 (SPX 5000, VIX 16) the 5000 call for 60 days traded at the price of a 0.18
    // IV; on 2026-07-01 the VIX is 20, so the leg is valued at 0.18 × 20 / 16 = 0.225.
    const h = history(
      { '2026-06-01': 5000, '2026-07-01': 5100 },
      { '2026-06-01': 16, '2026-07-01': 20 },
    )
    const t0 = 60 / 365
    const price0 = blackScholes(
      5000 * Math.exp(-MODEL_DIV * t0),
      5000,
      t0,
      0.18,
      MODEL_RATE,
      'call',
    )
    const anchor = { priceE4: Math.round(price0 * 1e4), date: '2026-06-01' }
    const iv = legIv(leg({}), anchor, '2026-07-01', h)
    expect(iv.ivSource).toBe('entry price × VIX')
    expect(iv.iv).toBeCloseTo(0.225, 5)
  })

  it('settles at expiry from the stored history and refuses data older than the leg', () => {
    // SPXW settles at the expiry day's SPX close: 5012.37 − 5000 = 12.37
    const h = history({ '2026-07-31': 5012.37 }, { '2026-07-31': 18 })
    expect(modelMark(leg({}), null, '2026-07-01', '2026-07-31', h)).toEqual({
      priceE4: 123_700,
      date: '2026-07-31',
      source: 'settlement',
    })
    expect(
      modelMark(leg({ expiration: '2026-09-18' }), null, '2026-08-03', '2026-07-31', h),
    ).toEqual({
      missing: expect.stringMatching(/before this leg was opened \(2026-08-03\)/),
    })
  })

  it('says why it cannot value a VIX option or a root without history', () => {
    const h = history({ '2026-07-01': 5000 }, { '2026-07-01': 20 })
    expect(modelMark(leg({ root: 'VIX' }), null, undefined, '2026-07-01', h)).toEqual({
      missing: 'VIX options have no model here: enter a mark',
    })
    expect(modelMark(leg({ root: 'RUT' }), null, undefined, '2026-07-01', h)).toEqual({
      missing: 'no stored history for RUT: enter a mark',
    })
  })
})
