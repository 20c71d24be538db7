import { openJournal, type Db, type OpenJournal } from '../db/connection.ts'
import { getAppState, setAppState } from '../db/repositories/appState.ts'
import { writeTransaction } from '../db/transaction.ts'
import { BUILTIN_RULESETS } from '../../../shared/ruleset/builtin.ts'
import { ensureDefaultAccount } from './accounts.ts'
import { ensureBuiltinRulesets } from './decisions.ts'
import { loadBundledMarketData, type ImportReport } from './marketImport.ts'

export interface AppJournal extends OpenJournal {
  /** True when this call made the journal (no file, a 0-byte file or an empty database). */
  created: boolean
  /**
   * Reports of the bundled market data this call loaded: on a first run, or completing a first
   * run that was interrupted (empty otherwise).
   */
  market: ImportReport[]
}

/**
 * Opens the journal the way every shell does on start: migrate, make sure an account and the
 * shipped rulesets exist, and finish the first run's step of loading the bundled real market
 * history so a new user sees real charts at once. `marketDir: null` skips that (the CLI's
 * `--empty`): a new journal then records the step as skipped. A damaged journal is returned
 * read-only as openJournal opened it, with nothing written.
 */
export function openAppJournal(
  path: string,
  options: { marketDir: string | null; now?: () => Date },
): AppJournal {
  const opened = openJournal(path, options.now ? { now: options.now } : {})
  if (opened.readOnly) return { ...opened, created: false, market: [] }
  const created = opened.migration.from === 0
  try {
    const now = (options.now?.() ?? new Date()).toISOString()
    ensureDefaultAccount(opened.db, now)
    ensureBuiltinRulesets(opened.db, [...BUILTIN_RULESETS.values()], now)
    let market: ImportReport[] = []
    if (options.marketDir) market = completeBundledMarket(opened.db, options.marketDir, now)
    else if (created) skipBundledMarket(opened.db, now)
    return { ...opened, created, market }
  } catch (e) {
    opened.db.close()
    throw e
  }
}

/**
 * The first run's bundled history as one recorded step: every file and the 'done' row are
 * written in one IMMEDIATE transaction, so a crash or kill -9 part-way leaves no row (and none
 * of the step's rows) and the next start does it again; re-importing what is there changes
 * nothing. The row is read again under the lock: another process may have finished it while
 * this one waited.
 */
function completeBundledMarket(db: Db, dir: string, now: string): ImportReport[] {
  if (getAppState(db, 'bundled_market') !== null) return []
  return writeTransaction(db, () => {
    if (getAppState(db, 'bundled_market') !== null) return []
    const reports = loadBundledMarketData(db, dir)
    setAppState(db, 'bundled_market', 'done', now)
    return reports
  })
}

function skipBundledMarket(db: Db, now: string): void {
  writeTransaction(db, () => {
    if (getAppState(db, 'bundled_market') === null)
      setAppState(db, 'bundled_market', 'skipped', now)
  })
}

/** One line per bundled file that had rows skipped, for the CLI and the app log. */
export function describeMarketLoad(reports: ImportReport[]): string {
  const rows = reports.reduce((n, r) => n + r.counts.inserted, 0)
  const skipped = reports.flatMap((r) =>
    r.problems.map((p) => `${r.fileName} line ${p.line}: ${p.reason}`),
  )
  const closed = reports
    .filter((r) => r.nonTradingDays.length)
    .map((r) => `${r.target} ${r.nonTradingDays.length}`)
  return (
    `Loaded bundled market history: ${reports.length} files, ${rows.toLocaleString('en-US')} rows` +
    (skipped.length
      ? `; skipped ${skipped.length} row(s) as published but invalid (${skipped.join('; ')})`
      : '') +
    (closed.length
      ? `; rows on days the NYSE was closed, kept as published: ${closed.join(', ')}`
      : '')
  )
}
