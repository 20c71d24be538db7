import { isIsoDate } from '../../../shared/dates.ts'
import {
  MACD_DEFAULT,
  MacdUpdater,
  RsiUpdater,
  type MacdParams,
} from '../../../shared/indicators/index.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

const DEFAULT_RSI = 14
const MAX_PERIOD = 10_000
const OUT_HEADER = 'date,close,rsi,macd,macd_signal,macd_hist'
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** A row the command cannot use: reported as "line N: problem", exit 2. */
class InputError extends Error {
  readonly line: number
  constructor(line: number, message: string) {
    super(message)
    this.line = line
  }
}

interface Row {
  date: string
  closeText: string
  close: number
}

function parsePeriod(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PERIOD)
    throw new UsageError(`${flag} must be a whole number from 1 to ${MAX_PERIOD}, got "${text}"`)
  return Number(text)
}

function parseMacd(text: string): MacdParams {
  const parts = text.split(',')
  if (parts.length !== 3)
    throw new UsageError(`--macd must be FAST,SLOW,SIGNAL (e.g. 12,26,9), got "${text}"`)
  const [fast, slow, signal] = parts.map((p) => parsePeriod('each --macd period', p.trim())) as [
    number,
    number,
    number,
  ]
  if (fast >= slow)
    throw new UsageError(`--macd fast period must be below the slow one, got "${text}"`)
  return { fast, slow, signal }
}

/** One CSV field: trimmed, with a surrounding pair of double quotes removed. */
function unquote(field: string): string {
  const t = field.trim()
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"')
    ? t.slice(1, -1).replaceAll('""', '"')
    : t
}

/**
 * Parses `date,close` CSV (a header row naming at least `date` and `close`, in any order, so
 * `date,open,high,low,close` files work too). Tolerates a BOM, CRLF and blank lines; dates must
 * be ISO and strictly ascending, closes finite numbers. Line numbers count every physical line.
 */
export function parseCloses(text: string): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n')
  const rows: Row[] = []
  let dateCol = -1
  let closeCol = -1
  let width = 0
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1
    const line = (lines[i] as string).replace(/\r$/, '')
    if (line.trim() === '') continue
    const fields = line.split(',').map(unquote)
    if (dateCol < 0) {
      const names = fields.map((f) => f.toLowerCase())
      dateCol = names.indexOf('date')
      closeCol = names.indexOf('close')
      if (dateCol < 0 || closeCol < 0)
        throw new InputError(
          lineNo,
          `the header row must name the columns date and close, got "${line.slice(0, 80)}"`,
        )
      width = fields.length
      continue
    }
    if (fields.length !== width)
      throw new InputError(lineNo, `expected ${width} fields, got ${fields.length}`)
    const date = fields[dateCol] as string
    const closeText = fields[closeCol] as string
    if (!isIsoDate(date)) throw new InputError(lineNo, `bad date "${date}" (want YYYY-MM-DD)`)
    const prev = rows.at(-1)
    if (prev && date === prev.date) throw new InputError(lineNo, `duplicate date ${date}`)
    if (prev && date < prev.date)
      throw new InputError(lineNo, `date ${date} is before the previous row's ${prev.date}`)
    const close = Number(closeText)
    if (!NUMBER_RE.test(closeText) || !Number.isFinite(close))
      throw new InputError(lineNo, `close is not a number: "${closeText}"`)
    rows.push({ date, closeText, close })
  }
  if (dateCol < 0) throw new InputError(1, 'no header row (want date,close)')
  return rows
}

const cell = (v: number | null) => (v === null ? '' : String(v))

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const decoder = new TextDecoder('utf-8')
  let text = ''
  for await (const chunk of input as AsyncIterable<string | Uint8Array>)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}

export const indicators: Command = {
  summary: 'add RSI and MACD columns to a date,close CSV (stdin → stdout)',
  usage: `wingman indicators [--rsi N] [--macd FAST,SLOW,SIGNAL]

Reads CSV with a header row naming date and close (other columns are ignored) on standard input
and writes CSV date,close,rsi,macd,macd_signal,macd_hist. RSI is Wilder's; MACD's EMAs and its
signal line are each seeded with the simple average of their first inputs. A cell is empty
until its value is defined (RSI(14) from the 15th row, MACD(12,26,9) from the 26th, its signal
and histogram from the 34th). Dates must be YYYY-MM-DD and ascending; a UTF-8 BOM, CRLF line
ends and blank lines are accepted. Bad input: exit 2 and one line naming the line and problem.

Options:
  --rsi N                   RSI period (default ${DEFAULT_RSI})
  --macd FAST,SLOW,SIGNAL   MACD periods (default ${MACD_DEFAULT.fast},${MACD_DEFAULT.slow},${MACD_DEFAULT.signal})
  -h, --help                show this help`,
  options: { rsi: { type: 'string' }, macd: { type: 'string' }, ...HELP_OPTION },
  run: async (values, io) => {
    const rsiPeriod =
      typeof values.rsi === 'string' ? parsePeriod('--rsi', values.rsi) : DEFAULT_RSI
    const macdParams = typeof values.macd === 'string' ? parseMacd(values.macd) : MACD_DEFAULT
    let rows: Row[]
    try {
      rows = parseCloses(await readAll(io.input))
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      io.err(`wingman indicators: line ${e.line}: ${e.message}\n`)
      return EXIT_DATA
    }
    const rsi = new RsiUpdater(rsiPeriod)
    const macd = new MacdUpdater(macdParams)
    let chunk = [OUT_HEADER]
    for (const row of rows) {
      const r = rsi.push(row.close)
      const m = macd.push(row.close)
      chunk.push(
        `${row.date},${row.closeText},${cell(r)},${cell(m.macd)},${cell(m.signal)},${cell(m.histogram)}`,
      )
      if (chunk.length >= 2048) {
        io.out(`${chunk.join('\n')}\n`)
        chunk = []
      }
    }
    if (chunk.length) io.out(`${chunk.join('\n')}\n`)
    return EXIT_OK
  },
}
