import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import {
  CANCELLED_MESSAGE,
  type EventMap,
  type EventName,
  type JobKind,
  type JobProgress,
} from '../../../shared/jobs.ts'
import { DomainError } from '../../../shared/result.ts'
import type { JournalState } from '../db/journalState.ts'
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts'
import type { JobRunner } from './runner.ts'

export type EmitEvent = <E extends EventName>(name: E, payload: EventMap[E]) => void

export interface JobPoolOptions {
  /** The open journal: each worker opens its own connection to it. */
  path: string
  state: JournalState
  version: string
  shell: 'desktop' | 'browser'
  /** The worker script: jobs/worker.ts from the sources, out/main/jobWorker.js in the app build. */
  workerUrl: URL | string
  /** Main → renderer pushes (job progress, job finished). */
  emit?: EmitEvent
  now?: () => Date
  /** Jobs that run at once (default 2: this is a 2-core world); the rest wait in line. */
  maxWorkers?: number
  /** How long a cancelled job may take to notice before its worker is stopped (default 10 s). */
  cancelGraceMs?: number
  /**
   * Start one worker now (the app and `wingman serve`): loading the core in a thread takes
   * 0.4 s built, ~1 s from sources, better spent before the first job than during it.
   */
  warm?: boolean
}

interface Job {
  id: string
  kind: JobKind
  input: unknown
  progress: JobProgress
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  cancelled: boolean
}

interface Slot {
  worker: Worker
  flag: Int32Array
  ready: Promise<void>
  job: Job | null
  cancelTimer: NodeJS.Timeout | null
}

const WAITING = 'Waiting for the job before it'

/**
 * Runs contract work in worker threads (ARCHITECTURE.md `jobs/`), so that the thread answering
 * the UI (Electron's main process, the browser host's event loop) stays free: `app:info` answers
 * while an import runs. Workers are started on first use and kept warm (unreferenced, so an idle
 * pool never keeps the process alive); each holds its own connection to the journal. A cancel
 * raises a shared flag the work checks between steps (its transaction then rolls back); work
 * that does not notice within the grace period has its worker stopped, which ends its
 * connection and with it the uncommitted transaction.
 */
export class JobPool implements JobRunner {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private readonly jobs = new Map<string, Job>()
  private closed = false
  private readonly options: JobPoolOptions

  constructor(options: JobPoolOptions) {
    this.options = options
    if (options.warm) this.spawn()
  }

  run(kind: JobKind, input: unknown): Promise<unknown> {
    if (this.closed)
      return Promise.reject(new DomainError('CONFLICT', 'The journal was closed. Try again.'))
    return new Promise((resolve, reject) => {
      const id = randomUUID()
      const job: Job = {
        id,
        kind,
        input,
        progress: { jobId: id, kind, phase: 'Starting', done: 0, total: null },
        resolve,
        reject,
        cancelled: false,
      }
      this.jobs.set(id, job)
      this.queue.push(job)
      this.pump()
      if (this.queue.includes(job)) this.report(job, WAITING, 0, null)
    })
  }

  active(): JobProgress[] {
    return [...this.jobs.values()].map((j) => j.progress)
  }

