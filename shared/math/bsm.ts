import { OptionsMathError, requireInput } from './errors.ts'
import { normPdf } from './normal.ts'
import {
  normalisedIntrinsicSeries,
  normalisedOtmCall,
  otmCallParts,
  parts,
} from './normalisedBlack.ts'

/**
 * Black–Scholes–Merton for European options on an asset with a continuous dividend yield
 * (Merton 1973): spot S, strike K, time t in years, continuously compounded rate r and yield q,
 * volatility σ per √year. The price goes through the normalised Black function so deep
 * out-of-the-money values keep their relative precision; greeks use the closed forms.
 */

export type OptionType = 'call' | 'put'

export interface BsmInput {
  type: OptionType
  /** Underlying price, > 0. */
  spot: number
  /** Strike, > 0. */
  strike: number
  /** Time to expiry in years, ≥ 0. */
  t: number
  /** Continuously compounded risk-free rate, decimal per year (0.05 = 5 %). */
  rate: number
  /** Continuous dividend yield, decimal per year. */
  div: number
  /** Volatility, decimal per √year (0.2 = 20 %), ≥ 0. */
  vol: number
}

export interface Greeks {
  /** Option value per unit of underlying, in the underlying's price units. */
  price: number
  /** ∂V/∂S per 1.00 of spot. */
  delta: number
  /** ∂²V/∂S² per 1.00 of spot. */
  gamma: number
  /** ∂V/∂σ per 1.00 (100 vol points) of volatility. */
  vega: number
  /** ∂V/∂(calendar time) per year, i.e. −∂V/∂t; usually negative for long options. */
  theta: number
  /** ∂V/∂r per 1.00 (100 %) of rate. */
  rho: number
}

/** Checks a BSM input, throwing OptionsMathError('INVALID_INPUT') on the first bad field. */
export function validateBsmInput(i: BsmInput): void {
  if (i.type !== 'call' && i.type !== 'put')
    throw new OptionsMathError(
      'INVALID_INPUT',
      `type must be "call" or "put", got ${String(i.type)}`,
    )
  requireInput('spot', i.spot, (v) => v > 0, 'a number > 0')
  requireInput('strike', i.strike, (v) => v > 0, 'a number > 0')
  requireInput('t', i.t, (v) => v >= 0, 'a number of years ≥ 0')
  requireInput('rate', i.rate, () => true, 'a finite number')
  requireInput('div', i.div, () => true, 'a finite number')
  requireInput('vol', i.vol, (v) => v >= 0, 'a number ≥ 0')
}

/** Option price per unit of underlying (BSM with dividend yield); intrinsic value at t = 0. */
export function bsmPrice(i: BsmInput): number {
  validateBsmInput(i)
  return priceUnchecked(i.type, i.spot, i.strike, i.t, i.rate, i.div, i.vol)
}

/** The price without input checks, for callers that validated already (IV, position risk). */
export function priceUnchecked(
  type: OptionType,
  spot: number,
  strike: number,
  t: number,
  rate: number,
  div: number,
  vol: number,
): number {
  const w = type === 'call' ? 1 : -1
  const s = vol * Math.sqrt(t)
  // e^{−0·t} is exactly 1: skip the exp for the common dividend-free (and zero-rate) case.
  const fq = div === 0 ? spot : spot * Math.exp(-div * t) // S·e^{−qt}
  const kr = rate === 0 ? strike : strike * Math.exp(-rate * t) // K·e^{−rt}
  if (s === 0) return Math.max(w * (fq - kr), 0)
  const x = Math.log(spot / strike) + (rate - div) * t // ln(F/K)
  // Discounted √(FK) = √(S·e^{−qt}·K·e^{−rt}).
  const scale = Math.sqrt(fq * kr)
  const b = normalisedOtmCall(-Math.abs(x), s)
  return w * x <= 0 ? scale * b : itmPrice(scale, b, x, w, fq, kr)
}

/**
 * In-the-money price: the out-of-the-money call's √(FK)·b plus the intrinsic value
 * √(FK)·2·sinh(|x|/2) = |S·e^{−qt} − K·e^{−rt}|, taken as that difference from |x| = 0.5 on (it
 * cancels by at most coth(1/4) ≈ 4 there) and from x itself nearer the money, where the
 * difference would carry both discount factors' roundings amplified by F/(F − K).
 */
function itmPrice(scale: number, b: number, x: number, w: number, fq: number, kr: number): number {
  const ax = Math.abs(x)
  return ax >= 0.5 ? scale * b + w * (fq - kr) : scale * (b + normalisedIntrinsicSeries(ax))
}

