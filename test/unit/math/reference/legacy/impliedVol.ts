/**
 * Frozen copy of shared/math/impliedVol.ts as of commit ceb25b8, before the speed work: the slow,
 * straightforward path the fast one is checked against (fastPath.test.ts). Not used by the app.
 */
import { OptionsMathError, requireInput } from '../../../../../shared/math/errors.ts'
import type { OptionType } from './bsm.ts'
import { normCdf, normInv, normPdf } from '../../../../../shared/math/normal.ts'
import {
  normalisedOtmCall,
  normalisedOtmCallComplement,
  normalisedVega,
} from './normalisedBlack.ts'
import {
  controlForLeftSecondDerivative,
  controlForRightSecondDerivative,
  rationalCubic,
} from '../../../../../shared/math/rationalCubic.ts'

/**
 * Implied volatility after P. Jäckel, "Let's Be Rational" (Wilmott, 2015), implemented from the
 * paper's description: reduce to the normalised out-of-the-money call, split the price axis at
 * the points b_l < b_c < b_u around the inflection point s_c = √(2|x|), start from a rational
 * cubic interpolation (in the two outer regions after the transformations f_l ≈ b for small s
 * and f_u = Φ(−s/2) for large s), then refine with third-order Householder steps on the
 * region's objective: 1/ln b − 1/ln β below b_l, b − β in the middle, ln((b_max−β)/(b_max−b))
 * above b_u. The paper's claim is two steps to full precision; we iterate until a step is
 * below 1e−10·s (at most MAX_STEPS).
 */

const MAX_STEPS = 10
const EPS = 2.220446049250313e-16
/**
 * Householder steps converge cubically: once a step is below 1e−10·s, the error it leaves is far
 * below an ulp, so one more evaluation would only measure rounding noise.
 */
const CONVERGED = 1e-10
const TWO_PI_OVER_SQRT27 = 1.2091995761561452 // 2π/√27
const SQRT3 = 1.7320508075688772

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

/** Lower map f_l(s) = (2π/√27)·|x|·Φ(z)³ with z = −|x|/(√3·s) and its first two s-derivatives. */
function lowerMap(x: number, s: number): [number, number, number] {
  const ax = Math.abs(x)
  const z = -ax / (SQRT3 * s)
  const cdf = normCdf(z)
  const pdf = normPdf(z)
  const k = TWO_PI_OVER_SQRT27 * ax
  const f = k * cdf * cdf * cdf
  const fp = 3 * k * cdf * cdf * pdf * (-z / s)
  const fpp = ((3 * k * cdf * pdf) / (s * s)) * (2 * pdf * z * z - cdf * z * z * z + 2 * cdf * z)
  return [f, fp, fpp]
}

function inverseLowerMap(x: number, f: number): number {
  const ax = Math.abs(x)
  const z = normInv(Math.cbrt(f / (TWO_PI_OVER_SQRT27 * ax)))
  return -ax / (SQRT3 * z)
}

/** Derivatives of f(β) from those of f(s) and b(s): [df/dβ, d²f/dβ²]. */
function toBeta(fp: number, fpp: number, bp: number, bppOverBp: number): [number, number] {
  const d1 = fp / bp
  return [d1, (fpp - d1 * bp * bppOverBp) / (bp * bp)]
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
  return normalisedImpliedVolWithSteps(beta, x)[0]
}

