import type { DecisionOutcome } from '../../../../shared/review/outcomes.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

/**
 * The review's caches (migration 009): each position's review row and each effective decision's
 * outcome, as electron/core/review/review.ts computed them, with the stale flag the triggers set
 * and the market horizon the figures rest on. Read in bulk as arrays (`raw`): the warm review
 * reads 100,000 positions and 30,000 outcomes.
 */

/** A horizon that any change to the stored closes reaches (a figure valued on the last session). */
export const ANY_MARKET_CHANGE = '9999-12-31'

export function reviewCacheExists(db: Db): boolean {
  return (
    stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'review_outcomes'", {
      pluck: true,
    }).get() === 1
  )
}

/**
 * The positions whose cached review must be computed again: the stale ones (voided ones too:
 * their row says so), and those valued on another last session than `asOf` whose figures rest
 * on it (horizon past it).
 */
export function reviewRefreshIds(db: Db, asOf: string | null): number[] {
  return stmt(
    db,
    `SELECT position_id FROM review_positions INDEXED BY review_positions_stale WHERE stale = 1
     UNION
     SELECT position_id FROM review_positions INDEXED BY review_positions_horizon
      WHERE stale = 0 AND horizon IS NOT NULL AND horizon > coalesce(@asOf, '')
        AND as_of IS NOT @asOf`,
    { pluck: true },
  ).all({ asOf }) as number[]
}

/** The columns of these positions the review reads (absent: no such position). */
export function reviewPositionFacts(
  db: Db,
  ids: readonly number[],
): Map<
  number,
  { voided: boolean; status: 'open' | 'closed'; openedOn: string; closedOn: string | null }
> {
  const rows = stmt(
    db,
    `SELECT id, voided_at IS NOT NULL, status, opened_on, closed_on FROM positions
      WHERE id IN (SELECT value FROM json_each(?))`,
  )
    .raw(true)
    .all(JSON.stringify(ids)) as [number, 0 | 1, 'open' | 'closed', string, string | null][]
  return new Map(
    rows.map(([id, voided, status, openedOn, closedOn]) => [
      id,
      { voided: voided === 1, status, openedOn, closedOn },
    ]),
  )
}

/** The ids of these positions' decisions (corrected ones included). */
export function decisionIdsOf(db: Db, positionIds: readonly number[]): number[] {
  return stmt(
    db,
    'SELECT id FROM decisions WHERE position_id IN (SELECT value FROM json_each(?))',
    { pluck: true },
  ).all(JSON.stringify(positionIds)) as number[]
}

/** Per position, how many decisions it has (for the scoring phase's progress). */
export function decisionCounts(db: Db): Map<number, number> {
  return new Map(
    stmt(db, 'SELECT position_id, count(*) FROM decisions GROUP BY position_id')
      .raw(true)
      .all() as [number, number][],
  )
}

export interface CachedPositionRow {
  positionId: number
  voided: boolean
  status: 'open' | 'closed'
  openedOn: string
  closedOn: string | null
  asOf: string | null
  horizon: string | null
  realisedE4: number | null
  openE4: number | null
  feesE4: number
  pnlE4: number | null
  final: boolean
}

/** A decision's columns as the review reads them. */
export interface CachedDecision {
  id: number
  positionId: number
  decidedAt: string
  rulesetId: string
  rulesetVersion: number
  recommendedAction: string
  actionTaken: string
  followed: boolean
  rule: string | null
}

/** What the groupings read of a decision's snapshot: its signal buckets (metrics.ts). */
export interface SignalBuckets {
  vix: string | null
  rsi: string | null
  term: string | null
  event: string | null
  side: string | null
}

/** A decision's cached row: its columns, its outcome (shared/review/outcomes.ts), its buckets. */
export type CachedOutcome = CachedDecision & DecisionOutcome & SignalBuckets

/**
 * Writes these positions' review rows (fresh) and replaces their decisions' outcomes: one
 * delete for the batch, then one positional insert per row (named parameters cost more than
 * the insert itself at 100,000 rows).
 */
