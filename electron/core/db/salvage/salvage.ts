import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { DERIVED_TABLES } from '../derivedTables.ts'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { DomainError } from '../../../../shared/result.ts'
import { openJournal } from '../connection.ts'
import { loadMigrations, migrate, WINGMAN_APPLICATION_ID, type Migration } from '../migrate.ts'
import { SqliteFile, type Value, type WalkStats } from './sqliteFile.ts'

export interface SalvagedTable {
  table: string
  /** Rows written to the new journal. */
  copied: number
  /**
   * Rows known to have existed that are not in the new journal: unreadable records, rows the
   * new journal refused (e.g. their parent row was lost), and for tables with a rowid the rows
   * an index still lists but whose own page is gone. Rows on an unreadable page that no index
   * lists cannot be counted; `unreadablePages` says where that may have happened.
   */
  lost: number
  /** Pages of the table (or of its indexes) that could not be read. */
  unreadablePages: number
  /** Of the lost rows, those that were read but the new journal refused (e.g. a lost parent). */
  refused: number
  /** Why the first refused row was refused, when rows were refused. */
  firstRefusal?: string
}

export interface SalvageReport {
  source: string
  out: string
  /** The damaged journal's schema version; the new journal is migrated to the latest. */
  fromVersion: number
  tables: SalvagedTable[]
  /** Whether the new journal then opened cleanly (quick_check ok, writable). */
  opensCleanly: boolean
}

/** Rows of these tables are not copied: the step they record is redone on the next start. */
const NOT_COPIED: Record<string, (row: Record<string, Value>) => boolean> = {
  // Loading the bundled history again restores bundled market rows that were lost.
  app_state: (row) => row.key === 'bundled_market',
}

/**
 * Copies every readable row of every journal table of the (damaged) journal at `source` into
 * a new journal at `out`, table by table in the order foreign keys need, and reports per table
 * what was copied and what was lost. The source is never written: its file (and -wal) are
 * copied first and read page by page (sqliteFile.ts), so what SQLite refuses to read past is
 * skipped instead of ending the copy. `out` is made by the normal migrations (at the source's
 * version, so later migrations transform the copied rows as they would have), and must not exist.
 */
export function salvageJournal(
  source: string,
  out: string,
  options: { migrations?: Migration[] } = {},
): SalvageReport {
  const migrations = options.migrations ?? loadMigrations()
  if (!existsSync(source)) throw new DomainError('NOT_FOUND', `No journal at ${source}`)
  if (existsSync(out))
    throw new DomainError('CONFLICT', `${out} already exists; salvage writes a new file only`)
  const file = new SqliteFile(readWithWal(source))
  if (!file.headerValid)
    throw new DomainError(
      'DB_CORRUPT',
      `${source} has no readable SQLite header (its first page is damaged); nothing can be salvaged by Wingman`,
    )
  const schema = readSchema(file)
  const version = file.userVersion
  const known = layouts(migrations, version)
  if (
    (file.applicationId !== WINGMAN_APPLICATION_ID && file.applicationId !== 0) ||
    version < 1 ||
    version > migrations.length ||
    ![...known.keys()].some((t) => schema.tables.has(t))
  )
    throw new DomainError('DB_FOREIGN', `${source} is not a Wingman journal; nothing was written`)

  mkdirSync(dirname(out), { recursive: true })
  const target = new Database(out)
  let tables: SalvagedTable[]
  try {
    target.pragma('journal_mode = WAL')
    target.pragma('foreign_keys = ON')
    migrate(target, migrations.slice(0, version))
    tables = target.transaction(() =>
      [...known.values()].map((layout) => copyTable(file, schema, layout, target)),
    )()
    migrate(target, migrations)
  } catch (e) {
    target.close()
    rmSync(out, { force: true })
    rmSync(`${out}-wal`, { force: true })
    rmSync(`${out}-shm`, { force: true })
    throw e
  }
  target.close()
  let opensCleanly: boolean
  try {
    const check = openJournal(out)
    opensCleanly = !check.readOnly
    check.db.close()
  } catch {
    opensCleanly = false
  }
  return { source, out, fromVersion: version, tables, opensCleanly }
}

/**
 * The journal's bytes with its -wal applied: both are copied to a private folder and
 * checkpointed there, so the source stays untouched. When even that fails (a damaged first
 * page), the main file is read as it is.
 */
