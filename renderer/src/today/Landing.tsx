import { useEffect, type ReactNode } from 'react'
import type { TodayReport } from '../../../shared/today.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { useApi } from '../lib/useApi.ts'

/**
 * The page the app opens on when the address names none: Today once the journal holds an open
 * position, else Positions (where a new journal starts). The question is the Today report
 * itself, handed to the Today page so it is asked once; a failed question shows Positions,
 * which says what is wrong with the journal in its own words.
 */
export function Landing({
  positions,
  today,
  onLanded,
}: {
  /** The Positions page, rendered when nothing is open. */
  positions: ReactNode
  /** The Today page given the report already read (each page is loaded on demand by App). */
  today: (initial: TodayReport) => ReactNode
  /** Which page the app landed on, for the navigation's current entry. */
  onLanded: (page: 'today' | 'positions') => void
}) {
  const report = useApi(() => api['today:list']({ date: todayNy() }), 'landing')
  const landed = report.data
    ? report.data.rows.length > 0
      ? 'today'
      : 'positions'
    : report.error
      ? 'positions'
      : null
  useEffect(() => {
    if (landed) onLanded(landed)
  }, [landed, onLanded])
  if (landed === 'today' && report.data) return today(report.data)
  if (landed === 'positions') return positions
  return (
    <section className="page">
      <p className="muted">Loading…</p>
    </section>
  )
}
