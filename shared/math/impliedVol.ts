import { OptionsMathError, requireInput } from './errors.ts'
import type { OptionType } from './bsm.ts'
import { erfcx, normCdfLowerGivenExp, normInvLowerTailLog, normInvRational } from './normal.ts'
import {
  normalisedIntrinsic,
  normalisedOtmCall,
  normalisedOtmCallComplement,
  parts,
} from './normalisedBlack.ts'
import {
  controlForLeftSecondDerivative,
  controlForRightSecondDerivative,
  rationalCubic,
} from './rationalCubic.ts'

/**
 * Implied volatility after P. Jäckel, "Let's Be Rational" (Wilmott, 2015), implemented from the
 * paper's description: reduce to the normalised out-of-the-money call, split the price axis at
 * the points b_l < b_c < b_u around the inflection point s_c = √(2|x|), start from a rational
 * cubic interpolation (in the two outer regions after the transformations f_l ≈ b for small s
 * and f_u = Φ(−s/2) for large s), then refine with third-order Householder steps on the
 * region's objective: 1/ln b − 1/ln β below b_l, b − β in the middle, ln((b_max−β)/(b_max−b))
 * above b_u. The paper's claim is two steps to full precision; we iterate until a step is
 * below 1e−6·s (at most MAX_STEPS).
 */

const MAX_STEPS = 10
const EPS = 2.220446049250313e-16
/**
 * Householder steps converge cubically: a step of δ·s leaves an error of order δ³·s, so once a
 * step is below 1e−6·s the error it leaves (~1e−18 relative) is below an ulp and the loop stops
 * after applying it. From the rational-cubic start this means two steps in practice (Jäckel's
 * claim); the former bound of 1e−10 forced a third step that only measured rounding noise
 * (same results to the last bit on the benchmark set and the round-trip tests).
 */
const CONVERGED = 1e-6
/** See `solve`: from this relative step size on, the lower region iterates on b − β. */
const NEAR = 1e-3
const TWO_PI_OVER_SQRT27 = 1.2091995761561452 // 2π/√27
const SQRT3 = 1.7320508075688772
const INV_SQRT3 = 0.5773502691896258 // 1/√3
const SQRT_2PI_INV = 0.3989422804014327 // 1/√(2π)

export interface IvInput {
  type: OptionType
  /** Underlying price, > 0. */
  spot: number
  /** Strike, > 0. */
  strike: number
  /** Time to expiry in years, > 0. */
  t: number
  /** Continuously compounded rate, decimal per year. */
  rate: number
  /** Continuous dividend yield, decimal per year. */
  div: number
  /** Option price per unit of underlying. */
  price: number
}

/**
 * Lower map f_l(s) = (2π/√27)·|x|·Φ(z)³ with z = −|x|/(√3·s) and its first two s-derivatives,
 * written to `lower` (no fresh array on the hot path). Φ(z) and φ(z) share one exp (z ≤ 0). The
 * map only shapes the initial guess, so e^{−z²/2} is taken plainly (a relative error of z²·ε
 * there moves the guess, not the root the Householder steps converge to).
 */
const lower = { f: 0, fp: 0, fpp: 0 }
function lowerMap(x: number, s: number): void {
  const ax = Math.abs(x)
  const is = 1 / s
  const z = -ax * is * INV_SQRT3
  const g = Math.exp(-0.5 * z * z)
  const cdf = normCdfLowerGivenExp(-z, g)
  const pdf = SQRT_2PI_INV * g
  const k = TWO_PI_OVER_SQRT27 * ax
  lower.f = k * cdf * cdf * cdf
  lower.fp = 3 * k * cdf * cdf * pdf * (-z * is)
  lower.fpp = 3 * k * cdf * pdf * is * is * (2 * pdf * z * z - cdf * z * z * z + 2 * cdf * z)
}

/**
 * s with f_l(s) = f: Φ(z) = ∛(f/((2π/√27)·|x|)). In AS 241's tail (Φ(z) < 0.075, i.e. its cube
 * below 0.075³) only ln Φ(z) = ln(f/…)/3 is needed, which saves the cube root.
 */
