import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  adLine,
  ema,
  macd,
  realisedVol,
  rsi,
  sma,
  type Series,
} from '../../../shared/indicators/index.ts'
import { TA_LIB_CLOSES } from './reference/taLib.ts'

const at = (s: Series, i: number): number => {
  const v = s[i]
  if (v == null) throw new Error(`value ${i} is not defined`)
  return v
}

describe('StockCharts ChartSchool, "Relative Strength Index (RSI)" worked example (cs-rsi.xls)', () => {
  // The article's table shows the closes to 2 decimals; its spreadsheet holds them to 4, and the
  // published RSI column (to 2 decimals) is computed from those. Wilder smoothing, period 14.
  const closes = [
    44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826,
    45.8931, 46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122,
    46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205,
    42.6628, 43.1314,
  ]
  const published = [
    70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99,
    41.46, 41.87, 45.46, 37.3, 33.08, 37.77,
  ]

  it('is null for the first 14 closes and matches all 19 published values to the cent', () => {
    const out = rsi(closes, 14)
    expect(out.slice(0, 14)).toEqual(new Array(14).fill(null))
    // Published to 2 decimals: our value must round to it (half a unit, plus float slack).
    published.forEach((want, k) => expect(Math.abs(at(out, 14 + k) - want)).toBeLessThan(0.005))
  })
})

describe('StockCharts ChartSchool, "Moving Averages - Simple and Exponential", 10-day EMA example', () => {
  const closes = [
    22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38,
    22.61, 23.36, 24.05, 23.75, 23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.1, 23.33, 22.68,
    23.1, 22.4, 22.17,
  ]
  const published = [
    22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.8, 22.97, 23.13, 23.28, 23.34, 23.43, 23.51, 23.53,
    23.47, 23.4, 23.39, 23.26, 23.23, 23.08, 22.92,
  ]

  it('seeds with the 10-day SMA and matches every published value within 0.01', () => {
    // The article prints closes and EMAs rounded to 2 decimals (its spreadsheet uses more). An EMA
    // is a convex combination of its inputs, so input rounding (≤ 0.005) moves it by ≤ 0.005;
    // rounding the output adds ≤ 0.005: hence 0.01.
    const out = ema(closes, 10)
    expect(out.slice(0, 9)).toEqual(new Array(9).fill(null))
    expect(at(out, 9)).toBeCloseTo(closes.slice(0, 10).reduce((a, b) => a + b) / 10, 12)
    published.forEach((want, k) =>
      expect(Math.abs(at(out, 9 + k) - want)).toBeLessThanOrEqual(0.01),
    )
  })
})

describe("TA-Lib's regression tests on its 252-bar series (ta_regtest test_rsi.c, test_ma.c)", () => {
  // TA-Lib checks its outputs against these 2-decimal values with a tolerance of 0.01 (several
  // are truncated rather than rounded, e.g. 49.147… is listed as 49.14), so we do the same.
  // TA-Lib's output index k is our input index k + lookback.
  const c = TA_LIB_CLOSES
  const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(0.01)

  it('has 252 closes', () => expect(c).toHaveLength(252))

  it('RSI(14), default compatibility (Wilder seeding by simple averages): 49.14, 52.32, 46.07 … 49.63', () => {
    const out = rsi(c, 14)
    expect(out[13]).toBeNull()
    near(at(out, 14), 49.14)
    near(at(out, 15), 52.32)
    near(at(out, 16), 46.07)
    near(at(out, 251), 49.63)
  })

  it('EMA(10) and EMA(2), default compatibility (SMA seed)', () => {
    const e10 = ema(c, 10)
    expect(e10[8]).toBeNull()
    near(at(e10, 9), 93.22)
    near(at(e10, 10), 93.75)
    near(at(e10, 29), 86.46)
    near(at(e10, 251), 108.97)
    const e2 = ema(c, 2)
    near(at(e2, 1), 93.15)
    near(at(e2, 2), 93.96)
    near(at(e2, 251), 108.21)
  })

  it('SMA(30) and SMA(2)', () => {
    const s30 = sma(c, 30)
    expect(s30[28]).toBeNull()
    ;[
      [29, 90.42],
      [30, 90.21],
      [31, 89.96],
      [58, 87.12],
      [250, 107.95],
      [251, 108.42],
    ].forEach(([i, want]) => near(at(s30, i as number), want as number))
    const s2 = sma(c, 2)
    near(at(s2, 1), 93.15)
    near(at(s2, 2), 94.59)
    near(at(s2, 251), 108.31)
  })
})

