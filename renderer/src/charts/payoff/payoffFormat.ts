import { formatE4, SCALE } from '../../../../shared/money.ts'
import { dollars } from '../../lib/format.ts'

/**
 * How the payoff panel writes its numbers. Model values are floats: they are rounded to e4 (the
 * journal's scale) and written with the journal's own formatters, so a figure that comes from the
 * ledger prints exactly as the position's cards print it.
 */

const e4 = (v: number) => Math.round(v * SCALE)

/** Dollars to the cent with a true minus sign: −$1,234.56. */
export function usd(v: number): string {
  const cents = Math.round(v * 100)
  return dollars(cents * 100)
}

/** Dollars to 4 decimals, for gamma (a few cents per point on a typical condor). */
export const usd4 = (v: number): string =>
  `${v < 0 && Math.abs(v) >= 0.00005 ? '−' : ''}$${Math.abs(v).toFixed(4)}`

/** Index points of a model value, to 2 decimals. */
export const pts = (v: number): string => v.toFixed(2)

/**
 * Index points from the ledger (a breakeven at K − credit per share), exact: at least 2 decimals
 * and up to 4 (7182.176 stays 7182.176, as on the position's cards).
 */
export const exactPts = (v: number): string => formatE4(e4(v), 2)

/** A probability as a percentage with one decimal. */
export const pct = (v: number): string => `${(v * 100).toFixed(1)} %`

/** A volatility (decimal) in vol points with one decimal: 0.1834 → "18.3 %". */
export const volPct = (v: number): string => `${(v * 100).toFixed(1)} %`

/** A max profit or loss: dollars, or "unlimited" for null. */
export const extreme = (v: number | null): string => (v === null ? 'unlimited' : usd(v))

/** A signed vol-point shift: "+2.5 pts", "−1.0 pts", "±0.0 pts". */
export const shiftPts = (v: number): string =>
  `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)} pts`

/** "−2 × 7500 call". */
export const legName = (l: { openQuantity: number; strikeE4: number; optionType: string }) =>
  `${l.openQuantity > 0 ? '+' : '−'}${Math.abs(l.openQuantity)} × ${formatE4(l.strikeE4)} ${l.optionType}`
