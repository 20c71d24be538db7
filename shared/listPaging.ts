import type { IsoDate, PositionSummary, PositionTotals } from './domain.ts'

/**
 * Keyset pages of the long lists (issue 13, point 4): the positions list, the decisions and the
 * rulesets dry-run. A page is asked for "after" the cursor of the previous one; the cursor is
 * opaque to the renderer (the core encodes and checks it).
 */

/** Most rows one page may ask for. */
export const MAX_PAGE = 500

/** The columns the positions list sorts by in SQL ("dte" sorts as the expiration). */
export const POSITION_SORTS = [
  'status',
  'openedOn',
  'expiration',
  'dte',
  'root',
  'structure',
  'account',
  'quantity',
  'credit',
  'realised',
  'openPnl',
  'fees',
  'total',
] as const
export type PositionSort = (typeof POSITION_SORTS)[number]

export interface PositionPage {
  rows: PositionSummary[]
  /** Pass as `after` for the next page; null after the last row. */
  nextCursor: string | null
}

/** The totals of a filter (one aggregate query) and what the list's header and form offer. */
export interface PositionListTotals extends PositionTotals {
  /** The data dates the listed open P&L was valued on, latest first. */
  openPnlAsOf: IsoDate[]
  /** Every tag in the journal, for the tag filter's suggestions. */
  tags: string[]
}

/** How many of a dry-run's decisions agree, when every decision has been replayed. */
export interface DryRunSummary {
  decisions: number
  agreeing: number
}
