import { mkdirSync } from 'node:fs'
import { DERIVED_TABLES } from '../db/derivedTables.ts'
import { join } from 'node:path'
import { formatE4, parseE4 } from '../../../shared/money.ts'
import type { Db } from '../db/connection.ts'
import type { JobControl } from '../jobs/control.ts'
import { encodeField, protectText, unprotectText, type Cell } from './csv.ts'
import { csvText, writeCsv, type ChunkWatch, type CsvSink } from './csvFile.ts'

/**
 * Journal → CSV, one file per table, built for Excel and for a lossless round trip:
 * UTF-8 with a BOM (so Excel detects the encoding), CRLF, a header row, NULL as an empty field.
 * Fixed-scale `_e4` integer columns are written as exact decimals under their name without the
 * suffix (`price_e4` 23500 → `price` 2.35); instants are already ISO-8601 text; text that a
 * spreadsheet would run as a formula is prefixed with an apostrophe; numbers never are.
 */
export interface ColumnInfo {
  name: string
  type: 'INTEGER' | 'REAL' | 'TEXT' | 'ANY' | 'BLOB'
  /** The table's whole primary key, an integer: unique and ordered, so rows can be paged by it. */
  integerKey?: boolean
}

export interface ExportedTable {
  table: string
  file: string
  rows: number
}

const E4_SUFFIX = '_e4'

export function journalTables(db: Db): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((name) => !DERIVED_TABLES.has(name))
}

export function tableColumns(db: Db, table: string): ColumnInfo[] {
  const info = db.pragma(`table_info(${JSON.stringify(table)})`) as {
    name: string
    type: string
    pk: number
  }[]
  const keys = info.filter((c) => c.pk > 0)
  return info.map((c) => ({
    name: c.name,
    type: (c.type.toUpperCase() || 'ANY') as ColumnInfo['type'],
    ...(keys.length === 1 && keys[0] === c && c.type.toUpperCase() === 'INTEGER'
      ? { integerKey: true }
      : {}),
  }))
}

export const headerOf = (c: ColumnInfo): string =>
  c.type === 'INTEGER' && c.name.endsWith(E4_SUFFIX) ? c.name.slice(0, -E4_SUFFIX.length) : c.name

export function encodeValue(c: ColumnInfo, v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') {
    if (c.type === 'INTEGER' && c.name.endsWith(E4_SUFFIX)) return formatE4(v)
    // String(double) is the shortest text that parses back to the same double.
    return String(v)
  }
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'string') return protectText(v)
  throw new Error(`column ${c.name}: cannot export a ${typeof v} value`)
}

/** The inverse of encodeValue, for round-trip checks and re-import of exported files. */
export function decodeValue(c: ColumnInfo, cell: Cell): unknown {
  if (cell === null) return null
  switch (c.type) {
    case 'INTEGER':
      return c.name.endsWith(E4_SUFFIX) ? parseE4(cell) : Number(cell)
    case 'REAL':
      return Number(cell)
    default:
      return unprotectText(cell)
  }
}

/**
 * A column's stored value → its CSV field, the type decided once per column rather than per cell
 * (the same text encodeField(encodeValue(c, v)) gives). Numbers never need quotes.
 */
export function fieldEncoder(c: ColumnInfo): (v: unknown) => string {
  const generic = (v: unknown) => encodeField(encodeValue(c, v))
  if (c.type === 'INTEGER' && c.name.endsWith(E4_SUFFIX)) {
    // prices, fees and strikes repeat: a small cache skips most formatE4 calls
    const cache = new Map<number, string>()
    return (v) => {
      if (typeof v !== 'number') return v === null ? '' : generic(v)
      let text = cache.get(v)
      if (text === undefined) {
        text = formatE4(v)
        if (cache.size >= 4096) cache.clear()
        cache.set(v, text)
      }
      return text
    }
  }
  if (c.type === 'INTEGER' || c.type === 'REAL')
    return (v) => (typeof v === 'number' ? String(v) : v === null ? '' : generic(v))
  if (c.type === 'TEXT')
    return (v) =>
      typeof v === 'string' ? encodeField(protectText(v)) : v === null ? '' : generic(v)
  return generic
}

/** Rows read per query, so a page holds about this much CSV text whatever the row width. */
const PAGE_TEXT = 1 << 16

/**
 * Sends every row of `table` (ORDER BY its first column) to `out` as CSV lines, holding one page
 * of rows at a time. A table keyed by an integer first column is read in keyset pages (`id > ?
 * LIMIT n`, one native call per page instead of one per row: ~30 % faster on fills); any other
 * table row by row.
 */
export function writeTableRows(db: Db, table: string, columns: ColumnInfo[], out: CsvSink): void {
  const encoders = columns.map(fieldEncoder)
  const n = encoders.length
  const e0 = encoders[0]!
  const line = (r: unknown[]): string => {
    let s = e0(r[0])
    for (let i = 1; i < n; i++) s += `,${encoders[i]!(r[i])}`
    return `${s}\r\n`
  }
  const first = columns[0]!
  if (!first.integerKey) {
    for (const r of db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).raw(true).iterate())
      out.line(line(r as unknown[]))
    return
  }
  const page = db
    .prepare(`SELECT * FROM "${table}" WHERE "${first.name}" > ? ORDER BY 1 LIMIT ?`)
    .raw(true)
  let after: unknown = Number.MIN_SAFE_INTEGER
  let size = 64
  for (;;) {
    const rows = page.all(after, size) as unknown[][]
    let chars = 0
    for (const r of rows) {
      const text = line(r)
      chars += text.length
      out.line(text)
    }
    if (rows.length < size) return
    after = rows[rows.length - 1]![0]
    size = Math.min(16_384, Math.max(8, Math.round((PAGE_TEXT * rows.length) / chars)))
  }
}

/** Rows in a table (for a determinate progress bar). */
const rowCountOf = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) ?? 0

const watchOf = (db: Db, table: string, control: JobControl | undefined): ChunkWatch | undefined =>
  control && { control, phase: `Writing ${table}.csv`, total: rowCountOf(db, table) }

/**
 * Every table of the journal as CSV text (the browser's download of a whole-journal export),
 * read in one transaction (one consistent snapshot).
 */
export function journalTableCsvs(db: Db): { table: string; csv: string; rows: number }[] {
  return db
    .transaction(() =>
      journalTables(db).map((table) => {
        const columns = tableColumns(db, table)
        const { csv, rows } = csvText(columns.map(headerOf), (out) =>
          writeTableRows(db, table, columns, out),
        )
        return { table, csv, rows }
      }),
    )
    .deferred()
}

/**
 * Writes every table of the journal to `outDir/<table>.csv`. All tables are read inside one
 * read transaction, so the files form one consistent snapshot; rows are streamed from SQLite to
 * the file in chunks (memory stays flat for any journal), each file to a temporary name renamed
 * when complete, so a crash or a cancel never leaves a half-written CSV under the real name.
 */
export function exportJournal(db: Db, outDir: string, control?: JobControl): ExportedTable[] {
  mkdirSync(outDir, { recursive: true })
  return db
    .transaction(() =>
      journalTables(db).map((table) => {
        const columns = tableColumns(db, table)
        const file = join(outDir, `${table}.csv`)
        const rows = writeCsv(
          file,
          columns.map(headerOf),
          (out) => writeTableRows(db, table, columns, out),
          watchOf(db, table, control),
        )
        return { table, file, rows }
      }),
    )
    .deferred()
}
