import { useCallback, useState } from 'react'
import type { UpdateReport } from '../../../shared/marketUpdate.ts'
import { MarketChart, RANGE_PRESETS, type RangePreset } from '../components/MarketChart.tsx'
import { ImportDialog } from '../components/ImportDialog.tsx'
import { api } from '../lib/api.ts'
import type { Theme } from '../lib/theme.ts'
import { useApi } from '../lib/useApi.ts'
import { StoredSeries } from '../market/StoredSeries.tsx'
import { TodaysMarket } from '../market/TodaysMarket.tsx'
import { UpdateMarketReport } from '../market/UpdateMarket.tsx'
import '../market/market.css'

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
  const staleness = useApi(() => api['market:staleness']({}), `staleness-${version}`)
  const [updating, setUpdating] = useState(false)
  const [report, setReport] = useState<UpdateReport>()
  const [updateError, setUpdateError] = useState<string>()
  async function update() {
    setUpdating(true)
    setReport(undefined)
    setUpdateError(undefined)
    const r = await api['market:update']({})
    setUpdating(false)
    if (!r.ok) return setUpdateError(r.error.message)
    setReport(r.value)
    setVersion((v) => v + 1)
  }
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
        <button type="button" className="btn" disabled={updating} onClick={() => void update()}>
          {updating ? 'Updating…' : 'Update market data'}
        </button>
        <button type="button" className="btn" onClick={() => setImportOpen(true)}>
          Import CSV…
        </button>
      </div>
      <UpdateMarketReport
        busy={updating}
        report={report}
        error={updateError}
        onClose={() => {
          setReport(undefined)
          setUpdateError(undefined)
        }}
      />
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
          <StoredSeries overview={overview.data} staleness={staleness.data} />
          <p className="muted small">
            Markers: F = FOMC decision, C = CPI release, P = PPI release.
          </p>
          <TodaysMarket version={version} onStored={() => setVersion((v) => v + 1)} />
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
