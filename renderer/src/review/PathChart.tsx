import {
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  type ISeriesApi,
  type Time,
} from 'lightweight-charts'
import { useLayoutEffect, useRef } from 'react'
import type { ResponseOf } from '../../../shared/contract.ts'
import { PALETTE, useThemeValue } from '../charts/chartTheme.ts'
import { usd } from '../lib/format.ts'
import { reviewChartOptions } from './EquityChart.tsx'
import { worstDate } from './equity.ts'

export type DecisionPaths = ResponseOf<'review:paths'>

/** The two paths' colours: what was done in the accent, the path not taken in the warm colour. */
const colours = (theme: 'dark' | 'light') => ({
  actual: PALETTE[theme].today,
  held: PALETTE[theme].spot,
})

/** A path's worst point, as its marker and legend say it. */
const worstText = (worst: number | null, date: string | null) =>
  worst === null ? 'unknown' : `${usd(worst)}${date ? ` on ${date}` : ''}`

/**
 * One decision's daily paths (model values, from `review:paths`): the position's P&L as it was
 * managed, and with the legs open at the decision held to expiry, each path's worst point (max
 * adverse excursion) marked.
 */
export function PathChart({ paths, decisionDate }: { paths: DecisionPaths; decisionDate: string }) {
  const theme = useThemeValue()
  const el = useRef<HTMLDivElement>(null)
  const worstActualOn = worstDate(paths.points, 'actual', paths.worstActual)
  const worstHeldOn = worstDate(paths.points, 'held', paths.worstHeld)

  useLayoutEffect(() => {
    const container = el.current
    if (!container || paths.points.length === 0) return
    const c = PALETTE[theme]
    const line = colours(theme)
    const chart = createChart(container, reviewChartOptions(theme))
    // Room below and above the lines for the worst-point marks, which do not stretch the scale.
    chart.priceScale('right').applyOptions({ scaleMargins: { top: 0.15, bottom: 0.25 } })
    const add = (key: 'actual' | 'held', title: string, dashed: boolean) => {
      const s = chart.addSeries(LineSeries, {
        color: line[key],
        lineWidth: 2,
        lineStyle: dashed ? LineStyle.Dashed : LineStyle.Solid,
        priceLineVisible: false,
        lastValueVisible: true,
        title,
      })
      s.setData(
        paths.points.map((p) =>
          p[key] === null ? { time: p.date } : { time: p.date, value: p[key] },
        ),
      )
      return s
    }
    const actual = add('actual', 'Actual', false)
    const held = add('held', 'Held', true)
    actual.createPriceLine({
      price: 0,
      color: c.strike,
      lineWidth: 1,
      lineStyle: LineStyle.Dotted,
      axisLabelVisible: false,
    })
    // Actual's mark below its line, held's above: on a shared worst day they do not collide.
    const mark = (
      s: ISeriesApi<'Line'>,
      date: string | null,
      colour: string,
      text: string,
      below: boolean,
    ) => {
      if (date)
        createSeriesMarkers<Time>(
          s,
          [
            {
              time: date,
              position: below ? 'belowBar' : 'aboveBar',
              shape: below ? 'arrowUp' : 'arrowDown',
              color: colour,
              text,
            },
          ],
          { autoScale: false },
        )
    }
    mark(actual, worstActualOn, line.actual, `worst ${usd(paths.worstActual)}`, true)
    mark(held, worstHeldOn, line.held, `worst ${usd(paths.worstHeld)}`, false)
    chart.timeScale().fitContent()
    return () => chart.remove()
  }, [paths, theme, worstActualOn, worstHeldOn])

  if (paths.points.length === 0)
    return (
      <p className="muted">
        No daily path: the stored history has no sessions from {decisionDate} on.
      </p>
    )
  const line = colours(theme)
  const first = paths.points[0]!.date
  const last = paths.points[paths.points.length - 1]!.date
  return (
    <div className="path">
      <div
        ref={el}
        className="path-chart"
        role="img"
        aria-label={`Daily P&L from ${first} to ${last}: actual (worst ${worstText(paths.worstActual, worstActualOn)}) and held to expiry (worst ${worstText(paths.worstHeld, worstHeldOn)})`}
      />
      <p className="muted small path-legend">
        <span style={{ color: line.actual }}>━</span> actual, worst{' '}
        {worstText(paths.worstActual, worstActualOn)} · <span style={{ color: line.held }}>╍</span>{' '}
        held to expiry, worst {worstText(paths.worstHeld, worstHeldOn)} · model values on stored
        closes
        {paths.asOf ? ` up to ${paths.asOf}` : ''}
      </p>
    </div>
  )
}
