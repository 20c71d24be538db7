import type { DecisionRecord } from '../../../shared/decisions.ts'
import { NO_CONTROL, type JobControl } from '../jobs/control.ts'
import type { DryRunRow } from '../../../shared/contract.ts'
import type { DryRunSummary } from '../../../shared/listPaging.ts'
import { DomainError } from '../../../shared/result.ts'
import { evaluate } from '../../../shared/ruleset/evaluate.ts'
import type { Ruleset } from '../../../shared/ruleset/schema.ts'
import type { Db } from '../db/connection.ts'
import {
  countDecisions,
  listDecisionsForReview,
  pageDecisions,
  pageDecisionsForReview,
  type DecisionForReview,
} from '../db/repositories/decisions.ts'

/**
 * Decisions and the rulesets dry-run in keyset pages (issue 13, point 4): a page is the decisions
 * after the previous page's last (decided_at, id), oldest first, so a page costs the same at the
 * start and at the end of 30,000 decisions; the dry-run replays only the page's decisions.
 */

const BAD_CURSOR = 'The page cursor is not one this list gave; start again from the first page'

/** A keyset cursor after this decision (its time, then its id): the decisions' and the review's. */
export const encodeCursor = (d: { decidedAt: string; id: number }) =>
  JSON.stringify([d.decidedAt, d.id])

/** The decision a cursor names; a VALIDATION error for text no page gave. */
export function decodeCursor(text: string | undefined): { decidedAt: string; id: number } | null {
  if (text === undefined) return null
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    throw new DomainError('VALIDATION', BAD_CURSOR)
  }
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    typeof v[0] !== 'string' ||
    typeof v[1] !== 'number' ||
    !Number.isSafeInteger(v[1])
  )
    throw new DomainError('VALIDATION', BAD_CURSOR)
  return { decidedAt: v[0], id: v[1] }
}

export interface DecisionPageRequest {
  positionId?: number
  after?: string
  limit: number
}

export function pageOfDecisions(
  db: Db,
  req: DecisionPageRequest,
): { rows: DecisionRecord[]; nextCursor: string | null } {
  // One row more than asked says whether another page follows.
  const got = pageDecisions(db, {
    ...(req.positionId === undefined ? {} : { positionId: req.positionId }),
    after: decodeCursor(req.after),
    limit: req.limit + 1,
  })
  const rows = got.slice(0, req.limit)
  const last = rows[rows.length - 1]
  return { rows, nextCursor: got.length > req.limit && last ? encodeCursor(last) : null }
}

/**
 * One decision replayed: what the ruleset recommends now beside what was recommended then. The
 * decision as stored, or as the review reads it (only its signal values parsed).
 */
export function dryRunRowOf(ruleset: Ruleset, d: DecisionRecord | DecisionForReview): DryRunRow {
  const now = evaluate(ruleset, 'snapshot' in d ? d.snapshot.values : d.values)
  return {
    decisionId: d.id,
    positionId: d.positionId,
    decidedAt: d.decidedAt,
    rulesetThen: `${d.rulesetId} v${d.rulesetVersion}`,
    recommendedThen: d.recommendedAction,
    actionTaken: d.actionTaken,
    recommendedNow: now.action,
    agrees: now.action === d.recommendedAction,
    ruleNow: now.rule,
    actual: null,
    outcomeNow: null,
    outcomeNote: null,
  }
}

/** A page of the dry-run (outcomes are added by the caller, for the page's rows only). */
export function dryRunPage(
  db: Db,
  ruleset: Ruleset,
  req: { after?: string; limit: number },
): { rows: DryRunRow[]; nextCursor: string | null; decisions: number } {
  // The review's reading of a decision: its signal values, not the whole snapshot's JSON.
  const got = pageDecisionsForReview(db, { after: decodeCursor(req.after), limit: req.limit + 1 })
  const rows = got.slice(0, req.limit)
  const last = rows[rows.length - 1]
  return {
    rows: rows.map((d) => dryRunRowOf(ruleset, d)),
    nextCursor: got.length > req.limit && last ? encodeCursor(last) : null,
    decisions: countDecisions(db),
  }
}

/**
 * How many logged decisions the ruleset agrees with: every decision evaluated, reading only the
 * signal values of each snapshot (not the whole JSON).
 */
export function dryRunSummary(
  db: Db,
  ruleset: Ruleset,
  control: JobControl = NO_CONTROL,
): DryRunSummary {
  let decisions = 0
  let agreeing = 0
  const total = countDecisions(db)
  for (const d of listDecisionsForReview(db)) {
    if (decisions % 500 === 0) {
      control.checkCancelled()
      control.progress('Replaying the decisions', decisions, total)
    }
    decisions++
    if (evaluate(ruleset, d.values).action === d.recommendedAction) agreeing++
  }
  return { decisions, agreeing }
}
