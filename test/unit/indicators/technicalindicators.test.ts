/**
 * Our RSI / EMA / SMA / MACD against the npm library `technicalindicators` (3.x) on the real SPX
 * and VIX daily closes bundled in resources/market.
 *
 * Where the two agree by construction, and where they do not:
 * - Alignment: the library returns only defined values (its array is shorter by the warm-up);
 *   ours is as long as the input with null first. Library value k ↔ our index k + warm-up.
 * - EMA: same seed (SMA of the first n) and the same update (x − e)·α + e, so bit-identical.
 * - MACD: the library's MACDInput class defaults SimpleMAOscillator / SimpleMASignal to true
 *   (simple averages instead of EMAs); with both false it computes PRODUCT.md's MACD with the
 *   same operations, so bit-identical. Its signal starts at index 33 like ours.
 * - RSI: same Wilder seeding and smoothing, but the library rounds every RSI to 2 decimals
 *   (toFixed(2)); we keep full precision. Tolerance: half a unit in the 2nd decimal.
 * - SMA: the library keeps one running sum for the whole series; we re-add the window once per
 *   n values. Same quantity, different rounding: each library update adds at most one rounding
 *   error of u = 2⁻⁵³ relative to the running window sum, so after N updates it is off by at most
 *   N·u·max|window sum| / n. The tolerance below is that bound, computed from the data.
 * - Truthiness: the library treats a value of exactly 0 as "not yet defined" in a few places
 *   (an EMA seed of 0, a MACD signal of 0); prices are never 0, so this never applies here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EMA, MACD, RSI, SMA } from 'technicalindicators'
import { describe, expect, it } from 'vitest'
import { ema, macd, rsi, sma, type Series } from '../../../shared/indicators/index.ts'

const MARKET = join(import.meta.dirname, '..', '..', '..', 'resources', 'market')

function closesOf(file: string): number[] {
  return readFileSync(join(MARKET, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[4]))
}

/** Our series from its first defined value, checked to be all numbers from there on. */
function defined(s: Series, warmUp: number): number[] {
  expect(s.slice(0, warmUp).every((v) => v === null)).toBe(true)
  const tail = s.slice(warmUp)
  expect(tail.every((v) => typeof v === 'number')).toBe(true)
  return tail as number[]
}

describe.each([
  ['SPX', 'spx_daily.csv'],
  ['VIX', 'vix_daily.csv'],
])('%s closes vs technicalindicators', (_name, file) => {
  const closes = closesOf(file)

  it('has the whole file', () => expect(closes.length).toBeGreaterThan(9000))

  it('EMA(12) and EMA(26): bit-identical', () => {
    for (const n of [12, 26]) {
      const theirs = EMA.calculate({ values: closes, period: n })
      expect(defined(ema(closes, n), n - 1)).toEqual(theirs)
    }
  })

  it('MACD(12,26,9) with EMA oscillator and signal: line, signal, histogram bit-identical', () => {
    const theirs = MACD.calculate({
      values: closes,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    })
    const ours = macd(closes)
    expect(defined(ours.macd, 25)).toEqual(theirs.map((p) => p.MACD))
    // The library reports undefined signal/histogram for its first 8 MACD values.
    expect(theirs.slice(0, 8).every((p) => p.signal === undefined)).toBe(true)
    expect(defined(ours.signal, 33)).toEqual(theirs.slice(8).map((p) => p.signal))
    expect(defined(ours.histogram, 33)).toEqual(theirs.slice(8).map((p) => p.histogram))
  })

  it('RSI(14): within the library’s 2-decimal rounding everywhere', () => {
    const theirs = RSI.calculate({ values: closes, period: 14 })
    const ours = defined(rsi(closes, 14), 14)
    expect(ours).toHaveLength(theirs.length)
    let worst = 0
    ours.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (theirs[i] as number)))))
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9)
    // The library does round (so exact equality is not to be had), and it rounds nothing else.
    expect(worst).toBeGreaterThan(0.001)
  })

  it('SMA(20) and SMA(200): within the running-sum rounding bound', () => {
    for (const n of [20, 200]) {
      const theirs = SMA.calculate({ values: closes, period: n })
      const ours = defined(sma(closes, n), n - 1)
      expect(ours).toHaveLength(theirs.length)
      let maxWindowSum = 0
      for (const v of ours) maxWindowSum = Math.max(maxWindowSum, Math.abs(v) * n)
      const bound = (closes.length * 2 ** -53 * maxWindowSum) / n
      ours.forEach((v, i) => expect(Math.abs(v - (theirs[i] as number))).toBeLessThanOrEqual(bound))
    }
  })
})
