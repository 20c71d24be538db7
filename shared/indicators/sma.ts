import { checkFinite, checkPeriod, type Series } from './series.ts'

// A running sum drifts by rounding over tens of thousands of updates; re-adding the window from
// scratch once per n inputs (when the ring buffer holds it in order) keeps the error to one
// window's worth at O(1) amortised cost. Batch and streaming do the same additions in the same
// order, so they agree bit for bit.

/** Simple moving average of the last n values; value i is defined from i = n − 1. */
export function sma(values: readonly number[], n: number): Series {
  checkPeriod('SMA period', n)
  const out: Series = new Array<number | null>(values.length).fill(null)
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number
    checkFinite(x, i)
    if (i >= n) sum -= values[i - n] as number
    sum += x
    if (i % n === n - 1) {
      sum = 0
      for (let k = i - n + 1; k <= i; k++) sum += values[k] as number
    }
    if (i >= n - 1) out[i] = sum / n
  }
  return out
}

/** Streaming SMA: push one value, read the current average (null during the warm-up). */
export class SmaUpdater {
  readonly period: number
  private readonly window: Float64Array
  private count = 0
  private sum = 0
  private current: number | null = null

  constructor(n: number) {
    checkPeriod('SMA period', n)
    this.period = n
    this.window = new Float64Array(n)
  }

  /** The average as of the last push, or null before n values. */
  get value(): number | null {
    return this.current
  }

  push(x: number): number | null {
    checkFinite(x, this.count)
    const n = this.period
    const slot = this.count % n
    if (this.count >= n) this.sum -= this.window[slot] as number
    this.window[slot] = x
    this.sum += x
    if (slot === n - 1) {
      this.sum = 0
      for (let k = 0; k < n; k++) this.sum += this.window[k] as number
    }
    this.count++
    this.current = this.count >= n ? this.sum / n : null
    return this.current
  }
}
