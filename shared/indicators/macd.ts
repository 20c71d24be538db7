import { ema, EmaUpdater } from './ema.ts'
import { checkPeriod, type Series } from './series.ts'

export interface MacdParams {
  fast: number
  slow: number
  signal: number
}

/** MACD(12,26,9), the PRODUCT.md default. */
export const MACD_DEFAULT: Readonly<MacdParams> = { fast: 12, slow: 26, signal: 9 }

export interface MacdSeries {
  macd: Series
  signal: Series
  histogram: Series
}

export interface MacdPoint {
  macd: number | null
  signal: number | null
  histogram: number | null
}

function checkParams({ fast, slow, signal }: MacdParams): void {
  checkPeriod('MACD fast period', fast)
  checkPeriod('MACD slow period', slow)
  checkPeriod('MACD signal period', signal)
  if (fast >= slow) throw new RangeError(`MACD fast period (${fast}) must be below slow (${slow})`)
}

/**
 * MACD line = EMA(fast) − EMA(slow) of the closes, each EMA seeded with the simple average of
 * its first n inputs; signal = EMA(signal) of the MACD line, seeded with the simple average of
 * the first `signal` MACD values; histogram = MACD − signal. With (12,26,9) the MACD line is
 * defined from index 25 and the signal and histogram from index 33.
 */
export function macd(closes: readonly number[], params: MacdParams = MACD_DEFAULT): MacdSeries {
  checkParams(params)
  const fast = ema(closes, params.fast)
  const slow = ema(closes, params.slow)
  const line: Series = closes.map((_, i) => {
    const f = fast[i]
    const s = slow[i]
    return f == null || s == null ? null : f - s
  })
  const start = params.slow - 1
  const defined = line.slice(start) as number[]
  const signalTail = ema(defined, params.signal)
  const signal: Series = line.map((_, i) => (i < start ? null : (signalTail[i - start] ?? null)))
  const histogram: Series = line.map((m, i) => {
    const s = signal[i]
    return m == null || s == null ? null : m - s
  })
  return { macd: line, signal, histogram }
}

/** Streaming MACD with the same seeding; each push returns the point as of that close. */
export class MacdUpdater {
  readonly params: Readonly<MacdParams>
  private readonly fast: EmaUpdater
  private readonly slow: EmaUpdater
  private readonly signalEma: EmaUpdater
  private current: MacdPoint = { macd: null, signal: null, histogram: null }

  constructor(params: MacdParams = MACD_DEFAULT) {
    checkParams(params)
    this.params = { ...params }
    this.fast = new EmaUpdater(params.fast)
    this.slow = new EmaUpdater(params.slow)
    this.signalEma = new EmaUpdater(params.signal)
  }

  get value(): MacdPoint {
    return this.current
  }

  push(close: number): MacdPoint {
    const f = this.fast.push(close)
    const s = this.slow.push(close)
    if (f === null || s === null) return this.current
    const m = f - s
    const sig = this.signalEma.push(m)
    this.current = { macd: m, signal: sig, histogram: sig === null ? null : m - sig }
    return this.current
  }
}
