import {
  BaselineSeries,
  ColorType,
  createOptionsChart,
  LineSeries,
  LineStyle,
  type IChartApiBase,
  type IPriceLine,
  type ISeriesApi,
  type Logical,
  type MouseEventParams,
} from 'lightweight-charts'
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { daysBetween } from '../../../shared/dates.ts'
import type { PositionDetail } from '../../../shared/domain.ts'
import type { SeriesPoint } from '../../../shared/market.ts'
import {
  payoffAtExpiry,
  pnlCurve,
  positionRisk,
  type Extreme,
  type PayoffPoint,
  type RiskLeg,
  type RiskMarket,
} from '../../../shared/math/positionRisk.ts'
import { todayNy } from '../lib/format.ts'
import { PALETTE, useThemeValue } from './chartTheme.ts'
import { addDays, firstExpiryDate, payoffLegs, shortStrikes } from './positionModel.ts'
import { VerticalLines, type VerticalLine } from './verticalLines.ts'
import './charts.css'

/**
 * Model assumptions, stated in the panel: a flat rate and SPX dividend yield (continuous,
 * decimal per year). They move T+0 values slightly and do not touch the expiry payoff.
 */
const MARKET: RiskMarket = { rate: 0.04, div: 0.013 }
const DEFAULT_IV_PCT = 15
const SHIFT_MIN = -10
const SHIFT_MAX = 20

const usdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})
/** Dollars with a true minus sign: −$1,234.56. */
export const usd = (v: number): string =>
  `${v < 0 && Math.abs(v) >= 0.005 ? '−' : ''}${usdFormat.format(Math.abs(v))}`
/** Dollars to 4 decimals, for gamma (a few cents per point on a typical condor). */
const usd4 = (v: number): string =>
  `${v < 0 && Math.abs(v) >= 0.00005 ? '−' : ''}$${Math.abs(v).toFixed(4)}`
const pts = (v: number) => v.toFixed(2)
const pct = (v: number) => `${(v * 100).toFixed(1)} %`
/** True when `text` is a number in (lo, hi]. */
const isNumberIn = (text: string, lo: number, hi: number) =>
  text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) > lo && Number(text) <= hi
const extreme = (e: Extreme) => (e.kind === 'unlimited' ? 'unlimited' : usd(e.value))

/** A step of 0.5, 1, 2, 5, 10… points giving at most ~1500 samples over `span`. */
function gridStep(span: number): number {
  for (const s of [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]) if (span / s <= 1500) return s
  return 1000
}

interface Grid {
  lo: number
  step: number
  n: number
}

/** An evenly spaced price grid (the options chart spaces points by index, not by value). */
function priceGrid(legs: readonly RiskLeg[], spot: number): Grid {
  const ks = legs.map((l) => l.strike)
  const a = Math.min(...ks, spot)
  const b = Math.max(...ks, spot)
  const pad = Math.max((b - a) * 0.2, b * 0.01)
  const step = gridStep(b - a + 2 * pad)
  const lo = Math.max(step, Math.floor((a - pad) / step) * step)
  const hi = Math.ceil((b + pad) / step) * step
  return { lo, step, n: Math.round((hi - lo) / step) + 1 }
}

const toData = (curve: PayoffPoint[]) => curve.map((p) => ({ time: p.price, value: p.pnl }))

interface Props {
  detail: PositionDetail
  /** SPX daily bars around the position (may be empty); the default spot comes from them. */
  spx: readonly SeriesPoint[]
}

/**
 * Payoff of the open legs at the first expiry and on a chosen date, with the model's greeks,
 * extremes and probabilities. Sliders update the existing series; the chart is created once.
 */
export function PayoffChart({ detail, spx }: Props) {
  const expiry = firstExpiryDate(detail)
  if (!expiry) return <p className="muted">The position has no open option legs to chart.</p>
  return <Payoff detail={detail} spx={spx} expiry={expiry} />
}

