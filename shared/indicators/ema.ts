import { checkFinite, checkPeriod, type Series } from './series.ts'

/**
 * Exponential moving average with α = 2/(n+1), seeded with the simple average of the first n
 * values (PRODUCT.md): value n − 1 is that average, then eᵢ = eᵢ₋₁ + α·(xᵢ − eᵢ₋₁).
 */
export function ema(values: readonly number[], n: number): Series {
  checkPeriod('EMA period', n)
  const alpha = 2 / (n + 1)
  const out: Series = new Array<number | null>(values.length).fill(null)
  let sum = 0
  let e = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number
    checkFinite(x, i)
    if (i < n) {
      sum += x
      if (i === n - 1) {
        e = sum / n
        out[i] = e
      }
    } else {
      e += alpha * (x - e)
      out[i] = e
    }
  }
  return out
}

/** Streaming EMA with the same seeding; `value` is null until n values were pushed. */
export class EmaUpdater {
  readonly period: number
  private readonly alpha: number
  private count = 0
  private sum = 0
  private current: number | null = null

  constructor(n: number) {
    checkPeriod('EMA period', n)
    this.period = n
    this.alpha = 2 / (n + 1)
  }

  get value(): number | null {
    return this.current
  }

  push(x: number): number | null {
    checkFinite(x, this.count)
    const n = this.period
    if (this.count < n) {
      this.sum += x
      if (this.count === n - 1) this.current = this.sum / n
    } else {
      const e = this.current as number
      this.current = e + this.alpha * (x - e)
    }
    this.count++
    return this.current
  }
}
