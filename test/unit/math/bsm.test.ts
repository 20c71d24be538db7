import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bsmGreeks,
  bsmPrice,
  thetaPerDay,
  vegaPerPoint,
  type BsmInput,
  type OptionType,
} from '../../../shared/math/bsm.ts'
import { OptionsMathError } from '../../../shared/math/errors.ts'
import { normalisedOtmCall, normalisedVega } from '../../../shared/math/normalisedBlack.ts'

const opt = (
  type: OptionType,
  strike: number,
  spot: number,
  div: number,
  rate: number,
  t: number,
  vol: number,
): BsmInput => ({ type, strike, spot, div, rate, t, vol })

describe('Hull, Options, Futures and Other Derivatives, Example 15.6 (8th ed. 14.6)', () => {
  // S = 42, K = 40, r = 10 %, σ = 20 %, T = 0.5: call 4.76, put 0.81.
  it('prices the call at 4.76 and the put at 0.81', () => {
    expect(bsmPrice(opt('call', 40, 42, 0, 0.1, 0.5, 0.2))).toBeCloseTo(4.76, 2)
    expect(bsmPrice(opt('put', 40, 42, 0, 0.1, 0.5, 0.2))).toBeCloseTo(0.81, 2)
  })
})

describe('Haug, The Complete Guide to Option Pricing Formulas (1998), as tabulated in QuantLib test-suite/europeanoption.cpp testValues', () => {
  // type, strike, spot, q, r, t, vol, value — tolerance 1e-4 as in QuantLib.
  const rows: [OptionType, number, number, number, number, number, number, number][] = [
    ['call', 65, 60, 0, 0.08, 0.25, 0.3, 2.1334],
    ['put', 95, 100, 0.05, 0.1, 0.5, 0.2, 2.4648],
    ['put', 19, 19, 0.1, 0.1, 0.75, 0.28, 1.7011],
    ['call', 19, 19, 0.1, 0.1, 0.75, 0.28, 1.7011],
    ['call', 1.6, 1.56, 0.08, 0.06, 0.5, 0.12, 0.0291],
    ['put', 70, 75, 0.05, 0.1, 0.5, 0.35, 4.087],
    ['call', 100, 90, 0.1, 0.1, 0.1, 0.15, 0.0205],
    ['call', 100, 100, 0.1, 0.1, 0.1, 0.15, 1.8734],
    ['call', 100, 110, 0.1, 0.1, 0.1, 0.15, 9.9413],
    ['call', 100, 90, 0.1, 0.1, 0.1, 0.25, 0.315],
    ['call', 100, 100, 0.1, 0.1, 0.1, 0.25, 3.1217],
    ['call', 100, 110, 0.1, 0.1, 0.1, 0.25, 10.3556],
    ['call', 100, 90, 0.1, 0.1, 0.1, 0.35, 0.9474],
    ['call', 100, 100, 0.1, 0.1, 0.1, 0.35, 4.3693],
    ['call', 100, 110, 0.1, 0.1, 0.1, 0.35, 11.1381],
    ['call', 100, 90, 0.1, 0.1, 0.5, 0.15, 0.8069],
    ['call', 100, 100, 0.1, 0.1, 0.5, 0.15, 4.0232],
    ['call', 100, 110, 0.1, 0.1, 0.5, 0.15, 10.5769],
    ['call', 100, 90, 0.1, 0.1, 0.5, 0.25, 2.7026],
    ['call', 100, 100, 0.1, 0.1, 0.5, 0.25, 6.6997],
    ['call', 100, 110, 0.1, 0.1, 0.5, 0.25, 12.7857],
    ['call', 100, 90, 0.1, 0.1, 0.5, 0.35, 4.9329],
    ['call', 100, 100, 0.1, 0.1, 0.5, 0.35, 9.3679],
    ['call', 100, 110, 0.1, 0.1, 0.5, 0.35, 15.3086],
    ['put', 100, 90, 0.1, 0.1, 0.1, 0.15, 9.921],
    ['put', 100, 100, 0.1, 0.1, 0.1, 0.15, 1.8734],
    ['put', 100, 110, 0.1, 0.1, 0.1, 0.15, 0.0408],
    ['put', 100, 90, 0.1, 0.1, 0.1, 0.25, 10.2155],
    ['put', 100, 100, 0.1, 0.1, 0.1, 0.25, 3.1217],
    ['put', 100, 110, 0.1, 0.1, 0.1, 0.25, 0.4551],
    ['put', 100, 90, 0.1, 0.1, 0.1, 0.35, 10.8479],
    ['put', 100, 100, 0.1, 0.1, 0.1, 0.35, 4.3693],
    ['put', 100, 110, 0.1, 0.1, 0.1, 0.35, 1.2376],
    ['put', 100, 90, 0.1, 0.1, 0.5, 0.15, 10.3192],
    ['put', 100, 100, 0.1, 0.1, 0.5, 0.15, 4.0232],
    ['put', 100, 110, 0.1, 0.1, 0.5, 0.15, 1.0646],
    ['put', 100, 90, 0.1, 0.1, 0.5, 0.25, 12.2149],
    ['put', 100, 100, 0.1, 0.1, 0.5, 0.25, 6.6997],
    ['put', 100, 110, 0.1, 0.1, 0.5, 0.25, 3.2734],
    ['put', 100, 90, 0.1, 0.1, 0.5, 0.35, 14.4452],
    ['put', 100, 100, 0.1, 0.1, 0.5, 0.35, 9.3679],
    ['put', 100, 110, 0.1, 0.1, 0.5, 0.35, 5.7963],
    ['call', 40, 42, 0.08, 0.04, 0.75, 0.35, 5.0975],
  ]
  it.each(rows)('%s K=%d S=%d q=%d r=%d t=%d σ=%d → %d', (type, k, s, q, r, t, v, value) => {
    expect(Math.abs(bsmPrice(opt(type, k, s, q, r, t, v)) - value)).toBeLessThanOrEqual(1e-4)
  })

  // QuantLib testGreekValues (Haug pp. 11–16), tolerance 1e-4.
  it('delta: call 0.5946, put −0.3566 (K=100, S=105, q=r=10 %, t=0.5, σ=36 %)', () => {
    expect(bsmGreeks(opt('call', 100, 105, 0.1, 0.1, 0.5, 0.36)).delta).toBeCloseTo(0.5946, 4)
    expect(bsmGreeks(opt('put', 100, 105, 0.1, 0.1, 0.5, 0.36)).delta).toBeCloseTo(-0.3566, 4)
  })
  it('gamma 0.0278 and vega 18.9358 (K=60, S=55, q=0, r=10 %, t=0.75, σ=30 %), call and put', () => {
    for (const type of ['call', 'put'] as const) {
      const g = bsmGreeks(opt(type, 60, 55, 0, 0.1, 0.75, 0.3))
      expect(g.gamma).toBeCloseTo(0.0278, 4)
      expect(g.vega).toBeCloseTo(18.9358, 4)
    }
  })
  it('put theta −31.1924 per year and −0.0855 per day (K=405, S=430, q=5 %, r=7 %, t=1/12, σ=20 %)', () => {
    const g = bsmGreeks(opt('put', 405, 430, 0.05, 0.07, 1 / 12, 0.2))
    expect(g.theta).toBeCloseTo(-31.1924, 4)
    expect(thetaPerDay(g)).toBeCloseTo(-0.0855, 4)
  })
  it('call rho 38.7325 (K=75, S=72, q=0, r=9 %, t=1, σ=19 %)', () => {
    expect(bsmGreeks(opt('call', 75, 72, 0, 0.09, 1, 0.19)).rho).toBeCloseTo(38.7325, 4)
  })
})

