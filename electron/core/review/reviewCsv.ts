import type { ReviewReport } from '../../../shared/review/report.ts'
import { encodeRow, protectText } from '../io/csv.ts'

const DECISION_COLUMNS = [
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
] as const

/**
 * The decisions as CSV (RFC 4180, as `wingman export` writes it): one row each, with the date of
 * the model values in `as_of` and the notes that name them joined with " | ".
 */
export function reviewDecisionsCsv(r: ReviewReport): string {
  const head = encodeRow([...DECISION_COLUMNS, 'as_of'])
  const rows = r.decisions.map((d) =>
    encodeRow([
      ...DECISION_COLUMNS.map((c) => {
        const v = d[c]
        if (c === 'notes') return protectText((v as string[]).join(' | '))
        if (v === null) return null
        // numbers are never prefixed (README, Export); text that looks like a formula is
        return typeof v === 'string' ? protectText(v) : String(v)
      }),
      r.asOf,
    ]),
  )
  return `\uFEFF${head}${rows.join('')}`
}
