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
 * Every bad row is counted, and the first MAX_LISTED_PROBLEMS are listed with their line number
 * and reason; good rows are returned alongside, so the caller can refuse the file or, when the
 * user accepts, import only the good rows.
 *
 * The work is linear in the file's size and the report is bounded whatever the file holds: a
 * million bad rows list 100 problems and count the rest, a cell is quoted back cut to 40
 * characters, and numbers are matched by a pattern that cannot backtrack.
 */

/** Bad rows listed in `problems`; the others are only counted in `unlistedProblems`. */
export const MAX_LISTED_PROBLEMS = 100
/** Characters of a cell (or of the header) quoted back in a message. */
export const MAX_QUOTED_CHARS = 40
/**
 * Highest price of a bar (index level, futures settlement): far above anything Wingman tracks,
 * the same bound as the live values a trader types, and times 10⁴ still a safe integer.
 */
export const MAX_PRICE = 10_000_000
/** Highest volume (shares or contracts in a day); NYSE's busiest days are below 10¹⁰. */
export const MAX_VOLUME = 1e15
/** Highest count of advancing, declining or unchanged issues (NYSE lists about 3,500). */
export const MAX_ISSUES = 1_000_000
/** Longest event text, e.g. "Employment Situation (NFP) release (reference month 1999-12)". */
export const MAX_EVENT_CHARS = 200
/** Longest number cell: "2386.130000" needs 11; a longer one is not a price but junk. */
const MAX_NUMBER_CHARS = 40

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
  /** The first MAX_LISTED_PROBLEMS bad rows. */
  problems: RowProblem[]
  /** Bad rows beyond those listed. */
  unlistedProblems: number
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

// Each digit can be matched one way only: `\d+\.?\d*` tried every split of a run of digits
// between its two parts, so 20,000 digits followed by an "x" took over a second.
const NUMBER_RE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/

function parseNumber(cell: Cell): number | null | 'bad' {
  if (cell == null || cell.trim() === '') return null
  const t = cell.trim()
  if (t.length > MAX_NUMBER_CHARS || !NUMBER_RE.test(t)) return 'bad'
  const v = Number(t)
  return Number.isFinite(v) ? v : 'bad'
}

const pad = (s: string) => s.padStart(2, '0')

/** A cell quoted in a message, cut so that a 40 MB cell does not make a 40 MB report. */
export function quoteCell(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return `"${text}"`
  return `"${text.slice(0, MAX_QUOTED_CHARS)}…" (${text.length.toLocaleString('en-US')} characters)`
}

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

