import type { MarketOverview } from '../../../shared/market.ts'
import type { MarketStaleness, SeriesStaleness } from '../../../shared/marketUpdate.ts'

const SOURCE_WORDS = {
  file: 'from a file',
  publisher: 'downloaded from the publisher',
  hand: 'typed by hand',
} as const

function behindText(s: SeriesStaleness): string {
  if (s.sessionsBehind === null) return '—'
  return s.sessionsBehind === 0 ? 'current' : s.sessionsBehind.toLocaleString('en-US')
}

function title(s: SeriesStaleness, date: string): string {
  const parts = [s.description]
  if (s.lastDate)
    parts.push(
      `Last day ${s.lastDate}, ${SOURCE_WORDS[s.lastSource ?? 'file']}` +
        (s.handDays > 1 ? ` (the last ${s.handDays} days typed by hand)` : ''),
    )
  if (s.sessionsBehind)
    parts.push(
      `${s.sessionsBehind} NYSE session${s.sessionsBehind === 1 ? '' : 's'} after it up to ${date}`,
    )
  if (s.usedBySignals) parts.push('The market signals read this series.')
  return parts.join('. ')
}

/**
 * The Market page's "Stored series": per series its days, first and last stored day (marked
 * when typed by hand) and how many NYSE sessions it is behind today; the event calendars with
 * how far they reach.
 */
export function StoredSeries(props: {
  overview: MarketOverview | undefined
  staleness: MarketStaleness | undefined
}) {
  const { overview, staleness } = props
  const bars = new Map(overview?.instruments.map((i) => [i.symbol, i]) ?? [])
  const rows = (staleness?.series ?? []).filter(
    (s) => s.lastDate !== null || s.usedBySignals || bars.has(s.series),
  )
  const date = staleness?.date ?? ''
  return (
    <>
      <h2>Stored series</h2>
      <table className="grid-table compact stored-series">
        <thead>
          <tr>
            <th>Series</th>
            <th className="num">Days</th>
            <th>From</th>
            <th>To</th>
            <th className="num" title={`NYSE sessions after the last stored day up to ${date}`}>
              Behind
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const isBreadth = s.series === 'NYSE breadth'
            const count = isBreadth ? overview?.breadth.rows : bars.get(s.series)?.bars
            const first = isBreadth ? overview?.breadth.first : bars.get(s.series)?.first
            const stale = s.usedBySignals && (s.sessionsBehind ?? 1) > 0
            return (
              <tr key={s.series} title={title(s, date)} className={stale ? 'stale' : undefined}>
                <td>{isBreadth ? 'NYSE A/D' : s.series}</td>
                <td className="num">{count != null ? count.toLocaleString('en-US') : '—'}</td>
                <td>{first ?? '—'}</td>
                <td>
                  {s.lastDate ?? '—'}
                  {s.lastSource === 'hand' && (
                    <span className="hand-mark" aria-label="typed by hand">
                      {' '}
                      hand
                    </span>
                  )}
                </td>
                <td className="num behind">{behindText(s)}</td>
              </tr>
            )
          })}
          {overview?.events.map((e) => {
            const reach = staleness?.calendars.find((c) => c.kind === e.kind)
            return (
              <tr
                key={e.kind}
                title={
                  reach?.daysAhead != null
                    ? reach.daysAhead >= 0
                      ? `Known ${reach.daysAhead} days ahead of ${date}`
                      : `Ran out ${-reach.daysAhead} days before ${date}: import the newer schedule`
                    : undefined
                }
              >
                <td>{e.kind === 'FOMC_MINUTES' ? 'FOMC minutes' : e.kind} dates</td>
                <td className="num">{e.count}</td>
                <td>{e.first}</td>
                <td>{e.last}</td>
                <td className="num behind">
                  {reach?.daysAhead != null && reach.daysAhead < 0 ? 'ran out' : ''}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="muted small">
        Behind: NYSE sessions after the last stored day up to today ({date}). NYSE advancing and
        declining issues have no public daily file: type them in Today’s market or import a CSV.
      </p>
    </>
  )
}
