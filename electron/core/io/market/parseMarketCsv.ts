import { isIsoDate } from '../../../../shared/dates.ts'
import type {
  BarFormat,
  ColumnMapping,
  DateFormat,
  MarketFormat,
  RowProblem,
} from '../../../../shared/market.ts'
import { CsvSyntaxError, parseCsvLines, type Cell } from '../csv.ts'

export type { BarFormat, ColumnMapping, DateFormat, MarketFormat, RowProblem }

/**
 * Market-data CSV → validated rows, without touching the database. Formats are recognised by
 * their header row:
 *
 * | format       | header                                                         | dates        |
 * |--------------|----------------------------------------------------------------|--------------|
 * | `cboe`       | DATE,OPEN,HIGH,LOW,CLOSE (also DATE,<SYMBOL> close-only)       | MM/DD/YYYY   |
 * | `yahoo`      | Date,Open,High,Low,Close,Adj Close,Volume                      | YYYY-MM-DD   |
 * | `stooq`      | Date,Open,High,Low,Close[,Volume]                              | YYYY-MM-DD   |
 * | `ohlc`       | date,open,high,low,close (Wingman's normalised files)          | YYYY-MM-DD   |
 * | `close`      | date,close                                                     | YYYY-MM-DD   |
 * | `vx_futures` | date,vx1,…,vxN                                                 | YYYY-MM-DD   |
 * | `breadth`    | date,advancing,declining,unchanged[,…_volume]                  | YYYY-MM-DD   |
 * | `events`     | date,event                                                     | YYYY-MM-DD   |
 * | `generic`    | any, with a user-supplied column mapping                       | as mapped    |
 *
 * Every bad row is reported with its line number and reason; good rows are returned alongside,
 * so the caller can refuse the file or, when the user accepts, import only the good rows.
 */

export interface Bar {
  date: string
  open: number | null
  high: number | null
  low: number | null
  close: number
  volume: number | null
}

export interface FuturesRow {
  date: string
  /** Settlement of VX1…VXn; null where the file has an empty cell (no such contract yet). */
  values: (number | null)[]
}

export interface BreadthRow {
  date: string
  advancing: number
  declining: number
  unchanged: number | null
  advancingVolume: number | null
  decliningVolume: number | null
  unchangedVolume: number | null
}

export interface EventRow {
  date: string
  description: string
}

interface Common {
  /** Data rows in the file (blank lines not counted). */
  totalRows: number
  problems: RowProblem[]
}

export type ParsedMarketFile =
  | (Common & { kind: 'bars'; format: BarFormat; rows: Bar[] })
  | (Common & { kind: 'futures'; format: 'vx_futures'; columns: string[]; rows: FuturesRow[] })
  | (Common & { kind: 'breadth'; format: 'breadth'; rows: BreadthRow[] })
  | (Common & { kind: 'events'; format: 'events'; rows: EventRow[] })

/** A problem with the file as a whole (no header, unknown layout, broken quoting). */
export class MarketFileError extends Error {
  readonly line: number | null
  constructor(message: string, line: number | null = null) {
    super(line == null ? message : `line ${line}: ${message}`)
    this.name = 'MarketFileError'
    this.line = line
  }
}

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

function parseNumber(cell: Cell): number | null | 'bad' {
  if (cell == null || cell.trim() === '') return null
  const t = cell.trim()
  if (!NUMBER_RE.test(t)) return 'bad'
  const v = Number(t)
  return Number.isFinite(v) ? v : 'bad'
}

const pad = (s: string) => s.padStart(2, '0')

/** Converts a date cell to ISO, or null when it is not a real date in that format. */
export function toIsoDate(text: string, format: DateFormat): string | null {
  const t = text.trim()
  let y: string | undefined, m: string | undefined, d: string | undefined
  let match: RegExpExecArray | null
  switch (format) {
    case 'YYYY-MM-DD':
      if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [, y, m, d] = match
      break
    case 'MM/DD/YYYY':
      if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [, m, d, y] = match
      break
    case 'DD/MM/YYYY':
      if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [, d, m, y] = match
      break
    case 'DD.MM.YYYY':
      if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) [, d, m, y] = match
      break
    case 'YYYYMMDD':
      if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) [, y, m, d] = match
      break
  }
  if (!y || !m || !d) return null
  const iso = `${y}-${pad(m)}-${pad(d)}`
  return isIsoDate(iso) ? iso : null
}

const norm = (cells: Cell[]) => cells.map((c) => (c ?? '').trim().toLowerCase())

