import {
  AreaSeries,
  ColorType,
  createChart,
  LineSeries,
  LineStyle,
  type IChartApi,
} from 'lightweight-charts'
import { useLayoutEffect, useRef } from 'react'
import { PALETTE, useThemeValue } from '../charts/chartTheme.ts'
import { usd } from '../lib/format.ts'
import { usdWhole } from './reviewFormat.ts'
import type { EquityPoint } from './equity.ts'

/** The chart options both review charts share: the theme's colours, whole dollars on the axis. */
export function reviewChartOptions(theme: 'dark' | 'light') {
  const c = PALETTE[theme]
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: c.bg },
      textColor: c.text,
      fontSize: 11,
      panes: { separatorColor: c.border },
    },
    grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
    rightPriceScale: { borderColor: c.border },
    timeScale: { borderColor: c.border, rightOffset: 1 },
    crosshair: { mode: 0 },
    localization: { priceFormatter: usdWhole },
  } as const
}

interface Props {
  points: readonly EquityPoint[]
  /** Positions whose P&L is unknown and so left out. */
  unknown: number
}

/**
 * The cumulative P&L of the positions in time order (each at its closed date, open ones at the
 * review's as-of), and below it the drawdown from the running peak.
 */
export function EquityChart({ points, unknown }: Props) {
  const theme = useThemeValue()
  const el = useRef<HTMLDivElement>(null)
  const chartRef = useRef<IChartApi | null>(null)

  useLayoutEffect(() => {
    const container = el.current
    if (!container || points.length === 0) return
    const c = PALETTE[theme]
    const chart = createChart(container, reviewChartOptions(theme))
    const equity = chart.addSeries(LineSeries, {
      color: c.today,
      lineWidth: 2,
      priceLineVisible: false,
      title: 'Equity',
    })
    equity.setData(points.map((p) => ({ time: p.date, value: p.equity })))
    equity.createPriceLine({
      price: 0,
      color: c.strike,
      lineWidth: 1,
      lineStyle: LineStyle.Dotted,
      axisLabelVisible: false,
    })
    const drawdown = chart.addSeries(
      AreaSeries,
      {
        lineColor: c.down,
        topColor: c.downFill,
        bottomColor: c.downFill,
        lineWidth: 1,
        priceLineVisible: false,
        title: 'Drawdown',
        // The area hangs from 0 down to the drawdown, so the fill shows the depth.
        invertFilledArea: true,
      },
      1,
    )
    drawdown.setData(points.map((p) => ({ time: p.date, value: p.drawdown })))
    chart.panes()[1]?.setHeight(70)
    // Every point in view edge to edge (fitContent can run before the container has its width).
    chart.timeScale().setVisibleLogicalRange({ from: -0.5, to: points.length - 0.5 })
    chartRef.current = chart
    return () => {
      chart.remove()
      chartRef.current = null
    }
  }, [points, theme])

  if (points.length === 0)
    return <p className="muted">No position has a known P&L yet, so there is no curve to draw.</p>
  const first = points[0]!
  const last = points[points.length - 1]!
  return (
    <div className="equity">
      <div
        ref={el}
        className="equity-chart"
        role="img"
        aria-label={`Cumulative P&L of the positions from ${first.date} to ${last.date}, ending at ${usd(last.equity)}, with the drawdown below`}
      />
      <p className="muted small">
        From 0 on the first opening date; each position counts on its closed date (open ones at the
        as-of date), one point per day.
        {unknown > 0 &&
          ` ${unknown === 1 ? '1 position is' : `${unknown} positions are`} left out: P&L unknown.`}
      </p>
    </div>
  )
}