function readWithWal(source: string): Buffer {
  const wal = `${source}-wal`
  if (!existsSync(wal) || statSync(wal).size === 0) return readFileSync(source)
  const dir = mkdtempSync(join(tmpdir(), 'wingman-salvage-'))
  try {
    const copy = join(dir, 'journal.sqlite')
    copyFileSync(source, copy)
    copyFileSync(wal, `${copy}-wal`)
    try {
      const db = new Database(copy)
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    } catch {
      // Read the main file alone: the -wal's changes are lost with the page SQLite cannot open.
    }
    return readFileSync(copy)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface Schema {
  /** table name → root page */
  tables: Map<string, number>
  /** table name → root pages of its indexes (for counting rows whose table page is lost) */
  indexes: Map<string, number[]>
}

/** sqlite_schema (page 1): each table's and index's root page. */
function readSchema(file: SqliteFile): Schema {
  const stats: WalkStats = { badPages: 0, badCells: 0 }
  const tables = new Map<string, number>()
  const indexes = new Map<string, number[]>()
  for (const cell of file.walk(1, 'table', stats)) {
    const [type, name, tblName, root] = cell.values
    if (typeof name !== 'string' || typeof root !== 'number' || root < 1) continue
    if (type === 'table') tables.set(name, root)
    if (type === 'index' && typeof tblName === 'string')
      indexes.set(tblName, [...(indexes.get(tblName) ?? []), root])
  }
  if (tables.size === 0)
    throw new DomainError(
      'DB_CORRUPT',
      'The list of tables (the first page) is damaged; nothing can be salvaged by Wingman',
    )
  return { tables, indexes }
}

interface Layout {
  table: string
  /** Column names in the order a record stores them. */
  columns: string[]
  withoutRowid: boolean
  /** The column that is the rowid (INTEGER PRIMARY KEY), stored as NULL in the record. */
  rowidColumn: string | null
}

/**
 * Each journal table at schema `version`, in foreign-key order (parents first), with its
 * record layout, from Wingman's own migrations run in memory.
 */
function layouts(migrations: Migration[], version: number): Map<string, Layout> {
  const mem = new Database(':memory:')
  try {
    for (const m of migrations.slice(0, version)) mem.exec(m.sql)
    const names = mem
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[]
    // caches are computed again by the new journal, never copied
    names.splice(0, names.length, ...names.filter((t) => !DERIVED_TABLES.has(t)))
    const parents = new Map(
      names.map((t) => [
        t,
        new Set(
          (
            mem.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(t) as string[]
          ).filter((p) => p !== t),
        ),
      ]),
    )
    const ordered: string[] = []
    while (ordered.length < names.length) {
      const ready = names.filter(
        (t) => !ordered.includes(t) && [...parents.get(t)!].every((p) => ordered.includes(p)),
      )
      // A cycle would leave nothing ready: take the rest by name; refused rows are counted.
      ordered.push(...(ready.length ? ready : names.filter((t) => !ordered.includes(t))))
    }
    return new Map(
      ordered.map((table) => {
        const info = mem.prepare('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid').all(table) as {
          name: string
          type: string
          pk: number
        }[]
        const pkIndex = mem
          .prepare("SELECT name FROM pragma_index_list(?) WHERE origin = 'pk'")
          .pluck()
          .get(table) as string | undefined
        const withoutRowid =
          (mem.prepare('SELECT wr FROM pragma_table_list(?)').pluck().get(table) as number) === 1
        const pks = info.filter((c) => c.pk > 0)
        const rowidColumn =
          !withoutRowid && pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER'
            ? pks[0]!.name
            : null
        const columns =
          withoutRowid && pkIndex
            ? (mem
                .prepare('SELECT name FROM pragma_index_xinfo(?) ORDER BY seqno')
                .pluck()
                .all(pkIndex) as string[])
            : info.map((c) => c.name)
        return [table, { table, columns, withoutRowid, rowidColumn }] as const
      }),
    )
  } finally {
    mem.close()
  }
}

function copyTable(
  file: SqliteFile,
  schema: Schema,
  layout: Layout,
  target: Database.Database,
): SalvagedTable {
  const report: SalvagedTable = {
    table: layout.table,
    copied: 0,
    lost: 0,
    unreadablePages: 0,
    refused: 0,
  }
  const root = schema.tables.get(layout.table)
  if (root === undefined) {
    // Its entry in the table list is gone: every row of it is, as far as anyone can tell.
    report.unreadablePages = 1
    return report
  }
  const stats: WalkStats = { badPages: 0, badCells: 0 }
  const copiedRowids = new Set<number>()
  const seenRowids = new Set<number>()
  const statements = new Map<string, Database.Statement>()
  const skip = NOT_COPIED[layout.table]
  for (const cell of file.walk(root, layout.withoutRowid ? 'index' : 'table', stats)) {
    if (cell.values.length > layout.columns.length) {
      stats.badCells++
      if (cell.rowid !== null) (stats.badRowids ??= []).push(cell.rowid)
      continue
    }
    if (cell.rowid !== null) seenRowids.add(cell.rowid)
    // A record written before a later ADD COLUMN is shorter: the missing columns take their default.
    const columns = layout.columns.slice(0, cell.values.length)
    const row: Record<string, Value> = {}
    columns.forEach((c, i) => (row[c] = cell.values[i] ?? null))
    if (layout.rowidColumn && cell.rowid !== null) row[layout.rowidColumn] = cell.rowid
    if (skip?.(row)) {
      if (cell.rowid !== null) copiedRowids.add(cell.rowid)
      continue
    }
    const key = columns.join(',')
    let insert = statements.get(key)
    if (!insert) {
      insert = target.prepare(
        `INSERT INTO "${layout.table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      statements.set(key, insert)
    }
    try {
      insert.run(columns.map((c) => row[c]))
      report.copied++
      if (cell.rowid !== null) copiedRowids.add(cell.rowid)
    } catch (e) {
      report.lost++
      report.refused++
      report.firstRefusal ??= (e as Error).message
    }
  }
  report.unreadablePages += stats.badPages
  if (layout.withoutRowid) {
    report.lost += stats.badCells
    return report
  }
  // Rows with a rowid are counted by rowid: those seen on readable pages (copied or refused),
  // those whose record was unreadable, and those an index still lists (each index entry ends
  // with the rowid of its row) — whatever of these is not in the new journal was lost.
  const known = new Set([...seenRowids, ...(stats.badRowids ?? [])])
  report.lost = stats.badCells - (stats.badRowids?.length ?? 0)
  for (const indexRoot of schema.indexes.get(layout.table) ?? []) {
    const indexStats: WalkStats = { badPages: 0, badCells: 0 }
    for (const cell of file.walk(indexRoot, 'index', indexStats)) {
      const rowid = cell.values[cell.values.length - 1]
      if (typeof rowid === 'number') known.add(rowid)
    }
    report.unreadablePages += indexStats.badPages
  }
  for (const rowid of known) if (!copiedRowids.has(rowid)) report.lost++
  return report
}
