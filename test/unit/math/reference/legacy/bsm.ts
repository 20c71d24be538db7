/**
 * Frozen copy of shared/math/bsm.ts as of commit ceb25b8, before the speed work: the slow,
 * straightforward path the fast one is checked against (fastPath.test.ts). Not used by the app.
 */
import { OptionsMathError, requireInput } from '../../../../../shared/math/errors.ts'
import { normCdf, normPdf } from '../../../../../shared/math/normal.ts'
import { normalisedOtmCall } from './normalisedBlack.ts'

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
  const theta = type === 'call' ? 1 : -1
  const s = vol * Math.sqrt(t)
  if (s === 0) {
    const dfq = Math.exp(-div * t)
    const dfr = Math.exp(-rate * t)
    return Math.max(theta * (spot * dfq - strike * dfr), 0)
  }
  const x = Math.log(spot / strike) + (rate - div) * t
  // Discounted √(FK) = √(S·K)·e^{(r−q)t/2}·e^{−rt} = √(S·K)·e^{−(r+q)t/2}.
  const scale = Math.sqrt(spot * strike) * Math.exp(-0.5 * (rate + div) * t)
  return scale * normalisedValue(theta, x, s)
}

/** Normalised price b(x, s) of a call (θ = 1) or put (θ = −1): OTM part plus intrinsic. */
function normalisedValue(theta: number, x: number, s: number): number {
  const otm = normalisedOtmCall(-Math.abs(x), s)
  return theta * x > 0 ? otm + theta * 2 * Math.sinh(0.5 * x) : otm
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
  const w = type === 'call' ? 1 : -1
  const sqrtT = Math.sqrt(t)
  const s = vol * sqrtT
  const dfq = Math.exp(-div * t)
  const dfr = Math.exp(-rate * t)
  const x = Math.log(spot / strike) + (rate - div) * t
  const price =
    s === 0
      ? Math.max(w * (spot * dfq - strike * dfr), 0)
      : Math.sqrt(spot * strike * dfq * dfr) * normalisedValue(w, x, s)
  let nd1: number // Φ(w·d1)
  let nd2: number // Φ(w·d2)
  let pdf: number // φ(d1)
  let gamma: number
  if (s === 0) {
    // Deterministic limit: the option finishes in (1), out of (0) or exactly at (½) the money.
    nd1 = nd2 = w * x > 0 ? 1 : w * x < 0 ? 0 : 0.5
    pdf = x === 0 ? 0.3989422804014327 : 0
    gamma = 0
  } else {
    const d1 = x / s + 0.5 * s
    const d2 = d1 - s
    nd1 = normCdf(w * d1)
    nd2 = normCdf(w * d2)
    pdf = normPdf(d1)
    gamma = (dfq * pdf) / (spot * s)
  }
  const vega = spot * dfq * pdf * sqrtT
  const decay = s === 0 ? 0 : (-spot * dfq * pdf * vol) / (2 * sqrtT)
  return {
    price,
    delta: w * dfq * nd1,
    gamma,
    vega,
    theta: decay - w * rate * strike * dfr * nd2 + w * div * spot * dfq * nd1,
    rho: w * strike * t * dfr * nd2,
  }
}

/** Theta per calendar day (theta per year / 365), in price units. */
export function thetaPerDay(g: Pick<Greeks, 'theta'>): number {
  return g.theta / 365
}

/** Vega per volatility point (per 0.01 of σ), in price units. */
export function vegaPerPoint(g: Pick<Greeks, 'vega'>): number {
  return g.vega / 100
}
