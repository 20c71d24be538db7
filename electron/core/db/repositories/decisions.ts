import type { SignalValue } from '../../../../shared/signals.ts'
import type {
  Action,
  DecisionRecord,
  DecisionSnapshot,
  Recommendation,
} from '../../../../shared/decisions.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

export interface NewDecision {
  positionId: number
  adjustmentId: number | null
  decidedAt: string
  snapshot: DecisionSnapshot
  rulesetId: string
  rulesetVersion: number
  recommendation: Recommendation
  actionTaken: Action
  reason: string
  correctsDecisionId: number | null
  createdAt: string
}

/** Decisions are insert-only: the schema's triggers refuse UPDATE and DELETE. */
export function insertDecision(db: Db, d: NewDecision): number {
  const followed = d.recommendation.action === d.actionTaken
  return Number(
    stmt(
      db,
      `INSERT INTO decisions (position_id, adjustment_id, decided_at, signals, ruleset_id, ruleset_version, recommendation,
                                recommended_action, action_taken, followed, reason, corrects_decision_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      d.positionId,
      d.adjustmentId,
      d.decidedAt,
      JSON.stringify(d.snapshot),
      d.rulesetId,
      d.rulesetVersion,
      JSON.stringify(d.recommendation),
      d.recommendation.action,
      d.actionTaken,
      followed ? 1 : 0,
      d.reason,
      d.correctsDecisionId,
      d.createdAt,
    ).lastInsertRowid,
  )
}

interface DecisionRow {
  id: number
  position_id: number
  adjustment_id: number | null
  decided_at: string
  signals: string
  ruleset_id: string
  ruleset_version: number
  recommendation: string
  recommended_action: Action
  action_taken: Action
  followed: number
  reason: string
  corrects_decision_id: number | null
  created_at: string
}

const toRecord = (r: DecisionRow): DecisionRecord => ({
  id: r.id,
  positionId: r.position_id,
  adjustmentId: r.adjustment_id,
  decidedAt: r.decided_at,
  snapshot: JSON.parse(r.signals) as DecisionSnapshot,
  rulesetId: r.ruleset_id,
  rulesetVersion: r.ruleset_version,
  recommendation: JSON.parse(r.recommendation) as Recommendation,
  recommendedAction: r.recommended_action,
  actionTaken: r.action_taken,
  followed: r.followed === 1,
  reason: r.reason,
  correctsDecisionId: r.corrects_decision_id,
  createdAt: r.created_at,
})

export function listDecisions(db: Db, positionId?: number): DecisionRecord[] {
  const rows =
    positionId === undefined
      ? stmt(db, 'SELECT * FROM decisions ORDER BY decided_at, id').all()
      : stmt(db, 'SELECT * FROM decisions WHERE position_id = ? ORDER BY decided_at, id').all(
          positionId,
        )
  return (rows as DecisionRow[]).map(toRecord)
}

/**
 * A keyset page of decisions (of one position, or all), oldest first: those after `after`
 * (decided_at, id), at most `limit`. Backed by decisions_position and decisions_decided.
 */
export function pageDecisions(
  db: Db,
  q: { positionId?: number; after: { decidedAt: string; id: number } | null; limit: number },
): DecisionRecord[] {
  const args = {
    positionId: q.positionId ?? null,
    decidedAt: q.after?.decidedAt ?? null,
    id: q.after?.id ?? null,
    limit: q.limit,
  }
  const rows = stmt(
    db,
    DECISION_PAGE_SQL[q.positionId === undefined ? 'all' : 'position'][q.after ? 'after' : 'first'],
  ).all(args)
  return (rows as DecisionRow[]).map(toRecord)
}

const decisionPageSql = (position: boolean, after: boolean) =>
  `SELECT * FROM decisions INDEXED BY ${position ? 'decisions_position' : 'decisions_decided'}
    WHERE ${position ? 'position_id = @positionId' : 'decided_at IS NOT NULL'}
      ${after ? 'AND (decided_at, id) > (@decidedAt, @id)' : ''}
    ORDER BY decided_at, id LIMIT @limit`

/** The four texts of `pageDecisions` (exported for the EXPLAIN QUERY PLAN tests). */
export const DECISION_PAGE_SQL = {
  all: { first: decisionPageSql(false, false), after: decisionPageSql(false, true) },
  position: { first: decisionPageSql(true, false), after: decisionPageSql(true, true) },
}

/** How many decisions are logged. */
export function countDecisions(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM decisions', { pluck: true }).get() as number
}

export function getDecision(db: Db, id: number): DecisionRecord | null {
  const row = stmt(db, 'SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined
  return row ? toRecord(row) : null
}

/** What the review reads of a decision: the snapshot's date, marks and values, not the rest. */
export interface DecisionForReview {
  id: number
  positionId: number
  adjustmentId: number | null
  decidedAt: string
  date: string
  marks: Record<string, number>
  values: Record<string, SignalValue>
  rulesetId: string
  rulesetVersion: number
  recommendedAction: Action
  actionTaken: Action
  followed: boolean
  rule: string | null
  correctsDecisionId: number | null
}

/**
 * Every decision, oldest first, with only the parts of its JSON the review uses: reading and
 * parsing whole snapshots and recommendations was most of a 10,000-decision review's SQL time.
 */
export function listDecisionsForReview(
  db: Db,
  /** Only these decisions (a dry-run page's); all when omitted. */
  ids?: readonly number[],
): DecisionForReview[] {
  const rows =
    ids === undefined
      ? stmt(db, `SELECT ${REVIEW_COLUMNS} FROM decisions ORDER BY decided_at, id`).all()
      : stmt(
          db,
          `SELECT ${REVIEW_COLUMNS} FROM decisions
            WHERE id IN (SELECT value FROM json_each(?)) ORDER BY decided_at, id`,
        ).all(JSON.stringify(ids))
  return (rows as ReviewRow[]).map(toReview)
}

/** A keyset page of decisions as the review reads them, oldest first (see pageDecisions). */
export function pageDecisionsForReview(
  db: Db,
  q: { after: { decidedAt: string; id: number } | null; limit: number },
): DecisionForReview[] {
  const rows = q.after
    ? stmt(
        db,
        `SELECT ${REVIEW_COLUMNS} FROM decisions INDEXED BY decisions_decided
          WHERE decided_at IS NOT NULL AND (decided_at, id) > (?, ?)
          ORDER BY decided_at, id LIMIT ?`,
      ).all(q.after.decidedAt, q.after.id, q.limit)
    : stmt(
        db,
        `SELECT ${REVIEW_COLUMNS} FROM decisions INDEXED BY decisions_decided
          WHERE decided_at IS NOT NULL ORDER BY decided_at, id LIMIT ?`,
      ).all(q.limit)
  return (rows as ReviewRow[]).map(toReview)
}

const REVIEW_COLUMNS = `id, position_id, adjustment_id, decided_at, ruleset_id, ruleset_version,
       recommended_action, action_taken, followed, corrects_decision_id,
       json_extract(signals, '$.date') AS date,
       json_extract(signals, '$.inputs.marks') AS marks,
       json_extract(signals, '$.values') AS "values",
       json_extract(recommendation, '$.rule') AS rule`

interface ReviewRow {
  id: number
  position_id: number
  adjustment_id: number | null
  decided_at: string
  ruleset_id: string
  ruleset_version: number
  recommended_action: Action
  action_taken: Action
  followed: number
  corrects_decision_id: number | null
  date: string
  marks: string | null
  values: string | null
  rule: string | null
}

const toReview = (r: ReviewRow): DecisionForReview => ({
  id: r.id,
  positionId: r.position_id,
  adjustmentId: r.adjustment_id,
  decidedAt: r.decided_at,
  date: r.date,
  marks: r.marks ? (JSON.parse(r.marks) as Record<string, number>) : {},
  values: r.values ? (JSON.parse(r.values) as Record<string, SignalValue>) : {},
  rulesetId: r.ruleset_id,
  rulesetVersion: r.ruleset_version,
  recommendedAction: r.recommended_action,
  actionTaken: r.action_taken,
  followed: r.followed === 1,
  rule: r.rule,
  correctsDecisionId: r.corrects_decision_id,
})
