/**
 * The payoff chart's price axis. lightweight-charts' options chart spaces points by index, not
 * by value, so the curve is sampled on an evenly spaced grid.
 */
export interface Grid {
  /** The first price, index points. */
  lo: number
  /** The spacing, index points. */
  step: number
  /** The number of prices. */
  n: number
}

/** A step of 0.5, 1, 2, 5, 10… points giving at most ~1500 samples over `span`. */
export function gridStep(span: number): number {
  for (const s of [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]) if (span / s <= 1500) return s
  return 1000
}

/**
 * A grid covering `prices` (strikes, spots) with 20 % of their range (at least 1 % of the top)
 * on each side, on multiples of its step and above 0.
 */
export function priceGrid(prices: readonly number[]): Grid {
  const a = Math.min(...prices)
  const b = Math.max(...prices)
  const pad = Math.max((b - a) * 0.2, b * 0.01)
  const step = gridStep(b - a + 2 * pad)
  const lo = Math.max(step, Math.floor((a - pad) / step) * step)
  const hi = Math.ceil((b + pad) / step) * step
  return { lo, step, n: Math.round((hi - lo) / step) + 1 }
}

/** The grid's prices, ascending. */
export function gridPrices(g: Grid): number[] {
  return Array.from({ length: g.n }, (_, i) => g.lo + i * g.step)
}

/**
 * The chart x coordinate of a price between two grid points: the time scale maps only whole
 * logical indexes to pixels, so the position is interpolated between the neighbours.
 */
export function logicalOf(g: Grid, price: number): { i: number; frac: number } {
  const logical = (price - g.lo) / g.step
  const i = Math.floor(logical)
  return { i, frac: logical - i }
}
