import type { PositionDetail } from '../../../../shared/domain.ts'
import { PayoffChart } from '../../charts/PayoffChart.tsx'
import { PositionPriceChart } from '../../charts/PositionPriceChart.tsx'
import { addDays } from '../../../../shared/dates.ts'
import { api } from '../../lib/api.ts'
import { todayNy } from '../../lib/format.ts'
import { useApi } from '../../lib/useApi.ts'

/**
 * The payoff and SPX panels share one request: SPX bars from ~100 calendar days before the
 * entry (≥ 60 sessions of context) to the expiry, which also gives the payoff's default spot.
 */
export function PositionCharts({ d }: { d: PositionDetail }) {
  const s = d.summary
  const from = addDays(s.openedOn, -100)
  const to = s.expiration ?? todayNy()
  const spx = useApi(
    () => api['market:series']({ symbols: ['SPX'], from, to }),
    `SPX:${from}:${to}`,
  )
  const settled = spx.data !== undefined || spx.error !== undefined
  const spxPoints = spx.data?.find((x) => x.symbol === 'SPX')?.points ?? []
  return (
    <div className="chart-panels">
      <section className="chart-panel" aria-labelledby="payoff-title">
        <h2 id="payoff-title">Payoff</h2>
        {settled ? (
          <PayoffChart detail={d} spx={spxPoints} />
        ) : (
          <p className="muted">Loading SPX prices…</p>
        )}
      </section>
      <section className="chart-panel" aria-labelledby="spx-title">
        <h2 id="spx-title">SPX around the trade</h2>
        {spx.error ? (
          <div className="form-alert" role="alert">
            {spx.error.message}
          </div>
        ) : settled ? (
          <PositionPriceChart detail={d} spx={spxPoints} />
        ) : (
          <p className="muted">Loading SPX prices…</p>
        )}
      </section>
    </div>
  )
}
