/**
 * Small readers every broker parser shares: header lookup by name, money and quantity text as
 * brokers print it ("$1,699.00", "-$167.13", "(200.00)", "--", ".55"), and contract facts.
 */
import { vixExpiry } from '../../../../shared/calendar/expiries.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { formatFutureSymbol, formatOcc } from '../../../../shared/occ.ts'
import { CsvSyntaxError, parseCsvLines, type Cell, type CsvRecord } from '../csv.ts'
import type { Contract, RejectedRow } from './types.ts'

/** Normalises a header cell for lookup: trimmed, lower case, BOM and surrounding quotes removed. */
export const headerKey = (cell: Cell): string =>
  (cell ?? '')
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()

/**
 * Column indexes by header name. `get(row, 'Strike Price')` reads a cell by name (null when the
 * file lacks the column or the cell is empty).
 */
export class Columns {
  private readonly index = new Map<string, number>()
  constructor(header: readonly Cell[]) {
    header.forEach((h, i) => {
      const k = headerKey(h)
      if (k && !this.index.has(k)) this.index.set(k, i)
    })
  }
  has(name: string): boolean {
    return this.index.has(name.toLowerCase())
  }
  /** The names among `names` the header lacks. */
  missing(names: readonly string[]): string[] {
    return names.filter((n) => !this.has(n))
  }
  get(row: readonly Cell[], name: string): string | null {
    const i = this.index.get(name.toLowerCase())
    if (i === undefined) return null
    const v = row[i]
    if (v === null || v === undefined) return null
    const t = v.trim()
    return t === '' ? null : t
  }
}

/**
 * Parses money or a price as brokers print it into e4: optional sign, `$`, thousands commas,
 * parentheses for negatives, no leading zero (".55"). `--`, `~`, empty → null. Returns
 * undefined when the text is not a number at all (so the caller can reject the row).
 */
export function moneyE4(text: string | null): number | null | undefined {
  if (text === null) return null
  let t = text.trim()
  if (t === '' || t === '--' || t === '~' || t === '-') return null
  let negative = false
  if (/^\(.*\)$/.test(t)) {
    negative = true
    t = t.slice(1, -1)
  }
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1)
  } else if (t.startsWith('+')) t = t.slice(1)
  t = t.replace(/^\$/, '').replaceAll(',', '')
  if (t.startsWith('.')) t = `0${t}`
  // More than 4 decimals (IBKR commissions such as -2.0487123): round half away from zero to e4.
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t)
  if (!m) return undefined
  let frac = m[2] ?? ''
  let roundUp = false
  if (frac.length > 4) {
    roundUp = Number(frac[4]) >= 5
    frac = frac.slice(0, 4)
  }
  const v = parseE4(frac ? `${m[1]}.${frac}` : m[1]!)
  if (v === null) return undefined
  const out = v + (roundUp ? 1 : 0)
  return negative && out !== 0 ? -out : out
}

/** A whole number of contracts, signed as printed ("+3", "-3", "3", "3.0", "1,000"). */
export function integerOf(text: string | null): number | null {
  if (text === null) return null
  const t = text.trim().replaceAll(',', '').replace(/^\+/, '')
  if (!/^-?\d+(?:\.0+)?$/.test(t)) return null
  return Math.trunc(Number(t))
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

/** Month number 1–12 of an English month abbreviation (JAN, Jun…); 0 when unknown. */
export const monthOfName = (name: string): number =>
  MONTHS.indexOf(name.slice(0, 3).toUpperCase()) + 1

const pad2 = (n: number | string) => String(n).padStart(2, '0')

/** A two-digit year as 20YY (option expiries and trade dates of these exports are all ≥ 2000). */
export const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y))

/** YYYY-MM-DD from parts, or null when they do not form a real calendar date. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return null
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > days) return null
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/** M/D/YY or MM/DD/YYYY → YYYY-MM-DD (null when not such a date). */
export function usDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text.trim())
  if (!m) return null
  return isoDate(fullYear(m[3]!), Number(m[1]), Number(m[2]))
}

/** The underlying index of a root: SPXW → SPX, VIXW / VX → VIX, otherwise the root itself. */
export function underlyingOfRoot(root: string): string {
  const r = root.toUpperCase()
  if (r === 'SPXW' || r === 'SPXPM') return 'SPX'
  if (r === 'VIXW' || r === 'VX') return 'VIX'
  if (r === 'NDXP') return 'NDX'
  if (r === 'RUTW') return 'RUT'
  return r
}

/**
 * Roots of cash-settled index options: an assignment or exercise of these moves cash (intrinsic
 * value × multiplier), never shares, so it is journaled as a cash settlement.
 */