/** Recognises a layout from its header row. */
export function detectFormat(header: Cell[]): MarketFormat | null {
  const h = norm(header)
  const is = (...names: string[]) => h.length === names.length && names.every((n, i) => h[i] === n)
  const starts = (...names: string[]) => names.every((n, i) => h[i] === n)
  if (
    header[0]?.trim() === 'DATE' &&
    (is('date', 'open', 'high', 'low', 'close') || h.length === 2)
  )
    return 'cboe'
  if (is('date', 'open', 'high', 'low', 'close', 'adj close', 'volume')) return 'yahoo'
  if (
    header[0]?.trim() === 'Date' &&
    (is('date', 'open', 'high', 'low', 'close', 'volume') ||
      is('date', 'open', 'high', 'low', 'close'))
  )
    return 'stooq'
  if (is('date', 'open', 'high', 'low', 'close')) return 'ohlc'
  if (is('date', 'close')) return 'close'
  if (h[0] === 'date' && h.length >= 2 && h.slice(1).every((c, i) => c === `vx${i + 1}`))
    return 'vx_futures'
  if (starts('date', 'advancing', 'declining')) return 'breadth'
  if (is('date', 'event')) return 'events'
  return null
}

const isBlank = (cells: Cell[]) => cells.every((c) => c == null || c.trim() === '')

/**
 * Parses a market-data file. Throws MarketFileError for file-level problems; row problems are
 * collected in `problems` and those rows are left out of `rows`.
 */
