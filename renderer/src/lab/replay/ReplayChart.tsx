import {
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineType,
  type SeriesMarker,
  type Time,
} from 'lightweight-charts'
import { useLayoutEffect, useRef } from 'react'
import type { LabReplayDay, LabStrikes, LabTradeReplay } from '../../../../shared/lab.ts'
import { PALETTE, useThemeValue } from '../../charts/chartTheme.ts'
import { VerticalLines } from '../../charts/verticalLines.ts'
import { reviewChartOptions } from '../../review/EquityChart.tsx'
import { rulesetLabel } from '../labFormat.ts'
import { withModelLabel } from '../ModelLabel.tsx'

const STRIKES: readonly [keyof LabStrikes, boolean][] = [
  ['longPut', false],
  ['shortPut', true],
  ['shortCall', true],
  ['longCall', false],
]

/** The action's words on the chart: "ROLL_OUT" → "Roll out"; "(not done)" when it could not be. */
const markerText = (d: LabReplayDay) =>
  `${d.action.charAt(0)}${d.action.slice(1).toLowerCase().replaceAll('_', ' ')}${d.executed ? '' : ' (not done)'}`

/** Sessions within which a repeated action gets an arrow but no second label: an eighth of the chart, at least 5. */
const labelGap = (sessions: number) => Math.max(5, Math.round(sessions / 8))

/**
 * A marker per action, labelled unless the same action was labelled a few sessions before (a
 * ruleset rolling day after day would stack its labels into an unreadable pile).
 */
function actionMarkers(
  days: readonly LabReplayDay[],
  done: string,
  notDone: string,
): SeriesMarker<Time>[] {
  const out: SeriesMarker<Time>[] = []
  const labelled = new Map<string, number>()
  const gap = labelGap(days.length)
  days.forEach((d, i) => {
    if (d.action === 'HOLD') return
    const text = markerText(d)
    const last = labelled.get(text)
    const label = last === undefined || i - last > gap
    if (label) labelled.set(text, i)
    out.push({
      time: d.date,
      position: 'aboveBar',
      shape: 'arrowDown',
      color: d.executed ? done : notDone,
      text: label ? text : '',
    })
  })
  return out
}

interface Props {
  replay: LabTradeReplay
  /** The SPX sessions to draw (the longest replay of the trade), so every chart spans the same days. */
  spx: readonly LabReplayDay[]
}

/**
 * One ruleset's handling of the trade: SPX at each session's close, the strikes it held as
 * steps (solid shorts, dashed wings; a roll moves them, a close ends them), each action as a
 * marker on its session, and the expiry as a vertical line.
 */
export function ReplayChart({ replay, spx }: Props) {
  const theme = useThemeValue()
  const el = useRef<HTMLDivElement>(null)
  const { trade, days } = replay

  useLayoutEffect(() => {
    const container = el.current
    if (!container || spx.length === 0) return
    const c = PALETTE[theme]
    const chart = createChart(container, {
      ...reviewChartOptions(theme),
      localization: { priceFormatter: (v: number) => v.toFixed(0) },
    })
    const line = chart.addSeries(LineSeries, {
      color: c.today,
      lineWidth: 2,
      priceLineVisible: false,
      title: 'SPX',
    })
    line.setData(spx.map((d) => ({ time: d.date, value: d.spx })))
    for (const [key, short] of STRIKES) {
      const steps = chart.addSeries(LineSeries, {
        color: short ? c.spot : c.strike,
        lineWidth: 1,
        lineStyle: short ? 0 : 2,
        lineType: LineType.WithSteps,
        priceLineVisible: false,
        lastValueVisible: false,
        crosshairMarkerVisible: false,
      })
      // A closed leg comes as 0: a gap, not a drop to the axis.
      steps.setData(
        days.map((d) => {
          const k = d.strikes?.[key] ?? 0
          return k > 0 ? { time: d.date, value: k } : { time: d.date }
        }),
      )
    }
    const markers: SeriesMarker<Time>[] = [
      {
        time: trade.entryDate,
        position: 'belowBar',
        shape: 'arrowUp',
        color: c.marker,
        text: 'Entry',
      },
      ...actionMarkers(days, c.down, c.strike),
    ]
    if (trade.exitKind !== 'end_of_data')
      markers.push({
        time: trade.exitDate,
        position: 'belowBar',
        shape: 'circle',
        color: c.marker,
        text: trade.exitKind === 'expiry' ? 'Settled' : 'Closed',
      })
    // Markers must be on sessions the line has, in time order.
    const sessions = new Set(spx.map((d) => d.date))
    createSeriesMarkers(
      line,
      markers
        .filter((m) => sessions.has(m.time as string))
        .sort((a, b) => ((a.time as string) < (b.time as string) ? -1 : 1)),
    )
    const lines = new VerticalLines<Time>()
    line.attachPrimitive(lines)
    const expiries = [...new Set([trade.expiry, trade.finalExpiry])]
    lines.setLines(
      expiries
        .filter((e) => sessions.has(e))
        .map((e, i) => ({ at: e, color: c.expiry, label: `expiry ${e}`, row: i, dashed: true })),
    )
    // Room either side for the entry's and the exit's labels.
    chart.timeScale().setVisibleLogicalRange({ from: -4, to: spx.length + 3 })
    return () => chart.remove()
  }, [days, spx, theme, trade])

  const actions = days.filter((d) => d.action !== 'HOLD').length
  return (
    <div
      ref={el}
      className="lab-replay-chart"
      role="img"
      aria-label={withModelLabel(
        `SPX from ${spx[0]?.date ?? '—'} to ${spx[spx.length - 1]?.date ?? '—'} with the strikes ${rulesetLabel(replay.ruleset)} held and its ${actions} action${actions === 1 ? '' : 's'}`,
      )}
    />
  )
}
