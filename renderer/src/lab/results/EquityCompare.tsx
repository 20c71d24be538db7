import { createChart, LineSeries, LineStyle } from 'lightweight-charts'
import { useLayoutEffect, useRef } from 'react'
import type { LabRulesetResult } from '../../../../shared/lab.ts'
import { PALETTE, useThemeValue } from '../../charts/chartTheme.ts'
import { reviewChartOptions } from '../../review/EquityChart.tsx'
import { rulesetLabel, usdE4 } from '../labFormat.ts'
import { ModelLabel, withModelLabel } from '../ModelLabel.tsx'
import { seriesColor } from '../seriesColors.ts'

interface Props {
  results: readonly LabRulesetResult[]
}

/**
 * Every ruleset's equity on one time axis (realised P&L plus the open condors at model value,
 * each session's close), and below it each one's drawdown from its running peak — the review's
 * chart, one line per ruleset in its run colour.
 */
export function EquityCompare({ results }: Props) {
  const theme = useThemeValue()
  const el = useRef<HTMLDivElement>(null)

  useLayoutEffect(() => {
    const container = el.current
    if (!container || results.every((r) => r.equity.length === 0)) return
    const c = PALETTE[theme]
    const chart = createChart(container, reviewChartOptions(theme))
    results.forEach((r, i) => {
      const color = seriesColor(theme, i)
      const equity = chart.addSeries(LineSeries, {
        color,
        lineWidth: 2,
        priceLineVisible: false,
        lastValueVisible: true,
        title: r.ruleset.id,
      })
      equity.setData(r.equity.map((p) => ({ time: p.date, value: p.equityE4 / 10_000 })))
      if (i === 0)
        equity.createPriceLine({
          price: 0,
          color: c.strike,
          lineWidth: 1,
          lineStyle: LineStyle.Dotted,
          axisLabelVisible: false,
        })
      const drawdown = chart.addSeries(
        LineSeries,
        { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false },
        1,
      )
      drawdown.setData(r.equity.map((p) => ({ time: p.date, value: p.drawdownE4 / 10_000 })))
    })
    chart.panes()[1]?.setHeight(90)
    chart.timeScale().fitContent()
    return () => chart.remove()
  }, [results, theme])

  if (results.every((r) => r.equity.length === 0))
    return <p className="muted">No session was replayed, so there is no curve to draw.</p>
  const description = results
    .map((r) => {
      const last = r.equity[r.equity.length - 1]
      return `${rulesetLabel(r.ruleset)} ending at ${usdE4(last?.equityE4 ?? 0)}`
    })
    .join('; ')
  return (
    <figure className="lab-figure lab-equity">
      <Legend results={results} />
      <div
        ref={el}
        className="lab-equity-chart"
        role="img"
        aria-label={withModelLabel(`Equity and drawdown per ruleset: ${description}`)}
      />
      <figcaption className="muted small">
        Equity = closed trades’ P&L plus the open condors at model value, each session’s close, from
        0 on the first entry. Below: the fall from each ruleset’s running peak.
        <ModelLabel />
      </figcaption>
    </figure>
  )
}

/** The run colour of each ruleset, as the charts and the histogram draw them. */
export function Legend({ results }: Props) {
  const theme = useThemeValue()
  return (
    <ul className="lab-legend" aria-label="Rulesets">
      {results.map((r, i) => (
        <li key={rulesetLabel(r.ruleset)}>
          <i style={{ background: seriesColor(theme, i) }} aria-hidden="true" />
          {r.ruleset.name} <span className="muted">{rulesetLabel(r.ruleset)}</span>
        </li>
      ))}
    </ul>
  )
}
