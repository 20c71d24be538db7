/**
 * The words of the "Import trades…" dialog, kept apart from the components so they can be
 * tested: the summary of what a file holds, the sentence after an import, and how an
 * adjustment of a previewed position is written. Money arrives as exact decimal text from the
 * core and is only formatted here, never computed.
 */
import type {
  ImportTradesRequest,
  ImportTradesResult,
  ImportedAdjustment,
} from '../../../../shared/tradeImport.ts'
import { instantShort, money } from '../../lib/format.ts'

/** Zones offered before "Other…"; the first is the default (US statements are New York time). */
export const ZONES: readonly { id: string; label: string }[] = [
  { id: 'America/New_York', label: 'New York (Eastern)' },
  { id: 'America/Chicago', label: 'Chicago (Central)' },
  { id: 'America/Denver', label: 'Denver (Mountain)' },
  { id: 'America/Los_Angeles', label: 'Los Angeles (Pacific)' },
  { id: 'Europe/London', label: 'London' },
  { id: 'Europe/Berlin', label: 'Berlin / Frankfurt' },
  { id: 'Europe/Zurich', label: 'Zurich' },
  { id: 'UTC', label: 'UTC' },
]
export const DEFAULT_ZONE = ZONES[0]!.id

/** What the trader chose in the dialog; the file is sent as text with them. */
export interface ImportChoices {
  /** '' = detect from the file. */
  broker: string
  zone: string
  /** '' = the journal's first account. */
  accountId: string
  attachHedges: boolean
}

/** The request for a file's text and the choices (the dry run and the import add dryRun). */
export function importRequest(
  file: { name: string; text: string },
  c: ImportChoices,
): Omit<ImportTradesRequest, 'dryRun' | 'acceptReadable'> {
  return {
    fileName: file.name,
    content: file.text,
    zone: c.zone,
    hedges: c.attachHedges ? 'attach' : 'standalone',
    ...(c.broker ? { broker: c.broker as ImportTradesRequest['broker'] } : {}),
    ...(c.accountId ? { accountId: Number(c.accountId) } : {}),
  }
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/**
 * "42 executions: 38 new, 4 already imported, 0 not readable". Every row the file holds is
 * one of the three: an unreadable row (or one the import could not place) is not an execution
 * the import writes, so the total counts it with the others.
 */
export function summaryLine(r: ImportTradesResult): string {
  const total = r.inserted + r.duplicates + r.rejected.length
  return `${count(total, 'execution', 'executions')}: ${r.inserted.toLocaleString('en-US')} new, ${r.duplicates.toLocaleString('en-US')} already imported, ${r.rejected.length.toLocaleString('en-US')} not readable`
}

export const NOTHING_NEW = '0 new executions — everything in this file is already in the journal'

/** True when the file holds executions and every one of them is already in the journal. */
export const nothingNew = (r: ImportTradesResult): boolean =>
  r.inserted === 0 && r.duplicates > 0 && r.rejected.length === 0

/** The sentence after pressing Import. */
export function importedLine(r: ImportTradesResult): string {
  if (r.inserted === 0) return NOTHING_NEW
  const skipped = r.rejected.length
    ? `; ${count(r.rejected.length, 'row', 'rows')} that could not be read ${r.rejected.length === 1 ? 'was' : 'were'} left out`
    : ''
  return `Imported ${count(r.inserted, 'execution', 'executions')} into ${count(r.positions.length, 'position', 'positions')} (${r.duplicates.toLocaleString('en-US')} already in the journal)${skipped}`
}

/** A date-only statement gives a plain date; an instant is shown in New York like the rest of the app. */
export const when = (at: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? at : instantShort(at))

/** "roll 2025-05-19 14:05 ET +$320.00": kind, when, premium (+ received) — fees apart. */
export function adjustmentText(a: ImportedAdjustment): { kind: string; at: string; cash: string } {
  const cash = money(a.cash)
  return {
    kind: a.kind.replaceAll('_', ' '),
    at: when(a.occurredAt),
    cash: cash.startsWith('−') || cash === '$0.00' ? cash : `+${cash}`,
  }
}