export function writeReviewBatch(
  db: Db,
  rows: readonly CachedPositionRow[],
  outcomes: readonly CachedOutcome[],
): void {
  stmt(db, 'DELETE FROM review_outcomes WHERE position_id IN (SELECT value FROM json_each(?))').run(
    JSON.stringify(rows.map((r) => r.positionId)),
  )
  const upsert = stmt(
    db,
    `INSERT INTO review_positions (position_id, stale, voided, status, opened_on, closed_on,
        as_of, horizon, realised_e4, open_e4, fees_e4, pnl_e4, final)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (position_id) DO UPDATE SET stale = 0, voided = excluded.voided,
        status = excluded.status, opened_on = excluded.opened_on,
        closed_on = excluded.closed_on, as_of = excluded.as_of,
        horizon = excluded.horizon, realised_e4 = excluded.realised_e4,
        open_e4 = excluded.open_e4, fees_e4 = excluded.fees_e4, pnl_e4 = excluded.pnl_e4,
        final = excluded.final`,
  )
  for (const r of rows)
    upsert.run(
      r.positionId,
      r.voided ? 1 : 0,
      r.status,
      r.openedOn,
      r.closedOn,
      r.asOf,
      r.horizon,
      r.realisedE4,
      r.openE4,
      r.feesE4,
      r.pnlE4,
      r.final ? 1 : 0,
    )
  const insert = stmt(
    db,
    `INSERT INTO review_outcomes (decision_id, position_id, decided_at, ruleset_id,
        ruleset_version, recommended, taken, followed, rule, actual_e4, closed_e4, held_e4,
        recommended_e4, edge_closed_e4, edge_held_e4, final, notes, vix, rsi, term, event, side)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const o of outcomes)
    insert.run(
      o.id,
      o.positionId,
      o.decidedAt,
      o.rulesetId,
      o.rulesetVersion,
      o.recommendedAction,
      o.actionTaken,
      o.followed ? 1 : 0,
      o.rule,
      o.actualE4,
      o.closedAtDecisionE4,
      o.heldToExpiryE4,
      o.recommendedPathE4,
      o.edgeVsClosedE4,
      o.edgeVsHeldE4,
      o.final ? 1 : 0,
      JSON.stringify(o.notes),
      o.vix,
      o.rsi,
      o.term,
      o.event,
      o.side,
    )
}

/** A cached position row as the review reads it: [id, status, opened, closed, e4 figures…]. */
export type ReviewPositionTuple = [
  id: number,
  status: 'open' | 'closed',
  openedOn: string,
  closedOn: string | null,
  realisedE4: number | null,
  openE4: number | null,
  feesE4: number,
  pnlE4: number | null,
  final: 0 | 1,
]

/**
 * Every cached position that is not voided, in the list's order (newest first). Read when no
 * row is stale (reviewRefreshIds), so every position has its row and every row is current.
 */
export function readReviewPositions(db: Db): ReviewPositionTuple[] {
  return stmt(
    db,
    `SELECT position_id, status, opened_on, closed_on, realised_e4, open_e4, fees_e4, pnl_e4,
            final
       FROM review_positions INDEXED BY review_positions_opened
      WHERE voided = 0
      ORDER BY opened_on DESC, position_id DESC`,
  )
    .raw(true)
    .all() as ReviewPositionTuple[]
}

/** A cached outcome as the review reads it (the decision's columns, then the outcome). */
export type ReviewOutcomeTuple = [
  id: number,
  positionId: number,
  decidedAt: string,
  rulesetId: string,
  rulesetVersion: number,
  recommended: string,
  taken: string,
  followed: 0 | 1,
  rule: string | null,
  actualE4: number | null,
  closedE4: number | null,
  heldE4: number | null,
  recommendedE4: number | null,
  edgeClosedE4: number | null,
  edgeHeldE4: number | null,
  final: 0 | 1,
  notes: string,
  vix: string | null,
  rsi: string | null,
  term: string | null,
  event: string | null,
  side: string | null,
]

/** Every cached outcome (the effective decisions of positions not voided), oldest first. */
export function readReviewOutcomes(db: Db): ReviewOutcomeTuple[] {
  return stmt(
    db,
    `SELECT decision_id, position_id, decided_at, ruleset_id, ruleset_version, recommended,
            taken, followed, rule, actual_e4, closed_e4, held_e4, recommended_e4, edge_closed_e4,
            edge_held_e4, final, notes, vix, rsi, term, event, side
       FROM review_outcomes INDEXED BY review_outcomes_decided
      ORDER BY decided_at, decision_id`,
  )
    .raw(true)
    .all() as ReviewOutcomeTuple[]
}

/** The decisions some correction replaces (anywhere in the journal). */
export function correctedDecisionIds(db: Db): Set<number> {
  return new Set(
    stmt(
      db,
      `SELECT corrects_decision_id FROM decisions INDEXED BY decisions_corrects
        WHERE corrects_decision_id IS NOT NULL`,
      { pluck: true },
    ).all() as number[],
  )
}

/** Every position's tags, sorted (as the position summaries give them). */
export function tagsByPosition(db: Db): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (const [id, tag] of stmt(db, 'SELECT position_id, tag FROM position_tags')
    .raw(true)
    .all() as [number, string][]) {
    const list = out.get(id)
    if (list) list.push(tag)
    else out.set(id, [tag])
  }
  // JavaScript's sort, as the summaries sort them (SQLite's BINARY order differs past U+FFFF)
  for (const list of out.values()) list.sort()
  return out
}

/** The cache's generation: any change the review could see moves it (migration 009). */
export function reviewGeneration(db: Db): number {
  return stmt(db, 'SELECT generation FROM review_state WHERE id = 1', {
    pluck: true,
  }).get() as number
}

/** Moves the generation on (a refresh rewrote rows). */
export function bumpReviewGeneration(db: Db): void {
  stmt(db, 'UPDATE review_state SET generation = generation + 1 WHERE id = 1').run()
}

/** The stored summary of a request, if it was computed at this generation and last session. */
export function readReviewSummary(
  db: Db,
  request: string,
  generation: number,
  asOf: string | null,
): string | null {
  return (
    (stmt(
      db,
      `SELECT summary FROM review_summaries
        WHERE request = ? AND generation = ? AND as_of IS ?`,
      { pluck: true },
    ).get(request, generation, asOf) as string | undefined) ?? null
  )
}

/** Stores a request's summary (replacing an older one); older generations' are dropped. */
export function writeReviewSummary(
  db: Db,
  request: string,
  generation: number,
  asOf: string | null,
  summary: string,
): void {
  stmt(db, 'DELETE FROM review_summaries WHERE generation <> ?').run(generation)
  stmt(
    db,
    `INSERT INTO review_summaries (request, generation, as_of, summary) VALUES (?, ?, ?, ?)
     ON CONFLICT (request) DO UPDATE SET generation = excluded.generation,
        as_of = excluded.as_of, summary = excluded.summary`,
  ).run(request, generation, asOf, summary)
}

/** The decisions table's filters and order, for a page of cached outcomes (review:decisionsPage). */
export interface OutcomePageQuery {
  /** Positions opened on or after / on or before (the review's date range). */
  from: string | null
  to: string | null
  rulesetId: string | null
  taken: string | null
  followed: boolean | null
  /** Newest first (decided_at, then id, both descending) instead of the review's order. */
  descending: boolean
  /** The last row of the previous page. */
  after: { decidedAt: string; id: number } | null
  limit: number
}

/**
 * The outcomes the review lists (of positions not voided, in the date range, not corrected),
 * narrowed by the table's filters. The rows come in the order of `review_outcomes_decided`
 * (the review's own order, or its exact reverse), so a page is an index range from the cursor.
 */
const OUTCOME_PAGE_WHERE = `
   FROM review_outcomes o INDEXED BY review_outcomes_decided
   JOIN review_positions p ON p.position_id = o.position_id
  WHERE p.voided = 0
    AND (@from IS NULL OR p.opened_on >= @from) AND (@to IS NULL OR p.opened_on <= @to)
    AND (@ruleset IS NULL OR o.ruleset_id = @ruleset)
    AND (@taken IS NULL OR o.taken = @taken)
    AND (@followed IS NULL OR o.followed = @followed)
    AND o.decision_id NOT IN (SELECT corrects_decision_id FROM decisions INDEXED BY decisions_corrects
                               WHERE corrects_decision_id IS NOT NULL)`

const OUTCOME_COLUMNS = `o.decision_id, o.position_id, o.decided_at, o.ruleset_id,
    o.ruleset_version, o.recommended, o.taken, o.followed, o.rule, o.actual_e4, o.closed_e4,
    o.held_e4, o.recommended_e4, o.edge_closed_e4, o.edge_held_e4, o.final, o.notes, o.vix,
    o.rsi, o.term, o.event, o.side`

/** The SQL of a page: with or without a cursor, in either direction (four cached statements). */
export function outcomePageSql(descending: boolean, cursor: boolean): string {
  const [cmp, dir] = descending ? ['<', 'DESC'] : ['>', 'ASC']
  // the first term bounds the index range; the second skips the cursor's own time up to its id
  const after = cursor
    ? `AND o.decided_at ${cmp}= @afterAt
       AND (o.decided_at ${cmp} @afterAt OR o.decision_id ${cmp} @afterId)`
    : ''
  return `SELECT ${OUTCOME_COLUMNS} ${OUTCOME_PAGE_WHERE} ${after}
           ORDER BY o.decided_at ${dir}, o.decision_id ${dir} LIMIT @limit`
}

const outcomeFilterParams = (q: OutcomePageQuery) => ({
  from: q.from,
  to: q.to,
  ruleset: q.rulesetId,
  taken: q.taken,
  followed: q.followed === null ? null : q.followed ? 1 : 0,
})

/** One page of cached outcomes (read when no row is stale: see reviewRefreshIds). */
export function pageReviewOutcomes(db: Db, q: OutcomePageQuery): ReviewOutcomeTuple[] {
  return stmt(db, outcomePageSql(q.descending, q.after !== null))
    .raw(true)
    .all({
      ...outcomeFilterParams(q),
      ...(q.after ? { afterAt: q.after.decidedAt, afterId: q.after.id } : {}),
      limit: q.limit,
    }) as ReviewOutcomeTuple[]
}

/** How many cached outcomes the filters keep (every page together). */
export function countReviewOutcomes(db: Db, q: OutcomePageQuery): number {
  return stmt(db, `SELECT count(*) ${OUTCOME_PAGE_WHERE}`, { pluck: true }).get(
    outcomeFilterParams(q),
  ) as number
}
