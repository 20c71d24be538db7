/**
 * The implied volatility Wingman assumes for an option leg when it values it as a model (open
 * P&L, the payoff's default IV, the review). Two sources, in this order:
 * 1. the leg's own price at entry, inverted to an IV and moved with the VIX since then
 *    (IV_t = IV_entry × VIX_t / VIX_entry);
 * 2. the VIX term structure of the valuation date interpolated to the leg's days to expiry.
 */

/** The VIX family on one date, in vol points (VIX 18.5 = 18.5 %); null when not stored. */
export interface VixCurve {
  vix9d: number | null
  vix: number | null
  vix3m: number | null
  vix6m: number | null
}

/** Tenors of the VIX family in calendar days (Cboe's definitions: 9, 30, 93 and 186 days). */
const TENORS: readonly [keyof VixCurve, number][] = [
  ['vix9d', 9],
  ['vix', 30],
  ['vix3m', 93],
  ['vix6m', 186],
]

/**
 * IV (decimal) for `days` to expiry from the VIX term structure: linear in total variance
 * (σ²·t) between the two nearest stored tenors, flat σ beyond the shortest and the longest.
 * Null when the VIX itself is not stored. E.g. VIX9D 12, VIX 15, days 19.5 → σ² = (0.0144·9 +
 * (0.0225·30 − 0.0144·9)·(10.5/21)) / 19.5 = 0.4023 / 19.5.
 */
export function termStructureIv(curve: VixCurve, days: number): number | null {
  if (curve.vix === null) return null
  const pts = TENORS.filter(([k]) => curve[k] !== null).map(
    ([k, d]) => [d, ((curve[k] as number) / 100) ** 2 * d] as const,
  )
  const t = Math.max(days, 1)
  if (t <= pts[0]![0]) return Math.sqrt(pts[0]![1] / pts[0]![0])
  for (let i = 1; i < pts.length; i++) {
    const [d0, w0] = pts[i - 1]!
    const [d1, w1] = pts[i]!
    if (t <= d1) return Math.sqrt((w0 + ((w1 - w0) * (t - d0)) / (d1 - d0)) / t)
  }
  const [dl, wl] = pts[pts.length - 1]!
  return Math.sqrt(wl / dl)
}

/** The entry IV moved with the VIX: IV_t = IV_entry × VIX_t / VIX_entry. */
export function vixScaledIv(ivEntry: number, vixEntry: number, vixNow: number): number {
  return (ivEntry * vixNow) / vixEntry
}
