import type { IsoDate } from '../domain.ts'

/**
 * The review as the contract, the CLI's JSON and the Review page carry it. Money in dollars as
 * numbers exact to 1e-4 (they come from e4 integers), null where it cannot be computed — with
 * the reason in `notes`. Every figure that rests on a model value says so in `notes` and is
 * flagged `final: false`.
 */
export const REVIEW_GROUP_KEYS = [
  'action',
  'recommended',
  'rule',
  'ruleset',
  'followed',
  'tag',
  'vix',
  'rsi',
  'term',
  'event',
  'side',
] as const
export type ReviewGroupKey = (typeof REVIEW_GROUP_KEYS)[number]

/** What each grouping means, for --help and the page. */
export const REVIEW_GROUP_LABELS: Record<ReviewGroupKey, string> = {
  action: 'action taken',
  recommended: 'recommended action',
  rule: 'winning rule',
  ruleset: 'ruleset and version',
  followed: 'followed vs overridden',
  tag: 'position tag',
  vix: 'VIX level at the decision',
  rsi: 'VIX-futures RSI band',
  term: 'term structure (contango / backwardation)',
  event: 'CPI or FOMC within 2 days',
  side: 'side tested (call / put)',
}

export interface ReviewDecisionRow {
  id: number
  positionId: number
  decidedAt: string
  rulesetId: string
  rulesetVersion: number
  recommended: string
  taken: string
  followed: boolean
  rule: string | null
  actual: number | null
  closedAtDecision: number | null
  heldToExpiry: number | null
  recommendedPath: number | null
  edgeVsClosed: number | null
  edgeVsHeld: number | null
  final: boolean
  notes: string[]
}

export interface ReviewPositionRow {
  id: number
  status: 'open' | 'closed'
  /** When it was opened and closed (New York dates): where its P&L sits on the equity curve. */
  openedOn: IsoDate
  closedOn: IsoDate | null
  realised: number | null
  open: number | null
  fees: number
  pnl: number | null
  final: boolean
}

export interface ReviewGroupRow {
  key: string
  count: number
  wins: number
  winRate: number | null
  avgWin: number | null
  avgLoss: number | null
  expectancy: number | null
  total: number
  profitFactor: number | null
  maxDrawdown: number
  /** Sums of the known edges; null when none is known. */
  edgeVsClosed: number | null
  edgeVsHeld: number | null
  /** Fewer than 5 members: shown, but too few to read much into. */
  small: boolean
}

export interface ReviewReport {
  /** The last stored SPX session: the date of every model value in the review. */
  asOf: IsoDate | null
  decisions: ReviewDecisionRow[]
  positions: ReviewPositionRow[]
  groups: Partial<Record<ReviewGroupKey, ReviewGroupRow[]>>
  /** The same metrics over all positions (by P&L) and all decisions (by actual). */
  headline: { positions: ReviewGroupRow; decisions: ReviewGroupRow }
}

/**
 * What the Review page shows first, before the decisions and positions arrive: the headline,
 * the groups and the counts (`review:summary`, from the core's cache when it is current).
 */
export interface ReviewSummary {
  asOf: IsoDate | null
  groups: ReviewReport['groups']
  headline: ReviewReport['headline']
  /** How many decisions and positions the report lists, and positions valued by the model. */
  decisions: number
  positions: number
  modelPositions: number
}

/** The summary of a report. */
export function summaryOf(report: ReviewReport): ReviewSummary {
  return {
    asOf: report.asOf,
    groups: report.groups,
    headline: report.headline,
    decisions: report.decisions.length,
    positions: report.positions.length,
    modelPositions: report.positions.filter((p) => !p.final).length,
  }
}
