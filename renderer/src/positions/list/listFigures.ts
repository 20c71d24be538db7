import type { PositionSummary, PositionTotals } from '../../../../shared/domain.ts'
import { POSITION_SORTS, type PositionSort } from '../../../../shared/listPaging.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { count } from '../../lib/format.ts'

/**
 * Reading the core's figures for the list: sort keys and labels, never arithmetic on money
 * (every sum comes from the core's `totals`).
 */

/** The sort key of an exact decimal: its e4 integer (exact, no float), null when unknown. */
export const decimalSortKey = (value: string | null | undefined): number | null =>
  value == null ? null : parseE4(value)

/** "pos" or "neg" for colouring a figure by its sign; '' for zero or unknown. */
export function signClass(value: string | null | undefined): '' | 'pos' | 'neg' {
  const e4 = decimalSortKey(value)
  return e4 === null || e4 === 0 ? '' : e4 > 0 ? 'pos' : 'neg'
}

/**
 * The core's sort for a column of the list: the column keys are the core's sort names
 * (shared/listPaging.ts); a key the core does not sort by falls back to the expiration.
 */
export function sortOf(sort: { key: string; dir: 'asc' | 'desc' }): {
  column: PositionSort
  direction: 'asc' | 'desc'
} {
  const column = (POSITION_SORTS as readonly string[]).includes(sort.key)
    ? (sort.key as PositionSort)
    : 'expiration'
  return { column, direction: sort.dir }
}

/** The tooltip of a row's open P&L: what the figure is and the date of its data. */
export function openPnlTitle(p: PositionSummary): string {
  const f = p.figures
  if (!f) return p.figuresError ?? 'Unknown'
  const what = f.openPnlNote ?? (f.openPnl === null ? 'Unknown' : 'Open P&L')
  return f.openPnlAsOf ? `${what}, as of ${f.openPnlAsOf}` : what
}

/** "3 positions" / "1 position", with thousands separators. */
export const positionsCount = (n: number): string =>
  `${count(n)} ${n === 1 ? 'position' : 'positions'}`

/** The totals row's note for a sum that leaves some positions out: "2 unknown", else ''. */
export const unknownNote = (part: PositionTotals['realised']): string =>
  part.unknown > 0 ? `${count(part.unknown)} unknown` : ''

/** A money column's sort key: the figure as an exact e4 integer; unknown (null) sorts last. */
export const figureSortKey = (
  p: PositionSummary,
  key: 'realised' | 'openPnl' | 'fees' | 'total',
): number | null => decimalSortKey(p.figures ? p.figures[key] : null)

/**
 * The legs in a line. A condor as it was opened reads best as its four strikes
 * ("6400/6450/7000/7050", the quantity has its column); anything else, or a condor whose legs
 * changed, as the core's label of its open legs.
 */
export function legsText(p: PositionSummary): string {
  const strikes = [p.longPut, p.shortPut, p.shortCall, p.longCall]
  const fourLegs = p.legsLabel === '' || p.legsLabel.split(' ').length === 4
  if (p.structure === 'iron_condor' && fourLegs && strikes.every((k) => k !== null))
    return strikes.join('/')
  return p.legsLabel || '—'
}

/**
 * The narrowest row the columns fit in: each track's pixel minimum ("84px",
 * "minmax(64px, 1fr)"), the 8 px gaps and the 12 px padding either side.
 */
export function minRowWidth(columns: readonly { width: string }[]): number {
  const tracks = columns.map((c) => Number(/(\d+)px/.exec(c.width)?.[1] ?? 0))
  return tracks.reduce((a, b) => a + b, 0) + 8 * (columns.length - 1) + 24
}