/** `normalisedImpliedVol` and the number of Householder steps it took. */
export function normalisedImpliedVolWithSteps(beta: number, x: number): [number, number] {
  const bMax = Math.exp(0.5 * x)
  const sc = Math.sqrt(-2 * x)
  const bc = normalisedOtmCall(x, sc)
  const vc = normalisedVega(x, sc)
  const sl = sc - bc / vc
  const bl = sl > 0 ? normalisedOtmCall(x, sl) : 0
  const su = sc + (bMax - bc) / vc
  const bu = normalisedOtmCall(x, su)
  let s: number
  let region: 'lower' | 'middle' | 'upper'
  if (beta < bl) {
    region = 'lower'
    const [fl, fpl, fppl] = lowerMap(x, sl)
    const vl = normalisedVega(x, sl)
    const [dfl, d2fl] = toBeta(fpl, fppl, vl, halley(x, sl))
    const r = controlForRightSecondDerivative(0, bl, 0, fl, 1, dfl, d2fl, true)
    let f = rationalCubic(beta, 0, bl, 0, fl, 1, dfl, r)
    if (!(f > 0)) {
      const u = beta / bl
      f = (fl * u + bl * (1 - u)) * u
    }
    s = inverseLowerMap(x, f)
  } else if (beta < bu) {
    region = 'middle'
    const vl = sl > 0 ? normalisedVega(x, sl) : vc
    const vu = normalisedVega(x, su)
    if (beta < bc) {
      const r = controlForRightSecondDerivative(bl, bc, sl, sc, 1 / vl, 1 / vc, 0, false)
      s = rationalCubic(beta, bl, bc, Math.max(sl, 0), sc, 1 / vl, 1 / vc, r)
    } else {
      const r = controlForLeftSecondDerivative(bc, bu, sc, su, 1 / vc, 1 / vu, 0, false)
      s = rationalCubic(beta, bc, bu, sc, su, 1 / vc, 1 / vu, r)
    }
  } else {
    region = 'upper'
    const vu = normalisedVega(x, su)
    const fu = normCdf(-0.5 * su)
    const fpu = -0.5 * normPdf(0.5 * su)
    const fppu = 0.125 * su * normPdf(0.5 * su)
    const [dfu, d2fu] = toBeta(fpu, fppu, vu, halley(x, su))
    const dEnd = -1 / (bMax + 1 / bMax)
    const r = controlForLeftSecondDerivative(bu, bMax, fu, 0, dfu, dEnd, d2fu, true)
    let f = rationalCubic(beta, bu, bMax, fu, 0, dfu, dEnd, r)
    if (!(f > 0)) {
      const u = (bMax - beta) / (bMax - bu)
      f = fu * u * u
    }
    s = -2 * normInv(f)
  }
  if (!(s > 0) || !Number.isFinite(s)) s = sc > 0 ? sc : 1
  const lnBeta = Math.log(beta)
  const upperGap = bMax - beta
  let steps = 0
  for (; steps < MAX_STEPS; steps++) {
    const a = halley(x, s)
    const hs = x / (s * s)
    const aa = a * a - 3 * hs * hs - 0.25 // b'''/b'
    const bp = normalisedVega(x, s)
    let nu: number
    let eta: number
    let zeta: number
    if (region === 'lower') {
      const b = normalisedOtmCall(x, s)
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
      const d = normalisedOtmCallComplement(x, s)
      const q = bp / d
      if (!(d > 0) || !Number.isFinite(q)) {
        s *= 0.75
        continue
      }
      nu = -Math.log(upperGap / d) / q
      eta = a + q
      zeta = aa + 3 * q * a + 2 * q * q
    } else {
      nu = (beta - normalisedOtmCall(x, s)) / bp
      eta = a
      zeta = aa
    }
    let ds = (nu * (1 + 0.5 * eta * nu)) / (1 + nu * (eta + (zeta * nu) / 6))
    if (!Number.isFinite(ds)) ds = nu
    // Never jump to or below zero: at most shrink s by a factor of 4.
    const next = s + ds < 0.25 * s ? 0.25 * s : s + ds
    const done = Math.abs(next - s) <= CONVERGED * s
    s = next
    if (done) {
      steps++
      break
    }
  }
  return [s, steps]
}

/**
 * Implied volatility (decimal per √year) of a European option under BSM with dividend yield.
 * Throws OptionsMathError: INVALID_INPUT, PRICE_BELOW_INTRINSIC (no volatility gives a price
 * this low; exactly intrinsic gives 0) or PRICE_ABOVE_MAXIMUM (≥ S·e^{−qT} for a call,
 * ≥ K·e^{−rT} for a put).
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
  const norm =
    Math.sqrt(i.spot * i.strike) * Math.exp(0.5 * (i.rate - i.div) * i.t) * Math.exp(-i.rate * i.t)
  const intrinsicNorm = w * x > 0 ? w * 2 * Math.sinh(0.5 * x) : 0
  let beta = i.price / norm - intrinsicNorm
  const xo = -Math.abs(x)
  const bMax = Math.exp(0.5 * xo)
  // Deep in the money the time value can be below the rounding of the intrinsic value itself
  // (computed here as √(FK)·2·sinh(x/2)·e^{−rT}): within a few ulps the price *is* intrinsic.
  if (beta < 0 && -beta <= 8 * EPS * (i.price / norm + intrinsicNorm)) beta = 0
  if (beta < 0) {
    const intrinsic = norm * intrinsicNorm
    throw new OptionsMathError(
      'PRICE_BELOW_INTRINSIC',
      `price ${i.price} is below the discounted intrinsic value ${intrinsic}`,
    )
  }
  const bound = w === 1 ? i.spot * Math.exp(-i.div * i.t) : i.strike * Math.exp(-i.rate * i.t)
  // Checked in price units too: at exactly the bound, rounding in β could land a hair below b_max.
  if (i.price >= bound || beta >= bMax)
    throw new OptionsMathError(
      'PRICE_ABOVE_MAXIMUM',
      `price ${i.price} is at or above the no-arbitrage bound ${bound}`,
    )
  if (beta === 0) return 0
  return normalisedImpliedVol(beta, xo) / Math.sqrt(i.t)
}
