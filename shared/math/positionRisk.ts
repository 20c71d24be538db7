import type { IsoDate, Leg } from '../domain.ts'
import { parseE4, SCALE } from '../money.ts'
import { greeksUnchecked, priceUnchecked, type OptionType } from './bsm.ts'
import { OptionsMathError, requireInput } from './errors.ts'
import { normCdf } from './normal.ts'

/**
 * Risk of a multi-leg position on one underlying: payoff at expiry, value today and at chosen
 * dates, breakevens, max profit / max loss, dollar greeks, wing penetration, expected move and
 * risk-neutral lognormal probabilities. Legs may have different expiries; "at expiry" means at
 * the first expiry, with later legs valued by BSM on their remaining time (as trading platforms
 * draw calendars). All probabilities are model values (lognormal, risk-neutral drift r − q).
 */

/** One leg for the risk engine; amounts per unit of underlying unless stated. */
export interface RiskLeg {
  kind: OptionType | 'future'
  /** Strike in index points (for a future: the entry price). */
  strike: number
  /** Signed contracts: positive long, negative short. */
  quantity: number
  /** Units of underlying per contract (100 for SPX options, 1000 for VX futures). */
  multiplier: number
  /** Time from the valuation date to this leg's expiry, in years (calendar days / 365). */
  expiry: number
  /** Implied volatility of this leg, decimal per √year. */
  iv: number
  /** Price paid per unit (positive; the sign of `quantity` says bought or sold). 0 for futures. */
  entryPrice: number
}

/** Market inputs shared by all legs. */
export interface RiskMarket {
  /** Continuously compounded rate, decimal per year. */
  rate: number
  /** Continuous dividend yield, decimal per year. */
  div: number
}

export interface ValueOptions {
  /** Years after the valuation date at which to value (0 = today, "T+0"). */
  at: number
  /** Added to every leg's IV (0.02 = +2 vol points); results are clamped at 0 vol. */
  ivShift?: number
}

export interface PayoffPoint {
  /** Underlying price, index points. */
  price: number
  /** Position P&L in dollars (value minus entry cost, × quantity × multiplier). */
  pnl: number
}

export interface DollarGreeks {
  /** Dollars per 1-point rise of the underlying. */
  delta: number
  /** Change of `delta` per 1-point rise (dollars per point²). */
  gamma: number
  /** Dollars per calendar day passing. */
  thetaPerDay: number
  /** Dollars per +1 volatility point on every leg. */
  vegaPerPoint: number
  /** Dollars per +1 percentage point of rate. */
  rhoPerPoint: number
}

const YEAR_DAYS = 365

/** Calendar days between two ISO dates (to − from), as years of 365 days. */
export function yearsBetween(from: IsoDate, to: IsoDate): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)
  if (Number.isNaN(ms)) throw new OptionsMathError('INVALID_INPUT', `bad date ${from} or ${to}`)
  return ms / 86_400_000 / YEAR_DAYS
}

/**
 * Converts open journal legs to risk legs. `iv` and `entryPrice` are looked up by leg id;
 * legs that are closed or not options/futures on a strike are left out.
 */
export function riskLegsFromJournal(
  legs: readonly Leg[],
  valuationDate: IsoDate,
  iv: (leg: Leg) => number,
  entryPrice: (leg: Leg) => number,
): RiskLeg[] {
  const out: RiskLeg[] = []
  for (const leg of legs) {
    if (leg.closedAt !== null || leg.openQuantity === 0) continue
    const kind = leg.instrumentType === 'future' ? 'future' : leg.optionType
    if (kind === null) continue
    const strikeE4 = leg.strike === null ? null : parseE4(leg.strike)
    if (kind !== 'future' && strikeE4 === null)
      throw new OptionsMathError('INVALID_INPUT', `leg ${leg.id} has no valid strike`)
    out.push({
      kind,
      strike: kind === 'future' ? entryPrice(leg) : (strikeE4 as number) / SCALE,
      quantity: leg.openQuantity,
      multiplier: leg.multiplier,
      expiry: Math.max(yearsBetween(valuationDate, leg.expiration), 0),
      iv: iv(leg),
      entryPrice: kind === 'future' ? 0 : entryPrice(leg),
    })
  }
  return out
}

function validateLegs(legs: readonly RiskLeg[]): void {
  if (legs.length === 0) throw new OptionsMathError('INVALID_INPUT', 'a position needs legs')
  for (const l of legs) {
    requireInput('strike', l.strike, (v) => v > 0, 'a number > 0')
    requireInput('quantity', l.quantity, () => true, 'a finite number')
    requireInput('multiplier', l.multiplier, (v) => v > 0, 'a number > 0')
    requireInput('expiry', l.expiry, (v) => v >= 0, 'years ≥ 0')
    requireInput('iv', l.iv, (v) => v >= 0, 'a number ≥ 0')
    requireInput('entryPrice', l.entryPrice, (v) => v >= 0, 'a number ≥ 0')
  }
}