function Payoff({ detail, spx, expiry }: Props & { expiry: string }) {
  const theme = useThemeValue()
  const colors = PALETTE[theme]
  const ids = useId()
  const today = todayNy()
  const openedOn = detail.summary.openedOn
  // Value from today while the trade is live; an expired trade is replayed from its entry.
  const expired = today >= expiry
  const start = expired || today < openedOn ? (openedOn < expiry ? openedOn : expiry) : today
  const totalDays = Math.max(daysBetween(start, expiry), 0)

  const defaultSpot = useMemo(() => {
    let last: SeriesPoint | undefined
    for (const p of spx) if (p.date <= start) last = p
    return last ? { value: last.close, source: `SPX close ${last.date}` } : null
  }, [spx, start])

  // Inputs keep the text being typed and the last valid number the model uses.
  const [ivInput, setIvInput] = useState({ text: String(DEFAULT_IV_PCT), value: DEFAULT_IV_PCT })
  const ivValid = isNumberIn(ivInput.text, 0, 300)
  const iv = ivInput.value / 100
  const setIvText = (text: string) =>
    setIvInput((prev) => ({ text, value: isNumberIn(text, 0, 300) ? Number(text) : prev.value }))

  const built = useMemo(() => payoffLegs(detail, start, iv), [detail, start, iv])
  const legs = built.ok ? built.legs : null
  const shorts = useMemo(() => (legs ? shortStrikes(legs) : []), [legs])
  const fallbackSpot =
    shorts.length > 0 ? ((shorts[0] as number) + (shorts[shorts.length - 1] as number)) / 2 : null

  const initialSpot = defaultSpot?.value ?? fallbackSpot ?? 0
  const [spotInput, setSpotInput] = useState({
    text: initialSpot > 0 ? initialSpot.toFixed(2) : '',
    value: initialSpot,
  })
  const spotText = spotInput.text
  const spotValid = isNumberIn(spotText, 0, Infinity)
  const spot = spotInput.value
  const setSpotText = (text: string) =>
    setSpotInput((prev) => ({
      text,
      value: isNumberIn(text, 0, Infinity) ? Number(text) : prev.value,
    }))

  const [day, setDay] = useState(0)
  const [shift, setShift] = useState(0)
  const dayClamped = Math.min(day, totalDays)
  const valueDate = addDays(start, dayClamped)
  const at = dayClamped / 365

  const grid = useMemo(() => (legs && spot > 0 ? priceGrid(legs, spot) : null), [legs, spot])
  const expiryCurve = useMemo(
    () =>
      legs && grid
        ? payoffAtExpiry(legs, grid.lo, grid.lo + grid.step * (grid.n - 1), grid.n, MARKET)
        : [],
    [legs, grid],
  )
  const datedCurve = useMemo(
    () =>
      legs && grid
        ? pnlCurve(legs, grid.lo, grid.lo + grid.step * (grid.n - 1), grid.n, MARKET, {
            at,
            ivShift: shift / 100,
          })
        : [],
    [legs, grid, at, shift],
  )
  // Everything in the tables is valued on the chosen date: legs aged by `at`, IV shifted.
  const risk = useMemo(() => {
    if (!legs || !(spot > 0)) return null
    const aged = legs.map((l) => ({
      ...l,
      expiry: Math.max(l.expiry - at, 0),
      iv: Math.max(l.iv + shift / 100, 0),
    }))
    return positionRisk(aged, spot, MARKET)
  }, [legs, spot, at, shift])

  // --- chart: created once, fed in place --------------------------------------------------
  const el = useRef<HTMLDivElement>(null)
  const chartRef = useRef<IChartApiBase<number> | null>(null)
  const expiryRef = useRef<ISeriesApi<'Baseline', number> | null>(null)
  const datedRef = useRef<ISeriesApi<'Line', number> | null>(null)
  const linesRef = useRef<VerticalLines<number> | null>(null)
  const zeroRef = useRef<IPriceLine | null>(null)
  const gridRef = useRef<Grid | null>(null)
  const curvesRef = useRef<{ expiry: PayoffPoint[]; dated: PayoffPoint[] }>({
    expiry: [],
    dated: [],
  })
  const [hover, setHover] = useState<{ price: number; expiry: number; dated: number } | null>(null)

  useLayoutEffect(() => {
    const container = el.current
    if (!container) return
    const chart = createOptionsChart(container, {
      autoSize: true,
      localization: {
        precision: 0,
        priceFormatter: (v: number) => usd(v).replace('.00', ''),
      },
      crosshair: { mode: 0 },
      handleScroll: false,
      handleScale: false,
    })
    const expirySeries = chart.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      lineWidth: 2,
      priceLineVisible: false,
      lastValueVisible: false,
      title: 'At expiry',
    })
    const datedSeries = chart.addSeries(LineSeries, {
      lineWidth: 2,
      priceLineVisible: false,
      lastValueVisible: false,
      title: 'Model value',
    })
    zeroRef.current = expirySeries.createPriceLine({
      price: 0,
      lineWidth: 1,
      lineStyle: LineStyle.Dotted,
      axisLabelVisible: false,
      title: '',
    })
    // The scale maps only whole logical indexes to pixels (fractions give 0), so a price
    // between two grid points is placed by interpolating between their coordinates.
    const lines = new VerticalLines<number>((price, c) => {
      const g = gridRef.current
      if (!g) return null
      const logical = (price - g.lo) / g.step
      const i = Math.floor(logical)
      const ts = c.timeScale()
      const x0 = ts.logicalToCoordinate(i as Logical)
      const x1 = ts.logicalToCoordinate((i + 1) as Logical)
      return x0 === null || x1 === null ? null : x0 + (x1 - x0) * (logical - i)
    })
    expirySeries.attachPrimitive(lines)
    const onMove = (p: MouseEventParams<number>) => {
      const g = gridRef.current
      if (p.time === undefined || !g) return setHover(null)
      const i = Math.round((p.time - g.lo) / g.step)
      const e = curvesRef.current.expiry[i]
      const t = curvesRef.current.dated[i]
      setHover(e && t ? { price: e.price, expiry: e.pnl, dated: t.pnl } : null)
    }
    chart.subscribeCrosshairMove(onMove)
    chartRef.current = chart
    expiryRef.current = expirySeries
    datedRef.current = datedSeries
    linesRef.current = lines
    return () => {
      chart.unsubscribeCrosshairMove(onMove)
      chart.remove()
      chartRef.current = null
      expiryRef.current = null
      datedRef.current = null
      linesRef.current = null
      zeroRef.current = null
    }
  }, [])

  useLayoutEffect(() => {
    chartRef.current?.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: colors.bg },
        textColor: colors.text,
        fontSize: 11,
      },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      rightPriceScale: { borderColor: colors.border },
      timeScale: { borderColor: colors.border },
    })
    expiryRef.current?.applyOptions({
      topLineColor: colors.up,
      topFillColor1: colors.upFill,
      topFillColor2: colors.upFill,
      bottomLineColor: colors.down,
      bottomFillColor1: colors.downFill,
      bottomFillColor2: colors.downFill,
    })
    datedRef.current?.applyOptions({ color: colors.today })
    zeroRef.current?.applyOptions({ color: colors.text })
  }, [colors])

  useLayoutEffect(() => {
    gridRef.current = grid
    curvesRef.current = { ...curvesRef.current, expiry: expiryCurve }
    expiryRef.current?.setData(toData(expiryCurve))
    chartRef.current?.timeScale().fitContent()
  }, [grid, expiryCurve])

  useLayoutEffect(() => {
    curvesRef.current = { ...curvesRef.current, dated: datedCurve }
    datedRef.current?.setData(toData(datedCurve))
  }, [datedCurve])

  const breakevens = risk?.profile.breakevens
  useLayoutEffect(() => {
    const lines: VerticalLine<number>[] = []
    for (const k of shorts)
      lines.push({ at: k, color: colors.strike, label: `short ${k}`, row: 'bottom', dashed: true })
    breakevens?.forEach((b) =>
      lines.push({ at: b, color: colors.breakeven, label: `BE ${pts(b)}`, row: 0, dashed: true }),
    )
    if (spot > 0) lines.push({ at: spot, color: colors.spot, label: `spot ${pts(spot)}`, row: 1 })
    linesRef.current?.setLines(lines)
  }, [shorts, breakevens, spot, colors])

  const resetControls = () => {
    setDay(0)
    setShift(0)
    setIvText(String(DEFAULT_IV_PCT))
    setSpotText(initialSpot > 0 ? initialSpot.toFixed(2) : '')
  }

  const profile = risk?.profile
  const g = risk?.greeks
  const dte = daysBetween(valueDate, expiry)
  return (
    <div className="payoff">
      <div className="payoff-controls" role="group" aria-label="Payoff model inputs">
        <label className="pc-field" htmlFor={`${ids}-spot`}>
          <span>Spot</span>
          <input
            id={`${ids}-spot`}
            type="number"
            inputMode="decimal"
            step="1"
            min="0"
            value={spotText}
            aria-invalid={!spotValid}
            aria-describedby={`${ids}-spot-src`}
            onChange={(e) => setSpotText(e.target.value)}
          />
          <small id={`${ids}-spot-src`} className="muted">
            {defaultSpot ? defaultSpot.source : 'midpoint of the short strikes'}
          </small>
        </label>
        <label className="pc-field" htmlFor={`${ids}-iv`}>
          <span>IV %</span>
          <input
            id={`${ids}-iv`}
            type="number"
            inputMode="decimal"
            step="0.5"
            min="0.5"
            max="300"
            value={ivInput.text}
            aria-invalid={!ivValid}
            onChange={(e) => setIvText(e.target.value)}
          />
          <small className="muted">every leg</small>
        </label>
        <label className="pc-field pc-slider" htmlFor={`${ids}-date`}>
          <span>
            Date <output htmlFor={`${ids}-date`}>{valueDate}</output>{' '}
            <small className="muted">({dte} DTE)</small>
          </span>
          <input
            id={`${ids}-date`}
            type="range"
            min={0}
            max={totalDays}
            step={1}
            value={dayClamped}
            disabled={totalDays === 0}
            aria-valuetext={`${valueDate}, ${dte} days to expiry`}
            onChange={(e) => setDay(Number(e.target.value))}
          />
          <small className="muted">
            {start} → {expiry}
            {expired ? ' (expired: replayed from entry)' : ''}
          </small>
        </label>
        <label className="pc-field pc-slider" htmlFor={`${ids}-shift`}>
          <span>
            IV shift{' '}
            <output htmlFor={`${ids}-shift`}>
              {shift > 0 ? '+' : shift < 0 ? '−' : '±'}
              {Math.abs(shift).toFixed(1)} pts
            </output>
          </span>
          <input
            id={`${ids}-shift`}
            type="range"
            min={SHIFT_MIN}
            max={SHIFT_MAX}
            step={0.5}
            value={shift}
            aria-valuetext={`${shift} volatility points`}
            onChange={(e) => setShift(Number(e.target.value))}
          />
          <small className="muted">
            {SHIFT_MIN} … +{SHIFT_MAX} vol points
          </small>
        </label>
        <button type="button" className="btn ghost" onClick={resetControls}>
          Reset
        </button>
      </div>

      {!built.ok ? (
        <div className="form-alert" role="alert">
          Cannot value the position: {built.reason}
        </div>
      ) : null}

      <div className="payoff-legend" aria-hidden="true">
        <span>
          <i style={{ background: colors.up }} />
          P&amp;L at expiry
        </span>
        <span>
          <i style={{ background: colors.today }} />
          Model value on {valueDate}
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
            at {pts(hover.price)}: expiry {usd(hover.expiry)} · {valueDate} {usd(hover.dated)}
          </span>
        )}
      </div>
      <div
        ref={el}
        className="payoff-chart"
        role="img"
        aria-label={`Payoff chart: P&L at expiry and model value on ${valueDate} against the SPX price`}
      />

      {risk && profile && g && (
        <div className="payoff-tables">
          <FigureTable
            label="Payoff figures"
            rows={[
              [`Model P&L at spot on ${valueDate}`, usd(risk.pnlToday), 'model-pnl'],
              ['Max profit (at expiry)', extreme(profile.maxProfit)],
              ['Max loss (at expiry)', extreme(profile.maxLoss)],
              ['Breakevens', profile.breakevens.map(pts).join(' / ') || '—'],
              ['Expected move (1 σ)', `±${pts(risk.expectedMove)}`],
            ]}
          />
          <FigureTable
            label="Greeks"
            heading={`Dollar greeks on ${valueDate}`}
            rows={[
              ['Delta ($ per SPX point)', usd(g.delta)],
              ['Gamma ($ delta per point)', usd4(g.gamma)],
              ['Theta ($ per day)', usd(g.thetaPerDay)],
              ['Vega ($ per vol point)', usd(g.vegaPerPoint)],
            ]}
          />
          <FigureTable
            label="Probabilities"
            heading={`Model probability to ${expiry}`}
            rows={[
              [
                'Expires between the breakevens',
                risk.probabilityBetweenBreakevens === null
                  ? '—'
                  : pct(risk.probabilityBetweenBreakevens),
              ],
              ...risk.probabilityOfTouch.map((t): FigureRow => [
                `Touches short ${t.strike}`,
                pct(t.probability),
              ]),
            ]}
          />
        </div>
      )}
      <p className="muted small payoff-note">
        Model values: Black–Scholes, risk-neutral lognormal prices with one IV for every leg
        (shifted by the slider), rate {(MARKET.rate * 100).toFixed(1)} %, dividend yield{' '}
        {(MARKET.div * 100).toFixed(1)} %; touch probabilities assume continuous monitoring. P&amp;L
        includes every cash flow of the trade so far, before fees.
      </p>
    </div>
  )
}

/** A label, its value and an optional test id. */
type FigureRow = [label: string, value: string, testId?: string]

/** A two-column table of named figures, optionally headed "<heading> | Value". */
function FigureTable({
  label,
  heading,
  rows,
}: {
  label: string
  heading?: string
  rows: FigureRow[]
}) {
  return (
    <table className="grid-table compact" aria-label={label}>
      {heading && (
        <thead>
          <tr>
            <th>{heading}</th>
            <th className="num">Value</th>
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map(([name, value, testId]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num" data-testid={testId}>
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
