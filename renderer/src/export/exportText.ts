import type { ExportedFile, ExportResult } from '../../../shared/exportFiles.ts'

/**
 * The words of an export: how many rows each file holds ("12 positions", "40 fills") and where
 * the files went. Pure, so the sentences are tested without a browser.
 */

/** What a file's rows are, by its name; a journal table's rows are just rows. */
const UNITS: [RegExp, string, string][] = [
  [/^position_summary\.csv$|^positions\.csv$/, 'position', 'positions'],
  [/fill_summary\.csv$|fills\.csv$/, 'fill', 'fills'],
  [/decisions\.csv$/, 'decision', 'decisions'],
]

/** "12 positions", "1 fill", "0 rows". */
export function rowsText(name: string, rows: number): string {
  const [, one, many] = UNITS.find(([re]) => re.test(name)) ?? [null, 'row', 'rows']
  return `${rows.toLocaleString('en-US')} ${rows === 1 ? one : many}`
}

/** What became of an export: downloaded by the page, saved by the desktop app, or nothing. */
export type ExportOutcome =
  | { kind: 'downloaded'; name: string; files: ExportedFile[] }
  | { kind: 'saved'; to: string; files: ExportedFile[] }
  | { kind: 'canceled' }

/** The download's name: a single file keeps its own, several come as `${title}.zip`. */
export const downloadName = (r: Pick<ExportResult, 'title' | 'files'>): string =>
  r.files.length === 1 ? r.files[0]!.name : `${r.title}.zip`

export const CANCELED_TEXT = 'Nothing was written: the save dialog was closed.'

/** The first line of the message: where the files went. */
export function outcomeHeadline(o: ExportOutcome): string {
  switch (o.kind) {
    case 'downloaded':
      return `Downloaded ${o.name} to your browser’s downloads`
    case 'saved':
      return `Saved to ${o.to}`
    case 'canceled':
      return CANCELED_TEXT
  }
}

/** "position_summary.csv — 12 positions" */
export const fileLine = (f: Pick<ExportedFile, 'name' | 'rows'>): string =>
  `${f.name} — ${rowsText(f.name, f.rows)}`

/** The whole message on one line (a notice outside the dialog, a screen reader). */
export function outcomeText(o: ExportOutcome): string {
  if (o.kind === 'canceled') return CANCELED_TEXT
  return `${outcomeHeadline(o)}: ${o.files.map(fileLine).join('; ')}.`
}
