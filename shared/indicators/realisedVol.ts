import { checkFinite, checkPeriod, type Series } from './series.ts'

/** Trading days per year used to annualise daily volatility. */
export const TRADING_DAYS_PER_YEAR = 252

const SQRT_YEAR = Math.sqrt(TRADING_DAYS_PER_YEAR)

function checkClose(x: number, i: number): void {
  checkFinite(x, i)
  if (x <= 0) throw new RangeError(`input ${i} is not a positive price: ${x}`)
}

// Two passes over the window (mean, then squared deviations) rather than running sums of r and
// r²: daily log returns are ~1e-2, and the one-pass formula loses most of their digits.
function annualisedStdev(returns: ArrayLike<number>, start: number, n: number): number {
  const len = returns.length
  let sum = 0
  for (let k = 0; k < n; k++) sum += returns[(start + k) % len] as number
  const mean = sum / n
  let ss = 0
  for (let k = 0; k < n; k++) {
    const d = (returns[(start + k) % len] as number) - mean
    ss += d * d
  }
  return Math.sqrt(ss / (n - 1)) * SQRT_YEAR
}

/**
 * Realised volatility (PRODUCT.md `spx_rv10`/`spx_rv30`): the sample standard deviation (n − 1)
 * of the last n daily log returns ln(xᵢ/xᵢ₋₁), × √252. Value i is defined from i = n (n returns
 * need n + 1 closes); closes must be positive. Result as a fraction (0.15 = 15 %).
 */
export function realisedVol(closes: readonly number[], n: number): Series {
  checkPeriod('realised-volatility period', n, 2)
  const out: Series = new Array<number | null>(closes.length).fill(null)
  const returns = new Float64Array(Math.max(closes.length - 1, 0))
  for (let i = 0; i < closes.length; i++) {
    const x = closes[i] as number
    checkClose(x, i)
    if (i === 0) continue
    returns[i - 1] = Math.log(x / (closes[i - 1] as number))
    if (i >= n) out[i] = annualisedStdev(returns, i - n, n)
  }
  return out
}

/** Streaming realised volatility over the last n log returns. */
export class RealisedVolUpdater {
  readonly period: number
  private readonly returns: Float64Array
  private count = 0
  private last = 0
  private current: number | null = null

  constructor(n: number) {
    checkPeriod('realised-volatility period', n, 2)
    this.period = n
    this.returns = new Float64Array(n)
  }

  get value(): number | null {
    return this.current
  }

  push(close: number): number | null {
    checkClose(close, this.count)
    const i = this.count++
    const prev = this.last
    this.last = close
    if (i === 0) return this.current
    const n = this.period
    // Return number i−1 goes to slot (i−1) mod n, so the oldest of the last n is slot i mod n.
    this.returns[(i - 1) % n] = Math.log(close / prev)
    if (i >= n) this.current = annualisedStdev(this.returns, i % n, n)
    return this.current
  }
}
