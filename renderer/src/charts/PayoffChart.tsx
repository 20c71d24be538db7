import { useMemo, useRef } from 'react'
import type { IsoDate, PositionDetail } from '../../../shared/domain.ts'
import type { SeriesPoint } from '../../../shared/market.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { useApi } from '../lib/useApi.ts'
import { PALETTE, useThemeValue } from './chartTheme.ts'
import { VIX_SYMBOLS, vixDays } from './payoff/marketPath.ts'
import { PayoffControls } from './payoff/PayoffControls.tsx'
import { PayoffFigures } from './payoff/PayoffFigures.tsx'
import { MODEL_MARKET, payoffBasis, type PayoffBasis } from './payoff/payoffModel.ts'
import { pts, usd } from './payoff/payoffFormat.ts'
import { usePayoffChart } from './payoff/usePayoffChart.ts'
import { usePayoffModel } from './payoff/usePayoffModel.ts'
import { addDays } from '../../../shared/dates.ts'
import './charts.css'

interface Props {
  detail: PositionDetail
  /** SPX daily bars around the position (may be empty): the spot of each date comes from them. */
  spx: readonly SeriesPoint[]
}

/**
 * Payoff of the position's open core legs at the first expiry and on a chosen date, from the
 * ledger's cash and each leg's market IV, with the model's greeks, extremes and probabilities.
 * Sliders update the existing series; the chart is created once.
 */
export function PayoffChart({ detail, spx }: Props) {
  const built = useMemo(() => payoffBasis(detail), [detail])
  if (!built.ok) return <p className="muted">{built.reason}</p>
  return <Payoff basis={built.basis} spx={spx} />
}

/** The VIX term structure from a few days before `from` (a weekend start needs the Friday). */
function useVixHistory(from: IsoDate, to: IsoDate) {
  const start = addDays(from, -10)
  const r = useApi(
    () => api['market:series']({ symbols: [...VIX_SYMBOLS], from: start, to }),
    `vix:${start}:${to}`,
  )
  return useMemo(() => vixDays(r.data ?? []), [r.data])
}

function Payoff({ basis, spx }: { basis: PayoffBasis; spx: readonly SeriesPoint[] }) {
  const colors = PALETTE[useThemeValue()]
  const asOf = basis.asOf ?? basis.expiry
  const vix = useVixHistory(
    basis.since < asOf ? basis.since : asOf,
    basis.expiry > asOf ? basis.expiry : asOf,
  )
  const m = usePayoffModel(basis, spx, vix, todayNy())
  const el = useRef<HTMLDivElement>(null)
  const hover = usePayoffChart(el, {
    colors,
    grid: m.grid,
    expiryCurve: m.expiryCurve,
    datedCurve: m.datedCurve,
    shorts: m.shorts,
    breakevens: m.extremes?.breakevens,
    spot: m.spot,
  })

  return (
    <div className="payoff">
      <PayoffControls m={m} />
      <div className="payoff-legend" aria-hidden="true">
        <span>
          <i style={{ background: colors.up }} />
          P&amp;L at expiry
        </span>
        <span>
          <i style={{ background: colors.today }} />
          Model value on {m.valueDate}
        </span>
        <span>
          <i style={{ background: colors.breakeven }} />
          Breakevens
        </span>
        <span>
          <i style={{ background: colors.spot }} />
          Spot
        </span>
        {hover && (
          <span className="payoff-hover">
            at {pts(hover.price)}: expiry {usd(hover.expiry)} · {m.valueDate} {usd(hover.dated)}
          </span>
        )}
      </div>
      <div
        ref={el}
        className="payoff-chart"
        role="img"
        aria-label={`Payoff chart: P&L at expiry and model value on ${m.valueDate} against the SPX price`}
      />
      <PayoffFigures m={m} />
      <p className="muted small payoff-note">
        P&amp;L is the core trade’s cash so far from the ledger — premium received minus paid, fees
        and closed futures included, rolls and partial closes counted — plus what its open legs are
        worth; hedge layers are not in this chart. Model values: Black–Scholes, each leg at its own
        IV (shifted by the slider), rate {(MODEL_MARKET.rate * 100).toFixed(1)} %, dividend yield{' '}
        {(MODEL_MARKET.div * 100).toFixed(1)} %; touch probabilities assume continuous monitoring.
      </p>
    </div>
  )
}
