import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { greeksInto, greeksUnchecked, priceUnchecked } from '../../../shared/math/bsm.ts'
import { impliedVol, normalisedImpliedVolWithSteps } from '../../../shared/math/impliedVol.ts'
import { normalisedOtmCall } from '../../../shared/math/normalisedBlack.ts'
import * as legacy from './reference/legacy/bsm.ts'
import { impliedVol as legacyImpliedVol } from './reference/legacy/impliedVol.ts'
import { normalisedOtmCall as legacyOtmCall } from './reference/legacy/normalisedBlack.ts'

// The fast price/greeks path (one exp shared by φ(d1), Φ(±d1), Φ(±d2); Φ(h+t) recovered from the
// series in the cancelling region) against the previous straightforward path (each Φ and φ with
// its own exp-split, frozen in reference/legacy/), over the whole domain including the tails:
// 1e−4 to 30 years, 0.3 % to 300 % vol, F/K from e^{−2.5} to e^{2.5}, rates and yields either sign.
const EPS = 2.220446049250313e-16

const wide = fc.record({
  type: fc.constantFrom('call' as const, 'put' as const),
  spot: fc.double({ min: 1, max: 10_000, noNaN: true }),
  lnMoneyness: fc.double({ min: -2.5, max: 2.5, noNaN: true }),
  t: fc.double({ min: 1e-4, max: 30, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
  div: fc.oneof(fc.constant(0), fc.double({ min: -0.01, max: 0.08, noNaN: true })),
  vol: fc.double({ min: 0.003, max: 3, noNaN: true }),
})

/** |a − b| within `rel` of |b|, or both below the normal range (subnormals carry fewer digits). */
function close(a: number, b: number, rel: number): boolean {
  if (Math.abs(b) < 1e-290) return Math.abs(a - b) <= 1e-300
  return Math.abs(a - b) <= rel * Math.abs(b)
}

describe('fast path = reference path (fast-check)', () => {
  it('price and the five greeks agree to a few ulps times the conditioning 1 + h²', () => {
    fc.assert(
      fc.property(wide, ({ type, spot, lnMoneyness, t, rate, div, vol }) => {
        const strike = spot * Math.exp(lnMoneyness)
        const args = [type, spot, strike, t, rate, div, vol] as const
        const got = greeksUnchecked(...args)
        const want = legacy.greeksUnchecked(...args)
        const s = vol * Math.sqrt(t)
        const h = (Math.log(spot / strike) + (rate - div) * t) / s
        // A relative change ε of x moves ln b by about h²·ε, and the rounding of d1,2 moves
        // e^{−d²/2} by about (h² + s²/4)·ε: neither path can do better.
        const tol = 4 * EPS * (1 + h * h + 0.25 * s * s)
        // Where the series now hands over to the plain difference (t = s/2 > 0.35, |h| < 3√2,
        // |h| ≥ 2.83t, |x| > 3) the frozen path's price was off by up to 175·(1 + h²) ulps: the
        // price is judged against mpmath there instead (below and in seriesBranches.test.ts);
        // the greeks, which come from Φ and φ on both paths, are still compared. Found by
        // fast-check: put, S = 1, ln(K/S) = −1.16, t = 19.3, r = 0.15, σ = 0.339.
        const hAbs = Math.abs(h)
        const handedOver = s > 0.7 && hAbs < 4.242640687119285 && hAbs >= 1.415 * s && hAbs * s > 3
        // Each path is a few ulps × conditioning from the truth, on its own side, so they may differ
        // by the sum (fast-check found both ways round: call h = 0.11, s = 0.76 — greeks path 3.8
        // ulps from mpmath, frozen 1; put h = 0.39, s = 0.78 — frozen 3.8, new 1.6). Accuracy
        // against mpmath itself is checked in the reference-table tests.
        if (!handedOver) {
          expect(close(got.price, want.price, 2 * tol)).toBe(true)
          expect(close(priceUnchecked(...args), want.price, 2 * tol)).toBe(true)
        }
        // A greek is a product of up to four rounded factors with Φ or φ on either path, so two
        // correct paths may differ by twice the price's allowance. Found by fast-check: call at
        // the money, t = 0.044, σ = 3: rho differed by 4.7 ulps, the new one 4.3 ulps from mpmath.
        const gtol = 2 * tol
        expect(close(got.delta, want.delta, gtol)).toBe(true)
        expect(close(got.gamma, want.gamma, gtol)).toBe(true)
        expect(close(got.vega, want.vega, gtol)).toBe(true)
        expect(close(got.rho, want.rho, gtol)).toBe(true)
        // Theta is a sum of three terms of either sign: judged against the largest of them.
        const terms =
          Math.abs((want.vega * vol) / (2 * t)) +
          Math.abs(rate * want.rho) / Math.max(t, 1e-300) +
          Math.abs(div * spot * want.delta)
        expect(Math.abs(got.theta - want.theta)).toBeLessThanOrEqual(gtol * terms + 1e-300)
        // The allocation-free variant writes the same numbers.
        const out = { price: NaN, delta: NaN, gamma: NaN, vega: NaN, theta: NaN, rho: NaN }
        expect(greeksInto(out, ...args)).toEqual(got)
      }),
      { numRuns: 20_000 },
    )
  })
  it('prices where the series hands over to the plain difference closer to mpmath than the frozen path', () => {
    // The fast-check counterexample above; mpmath 1.3.0, 50 digits, on the exact double inputs:
    // K·e^{−rt}·Φ(−d2) − S·Φ(−d1) = 1.51768355840870949052e−4. Ours is 1.8e−15 off (≈ 1.0·(1 + h²)
    // ulps), the frozen path 2.9e−15 (it shares normal.ts: 6.4e−15 before Cody's second-interval
    // rational was evaluated by Estrin's scheme, and ours 2.1e−15).
    const args = [
      'put',
      1,
      Math.exp(-1.1618309837346847),
      19.32860963598284,
      0.14999606538122276,
      0,
      0.3391477641757665,
    ] as const
    const want = 1.5176835584087094e-4
    const h = (Math.log(1 / args[2]) + args[4] * args[3]) / (args[6] * Math.sqrt(args[3]))
    const tol = 2 * EPS * (1 + h * h)
    expect(close(priceUnchecked(...args), want, tol)).toBe(true)
    expect(close(greeksUnchecked(...args).price, want, tol)).toBe(true)
    const err = (v: number) => Math.abs(v - want)
    expect(err(priceUnchecked(...args))).toBeLessThan(err(legacy.priceUnchecked(...args)))
  })
  it('gives the old result at t = 0 and σ = 0 (the limits), up to the last ulp', () => {
    for (const type of ['call', 'put'] as const)
      for (const strike of [90, 100, 110])
        for (const [t, vol] of [
          [0, 0.3],
          [0.5, 0],
        ] as const) {
          const args = [type, 100, strike, t, 0.05, 0.02, vol] as const
          const got = greeksUnchecked(...args)
          const want = legacy.greeksUnchecked(...args)
          for (const k of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const)
            expect(close(got[k], want[k], 2 * EPS)).toBe(true)
          expect(priceUnchecked(...args)).toBe(want.price)
        }
  })
  it('normalised Black b(x, s) is unchanged, extreme |x| (shared exps would underflow) included', () => {
    fc.assert(
      fc.property(
        // The reference path itself overflows (∞·0) below x ≈ −1419.
        fc.double({ min: -1400, max: 0, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        (x, s) => {
          const h = x / s
          // Where the series now hands over to the plain difference (t > 0.35, |h| < 3√2,
          // |x| > 3) the frozen path itself was off by up to 175·(1 + h²) ulps: judged against
          // mpmath instead (seriesBranches.test.ts).
          fc.pre(!(s > 0.7 && -h < 4.242640687119285 && -h >= 1.415 * s && -x > 3))
          // The frozen path's plain difference is wrong where its Φ(h − t) underflows while
          // e^{−x/2} is huge (x ≈ −600, h − t < −37.5; e.g. x = −600.0000000000001,
          // s = 20.59194669163741 gives twice mpmath's 4.6174267399121532e−210); judged only
          // where it took its series or kept Φ(h − t) normal.
          fc.pre(h - 0.5 * s >= -37.5 || s <= 0.7 || -h >= 1.415 * s)
          const want = legacyOtmCall(x, s)
          // Both paths are a few ulps × conditioning from the truth, each on its own side, so
          // they may differ by the sum: 8 ulps × (1 + h² + s²/4). Accuracy against mpmath itself
          // is checked tighter in seriesBranches.test.ts and the reference tables. Found by
          // fast-check: x = −0.2215, s = 0.7292: new 4.0 ulps, frozen 0.3 ulps from mpmath.
          const tol = 8 * EPS * (1 + h * h + 0.25 * s * s)
          expect(close(normalisedOtmCall(x, s), want, tol)).toBe(true)
        },
      ),
      { numRuns: 20_000 },
    )
  })
  it('b(x, s) stays a number in [0, e^{x/2}] where the reference gave NaN (x < −1419)', () => {
    expect(Number.isNaN(legacyOtmCall(-1419.5654257867682, 31.6737501619128))).toBe(true)
    for (const x of [-1419.5654257867682, -3000])
      for (const s of [1, 31.6737501619128, 60]) {
        const b = normalisedOtmCall(x, s)
        expect(b >= 0 && b <= Math.exp(0.5 * x)).toBe(true)
      }
    // s = 60: h + t ≈ 6.3, so b = e^{x/2}·Φ(h+t) − (a negligible term) ≈ e^{x/2}, subnormal.
    expect(normalisedOtmCall(-1419.5654257867682, 60) / Math.exp(-709.7827128933841)).toBeCloseTo(
      1,
      3,
    )
  })
  it('greeks stay finite and accurate for F/K beyond e^{±600} (the plain-Φ fallback)', () => {
    for (const type of ['call', 'put'] as const)
      for (const strike of [1e-280, 1e280]) {
        const args = [type, 1, strike, 1, 0.01, 0, 30] as const
        const got = greeksUnchecked(...args)
        const want = legacy.greeksUnchecked(...args)
        for (const k of ['price', 'delta', 'gamma', 'vega', 'rho'] as const)
          expect(close(got[k], want[k], 1e-12)).toBe(true)
      }
  })
})

describe('implied volatility: the faster stopping rule loses nothing', () => {
  it('gives the reference path’s σ to 1e-14 and mostly in two Householder steps', () => {
    let twoOrFewer = 0
    let runs = 0
    fc.assert(
      fc.property(
        fc.double({ min: -Math.log(2), max: 0, noNaN: true }),
        fc.double({ min: 0.05 * Math.sqrt(1 / 365), max: 2 * Math.sqrt(3), noNaN: true }),
        (x, s) => {
          const beta = normalisedOtmCall(x, s)
          fc.pre(beta > 1e-300)
          const [back, steps] = normalisedImpliedVolWithSteps(beta, x)
          runs++
          if (steps <= 2) twoOrFewer++
          expect(Math.abs(back / s - 1)).toBeLessThanOrEqual(1e-13)
        },
      ),
      { numRuns: 5_000 },
    )
    expect(twoOrFewer / runs).toBeGreaterThan(0.95)
  })
  it('matches the reference implementation on price inputs, dividends included', () => {
    fc.assert(
      fc.property(wide, ({ type, spot, lnMoneyness, t, rate, div, vol }) => {
        const strike = spot * Math.exp(lnMoneyness)
        const price = legacy.priceUnchecked(type, spot, strike, t, rate, div, vol)
        const x = Math.log(spot / strike) + (rate - div) * t
        const s = vol * Math.sqrt(t)
        // Judge only well-posed inversions: σ must move the price by more than its rounding.
        // Beyond s = σ√t ≈ 8 the price is within ~1e-15 of its upper bound (N(−s/2) < 3e-16),
        // so no double-precision price determines σ to 1e-13 (found by fast-check at s ≈ 16).
        fc.pre(price > 1e-300 && Math.abs(x) / s < 30 && s < 8 && (type === 'call') === x <= 0)
        const input = { type, spot, strike, t, rate, div, price }
        const got = impliedVol(input)
        const want = legacyImpliedVol(input)
        // Each path is good to a few ε times the inversion's condition number P/(σ·∂P/∂σ), which
        // grows past 400 near s = 8 (found by fast-check at s = 7.6: ours 6e−15 from the mpmath
        // root of the rounded price, the frozen path 9.4e−14).
        const g = legacy.greeksUnchecked(type, spot, strike, t, rate, div, vol)
        const cond = price / (vol * g.vega)
        expect(Math.abs(got - want)).toBeLessThanOrEqual((1e-13 + 4 * EPS * cond) * want)
      }),
      { numRuns: 5_000 },
    )
  })
})