function inverseLowerMap(x: number, f: number): number {
  const ax = Math.abs(x)
  const y = f / (TWO_PI_OVER_SQRT27 * ax) // Φ(z)³
  const z = y < 4.21875e-4 ? normInvLowerTailLog(Math.log(y) / 3) : normInvRational(Math.cbrt(y))
  return -ax / (SQRT3 * z)
}

/** d²f/dβ² from f's s-derivatives, 1/b' and b''/b' (df/dβ is fp/b'). */
function toBeta2(fp: number, fpp: number, invBp: number, bppOverBp: number): number {
  return (fpp - fp * bppOverBp) * invBp * invBp
}

/** b''/b' at s: h²/s − s/4 with h = x/s. */
function halley(x: number, s: number): number {
  const h = x / s
  return (h * h) / s - 0.25 * s
}

/**
 * Total implied volatility s = σ√T of a normalised out-of-the-money call price β for x ≤ 0,
 * 0 < β < e^{x/2}.
 */
export function normalisedImpliedVol(beta: number, x: number): number {
  const bMax = Math.exp(0.5 * x)
  return solve(beta, x, bMax, bMax - beta)
}

/** `normalisedImpliedVol` and the number of Householder steps it took. */
export function normalisedImpliedVolWithSteps(beta: number, x: number): [number, number] {
  const bMax = Math.exp(0.5 * x)
  const s = solve(beta, x, bMax, bMax - beta)
  return [s, lastSteps]
}

/** Householder steps of the last `solve` (read by `normalisedImpliedVolWithSteps`). */
let lastSteps = 0

/**
 * The solver. `bMax` is e^{x/2}, or the caller's equal to a few ulps: it places the guess's
 * nodes. `upperGap` is b_max − β, which the upper region's objective ln((b_max − β)/(b_max − b))
 * needs to full relative precision even when β is within a few ulps of b_max: `impliedVol`
 * takes it as (bound − price)/scale, where the subtraction of two prices is exact.
 */
