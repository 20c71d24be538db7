import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bsmPrice, type OptionType } from '../../../shared/math/bsm.ts'
import { OptionsMathError } from '../../../shared/math/errors.ts'
import { impliedVol, normalisedImpliedVolWithSteps } from '../../../shared/math/impliedVol.ts'
import {
  normalisedIntrinsic,
  normalisedOtmCall,
  normalisedVega,
} from '../../../shared/math/normalisedBlack.ts'

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (e) {
    return e instanceof OptionsMathError ? e.code : `not typed: ${String(e)}`
  }
  return undefined
}

describe('published values', () => {
  it('Hull Example 15.6: the call at 4.7594 implies σ = 20 %', () => {
    // Hull quotes c = 4.76 for S=42, K=40, r=10 %, T=0.5, σ=20 %; our unrounded value
    // (mpmath: 4.7594223928715329…) must give back 0.2.
    const price = bsmPrice({
      type: 'call',
      spot: 42,
      strike: 40,
      t: 0.5,
      rate: 0.1,
      div: 0,
      vol: 0.2,
    })
    expect(price).toBeCloseTo(4.76, 2)
    const vol = impliedVol({ type: 'call', spot: 42, strike: 40, t: 0.5, rate: 0.1, div: 0, price })
    expect(Math.abs(vol / 0.2 - 1)).toBeLessThan(1e-14)
  })
  it('Haug p. 2-8 put (K=95, S=100, q=5 %, r=10 %, t=0.5) at 2.4648 implies σ ≈ 20 %', () => {
    // Haug's price is rounded to 1e-4, so σ is recovered to that price precision / vega.
    const vol = impliedVol({
      type: 'put',
      spot: 100,
      strike: 95,
      t: 0.5,
      rate: 0.1,
      div: 0.05,
      price: 2.4648,
    })
    expect(vol).toBeCloseTo(0.2, 4)
  })
})

describe("round trips in Jäckel's extreme regions (Let's Be Rational, §6)", () => {
  // Normalised prices from x = −40 to 0 and s from 1e−3 to 20, including β near 1e−300 and
  // β within a few ulps of b_max.
  const cases: [number, number][] = []
  for (const x of [-40, -10, -1, -1e-3, -1e-8, 0])
    for (const s of [1e-3, 0.01, 0.1, 0.5, 1, 2, 5, 10, 20]) cases.push([x, s])
  it.each(cases)('x = %d, s = %d', (x, s) => {
    const beta = normalisedOtmCall(x, s)
    if (!(beta > 1e-300) || beta >= Math.exp(0.5 * x)) return // not representable: nothing to invert
    const [back, steps] = normalisedImpliedVolWithSteps(beta, x)
    // Conditioning: dσ/σ = (β/(s·∂b/∂s))·dβ/β, huge only where b saturates near b_max (large s).
    const tol = Math.max(1e-13, 8e-16 * (beta / (s * normalisedVega(x, s))))
    expect(Math.abs(back / s - 1)).toBeLessThanOrEqual(tol)
    expect(steps).toBeLessThanOrEqual(4)
  })
})

describe('property: IV(price(σ)) = σ within 1e-12 (fast-check)', () => {
  // Issue 3: moneyness 0.5–2, 1 day to 3 years, 5 %–200 % vol, out-of-the-money options.
  // Prices that underflow below 1e-300 (e.g. 1 day, 5 % vol, K = 2S: about e^{−35000}) carry
  // no information about σ and are skipped.
  it('holds for out-of-the-money calls and puts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 1 / 365, max: 3, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.08, noNaN: true }),
        fc.double({ min: 0, max: 0.04, noNaN: true }),
        (moneyness, t, vol, rate, div) => {
          const spot = 5000
          const strike = spot * moneyness
          const forward = spot * Math.exp((rate - div) * t)
          const type: OptionType = strike >= forward ? 'call' : 'put'
          const input = { type, spot, strike, t, rate, div }
          const price = bsmPrice({ ...input, vol })
          fc.pre(price > 1e-300)
          const back = impliedVol({ ...input, price })
          expect(Math.abs(back / vol - 1)).toBeLessThanOrEqual(1e-12)
        },
      ),
      { numRuns: 20_000 },
    )
  })
  it('takes at most 3 Householder steps over that domain', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -Math.log(2), max: 0, noNaN: true }),
        fc.double({ min: 0.05 * Math.sqrt(1 / 365), max: 2 * Math.sqrt(3), noNaN: true }),
        (x, s) => {
          const beta = normalisedOtmCall(x, s)
          fc.pre(beta > 1e-300)
          expect(normalisedImpliedVolWithSteps(beta, x)[1]).toBeLessThanOrEqual(3)
        },
      ),
      { numRuns: 5_000 },
    )
  })
})

