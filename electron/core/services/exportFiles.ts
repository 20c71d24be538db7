/**
 * Export from the app (issue 17): builds the files of one export — the listed positions'
 * summary, one position's fills and scored decisions, the whole journal (summaries and every
 * table, as `wingman export` writes it), or the review — and delivers them: through the desktop
 * app's native save dialog when there is one (`pickExportTarget`), else as text for the page to
 * download. Every money column comes from the same ledger as the screens.
 *
 * `saveExport` writes them straight to a chosen place instead, streamed (memory stays flat for
 * any journal) — for a job worker once the dialog has picked the target. Every entry point takes
 * an optional JobControl: progress is rows written per file, a cancel is noticed between chunks
 * and leaves no file under a final name.
 */
import { rmSync } from 'node:fs'
import type { ParsedRequestOf } from '../../../shared/contract.ts'
import type { IsoDate } from '../../../shared/domain.ts'
import type { ExportResult } from '../../../shared/exportFiles.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { getPositionSummary } from '../db/repositories/positions.ts'
import { refreshPositionList } from './positionList.ts'
import type { JobControl } from '../jobs/control.ts'
import { headerOf, journalTables, tableColumns, writeTableRows } from '../io/exportJournal.ts'
import {
  fillSummaryLines,
  POSITION_SUMMARY_HEADER,
  positionSummaryLines,
} from '../io/exportSummary.ts'
import { WINGMAN_FILLS_HEADER } from '../io/brokers/wingmanFills.ts'
import { csvRowCount, csvText, writeCsv, writeTextAtomically, type CsvSink } from '../io/csvFile.ts'
import { exportDestination, type SaveTarget } from '../io/saveExport.ts'
import { runReview } from '../review/review.ts'
import { reviewDecisionsCsv } from '../review/reviewCsv.ts'
import type { MarkService } from './marks.ts'

export type ExportRequest = ParsedRequestOf<'export:files'>

export interface FileToSave {
  name: string
  content: string
  rows: number
}

/**
 * The desktop app's native dialog, asked before anything is written: one file → "Save as",
 * several → a folder (they go into a new sub-folder named `title`). Null when cancelled.
 */
export type PickTarget = (title: string, names: readonly string[]) => Promise<SaveTarget | null>

/** An export's title and file names, known before any row is read (for the save dialog). */
export function exportOutline(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  today: IsoDate,
): { title: string; names: string[] } {
  const { title, files } = planExport(db, marks, req, today)
  return { title, names: files.map((f) => f.name) }
}

/** One file of an export, written when asked: streamed rows, or a text built whole (the review). */
type FilePlan =
  | { name: string; header: readonly string[]; fill: (out: CsvSink) => void }
  | { name: string; text: () => string }

function planExport(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  today: IsoDate,
): { title: string; files: FilePlan[] } {
  switch (req.scope) {
    case 'listed':
      return {
        title: `wingman-positions-${today}`,
        files: [
          {
            name: 'position_summary.csv',
            header: POSITION_SUMMARY_HEADER,
            fill: (out) => positionSummaryLines(db, marks, req.filter, today, out),
          },
        ],
      }
    case 'position': {
      const id = req.positionId
      if (!getPositionSummary(db, id))
        throw new DomainError('NOT_FOUND', `Position ${id} does not exist`)
      return {
        title: `wingman-position-${id}-${today}`,
        files: [
          {
            name: `position_${id}_fills.csv`,
            header: WINGMAN_FILLS_HEADER,
            fill: (out) => fillSummaryLines(db, [id], out),
          },
          {
            name: `position_${id}_decisions.csv`,
            text: () => {
              const report = runReview(db, marks, {})
              return reviewDecisionsCsv({
                ...report,
                decisions: report.decisions.filter((d) => d.positionId === id),
              })
            },
          },
        ],
      }
    }
    case 'journal':
      return {
        title: `wingman-journal-${today}`,
        files: [
          {
            name: 'position_summary.csv',
            header: POSITION_SUMMARY_HEADER,
            fill: (out) => positionSummaryLines(db, marks, { status: 'all' }, today, out),
          },
          {
            name: 'fill_summary.csv',
            header: WINGMAN_FILLS_HEADER,
            fill: (out) => fillSummaryLines(db, null, out),
          },
          ...journalTables(db).map((table): FilePlan => {
            const columns = tableColumns(db, table)
            return {
              name: `${table}.csv`,
              header: columns.map(headerOf),
              fill: (out) => writeTableRows(db, table, columns, out),
            }
          }),
        ],
      }
    case 'review':
      return {
        title: `wingman-review-${today}`,
        files: [
          {
            name: 'review_decisions.csv',
            text: () => reviewDecisionsCsv(runReview(db, marks, {})),
          },
        ],
      }
  }
}

