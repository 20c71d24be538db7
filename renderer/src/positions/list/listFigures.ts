import type { IsoDate, PositionSummary, PositionTotals } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'

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
 * The data dates the listed open P&L was valued on, latest first. One date is the usual case;
 * several appear when some positions were valued on marks entered on other days.
 */
export function openPnlDates(positions: readonly PositionSummary[]): IsoDate[] {
  const dates = new Set<IsoDate>()
  for (const p of positions) if (p.figures?.openPnlAsOf) dates.add(p.figures.openPnlAsOf)
  return [...dates].sort().reverse()
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
  `${n.toLocaleString('en-US')} ${n === 1 ? 'position' : 'positions'}`

/** The totals row's note for a sum that leaves some positions out: "2 unknown", else ''. */
export const unknownNote = (part: PositionTotals['realised']): string =>
  part.unknown > 0 ? `${part.unknown.toLocaleString('en-US')} unknown` : ''
