import type {
  IChartApiBase,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  SeriesAttachedParameter,
} from 'lightweight-charts'

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0]

export interface VerticalLine<H> {
  at: H
  color: string
  label: string
  /** Label row from the top (0, 1, …) or 'bottom'. */
  row: number | 'bottom'
  dashed?: boolean
}

/**
 * Full-height vertical lines with a label, drawn on a series' pane. Lightweight-charts has
 * price lines (horizontal) but nothing vertical, and both charts need one: breakevens, strikes
 * and spot on the payoff chart's price axis, the expiry on the SPX chart's time axis.
 */
export class VerticalLines<H> implements ISeriesPrimitive<H> {
  private lines: VerticalLine<H>[] = []
  private chart: IChartApiBase<H> | null = null
  private requestUpdate: (() => void) | null = null
  private readonly views: readonly IPrimitivePaneView[]
  private toX: ((at: H, chart: IChartApiBase<H>) => number | null) | undefined

  /** `toX` maps a horizontal value to a pixel; by default the chart's own time scale. */
  constructor(toX?: (at: H, chart: IChartApiBase<H>) => number | null) {
    this.toX = toX
    const renderer: IPrimitivePaneRenderer = { draw: (target) => this.draw(target) }
    this.views = [{ renderer: () => renderer, zOrder: () => 'top' }]
  }

  attached(param: SeriesAttachedParameter<H>): void {
    this.chart = param.chart
    this.requestUpdate = param.requestUpdate
  }

  detached(): void {
    this.chart = null
    this.requestUpdate = null
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views
  }

  setLines(lines: VerticalLine<H>[], toX?: (at: H, chart: IChartApiBase<H>) => number | null) {
    this.lines = lines
    if (toX) this.toX = toX
    this.requestUpdate?.()
  }

  private x(at: H): number | null {
    const chart = this.chart
    if (!chart) return null
    return this.toX ? this.toX(at, chart) : chart.timeScale().timeToCoordinate(at)
  }

  private draw(target: Target): void {
    target.useMediaCoordinateSpace(({ context: ctx, mediaSize }) => {
      ctx.save()
      ctx.font = '11px system-ui, sans-serif'
      ctx.textBaseline = 'top'
      for (const line of this.lines) {
        const x = this.x(line.at)
        if (x === null || x < 0 || x > mediaSize.width) continue
        const px = Math.round(x) + 0.5
        ctx.strokeStyle = line.color
        ctx.lineWidth = 1
        ctx.setLineDash(line.dashed ? [4, 3] : [])
        ctx.beginPath()
        ctx.moveTo(px, 0)
        ctx.lineTo(px, mediaSize.height)
        ctx.stroke()
        const w = ctx.measureText(line.label).width
        const y = line.row === 'bottom' ? mediaSize.height - 18 : 4 + line.row * 16
        // Keep the label inside the pane: right of the line unless that would clip it.
        const lx = px + 4 + w > mediaSize.width ? px - 4 - w : px + 4
        ctx.fillStyle = line.color
        ctx.fillText(line.label, lx, y + 1)
      }
      ctx.restore()
    })
  }
}
