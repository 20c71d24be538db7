import { useCallback, useState } from 'react'
import { MarketChart, RANGE_PRESETS, type RangePreset } from '../components/MarketChart.tsx'
import { ImportDialog } from '../components/ImportDialog.tsx'
import { api } from '../lib/api.ts'
import type { Theme } from '../lib/theme.ts'
import { useApi } from '../lib/useApi.ts'

const CHART_SYMBOLS = ['SPX', 'VIX', 'VIX9D', 'VIX3M']

export function MarketPage({ theme }: { theme: Theme }) {
  const [range, setRange] = useState<RangePreset>(
    () => (sessionStorage.getItem('wingman.range') as RangePreset) || '1Y',
  )
  const [importOpen, setImportOpen] = useState(false)
  const [renderMs, setRenderMs] = useState<number>()
  const [version, setVersion] = useState(0)
  const series = useApi(() => api['market:series']({ symbols: CHART_SYMBOLS }), `series-${version}`)
  const events = useApi(
    () => api['market:events']({ kinds: ['FOMC', 'CPI', 'PPI'] }),
    `events-${version}`,
  )
  const overview = useApi(() => api['market:overview']({}), `overview-${version}`)
  const onRendered = useCallback((ms: number) => setRenderMs(ms), [])
  const pick = (r: RangePreset) => {
    setRange(r)
    sessionStorage.setItem('wingman.range', r)
  }
  const spxBars = series.data?.find((s) => s.symbol === 'SPX')?.points.length ?? 0

  return (
    <section className="page market-page" aria-labelledby="market-title">
      <div className="toolbar">
        <h1 id="market-title">Market</h1>
        <div className="segmented" role="radiogroup" aria-label="Range">
          {RANGE_PRESETS.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={range === r}
              className={range === r ? 'on' : ''}
              onClick={() => pick(r)}
            >
              {r}
            </button>
          ))}
        </div>
        <span className="muted count" data-render-ms={renderMs?.toFixed(1)}>
          {series.loading && !series.data
            ? 'Loading history…'
            : `${spxBars.toLocaleString('en-US')} SPX bars${renderMs != null ? ` · drawn in ${Math.round(renderMs)} ms` : ''}`}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setImportOpen(true)}>
          Import CSV…
        </button>
      </div>
      {series.error && (
        <div className="form-alert" role="alert">
          Could not load market data: {series.error.message}
        </div>
      )}
      <div className="market-body">
        {series.data && spxBars > 0 ? (
          <MarketChart
            series={series.data}
            events={events.data ?? []}
            range={range}
            theme={theme}
            onRendered={onRendered}
          />
        ) : (
          !series.loading && (
            <div className="vtable-empty">
              No SPX history in this journal. Import a CSV (Cboe, Yahoo, Stooq or
              date,open,high,low,close).
            </div>
          )
        )}
        <aside className="market-side" aria-label="Stored series">
          <h2>Stored series</h2>
          <table className="grid-table compact">
            <thead>
              <tr>
                <th>Series</th>
                <th className="num">Days</th>
                <th>From</th>
                <th>To</th>
              </tr>
            </thead>
            <tbody>
              {overview.data?.instruments.map((i) => (
                <tr key={i.symbol} title={i.description}>
                  <td>{i.symbol}</td>
                  <td className="num">{i.bars.toLocaleString('en-US')}</td>
                  <td>{i.first ?? '—'}</td>
                  <td>{i.last ?? '—'}</td>
                </tr>
              ))}
              {overview.data && overview.data.breadth.rows > 0 && (
                <tr title="NYSE advancing / declining issues">
                  <td>NYSE A/D</td>
                  <td className="num">{overview.data.breadth.rows.toLocaleString('en-US')}</td>
                  <td>{overview.data.breadth.first}</td>
                  <td>{overview.data.breadth.last}</td>
                </tr>
              )}
              {overview.data?.events.map((e) => (
                <tr key={e.kind}>
                  <td>{e.kind.replace('_', ' ')} dates</td>
                  <td className="num">{e.count}</td>
                  <td>{e.first}</td>
                  <td>{e.last}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            Markers: F = FOMC decision, C = CPI release, P = PPI release.
          </p>
        </aside>
      </div>
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => setVersion((v) => v + 1)}
      />
    </section>
  )
}