export const CASH_SETTLED_ROOTS: ReadonlySet<string> = new Set([
  'SPX',
  'SPXW',
  'SPXPM',
  'XSP',
  'NDX',
  'NDXP',
  'XND',
  'RUT',
  'RUTW',
  'MRUT',
  'VIX',
  'VIXW',
  'DJX',
  'OEX',
  'XEO',
])

/** True for the root of a cash-settled index option (SPXW, XSP, VIX…). */
export const isCashSettledRoot = (root: string): boolean =>
  CASH_SETTLED_ROOTS.has(root.trim().toUpperCase())

/**
 * An option contract with its padded OSI symbol; null when the parts cannot form one (a root
 * longer than 6 characters, a strike with more than 3 decimals), so the caller can reject the
 * row instead of throwing.
 */
export function optionContract(
  root: string,
  expiration: string,
  right: 'call' | 'put',
  strikeE4: number,
  multiplier = 100,
): Contract | null {
  const r = root.trim().toUpperCase()
  if (!/^[A-Z0-9]{1,6}$/.test(r) || strikeE4 <= 0) return null
  try {
    const symbol = formatOcc({ root: r, expiration, right, strikeE4 })
    return {
      instrument: 'option',
      underlying: underlyingOfRoot(r),
      root: r,
      expiration,
      right,
      strikeE4,
      multiplier,
      symbol,
    }
  } catch {
    return null
  }
}

/**
 * The VX future of a contract month (1–12): expires on vixExpiry, $1000 per point, `/VXM5`.
 * Null when the month is outside the years the exchange calendar covers.
 */
export function vxFutureContract(year: number, month: number): Contract | null {
  let expiration: string
  try {
    expiration = vixExpiry(year, month)
  } catch {
    return null
  }
  return {
    instrument: 'future',
    underlying: 'VIX',
    root: 'VX',
    expiration,
    right: null,
    strikeE4: null,
    multiplier: 1000,
    symbol: formatFutureSymbol('VX', expiration),
  }
}

/**
 * The first `maxLines` lines of a file's head as CSV rows, each line read on its own, so a head
 * cut off inside a quoted field (detect() sees only ~64 KB) does not throw: an unreadable line
 * is left out. For detect() only.
 */
export function headRows(head: string, maxLines = 40): Cell[][] {
  const out: Cell[][] = []
  for (const line of head
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .slice(0, maxLines)) {
    try {
      const rec = parseCsvLines(line)[0]
      if (rec) out.push(rec.cells)
    } catch {
      // a line cut in half or not CSV at all: not a header either way
    }
  }
  return out
}

/**
 * parseCsvLines that never throws: a line that is not valid CSV (a stray quote, a quoted field
 * never closed) becomes a rejected row with its line number, and reading goes on with the line
 * after it. Record line numbers are those of the whole file. Linear in the file's size however
 * many lines are bad (each pass reads on from where the last one stopped).
 */
export function parseCsvTolerant(text: string): { records: CsvRecord[]; rejected: RejectedRow[] } {
  const src = text.replace(/^\ufeff/, '')
  const records: CsvRecord[] = []
  const rejected: RejectedRow[] = []
  let offset = 0 // where the unread text starts
  let lineBase = 0 // lines before it
  while (offset < src.length) {
    const rest = src.slice(offset)
    try {
      for (const r of parseCsvLines(rest)) records.push({ line: r.line + lineBase, cells: r.cells })
      break
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e
      const badStart = startOfLine(rest, e.line)
      const next = startOfLine(rest, e.line + 1)
      const before = parseCsvTolerant(rest.slice(0, badStart < 0 ? rest.length : badStart))
      for (const r of before.records) records.push({ line: r.line + lineBase, cells: r.cells })
      for (const r of before.rejected) rejected.push({ line: r.line + lineBase, reason: r.reason })
      rejected.push({
        line: e.line + lineBase,
        reason: `this line is not readable CSV (${e.message.replace(/^line \d+: /, '')})`,
      })
      if (next < 0) break
      offset += next
      lineBase += e.line
    }
  }
  return { records, rejected }
}

/** Index where 1-based `line` starts in `text` (lines end in LF, CRLF or CR); -1 past the end. */
function startOfLine(text: string, line: number): number {
  let l = 1
  let i = 0
  while (l < line) {
    if (i >= text.length) return -1
    const c = text.charCodeAt(i++)
    if (c === 10) l++
    else if (c === 13) {
      if (text.charCodeAt(i) === 10) i++
      l++
    }
  }
  return i >= text.length && line > 1 ? -1 : i
}
