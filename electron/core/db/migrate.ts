import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
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
 * The header's application id of a Wingman journal: 'WNGM' (0x574E474D), set by migration 004.
 * A file with another non-zero id belongs to another program.
 */
export const WINGMAN_APPLICATION_ID = 0x574e474d

/** The first schema version whose journals carry WINGMAN_APPLICATION_ID. */
export const APPLICATION_ID_SINCE = 4

/** Table name → its column names in order: what a schema version looks like from outside. */
export type SchemaShape = Map<string, string[]>

/** The tables of a database other than SQLite's own (sqlite_sequence, sqlite_stat1…). */
export function schemaShape(db: Database.Database): SchemaShape {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .pluck()
    .all() as string[]
  return new Map(
    tables.map((t) => [
      t,
      db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(t) as string[],
    ]),
  )
}

const shapes = new WeakMap<Migration[], SchemaShape[]>()

/**
 * The shape Wingman's own migrations give a journal at each version 0..latest, built once by
 * running them on an in-memory database.
 */
export function expectedShapes(migrations: Migration[]): SchemaShape[] {
  let cached = shapes.get(migrations)
  if (!cached) {
    const mem = new Database(':memory:')
    try {
      cached = [schemaShape(mem)]
      for (const m of migrations) {
        mem.exec(m.sql)
        cached.push(schemaShape(mem))
      }
    } finally {
      mem.close()
    }
    shapes.set(migrations, cached)
  }
  return cached
}

const sameShape = (a: SchemaShape, b: SchemaShape): boolean =>
  a.size === b.size &&
  [...a].every(([table, cols]) => {
    const other = b.get(table)
    return other !== undefined && other.join('\u0000') === cols.join('\u0000')
  })

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`

/**
 * Decides, reading only, whether this database is a Wingman journal this app can open, and
 * returns its schema version (0 for an empty file that becomes a new journal). Refused:
 * - another program's file: a foreign application id, or (before ids were set) tables that are
 *   not exactly the ones Wingman's migrations create at the file's user_version — user_version
 *   alone proves nothing, any program may set it;
 * - a journal from a newer Wingman.
 * Call it before any PRAGMA that writes to the file (journal_mode=WAL writes the header).
 */
export function assertCompatible(db: Database.Database, migrations: Migration[]): number {
  const latest = migrations.length
  const from = schemaVersion(db)
  const appId = db.pragma('application_id', { simple: true }) as number
  const unchanged = 'The file was not changed.'
  if (appId === WINGMAN_APPLICATION_ID) {
    if (from > latest)
      throw new DomainError(
        'DB_NEWER',
        `This journal has schema version ${from}, but this Wingman only knows versions up to ${latest}. ` +
          `It was written by a newer Wingman; update the app. ${unchanged}`,
      )
    return from
  }
  if (appId !== 0)
    throw new DomainError(
      'DB_FOREIGN',
      `This SQLite file belongs to another program (application id ${hex(appId)}); it is not a Wingman journal. ${unchanged}`,
    )
  const shape = schemaShape(db)
  if (from === 0 && shape.size === 0) return 0
  const expected = from < APPLICATION_ID_SINCE ? expectedShapes(migrations)[from] : undefined
  if (!expected || !sameShape(shape, expected))
    throw new DomainError(
      'DB_FOREIGN',
      `This SQLite file (schema version ${from}, ${shape.size} table(s)) is not a Wingman journal: ` +
        `its tables are not the ones a Wingman journal has. ${unchanged}`,
    )
  return from
}

/** What `PRAGMA quick_check` or `integrity_check` found wrong, or null when the file is sound. */
export function integrityProblem(
  db: Database.Database,
  check: 'quick_check' | 'integrity_check',
): string | null {
  let lines: string[]
  try {
    // One row per problem; a row may hold several lines under a "*** in database main ***" head.
    lines = (db.pragma(`${check}(20)`) as Record<string, unknown>[])
      .flatMap((r) => String(Object.values(r)[0]).split('\n'))
      .filter((l) => l && !l.startsWith('***'))
  } catch (e) {
    // Damage can be bad enough that the check itself cannot run (SQLITE_CORRUPT, NOTADB).
    return `${check} failed: ${(e as Error).message}`
  }
  if (lines.length === 1 && lines[0] === 'ok') return null
  const count = lines.length >= 20 ? '20 or more problems' : `${lines.length} problem(s)`
  return `${check} found ${count}, first: ${lines[0] ?? 'unknown'}`
}

/**
 * Brings the journal to the newest schema. Each migration runs in its own IMMEDIATE transaction
 * together with its `user_version` bump, so a failure leaves the file at the last good version
 * and a second process opening the same new file waits and then finds the work done. An
 * existing journal is checked (`integrity_check`) and copied with `VACUUM INTO` first; a
 * journal from a newer Wingman or another program is refused untouched.
 */
export function migrate(
  db: Database.Database,
  migrations: Migration[],
  options: {
    backupPath?: (from: number, to: number) => string
    /** False when the caller has just run the integrity check itself. */
    checkIntegrity?: boolean
  } = {},
): MigrationReport {
  const latest = migrations.length
  const from = assertCompatible(db, migrations)
  let backupPath: string | null = null
  if (from > 0 && from < latest) {
    if (options.checkIntegrity !== false) {
      const problem = integrityProblem(db, 'integrity_check')
      if (problem)
        throw new DomainError(
          'DB_CORRUPT',
          `The journal is damaged, so it was not upgraded: ${problem}. The file was not changed.`,
        )
    }
    if (options.backupPath) {
      backupPath = options.backupPath(from, latest)
      db.prepare('VACUUM INTO ?').run(backupPath)
    }
  }
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      // Another process may have applied it while this one waited for the lock.
      if (schemaVersion(db) >= m.version) return
      db.exec(m.sql)
      // user_version lives in the database header and is written inside this transaction.
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return { from, to: latest, backupPath }
}
