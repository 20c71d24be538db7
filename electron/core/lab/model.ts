import { MODEL_DIV, MODEL_RATE } from '../../../shared/decisions.ts'
import { greeksUnchecked, priceUnchecked } from '../../../shared/math/bsm.ts'
import { termStructureIv, type VixCurve } from '../../../shared/modelIv.ts'

/**
 * The lab's option model (issue 14): Black–Scholes–Merton on the SPX close with MODEL_RATE and
 * MODEL_DIV, the volatility of the VIX term structure interpolated to the option's calendar days
 * (shared/modelIv.ts termStructureIv) and a skew by strike:
 *
 *   σ(K) = σ_T · (1 − s·z),  z = ln(K / F) / (σ_T·√T),  F = S·e^{(r − q)T}
 *
 * clamped to [0.5·σ_T, 3·σ_T]. The slope s comes from the Cboe SKEW index of the day: SKEW =
 * 100 − 10·skewness, and to first order (Gram–Charlier, Backus–Foresi–Wu) the implied volatility
 * falls with z at −skewness/6, so s = (SKEW − 100) / 60, kept within [0, 0.5]. On a day without
 * a SKEW close the stated constant SKEW_FALLBACK_SLOPE (0.3, i.e. SKEW 118) is used.
 * These are model prices, not historical option quotes.
 */
export const SKEW_FALLBACK_SLOPE = 0.3
export const MAX_SKEW_SLOPE = 0.5

/** The market of one session that prices options. */
export interface PricingDay {
  date: string
  spot: number
  curve: VixCurve
  /** Skew slope s (see the module comment). */
  skewSlope: number
}

export function skewSlopeOf(skew: number | null): number {
  if (skew === null || !Number.isFinite(skew)) return SKEW_FALLBACK_SLOPE
  return Math.min(MAX_SKEW_SLOPE, Math.max(0, (skew - 100) / 60))
}

const dayNumbers = new Map<string, number>()
/** Days since 1970 of an ISO date, memoised (the lab asks for the same few thousand dates). */
function dayNumber(date: string): number {
  let n = dayNumbers.get(date)
  if (n === undefined)
    dayNumbers.set(date, (n = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)))
  return n
}
/** Calendar days from one ISO date to another (shared/dates.ts daysBetween, memoised). */
function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/** Years from the date to the expiry (calendar days / 365, as the journal's model). */
export function yearsTo(date: string, expiry: string): number {
  return Math.max(daysBetween(date, expiry), 0) / 365
}

/** The volatility of a strike on a day for an expiry, or null without a VIX close. */
export function strikeVol(day: PricingDay, strike: number, expiry: string): number | null {
  const days = Math.max(daysBetween(day.date, expiry), 0)
  const atm = termStructureIv(day.curve, days)
  if (atm === null) return null
  const t = Math.max(days, 1) / 365
  const fwd = day.spot * Math.exp((MODEL_RATE - MODEL_DIV) * t)
  const z = Math.log(strike / fwd) / (atm * Math.sqrt(t))
  const factor = Math.min(3, Math.max(0.5, 1 - day.skewSlope * z))
  return atm * factor
}

type Bsm = typeof priceUnchecked

/** A BSM function (price or greeks) applied to one strike of the day, or null without a VIX close. */
function withModel<T>(
  f: (...args: Parameters<Bsm>) => T,
  day: PricingDay,
  type: 'call' | 'put',
  strike: number,
  expiry: string,
): T | null {
  const vol = strikeVol(day, strike, expiry)
  if (vol === null) return null
  return f(type, day.spot, strike, yearsTo(day.date, expiry), MODEL_RATE, MODEL_DIV, vol)
}

/** Model price per share (index points), or null without a VIX close. */
export function optionPrice(
  day: PricingDay,
  type: 'call' | 'put',
  strike: number,
  expiry: string,
): number | null {
  return withModel(priceUnchecked, day, type, strike, expiry)
}

function absDelta(day: PricingDay, type: 'call' | 'put', strike: number, expiry: string): number {
  return Math.abs(withModel(greeksUnchecked, day, type, strike, expiry)?.delta ?? 0)
}

/**
 * The out-of-the-money strike on the `step` grid whose |delta| is nearest `target` (the
 * farther strike on a tie), never at or through the money.
 */
export function strikeAtDelta(
  day: PricingDay,
  type: 'call' | 'put',
  target: number,
  expiry: string,
  step = 5,
): number {
  // Grid indices out of the money: calls above spot, puts below (|delta| falls moving away).
  const atm = type === 'call' ? Math.floor(day.spot / step) + 1 : Math.ceil(day.spot / step) - 1
  const sign = type === 'call' ? 1 : -1
  const strikeOf = (k: number) => (atm + sign * k) * step
  const maxK = type === 'call' ? Math.ceil((day.spot * 3) / step) : atm - 1
  // Binary search for the first k whose |delta| ≤ target.
  let lo = 0
  let hi = Math.max(maxK, 0)
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (absDelta(day, type, strikeOf(mid), expiry) <= target) hi = mid
    else lo = mid + 1
  }
  if (lo === 0) return strikeOf(0)
  const inside = absDelta(day, type, strikeOf(lo - 1), expiry)
  const outside = absDelta(day, type, strikeOf(lo), expiry)
  return inside - target < target - outside ? strikeOf(lo - 1) : strikeOf(lo)
}
