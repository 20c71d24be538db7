import type {
  Action,
  DecisionRecord,
  DecisionSnapshot,
  Recommendation,
} from '../../../../shared/decisions.ts'
import type { Db } from '../connection.ts'

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
    db
      .prepare(
        `INSERT INTO decisions (position_id, adjustment_id, decided_at, signals, ruleset_id, ruleset_version, recommendation,
                                recommended_action, action_taken, followed, reason, corrects_decision_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      ? db.prepare('SELECT * FROM decisions ORDER BY decided_at, id').all()
      : db
          .prepare('SELECT * FROM decisions WHERE position_id = ? ORDER BY decided_at, id')
          .all(positionId)
  return (rows as DecisionRow[]).map(toRecord)
}

export function getDecision(db: Db, id: number): DecisionRecord | null {
  const row = db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined
  return row ? toRecord(row) : null
}