describe('MACD(12,26,9) by its definition', () => {
  const c = TA_LIB_CLOSES
  const m = macd(c)

  it('starts the MACD line at index 25 and the signal and histogram at index 33', () => {
    expect(m.macd[24]).toBeNull()
    expect(m.macd[25]).not.toBeNull()
    expect(m.signal[32]).toBeNull()
    expect(m.signal[33]).not.toBeNull()
    expect(m.histogram[32]).toBeNull()
    expect(m.histogram[33]).not.toBeNull()
  })

  it('is EMA(12) − EMA(26); the signal is EMA(9) of the line seeded by the mean of its first 9 values', () => {
    const e12 = ema(c, 12)
    const e26 = ema(c, 26)
    for (let i = 25; i < c.length; i++) expect(at(m.macd, i)).toBe(at(e12, i) - at(e26, i))
    const firstNine = m.macd.slice(25, 34) as number[]
    expect(at(m.signal, 33)).toBeCloseTo(firstNine.reduce((a, b) => a + b) / 9, 12)
    const alpha = 2 / 10
    const s34 = at(m.signal, 33) + alpha * (at(m.macd, 34) - at(m.signal, 33))
    expect(at(m.signal, 34)).toBeCloseTo(s34, 12)
    for (let i = 33; i < c.length; i++)
      expect(at(m.histogram, i)).toBe(at(m.macd, i) - at(m.signal, i))
  })

  it('refuses a fast period that is not below the slow one', () => {
    expect(() => macd(c, { fast: 26, slow: 12, signal: 9 })).toThrow(RangeError)
  })
})

describe('edge cases shared by all indicators', () => {
  it('RSI is 100 when the average loss is 0, also on a flat series', () => {
    expect(rsi([1, 2, 3, 4], 3)).toEqual([null, null, null, 100])
    expect(rsi([5, 5, 5, 5], 3)[3]).toBe(100)
    expect(rsi([4, 3, 2, 1], 3)[3]).toBe(0)
  })

  it('returns all nulls when the input is shorter than the warm-up, and [] for []', () => {
    expect(sma([1, 2], 3)).toEqual([null, null])
    expect(ema([1, 2], 3)).toEqual([null, null])
    expect(rsi([1, 2, 3], 3)).toEqual([null, null, null])
    expect(realisedVol([1, 2], 2)).toEqual([null, null])
    expect(macd([]).macd).toEqual([])
  })

  it('throws on bad periods and non-finite inputs instead of producing NaN', () => {
    expect(() => sma([1, 2, 3], 0)).toThrow(RangeError)
    expect(() => ema([1, 2, 3], 1.5)).toThrow(RangeError)
    expect(() => rsi([1, Number.NaN, 3], 1)).toThrow(/input 1/)
    expect(() => realisedVol([1, 0, 3], 2)).toThrow(/positive/)
    expect(() => realisedVol([1, 2, 3], 1)).toThrow(RangeError)
  })

  it('A/D line is the running total of advancing − declining, defined from the first day', () => {
    // NYSE breadth, Black Monday 1987-10-19: 52 advancing, 1,973 declining (data README).
    expect(adLine([52, 1000], [1973, 500])).toEqual([-1921, -1421])
    expect(() => adLine([1], [])).toThrow(RangeError)
  })
})

describe('realised volatility on the real SPX closes, recomputed here from its definition', () => {
  const rows = readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'resources', 'market', 'spx_daily.csv'),
    'utf8',
  )
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
  const dates = rows.map((r) => r[0] as string)
  const closes = rows.map((r) => Number(r[4]))

  it.each([10, 30])('spx_rv%i on 2020-03-16 and 2024-12-31', (n) => {
    const rv = realisedVol(closes, n)
    for (const date of ['2020-03-16', '2024-12-31']) {
      const i = dates.indexOf(date)
      const r = closes.slice(i - n, i + 1).map((x, k, a) => (k === 0 ? 0 : Math.log(x / a[k - 1]!)))
      r.shift()
      const mean = r.reduce((a, b) => a + b) / n
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1))
      expect(at(rv, i)).toBeCloseTo(sd * Math.sqrt(252), 12)
    }
    // In the March 2020 crash the 10-day realised vol exceeded 90 %; by end-2024 it was ~10–20 %.
    if (n === 10) expect(at(rv, dates.indexOf('2020-03-16'))).toBeGreaterThan(0.9)
    expect(rv[n - 1]).toBeNull()
  })
})