export function parseMarketCsv(text: string, mapping?: ColumnMapping): ParsedMarketFile {
  let records
  try {
    records = parseCsvLines(text)
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw new MarketFileError(e.message.replace(/^line \d+: /, ''), e.line)
    throw e
  }
  const headerIndex = records.findIndex((r) => !isBlank(r.cells))
  if (headerIndex < 0) throw new MarketFileError('the file is empty')
  const header = records[headerIndex]!
  const body = records.slice(headerIndex + 1).filter((r) => !isBlank(r.cells))
  const format: MarketFormat | null = mapping ? 'generic' : detectFormat(header.cells)
  if (!format) {
    throw new MarketFileError(
      `unrecognised header "${header.cells.join(',')}"; expected e.g. date,open,high,low,close or DATE,OPEN,HIGH,LOW,CLOSE, or map the columns`,
      header.line,
    )
  }
  const problems: RowProblem[] = []
  const seen = new Map<string, number>()
  const width = header.cells.length
  const base = { totalRows: body.length, problems }

  /** Shared row checks: column count, date, duplicate; returns the ISO date or null. */
  function rowDate(
    line: number,
    cells: Cell[],
    dateCell: Cell,
    dateFormat: DateFormat,
    checkWidth = true,
  ): string | null {
    if (checkWidth && cells.length !== width) {
      problems.push({ line, reason: `expected ${width} columns, found ${cells.length}` })
      return null
    }
    const date = dateCell == null ? null : toIsoDate(dateCell, dateFormat)
    if (!date) {
      problems.push({ line, reason: `bad date "${dateCell ?? ''}" (expected ${dateFormat})` })
      return null
    }
    const first = seen.get(date)
    if (first !== undefined) {
      problems.push({ line, reason: `duplicate date ${date} (first on line ${first})` })
      return null
    }
    seen.set(date, line)
    return date
  }

  function numbers(
    line: number,
    named: [string, Cell][],
    required: string[],
  ): Record<string, number | null> | null {
    const out: Record<string, number | null> = {}
    for (const [name, cell] of named) {
      const v = parseNumber(cell)
      if (v === 'bad') {
        problems.push({ line, reason: `${name} is not a number: "${cell}"` })
        return null
      }
      if (v === null && required.includes(name)) {
        problems.push({ line, reason: `${name} is missing` })
        return null
      }
      out[name] = v
    }
    return out
  }

  function bar(line: number, date: string, n: Record<string, number | null>): Bar | null {
    const b: Bar = {
      date,
      open: n.open ?? null,
      high: n.high ?? null,
      low: n.low ?? null,
      close: n.close as number,
      volume: n.volume ?? null,
    }
    if (b.high != null && b.low != null && b.high < b.low) {
      problems.push({ line, reason: `high ${b.high} is below low ${b.low}` })
      return null
    }
    return b
  }

  switch (format) {
    case 'cboe':
    case 'yahoo':
    case 'stooq':
    case 'ohlc':
    case 'close': {
      const dateFormat: DateFormat = format === 'cboe' ? 'MM/DD/YYYY' : 'YYYY-MM-DD'
      const rows: Bar[] = []
      for (const { line, cells } of body) {
        const date = rowDate(line, cells, cells[0] ?? null, dateFormat)
        if (!date) continue
        const named: [string, Cell][] =
          width === 2
            ? [['close', cells[1] ?? null]]
            : [
                ['open', cells[1] ?? null],
                ['high', cells[2] ?? null],
                ['low', cells[3] ?? null],
                ['close', cells[4] ?? null],
                ...(format === 'yahoo' ? ([['volume', cells[6] ?? null]] as [string, Cell][]) : []),
                ...(format === 'stooq' && width === 6
                  ? ([['volume', cells[5] ?? null]] as [string, Cell][])
                  : []),
              ]
        const n = numbers(line, named, ['close'])
        const b = n && bar(line, date, n)
        if (b) rows.push(b)
      }
      return { ...base, kind: 'bars', format, rows }
    }
    case 'generic': {
      const m = mapping!
      const h = header.cells.map((c) => (c ?? '').trim())
      const col = (name: string | undefined, role: string): number | undefined => {
        if (name === undefined || name === '') return undefined
        const i = h.indexOf(name)
        if (i < 0)
          throw new MarketFileError(
            `the ${role} column "${name}" is not in the header (${h.join(', ')})`,
            header.line,
          )
        return i
      }
      const idx = {
        date: col(m.date, 'date')!,
        close: col(m.close, 'close')!,
        open: col(m.open, 'open'),
        high: col(m.high, 'high'),
        low: col(m.low, 'low'),
        volume: col(m.volume, 'volume'),
      }
      const rows: Bar[] = []
      for (const { line, cells } of body) {
        const date = rowDate(line, cells, cells[idx.date] ?? null, m.dateFormat)
        if (!date) continue
        const pick = (i: number | undefined): Cell => (i === undefined ? null : (cells[i] ?? null))
        const n = numbers(
          line,
          [
            ['open', pick(idx.open)],
            ['high', pick(idx.high)],
            ['low', pick(idx.low)],
            ['close', pick(idx.close)],
            ['volume', pick(idx.volume)],
          ],
          ['close'],
        )
        const b = n && bar(line, date, n)
        if (b) rows.push(b)
      }
      return { ...base, kind: 'bars', format: 'generic', rows }
    }
    case 'vx_futures': {
      const columns = norm(header.cells)
        .slice(1)
        .map((c) => c.toUpperCase())
      const rows: FuturesRow[] = []
      for (const { line, cells } of body) {
        const date = rowDate(line, cells, cells[0] ?? null, 'YYYY-MM-DD')
        if (!date) continue
        const n = numbers(
          line,
          columns.map((c, i) => [c, cells[i + 1] ?? null] as [string, Cell]),
          [],
        )
        if (n) rows.push({ date, values: columns.map((c) => n[c] ?? null) })
      }
      return { ...base, kind: 'futures', format, columns, rows }
    }
    case 'breadth': {
      const names = norm(header.cells)
      const at = (cells: Cell[], name: string): Cell => {
        const i = names.indexOf(name)
        return i < 0 ? null : (cells[i] ?? null)
      }
      const rows: BreadthRow[] = []
      for (const { line, cells } of body) {
        const date = rowDate(line, cells, cells[0] ?? null, 'YYYY-MM-DD')
        if (!date) continue
        const fields = [
          'advancing',
          'declining',
          'unchanged',
          'advancing_volume',
          'declining_volume',
          'unchanged_volume',
        ]
        const n = numbers(
          line,
          fields.map((f) => [f, at(cells, f)] as [string, Cell]),
          ['advancing', 'declining'],
        )
        if (!n) continue
        const counts = ['advancing', 'declining', 'unchanged'].map((f) => n[f])
        if (counts.some((c) => c != null && (!Number.isInteger(c) || c < 0))) {
          problems.push({ line, reason: 'issue counts must be whole numbers of 0 or more' })
          continue
        }
        rows.push({
          date,
          advancing: n.advancing!,
          declining: n.declining!,
          unchanged: n.unchanged ?? null,
          advancingVolume: n.advancing_volume ?? null,
          decliningVolume: n.declining_volume ?? null,
          unchangedVolume: n.unchanged_volume ?? null,
        })
      }
      return { ...base, kind: 'breadth', format, rows }
    }
    case 'events': {
      const rows: EventRow[] = []
      const seenEvents = new Set<string>()
      for (const { line, cells } of body) {
        if (cells.length !== 2) {
          problems.push({ line, reason: `expected 2 columns, found ${cells.length}` })
          continue
        }
        const date = toIsoDate(cells[0] ?? '', 'YYYY-MM-DD')
        if (!date) {
          problems.push({ line, reason: `bad date "${cells[0] ?? ''}" (expected YYYY-MM-DD)` })
          continue
        }
        const description = (cells[1] ?? '').trim()
        if (!description) {
          problems.push({ line, reason: 'the event text is empty' })
          continue
        }
        // Several events may share a date; the same event twice is a duplicate.
        const key = `${date}\u0000${description}`
        if (seenEvents.has(key)) {
          problems.push({ line, reason: `duplicate event on ${date}` })
          continue
        }
        seenEvents.add(key)
        rows.push({ date, description })
      }
      return { ...base, kind: 'events', format, rows }
    }
  }
}