function solve(beta: number, x: number, bMax: number, upperGap: number): number {
  const sc = Math.sqrt(-2 * x)
  // At s_c = √(2|x|): h = −t, so Φ(h + t) = ½ and e^{−(h²+t²)/2} = e^{x/2}; with
  // e^{−x/2}·Φ(−s_c) = ½·e^{x/2}·erfcx(√|x|) this gives b_c = ½·e^{x/2}·(1 − erfcx(√|x|)) and
  // b'(s_c) = e^{x/2}/√(2π) without the series. The subtraction costs digits for tiny |x|
  // (≈ √π/(2√|x|) ulps), harmless: b_c only places the guess.
  const bc = 0.5 * bMax * (1 - erfcx(Math.sqrt(-x)))
  const vc = SQRT_2PI_INV * bMax
  // Only the side of b_c that β is on needs its outer point: b_l below, b_u above.
  let sl = 0
  let bl = 0
  let su = Infinity
  let bu = Infinity
  let vl = vc // b'(s_l), or b'(s_c) where s_l ≤ 0
  let vu = 0
  if (beta < bc) {
    sl = sc - bc / vc
    if (sl > 0) {
      bl = normalisedOtmCall(x, sl)
      vl = SQRT_2PI_INV * parts.gauss // normalisedVega(x, sl), from the same exp
    }
  } else {
    su = sc + (bMax - bc) / vc
    bu = normalisedOtmCall(x, su)
    vu = SQRT_2PI_INV * parts.gauss // normalisedVega(x, su)
  }
  let s: number
  let region: 'lower' | 'middle' | 'upper'
  if (beta < bl) {
    region = 'lower'
    lowerMap(x, sl)
    const fl = lower.f
    const ivl = 1 / vl
    const dfl = lower.fp * ivl
    const d2fl = toBeta2(lower.fp, lower.fpp, ivl, halley(x, sl))
    const r = controlForRightSecondDerivative(0, bl, 0, fl, 1, dfl, d2fl, true)
    let f = rationalCubic(beta, 0, bl, 0, fl, 1, dfl, r)
    if (!(f > 0)) {
      const u = beta / bl
      f = (fl * u + bl * (1 - u)) * u
    }
    s = inverseLowerMap(x, f)
  } else if (beta < bu) {
    region = 'middle'
    if (beta < bc) {
      const r = controlForRightSecondDerivative(bl, bc, sl, sc, 1 / vl, 1 / vc, 0, false)
      s = rationalCubic(beta, bl, bc, Math.max(sl, 0), sc, 1 / vl, 1 / vc, r)
    } else {
      const r = controlForLeftSecondDerivative(bc, bu, sc, su, 1 / vc, 1 / vu, 0, false)
      s = rationalCubic(beta, bc, bu, sc, su, 1 / vc, 1 / vu, r)
    }
  } else {
    region = 'upper'
    const gu = Math.exp(-0.125 * su * su) // e^{−(s_u/2)²/2}, guess only (see lowerMap)
    const fu = normCdfLowerGivenExp(0.5 * su, gu) // Φ(−s_u/2)
    const fpu = -0.5 * SQRT_2PI_INV * gu
    const fppu = 0.125 * su * SQRT_2PI_INV * gu
    const ivu = 1 / vu
    const dfu = fpu * ivu
    const d2fu = toBeta2(fpu, fppu, ivu, halley(x, su))
    const dEnd = -1 / (bMax + 1 / bMax)
    const r = controlForLeftSecondDerivative(bu, bMax, fu, 0, dfu, dEnd, d2fu, true)
    // β as b_max − gap, consistent with the gap to the last ulp (β itself may round to or past
    // b_max when the price is within a few ulps of the bound).
    const betaU = bMax - upperGap
    let f = rationalCubic(betaU, bu, bMax, fu, 0, dfu, dEnd, r)
    if (!(f > 0)) {
      const u = upperGap / (bMax - bu)
      f = fu * u * u
    }
    // At b_max itself f → 0 with slope dEnd: the tangent, which holds however small the gap.
    if (!(f > 0)) f = -upperGap * dEnd
    s = -2 * normInvRational(f)
  }
  if (!(s > 0) || !Number.isFinite(s)) s = sc > 0 ? sc : 1
  const lnBeta = Math.log(beta)
  let steps = 0
  // Once a step has moved s by less than NEAR·s, the lower region's log objective has done its
  // job (taming b's many orders of magnitude far from the root): the remaining step uses b − β
  // like the middle region, with the same third-order step and conditioning, and saves two logs.
  let near = false
  for (; steps < MAX_STEPS; steps++) {
    const a = halley(x, s)
    const hs = x / (s * s)
    const aa = a * a - 3 * hs * hs - 0.25 // b'''/b'
    let nu: number
    let eta: number
    let zeta: number
    if (region === 'lower' && !near) {
      const b = normalisedOtmCall(x, s)
      const bp = SQRT_2PI_INV * parts.gauss // normalisedVega(x, s), from the same exp
      if (!(b > 0) || !(bp > 0)) {
        s *= 1.5 // started below the representable range: walk up
        continue
      }
      const L = Math.log(b)
      const p = bp / b
      nu = (L * Math.log(beta / b)) / (lnBeta * p)
      eta = a - p - (2 * p) / L
      zeta = aa - 3 * p * a + 2 * p * p - (6 * (p * a - p * p)) / L + (6 * p * p) / (L * L)
    } else if (region === 'upper') {
      // b_max − b = ½·E·[erfcx((h+t)/√2) + erfcx((t−h)/√2)] with E = e^{−(h²+t²)/2} (the two
      // Φ terms of the complement times e^{±x/2}, as in normalisedBlack.ts): one exp, which
      // also gives b' = E/√(2π). Where erfcx of a negative argument overflows, the plain form.
      const h = x / s
      const t = 0.5 * s
      const e = Math.exp(-0.5 * (h * h + t * t))
      const bp = SQRT_2PI_INV * e
      let d = 0.5 * e * (erfcx((h + t) * Math.SQRT1_2) + erfcx((t - h) * Math.SQRT1_2))
      if (!Number.isFinite(d)) d = normalisedOtmCallComplement(x, s)
      const q = bp / d
      if (!(d > 0) || !Number.isFinite(q)) {
        s *= 0.75
        continue
      }
      nu = -Math.log(upperGap / d) / q
      eta = a + q
      zeta = aa + 3 * q * a + 2 * q * q
    } else {
      const b = normalisedOtmCall(x, s)
      nu = (beta - b) / (SQRT_2PI_INV * parts.gauss)
      eta = a
      zeta = aa
    }
    let ds = (nu * (1 + 0.5 * eta * nu)) / (1 + nu * (eta + (zeta * nu) / 6))
    if (!Number.isFinite(ds)) ds = nu
    // Never jump to or below zero: at most shrink s by a factor of 4.
    const next = s + ds < 0.25 * s ? 0.25 * s : s + ds
    const done = Math.abs(next - s) <= CONVERGED * s
    near = Math.abs(next - s) <= NEAR * s
    s = next
    if (done) {
      steps++
      break
    }
  }
  lastSteps = steps
  return s
}