  /** True while any job runs or waits. */
  busy(): boolean {
    return this.jobs.size > 0
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId)
    if (!job || job.cancelled) return false
    job.cancelled = true
    const queued = this.queue.indexOf(job)
    if (queued !== -1) {
      this.queue.splice(queued, 1)
      this.finish(job, 'cancelled')
      job.reject(new DomainError('CANCELLED', CANCELLED_MESSAGE))
      return true
    }
    const slot = this.slots.find((s) => s.job === job)
    if (slot) {
      Atomics.store(slot.flag, 0, 1)
      this.report(job, 'Cancelling', job.progress.done, job.progress.total)
      slot.cancelTimer = setTimeout(() => {
        if (slot.job !== job) return
        // The work did not notice: stopping the thread ends its connection and transaction.
        this.drop(slot)
        void slot.worker.terminate()
        this.settle(slot, job, {
          ok: false,
          error: { code: 'CANCELLED', message: CANCELLED_MESSAGE },
        })
      }, this.options.cancelGraceMs ?? 10_000)
      slot.cancelTimer.unref()
    }
    return true
  }

  /**
   * Stops every worker (their connections close). Waiting and running jobs fail as cancelled.
   * Called before the journal file is replaced (restore) or another journal is opened.
   */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) {
      this.finish(job, 'cancelled')
      job.reject(new DomainError('CANCELLED', CANCELLED_MESSAGE))
    }
    const slots = this.slots.splice(0)
    for (const s of slots) {
      if (s.cancelTimer) clearTimeout(s.cancelTimer)
      if (s.job) {
        const job = s.job
        s.job = null
        this.finish(job, 'cancelled')
        job.reject(new DomainError('CANCELLED', CANCELLED_MESSAGE))
      }
    }
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? this.spawn()
      if (!slot) return
      const job = this.queue.shift()!
      this.start(slot, job)
    }
  }

  private spawn(): Slot | null {
    if (this.slots.length >= (this.options.maxWorkers ?? 2)) return null
    const flag = new Int32Array(new SharedArrayBuffer(4))
    const setup: WorkerSetup = {
      path: this.options.path,
      state: this.options.state,
      version: this.options.version,
      shell: this.options.shell,
      cancelFlag: flag.buffer as SharedArrayBuffer,
    }
    const worker = new Worker(this.options.workerUrl, { workerData: setup })
    let markReady: () => void = () => {}
    const slot: Slot = {
      worker,
      flag,
      job: null,
      cancelTimer: null,
      ready: new Promise<void>((r) => (markReady = r)),
    }
    worker.unref()
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') markReady()
      else if (m.type === 'progress') {
        const job = slot.job
        if (job && job.id === m.jobId && !job.cancelled) this.report(job, m.phase, m.done, m.total)
      } else if (m.type === 'done') {
        const job = slot.job
        if (job && job.id === m.jobId) this.settle(slot, job, m)
      }
    })
    const lost = (why: string) => {
      this.drop(slot)
      const job = slot.job
      if (job)
        this.settle(slot, job, {
          ok: false,
          error: job.cancelled
            ? { code: 'CANCELLED', message: CANCELLED_MESSAGE }
            : {
                code: 'INTERNAL',
                message: `The background job stopped unexpectedly (${why}). Nothing was changed; the details are in the log.`,
              },
        })
      markReady()
    }
    worker.on('error', (e) => {
      console.error('[wingman] a job worker failed', e)
      lost(e.message)
    })
    worker.on('exit', (code) => lost(`exit code ${code}`))
    this.slots.push(slot)
    return slot
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job
    Atomics.store(slot.flag, 0, 0)
    slot.worker.ref() // a running job keeps the process alive until it answers
    this.report(job, 'Starting', 0, null)
    const message: ToWorker = {
      type: 'run',
      jobId: job.id,
      kind: job.kind,
      input: job.input,
      nowIso: (this.options.now?.() ?? new Date()).toISOString(),
    }
    void slot.ready.then(() => {
      if (slot.job === job && this.slots.includes(slot)) slot.worker.postMessage(message)
    })
  }

  private settle(
    slot: Slot,
    job: Job,
    m:
      | { ok: true; value: unknown }
      | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } },
  ): void {
    if (slot.job === job) slot.job = null
    if (slot.cancelTimer) clearTimeout(slot.cancelTimer)
    slot.cancelTimer = null
    if (this.slots.includes(slot)) slot.worker.unref()
    if (m.ok) {
      this.finish(job, 'done')
      job.resolve(m.value)
    } else {
      this.finish(job, m.error.code === 'CANCELLED' ? 'cancelled' : 'failed')
      job.reject(new DomainError(m.error.code as never, m.error.message, m.error.fields))
    }
    this.pump()
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot)
    if (i !== -1) this.slots.splice(i, 1)
  }

  private report(job: Job, phase: string, done: number, total: number | null): void {
    job.progress = { jobId: job.id, kind: job.kind, phase, done, total }
    this.options.emit?.('job:progress', job.progress)
  }

  private finish(job: Job, outcome: 'done' | 'cancelled' | 'failed'): void {
    if (!this.jobs.delete(job.id)) return
    this.options.emit?.('job:finished', { jobId: job.id, kind: job.kind, outcome })
  }
}