describe('py_vollib black_scholes_merton.greeks.analytical doctests (Hull Examples 17.1–17.7)', () => {
  // S=49, K=50, r=5 %, t=0.3846, σ=20 %, q=0. py_vollib reports theta per day and vega/rho per
  // 1 %; the printed values are its double-precision results.
  const call = bsmGreeks(opt('call', 50, 49, 0, 0.05, 0.3846, 0.2))
  const put = bsmGreeks(opt('put', 50, 49, 0, 0.05, 0.3846, 0.2))
  it('matches delta, gamma, vega, theta and rho to 1e-11', () => {
    expect(call.delta).toBeCloseTo(0.521601633972, 11)
    expect(call.gamma).toBeCloseTo(0.0655453772525, 11)
    expect(vegaPerPoint(call)).toBeCloseTo(0.121052427542, 11)
    expect(call.theta).toBeCloseTo(-4.30538996455, 10)
    expect(put.theta).toBeCloseTo(-1.8530056722, 9)
    expect(call.rho / 100).toBeCloseTo(0.089065740988, 11)
  })
})

describe('normalised Black function against mpmath (reference/black.json, 60 digits)', () => {
  const rows = JSON.parse(
    readFileSync(join(import.meta.dirname, 'reference', 'black.json'), 'utf8'),
  ) as [string, string, string, string][]
  it('is accurate to the problem’s conditioning, |h|²·ε, deep out of the money included', () => {
    // b depends on x/s: a relative change ε in x moves ln b by about h² ε, so no algorithm on
    // double inputs can do better than ~(1 + h²)·ε relative. We require 4× that.
    let worst = 0
    for (const [xs, ss, bs, vs] of rows) {
      const x = Number(xs)
      const s = Number(ss)
      const h = x / s
      const cond = 1 + h * h
      worst = Math.max(worst, Math.abs(normalisedOtmCall(x, s) / Number(bs) - 1) / cond)
      worst = Math.max(worst, Math.abs(normalisedVega(x, s) / Number(vs) - 1) / cond)
    }
    expect(rows.length).toBeGreaterThan(1000)
    expect(worst).toBeLessThanOrEqual(4 * 2.22e-16)
  })
})

