import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DomainError } from '../../../shared/result.ts'
import { createDispatch } from '../../core/contract/dispatch.ts'
import { openJournalSession } from '../../core/contract/journalSession.ts'
import { EventHub } from '../../core/jobs/events.ts'
import { JOB_WORKER_URL } from '../../core/jobs/workerUrl.ts'
import { openJournal } from '../../core/db/connection.ts'
import { backupsDirOf } from '../../core/db/backupFiles.ts'
import { backupJournal } from '../../core/io/backup.ts'
import { defaultDataDir, resolveDatabasePath } from '../../core/paths.ts'
import { createBackup } from '../../core/services/backups.ts'
import { describeMarketLoad, openAppJournal } from '../../core/services/journal.ts'
import { appVersion, BUNDLED_MARKET_DIR, RENDERER_DIR } from '../packageInfo.ts'
import { startHost } from '../server.ts'
import { EXIT_OK, HELP_OPTION, requireOption, UsageError, type Command } from './types.ts'

/** The journal basics: init, serve, backup (loaded only when one of them runs). */

export const initCommand: Command = {
  summary: 'create a journal (or bring an existing one to the current schema)',
  usage: `wingman init --db PATH [--empty]

Creates the SQLite journal at PATH with the current schema and a "Default" account, and loads
the bundled real market history (SPX, VIX, VIX9D/3M/6M, VVIX, SKEW, VX1–VX8, NYSE breadth,
FOMC/CPI/PPI/NFP dates). An existing journal is migrated (after a backup copy next to it) and
otherwise left alone.

Options:
--db PATH   journal file to create
--empty     do not load the bundled market history
-h, --help  show this help`,
  options: { db: { type: 'string' }, empty: { type: 'boolean' }, ...HELP_OPTION },
  run: async (values, io) => {
    const path = resolve(requireOption(values, 'db'))
    const { db, migration, created, market, readOnly, problem } = openAppJournal(path, {
      marketDir: values.empty ? null : BUNDLED_MARKET_DIR,
    })
    db.close()
    if (readOnly) throw new DomainError('DB_CORRUPT', problem ?? 'The journal is damaged')
    const what = !created
      ? migration.from === migration.to
        ? `Journal already up to date at ${path}`
        : `Migrated journal at ${path} from schema v${migration.from}; backup: ${migration.backupPath}`
      : `Created journal at ${path}`
    io.out(`${what} (schema v${migration.to})\n`)
    if (market.length)
      io.out(
        `${created ? '' : 'Completed the interrupted first run. '}${describeMarketLoad(market)}\n`,
      )
    return EXIT_OK
  },
}

export const serveCommand: Command = {
  summary: 'serve the app to a browser on 127.0.0.1',
  usage: `wingman serve [--db PATH] [--port N]

Starts the browser host on 127.0.0.1 and prints the URL to open (it carries the access token)
on one line. Stop it with Ctrl+C.

Options:
--db PATH   journal file (default: $WINGMAN_DB, else the app's data folder)
--port N    port to listen on; 0 picks a free one (default 0)
-h, --help  show this help`,
  options: { db: { type: 'string' }, port: { type: 'string' }, ...HELP_OPTION },
  run: async (values, io) => {
    const portText = typeof values.port === 'string' ? values.port : '0'
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
      throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}"`)
    const path = resolve(
      typeof values.db === 'string' && values.db
        ? values.db
        : resolveDatabasePath(defaultDataDir(io.env), io.env),
    )
    if (!existsSync(join(RENDERER_DIR, 'index.html')))
      throw new DomainError(
        'NOT_FOUND',
        `The app is not built (${RENDERER_DIR} is missing); run: npm run build`,
      )
    // The session can swap the journal under the handlers (a restore from Settings).
    const events = new EventHub()
    const session = openJournalSession({
      path,
      marketDir: BUNDLED_MARKET_DIR,
      version: appVersion(),
      shell: 'browser',
      log: (line) => io.err(`${line}\n`),
      // imports, exports, dry-runs, reviews and backups run in worker threads
      jobs: { workerUrl: JOB_WORKER_URL, emit: events.emit },
    })
    const { market, problem } = session.current().journal
    if (market.length) io.out(`${describeMarketLoad(market)}\n`)
    // A damaged journal is served read-only; the app shows the same text as a banner.
    if (problem) io.err(`wingman serve: ${problem}\n`)
    const daily = session.dailyBackup()
    if (daily) io.out(`Daily backup: ${daily.name}\n`)
    const dispatch = createDispatch(session.handlers)
    const host = await startHost({
      dispatch,
      staticDir: RENDERER_DIR,
      port: Number(portText),
      events,
    })
    io.out(`Wingman is serving ${path} at ${host.url}\n`)
    await io.stopSignal()
    await host.close()
    await session.close()
    return EXIT_OK
  },
}

export const backupCommand: Command = {
  summary: 'write a complete copy of the journal to a new file',
  usage: `wingman backup --db PATH [--out FILE]

Writes a complete, consistent copy of the journal (SQLite VACUUM INTO) to FILE, which must not
exist yet. Without --out the copy goes into the journal's backups folder (backups/ beside it) as
a manual backup, which the app lists and can restore and which Wingman never deletes. The copy
is itself a journal: open it with --db or WINGMAN_DB, or put it back with wingman restore.

Options:
--db PATH   journal file to copy
--out FILE  the new backup file (default: the backups folder)
-h, --help  show this help`,
  options: { db: { type: 'string' }, out: { type: 'string' }, ...HELP_OPTION },
  run: async (values, io) => {
    const path = resolve(requireOption(values, 'db'))
    const out = typeof values.out === 'string' && values.out ? resolve(values.out) : null
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const { db } = openJournal(path)
    try {
      const b = out
        ? backupJournal(db, out)
        : (({ name, bytes }) => ({ path: join(backupsDirOf(path), name), bytes }))(
            createBackup(db, path, 'manual', new Date()),
          )
      io.out(`Backed up ${path} to ${b.path} (${b.bytes.toLocaleString('en-US')} bytes)\n`)
    } finally {
      db.close()
    }
    return EXIT_OK
  },
}