const isPrice = (v: number | null | undefined): boolean => v != null && v > 0 && v <= MAX_PRICE
const isVolume = (v: number | null | undefined): boolean => v != null && v >= 0 && v <= MAX_VOLUME
const MAX_PRICE_TEXT = MAX_PRICE.toLocaleString('en-US')
const MAX_VOLUME_TEXT = MAX_VOLUME.toLocaleString('en-US')

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
      `unrecognised header ${quoteCell(header.cells.join(','))}; expected e.g. date,open,high,low,close or DATE,OPEN,HIGH,LOW,CLOSE, or map the columns`,
      header.line,
    )
  }
  // A header alone would otherwise create an instrument with no bars.
  if (body.length === 0) throw new MarketFileError('the file has a header but no rows', header.line)
  const problems: RowProblem[] = []
  let unlistedProblems = 0
  const problem = (line: number, reason: string): void => {
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ line, reason })
    else unlistedProblems++
  }
  const seen = new Map<string, number>()
  const width = header.cells.length
  const base = (): Common => ({ totalRows: body.length, problems, unlistedProblems })

  /** Shared row checks: column count, date, duplicate; returns the ISO date or null. */
  function rowDate(
    line: number,
    cells: Cell[],
    dateCell: Cell,
    dateFormat: DateFormat,
    checkWidth = true,
  ): string | null {
    if (checkWidth && cells.length !== width) {
      problem(line, `expected ${width} columns, found ${cells.length}`)
      return null
    }
    const date = dateCell == null ? null : toIsoDate(dateCell, dateFormat)
    if (!date) {
      problem(line, `bad date ${quoteCell(dateCell ?? '')} (expected ${dateFormat})`)
      return null
    }
    const first = seen.get(date)
    if (first !== undefined) {
      problem(line, `duplicate date ${date} (first on line ${first})`)
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
        problem(line, `${name} is not a number: ${quoteCell(cell ?? '')}`)
        return null
      }
      if (v === null && required.includes(name)) {
        problem(line, `${name} is missing`)
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
    for (const [name, v] of [
      ['open', b.open],
      ['high', b.high],
      ['low', b.low],
      ['close', b.close],
    ] as const) {
      if (v != null && !isPrice(v)) {
        problem(line, `${name} ${v} is not a price (above 0, at most ${MAX_PRICE_TEXT})`)
        return null
      }
    }
    if (b.volume != null && !isVolume(b.volume)) {
      problem(line, `volume ${b.volume} is out of range (0 to ${MAX_VOLUME_TEXT})`)
      return null
    }
    if (b.high != null && b.low != null && b.high < b.low) {
      problem(line, `high ${b.high} is below low ${b.low}`)
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
      return { ...base(), kind: 'bars', format, rows }
    }
    case 'generic': {
      const m = mapping!
      const h = header.cells.map((c) => (c ?? '').trim())
      const col = (name: string | undefined, role: string): number | undefined => {
        if (name === undefined || name === '') return undefined
        const i = h.indexOf(name)
        if (i < 0)
          throw new MarketFileError(
            `the ${role} column ${quoteCell(name)} is not in the header (${quoteCell(h.join(', '))})`,
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
      return { ...base(), kind: 'bars', format: 'generic', rows }
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
        if (!n) continue
        const bad = columns.find((c) => n[c] != null && !isPrice(n[c]))
        if (bad !== undefined) {
          problem(line, `${bad} ${n[bad]} is not a price (above 0, at most ${MAX_PRICE_TEXT})`)
          continue
        }
        rows.push({ date, values: columns.map((c) => n[c] ?? null) })
      }
      return { ...base(), kind: 'futures', format, columns, rows }
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
        if (counts.some((c) => c != null && (!Number.isInteger(c) || c < 0 || c > MAX_ISSUES))) {
          problem(
            line,
            `issue counts must be whole numbers from 0 to ${MAX_ISSUES.toLocaleString('en-US')}`,
          )
          continue
        }
        const volumes = ['advancing_volume', 'declining_volume', 'unchanged_volume']
        const badVolume = volumes.find((f) => n[f] != null && !isVolume(n[f]))
        if (badVolume !== undefined) {
          problem(line, `${badVolume} ${n[badVolume]} is out of range (0 to ${MAX_VOLUME_TEXT})`)
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
      return { ...base(), kind: 'breadth', format, rows }
    }
    case 'events': {
      const rows: EventRow[] = []
      const seenEvents = new Set<string>()
      for (const { line, cells } of body) {
        if (cells.length !== 2) {
          problem(line, `expected 2 columns, found ${cells.length}`)
          continue
        }
        const date = toIsoDate(cells[0] ?? '', 'YYYY-MM-DD')
        if (!date) {
          problem(line, `bad date ${quoteCell(cells[0] ?? '')} (expected YYYY-MM-DD)`)
          continue
        }
        const description = (cells[1] ?? '').trim()
        if (!description) {
          problem(line, 'the event text is empty')
          continue
        }
        if (description.length > MAX_EVENT_CHARS) {
          problem(
            line,
            `the event text is ${description.length.toLocaleString('en-US')} characters; at most ${MAX_EVENT_CHARS}`,
          )
          continue
        }
        // Several events may share a date; the same event twice is a duplicate.
        const key = `${date}\u0000${description}`
        if (seenEvents.has(key)) {
          problem(line, `duplicate event on ${date}`)
          continue
        }
        seenEvents.add(key)
        rows.push({ date, description })
      }
      return { ...base(), kind: 'events', format, rows }
    }
  }
}
