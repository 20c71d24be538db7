import type { RestoreResult } from '../../../shared/backups.ts'
import { staleListIds } from '../db/repositories/positionList.ts'
import type { DryRunRow, Handlers, ParsedRequestOf, ResponseOf } from '../../../shared/contract.ts'
import type { JobKind } from '../../../shared/jobs.ts'
import type { LabRunSummary } from '../../../shared/lab.ts'
import { NO_CONTROL, type JobControl } from '../jobs/control.ts'
import { DomainError } from '../../../shared/result.ts'
import type { JobRunner } from '../jobs/runner.ts'
import type { Db } from '../db/connection.ts'
import { backupsDirOf } from '../db/backupFiles.ts'
import { journalState } from '../db/journalState.ts'
import { schemaVersion } from '../db/migrate.ts'
import { listAccounts } from '../db/repositories/accounts.ts'
import { nyDateOf } from '../../../shared/dates.ts'
import { createAccount, renameAccount } from '../services/accounts.ts'
import { createBackup, listBackups } from '../services/backups.ts'
import {
  correctAdjustment,
  correctFill,
  editPosition,
  enterMark,
  restorePosition,
  voidPosition,
} from '../services/corrections.ts'
import { expirePositions, expiryCandidates } from '../services/expire.ts'
import { MarkService } from '../services/marks.ts'
import { importTrades } from '../services/importTrades.ts'
import {
  defaultRulesetId,
  setDefaultRuleset,
  setPositionRulesetChoice,
  todayReport,
} from '../services/today.ts'
import { exportFiles, exportOutline, saveExport, type PickTarget } from '../services/exportFiles.ts'
import type { SaveTarget } from '../io/saveExport.ts'
import {
  replayOutcomes,
  reviewDecisionsPage,
  reviewPaths,
  reviewSummary,
  runReview,
} from '../review/review.ts'
import { getPosition, listPositions } from '../services/positionView.ts'
import { pagePositions, positionTotals } from '../services/positionList.ts'
import { dryRunPage, dryRunSummary, pageOfDecisions } from '../services/decisionPages.ts'
import type { Ruleset } from '../../../shared/ruleset/schema.ts'
import { createIronCondor } from '../services/positions.ts'
import { createPosition } from '../services/createPosition.ts'
import { getBars, getEvents, marketOverview } from '../db/repositories/market.ts'
import { importMarketFile } from '../services/marketImport.ts'
import { listDecisions } from '../db/repositories/decisions.ts'
import { listRulesets, listRulesetVersions } from '../db/repositories/rulesets.ts'
import { logAdjustment } from '../services/adjustments.ts'
import { formatRulesetErrors, validateRuleset } from '../../../shared/ruleset/validate.ts'
import {
  correctDecision,
  dryRunRuleset,
  duplicateRuleset,
  evaluateDecision,
  loadRuleset,
  saveRulesetVersion,
} from '../services/decisions.ts'
import { SignalService } from '../services/signals.ts'
import {
  deleteLabRun,
  getLabRun,
  labTradeReplay,
  listLabRuns,
  runLabService,
} from '../services/lab.ts'
import {
  closesOn,
  enterHandCloses,
  marketStaleness,
  marketUpdateSettings,
  runMarketUpdate,
  setMarketUpdates,
} from '../services/marketData.ts'

export interface HandlerContext {
  db: Db
  databasePath: string
  version: string
  shell: 'desktop' | 'browser'
  now?: () => Date
  /** Set by a running app or host (contract/journalSession.ts): it can swap the open journal. */
  journal?: JournalControl
  /** Desktop only: asks where export files go, a native dialog (the renderer never sends paths). */
  pickExportTarget?: PickTarget
  /**
   * Where "Update market data" downloads from: the publishers (default), or another origin with
   * the same paths (tests, a mirror; also $WINGMAN_MARKET_SOURCE_BASE), and the per-file timeout.
   */
  marketSources?: { base?: string; timeoutMs?: number }
  /** Set by a running app or host: long work runs in worker threads (electron/core/jobs). */
  jobs?: JobRunner
  /** Set in a job worker: the running job's progress reporter and cancel check. */
  control?: () => JobControl
  /** The marks (and market history) cache, when the caller uses it beside the handlers. */
  marks?: MarkService
}

type JobChannel = Exclude<JobKind, 'backups:restore' | 'lab:run' | 'positions:refresh'>

/** What only the holder of the open journal can do: replace it (restore) or open another. */
export interface JournalControl {
  restoreBackup: (name: string) => Promise<RestoreResult>
  /** Desktop only: a native file dialog; null when the user cancels. */
  openAnother?: () => Promise<{ path: string } | null>
}

