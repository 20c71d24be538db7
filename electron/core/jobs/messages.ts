import type { JobKind } from '../../../shared/jobs.ts'
import type { WireError } from '../../../shared/result.ts'
import type { JournalState } from '../db/journalState.ts'

/** What a job worker is started with (workerData): the journal it opens its own connection to. */
export interface WorkerSetup {
  path: string
  state: JournalState
  version: string
  shell: 'desktop' | 'browser'
  /** One Int32 per worker: set to 1 by the pool to cancel the running job (read with Atomics). */
  cancelFlag: SharedArrayBuffer
}

/** Pool → worker. */
export type ToWorker = {
  type: 'run'
  jobId: string
  kind: JobKind
  input: unknown
  /** The pool's clock at the start (tests fix it): the job's "now" and "today". */
  nowIso: string
}

/** Worker → pool. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; jobId: string; phase: string; done: number; total: number | null }
  | { type: 'done'; jobId: string; ok: true; value: unknown }
  | { type: 'done'; jobId: string; ok: false; error: WireError }
