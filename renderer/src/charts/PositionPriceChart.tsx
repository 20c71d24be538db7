import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type SeriesMarker,
  type Time,
  type WhitespaceData,
} from 'lightweight-charts'
import { useLayoutEffect, useMemo, useRef } from 'react'
import type { AdjustmentKind, PositionDetail } from '../../../shared/domain.ts'
import type { SeriesPoint } from '../../../shared/market.ts'
import { PALETTE, useThemeValue } from './chartTheme.ts'
import { addDays } from '../../../shared/dates.ts'
import { nyDate } from './positionModel.ts'
import { VerticalLines } from './verticalLines.ts'
import './charts.css'

/** Bars shown before the entry, for context. */
export const BARS_BEFORE_ENTRY = 60

const KIND_TEXT: Record<AdjustmentKind, string> = {
  open: 'Entry',
  roll: 'Roll',
  close: 'Close',
  partial_close: 'Partial close',
  hedge_add: 'Hedge +',
  hedge_adjust: 'Hedge adj',
  hedge_time_shift: 'Hedge shift',
  hedge_remove: 'Hedge −',
  expire: 'Expired',
  other: 'Adj',
}

const STRIKES = [
  ['longPut', 'long put'],
  ['shortPut', 'short put'],
  ['shortCall', 'short call'],
  ['longCall', 'long call'],
] as const

/** Weekdays after `from` up to `to` as whitespace, so the axis reaches an expiry past the data. */
function weekdaysAfter(from: string, to: string): WhitespaceData<Time>[] {
  const out: WhitespaceData<Time>[] = []
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay()
    if (wd !== 0 && wd !== 6) out.push({ time: d })
  }
  return out
}

/** The first bar on or after `date` (adjustments on a weekend belong to the next session). */
function barOnOrAfter(dates: readonly string[], date: string): string | null {
  let lo = 0
  let hi = dates.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((dates[mid] as string) < date) lo = mid + 1
    else hi = mid
  }
  return dates[lo] ?? null
}

interface Props {
  detail: PositionDetail
  /** SPX daily bars from before the entry to expiry (or the last bar). */
  spx: readonly SeriesPoint[]
}

/**
 * SPX candles around the trade: the strikes as labelled price lines, the entry and each
 * adjustment as markers on the session they happened (New York date), and the expiry as a
 * vertical line — past the last bar when the data ends before it.
 */
export function PositionPriceChart({ detail, spx }: Props) {
  const theme = useThemeValue()
  const colors = PALETTE[theme]
  const s = detail.summary
  const entry = s.openedOn
  const expiry = s.expiration

  const bars = useMemo(() => {
    const i = spx.findIndex((p) => p.date >= entry)
    const first =
      i < 0 ? Math.max(spx.length - BARS_BEFORE_ENTRY, 0) : Math.max(i - BARS_BEFORE_ENTRY, 0)
    return spx.slice(first).filter((p) => expiry === null || p.date <= expiry)
  }, [spx, entry, expiry])
  const lastBar = bars[bars.length - 1]?.date ?? null

  const el = useRef<HTMLDivElement>(null)
  const chartRef = useRef<IChartApi | null>(null)
  const seriesRef = useRef<ISeriesApi<'Candlestick'> | null>(null)

  useLayoutEffect(() => {
    const container = el.current
    if (!container || bars.length === 0) return
    const c = PALETTE[theme]
    const chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: c.bg },
        textColor: c.text,
        fontSize: 11,
      },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.border },
      timeScale: { borderColor: c.border, rightOffset: 2 },
      crosshair: { mode: 0 },
    })
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: c.up,
      downColor: c.down,
      wickUpColor: c.up,
      wickDownColor: c.down,
      borderVisible: false,
      priceLineVisible: false,
      title: 'SPX',
    })
    const last = bars[bars.length - 1] as SeriesPoint
    const future = expiry && expiry > last.date ? weekdaysAfter(last.date, expiry) : []
    candles.setData([
      ...bars.map((p) => ({
        time: p.date,
        open: p.open ?? p.close,
        high: p.high ?? p.close,
        low: p.low ?? p.close,
        close: p.close,
      })),
      ...future,
    ])

    for (const [key, label] of STRIKES) {
      const k = s[key]
      if (k === null) continue
      candles.createPriceLine({
        price: Number(k),
        color: key.startsWith('short') ? c.spot : c.strike,
        lineWidth: 1,
        lineStyle: key.startsWith('short') ? LineStyle.Solid : LineStyle.Dashed,
        axisLabelVisible: true,
        title: `${label} ${k}`,
      })
    }

    const dates = bars.map((p) => p.date)
    const events = detail.adjustments.map((a) => ({
      date: nyDate(a.occurredAt),
      text: KIND_TEXT[a.kind],
    }))
    if (!detail.adjustments.some((a) => a.kind === 'open'))
      events.push({ date: entry, text: 'Entry' })
    const markers: SeriesMarker<Time>[] = []
    for (const e of events.sort((a, b) => (a.date < b.date ? -1 : 1))) {
      const bar = barOnOrAfter(dates, e.date)
      if (!bar) continue
      const isEntry = e.text === 'Entry'
      markers.push({
        time: bar,
        position: isEntry ? 'belowBar' : 'aboveBar',
        shape: isEntry ? 'arrowUp' : 'arrowDown',
        color: c.marker,
        text: bar === e.date ? e.text : `${e.text} (${e.date})`,
      })
    }
    createSeriesMarkers(candles, markers)

    if (expiry) {
      const lines = new VerticalLines<Time>()
      candles.attachPrimitive(lines)
      // A holiday expiry is drawn on the last session before it.
      const at = expiry <= last.date ? (dates.filter((d) => d <= expiry).pop() ?? expiry) : expiry
      lines.setLines([
        { at, color: c.expiry, label: `expiry ${expiry}`, row: 'bottom', dashed: true },
      ])
    }
    // fitContent stops at the last real bar; the whitespace up to the expiry must be in view too.
    chart.timeScale().setVisibleLogicalRange({
      from: -0.5,
      to: bars.length + future.length + 1.5,
    })
    chartRef.current = chart
    seriesRef.current = candles
    return () => {
      chart.remove()
      chartRef.current = null
      seriesRef.current = null
    }
  }, [bars, detail, entry, expiry, s, theme])

  if (bars.length === 0)
    return (
      <p className="muted">
        No SPX bars around {entry}
        {expiry ? ` – ${expiry}` : ''} in the market data. Import newer history on the Market page.
      </p>
    )
  return (
    <div className="position-price">
      <div
        ref={el}
        className="position-price-chart"
        role="img"
        aria-label={`SPX daily candles from ${bars[0]?.date} to ${lastBar} with the strikes, the entry and adjustments, and the expiry`}
      />
      <p className="muted small price-note">
        <span style={{ color: colors.marker }}>▲▼</span> entry and adjustments ·{' '}
        <span style={{ color: colors.expiry }}>┆</span> expiry {expiry ?? '—'}
        {expiry && lastBar && expiry > lastBar ? ` (after the last bar, ${lastBar})` : ''}
      </p>
    </div>
  )
}
