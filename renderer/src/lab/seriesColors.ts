import { PALETTE, type ChartTheme } from '../charts/chartTheme.ts'

/**
 * One colour per ruleset of a run, in run order (at most 4), the same in every chart, legend and
 * histogram of the lab, taken from the chart palette so both themes stay readable.
 */
export function seriesColors(theme: ChartTheme): readonly string[] {
  const c = PALETTE[theme]
  return [c.today, c.spot, c.breakeven, c.up]
}

/** The colour of the ruleset at `index` in run order. */
export const seriesColor = (theme: ChartTheme, index: number): string => {
  const colors = seriesColors(theme)
  return colors[index % colors.length] as string
}
