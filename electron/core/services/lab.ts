import type { IsoDate } from '../../../shared/domain.ts'
import {
  HOLD_TO_EXPIRY_ID,
  LAB_MODEL_LABEL,
  type LabRulesetRef,
  type LabRunParams,
  type LabRunResults,
  type LabRunSummary,
  type LabTradeReplay,
} from '../../../shared/lab.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Ruleset } from '../../../shared/ruleset/schema.ts'
import type { MarketSnapshot } from '../../../shared/signals.ts'
import type { Db } from '../db/connection.ts'
import {
  deleteLabRunRow,
  getLabRunRow,
  getLabTrade,
  insertLabRun,
  listLabEquity,
  listLabRulesets,
  listLabRunRows,
  listLabTrades,
  type LabRunRow,
} from '../db/repositories/lab.ts'
import { getRulesetVersion } from '../db/repositories/rulesets.ts'
import { writeTransaction } from '../db/transaction.ts'
import type { JobControl } from '../jobs/control.ts'
import { loadLabMarket } from '../lab/market.ts'
import type { LabRulesetRun } from '../lab/replay.ts'
import { replayTrade } from '../lab/replay.ts'
import { computeLab, entryOf, LAB_ASSUMPTIONS, labContext } from '../lab/run.ts'
import { disagreements, distributionEdges, rulesetResult } from '../lab/results.ts'
import { loadRuleset } from './decisions.ts'
import { marketSnapshot } from '../engine/marketSignals.ts'
import type { SignalService } from './signals.ts'

/**
 * The methodology lab's use-cases (issue 14): run (compute, then store in one transaction),
 * list, read, replay one trade, delete. The replay itself lives in electron/core/lab.
 */

/** The built-in baseline: no rules, so every session holds and the condor goes to expiry. */
export const HOLD_TO_EXPIRY: Ruleset = {
  id: HOLD_TO_EXPIRY_ID,
  name: 'Hold to expiry',
  version: 1,
  description: 'The baseline: never adjust; every condor is held to its settlement.',
  parameters: {},
  predicates: {},
  rules: [],
}

/**
 * The market signals of a session, as the decision panel computes them (engine/marketSignals.ts
 * on the stored history), with the history read once for the whole run rather than checked
 * against the journal's data_version at every session.
 */
function sessionSignals(signals: SignalService): (date: string) => MarketSnapshot {
  const history = signals.marketHistory()
  return (date) => marketSnapshot(history, date)
}

/** A ruleset version for the lab: a stored one, or the hold-to-expiry baseline. */
function labRuleset(db: Db, id: string, version?: number): LabRulesetRun {
  if (id === HOLD_TO_EXPIRY_ID && !getRulesetVersion(db, id)) {
    if (version !== undefined && version !== 1)
      throw new DomainError('NOT_FOUND', `The hold-to-expiry baseline has only version 1`)
    return { ref: { id, version: 1, name: HOLD_TO_EXPIRY.name }, ruleset: HOLD_TO_EXPIRY }
  }
  const ruleset = loadRuleset(db, id, version)
  return { ref: { id, version: ruleset.version, name: ruleset.name }, ruleset }
}

function summaryOf(row: LabRunRow, refs: LabRulesetRef[], totalsE4: number[]): LabRunSummary {
  return {
    id: row.id,
    createdAt: row.createdAt,
    params: row.params,
    rulesets: refs,
    status: 'done',
    from: row.from,
    to: row.to,
    entries: row.entries,
    totalsE4,
    label: LAB_MODEL_LABEL,
  }
}

/**
 * Replays the rulesets over the stored history and stores the run. Progress per trade, a cancel
 * check per trade and once more before the write: a cancelled run writes nothing.
 */
