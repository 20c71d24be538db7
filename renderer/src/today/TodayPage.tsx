import { useEffect, useMemo, useState } from 'react'
import { isIsoDate } from '../../../shared/dates.ts'
import type { TodayReport } from '../../../shared/today.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { replaceRouteQuery, routeQuery } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'
import { openDecision } from './prefill.ts'
import { TodayTable } from './TodayTable.tsx'
import { staleText } from './todayFormat.ts'
import './today.css'

const ROUTE = '#/today'

/** The date in the address ("#/today?date=2026-07-08"); none means today. */
function dateInAddress(): string | null {
  const d = routeQuery(window.location.hash).get('date')
  return d && isIsoDate(d) ? d : null
}

/**
 * Today: every open position checked against the latest stored data as of a date (today by
 * default), the tested ones first, each with its ruleset's recommendation; one banner names the
 * series whose history ends too early. A row opens its position's decision panel prefilled with
 * exactly the values shown. `initial` is a report already fetched for today (the landing page
 * asks for it to decide whether to show this page), so it is not asked for twice.
 */
export function TodayPage({ initial }: { initial?: TodayReport }) {
  const [today] = useState(todayNy)
  const [date, setDate] = useState(() => dateInAddress() ?? today)
  const [dateText, setDateText] = useState(date)
  const report = useApi(
    () =>
      initial && initial.date === date
        ? Promise.resolve({ ok: true as const, value: initial })
        : api['today:list']({ date }),
    `today-${date}`,
  )
  const rulesets = useApi(() => api['rulesets:list']({}), 'rulesets')
  const names = useMemo(
    () => new Map((rulesets.data ?? []).map((r) => [r.id, r.name])),
    [rulesets.data],
  )

  // The address keeps a date other than today, so a reload (or the back button from a
  // position) shows the same day; today itself stays out of it and moves with the clock.
  useEffect(
    () => replaceRouteQuery(ROUTE, new URLSearchParams(date === today ? {} : { date })),
    [date, today],
  )
  const choose = (d: string) => {
    setDateText(d)
    if (isIsoDate(d)) setDate(d)
  }

  // Shown for the date asked for, never the previous date's rows under a new date.
  const r = report.data && report.data.date === date ? report.data : undefined
  return (
    <section className="page today-page" aria-labelledby="today-title">
      <div className="toolbar">
        <h1 id="today-title">Today</h1>
        <label className="today-date">
          Date
          <input
            type="date"
            value={dateText}
            max="2099-12-31"
            onChange={(e) => choose(e.target.value)}
          />
        </label>
        {date !== today && (
          <button type="button" className="btn ghost" onClick={() => choose(today)}>
            Back to today
          </button>
        )}
        <span className="muted small" role="status">
          {report.loading
            ? 'Evaluating…'
            : r
              ? `${r.rows.length} open ${r.rows.length === 1 ? 'position' : 'positions'} · data of the ${r.dataDate ?? '—'} close`
              : ''}
        </span>
      </div>
      {report.error && (
        <div className="form-alert" role="alert">
          {report.error.message}
        </div>
      )}
      {r && r.stale.length > 0 && (
        <div className="today-stale" role="note" aria-label="Stale data">
          <strong>Stale data.</strong> The stored history ends before the session of {r.date}:{' '}
          {r.stale.map(staleText).join(' · ')}.{' '}
          {r.dataDate && r.dataDate < r.date
            ? `Until it is updated, the latest stored closes (${r.dataDate}) stand in for this date's; `
            : ''}
          update the market data or type today's closes on the Market page.
          {r.dataDate && r.dataDate !== r.date && (
            <>
              {' '}
              <button
                type="button"
                className="btn today-btn-small"
                onClick={() => choose(r.dataDate!)}
              >
                Show {r.dataDate}, the last stored session
              </button>
            </>
          )}
        </div>
      )}
      {r && r.rows.length === 0 && (
        <p className="muted">
          No position was open on {r.date}. Open one on the <a href="#/positions">Positions</a>{' '}
          page.
        </p>
      )}
      {r && r.rows.length > 0 && (
        <div className="today-scroll">
          <p id="today-row-help" className="today-sr-only">
            Enter opens the position’s decision panel with these values; the arrow keys move between
            rows.
          </p>
          <TodayTable
            rows={r.rows}
            date={r.date}
            today={today}
            rulesetNames={names}
            onOpen={(row) => openDecision(row, r.date)}
          />
          <p className="muted small today-foot">
            Default ruleset: {names.get(r.defaultRulesetId) ?? r.defaultRulesetId} (Settings).
            Penetration: 0 % at the short strike, 100 % at the long one. Click a row, or press Enter
            on it, to open its decision panel with these values.
          </p>
        </div>
      )}
      {!r && !report.error && <p className="muted">Loading…</p>}
    </section>
  )
}
