/**
 * Export from the app (issue 17): builds the files of one export — the listed positions'
 * summary, one position's fills and scored decisions, the whole journal (summaries and every
 * table, as `wingman export` writes it), or the review — and delivers them: through the desktop
 * app's native save dialog when there is one (`saveFiles`), else as text for the page to
 * download. Every money column comes from the same ledger as the screens.
 */
import type { ParsedRequestOf } from '../../../shared/contract.ts'
import type { IsoDate } from '../../../shared/domain.ts'
import type { ExportResult } from '../../../shared/exportFiles.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { getPositionSummary } from '../db/repositories/positions.ts'
import { journalTableCsvs } from '../io/exportJournal.ts'
import { fillSummaryCsv, positionSummaryCsv } from '../io/exportSummary.ts'
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
 * The desktop app's native dialog: one file → "Save as", several → a folder (they go into a new
 * sub-folder named `title`). Returns where they went, or null when the trader cancelled.
 */
export type SaveFiles = (title: string, files: readonly FileToSave[]) => Promise<string | null>

const rowsOf = (csv: string) => {
  let n = 0
  for (let i = csv.indexOf('\r\n'); i !== -1; i = csv.indexOf('\r\n', i + 2)) n++
  return Math.max(0, n - 1)
}

export function buildExport(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  today: IsoDate,
): { title: string; files: FileToSave[] } {
  switch (req.scope) {
    case 'listed': {
      const { csv, rows } = positionSummaryCsv(db, marks, req.filter, today)
      return {
        title: `wingman-positions-${today}`,
        files: [{ name: 'position_summary.csv', content: csv, rows }],
      }
    }
    case 'position': {
      const id = req.positionId
      if (!getPositionSummary(db, id))
        throw new DomainError('NOT_FOUND', `Position ${id} does not exist`)
      const fills = fillSummaryCsv(db, [id])
      const report = runReview(db, marks, {})
      const decisions = reviewDecisionsCsv({
        ...report,
        decisions: report.decisions.filter((d) => d.positionId === id),
      })
      return {
        title: `wingman-position-${id}-${today}`,
        files: [
          { name: `position_${id}_fills.csv`, content: fills.csv, rows: fills.rows },
          { name: `position_${id}_decisions.csv`, content: decisions, rows: rowsOf(decisions) },
        ],
      }
    }
    case 'journal': {
      const positions = positionSummaryCsv(db, marks, { status: 'all' }, today)
      const fills = fillSummaryCsv(db)
      return {
        title: `wingman-journal-${today}`,
        files: [
          { name: 'position_summary.csv', content: positions.csv, rows: positions.rows },
          { name: 'fill_summary.csv', content: fills.csv, rows: fills.rows },
          ...journalTableCsvs(db).map((t) => ({
            name: `${t.table}.csv`,
            content: t.csv,
            rows: t.rows,
          })),
        ],
      }
    }
    case 'review': {
      const csv = reviewDecisionsCsv(runReview(db, marks, {}))
      return {
        title: `wingman-review-${today}`,
        files: [{ name: 'review_decisions.csv', content: csv, rows: rowsOf(csv) }],
      }
    }
  }
}

export async function exportFiles(
  db: Db,
  marks: MarkService,
  req: ExportRequest,
  today: IsoDate,
  saveFiles: SaveFiles | undefined,
): Promise<ExportResult> {
  const { title, files } = buildExport(db, marks, req, today)
  if (!saveFiles)
    return {
      title,
      files: files.map((f) => ({ name: f.name, rows: f.rows, content: f.content })),
      savedTo: null,
      canceled: false,
    }
  const savedTo = await saveFiles(title, files)
  return {
    title,
    files: files.map((f) => ({ name: f.name, rows: f.rows, content: null })),
    savedTo,
    canceled: savedTo === null,
  }
}
