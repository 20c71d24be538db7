import { useEffect, useState } from 'react'
import { addDays, isIsoDate } from '../../../shared/dates.ts'
import type { HandSeries, MarketStaleness } from '../../../shared/marketUpdate.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { useApi } from '../lib/useApi.ts'
import { closesOf, sessionOf } from './liveValues.ts'
import { gapCandidates, gapsText, sessionGap, staleGroups, type HistoryGap } from './marketStale.ts'

/** The holes at or shortly before the session in series typed by hand past it (sessionGap). */
async function findGaps(staleness: MarketStaleness, session: string): Promise<HistoryGap[]> {
  const symbols = gapCandidates(staleness, session)
  if (symbols.length === 0) return []
  const lasts = staleness.series.filter((x) => symbols.includes(x.series as HandSeries))
  const latest = lasts.map((x) => x.lastDate!).sort()[lasts.length - 1]!
  const ahead = addDays(session, 400)
  const around = await api['market:series']({
    symbols,
    from: addDays(session, -400),
    to: latest < ahead ? latest : ahead,
  })
  if (!around.ok) return []
  const gaps: HistoryGap[] = []
  for (const s of around.value) {
    const series = s.symbol as HandSeries
    const dates = s.points.map((p) => p.date)
    const g = sessionGap(series, dates, session)
    if (!g || g.before !== null) {
      if (g) gaps.push(g)
      continue
    }
    // The close before the hole is more than a year back (VX futures stored up to 2021).
    const older = await api['market:series']({ symbols: [series], to: addDays(g.after, -1) })
    const before = older.ok ? (older.value[0]?.points.at(-1)?.date ?? null) : null
    // None at all: the series starts there, and the signals say "not defined yet" themselves.
    if (before !== null) gaps.push({ ...g, before })
  }
  return gaps
}

/**
 * The top of the decision panel when the date is past the stored history of series the signals
 * read: one banner naming them with their last day and how many NYSE sessions behind the date
 * they are, and the two ways to fix it — "Update market data" on the Market page (with the way
 * to Settings while its switch is off) or typing the day's closes in the panel's own market
 * fields and keeping them. After closes typed by hand for a day months past the history, the
 * series is no longer behind but RSI and MACD read across the hole: said here too.
 */
export function StaleMarketBanner(props: {
  date: string
  /** Changes when closes were kept, to ask again. */
  version: number
  onTypeCloses: () => void
}) {
  const { date, version } = props
  const valid = isIsoDate(date)
  const staleness = useApi(
    () =>
      valid
        ? api['market:staleness']({ date })
        : Promise.resolve({ ok: true as const, value: null }),
    `staleness|${date}|${version}`,
  )
  const updates = useApi(() => api['market:updateSettings']({}), 'market-update-settings')
  const session = sessionOf(date)
  const data = staleness.data?.date === date ? staleness.data : null
  const [gaps, setGaps] = useState<{ for: MarketStaleness; gaps: HistoryGap[] }>()
  useEffect(() => {
    if (!data || !session) return
    let live = true
    void findGaps(data, session).then((g) => live && setGaps({ for: data, gaps: g }))
    return () => {
      live = false
    }
  }, [data, session])

  if (!data || !session) return null
  const groups = staleGroups(data)
  const holes = gaps?.for === data ? gaps.gaps : []
  if (groups.length === 0 && holes.length === 0) return null
  const names = groups.flatMap((g) => g.series)
  const typeable =
    names.some((n) => n !== 'NYSE breadth') || holes.some((g) => g.kind === 'session')
  const switchedOff = updates.data?.enabled === false
  return (
    <div className="decision-stale" role="note" aria-label="Stale market data">
      {groups.length > 0 && (
        <p data-testid="stale-series">
          <strong>The stored market data ends before {date}.</strong> Series the signals read:{' '}
          {groups.map((g) => g.text).join(' · ')}.
        </p>
      )}
      {holes.length > 0 && (
        <p data-testid="history-gaps">
          <strong>Sessions missing in the stored history.</strong>{' '}
          {gapsText(holes, session).join(' ')}
        </p>
      )}
      <p>
        To bring it up to date: <a href="#/market">Update market data</a> on the Market page
        {switchedOff && (
          <>
            {' '}
            (switched off: turn it on in <a href="#/settings">Settings → Market data</a> first)
          </>
        )}
        {typeable ? (
          <>
            , or{' '}
            <button type="button" className="link-button" onClick={props.onTypeCloses}>
              type {closesOf(session, todayNy())}
            </button>{' '}
            in the market fields below and keep them.
          </>
        ) : (
          '.'
        )}
        {holes.length > 0 && ' The update (or a CSV import) also fills the sessions between.'}
        {names.includes('NYSE breadth') &&
          ' NYSE breadth has no download: type advancing and declining issues in Today’s market on the Market page, or import a CSV.'}
      </p>
    </div>
  )
}
