import type { ReviewDecisionRow, ReviewReport } from '../../../shared/review/report.ts'

/**
 * The review's decisions as CSV, the same file `wingman review --format csv` writes
 * (electron/host/commands/review.ts): RFC 4180 with CRLF line ends and a UTF-8 BOM, one row per
 * decision, the date of the model values in `as_of`, the notes joined with " | ". Unknown figures
 * are empty fields. Text that a spreadsheet would run as a formula (starting with = + - @, a tab,
 * a CR or an apostrophe) gets a leading apostrophe; numbers never do, so −2230 stays a number.
 * The renderer cannot import the core's CSV module, hence this small copy of its two rules.
 */
export const REVIEW_CSV_COLUMNS = [
  'id',
  'positionId',
  'decidedAt',
  'rulesetId',
  'rulesetVersion',
  'recommended',
  'taken',
  'followed',
  'actual',
  'closedAtDecision',
  'heldToExpiry',
  'recommendedPath',
  'edgeVsClosed',
  'edgeVsHeld',
  'final',
  'notes',
] as const satisfies readonly (keyof ReviewDecisionRow)[]

const NEEDS_QUOTES = /[",\r\n]/
const FORMULA_START = /^[=+\-@\t\r']/

/** One field: null is empty; text is quoted when it holds a comma, quote, CR, LF or edge spaces. */
function field(value: string | null): string {
  if (value === null) return ''
  if (value === '' || NEEDS_QUOTES.test(value) || value !== value.trim())
    return `"${value.replace(/"/g, '""')}"`
  return value
}

const text = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value)

const row = (cells: readonly (string | null)[]): string => `${cells.map(field).join(',')}\r\n`

/** The CSV text of a review (BOM first), ready to save as a .csv file. */
export function reviewCsv(report: ReviewReport): string {
  const head = row([...REVIEW_CSV_COLUMNS, 'as_of'])
  const body = report.decisions.map((d) =>
    row([
      ...REVIEW_CSV_COLUMNS.map((c) => {
        if (c === 'notes') return text(d.notes.join(' | '))
        const v = d[c]
        if (v === null) return null
        return typeof v === 'string' ? text(v) : String(v)
      }),
      report.asOf,
    ]),
  )
  return `\uFEFF${head}${body.join('')}`
}

/** The file name of an export: "wingman-review-2024-12-31.csv", the range when one is set. */
export function reviewCsvName(asOf: string | null, from: string, to: string): string {
  const range = from || to ? `-${from || 'start'}_to_${to || 'end'}` : ''
  return `wingman-review${range}${asOf ? `-asof-${asOf}` : ''}.csv`
}
