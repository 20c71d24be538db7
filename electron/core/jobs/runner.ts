import type { JobKind, JobProgress } from '../../../shared/jobs.ts'

/** Runs long work in worker threads; see pool.ts for the implementation. */
export interface JobRunner {
  run(kind: JobKind, input: unknown): Promise<unknown>
  active(): JobProgress[]
  cancel(jobId: string): boolean
}
