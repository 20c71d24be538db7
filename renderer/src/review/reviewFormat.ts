import type { ReviewGroupRow } from '../../../shared/review/report.ts'

/**
 * Reading the review's non-money figures: rates, ratios and the small-group mark. Money goes
 * through `usd` (lib/format.ts); nothing here adds or divides amounts.
 */

/** A win rate (0–1) as a whole percent, one decimal when not whole: 1/3 → "33.3%"; "—" unknown. */
export function percent(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—'
  const text = (Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')
  return `${text}%`
}

/** A profit factor to two decimals; without losses the core sends null (it would be ∞). */
export function profitFactor(g: Pick<ReviewGroupRow, 'profitFactor' | 'count' | 'wins'>): string {
  if (g.profitFactor !== null) return g.profitFactor.toFixed(2)
  return g.count > 0 && g.wins > 0 ? 'no losses' : '—'
}

/** "pos" / "neg" for colouring a dollars figure by its sign; '' for zero or unknown. */
export function signOf(value: number | null | undefined): '' | 'pos' | 'neg' {
  if (value == null || Math.round(value * 100) === 0) return ''
  return value > 0 ? 'pos' : 'neg'
}

/** "3 decisions" / "1 decision", "2 of 5 decisions" when the table is narrowed. */
export function decisionsCount(shown: number, total: number): string {
  const noun = total === 1 ? 'decision' : 'decisions'
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`
}

/**
 * Whole dollars for the calendar's narrow cells, rounded half away from zero: −2230.5 → "−$2,231"
 * (the cell's tooltip has the exact figure).
 */
export function usdWhole(value: number): string {
  const e4 = Math.round(value * 10_000)
  const whole = Math.floor((Math.abs(e4) + 5_000) / 10_000)
  if (whole === 0) return '$0'
  return `${e4 < 0 ? '−' : ''}$${whole.toLocaleString('en-US')}`
}