/** $WINGMAN_MARKET_SOURCE_BASE and $WINGMAN_MARKET_TIMEOUT_MS, for tests and mirrors. */
export function marketSourcesFromEnv(env: NodeJS.ProcessEnv): {
  base?: string
  timeoutMs?: number
} {
  const base = env.WINGMAN_MARKET_SOURCE_BASE?.trim()
  const timeout = Number(env.WINGMAN_MARKET_TIMEOUT_MS)
  return {
    ...(base ? { base } : {}),
    ...(Number.isInteger(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  }
}

/**
 * One handler per contract channel. Each parses nothing (the dispatcher already validated the
 * request), calls one repository or service, and returns; errors are thrown as DomainError.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { db } = ctx
  const now = ctx.now ?? (() => new Date())
  const signals = new SignalService(db)
  const marks = ctx.marks ?? new MarkService(db)
  const sources = ctx.marketSources ?? marketSourcesFromEnv(process.env)
  /** Today in New York: the date open P&L is valued at and fills may not be after. */
  const today = () => nyDateOf(now())
  /** The running job's progress and cancel (in a worker), else one that does nothing. */
  const control = () => ctx.control?.() ?? NO_CONTROL
  /** A dry-run's rows with the outcome of each path recommended now (the review's model). */
  const withOutcomes = (rows: DryRunRow[]): DryRunRow[] => {
    const o = replayOutcomes(
      db,
      marks,
      rows.map((r) => ({ decisionId: r.decisionId, action: r.recommendedNow })),
    )
    return rows.map((r) => {
      const x = o.get(r.decisionId)
      return x ? { ...r, actual: x.actual, outcomeNow: x.outcome, outcomeNote: x.note } : r
    })
  }
  /** The ruleset a dry-run replays: an unsaved definition (validated), else a stored version. */
  const dryRunSource = (q: { id?: string; version?: number; definition?: unknown }): Ruleset => {
    if (q.definition !== undefined) {
      const v = validateRuleset(q.definition)
      if (!v.ok)
        throw new DomainError(
          'VALIDATION',
          `The ruleset is invalid: ${formatRulesetErrors(v.errors)}`,
        )
      return v.ruleset
    }
    if (!q.id)
      throw new DomainError('VALIDATION', 'Give a ruleset id or a definition', { id: 'Required' })
    return loadRuleset(db, q.id, q.version)
  }
  const handlers: Handlers = {
    'jobs:active': () => ctx.jobs?.active() ?? [],
    'jobs:cancel': ({ jobId }) => ({ cancelled: ctx.jobs?.cancel(jobId) ?? false }),
    'app:info': () => ({
      version: ctx.version,
      schemaVersion: schemaVersion(db),
      databasePath: ctx.databasePath,
      shell: ctx.shell,
      readOnly: journalState(db).readOnly,
      problem: journalState(db).problem,
    }),
    'journal:location': () => ({
      path: ctx.databasePath,
      backupsDir: backupsDirOf(ctx.databasePath),
      canRestore: ctx.journal !== undefined,
      canOpenAnother: ctx.journal?.openAnother !== undefined,
    }),
    'journal:openAnother': () => {
      if (!ctx.journal?.openAnother)
        throw new DomainError(
          'VALIDATION',
          'Opening another journal is done in the desktop app. In the browser, start Wingman on ' +
            'the other journal: wingman serve --db PATH',
        )
      return ctx.journal.openAnother()
    },
    'backups:list': () => listBackups(ctx.databasePath),
    'backups:create': () => createBackup(db, ctx.databasePath, 'manual', now()),
    'backups:restore': ({ name }) => {
      if (!ctx.journal)
        throw new DomainError(
          'VALIDATION',
          'A backup can be restored from the app or wingman serve, or with: wingman restore --db PATH --from FILE',
        )
      return ctx.journal.restoreBackup(name)
    },
    'accounts:list': () => listAccounts(db),
    'accounts:create': ({ name, broker }) => ({
      id: createAccount(db, name, broker, now().toISOString()),
    }),
    'accounts:rename': ({ id, name }) => {
      renameAccount(db, id, name)
      return null
    },
    'positions:list': (filter) => listPositions(db, marks, filter, today()),
    'positions:page': (req) => pagePositions(db, marks, req, today()),
    'positions:totals': (filter) => positionTotals(db, marks, filter, today()),
    'positions:get': ({ id }) => getPosition(db, marks, id, today()),
    'positions:update': (edit) => {
      editPosition(db, edit, now())
      return null
    },
    'positions:void': ({ id, reason }) => {
      voidPosition(db, id, reason, now())
      return null
    },
    'positions:restore': ({ id, reason }) => {
      restorePosition(db, id, reason, now())
      return null
    },
    'positions:expiryCandidates': (req) => expiryCandidates(db, marks, today(), req),
    'positions:expire': (req) => expirePositions(db, marks, today(), req, now()),
    'fills:correct': (c) => ({ correctionId: correctFill(db, c, now(), today()) }),
    'adjustments:correct': (c) => ({ correctionId: correctAdjustment(db, c, now()) }),
    'legs:mark': (m) => {
      enterMark(db, m, now())
      return null
    },
    'positions:createIronCondor': (input) => ({ id: createIronCondor(db, input, now()) }),
    'market:overview': () => marketOverview(db),
    'market:series': ({ symbols, from, to }) =>
      symbols.map((symbol) => ({
        symbol: symbol.toUpperCase(),
        points: getBars(db, symbol.toUpperCase(), from, to),
      })),
    'market:events': ({ kinds }) => getEvents(db, kinds),
    'market:import': (req) => {
      const report = importMarketFile(db, req)
      if (report.applied) {
        signals.invalidate()
        marks.invalidate()
      }
      return report
    },
    'signals:snapshot': ({ date, live }) => signals.snapshot(date, live),
    'rulesets:list': () => listRulesets(db),
    'rulesets:get': ({ id, version }) => {
      const summary = listRulesets(db).find((r) => r.id === id)
      if (!summary) throw new DomainError('NOT_FOUND', `No ruleset "${id}"`)
      return {
        summary,
        ruleset: loadRuleset(db, id, version),
        versions: listRulesetVersions(db, id).map((v) => ({
          version: v.version,
          createdAt: v.createdAt,
        })),
      }
    },
    'rulesets:save': ({ id, definition }) => saveRulesetVersion(db, id, definition, now()),
    'rulesets:duplicate': ({ fromId, newId, name }) =>
      duplicateRuleset(db, fromId, newId, name, now()),
    'rulesets:validate': ({ definition }) => {
      const v = validateRuleset(definition)
      return v.ok ? { ok: true, errors: [] } : { ok: false, errors: v.errors }
    },
    'rulesets:dryRun': (source) => withOutcomes(dryRunRuleset(db, dryRunSource(source))),
    'rulesets:dryRunPage': ({ after, limit, ...source }) => {
      const page = dryRunPage(db, dryRunSource(source), { after, limit })
      return { ...page, rows: withOutcomes(page.rows) }
    },
    'rulesets:dryRunSummary': (source) => dryRunSummary(db, dryRunSource(source), control()),
    'decisions:evaluate': (inputs) => evaluateDecision(db, signals, inputs),
    'decisions:list': ({ positionId }) => listDecisions(db, positionId),
    'decisions:page': (req) => pageOfDecisions(db, req),
    'decisions:correct': ({ decisionId, actionTaken, reason }) => ({
      decisionId: correctDecision(db, decisionId, actionTaken, reason, now()),
    }),
    'adjustments:log': (input) => logAdjustment(db, signals, input, now()),
    'review:run': (q) => runReview(db, marks, q, control()),
    // not a job: it reads one stored row, or answers null
    'review:summary': (q) => reviewSummary(db, q),
    // not a job either: one page of cached rows, or null
    'review:decisionsPage': (req) => reviewDecisionsPage(db, req),
    'review:paths': ({ decisionId }) => reviewPaths(db, marks, decisionId),
    'positions:create': (input) => createPosition(db, input, now()),
    'trades:import': (input) =>
      importTrades(db, input, (symbol, d) => marks.market().bar(symbol, d), now(), control()),
    'export:files': async (req) => {
      if (!ctx.pickExportTarget) return exportFiles(db, marks, req, today(), control())
      const { title, names } = exportOutline(db, marks, req, today())
      const target = await ctx.pickExportTarget(title, names)
      if (!target) return canceledExport(title, names)
      return saveExport(db, marks, req, target, today(), control())
    },
    'today:list': (req) =>
      todayReport(db, signals, marks, {
        date: req.date ?? today(),
        ...(req.rulesetId ? { rulesetId: req.rulesetId } : {}),
      }),
    'settings:get': () => ({ defaultRulesetId: defaultRulesetId(db) }),
    'settings:update': ({ defaultRulesetId: id }) => {
      setDefaultRuleset(db, id, now())
      return { defaultRulesetId: defaultRulesetId(db) }
    },
    'positions:setRuleset': ({ id, rulesetId }) => {
      setPositionRulesetChoice(db, id, rulesetId, now())
      return null
    },
    'market:staleness': ({ date }) => marketStaleness(db, date ?? today()),
    'market:closesOn': ({ date }) => closesOn(db, date),
    'market:enterCloses': (entry) => {
      const result = enterHandCloses(db, entry, today())
      if (result.stored.length) {
        signals.invalidate()
        marks.invalidate()
      }
      return result
    },
    'market:updateSettings': () => marketUpdateSettings(db, sources.base),
    'market:setUpdates': ({ enabled }) => {
      setMarketUpdates(db, enabled, now())
      return marketUpdateSettings(db, sources.base)
    },
    'market:update': async () => {
      const report = await runMarketUpdate(db, {
        now: now(),
        ...(sources.base ? { sourceBase: sources.base } : {}),
        ...(sources.timeoutMs ? { timeoutMs: sources.timeoutMs } : {}),
      })
      signals.invalidate()
      marks.invalidate()
      return report
    },
    'lab:run': (req) =>
      ctx.jobs
        ? (ctx.jobs.run('lab:run', req) as Promise<LabRunSummary>)
        : runLabService(db, signals, req, control()),
    'lab:runs': () => listLabRuns(db),
    'lab:get': ({ runId }) => getLabRun(db, runId),
    'lab:trade': ({ runId, tradeKey }) => labTradeReplay(db, signals, runId, tradeKey),
    'lab:delete': ({ runId }) => {
      deleteLabRun(db, runId)
      return null
    },
  }
  const pick = ctx.pickExportTarget
  return ctx.jobs
    ? runLongWorkAsJobs(
        handlers,
        ctx.jobs,
        pick && { pick, outline: (req) => exportOutline(db, marks, req, today()) },
        () => staleListIds(db, today()).length,
      )
    : handlers
}

/**
 * With a job runner (the app, `wingman serve`), the long channels run in a worker thread
 * (electron/core/jobs) over the same handlers there; this thread only waits for the answer.
 * The desktop's save dialog stays here: the worker builds the files, this thread saves them.
 * `backups:restore` goes through the journal session, which stages the copy in a worker.
 */
function runLongWorkAsJobs(
  handlers: Handlers,
  jobs: JobRunner,
  desktop:
    | {
        pick: PickTarget
        outline: (req: ParsedRequestOf<'export:files'>) => { title: string; names: string[] }
      }
    | undefined,
  staleListRows: () => number,
): Handlers {
  // The positions list's cache, when many rows are stale (the first read after the upgrade that
  // made it, a big import): filled in a worker, once for every request waiting on it.
  let filling: Promise<unknown> | null = null
  const listReady = async () => {
    if (!filling && staleListRows() < LIST_FILL_IN_JOB) return // a few rows: the page's own read refreshes them at once
    filling ??= jobs.run('positions:refresh', {}).finally(() => (filling = null))
    await filling
  }
  const inJob =
    <C extends JobChannel>(kind: C) =>
    (req: ParsedRequestOf<C>) =>
      jobs.run(kind, req) as Promise<ResponseOf<C>>
  return {
    ...handlers,
    'trades:import': inJob('trades:import'),
    'rulesets:dryRun': inJob('rulesets:dryRun'),
    'rulesets:dryRunSummary': inJob('rulesets:dryRunSummary'),
    'positions:page': async (req) => {
      await listReady()
      return handlers['positions:page'](req)
    },
    'positions:totals': async (req) => {
      await listReady()
      return handlers['positions:totals'](req)
    },
    'review:run': inJob('review:run'),
    'backups:create': inJob('backups:create'),
    'export:files': async (req) => {
      // The browser: the worker returns the files' text for the page to download.
      if (!desktop) return inJob('export:files')(req)
      // The desktop: the dialog here first, then the worker streams the files to the target.
      const { title, names } = desktop.outline(req)
      const target = await desktop.pick(title, names)
      if (!target) return canceledExport(title, names)
      const save: ExportToSave = { request: req, target }
      return jobs.run('export:files', save) as Promise<ResponseOf<'export:files'>>
    },
  }
}

/** Stale list rows from which the cache is filled in a worker rather than by the page's read. */
const LIST_FILL_IN_JOB = 1_000

/** A job worker's input for an export the desktop app saves where the trader chose. */
export interface ExportToSave {
  request: ParsedRequestOf<'export:files'>
  target: SaveTarget
}

function canceledExport(title: string, names: readonly string[]): ResponseOf<'export:files'> {
  return {
    title,
    files: names.map((name) => ({ name, rows: 0, content: null })),
    savedTo: null,
    canceled: true,
  }
}
