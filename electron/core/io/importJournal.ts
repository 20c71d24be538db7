import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { schemaVersion } from '../db/migrate.ts'
import { writeTransaction } from '../db/transaction.ts'
import { CsvSyntaxError, parseCsvLines, unprotectText, type Cell } from './csv.ts'
import { headerOf, journalTables, tableColumns, type ColumnInfo } from './exportJournal.ts'

/**
 * `wingman export`'s folder back into a journal, exactly: every table, id, NULL and empty text,
 * decimal and time as it was exported. The inverse of exportJournal.ts.
 *
 * Only into an EMPTY journal — one that holds nothing the trader entered:
 *   - no positions, nor anything of theirs (legs, fills, adjustments, decisions, corrections,
 *     marks, history, tags), and no rows in any table a journal does not seed itself;
 *   - at most one account (the "Default" account a new journal makes);
 *   - no ruleset of the trader's own (only the shipped, built-in ones).
 * What a new journal seeds itself — the default account, the shipped rulesets, the bundled
 * market history and the first-run record (SEEDED_TABLES) — is replaced by the export's rows,
 * so the result is the exported journal, row for row.
 *
 * The folder must match this journal's schema: one `<table>.csv` per table, each with exactly
 * the table's columns; a missing file or column, an unknown column or table file (exported by a
 * newer Wingman) is refused with the file and column named, before anything is written. Every
 * row is written in one transaction with foreign keys checked at its end (PRAGMA
 * defer_foreign_keys: the order of the files does not matter, self-references such as a roll's
 * `replaces_leg_id` included): a refusal part-way writes nothing.
 */
export const SEEDED_TABLES: ReadonlySet<string> = new Set([
  'accounts',
  'rulesets',
  'ruleset_versions',
  'instruments',
  'daily_bars',
  'breadth_daily',
  'events',
  'app_state',
])

export interface ImportedTable {
  table: string
  rows: number
}

export interface JournalImportReport {
  tables: ImportedTable[]
  rows: number
}

const E4_SUFFIX = '_e4'
const NEW_EMPTY =
  'import an exported journal only into a new, empty one (wingman init --db NEW --empty)'

const count = (db: Db, sql: string): number => db.prepare(sql).pluck().get() as number

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/**
 * Refuses a journal that holds anything the trader entered (see the rule above), in their words.
 */
export function assertEmptyJournal(db: Db): void {
  const positions = count(db, 'SELECT count(*) FROM positions')
  if (positions > 0)
    throw new DomainError(
      'CONFLICT',
      `This journal already holds ${plural(positions, 'position')}: ${NEW_EMPTY}`,
    )
  const accounts = count(db, 'SELECT count(*) FROM accounts')
  if (accounts > 1)
    throw new DomainError(
      'CONFLICT',
      `This journal already holds ${plural(accounts, 'account')}: ${NEW_EMPTY}`,
    )
  const own = count(db, 'SELECT count(*) FROM rulesets WHERE builtin = 0')
  if (own > 0)
    throw new DomainError(
      'CONFLICT',
      `This journal already holds ${plural(own, 'ruleset')} of your own: ${NEW_EMPTY}`,
    )
  for (const table of journalTables(db)) {
    if (SEEDED_TABLES.has(table)) continue
    const n = count(db, `SELECT count(*) FROM "${table}"`)
    if (n > 0)
      throw new DomainError(
        'CONFLICT',
        `This journal already holds ${plural(n, 'record')} in ${table}: ${NEW_EMPTY}`,
      )
  }
}

interface ParsedTable {
  table: string
  file: string
  columns: ColumnInfo[]
  /** Decoded values in `columns` order, with the file line each row starts on. */
  rows: { line: number; values: unknown[] }[]
}

const refuse = (message: string) => new DomainError('VALIDATION', message)

const INTEGER_RE = /^-?\d{1,16}$/
const E4_RE = /^(-)?(\d{1,16})(?:\.(\d{1,4}))?$/

/**
 * One exported cell back to the stored value, strictly: a cell the export could not have
 * written is refused (so a tampered file is caught here, not stored as NaN or 0).
 * `_e4` decimals are read digit by digit over the whole safe-integer range.
 */
function decodeCell(c: ColumnInfo, cell: Cell): { value: unknown } | { problem: string } {
  if (cell === null) return { value: null }
  switch (c.type) {
    case 'INTEGER': {
      if (c.name.endsWith(E4_SUFFIX)) {
        const m = E4_RE.exec(cell)
        if (!m) return { problem: `"${cell.slice(0, 40)}" is not a decimal with at most 4 places` }
        const units = BigInt(m[2] ?? '0') * 10_000n + BigInt((m[3] ?? '').padEnd(4, '0'))
        const value = Number(m[1] ? -units : units)
        if (!Number.isSafeInteger(value)) return { problem: `${cell} is too large` }
        return { value: Object.is(value, -0) ? 0 : value }
      }
      if (!INTEGER_RE.test(cell) || !Number.isSafeInteger(Number(cell)))
        return { problem: `"${cell.slice(0, 40)}" is not a whole number` }
      return { value: Number(cell) }
    }
    case 'REAL': {
      const value = Number(cell)
      if (cell.trim() === '' || Number.isNaN(value))
        return { problem: `"${cell.slice(0, 40)}" is not a number` }
      return { value }
    }
    case 'BLOB':
      return { problem: 'binary columns are not exported' }
    default:
      return { value: unprotectText(cell) }
  }
}

