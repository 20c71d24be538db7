import type { StaleSeries, TodayRow } from '../../../shared/today.ts'

/**
 * How the Today page writes its figures. Penetration is a fraction of the wing's width: 0 at the
 * short strike, 1 at the long one, negative while the short strike is out of the money.
 */

const MINUS = '−'

/** A wing's penetration as a whole percent with a true minus: 1.6542 → "165 %", −4.65 → "−465 %". */
export function penetrationText(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—'
  const p = Math.round(x * 100)
  return `${p < 0 ? MINUS : ''}${Math.abs(p)} %`
}

/** How hard a wing is tested: run through to 80 % of its width or more, at the short strike, or not. */
export function penetrationLevel(x: number | null): 'deep' | 'tested' | null {
  if (x === null || !Number.isFinite(x)) return null
  return x >= 0.8 ? 'deep' : x >= 0 ? 'tested' : null
}

/** A delta with two decimals and a true minus: −0.0512 → "−0.05"; null → "—". */
export function deltaText(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—'
  const t = Math.abs(x).toFixed(2)
  return x < 0 && t !== '0.00' ? `${MINUS}${t}` : t
}

const spotFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

/** SPX with two decimals and thousands separators: 7482.71 → "7,482.71". */
export const spotText = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? '—' : spotFormat.format(x)

export const GROUP_TITLE: Record<TodayRow['group'], string> = {
  tested: 'Tested — a short strike is in the money',
  expiring: 'Expiring today or tomorrow — or expired and not booked yet',
  other: 'The rest',
}

/** Where a row's ruleset came from, in words. */
export const RULESET_SOURCE: Record<TodayRow['rulesetSource'], string> = {
  position: 'its own',
  default: 'journal default',
  asked: 'asked for',
}

/** "SPX ends 2026-07-08" / "VX futures: none stored". */
export function staleText(s: StaleSeries): string {
  return s.lastDate ? `${s.series} ends ${s.lastDate}` : `${s.series}: none stored`
}

/** The open P&L's label: what kind of value it is and the date of its data. */
export function openPnlNote(row: Pick<TodayRow, 'openPnlBasis' | 'openPnlDate'>): string {
  const basis = row.openPnlBasis ?? 'unknown'
  return row.openPnlDate ? `${basis}, as of ${row.openPnlDate}` : basis
}

/**
 * The short word under the open P&L, from the core's note on it: "model" (Black–Scholes on the
 * stored close), "your marks", "settlement", "no mark" (a leg has none: the value is unknown).
 */
export function openPnlKind(basis: string | null): string {
  if (basis === null) return ''
  if (/^no mark/i.test(basis)) return 'no mark'
  if (/model/i.test(basis)) return 'model'
  if (/marks you entered/i.test(basis)) return 'your marks'
  if (/settlement/i.test(basis)) return 'settlement'
  return ''
}

/** "2 layers" / "1 layer" / "—". */
export const hedgeText = (n: number): string =>
  n === 0 ? '—' : `${n} ${n === 1 ? 'layer' : 'layers'}`