describe('prices within a few ulps of the no-arbitrage bound (near_bound.json, mpmath)', () => {
  // Prices 1 to 2^20 ulps below the bound (spot 100, t = 1, no rate or yield, so the bound is
  // exactly the spot or the strike): σ between 12 and 17, condition numbers up to 1e14. The gap
  // to the bound is taken as bound − price, which is exact, so σ comes back to the last ulp of
  // the exact root of the rounded price (the previous code computed b_max − β in normalised
  // units and was off by up to 1 % here; at s ≳ 8 it could return Infinity).
  const rows = JSON.parse(
    readFileSync(join(import.meta.dirname, 'reference', 'near_bound.json'), 'utf8'),
  ) as [OptionType, number, string, string, string][]
  it.each(rows)('%s K=%d at %s → σ = %s', (type, strike, price, sigma) => {
    const got = impliedVol({ type, spot: 100, strike, t: 1, rate: 0, div: 0, price: Number(price) })
    expect(Math.abs(got / Number(sigma) - 1)).toBeLessThanOrEqual(4 * 2.220446049250313e-16)
  })
})

describe('normalised intrinsic value 2·sinh(|x|/2)', () => {
  it('agrees with 2·Math.sinh (fdlibm, < 1 ulp) to 4 ulps on both branches', () => {
    for (let ax = 1e-12; ax < 700; ax *= 1.01) {
      const want = 2 * Math.sinh(0.5 * ax)
      const got = normalisedIntrinsic(ax, Math.exp(-0.5 * ax))
      expect(Math.abs(got / want - 1)).toBeLessThanOrEqual(4 * 2.220446049250313e-16)
    }
  })
})

describe('typed errors', () => {
  const base = { type: 'call' as const, spot: 100, strike: 90, t: 0.5, rate: 0.05, div: 0 }
  it('below intrinsic → PRICE_BELOW_INTRINSIC', () => {
    // discounted intrinsic of this call: 100 − 90·e^{−0.025} = 12.22…
    expect(codeOf(() => impliedVol({ ...base, price: 12 }))).toBe('PRICE_BELOW_INTRINSIC')
    expect(codeOf(() => impliedVol({ ...base, type: 'put', strike: 120, price: 15 }))).toBe(
      'PRICE_BELOW_INTRINSIC',
    )
  })
  it('at or above the bound → PRICE_ABOVE_MAXIMUM', () => {
    expect(codeOf(() => impliedVol({ ...base, price: 100 }))).toBe('PRICE_ABOVE_MAXIMUM')
    const putBound = 90 * Math.exp(-0.025)
    expect(codeOf(() => impliedVol({ ...base, type: 'put', price: putBound + 1e-9 }))).toBe(
      'PRICE_ABOVE_MAXIMUM',
    )
  })
  it('bad input → INVALID_INPUT', () => {
    expect(codeOf(() => impliedVol({ ...base, t: 0, price: 15 }))).toBe('INVALID_INPUT')
    expect(codeOf(() => impliedVol({ ...base, price: -1 }))).toBe('INVALID_INPUT')
    expect(codeOf(() => impliedVol({ ...base, spot: Number.NaN, price: 15 }))).toBe('INVALID_INPUT')
  })
  it('a price exactly at (discounted) intrinsic gives 0, an out-of-the-money price of 0 too', () => {
    expect(impliedVol({ ...base, strike: 120, price: 0 })).toBe(0)
  })
})
