import { CANCELLED_MESSAGE } from '../../../shared/jobs.ts'
import { DomainError } from '../../../shared/result.ts'

/**
 * What long work receives to report progress and to notice a cancel. Services take it as an
 * optional last argument: without one (tests, the CLI) they run exactly the same, silently.
 * Work calls `progress` at natural steps (a batch of rows, a file) and `checkCancelled` at the
 * same places, always where throwing rolls back cleanly (inside the write transaction or before
 * a temporary file is renamed).
 */
export interface JobControl {
  progress(phase: string, done: number, total?: number | null): void
  /** Throws a DomainError('CANCELLED') when the user cancelled. */
  checkCancelled(): void
}

/** Does nothing: for callers that do not watch (tests, CLI without --progress). */
export const NO_CONTROL: JobControl = {
  progress: () => {},
  checkCancelled: () => {},
}

export function cancelledError(): DomainError {
  return new DomainError('CANCELLED', CANCELLED_MESSAGE)
}

/**
 * Progress reports throttled to one per `everyMs` (and the last one always): a loop can call
 * `progress` per row without flooding the event channel.
 */
export function throttled(control: JobControl, everyMs = 100): JobControl {
  let last = 0
  return {
    progress(phase, done, total) {
      const now = Date.now()
      if (now - last >= everyMs || (total != null && done >= total)) {
        last = now
        control.progress(phase, done, total)
      }
    },
    checkCancelled: () => control.checkCancelled(),
  }
}
