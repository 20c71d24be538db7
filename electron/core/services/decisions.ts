import {
  DISCRETIONARY_FLAGS,
  MODEL_DIV,
  MODEL_RATE,
  type Action,
  type DecisionInputsParsed,
  type DecisionSnapshot,
  type Evaluation,
} from '../../../shared/decisions.ts'
import { evaluate } from '../../../shared/ruleset/evaluate.ts'
import type { Ruleset } from '../../../shared/ruleset/schema.ts'
import { formatRulesetErrors, validateRuleset } from '../../../shared/ruleset/validate.ts'
import { DomainError } from '../../../shared/result.ts'
import type { SignalValue } from '../../../shared/signals.ts'
import type { Db } from '../db/connection.ts'
import { getDecision, insertDecision } from '../db/repositories/decisions.ts'
import { getPositionDetail } from '../db/repositories/positions.ts'
import {
  getRulesetVersion,
  insertRuleset,
  insertRulesetVersion,
} from '../db/repositories/rulesets.ts'
import { positionSignals } from '../engine/positionSignals.ts'
import type { SignalService } from './signals.ts'

/** A stored ruleset version, parsed and validated. */
export function loadRuleset(db: Db, id: string, version?: number): Ruleset {
  const row = getRulesetVersion(db, id, version)
  if (!row)
    throw new DomainError(
      'NOT_FOUND',
      version === undefined ? `No ruleset "${id}"` : `Ruleset "${id}" has no version ${version}`,
      { rulesetId: 'Unknown ruleset' },
    )
  const checked = validateRuleset(JSON.parse(row.definition))
  // Versions are validated before they are stored; a failure here means the file was edited by hand.
  if (!checked.ok)
    throw new DomainError(
      'DB_CORRUPT',
      `Stored ruleset ${id} v${row.version} is invalid: ${formatRulesetErrors(checked.errors)}`,
    )
  return { ...checked.ruleset, version: row.version }
}

/**
 * The signal snapshot of a decision: market signals as of the date (with live values), the
 * position's signals (legs, marks or IV, spot) and the discretionary flags the trader set.
 */
export function buildSnapshot(
  db: Db,
  signals: SignalService,
  inputs: DecisionInputsParsed,
): DecisionSnapshot {
  const detail = getPositionDetail(db, inputs.positionId)
  if (!detail) throw new DomainError('NOT_FOUND', `Position ${inputs.positionId} does not exist`)
  const market = signals.snapshot(inputs.date, inputs.live)
  const spot = market.values.spot
  const marks = Object.fromEntries(Object.entries(inputs.marks).map(([k, v]) => [Number(k), v]))
  const known = new Set(detail.legs.filter((l) => l.closedAt === null).map((l) => l.id as number))
  const stray = Object.keys(marks).filter((k) => !known.has(Number(k)))
  if (stray.length)
    throw new DomainError(
      'VALIDATION',
      `Marks given for legs that are not open legs of position ${inputs.positionId}: ${stray.join(', ')}`,
      {
        marks: 'Only open legs of this position take marks',
      },
    )
  const position = positionSignals(detail, {
    date: inputs.date,
    spot: typeof spot === 'number' ? spot : null,
    spotMissing: market.missing.spot ?? 'no underlying price',
    marks,
    ...(inputs.iv !== undefined ? { iv: inputs.iv } : {}),
    rate: MODEL_RATE,
    div: MODEL_DIV,
  })
  const values: Record<string, SignalValue> = { ...market.values, ...position.values }
  const missing: Record<string, string> = { ...market.missing, ...position.missing }
  for (const f of DISCRETIONARY_FLAGS) {
    const v = inputs.flags[f.id]
    if (v === 'yes' || v === 'no') values[f.id] = v === 'yes'
    else {
      values[f.id] = null
      missing[f.id] = 'not set (unknown): a discretionary judgement only the trader can make'
    }
  }
  return {
    date: inputs.date,
    session: market.session,
    inputs: { ...inputs, rate: MODEL_RATE, div: MODEL_DIV },
    values,
    missing,
    notes: [...(market.notes ?? []), ...position.notes],
  }
}

/** Builds the snapshot and runs the ruleset on it: what the decision panel shows. */
export function evaluateDecision(
  db: Db,
  signals: SignalService,
  inputs: DecisionInputsParsed,
): Evaluation {
  const ruleset = loadRuleset(db, inputs.rulesetId, inputs.rulesetVersion)
  const snapshot = buildSnapshot(db, signals, inputs)
  return {
    snapshot,
    ruleset: { id: ruleset.id, version: ruleset.version, name: ruleset.name },
    recommendation: evaluate(ruleset, snapshot.values),
  }
}

/**
 * Stores the shipped rulesets: a new one as version 1, a shipped version newer than the stored
 * ones as a new version. Stored versions are never changed.
 */
export function ensureBuiltinRulesets(db: Db, builtins: readonly Ruleset[], now: string): void {
  db.transaction(() => {
    for (const r of builtins) {
      const latest = getRulesetVersion(db, r.id)
      if (!latest)
        insertRuleset(db, {
          id: r.id,
          name: r.name,
          description: r.description,
          builtin: true,
          createdAt: now,
        })
      if (!latest || latest.version < r.version)
        insertRulesetVersion(db, {
          rulesetId: r.id,
          version: r.version,
          definition: JSON.stringify(r),
          createdAt: now,
        })
    }
  })()
}

/**
 * Records a correction of a logged decision: a new decision row with the original's snapshot,
 * ruleset version and recommendation, the corrected action and reason, pointing at the original.
 * The original stays exactly as it was.
 */
export function correctDecision(
  db: Db,
  id: number,
  actionTaken: Action,
  reason: string,
  now: Date,
): number {
  const original = getDecision(db, id)
  if (!original) throw new DomainError('NOT_FOUND', `Decision ${id} does not exist`)
  return insertDecision(db, {
    positionId: original.positionId,
    adjustmentId: original.adjustmentId,
    decidedAt: original.decidedAt,
    snapshot: original.snapshot,
    rulesetId: original.rulesetId,
    rulesetVersion: original.rulesetVersion,
    recommendation: original.recommendation,
    actionTaken,
    reason,
    correctsDecisionId: original.id,
    createdAt: now.toISOString(),
  })
}