/** Written by `wingman export` beside the tables (io/exportSummary.ts); not tables. */
const SUMMARY_FILES = ['position_summary.csv', 'fill_summary.csv']

/** Reads and checks every table file against the journal's schema; writes nothing. */
function readExport(db: Db, dir: string): ParsedTable[] {
  const st = statSync(dir, { throwIfNoEntry: false })
  if (!st?.isDirectory()) throw new DomainError('NOT_FOUND', `No folder at ${dir}`)
  const tables = journalTables(db)
  const version = schemaVersion(db)
  const known = new Set(tables)
  for (const name of readdirSync(dir)) {
    // The spreadsheet summaries `wingman export` writes beside the tables are derived, not data.
    if (!name.endsWith('.csv') || SUMMARY_FILES.includes(name)) continue
    const table = name.slice(0, -'.csv'.length)
    if (!known.has(table))
      throw refuse(
        `${name} is not a table of this journal (schema ${version}): it was exported by a newer ` +
          `Wingman or is not part of an export. Nothing was imported.`,
      )
  }
  return tables.map((table) => {
    const file = `${table}.csv`
    const path = join(dir, file)
    if (!statSync(path, { throwIfNoEntry: false })?.isFile())
      throw refuse(
        `${basename(dir)} has no ${file}: an export holds one file per table of the journal ` +
          `(wingman export --db PATH --out DIR). Nothing was imported.`,
      )
    let records
    try {
      records = parseCsvLines(readFileSync(path, 'utf8'))
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw refuse(`${file} ${e.message}. Nothing was imported.`)
      throw e
    }
    const [head, ...body] = records
    if (!head) throw refuse(`${file} is empty: it has no header row. Nothing was imported.`)
    const columns = tableColumns(db, table)
    const byHeader = new Map(columns.map((c) => [headerOf(c), c]))
    const order: ColumnInfo[] = []
    for (const h of head.cells) {
      const c = h === null ? undefined : byHeader.get(h)
      if (!c)
        throw refuse(
          `${file} has a column "${(h ?? '').slice(0, 40)}" that the ${table} table of this journal ` +
            `(schema ${version}) does not have: it was exported by a newer Wingman or edited. Nothing was imported.`,
        )
      if (order.includes(c))
        throw refuse(`${file} has the column "${h}" twice. Nothing was imported.`)
      order.push(c)
    }
    const missing = columns.find((c) => !order.includes(c))
    if (missing)
      throw refuse(
        `${file} lacks the column "${headerOf(missing)}" of the ${table} table. Nothing was imported.`,
      )
    const position = columns.map((c) => order.indexOf(c))
    const rows = body.map(({ line, cells }) => {
      if (cells.length !== order.length)
        throw refuse(
          `${file} line ${line} has ${cells.length} fields; its header has ${order.length}. Nothing was imported.`,
        )
      const values = columns.map((c, i) => {
        const decoded = decodeCell(c, cells[position[i] ?? -1] ?? null)
        if ('problem' in decoded)
          throw refuse(
            `${file} line ${line}, column "${headerOf(c)}": ${decoded.problem}. Nothing was imported.`,
          )
        return decoded.value
      })
      return { line, values }
    })
    return { table, file, columns, rows }
  })
}

/**
 * Imports the export in `dir` into the empty journal `db` (see the module comment). Returns the
 * rows written per table.
 */
export function importJournal(db: Db, dir: string): JournalImportReport {
  assertEmptyJournal(db)
  const parsed = readExport(db, dir)
  writeTransaction(db, () => {
    // Another process may have written since the check: judged again under the write lock.
    assertEmptyJournal(db)
    // Checked at COMMIT instead of per row (reset by SQLite when the transaction ends).
    db.pragma('defer_foreign_keys = ON')
    for (const t of parsed)
      if (SEEDED_TABLES.has(t.table)) db.prepare(`DELETE FROM "${t.table}"`).run()
    for (const t of parsed) {
      const names = t.columns.map((c) => `"${c.name}"`).join(', ')
      const insert = db.prepare(
        `INSERT INTO "${t.table}" (${names}) VALUES (${t.columns.map(() => '?').join(', ')})`,
      )
      for (const row of t.rows) {
        try {
          insert.run(row.values)
        } catch (e) {
          const code = (e as { code?: string }).code ?? ''
          if (!code.startsWith('SQLITE_CONSTRAINT')) throw e
          throw refuse(
            `${t.file} line ${row.line} cannot be stored (${(e as Error).message}). Nothing was imported.`,
          )
        }
      }
    }
    const broken = db.pragma('foreign_key_check') as {
      table: string
      rowid: number | null
      parent: string
    }[]
    const first = broken[0]
    if (first)
      throw refuse(
        `${first.table}.csv has ${plural(broken.length, 'row')} that refer to ${first.parent} ` +
          `rows missing from ${first.parent}.csv` +
          (first.rowid !== null ? ` (first: the row with rowid ${first.rowid})` : '') +
          `. Nothing was imported.`,
      )
  })
  const tables = parsed.map((t) => ({ table: t.table, rows: t.rows.length }))
  return { tables, rows: tables.reduce((n, t) => n + t.rows, 0) }
}