/** The first expiry among the legs, in years. */
export function firstExpiry(legs: readonly RiskLeg[]): number {
  return Math.min(...legs.map((l) => l.expiry))
}

/** Per-unit value of one leg at spot `s`, `at` years from now. */
function legValue(l: RiskLeg, s: number, at: number, m: RiskMarket, ivShift: number): number {
  if (l.kind === 'future') return s - l.strike
  const tau = Math.max(l.expiry - at, 0)
  const vol = Math.max(l.iv + ivShift, 0)
  return priceUnchecked(l.kind, s, l.strike, tau, m.rate, m.div, vol)
}

/** Position P&L in dollars at spot `s` (index points) and the given date. */
export function positionPnl(
  legs: readonly RiskLeg[],
  s: number,
  m: RiskMarket,
  o: ValueOptions,
): number {
  const shift = o.ivShift ?? 0
  let pnl = 0
  for (const l of legs)
    pnl += l.quantity * l.multiplier * (legValue(l, s, o.at, m, shift) - l.entryPrice)
  return pnl
}

/** P&L curve over [from, to] with `n` ≥ 2 evenly spaced prices. */
export function pnlCurve(
  legs: readonly RiskLeg[],
  from: number,
  to: number,
  n: number,
  m: RiskMarket,
  o: ValueOptions,
): PayoffPoint[] {
  validateLegs(legs)
  requireInput('from', from, (v) => v > 0, 'a price > 0')
  requireInput('to', to, (v) => v > from, `a price > ${from}`)
  requireInput('n', n, (v) => Number.isInteger(v) && v >= 2, 'an integer ≥ 2')
  const out: PayoffPoint[] = []
  for (let i = 0; i < n; i++) {
    const price = from + ((to - from) * i) / (n - 1)
    out.push({ price, pnl: positionPnl(legs, price, m, o) })
  }
  return out
}

/** P&L at the first expiry (later legs valued on their remaining time). */
export function payoffAtExpiry(
  legs: readonly RiskLeg[],
  from: number,
  to: number,
  n: number,
  m: RiskMarket,
): PayoffPoint[] {
  return pnlCurve(legs, from, to, n, m, { at: firstExpiry(legs) })
}

export type Extreme = { kind: 'finite'; value: number; at: number } | { kind: 'unlimited' }

export interface ExpiryProfile {
  /** Underlying prices (ascending) where the P&L at the first expiry crosses zero. */
  breakevens: number[]
  /** Largest P&L in dollars, or unlimited (positive slope for ever as the price rises). */
  maxProfit: Extreme
  /** Largest loss in dollars as a positive number, or unlimited. */
  maxLoss: Extreme
}

/**
 * Breakevens and extremes of the P&L at the first expiry. When every leg expires then, the
 * P&L is piecewise linear with kinks at the strikes, so the kinks, the origin and the slope
 * past the last strike give exact answers; with later legs the curve is sampled on a fine grid
 * (2 000 points up to 4× the highest strike) and the zero crossings refined by bisection.
 */
export function expiryProfile(legs: readonly RiskLeg[], m: RiskMarket): ExpiryProfile {
  validateLegs(legs)
  const t0 = firstExpiry(legs)
  const at = { at: t0 }
  const f = (s: number) => positionPnl(legs, s, m, at)
  const strikes = [...new Set(legs.map((l) => l.strike))].sort((a, b) => a - b)
  const top = strikes[strikes.length - 1] as number
  const sameExpiry = legs.every((l) => l.expiry === t0 || l.kind === 'future')
  let xs: number[]
  if (sameExpiry) xs = [0, ...strikes, top * 2]
  else {
    xs = []
    const n = 2000
    for (let i = 0; i <= n; i++) xs.push((4 * top * i) / n)
  }
  const ys = xs.map((x) => (x === 0 ? f(Number.MIN_VALUE) : f(x)))
  // Beyond the grid only calls and futures move the P&L: slope = Σ quantity × multiplier.
  const farSlope = legs.reduce((a, l) => a + (l.kind === 'put' ? 0 : l.quantity * l.multiplier), 0)
  const breakevens: number[] = []
  for (let i = 0; i + 1 < xs.length; i++) {
    const x0 = xs[i] as number
    const x1 = xs[i + 1] as number
    const y0 = ys[i] as number
    const y1 = ys[i + 1] as number
    if (y0 === 0 && i > 0) breakevens.push(x0)
    if ((y0 < 0 && y1 > 0) || (y0 > 0 && y1 < 0)) {
      if (sameExpiry) breakevens.push(x0 + (x1 - x0) * (y0 / (y0 - y1)))
      else breakevens.push(bisect(f, x0, x1, y0))
    }
  }
  const lastY = ys[ys.length - 1] as number
  const lastX = xs[xs.length - 1] as number
  if (farSlope !== 0 && lastY !== 0 && Math.sign(lastY) !== Math.sign(farSlope))
    breakevens.push(lastX - lastY / farSlope)
  let iMax = 0
  let iMin = 0
  ys.forEach((y, i) => {
    if (y > (ys[iMax] as number)) iMax = i
    if (y < (ys[iMin] as number)) iMin = i
  })
  return {
    breakevens,
    maxProfit:
      farSlope > 0
        ? { kind: 'unlimited' }
        : { kind: 'finite', value: ys[iMax] as number, at: xs[iMax] as number },
    maxLoss:
      farSlope < 0
        ? { kind: 'unlimited' }
        : { kind: 'finite', value: -(ys[iMin] as number), at: xs[iMin] as number },
  }
}

