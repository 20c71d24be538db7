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
import { useLayoutEffect, useRef, useState, type RefObject } from 'react'
import type { Palette } from '../chartTheme.ts'
import { VerticalLines, type VerticalLine } from '../verticalLines.ts'
import { logicalOf, type Grid } from './priceGrid.ts'
import { pts, usd } from './payoffFormat.ts'
import type { CurvePoint } from './usePayoffModel.ts'

export interface Hover {
  price: number
  expiry: number
  dated: number
}

interface Inputs {
  colors: Palette
  grid: Grid | null
  expiryCurve: readonly CurvePoint[]
  datedCurve: readonly CurvePoint[]
  shorts: readonly number[]
  breakevens: readonly number[] | undefined
  spot: number
}

const toData = (curve: readonly CurvePoint[]) => curve.map((p) => ({ time: p.price, value: p.pnl }))

/**
 * The payoff chart's lifecycle: created once on `container`, then fed in place — new curves,
 * lines and colours update the existing series, so sliders never re-create the chart. Returns
 * the crosshair's read-out.
 */
export function usePayoffChart(
  container: RefObject<HTMLDivElement | null>,
  x: Inputs,
): Hover | null {
  const chartRef = useRef<IChartApiBase<number> | null>(null)
  const expiryRef = useRef<ISeriesApi<'Baseline', number> | null>(null)
  const datedRef = useRef<ISeriesApi<'Line', number> | null>(null)
  const linesRef = useRef<VerticalLines<number> | null>(null)
  const zeroRef = useRef<IPriceLine | null>(null)
  const gridRef = useRef<Grid | null>(null)
  const curvesRef = useRef<{ expiry: readonly CurvePoint[]; dated: readonly CurvePoint[] }>({
    expiry: [],
    dated: [],
  })
  const [hover, setHover] = useState<Hover | null>(null)

  useLayoutEffect(() => {
    const el = container.current
    if (!el) return
    const chart = createOptionsChart(el, {
      autoSize: true,
      localization: { precision: 0, priceFormatter: (v: number) => usd(v).replace('.00', '') },
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
    const lines = new VerticalLines<number>((price, c) => {
      const g = gridRef.current
      if (!g) return null
      const { i, frac } = logicalOf(g, price)
      const ts = c.timeScale()
      const x0 = ts.logicalToCoordinate(i as Logical)
      const x1 = ts.logicalToCoordinate((i + 1) as Logical)
      return x0 === null || x1 === null ? null : x0 + (x1 - x0) * frac
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
  }, [container])

  const { colors, grid, expiryCurve, datedCurve, shorts, breakevens, spot } = x
  useLayoutEffect(() => {
    chartRef.current?.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: colors.bg },
        textColor: colors.text,
        fontSize: 11,
      },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      // Room above and below the curves, so the top and bottom axis labels are not cut.
      rightPriceScale: { borderColor: colors.border, scaleMargins: { top: 0.08, bottom: 0.08 } },
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
  }, [grid, expiryCurve])

  // Refit only when the price axis changes, not on every curve update.
  useLayoutEffect(() => {
    chartRef.current?.timeScale().fitContent()
  }, [grid])

  useLayoutEffect(() => {
    curvesRef.current = { ...curvesRef.current, dated: datedCurve }
    datedRef.current?.setData(toData(datedCurve))
  }, [datedCurve])

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

  return hover
}
