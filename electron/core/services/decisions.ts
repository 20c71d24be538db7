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
import type { PositionDetail } from '../../../shared/domain.ts'
import type { DryRunRow } from '../../../shared/contract.ts'
import { DomainError } from '../../../shared/result.ts'
import type { MarketSnapshot, SignalValue } from '../../../shared/signals.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import { getDecision, insertDecision, listDecisions } from '../db/repositories/decisions.ts'
import { getPositionDetail } from '../db/repositories/positions.ts'
import {
  getRulesetVersion,
  insertRuleset,
  insertRulesetVersion,
  listRulesets,
} from '../db/repositories/rulesets.ts'
import { positionSignals, type SignalPosition } from '../engine/positionSignals.ts'
import type { SignalService } from './signals.ts'
import { dryRunRowOf } from './decisionPages.ts'

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
  /** The position, when the caller has already read it. */
  loaded?: PositionDetail,
): DecisionSnapshot {
  const detail = loaded ?? getPositionDetail(db, inputs.positionId)
  if (!detail) throw new DomainError('NOT_FOUND', `Position ${inputs.positionId} does not exist`)
  return snapshotOf(detail, signals.snapshot(inputs.date, inputs.live), inputs)
}

/**
 * The snapshot from a position held in memory and the market signals of the date: the seam the
 * methodology lab shares with the decision panel (its positions are never stored).
 */
export function snapshotOf(
  detail: SignalPosition,
  market: MarketSnapshot,
  inputs: DecisionInputsParsed,
): DecisionSnapshot {
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
  loaded?: PositionDetail,
): Evaluation {
  const ruleset = loadRuleset(db, inputs.rulesetId, inputs.rulesetVersion)
  const snapshot = buildSnapshot(db, signals, inputs, loaded)
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
  writeTransaction(db, () => {
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
  })
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
  return writeTransaction(db, () => {
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
  })
}

/**
 * Saves an edited ruleset as the next version of `id` (creating the ruleset when new). The JSON
 * is validated first; its own `id` and `version` fields are overwritten by the stored ones.
 * Built-in rulesets cannot be edited — duplicate them instead.
 */
export function saveRulesetVersion(
  db: Db,
  id: string,
  definition: unknown,
  now: Date,
): { id: string; version: number } {
  const existing = listRulesets(db).find((r) => r.id === id)
  if (existing?.builtin)
    throw new DomainError('CONFLICT', `"${id}" is a built-in ruleset; duplicate it to change it`)
  const candidate =
    typeof definition === 'object' && definition !== null
      ? { ...definition, id, version: (existing?.latestVersion ?? 0) + 1 }
      : definition
  const checked = validateRuleset(candidate)
  if (!checked.ok)
    throw new DomainError(
      'VALIDATION',
      `The ruleset is invalid: ${formatRulesetErrors(checked.errors)}`,
      Object.fromEntries(checked.errors.map((e) => [e.path || '_', e.message])),
    )
  const r = checked.ruleset
  const nowIso = now.toISOString()
  writeTransaction(db, () => {
    if (!existing)
      insertRuleset(db, {
        id,
        name: r.name,
        description: r.description,
        builtin: false,
        createdAt: nowIso,
      })
    insertRulesetVersion(db, {
      rulesetId: id,
      version: r.version,
      definition: JSON.stringify(r),
      createdAt: nowIso,
    })
  })
  return { id, version: r.version }
}

/** Copies a ruleset version under a new id, as version 1 of an editable ruleset. */
export function duplicateRuleset(
  db: Db,
  fromId: string,
  newId: string,
  name: string,
  now: Date,
): { id: string; version: number } {
  if (listRulesets(db).some((r) => r.id === newId))
    throw new DomainError('CONFLICT', `A ruleset "${newId}" already exists`, { newId: 'Taken' })
  const source = loadRuleset(db, fromId)
  return saveRulesetVersion(db, newId, { ...source, name }, now)
}

export type { DryRunRow }

/**
 * Replays a ruleset over every logged decision's frozen snapshot: what it recommends now next to
 * what was recommended then (and what was done). Corrections are replayed like any decision.
 */
export function dryRunRuleset(db: Db, ruleset: Ruleset): DryRunRow[] {
  return listDecisions(db).map((d) => dryRunRowOf(ruleset, d))
}
