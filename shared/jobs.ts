/**
 * Long work that runs off the thread answering the UI (electron/core/jobs): what a running job
 * reports to the renderer. Pushed main → renderer through the typed event map below (IPC events
 * in the desktop app, server-sent events in the browser host), never through a request channel.
 */

/** The contract channels whose work runs as a job in a worker thread. */
export const JOB_KINDS = [
  'trades:import',
  'export:files',
  'rulesets:dryRun',
  'rulesets:dryRunSummary',
  /** Not a channel: the positions list's cache filled in a worker when many rows are stale. */
  'positions:refresh',
  'review:run',
  'backups:create',
  'backups:restore',
  'lab:run',
] as const
export type JobKind = (typeof JOB_KINDS)[number]

export interface JobProgress {
  jobId: string
  kind: JobKind
  /** What is being done now, in the trader's words ("Reading fills", "Writing position_summary.csv"). */
  phase: string
  done: number
  /** null while the amount of work is not known yet (an indeterminate bar). */
  total: number | null
}

export interface JobFinished {
  jobId: string
  kind: JobKind
  outcome: 'done' | 'cancelled' | 'failed'
}

/** Main → renderer pushes, by event name. */
export interface EventMap {
  'job:progress': JobProgress
  'job:finished': JobFinished
}
export type EventName = keyof EventMap
export const EVENT_NAMES = ['job:progress', 'job:finished'] as const satisfies readonly EventName[]

/** The message a cancelled job ends with (its work is rolled back; nothing half-written stays). */
export const CANCELLED_MESSAGE = 'Cancelled: nothing was written.'

/** The one IPC channel main → renderer pushes travel on in the desktop app ({ name, payload }). */
export const EVENT_CHANNEL = 'wingman:event'
