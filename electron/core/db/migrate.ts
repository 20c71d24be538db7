import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type Database from 'better-sqlite3'
import { DomainError } from '../../../shared/result.ts'

export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * The folder of numbered `.sql` migrations. Resolved next to the running module, so it is
 * `electron/core/db/migrations` from source and `out/main/migrations` in the Electron bundle
 * (the build copies the files there).
 */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

const FILE_RE = /^(\d{3})_([a-z0-9_]+)\.sql$/

/** Reads `NNN_name.sql` files; versions must run 1, 2, 3… without gaps or duplicates. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const m = FILE_RE.exec(file)
      if (!m) throw new Error(`Migration file name must look like 001_name.sql: ${file}`)
      return { version: Number(m[1]), name: m[2] ?? '', sql: readFileSync(join(dir, file), 'utf8') }
    })
    .sort((a, b) => a.version - b.version)
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `Migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`,
      )
  })
  return migrations
}

export interface MigrationReport {
  from: number
  to: number
  /** The `VACUUM INTO` copy made before touching an existing journal, if any. */
  backupPath: string | null
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Refuses, without writing anything, a journal from a newer Wingman or a SQLite file that is not
 * a Wingman journal; returns the file's schema version otherwise. Call it before any PRAGMA
 * that writes to the file header (journal_mode=WAL does).
 */
export function assertCompatible(db: Database.Database, latest: number): number {
  const from = schemaVersion(db)
  if (from > latest) {
    throw new DomainError(
      'DB_NEWER',
      `This journal has schema version ${from}, but this Wingman only knows versions up to ${latest}. ` +
        'It was written by a newer Wingman; update the app. The file was not changed.',
    )
  }
  if (from === 0) {
    const tables = db
      .prepare(
        "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .get() as { n: number }
    if (tables.n > 0) {
      throw new DomainError(
        'DB_CORRUPT',
        'This SQLite file has tables but no Wingman schema version; it is not a Wingman journal. The file was not changed.',
      )
    }
  }
  return from
}

/**
 * Brings the journal to the newest schema. Each migration runs in its own transaction together
 * with its `user_version` bump, so a failure leaves the file at the last good version. An
 * existing journal is copied with `VACUUM INTO` first; a journal from a newer Wingman is refused
 * untouched.
 */
export function migrate(
  db: Database.Database,
  migrations: Migration[],
  options: { backupPath?: (from: number, to: number) => string } = {},
): MigrationReport {
  const latest = migrations.length
  const from = assertCompatible(db, latest)
  let backupPath: string | null = null
  if (from > 0 && from < latest && options.backupPath) {
    backupPath = options.backupPath(from, latest)
    db.prepare('VACUUM INTO ?').run(backupPath)
  }
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(m.sql)
      // user_version lives in the database header and is written inside this transaction.
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  return { from, to: latest, backupPath }
}
