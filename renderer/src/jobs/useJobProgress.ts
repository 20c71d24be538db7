import { useEffect, useState } from 'react'
import type { JobKind, JobProgress } from '../../../shared/jobs.ts'
import { api } from '../lib/api.ts'
import { subscribeEvents } from './events.ts'

/**
 * The latest progress of the running job of `kind` (null when none runs). A page opened while
 * one runs picks it up from `jobs:active`, then follows the pushed events.
 */
export function useJobProgress(kind: JobKind): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null)
  useEffect(() => {
    let live = true
    const unsubscribe = subscribeEvents((e) => {
      if (e.name === 'job:progress') {
        const p = e.payload as JobProgress
        if (p.kind === kind) setProgress(p)
      } else if (e.name === 'job:finished') {
        const f = e.payload as { jobId: string; kind: JobKind }
        if (f.kind === kind) setProgress((p) => (p?.jobId === f.jobId ? null : p))
      }
    })
    void api['jobs:active']({}).then((r) => {
      if (!live || !r.ok) return
      const running = r.value.find((p) => p.kind === kind)
      if (running) setProgress((p) => p ?? running)
    })
    return () => {
      live = false
      unsubscribe()
    }
  }, [kind])
  return progress
}
