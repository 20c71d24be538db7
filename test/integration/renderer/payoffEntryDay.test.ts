import { describe, expect, it } from 'vitest'
import {
  legIvOn,
  spotOn,
  VIX_SYMBOLS,
  vixDays,
} from '../../../renderer/src/charts/payoff/marketPath.ts'
import {
  modelPnl,
  payoffBasis,
  riskLegsOn,
} from '../../../renderer/src/charts/payoff/payoffModel.ts'
import { openTestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * Issue 9 point 7 on a real journal with the bundled history: a condor entered at per-leg prices
 * is worth what was paid for it on its entry day, so the payoff's model P&L there is −fees — not
 * the −$2,401 a flat 15 % IV showed. The chart's pure model is fed exactly what its page gets:
 * the position from `positions:get` and the SPX / VIX series from `market:series`.
 */
const NOW = new Date('2026-11-27T15:00:00Z')

describe('payoff model on the entry day of a condor entered at per-leg prices', () => {
  const tmp = useTempDir()

  it('values it at −fees at the entry close', async () => {
    const { call } = openTestJournal(tmp(), NOW)
    // SPX closed at 7599.96 on 2026-06-01. Leg prices near Black–Scholes at 21 / 20 / 12.5 / 12 %
    // IV for 46 days, rounded to 0.05: credit 61.85 − 58.70 + 41.50 − 28.70 = 15.95.
    const leg = (optionType: 'call' | 'put', strike: string, quantity: number, price: string) => ({
      instrumentType: 'option' as const,
      root: 'SPX' as const,
      optionType,
      strike,
      expiration: '2026-07-17',
      quantity,
      price,
    })
    const { id } = await call('positions:create', {
      structure: 'iron_condor',
      entryDate: '2026-06-01',
      legs: [
        leg('put', '7150', 2, '58.70'),
        leg('put', '7200', -2, '61.85'),
        leg('call', '7900', -2, '41.50'),
        leg('call', '7950', 2, '28.70'),
      ],
      fees: '6.40',
    })
    const detail = await call('positions:get', { id })
    expect(detail.model.asOf).toBe('2026-07-08') // the bundled history's last day
    expect(detail.model.legs.map((l) => l.ivSource)).toEqual(Array(4).fill('entry price × VIX'))

    const series = await call('market:series', {
      symbols: ['SPX', ...VIX_SYMBOLS],
      from: '2026-05-20',
      to: '2026-07-17',
    })
    const spx = series.find((s) => s.symbol === 'SPX')!.points
    const vix = vixDays(series)
    const built = payoffBasis(detail)
    if (!built.ok) throw new Error(built.reason)
    const b = built.basis
    // premium 15.95 × 100 × 2 = $3,190 received, fees $6.40
    expect(b.cashE4).toBe(31_836_000)
    expect(b.since).toBe('2026-06-01')

    const spot = spotOn(spx, b.since, b.spxFactor)!
    expect(spot).toEqual({ value: 7599.96, date: '2026-06-01' })
    const ivs = new Map(b.legs.map((l) => [l.legId, legIvOn(l, b.since, vix, b.asOf)]))
    const legs = riskLegsOn(b, b.since, (l) => ivs.get(l.legId)!.iv)
    const pnl = modelPnl(b, legs, spot.value, 0)
    // Each leg's IV is the one its own entry price implies at that close (moved to 2026-07-08
    // by the core with VIX 16.90 / 16.05 and back here by 16.05 / 16.90), and the same
    // Black–Scholes prices it again with the same rate, dividend and time: only floating-point
    // rounding separates the model value from the prices paid (the IV inversion is exact to the last bits; measured: 3e-12 dollars),
    // so one cent is a generous bound that still catches any real mispricing.
    expect(Math.abs(pnl - -6.4)).toBeLessThan(0.01)

    // The flat 15 % the chart used before could not price the skew: $388 off here.
    const flat = modelPnl(
      b,
      riskLegsOn(b, b.since, () => 0.15),
      spot.value,
      0,
    )
    expect(Math.abs(flat - -6.4)).toBeGreaterThan(200)

    // On the model's data date the chart's model P&L is the position's total on its cards: the
    // same spot, IVs, rate and time; the core rounds each leg's mark to 0.0001 per share first,
    // so they differ by at most 4 legs × 200 shares × 0.00005 = 4 cents.
    const asOf = b.asOf!
    const ivsAsOf = new Map(b.legs.map((l) => [l.legId, legIvOn(l, asOf, vix, asOf)]))
    const atAsOf = modelPnl(
      b,
      riskLegsOn(b, asOf, (l) => ivsAsOf.get(l.legId)!.iv),
      spotOn(spx, asOf, b.spxFactor)!.value,
      0,
    )
    expect(Math.abs(atAsOf - Number(detail.summary.figures!.total))).toBeLessThanOrEqual(0.04)
  })
})
