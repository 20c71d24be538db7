import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AdLineUpdater,
  EmaUpdater,
  MacdUpdater,
  RealisedVolUpdater,
  RsiUpdater,
  SmaUpdater,
  adLine,
  ema,
  macd,
  realisedVol,
  rsi,
  sma,
  type Series,
} from '../../../shared/indicators/index.ts'

// Prices with runs of repeated values (flat stretches make RSI's average loss exactly 0) and a
// wide range of magnitudes.
const price = fc.oneof(
  fc.double({ min: 0.01, max: 1e5, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1, 17.66, 100, 4500.25),
)
const prices = fc.array(price, { maxLength: 120 })
const period = fc.integer({ min: 1, max: 30 })

/** Pushes every value and records the updater's answer after each push (and its getter). */
function stream(
  values: readonly number[],
  u: { push(x: number): number | null; readonly value: number | null },
): Series {
  return values.map((x) => {
    const pushed = u.push(x)
    expect(u.value).toBe(pushed)
    return pushed
  })
}

/** Bit-for-bit equality (Object.is), element by element, including where both are null. */
function same(a: Series, b: Series): void {
  expect(a.length).toBe(b.length)
  a.forEach((v, i) => expect(Object.is(v, b[i]), `index ${i}: ${v} vs ${b[i]}`).toBe(true))
}

describe('streaming updaters give exactly the batch values (fast-check)', () => {
  it('SMA', () => {
    fc.assert(
      fc.property(prices, period, (xs, n) => same(stream(xs, new SmaUpdater(n)), sma(xs, n))),
    )
  })

  it('EMA', () => {
    fc.assert(
      fc.property(prices, period, (xs, n) => same(stream(xs, new EmaUpdater(n)), ema(xs, n))),
    )
  })

  it('RSI', () => {
    fc.assert(
      fc.property(prices, period, (xs, n) => same(stream(xs, new RsiUpdater(n)), rsi(xs, n))),
    )
  })

  it('realised volatility', () => {
    fc.assert(
      fc.property(prices, fc.integer({ min: 2, max: 30 }), (xs, n) =>
        same(stream(xs, new RealisedVolUpdater(n)), realisedVol(xs, n)),
      ),
    )
  })

  it('MACD line, signal and histogram', () => {
    const params = fc
      .tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 15 }), period)
      .map(([f, extra, s]) => ({ fast: f, slow: f + extra, signal: s }))
    fc.assert(
      fc.property(prices, params, (xs, p) => {
        const u = new MacdUpdater(p)
        const points = xs.map((x) => u.push(x))
        const batch = macd(xs, p)
        same(
          points.map((q) => q.macd),
          batch.macd,
        )
        same(
          points.map((q) => q.signal),
          batch.signal,
        )
        same(
          points.map((q) => q.histogram),
          batch.histogram,
        )
      }),
    )
  })

  it('A/D line', () => {
    const counts = fc.array(fc.tuple(fc.nat(4000), fc.nat(4000)), { maxLength: 80 })
    fc.assert(
      fc.property(counts, (days) => {
        const u = new AdLineUpdater()
        expect(u.value).toBeNull()
        const streamed = days.map(([a, d]) => u.push(a, d))
        expect(streamed).toEqual(
          adLine(
            days.map((d) => d[0]),
            days.map((d) => d[1]),
          ),
        )
      }),
    )
  })
})

describe('invariants', () => {
  it('RSI stays within [0, 100] and every value before the warm-up is null', () => {
    fc.assert(
      fc.property(prices, period, (xs, n) => {
        const out = rsi(xs, n)
        out.forEach((v, i) => {
          if (i < n) expect(v).toBeNull()
          else {
            expect(v).not.toBeNull()
            expect(v as number).toBeGreaterThanOrEqual(0)
            expect(v as number).toBeLessThanOrEqual(100)
          }
        })
      }),
    )
  })

  it('SMA and EMA of a window lie between its minimum and maximum', () => {
    fc.assert(
      fc.property(prices, period, (xs, n) => {
        const s = sma(xs, n)
        const e = ema(xs, n)
        // Slack for rounding: sums of values up to 1e5 carry absolute errors ~1e-11, which
        // matter next to a tiny value in the same window.
        const slack = 1e-9 * Math.max(1, ...xs)
        for (let i = n - 1; i < xs.length; i++) {
          const w = xs.slice(i - n + 1, i + 1)
          expect(s[i] as number).toBeGreaterThanOrEqual(Math.min(...w) - slack)
          expect(s[i] as number).toBeLessThanOrEqual(Math.max(...w) + slack)
          const all = xs.slice(0, i + 1)
          expect(e[i] as number).toBeGreaterThanOrEqual(Math.min(...all) - slack)
          expect(e[i] as number).toBeLessThanOrEqual(Math.max(...all) + slack)
        }
      }),
    )
  })

  it('SMA over a long series stays within rounding of a fresh sum (the periodic re-sum works)', () => {
    const xs = Array.from(
      { length: 50_000 },
      (_, i) => 1000 + 900 * Math.sin(i / 7) + (i % 13) * 0.01,
    )
    const n = 20
    const out = sma(xs, n)
    for (let i = n - 1; i < xs.length; i += 997) {
      const fresh = xs.slice(i - n + 1, i + 1).reduce((a, b) => a + b) / n
      expect(Math.abs((out[i] as number) - fresh)).toBeLessThan(1e-10)
    }
  })
})
