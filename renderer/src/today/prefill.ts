import { useState } from 'react'
import type { DecisionInputs } from '../../../shared/decisions.ts'
import type { TodayRow } from '../../../shared/today.ts'
import { api } from '../lib/api.ts'
import { navigate } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'

/**
 * From a Today row to its position's decision panel, prefilled with exactly the row's inputs.
 *
 * The address carries the intent — `#/positions/12?decide=2026-07-08` — so a reload, the back
 * button or a copied address opens the same prefilled panel: the panel then asks `today:list`
 * for that date and takes its position's row (the same service computes the same inputs from
 * the same journal). The click itself hands the row's inputs over in memory as well, so the
 * panel is prefilled at once, with the very values the trader was looking at, instead of
 * waiting for every open position to be evaluated again. The hand-off is taken once: coming
 * back to the address later asks the core afresh (marks may have been entered since).
 */
let handedOff: { positionId: number; date: string; inputs: DecisionInputs } | null = null

export function decideHash(positionId: number, date: string): string {
  return `#/positions/${positionId}?decide=${date}`
}

/** Opens the row's decision panel (see above). */
export function openDecision(row: TodayRow, date: string): void {
  handedOff = { positionId: row.positionId, date, inputs: row.inputs }
  navigate(decideHash(row.positionId, date))
}

function takeHandOff(positionId: number, date: string): DecisionInputs | null {
  const h = handedOff
  if (!h || h.positionId !== positionId || h.date !== date) return null
  handedOff = null
  return h.inputs
}

export type Prefill =
  | { state: 'none' }
  | { state: 'loading'; date: string }
  | { state: 'ready'; date: string; inputs: DecisionInputs }
  | { state: 'unavailable'; date: string; reason: string }

/** What the decision panel of `positionId` starts from when the address asks for `decide`. */
export function usePrefill(positionId: number, decide: string | null): Prefill {
  // Taken at mount (and again if the address names another date): a state initializer, so the
  // hand-off is read once, not on every render.
  const [handed, setHanded] = useState(() => ({
    decide,
    inputs: decide ? takeHandOff(positionId, decide) : null,
  }))
  if (handed.decide !== decide)
    setHanded({ decide, inputs: decide ? takeHandOff(positionId, decide) : null })
  const inputs = handed.decide === decide ? handed.inputs : null
  const fetchIt = decide !== null && inputs === null
  const report = useApi(
    () =>
      fetchIt
        ? api['today:list']({ date: decide })
        : Promise.resolve({ ok: true as const, value: null }),
    fetchIt ? `today-${decide}` : 'none',
  )
  if (decide === null) return { state: 'none' }
  if (inputs) return { state: 'ready', date: decide, inputs }
  if (report.error) return { state: 'unavailable', date: decide, reason: report.error.message }
  if (report.loading || !report.data) return { state: 'loading', date: decide }
  const row = report.data.rows.find((r) => r.positionId === positionId)
  return row
    ? { state: 'ready', date: decide, inputs: row.inputs }
    : {
        state: 'unavailable',
        date: decide,
        reason: `Today of ${decide} has no row for this position (not open on that date)`,
      }
}