describe('limits', () => {
  it('at expiry: intrinsic value, delta 0/±1 (½ at the money), gamma/vega/rho 0, no NaN', () => {
    const itm = bsmGreeks(opt('call', 90, 100, 0.02, 0.05, 0, 0.3))
    // theta keeps the carry of the deterministic payoff S·e^{−qt} − K·e^{−rt}: q·S − r·K.
    expect(itm).toEqual({
      price: 10,
      delta: 1,
      gamma: 0,
      vega: 0,
      theta: 0.02 * 100 - 0.05 * 90,
      rho: 0,
    })
    const otm = bsmGreeks(opt('put', 90, 100, 0.02, 0.05, 0, 0.3))
    expect(otm.price).toBe(0)
    expect(otm.delta === 0).toBe(true)
    const atm = bsmGreeks(opt('put', 100, 100, 0, 0.05, 0, 0.3))
    expect(atm.delta).toBe(-0.5)
    for (const v of Object.values(atm)) expect(Number.isFinite(v)).toBe(true)
  })
  it('at zero volatility: discounted intrinsic on the forward with deterministic greeks', () => {
    const g = bsmGreeks(opt('call', 100, 110, 0.01, 0.05, 0.5, 0))
    const fwdValue = 110 * Math.exp(-0.005) - 100 * Math.exp(-0.025)
    expect(g.price).toBeCloseTo(fwdValue, 13)
    expect(g.delta).toBeCloseTo(Math.exp(-0.005), 15)
    expect(g.theta).toBeCloseTo(0.01 * 110 * Math.exp(-0.005) - 0.05 * 100 * Math.exp(-0.025), 13)
    expect(g.rho).toBeCloseTo(0.5 * 100 * Math.exp(-0.025), 13)
    expect(bsmGreeks(opt('put', 100, 110, 0.01, 0.05, 0.5, 0)).price).toBe(0)
  })
  it('tends continuously to those limits as σ → 0 and t → 0', () => {
    const near = bsmPrice(opt('call', 100, 110, 0.01, 0.05, 0.5, 1e-6))
    expect(near).toBeCloseTo(bsmPrice(opt('call', 100, 110, 0.01, 0.05, 0.5, 0)), 12)
    const soon = bsmPrice(opt('put', 100, 95, 0, 0.05, 1e-12, 0.2))
    expect(soon).toBeCloseTo(5, 9)
  })
})

describe('typed errors on invalid input', () => {
  const base = opt('call', 100, 100, 0, 0.05, 1, 0.2)
  it.each([
    ['spot', { spot: 0 }],
    ['spot', { spot: -1 }],
    ['strike', { strike: 0 }],
    ['t', { t: -0.01 }],
    ['vol', { vol: -0.2 }],
    ['rate', { rate: Number.NaN }],
    ['spot', { spot: Number.POSITIVE_INFINITY }],
  ])('%s %o', (field, patch) => {
    const run = () => bsmGreeks({ ...base, ...patch })
    expect(run).toThrow(OptionsMathError)
    expect(run).toThrow(new RegExp(`^${field} must be`))
    try {
      run()
    } catch (e) {
      expect((e as OptionsMathError).code).toBe('INVALID_INPUT')
    }
  })
  it('rejects an unknown option type', () => {
    expect(() => bsmPrice({ ...base, type: 'straddle' as OptionType })).toThrow(/type must be/)
  })
})

