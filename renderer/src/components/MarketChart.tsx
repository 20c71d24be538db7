import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  LineStyle,
  PriceScaleMode,
  type IChartApi,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
} from 'lightweight-charts'
import { useEffect, useMemo, useRef, useState } from 'react'
import { macd, rsi, type Series } from '../../../shared/indicators/index.ts'
import type { EventPoint, SeriesData, SeriesPoint } from '../../../shared/market.ts'
import { PALETTE } from '../charts/chartTheme.ts'
import type { Theme } from '../lib/theme.ts'

export type RangePreset = '1M' | '3M' | '6M' | '1Y' | '5Y' | 'All'
export const RANGE_PRESETS: RangePreset[] = ['1M', '3M', '6M', '1Y', '5Y', 'All']

interface Props {
  series: SeriesData[]
  events: EventPoint[]
  range: RangePreset
  theme: Theme
  /** Called once the chart has drawn its data, with the time that took (ms). */
  onRendered?: (ms: number) => void
}

/** The chart palette shared with the position charts (canvas cannot read CSS variables). */
const COLORS = PALETTE
const LINE = {
  vix: '#f2a93b',
  vix9d: '#b48cff',
  vix3m: '#4c9aff',
  ratio: '#e8715f',
  spxRsi: '#4c9aff',
  vixRsi: '#f2a93b',
  macd: '#4c9aff',
  signal: '#f2a93b',
}
const EVENT_STYLE: Record<string, { color: string; text: string }> = {
  FOMC: { color: '#e8715f', text: 'F' },
  CPI: { color: '#b48cff', text: 'C' },
  PPI: { color: '#3fb6cf', text: 'P' },
}

function line(dates: string[], values: Series) {
  return dates.map((time, i) =>
    values[i] == null ? { time } : { time, value: values[i] as number },
  )
}

/** The date `preset` back from `last` (ISO), or null for "All". */
export function rangeStart(last: string, preset: RangePreset): string | null {
  if (preset === 'All') return null
  const d = new Date(`${last}T00:00:00Z`)
  const months = { '1M': 1, '3M': 3, '6M': 6, '1Y': 12, '5Y': 60 }[preset]
  d.setUTCMonth(d.getUTCMonth() - months)
  return d.toISOString().slice(0, 10)
}

interface Legend {
  date: string
  rows: { label: string; color: string; value: string }[]
}

/**
 * The Market page chart, one time axis and five panes: SPX candles with FOMC/CPI/PPI markers;
 * VIX with VIX9D and VIX3M; the VIX/VIX3M ratio (above 1 = backwardation); RSI(14) of SPX and
 * VIX; MACD(12,26,9) of SPX. Indicators use the conventions of shared/indicators.
 */