/**
 * Price and greeks (per 1.00 of vol and rate, theta per year). At t = 0 or σ = 0 the limits are
 * used: intrinsic value on the forward, delta 0/±e^{−qt} (½ of it exactly at the money), gamma 0
 * (the true limit at the money is a Dirac mass, reported as 0), theta and rho of the
 * deterministic payoff, vega φ(0)·S·e^{−qt}·√t at the money forward and 0 elsewhere.
 */
export function bsmGreeks(i: BsmInput): Greeks {
  validateBsmInput(i)
  return greeksUnchecked(i.type, i.spot, i.strike, i.t, i.rate, i.div, i.vol)
}

/** `bsmGreeks` without input checks. */
export function greeksUnchecked(
  type: OptionType,
  spot: number,
  strike: number,
  t: number,
  rate: number,
  div: number,
  vol: number,
): Greeks {
  return greeksInto(
    { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 },
    type,
    spot,
    strike,
    t,
    rate,
    div,
    vol,
  )
}

const SQRT_2PI_INV = 0.3989422804014327 // 1/√(2π)

/**
 * `greeksUnchecked` writing into `out` (returned), for loops that reuse one record. One log, one
 * exp per non-zero rate or yield and one exp for all Gaussian factors: with x = ln(F/K),
 * d1,2 = x/s ± s/2 and h = x/s, φ(d1)·S·e^{−qt} = e^{−(h²+s²/4)/2}·√(S·e^{−qt}·K·e^{−rt})/√(2π),
 * and Φ(±d1), Φ(±d2) are the out-of-the-money call's Φ(h∓t) (or their complements).
 */
export function greeksInto(
  out: Greeks,
  type: OptionType,
  spot: number,
  strike: number,
  t: number,
  rate: number,
  div: number,
  vol: number,
): Greeks {
  const w = type === 'call' ? 1 : -1
  const sqrtT = Math.sqrt(t)
  const s = vol * sqrtT
  const dfq = div === 0 ? 1 : Math.exp(-div * t)
  const dfr = rate === 0 ? 1 : Math.exp(-rate * t)
  const fq = spot * dfq
  const kr = strike * dfr
  const x = Math.log(spot / strike) + (rate - div) * t
  if (s === 0) {
    // Deterministic limit: the option finishes in (1), out of (0) or exactly at (½) the money.
    const n = w * x > 0 ? 1 : w * x < 0 ? 0 : 0.5
    const pdf = x === 0 ? SQRT_2PI_INV : 0
    out.price = Math.max(w * (fq - kr), 0)
    out.delta = w * dfq * n
    out.gamma = 0
    out.vega = fq * pdf * sqrtT
    out.theta = -w * rate * kr * n + w * div * fq * n
    out.rho = w * t * kr * n
    return out
  }
  const em = x <= 0 ? Math.sqrt(fq / kr) : Math.sqrt(kr / fq) // e^{−|x|/2}
  const scale = (x <= 0 ? kr : fq) * em // √(S·e^{−qt}·K·e^{−rt})
  const b = otmCallParts(-Math.abs(x), s, em)
  const p = parts
  let n1: number // Φ(w·d1)
  let n2: number // Φ(w·d2)
  if (w * x <= 0) {
    // Out of the money (x ≤ 0 for a call, ≥ 0 for a put): d1,2 map to h ± t directly.
    n1 = w === 1 ? p.cdfPlus : p.cdfMinus
    n2 = w === 1 ? p.cdfMinus : p.cdfPlus
    out.price = scale * b
  } else {
    // In the money: Φ(w·d1,2) are the complements of the out-of-the-money call's Φ.
    n1 = w === 1 ? 1 - p.cdfMinus : p.cdfPlusUpper
    n2 = w === 1 ? p.cdfPlusUpper : 1 - p.cdfMinus
    out.price = itmPrice(scale, b, x, w, fq, kr)
  }
  // S·e^{−qt}·φ(d1); past the shared-exp range (|ln(F/K)| > 600) straight from d1.
  const pdfS =
    x >= -600 && x <= 600 ? scale * p.gauss * SQRT_2PI_INV : fq * normPdf(x / s + 0.5 * s)
  out.delta = w * dfq * n1
  out.gamma = pdfS / (spot * spot * s)
  out.vega = pdfS * sqrtT
  out.theta = (-0.5 * pdfS * vol) / sqrtT - w * rate * kr * n2 + w * div * fq * n1
  out.rho = w * t * kr * n2
  return out
}

/** Theta per calendar day (theta per year / 365), in price units. */
export function thetaPerDay(g: Pick<Greeks, 'theta'>): number {
  return g.theta / 365
}

/** Vega per volatility point (per 0.01 of σ), in price units. */
export function vegaPerPoint(g: Pick<Greeks, 'vega'>): number {
  return g.vega / 100
}
