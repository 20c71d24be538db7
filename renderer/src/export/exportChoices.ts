import type { PositionFilterInput, RequestOf } from '../../../shared/contract.ts'
import { STATUS_LABELS, structureLabel, type ListFilters } from '../positions/list/listFilters.ts'

export type ExportRequest = RequestOf<'export:files'>

/** One thing the Export dialog offers, and the request that makes it. */
export interface ExportChoice {
  /** Unique within a dialog. */
  key: string
  /** "The 3 listed positions — summary" */
  label: string
  /** The files it makes, in words: "position_summary.csv". */
  files: string
  /** A further line: which filter the listed positions answer. */
  hint?: string
  request: ExportRequest
  /** Why it cannot be chosen now (nothing is listed); undefined when it can. */
  unavailable?: string
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** The list's filter in words: "Closed · Iron condor · tag “core”". */
export function filterWords(f: ListFilters, accountName: (id: string) => string): string {
  const parts = [`${STATUS_LABELS[f.status]} positions`]
  if (f.underlying) parts.push(f.underlying)
  if (f.structure) parts.push(structureLabel(f.structure))
  if (f.tag.trim()) parts.push(`tag “${f.tag.trim()}”`)
  if (f.accountId) parts.push(`account ${accountName(f.accountId)}`)
  if (f.from && f.to) parts.push(`opened ${f.from} to ${f.to}`)
  else if (f.from) parts.push(`opened from ${f.from}`)
  else if (f.to) parts.push(`opened up to ${f.to}`)
  if (f.text.trim()) parts.push(`notes with “${f.text.trim()}”`)
  return parts.join(' · ')
}

/**
 * The positions the list shows now, as its filter asks for them. `count` is null while the
 * list is loading (the label then names no number).
 */
export function listedChoice(
  count: number | null,
  filter: PositionFilterInput,
  hint: string,
): ExportChoice {
  return {
    key: 'listed',
    label:
      count === null
        ? 'The listed positions — summary'
        : `The ${plural(count, 'listed position', 'listed positions')} — summary`,
    files: 'position_summary.csv',
    hint: `As filtered now: ${hint}`,
    request: { scope: 'listed', filter },
    unavailable: count === 0 ? 'No position is listed.' : undefined,
  }
}

export const JOURNAL_CHOICE: ExportChoice = {
  key: 'journal',
  label: 'The whole journal — summaries and every table',
  files: 'position_summary.csv, fill_summary.csv and one CSV per table of the journal',
  request: { scope: 'journal' },
}

export const REVIEW_CHOICE: ExportChoice = {
  key: 'review',
  label: 'Review — every decision scored',
  files: 'review_decisions.csv',
  request: { scope: 'review' },
}

export function positionChoice(id: number): ExportChoice {
  return {
    key: 'position',
    label: 'This position’s fills and decisions',
    files: `position_${id}_fills.csv and position_${id}_decisions.csv`,
    request: { scope: 'position', positionId: id },
  }
}
