import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { DomainError } from '../../../shared/result.ts'
import { newBackupPath, pruneAutomaticBackups } from './backupFiles.ts'
import { setJournalState, WRITABLE, type JournalState } from './journalState.ts'
import {
  assertCompatible,
  integrityProblem,
  loadMigrations,
  migrate,
  type Migration,
  type MigrationReport,
} from './migrate.ts'
import { recogniseJournalFile } from './recognise.ts'

export type Db = Database.Database

export interface OpenOptions {
  migrations?: Migration[]
  /** Clock for backup file names; tests pass a fixed one. */
  now?: () => Date
  /**
   * false: skip the quick_check of a journal already at the latest schema (≈ 2 s on a journal of
   * a million fills). For work that only reads it, like `wingman export`, whose reads fail on a
   * damaged page anyway. An upgrade always runs integrity_check first.
   */
  quickCheck?: boolean
}

export interface OpenJournal {
  db: Db
  path: string
  migration: MigrationReport
  /** True when the journal is damaged and was opened read-only; `problem` says why. */
  readOnly: boolean
  /** What the app shows in its banner, or null when the journal is fine. */
  problem: string | null
}

/** How long a write waits for another process's write lock before failing with DB_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Opens (creating if needed) the journal at `path`, applies the connection PRAGMAs and brings the
 * schema up to date.
 *
 * - The file is recognised before SQLite may write to it (recogniseJournalFile): another
 *   program's file is refused unchanged.
 * - quick_check on every open, integrity_check before a migration: a damaged journal is opened
 *   read-only with `problem` set instead of being written to (or migrated) further.
 * - WAL lets the UI read while a write is in progress and survives crashes without a rollback file.
 * - synchronous=FULL: a journal entry the user saved must survive a power cut; the extra fsync
 *   per commit is invisible at human typing speed.
 * - foreign_keys is off by default in SQLite and must be enabled per connection.
 * - busy_timeout: the CLI, browser hosts and the app may write the same file; writes take the
 *   lock at BEGIN (writeTransaction) so they wait for it rather than fail.
 */
export function openJournal(path: string, options: OpenOptions = {}): OpenJournal {
  const migrations = options.migrations ?? loadMigrations()
  if (recogniseJournalFile(path, migrations) === 'missing')
    mkdirSync(dirname(path), { recursive: true })
  const db = connect(path, false)
  try {
    const from = assertCompatible(db, migrations)
    const upgrading = from < migrations.length
    if (from > 0 && (upgrading || options.quickCheck !== false)) {
      const problem = integrityProblem(db, upgrading ? 'integrity_check' : 'quick_check')
      if (problem) {
        db.close()
        return openDamaged(path, from, problem)
      }
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    const now = options.now ?? (() => new Date())
    // The copy before an upgrade goes with the other backups (backups/…-before-migration.sqlite),
    // where the app lists it and can restore it; automatic backups are kept to the newest 10.
    const migration = migrate(db, migrations, {
      checkIntegrity: false,
      backupPath: () => newBackupPath(path, 'before-migration', now()),
    })
    if (migration.backupPath) pruneAutomaticBackups(path)
    setJournalState(db, WRITABLE)
    return { db, path, migration, readOnly: false, problem: null }
  } catch (e) {
    db.close()
    if (e instanceof DomainError) throw e
    const code = (e as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
      throw new DomainError(
        'DB_CORRUPT',
        `The journal at ${path} is too damaged to open (${code}: ${(e as Error).message}). ` +
          `Try: wingman salvage --db "${path}" --out NEW.sqlite`,
      )
    }
    throw e
  }
}

/**
 * A second connection to a journal another connection of this process has already opened (and
 * so checked and migrated): a job's worker thread (electron/core/jobs). Same PRAGMAs; the state
 * (read-only and why) is the opener's.
 */
export function openJobConnection(path: string, state: JournalState): Db {
  const db = connect(path, state.readOnly)
  if (!state.readOnly) {
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
  }
  setJournalState(db, state)
  return db
}

function connect(path: string, readonly: boolean): Db {
  let db: Db
  try {
    db = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {})
  } catch (e) {
    throw new DomainError(
      'DB_CORRUPT',
      `Cannot open the journal at ${path}: ${(e as Error).message}`,
    )
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  return db
}

/**
 * A journal that failed its integrity check: opened read-only, so that what is left can be
 * read, exported and salvaged while nothing more is written to the damaged file.
 */
function openDamaged(path: string, version: number, found: string): OpenJournal {
  const problem =
    `The journal is damaged (${found}). It is open read-only so that nothing more is lost. ` +
    `Salvage copies every readable record into a new journal: wingman salvage --db "${path}" --out NEW.sqlite`
  const db = connect(path, true)
  setJournalState(db, { readOnly: true, problem, code: 'DB_CORRUPT' })
  return {
    db,
    path,
    migration: { from: version, to: version, backupPath: null },
    readOnly: true,
    problem,
  }
}
