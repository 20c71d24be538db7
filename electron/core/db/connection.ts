import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { DomainError } from '../../../shared/result.ts'
import {
  assertCompatible,
  loadMigrations,
  migrate,
  type Migration,
  type MigrationReport,
} from './migrate.ts'

export type Db = Database.Database

export interface OpenOptions {
  migrations?: Migration[]
  /** Clock for backup file names; tests pass a fixed one. */
  now?: () => Date
}

export interface OpenJournal {
  db: Db
  path: string
  migration: MigrationReport
}

/**
 * Opens (creating if needed) the journal at `path`, applies the connection PRAGMAs and brings the
 * schema up to date.
 *
 * - WAL lets the UI read while a write is in progress and survives crashes without a rollback file.
 * - synchronous=FULL: a journal entry the user saved must survive a power cut; the extra fsync
 *   per commit is invisible at human typing speed.
 * - foreign_keys is off by default in SQLite and must be enabled per connection.
 * - busy_timeout: the CLI and the app may touch the same file; wait rather than fail at once.
 */
export function openJournal(path: string, options: OpenOptions = {}): OpenJournal {
  const isNew = !existsSync(path)
  if (isNew) mkdirSync(dirname(path), { recursive: true })
  let db: Db
  try {
    db = new Database(path)
  } catch (e) {
    throw new DomainError(
      'DB_CORRUPT',
      `Cannot open the journal at ${path}: ${(e as Error).message}`,
    )
  }
  try {
    db.pragma('busy_timeout = 5000')
    const migrations = options.migrations ?? loadMigrations()
    // Check the header before anything writes to the file: a non-database, a foreign database or
    // one from a newer Wingman must be left exactly as it was (WAL mode is stored in the header).
    assertCompatible(db, migrations.length)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    const now = options.now ?? (() => new Date())
    const migration = migrate(db, migrations, {
      backupPath: (from, to) =>
        `${path}.v${from}-before-v${to}-${now().toISOString().replace(/[:.]/g, '-')}.bak`,
    })
    return { db, path, migration }
  } catch (e) {
    db.close()
    if (e instanceof DomainError) throw e
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DomainError(
        'DB_CORRUPT',
        `The file at ${path} is not a usable SQLite database (${code}). It was not changed.`,
      )
    }
    throw e
  }
}