/** The files of an export as text (the browser's download), read in one snapshot. */
export function buildExport(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  today: IsoDate,
  control?: JobControl,
  maxChars = PAGE_EXPORT_MAX_CHARS,
): { title: string; files: FileToSave[] } {
  refreshListFirst(db, marks, req, today)
  return db.transaction(() => {
    const { title, files } = planExport(db, marks, req, today)
    let left = maxChars
    const tooLarge = () =>
      new DomainError(
        'VALIDATION',
        `This export is larger than a page can download (over ${Math.floor(maxChars / 1e6)} MB of CSV). ` +
          'Export it from the desktop app, which writes the files to disk, or with: ' +
          'wingman export --db PATH --out DIR',
      )
    return {
      title,
      files: files.map((f): FileToSave => {
        control?.checkCancelled()
        if ('text' in f) {
          const content = f.text()
          if ((left -= content.length) < 0) throw tooLarge()
          return { name: f.name, content, rows: csvRowCount(content) }
        }
        const { csv, rows } = csvText(f.header, f.fill, watchOf(control, f.name), {
          maxChars: left,
          tooLarge,
        })
        left -= csv.length
        return { name: f.name, content: csv, rows }
      }),
    }
  })()
}

/**
 * The most CSV text an export returns to the page (the browser host): the files travel as one
 * JSON answer, and a JavaScript string cannot pass ~500 M characters (JSON escaping can double
 * CSV text). Past it the export is refused in words; the desktop app streams to disk instead.
 */
export const PAGE_EXPORT_MAX_CHARS = 100_000_000

/**
 * The positions list's figures brought up to date in their own write transaction, before the
 * export's read snapshot begins (a write inside it could fail on another connection's commit).
 */
function refreshListFirst(db: Db, marks: MarkService, req: ExportRequest, today: IsoDate): void {
  if (!db.readonly && (req.scope === 'listed' || req.scope === 'journal'))
    refreshPositionList(db, marks, today)
}

const watchOf = (control: JobControl | undefined, name: string) =>
  control && { control, phase: `Writing ${name}`, total: null }

/**
 * Writes an export's files to `target` (one file: that path; several: a new folder named after
 * the export inside it), each streamed to a temporary name and renamed when complete, all read
 * in one snapshot. A failure or a cancel removes what this export wrote: no file stays under a
 * final name.
 */
export function saveExport(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  target: SaveTarget,
  today: IsoDate,
  control?: JobControl,
): ExportResult {
  refreshListFirst(db, marks, req, today)
  return db.transaction(() => {
    const { title, files } = planExport(db, marks, req, today)
    const dest = exportDestination(target, title, files.length)
    const written: string[] = []
    const out: ExportResult['files'] = []
    try {
      for (const f of files) {
        control?.checkCancelled()
        const path = dest.pathOf(f.name)
        const rows =
          'text' in f
            ? writeTextAtomically(path, f.text())
            : writeCsv(path, f.header, f.fill, watchOf(control, f.name))
        written.push(path)
        out.push({ name: f.name, rows, content: null })
      }
    } catch (e) {
      for (const path of written) rmSync(path, { force: true })
      dest.discard()
      throw e
    }
    return { title, files: out, savedTo: dest.savedTo, canceled: false }
  })()
}

/** The files' text, for the browser page to download (the desktop app uses `saveExport`). */
export function exportFiles(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  today: IsoDate,
  control?: JobControl,
): ExportResult {
  const { title, files } = buildExport(db, marks, req, today, control)
  return {
    title,
    files: files.map((f) => ({ name: f.name, rows: f.rows, content: f.content })),
    savedTo: null,
    canceled: false,
  }
}
