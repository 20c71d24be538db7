import { checkFinite, checkPeriod, type Series } from './series.ts'

/**
 * Wilder's RSI (PRODUCT.md): the first average gain/loss is the simple mean of the first n
 * changes, then avg = (prev·(n−1) + current)/n; RSI = 100 − 100/(1 + avgGain/avgLoss), and 100
 * when the average loss is 0. Value i is defined from i = n (n changes need n + 1 closes).
 */
export function rsi(closes: readonly number[], n = 14): Series {
  checkPeriod('RSI period', n)
  const out: Series = new Array<number | null>(closes.length).fill(null)
  let avgGain = 0
  let avgLoss = 0
  for (let i = 0; i < closes.length; i++) {
    const x = closes[i] as number
    checkFinite(x, i)
    if (i === 0) continue
    const change = x - (closes[i - 1] as number)
    const gain = change > 0 ? change : 0
    const loss = change < 0 ? -change : 0
    if (i < n) {
      avgGain += gain
      avgLoss += loss
      continue
    }
    if (i === n) {
      avgGain = (avgGain + gain) / n
      avgLoss = (avgLoss + loss) / n
    } else {
      avgGain = (avgGain * (n - 1) + gain) / n
      avgLoss = (avgLoss * (n - 1) + loss) / n
    }
    out[i] = rsiOf(avgGain, avgLoss)
  }
  return out
}

function rsiOf(avgGain: number, avgLoss: number): number {
  return avgLoss === 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss)
}

/** Streaming Wilder RSI; `value` is null until n + 1 closes were pushed. */
export class RsiUpdater {
  readonly period: number
  private count = 0
  private last = 0
  private avgGain = 0
  private avgLoss = 0
  private current: number | null = null

  constructor(n = 14) {
    checkPeriod('RSI period', n)
    this.period = n
  }

  get value(): number | null {
    return this.current
  }

  push(x: number): number | null {
    checkFinite(x, this.count)
    const i = this.count++
    const prev = this.last
    this.last = x
    if (i === 0) return this.current
    const n = this.period
    const change = x - prev
    const gain = change > 0 ? change : 0
    const loss = change < 0 ? -change : 0
    if (i < n) {
      this.avgGain += gain
      this.avgLoss += loss
      return this.current
    }
    if (i === n) {
      this.avgGain = (this.avgGain + gain) / n
      this.avgLoss = (this.avgLoss + loss) / n
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n
    }
    this.current = rsiOf(this.avgGain, this.avgLoss)
    return this.current
  }
}
