import { useState } from 'react'
import type { JobKind } from '../../../shared/jobs.ts'
import { api } from '../lib/api.ts'
import { useJobProgress } from './useJobProgress.ts'
import './jobs.css'

/**
 * The progress of the running job of `kind`: what is being done, a bar (a fraction once the
 * amount of work is known, indeterminate before), and Cancel. Shows nothing while none runs;
 * `busy` shows the indeterminate bar before the first report arrives.
 */
export function JobProgressBar({
  kind,
  label,
  busy = false,
  cancellable = true,
}: {
  kind: JobKind
  /** What the bar is for, for screen readers ("Importing"). */
  label: string
  busy?: boolean
  cancellable?: boolean
}) {
  const progress = useJobProgress(kind)
  const [cancelling, setCancelling] = useState<string | null>(null)
  if (!progress && !busy) return null
  const fraction =
    progress?.total != null && progress.total > 0
      ? Math.min(1, progress.done / progress.total)
      : null
  const cancel = async () => {
    if (!progress) return
    setCancelling(progress.jobId)
    await api['jobs:cancel']({ jobId: progress.jobId })
  }
  const stopping = progress != null && cancelling === progress.jobId
  return (
    <div className="job-progress">
      <div
        className={`progress job-bar${fraction === null ? '' : ' determinate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(fraction === null ? {} : { 'aria-valuenow': Math.round(fraction * 100) })}
      >
        <span style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
      </div>
      <div className="job-line">
        <span className="muted small" aria-live="polite">
          {stopping ? 'Cancelling…' : (progress?.phase ?? 'Starting')}
          {fraction !== null &&
            ` — ${progress!.done.toLocaleString('en-US')} of ${progress!.total!.toLocaleString('en-US')}`}
        </span>
        {cancellable && progress && (
          <button
            type="button"
            className="btn ghost small"
            onClick={() => void cancel()}
            disabled={stopping}
          >
            Cancel
          </button>
        )}
      </div>
    </div>
  )
}