function bisect(f: (x: number) => number, lo: number, hi: number, fLo: number): number {
  let a = lo
  let b = hi
  let fa = fLo
  for (let i = 0; i < 100 && b - a > 1e-9 * Math.max(1, b); i++) {
    const mid = 0.5 * (a + b)
    const fm = f(mid)
    if (fm === 0) return mid
    if (fm < 0 === fa < 0) {
      a = mid
      fa = fm
    } else b = mid
  }
  return 0.5 * (a + b)
}

/** Position greeks in dollars at spot `s`, valued `o.at` years from now. */
export function dollarGreeks(
  legs: readonly RiskLeg[],
  s: number,
  m: RiskMarket,
  o: ValueOptions,
): DollarGreeks {
  validateLegs(legs)
  const shift = o.ivShift ?? 0
  const g: DollarGreeks = { delta: 0, gamma: 0, thetaPerDay: 0, vegaPerPoint: 0, rhoPerPoint: 0 }
  for (const l of legs) {
    const n = l.quantity * l.multiplier
    if (l.kind === 'future') {
      g.delta += n
      continue
    }
    const tau = Math.max(l.expiry - o.at, 0)
    const x = greeksUnchecked(l.kind, s, l.strike, tau, m.rate, m.div, Math.max(l.iv + shift, 0))
    g.delta += n * x.delta
    g.gamma += n * x.gamma
    g.thetaPerDay += (n * x.theta) / YEAR_DAYS
    g.vegaPerPoint += (n * x.vega) / 100
    g.rhoPerPoint += (n * x.rho) / 100
  }
  return g
}

export interface WingPenetration {
  /** (S − K3)/(K4 − K3): < 0 untested, 0…1 inside the call wing, ≥ 1 beyond the long call. */
  call: number | null
  /** (K2 − S)/(K2 − K1), the put side's mirror. */
  put: number | null
}

/**
 * Wing penetration (PRODUCT.md glossary) from the legs: the short call is the lowest-strike
 * short call and its wing the nearest long call above; the put side mirrors it. null when a
 * side has no short strike with a wing.
 */
export function wingPenetration(legs: readonly RiskLeg[], spot: number): WingPenetration {
  const shortCalls = legs.filter((l) => l.kind === 'call' && l.quantity < 0)
  const longCalls = legs.filter((l) => l.kind === 'call' && l.quantity > 0)
  const shortPuts = legs.filter((l) => l.kind === 'put' && l.quantity < 0)
  const longPuts = legs.filter((l) => l.kind === 'put' && l.quantity > 0)
  let call: number | null = null
  if (shortCalls.length) {
    const k3 = Math.min(...shortCalls.map((l) => l.strike))
    const above = longCalls.map((l) => l.strike).filter((k) => k > k3)
    if (above.length) call = (spot - k3) / (Math.min(...above) - k3)
  }
  let put: number | null = null
  if (shortPuts.length) {
    const k2 = Math.max(...shortPuts.map((l) => l.strike))
    const below = longPuts.map((l) => l.strike).filter((k) => k < k2)
    if (below.length) put = (k2 - spot) / (k2 - Math.max(...below))
  }
  return { call, put }
}

/** One-standard-deviation expected move S·IV·√(DTE/365), in index points. */
export function expectedMove(spot: number, iv: number, dte: number): number {
  requireInput('spot', spot, (v) => v > 0, 'a number > 0')
  requireInput('iv', iv, (v) => v >= 0, 'a number ≥ 0')
  requireInput('dte', dte, (v) => v >= 0, 'days ≥ 0')
  return spot * iv * Math.sqrt(dte / YEAR_DAYS)
}

