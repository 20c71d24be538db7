import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { formatE4, parseE4 } from '../../../shared/money.ts'
import type { Db } from '../db/connection.ts'
import { encodeRow, protectText, unprotectText, type Cell } from './csv.ts'
import { writeCsvFile } from './csvFile.ts'

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
  ).map((r) => r.name)
}

export function tableColumns(db: Db, table: string): ColumnInfo[] {
  return (
    db.pragma(`table_info(${JSON.stringify(table)})`) as { name: string; type: string }[]
  ).map((c) => ({
    name: c.name,
    type: (c.type.toUpperCase() || 'ANY') as ColumnInfo['type'],
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

/** Every table of the journal as CSV text, read in one transaction (one consistent snapshot). */
export function journalTableCsvs(db: Db): { table: string; csv: string; rows: number }[] {
  const snapshot = db.transaction(() =>
    journalTables(db).map((table) => {
      const columns = tableColumns(db, table)
      const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).raw().all() as unknown[][]
      return { table, columns, rows }
    }),
  )
  return snapshot.deferred().map(({ table, columns, rows }) => {
    const parts = ['\ufeff', encodeRow(columns.map(headerOf))]
    for (const r of rows) parts.push(encodeRow(columns.map((c, i) => encodeValue(c, r[i]))))
    return { table, csv: parts.join(''), rows: rows.length }
  })
}

/**
 * Writes every table of the journal to `outDir/<table>.csv`. All tables are read inside one
 * read transaction, so the files form one consistent snapshot; rows are streamed from SQLite to
 * the file in chunks (memory stays flat for any journal), each file to a temporary name renamed
 * when complete, so a crash never leaves a half-written CSV under the real name.
 */
export function exportJournal(db: Db, outDir: string): ExportedTable[] {
  mkdirSync(outDir, { recursive: true })
  return db
    .transaction(() =>
      journalTables(db).map((table) => {
        const columns = tableColumns(db, table)
        const file = join(outDir, `${table}.csv`)
        const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).raw().iterate() as Iterable<
          unknown[]
        >
        const encoded = (function* () {
          for (const r of rows) yield columns.map((c, i) => encodeValue(c, r[i]))
        })()
        return { table, file, rows: writeCsvFile(file, columns.map(headerOf), encoded) }
      }),
    )
    .deferred()
}