const arbInput = fc.record({
  spot: fc.double({ min: 10, max: 10_000, noNaN: true }),
  moneyness: fc.double({ min: 0.5, max: 2, noNaN: true }),
  t: fc.double({ min: 1 / 365, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
  div: fc.double({ min: 0, max: 0.05, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 2, noNaN: true }),
})

describe('properties (fast-check)', () => {
  it('put–call parity: C − P = S·e^{−qt} − K·e^{−rt}', () => {
    fc.assert(
      fc.property(arbInput, ({ spot, moneyness, t, rate, div, vol }) => {
        const strike = spot * moneyness
        const i = { spot, strike, t, rate, div, vol }
        const c = bsmPrice({ ...i, type: 'call' })
        const p = bsmPrice({ ...i, type: 'put' })
        const fwd = spot * Math.exp(-div * t) - strike * Math.exp(-rate * t)
        expect(Math.abs(c - p - fwd)).toBeLessThanOrEqual(1e-12 * (spot + strike))
      }),
    )
  })
  it('monotone: calls rise with spot, puts fall; both rise with vol and (q = r = 0) with time', () => {
    fc.assert(
      fc.property(
        arbInput,
        fc.double({ min: 1.001, max: 1.5, noNaN: true }),
        ({ spot, moneyness, t, rate, div, vol }, bump) => {
          const strike = spot * moneyness
          const i = { spot, strike, t, rate, div, vol }
          for (const type of ['call', 'put'] as const) {
            const p0 = bsmPrice({ ...i, type })
            const up = bsmPrice({ ...i, type, spot: spot * bump })
            if (type === 'call') expect(up).toBeGreaterThanOrEqual(p0)
            else expect(up).toBeLessThanOrEqual(p0)
            expect(bsmPrice({ ...i, type, vol: vol * bump })).toBeGreaterThanOrEqual(p0)
            const z = { ...i, type, rate: 0, div: 0 }
            expect(bsmPrice({ ...z, t: t * bump })).toBeGreaterThanOrEqual(bsmPrice(z))
          }
        },
      ),
    )
  })
  it('delta, gamma and vega agree with central differences of the price', () => {
    fc.assert(
      fc.property(arbInput, ({ spot, moneyness, t, rate, div, vol }) => {
        const strike = spot * moneyness
        for (const type of ['call', 'put'] as const) {
          const i = { type, spot, strike, t, rate, div, vol }
          const g = bsmGreeks(i)
          const dS = spot * vol * Math.sqrt(t) * 1e-4
          const pUp = bsmPrice({ ...i, spot: spot + dS })
          const pDn = bsmPrice({ ...i, spot: spot - dS })
          const scale = spot * 1e-9 + Math.abs(g.price) * 1e-6
          expect(Math.abs((pUp - pDn) / (2 * dS) - g.delta)).toBeLessThan(1e-6 + scale / spot)
          const dUp = bsmGreeks({ ...i, spot: spot + dS }).delta
          const dDn = bsmGreeks({ ...i, spot: spot - dS }).delta
          expect(Math.abs((dUp - dDn) / (2 * dS) - g.gamma)).toBeLessThan(1e-6 * g.gamma + 1e-9)
          const dv = vol * 1e-5
          const vUp = bsmPrice({ ...i, vol: vol + dv })
          const vDn = bsmPrice({ ...i, vol: vol - dv })
          expect(Math.abs((vUp - vDn) / (2 * dv) - g.vega)).toBeLessThan(1e-6 * spot)
          const dt = t * 1e-5
          const tUp = bsmPrice({ ...i, t: t + dt })
          const tDn = bsmPrice({ ...i, t: t - dt })
          expect(Math.abs(-(tUp - tDn) / (2 * dt) - g.theta)).toBeLessThan(1e-5 * spot)
          const dr = 1e-6
          const rUp = bsmPrice({ ...i, rate: rate + dr })
          const rDn = bsmPrice({ ...i, rate: rate - dr })
          expect(Math.abs((rUp - rDn) / (2 * dr) - g.rho)).toBeLessThan(1e-5 * spot)
        }
      }),
    )
  })
})