export function MarketChart({ series, events, range, theme, onRendered }: Props) {
  const el = useRef<HTMLDivElement>(null)
  const chartRef = useRef<IChartApi | null>(null)
  const [legend, setLegend] = useState<Legend | null>(null)
  const bySymbol = useMemo(() => new Map(series.map((s) => [s.symbol, s.points])), [series])
  const spx = useMemo(() => bySymbol.get('SPX') ?? [], [bySymbol])
  const lastDate = spx[spx.length - 1]?.date

  useEffect(() => {
    const container = el.current
    if (!container || spx.length === 0) return
    const started = performance.now()
    const c = COLORS[theme]
    const chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: c.bg },
        textColor: c.text,
        fontSize: 11,
        panes: { separatorColor: c.border },
      },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.border },
      timeScale: { borderColor: c.border, minBarSpacing: 0.01 },
      crosshair: { mode: 0 },
    })
    chartRef.current = chart
    const dates = spx.map((p) => p.date)
    const closes = spx.map((p) => p.close)

    const candles = chart.addSeries(
      CandlestickSeries,
      {
        upColor: c.up,
        downColor: c.down,
        wickUpColor: c.up,
        wickDownColor: c.down,
        borderVisible: false,
        title: 'SPX',
      },
      0,
    )
    candles.setData(
      spx.map((p) => ({
        time: p.date,
        open: p.open ?? p.close,
        high: p.high ?? p.close,
        low: p.low ?? p.close,
        close: p.close,
      })),
    )
    const onBar = new Set(dates)
    const markers: SeriesMarker<Time>[] = events
      .filter((e) => EVENT_STYLE[e.kind] && onBar.has(e.date))
      .map((e) => ({
        time: e.date,
        position: 'aboveBar',
        shape: 'circle',
        size: 0.6,
        color: EVENT_STYLE[e.kind]!.color,
        text: EVENT_STYLE[e.kind]!.text,
      }))
    createSeriesMarkers(candles, markers)

    // Volatility lines are aligned to the SPX dates so every pane shares one axis.
    const aligned = (symbol: string): Series => {
      const m = new Map((bySymbol.get(symbol) ?? []).map((p: SeriesPoint) => [p.date, p.close]))
      return dates.map((d) => m.get(d) ?? null)
    }
    const vix = aligned('VIX')
    const vix3m = aligned('VIX3M')
    const addLine = (
      pane: number,
      color: string,
      title: string,
      values: Series,
      width: 1 | 2 = 1,
    ) => {
      const s = chart.addSeries(
        LineSeries,
        { color, lineWidth: width, title, priceLineVisible: false, lastValueVisible: true },
        pane,
      )
      s.setData(line(dates, values))
      return s
    }
    addLine(1, LINE.vix, 'VIX', vix, 2)
    addLine(1, LINE.vix9d, 'VIX9D', aligned('VIX9D'))
    addLine(1, LINE.vix3m, 'VIX3M', vix3m)
    const ratio = vix.map((v, i) =>
      v != null && vix3m[i] != null ? v / (vix3m[i] as number) : null,
    )
    addLine(2, LINE.ratio, 'VIX/VIX3M', ratio).createPriceLine({
      price: 1,
      color: c.text,
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      title: 'backwardation',
      axisLabelVisible: false,
    })
    const spxRsi = rsi(closes, 14)
    // RSI of VIX over the VIX's own history, then aligned (the VIX has dates SPX lacks).
    const vixPoints = bySymbol.get('VIX') ?? []
    const vixRsiByDate = new Map(
      rsi(
        vixPoints.map((p) => p.close),
        14,
      ).map((v, i) => [vixPoints[i]!.date, v]),
    )
    const vixRsi = dates.map((d) => vixRsiByDate.get(d) ?? null)
    const rsiLine = addLine(3, LINE.spxRsi, 'SPX RSI14', spxRsi)
    addLine(3, LINE.vixRsi, 'VIX RSI14', vixRsi)
    for (const level of [30, 70])
      rsiLine.createPriceLine({
        price: level,
        color: c.border,
        lineStyle: LineStyle.Dotted,
        lineWidth: 1,
        axisLabelVisible: false,
        title: '',
      })
    const m = macd(closes)
    const hist = chart.addSeries(
      HistogramSeries,
      { title: 'MACD hist', priceLineVisible: false },
      4,
    )
    hist.setData(
      dates.map((time, i) => {
        const h = m.histogram[i]
        return h == null ? { time } : { time, value: h, color: h >= 0 ? c.up : c.down }
      }),
    )
    addLine(4, LINE.macd, 'MACD', m.macd)
    addLine(4, LINE.signal, 'signal', m.signal)

    // Relative pane sizes; stretch factors keep them as the window resizes.
    const stretch = [4, 2, 1.2, 1.4, 1.4]
    chart.panes().forEach((p, i) => p.setStretchFactor(stretch[i] ?? 1))

    const fmt = (v: number | null | undefined, d = 2) => (v == null ? '—' : v.toFixed(d))
    const index = new Map(dates.map((d, i) => [d, i]))
    const showLegend = (i: number) => {
      setLegend({
        date: dates[i] ?? '',
        rows: [
          { label: 'SPX', color: c.up, value: fmt(closes[i]) },
          { label: 'VIX', color: LINE.vix, value: fmt(vix[i]) },
          { label: 'VIX3M', color: LINE.vix3m, value: fmt(vix3m[i]) },
          { label: 'VIX/VIX3M', color: LINE.ratio, value: fmt(ratio[i], 3) },
          { label: 'SPX RSI', color: LINE.spxRsi, value: fmt(spxRsi[i], 1) },
          { label: 'VIX RSI', color: LINE.vixRsi, value: fmt(vixRsi[i], 1) },
          { label: 'MACD hist', color: LINE.macd, value: fmt(m.histogram[i]) },
        ],
      })
    }
    showLegend(dates.length - 1)
    const onMove = (p: MouseEventParams<Time>) => {
      const i = typeof p.time === 'string' ? index.get(p.time) : undefined
      showLegend(i ?? dates.length - 1)
    }
    chart.subscribeCrosshairMove(onMove)
    requestAnimationFrame(() => onRendered?.(performance.now() - started))
    return () => {
      chart.unsubscribeCrosshairMove(onMove)
      chart.remove()
      chartRef.current = null
    }
  }, [spx, bySymbol, events, theme, onRendered])

  useEffect(() => {
    const chart = chartRef.current
    if (!chart || !lastDate || !spx[0]) return
    const from = rangeStart(lastDate, range)
    // Nearly a century of SPX reads best on a log scale; a few years or less on a linear one.
    chart.priceScale('right', 0).applyOptions({
      mode: range === 'All' || range === '5Y' ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal,
    })
    chart.timeScale().setVisibleRange({
      from: (from && from > spx[0].date ? from : spx[0].date) as Time,
      to: lastDate as Time,
    })
  }, [range, lastDate, spx, series, theme])

  return (
    <div className="market-chart-wrap">
      {legend && (
        <div className="chart-legend" aria-live="off">
          <span className="legend-date">{legend.date}</span>
          {legend.rows.map((r) => (
            <span key={r.label}>
              <i style={{ background: r.color }} />
              {r.label} <b>{r.value}</b>
            </span>
          ))}
        </div>
      )}
      <div
        ref={el}
        className="market-chart"
        role="img"
        aria-label={`SPX, VIX term structure, RSI and MACD chart, ${range} range`}
      />
    </div>
  )
}
