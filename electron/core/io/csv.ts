/**
 * RFC 4180 CSV: comma separated, CRLF line ends, fields quoted when they hold a comma, quote, CR
 * or LF, quotes doubled. Wingman's convention on top: an empty unquoted field is NULL, a quoted
 * empty field ("") is the empty string — so NULL and '' survive a round trip.
 */
export type Cell = string | null

const NEEDS_QUOTES = /[",\r\n]/

/** A code unit that String.prototype.trim may remove (the exact test follows when one is). */
const mayTrim = (c: number) => c === 32 || (c >= 9 && c <= 13) || c >= 0xa0

export function encodeField(value: Cell): string {
  if (value === null) return ''
  if (
    value === '' ||
    NEEDS_QUOTES.test(value) ||
    // quoted so the spaces survive readers that trim; trim() itself only when an end may be one
    ((mayTrim(value.charCodeAt(0)) || mayTrim(value.charCodeAt(value.length - 1))) &&
      value !== value.trim())
  )
    return `"${value.replace(/"/g, '""')}"`
  return value
}

export function encodeRow(cells: readonly Cell[]): string {
  return cells.map(encodeField).join(',') + '\r\n'
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab / CR) as a formula. Text cells get a
 * leading apostrophe so they show as typed; text already starting with an apostrophe gets one
 * more, so `unprotectText` can always undo it.
 */
const FORMULA_START = /^[=+\-@\t\r']/

export function protectText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function unprotectText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text
}

export class CsvSyntaxError extends Error {
  readonly line: number
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`)
    this.name = 'CsvSyntaxError'
    this.line = line
  }
}

/** Parses RFC 4180 text (LF or CRLF, optional UTF-8 BOM) into rows of cells. */
export function parseCsv(text: string): Cell[][] {
  return parseCsvLines(text).map((r) => r.cells)
}

/** A parsed record and the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number
  cells: Cell[]
}

/** Like parseCsv, keeping each record's starting line number for error messages. */
export function parseCsvLines(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const rows: CsvRecord[] = []
  let row: Cell[] = []
  let i = 0
  let line = 1
  let rowLine = 1
  const n = src.length
  if (n === 0) return rows
  for (;;) {
    // one field
    let cell: Cell
    if (src[i] === '"') {
      let value = ''
      const openedOn = line
      i++
      // Whole stretches up to the next quote at a time: a character-by-character append made a
      // 40 MB quoted field cost 5 s and 1.5 GB (issue 15).
      for (;;) {
        const q = src.indexOf('"', i)
        if (q === -1)
          throw new CsvSyntaxError('unterminated quoted field (the quote opens here)', openedOn)
        for (let k = src.indexOf('\n', i); k !== -1 && k < q; k = src.indexOf('\n', k + 1)) line++
        value += src.slice(i, q)
        if (src[q + 1] === '"') {
          value += '"'
          i = q + 2
          continue
        }
        i = q + 1
        break
      }
      if (i < n && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n')
        throw new CsvSyntaxError('unexpected character after a closing quote', line)
      cell = value
    } else {
      let j = i
      while (j < n && src[j] !== ',' && src[j] !== '\r' && src[j] !== '\n') {
        if (src[j] === '"') throw new CsvSyntaxError('quote inside an unquoted field', line)
        j++
      }
      cell = j === i ? null : src.slice(i, j)
      i = j
    }
    row.push(cell)
    if (i >= n) {
      rows.push({ line: rowLine, cells: row })
      return rows
    }
    if (src[i] === ',') {
      i++
      continue
    }
    // end of record
    if (src[i] === '\r' && src[i + 1] === '\n') i += 2
    else i++
    line++
    rows.push({ line: rowLine, cells: row })
    row = []
    rowLine = line
    if (i >= n) return rows
  }
}