export function runLabService(
  db: Db,
  signals: SignalService,
  params: LabRunParams,
  control: JobControl,
  now: Date = new Date(),
): LabRunSummary {
  const runs = params.rulesets.map((r) => labRuleset(db, r.id, r.version))
  const market = loadLabMarket(db)
  if (!market.sessions.length)
    throw new DomainError('VALIDATION', 'No SPX history is stored: import it on the Market page')
  const ctx = labContext(market, params, sessionSignals(signals))
  const computed = computeLab(ctx, runs, control)
  if (!computed.entries.length)
    throw new DomainError(
      'VALIDATION',
      `No condor can be opened from ${params.from ?? 'the start'} to ${params.to ?? 'the end'}: the model needs SPX and VIX closes`,
    )
  control.checkCancelled()
  const row = {
    createdAt: now.toISOString(),
    params,
    from: computed.from,
    to: computed.to,
    entries: computed.entries.length,
  }
  const id = writeTransaction(db, () =>
    insertLabRun(
      db,
      row,
      computed.rulesets.map((r, position) => ({
        position,
        ref: r.run.ref,
        actionCounts: r.counts,
        notAvailable: r.notAvailable,
        trades: r.trades,
        equity: r.equity,
      })),
    ),
  )
  return summaryOf(
    { id, ...row },
    runs.map((r) => r.ref),
    computed.rulesets.map((r) => r.trades.reduce((s, t) => s + t.pnlE4, 0)),
  )
}

/** Stored runs, newest first. */
export function listLabRuns(db: Db): LabRunSummary[] {
  return listLabRunRows(db).map((row) => {
    const rs = listLabRulesets(db, row.id)
    return summaryOf(
      row,
      rs.map((r) => r.ref),
      rs.map((r) => r.totalE4),
    )
  })
}

function requireRun(db: Db, runId: number): LabRunRow {
  const row = getLabRunRow(db, runId)
  if (!row) throw new DomainError('NOT_FOUND', `No lab run ${runId}`)
  return row
}

/** Everything a stored run holds, with its figures. */
export function getLabRun(db: Db, runId: number): LabRunResults {
  const row = requireRun(db, runId)
  const rs = listLabRulesets(db, runId)
  const trades = rs.map((r) => listLabTrades(db, runId, r.position))
  const edges = distributionEdges(trades)
  const results = rs.map((r, i) =>
    rulesetResult(
      r.ref,
      trades[i]!,
      listLabEquity(db, runId, r.position),
      r.actionCounts,
      r.notAvailable,
      edges,
    ),
  )
  return {
    summary: summaryOf(
      row,
      rs.map((r) => r.ref),
      rs.map((r) => r.totalE4),
    ),
    results,
    disagreements: disagreements(results),
    assumptions: [...LAB_ASSUMPTIONS],
    label: LAB_MODEL_LABEL,
  }
}

/**
 * One trade of a run replayed day by day under each of its rulesets. The days are recomputed
 * from the run's parameters and ruleset versions (the replay is deterministic); the trade's
 * stored outcome comes with them.
 */
export function labTradeReplay(
  db: Db,
  signals: SignalService,
  runId: number,
  tradeKey: string,
): LabTradeReplay[] {
  const row = requireRun(db, runId)
  const rs = listLabRulesets(db, runId)
  const stored = rs.map((r) => getLabTrade(db, runId, r.position, tradeKey))
  if (stored.some((t) => !t))
    throw new DomainError('NOT_FOUND', `Lab run ${runId} has no trade "${tradeKey}"`)
  const market = loadLabMarket(db)
  const params: LabRunParams = { ...row.params, to: row.to as IsoDate }
  const ctx = labContext(market, params, sessionSignals(signals))
  const entry = entryOf(ctx, tradeKey)
  if (!entry)
    throw new DomainError(
      'NOT_FOUND',
      `The market data of ${tradeKey} has changed since the run: the trade cannot be replayed`,
    )
  return rs.map((r, i) => {
    const run = labRuleset(db, r.ref.id, r.ref.version)
    const replay = replayTrade(ctx, run, entry, true)
    return { ruleset: r.ref, trade: stored[i]!, days: replay.days ?? [] }
  })
}

export function deleteLabRun(db: Db, runId: number): void {
  if (!writeTransaction(db, () => deleteLabRunRow(db, runId)))
    throw new DomainError('NOT_FOUND', `No lab run ${runId}`)
}