/**
 * Implied volatility (decimal per √year) of a European option under BSM with dividend yield.
 * Throws OptionsMathError: INVALID_INPUT, PRICE_BELOW_INTRINSIC (no volatility gives a price
 * this low; exactly intrinsic gives 0), PRICE_ABOVE_MAXIMUM (≥ S·e^{−qT} for a call,
 * ≥ K·e^{−rT} for a put) or VOL_NOT_DETERMINED (the solver ended without a finite volatility:
 * a guard, not seen in testing — prices even one ulp below the bound invert, near_bound.json).
 */
export function impliedVol(i: IvInput): number {
  if (i.type !== 'call' && i.type !== 'put')
    throw new OptionsMathError(
      'INVALID_INPUT',
      `type must be "call" or "put", got ${String(i.type)}`,
    )
  requireInput('spot', i.spot, (v) => v > 0, 'a number > 0')
  requireInput('strike', i.strike, (v) => v > 0, 'a number > 0')
  requireInput('t', i.t, (v) => v > 0, 'a number of years > 0')
  requireInput('rate', i.rate, () => true, 'a finite number')
  requireInput('div', i.div, () => true, 'a finite number')
  requireInput('price', i.price, (v) => v >= 0, 'a number ≥ 0')
  const w = i.type === 'call' ? 1 : -1
  const x = Math.log(i.spot / i.strike) + (i.rate - i.div) * i.t
  // e^{−0·t} is exactly 1: no exp for the dividend-free (or zero-rate) case.
  const fq = i.div === 0 ? i.spot : i.spot * Math.exp(-i.div * i.t) // S·e^{−qT}
  const kr = i.rate === 0 ? i.strike : i.strike * Math.exp(-i.rate * i.t) // K·e^{−rT}
  const xo = -Math.abs(x)
  // e^{−|x|/2} and the scale √(S·e^{−qT}·K·e^{−rT}) from one sqrt instead of two exps.
  const lo = fq < kr ? fq : kr
  const hi = fq < kr ? kr : fq
  const bMax = Math.sqrt(lo / hi)
  const norm = hi * bMax
  const intrinsicNorm = w * x > 0 ? normalisedIntrinsic(-xo, bMax) : 0
  let beta = i.price / norm - intrinsicNorm
  // Deep in the money the time value can be below the rounding of the intrinsic value itself
  // (`normalisedIntrinsic` × the scale): within a few ulps the price *is* intrinsic.
  if (beta < 0 && -beta <= 8 * EPS * (i.price / norm + intrinsicNorm)) beta = 0
  if (beta < 0) {
    const intrinsic = norm * intrinsicNorm
    throw new OptionsMathError(
      'PRICE_BELOW_INTRINSIC',
      `price ${i.price} is below the discounted intrinsic value ${intrinsic}`,
    )
  }
  const bound = w === 1 ? fq : kr
  if (i.price >= bound)
    throw new OptionsMathError(
      'PRICE_ABOVE_MAXIMUM',
      `price ${i.price} is at or above the no-arbitrage bound ${bound}`,
    )
  if (beta === 0) return 0
  // b_max − β = (bound − price)/scale for calls and puts, in or out of the money (b_max·scale is
  // the bound, and the intrinsic part cancels): exact where β ≈ b_max, unlike b_max − β itself.
  const s = solve(beta, xo, bMax, (bound - i.price) / norm)
  if (!(s > 0 && s < Infinity))
    throw new OptionsMathError(
      'VOL_NOT_DETERMINED',
      `no finite volatility found for price ${i.price} (no-arbitrage bound ${bound})`,
    )
  return s / Math.sqrt(i.t)
}
