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
 * The positions (not voided) whose cached review must be computed again: the stale ones, and
 * those valued on another last session than `asOf` whose figures rest on it (horizon past it).
 */
export function reviewRefreshIds(db: Db, asOf: string | null): number[] {
  return stmt(
    db,
    `SELECT r.position_id FROM review_positions r INDEXED BY review_positions_stale
       JOIN positions p ON p.id = r.position_id
      WHERE r.stale = 1 AND p.voided_at IS NULL
     UNION
     SELECT r.position_id FROM review_positions r INDEXED BY review_positions_horizon
       JOIN positions p ON p.id = r.position_id
      WHERE r.stale = 0 AND r.horizon IS NOT NULL AND r.horizon > coalesce(@asOf, '')
        AND r.as_of IS NOT @asOf AND p.voided_at IS NULL`,
    { pluck: true },
  ).all({ asOf }) as number[]
}

/** Marks these positions' cached review stale (a row the read found missing or incomplete). */
export function markReviewStale(db: Db, ids: readonly number[]): void {
  stmt(
    db,
    `INSERT INTO review_positions (position_id) SELECT value FROM json_each(?) WHERE true
     ON CONFLICT (position_id) DO UPDATE SET stale = 1`,
  ).run(JSON.stringify(ids))
}

/** The status and opening date of each of these positions that is not voided. */
export function reviewStatuses(
  db: Db,
  ids: readonly number[],
): Map<number, { status: 'open' | 'closed'; openedOn: string }> {
  const rows = stmt(
    db,
    `SELECT id, status, opened_on FROM positions
      WHERE id IN (SELECT value FROM json_each(?)) AND voided_at IS NULL`,
  )
    .raw(true)
    .all(JSON.stringify(ids)) as [number, 'open' | 'closed', string][]
  return new Map(rows.map(([id, status, openedOn]) => [id, { status, openedOn }]))
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
  asOf: string | null
  horizon: string | null
  realisedE4: number | null
  openE4: number | null
  feesE4: number
  pnlE4: number | null
  final: boolean
}

export interface CachedOutcome {
  decisionId: number
  positionId: number
  actualE4: number | null
  closedE4: number | null
  heldE4: number | null
  recommendedE4: number | null
  edgeClosedE4: number | null
  edgeHeldE4: number | null
  final: boolean
  notes: readonly string[]
  rule: string | null
  vix: string | null
  rsi: string | null
  term: string | null
  event: string | null
  side: string | null
}

/** Writes a position's review row (fresh) and replaces its decisions' outcomes. */
export function writeReviewPosition(
  db: Db,
  row: CachedPositionRow,
  outcomes: readonly CachedOutcome[],
): void {
  stmt(
    db,
    `INSERT INTO review_positions (position_id, stale, as_of, horizon, realised_e4, open_e4,
        fees_e4, pnl_e4, final)
     VALUES (@positionId, 0, @asOf, @horizon, @realisedE4, @openE4, @feesE4, @pnlE4, @final)
     ON CONFLICT (position_id) DO UPDATE SET stale = 0, as_of = excluded.as_of,
        horizon = excluded.horizon, realised_e4 = excluded.realised_e4,
        open_e4 = excluded.open_e4, fees_e4 = excluded.fees_e4, pnl_e4 = excluded.pnl_e4,
        final = excluded.final`,
  ).run({ ...row, final: row.final ? 1 : 0 })
  stmt(db, 'DELETE FROM review_outcomes WHERE position_id = ?').run(row.positionId)
  const insert = stmt(
    db,
    `INSERT INTO review_outcomes (decision_id, position_id, actual_e4, closed_e4, held_e4,
        recommended_e4, edge_closed_e4, edge_held_e4, final, notes, rule, vix, rsi, term, event,
        side)
     VALUES (@decisionId, @positionId, @actualE4, @closedE4, @heldE4, @recommendedE4,
        @edgeClosedE4, @edgeHeldE4, @final, @notes, @rule, @vix, @rsi, @term, @event, @side)`,
  )
  for (const o of outcomes)
    insert.run({ ...o, final: o.final ? 1 : 0, notes: JSON.stringify(o.notes) })
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
  /** null: the position has no cached row (the review computes it). */
  final: 0 | 1 | null,
]

/** Every position that is not voided with its cached row, in the list's order (newest first). */
export function readReviewPositions(db: Db): ReviewPositionTuple[] {
  return stmt(
    db,
    `SELECT p.id, p.status, p.opened_on, p.closed_on, r.realised_e4, r.open_e4, r.fees_e4,
            r.pnl_e4, r.final
       FROM positions p LEFT JOIN review_positions r ON r.position_id = p.id
      WHERE p.voided_at IS NULL
      ORDER BY p.opened_on DESC, p.id DESC`,
  )
    .raw(true)
    .all() as ReviewPositionTuple[]
}

/** A cached outcome with its decision's columns, as the review reads it. */
export type ReviewOutcomeTuple = [
  id: number,
  positionId: number,
  decidedAt: string,
  rulesetId: string,
  rulesetVersion: number,
  recommended: string,
  taken: string,
  followed: 0 | 1,
  correctsDecisionId: number | null,
  actualE4: number | null,
  closedE4: number | null,
  heldE4: number | null,
  recommendedE4: number | null,
  edgeClosedE4: number | null,
  edgeHeldE4: number | null,
  final: 0 | 1 | null,
  notes: string | null,
  rule: string | null,
  vix: string | null,
  rsi: string | null,
  term: string | null,
  event: string | null,
  side: string | null,
]

/**
 * Every decision, oldest first, with its cached outcome (NULLs where none is cached: corrected
 * decisions, and any the cache lacks).
 */
export function readReviewOutcomes(db: Db): ReviewOutcomeTuple[] {
  return stmt(
    db,
    `SELECT d.id, d.position_id, d.decided_at, d.ruleset_id, d.ruleset_version,
            d.recommended_action, d.action_taken, d.followed, d.corrects_decision_id,
            o.actual_e4, o.closed_e4, o.held_e4, o.recommended_e4, o.edge_closed_e4,
            o.edge_held_e4, o.final, o.notes, o.rule, o.vix, o.rsi, o.term, o.event, o.side
       FROM decisions d INDEXED BY decisions_decided
       LEFT JOIN review_outcomes o ON o.decision_id = d.id
      ORDER BY d.decided_at, d.id`,
  )
    .raw(true)
    .all() as ReviewOutcomeTuple[]
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