/** Risk-neutral lognormal P(S_T > k): Φ(d2) with d2 = (ln(S/k) + (r − q − σ²/2)T)/(σ√T). */
export function probabilityAbove(
  spot: number,
  k: number,
  t: number,
  vol: number,
  m: RiskMarket,
): number {
  const sd = vol * Math.sqrt(t)
  const mean = Math.log(spot / k) + (m.rate - m.div - 0.5 * vol * vol) * t
  if (sd === 0) return mean > 0 ? 1 : 0
  return normCdf(mean / sd)
}

/** Risk-neutral lognormal probability that S_T ends strictly between `lower` and `upper`. */
export function probabilityBetween(
  spot: number,
  lower: number,
  upper: number,
  t: number,
  vol: number,
  m: RiskMarket,
): number {
  if (!(upper > lower)) return 0
  // P(S_T < upper) − P(S_T ≤ lower), each from the smaller tail to keep precision.
  const pBelowUpper = 1 - probabilityAbove(spot, upper, t, vol, m)
  const pBelowLower = 1 - probabilityAbove(spot, lower, t, vol, m)
  return Math.max(pBelowUpper - pBelowLower, 0)
}

/**
 * Risk-neutral probability that the price touches `barrier` before `t` years (continuous
 * monitoring, geometric Brownian motion with drift r − q; reflection principle):
 * with ν = r − q − σ²/2, b = |ln(H/S)| and ν' = ±ν toward the barrier,
 * P = Φ((ν'T − b)/(σ√T)) + e^{2ν'b/σ²}·Φ((−ν'T − b)/(σ√T)).
 */
export function probabilityOfTouch(
  spot: number,
  barrier: number,
  t: number,
  vol: number,
  m: RiskMarket,
): number {
  requireInput('spot', spot, (v) => v > 0, 'a number > 0')
  requireInput('barrier', barrier, (v) => v > 0, 'a number > 0')
  if (barrier === spot) return 1
  const sd = vol * Math.sqrt(t)
  const nu0 = m.rate - m.div - 0.5 * vol * vol
  const up = barrier > spot
  const b = Math.abs(Math.log(barrier / spot))
  const nu = up ? nu0 : -nu0
  if (sd === 0) return nu * t >= b ? 1 : 0
  const p =
    normCdf((nu * t - b) / sd) + Math.exp((2 * nu * b) / (vol * vol)) * normCdf((-nu * t - b) / sd)
  return Math.min(Math.max(p, 0), 1)
}

export interface PositionRisk {
  spot: number
  pnlToday: number
  greeks: DollarGreeks
  profile: ExpiryProfile
  wings: WingPenetration
  /** Expected move to the first expiry using the average IV of the short legs (or all legs). */
  expectedMove: number
  /** P(breakevens[0] < S_T < breakevens[last]) at the first expiry; null without two breakevens. */
  probabilityBetweenBreakevens: number | null
  /** Probability of touching each short strike before the first expiry, by strike. */
  probabilityOfTouch: { strike: number; probability: number }[]
}

/** Everything the position screen shows, at spot `spot` today. */
export function positionRisk(legs: readonly RiskLeg[], spot: number, m: RiskMarket): PositionRisk {
  validateLegs(legs)
  requireInput('spot', spot, (v) => v > 0, 'a number > 0')
  const t0 = firstExpiry(legs)
  const shorts = legs.filter((l) => l.quantity < 0 && l.kind !== 'future')
  const volLegs = shorts.length ? shorts : legs.filter((l) => l.kind !== 'future')
  const iv = volLegs.length ? volLegs.reduce((a, l) => a + l.iv, 0) / volLegs.length : 0
  const profile = expiryProfile(legs, m)
  const be = profile.breakevens
  const first = be[0]
  const last = be[be.length - 1]
  return {
    spot,
    pnlToday: positionPnl(legs, spot, m, { at: 0 }),
    greeks: dollarGreeks(legs, spot, m, { at: 0 }),
    profile,
    wings: wingPenetration(legs, spot),
    expectedMove: expectedMove(spot, iv, t0 * YEAR_DAYS),
    probabilityBetweenBreakevens:
      be.length >= 2 && first !== undefined && last !== undefined
        ? probabilityBetween(spot, first, last, t0, iv, m)
        : null,
    probabilityOfTouch: [...new Set(shorts.map((l) => l.strike))].map((k) => ({
      strike: k,
      probability: probabilityOfTouch(spot, k, t0, shorts.find((l) => l.strike === k)?.iv ?? iv, m),
    })),
  }
}
