import type { RequestOf } from '../../../shared/contract.ts'
import { isIsoDate, nyDateOf } from '../../../shared/dates.ts'
import { ACTIONS } from '../../../shared/ruleset/schema.ts'
import {
  REVIEW_GROUP_KEYS,
  type ReviewDecisionRow,
  type ReviewGroupKey,
} from '../../../shared/review/report.ts'

/**
 * The Review page's state as the address keeps it ("#/review?from=2024-01-01&followed=no"):
 * every value a string, '' for "any". The date range goes to the core (positions opened in it,
 * as `wingman review --from --to`); ruleset, action and followed narrow the decisions table.
 * Parsing drops what the page could not use, so a hand-edited link never shows an error.
 */
export const FOLLOWED = ['', 'followed', 'overridden'] as const
export type FollowedFilter = (typeof FOLLOWED)[number]

export interface ReviewFilters {
  /** Positions opened on or after / on or before, YYYY-MM-DD. */
  from: string
  to: string
  /** A ruleset id ("mechanical-wing"), any version. */
  ruleset: string
  /** The action taken. */
  action: string
  followed: FollowedFilter
  /** The grouping shown in the group-by table. */
  group: ReviewGroupKey
  /** The decision whose paths are shown, '' for none. */
  decision: string
}

export const NO_REVIEW_FILTERS: ReviewFilters = {
  from: '',
  to: '',
  ruleset: '',
  action: '',
  followed: '',
  group: 'action',
  decision: '',
}

const KEYS = ['from', 'to', 'ruleset', 'action', 'followed', 'group', 'decision'] as const
const RULESET_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/

/** Reads the page state from a route query; values the page cannot use are dropped. */
export function reviewFiltersFromQuery(query: URLSearchParams): ReviewFilters {
  const get = (k: string) => (query.get(k) ?? '').trim()
  const date = (k: string) => (isIsoDate(get(k)) ? get(k) : '')
  const action = get('action')
  const followed = get('followed')
  const group = get('group')
  return {
    from: date('from'),
    to: date('to'),
    ruleset: RULESET_ID.test(get('ruleset')) ? get('ruleset') : '',
    action: (ACTIONS as readonly string[]).includes(action) ? action : '',
    followed: (FOLLOWED as readonly string[]).includes(followed)
      ? (followed as FollowedFilter)
      : '',
    group: (REVIEW_GROUP_KEYS as readonly string[]).includes(group)
      ? (group as ReviewGroupKey)
      : NO_REVIEW_FILTERS.group,
    decision: /^[1-9]\d{0,12}$/.test(get('decision')) ? get('decision') : '',
  }
}

/** The query that reproduces `filters`; defaults are left out, so nothing set is a bare route. */
export function queryFromReviewFilters(filters: ReviewFilters): URLSearchParams {
  const query = new URLSearchParams()
  for (const key of KEYS) if (filters[key] !== NO_REVIEW_FILTERS[key]) query.set(key, filters[key])
  return query
}

/** The `review:run` request: the date range only (the table filters are the page's own). */
export function reviewRequestOf(filters: ReviewFilters): RequestOf<'review:run'> {
  const request: RequestOf<'review:run'> = {}
  if (filters.from) request.from = filters.from
  if (filters.to) request.to = filters.to
  return request
}

/** How many rows the decisions table's first page asks for: a few screenfuls. */
const FIRST_PAGE = 100

/**
 * The `review:decisionsPage` request of the table's first page: the review's date range and the
 * table's filters, by date in `direction`.
 */
export function decisionsPageRequestOf(
  filters: ReviewFilters,
  direction: 'asc' | 'desc',
): RequestOf<'review:decisionsPage'> {
  const request: RequestOf<'review:decisionsPage'> = {
    ...reviewRequestOf(filters),
    sort: { column: 'date', direction },
    limit: FIRST_PAGE,
  }
  if (filters.ruleset) request.ruleset = filters.ruleset
  if (filters.action) request.action = filters.action as NonNullable<typeof request.action>
  if (filters.followed) request.followed = filters.followed === 'followed'
  return request
}

/** Whether a decision passes the table's filters (ruleset, action taken, followed). */
export function decisionMatches(d: ReviewDecisionRow, filters: ReviewFilters): boolean {
  if (filters.ruleset && d.rulesetId !== filters.ruleset) return false
  if (filters.action && d.taken !== filters.action) return false
  if (filters.followed === 'followed' && !d.followed) return false
  if (filters.followed === 'overridden' && d.followed) return false
  return true
}

/** How many table filters narrow the decisions (the date range counts as one each). */
export const activeReviewFilterCount = (f: ReviewFilters): number =>
  (['from', 'to', 'ruleset', 'action', 'followed'] as const).filter((k) => f[k] !== '').length

/** The New York date of a decision ("2024-12-04" for 2024-12-04T20:45:00Z). */
export const decisionDate = (d: ReviewDecisionRow): string => nyDateOf(new Date(d.decidedAt))
