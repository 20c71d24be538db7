import { existsSync } from 'node:fs'
import { openJournal, type OpenJournal } from '../db/connection.ts'
import { BUILTIN_RULESETS } from '../../../shared/ruleset/builtin.ts'
import { ensureDefaultAccount } from './accounts.ts'
import { ensureBuiltinRulesets } from './decisions.ts'
import { loadBundledMarketData, type ImportReport } from './marketImport.ts'

export interface AppJournal extends OpenJournal {
  /** True when this call created the file (a first run). */
  created: boolean
  /** Reports of the bundled market data loaded into a new journal (empty otherwise). */
  market: ImportReport[]
}

/**
 * Opens the journal the way every shell does on start: migrate, make sure an account and the
 * shipped rulesets exist, and on a first run (the file did not exist) load the bundled real
 * market history so a new user sees real charts at once. `marketDir: null` skips that (the CLI's `--empty`).
 */
export function openAppJournal(
  path: string,
  options: { marketDir: string | null; now?: () => Date },
): AppJournal {
  const created = !existsSync(path)
  const opened = openJournal(path, options.now ? { now: options.now } : {})
  try {
    const now = (options.now?.() ?? new Date()).toISOString()
    ensureDefaultAccount(opened.db, now)
    ensureBuiltinRulesets(opened.db, [...BUILTIN_RULESETS.values()], now)
    const market =
      created && options.marketDir ? loadBundledMarketData(opened.db, options.marketDir) : []
    return { ...opened, created, market }
  } catch (e) {
    opened.db.close()
    throw e
  }
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
