import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalisedOtmCall, seriesOdd } from '../../../shared/math/normalisedBlack.ts'
import { normalisedOtmCall as legacyOtmCall } from './reference/legacy/normalisedBlack.ts'

// The branches of the positive-term series O(a, c) = Σ_{k odd} c^k J_k(a) (normalisedBlack.ts,
// `seriesOdd`) against mpmath at 60 digits on the exact double arguments
// (reference/series.json, see series_reference.py), boundaries and tails included; and b(x, s)
// across the new branch boundaries against the frozen previous path (reference/legacy/).
const EPS = 2.220446049250313e-16

const ref = JSON.parse(
  readFileSync(join(import.meta.dirname, 'reference', 'series.json'), 'utf8'),
) as { series: [string, string, string][]; black: [string, string, string][] }

type Branch = 'a<3' | '3≤a<4, |x|≤4' | 'a≥4, |x|≤4, a<16' | 'a≥16, |x|≤4' | 'Miller'
function branchOf(a: number, c: number): Branch {
  if (a < 3) return 'a<3'
  if (a * c <= 2) return a < 4 ? '3≤a<4, |x|≤4' : a < 16 ? 'a≥4, |x|≤4, a<16' : 'a≥16, |x|≤4'
  return 'Miller'
}

describe('seriesOdd against mpmath (reference/series.json)', () => {
  const worst = new Map<Branch, number>()
  const count = new Map<Branch, number>()
  for (const [as, cs, os] of ref.series) {
    const a = Number(as)
    const c = Number(cs)
    const br = branchOf(a, c)
    // In ulps of O, and (a < 3 only) relative to the conditioning 1 + h² = 1 + 2a² of b.
    let err = Math.abs(seriesOdd(a, c) / Number(os) - 1) / EPS
    if (br === 'a<3' || br === 'Miller') err /= 1 + 2 * a * a
    worst.set(br, Math.max(worst.get(br) ?? 0, err))
    count.set(br, (count.get(br) ?? 0) + 1)
  }
  it('covers every branch', () => {
    for (const br of ['a<3', 'a≥4, |x|≤4, a<16', 'a≥16, |x|≤4', 'Miller'] as const)
      expect(count.get(br) ?? 0).toBeGreaterThan(300)
    expect(count.get('3≤a<4, |x|≤4') ?? 0).toBeGreaterThan(100)
  })
  it('3 ≤ a < 4, |x| ≤ 4 (J_1 from the Chebyshev fit, upward recurrence): within 6 ulps', () => {
    expect(worst.get('3≤a<4, |x|≤4')).toBeLessThanOrEqual(6)
  })
  it('a ≥ 4, |x| ≤ 4 (J_1 from Cody’s r, upward recurrence): within 6 ulps', () => {
    expect(worst.get('a≥4, |x|≤4, a<16')).toBeLessThanOrEqual(6)
  })
  it('a ≥ 16, |x| ≤ 4 (J_1 from its asymptotic series): within 6 ulps', () => {
    expect(worst.get('a≥16, |x|≤4')).toBeLessThanOrEqual(6)
  })
  it('Miller (|x| > 4 with a ≥ 3): within 4·(1 + h²) ulps', () => {
    expect(worst.get('Miller')).toBeLessThanOrEqual(4)
  })
  it('a < 3 where the series is used (|x| ≤ 3 once t > 0.35): within 4·(1 + h²) ulps', () => {
    let w = 0
    for (const [as, cs, os] of ref.series) {
      const a = Number(as)
      const c = Number(cs)
      const t = c * Math.SQRT1_2
      if (a >= 3 || (t > 0.35 && 2 * a * c > 3)) continue
      w = Math.max(w, Math.abs(seriesOdd(a, c) / Number(os) - 1) / EPS / (1 + 2 * a * a))
    }
    expect(w).toBeLessThanOrEqual(4)
  })
})

describe('b(x, s) where the series hands over to the plain difference (t > 0.35, a < 3)', () => {
  it('is within 4·(1 + h²) ulps of mpmath on both sides of |x| = 3', () => {
    let worst = 0
    let beyond = 0
    for (const [xs, ss, bs] of ref.black) {
      const x = Number(xs)
      const s = Number(ss)
      const h = x / s
      if (-x > 3) beyond++
      worst = Math.max(
        worst,
        Math.abs(normalisedOtmCall(x, s) / Number(bs) - 1) / EPS / (1 + h * h),
      )
    }
    expect(beyond).toBeGreaterThan(200)
    expect(worst).toBeLessThanOrEqual(4)
  })
  it('the frozen previous path was off there by far more (what the switch fixes)', () => {
    let worst = 0
    for (const [xs, ss, bs] of ref.black) {
      const x = Number(xs)
      const s = Number(ss)
      const h = x / s
      worst = Math.max(worst, Math.abs(legacyOtmCall(x, s) / Number(bs) - 1) / EPS / (1 + h * h))
    }
    expect(worst).toBeGreaterThan(20)
  })
})

/** |a − b| within `rel` of |b|, or both below the normal range. */
function close(a: number, b: number, rel: number): boolean {
  if (Math.abs(b) < 1e-290) return Math.abs(a - b) <= 1e-300
  return Math.abs(a - b) <= rel * Math.abs(b)
}

describe('b(x, s) = frozen previous path across the new boundaries (fast-check)', () => {
  // (a, c) on or near a = 4, a = 16 and |x| = 2ac = 4, mapped back to x = −2ac, s = √2·c.
  const boundary = fc
    .record({
      a0: fc.constantFrom(4, 16, 4 + 1e-12, 16 - 1e-12, 5, 40, 300),
      da: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      scale: fc.constantFrom(0, 1e-15, 1e-9, 1e-3, 0.1),
      xAbs: fc.oneof(
        fc.double({ min: 1e-6, max: 4.2, noNaN: true }),
        fc.constantFrom(4, 4 * (1 - EPS), 4 * (1 + EPS), 3.999999, 4.000001),
      ),
    })
    .map(({ a0, da, scale, xAbs }) => {
      const a = a0 * (1 + da * scale)
      const c = xAbs / (2 * a)
      return { x: -xAbs, s: Math.SQRT2 * c }
    })
  it('agrees to 4·(1 + h²) ulps (the legacy Miller path is itself good to ~2 ulps there)', () => {
    fc.assert(
      fc.property(boundary, ({ x, s }) => {
        const h = x / s
        const tol = 4 * EPS * (1 + h * h + 0.25 * s * s)
        expect(close(normalisedOtmCall(x, s), legacyOtmCall(x, s), tol)).toBe(true)
      }),
      { numRuns: 20_000 },
    )
  })
  it('agrees in the tails: h down to −1000s, c down to 1e−10', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 4, max: 3000, noNaN: true }),
        fc.double({ min: -10, max: Math.log10(0.999), noNaN: true }),
        (a, lc) => {
          const c = (2 / a) * 10 ** lc // |x| < 4: the upward-recurrence branch
          const x = -2 * a * c
          const s = Math.SQRT2 * c
          const h = x / s
          const tol = 4 * EPS * (1 + h * h)
          expect(close(normalisedOtmCall(x, s), legacyOtmCall(x, s), tol)).toBe(true)
        },
      ),
      { numRuns: 20_000 },
    )
  })
})
