/**
 * `wingman export`'s work in a worker thread whose young generation is kept small (the command
 * starts it with `resourceLimits`): the export streams, so its live data is a page of rows and
 * one 64 KB chunk, but in the command's own thread V8 lets garbage grow the heap to 100 MB and
 * more before collecting. Posts what it wrote, or the error's code and message.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DomainError, type ErrorCode } from '../../../shared/result.ts'
import { openJournal } from '../db/connection.ts'
import { storageError } from '../db/errors.ts'
import { MarkService } from '../services/marks.ts'
import { exportJournal } from './exportJournal.ts'
import { writeSummaries } from './exportSummary.ts'

export interface ExportWork {
  path: string
  outDir: string
  summaries: boolean
  today: string
}

export type ExportWorkResult =
  | {
      ok: true
      tables: { table: string; rows: number }[]
      summaries: { file: string; rows: number }[]
    }
  /** `code`: a DomainError's, or a storage condition's (DB_BUSY, …); null for a bug. */
  | { ok: false; code: ErrorCode | null; message: string }

const work = workerData as ExportWork
let result: ExportWorkResult
try {
  // only read: no quick_check of the whole file first (a damaged page fails its read)
  const { db } = openJournal(work.path, { quickCheck: false })
  try {
    const tables = exportJournal(db, work.outDir).map((t) => ({ table: t.table, rows: t.rows }))
    const summaries = work.summaries
      ? writeSummaries(db, new MarkService(db), work.outDir, work.today)
      : []
    result = { ok: true, tables, summaries }
  } finally {
    db.close()
  }
} catch (e) {
  const known = e instanceof DomainError ? e : storageError(e)
  result = known
    ? { ok: false, code: known.code, message: known.message }
    : { ok: false, code: null, message: (e as Error)?.message ?? String(e) }
}
parentPort?.postMessage(result)
