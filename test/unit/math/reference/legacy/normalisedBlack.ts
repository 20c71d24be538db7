/**
 * Frozen copy of shared/math/normalisedBlack.ts as of commit ceb25b8, before the speed work: the slow,
 * straightforward path the fast one is checked against (fastPath.test.ts). Not used by the app.
 */
import { erfcx, normCdf } from '../../../../../shared/math/normal.ts'

/**
 * The normalised Black function of Jäckel ("Let's Be Rational", 2015): with forward F, strike K,
 * x = ln(F/K) and total volatility s = σ√T, an undiscounted call is √(FK)·b(x, s) where
 * b(x, s) = e^{x/2}·Φ(x/s + s/2) − e^{−x/2}·Φ(x/s − s/2). Everything here works on the
 * out-of-the-money call (x ≤ 0); in-the-money values and puts follow from symmetry.
 *
 * The textbook difference above loses digits when the two terms nearly cancel (deep out of the
 * money, short-dated, low volatility). Where that happens we use a series with positive terms:
 * writing h = x/s, t = s/2 and a = −h/√2,
 *   b = e^{−(h²+t²)/2} · Σ_{k odd} (√2·t)^k · J_k(a),   J_k(a) = e^{a²}·i^k erfc(a),
 * obtained by Taylor-expanding erfcx around a (the derivatives of erfcx are, up to sign and
 * 2^k·k!, the repeated integrals of erfc). The J_k satisfy 2k·J_k = J_{k−2} − 2a·J_{k−1} with
 * J_{−1} = 2/√π exactly; the recurrence is run downwards (Miller's algorithm), where it is stable,
 * and normalised with J_{−1}. This derivation is ours; Jäckel handles the same regions with
 * asymptotic and small-t expansions.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126 // 2/√π
const SQRT_2PI_INV = 0.3989422804014327 // 1/√(2π)
const LN_EPS_TERMS = 39.5 // −ln(2^−57): series truncation with a safety margin
const FORWARD_MAX_A = 3
const MILLER_EXTRA = 20

/** Whether the positive-term series is used (cheap and needed) for h ≤ 0, t > 0. */
function useSeries(h: number, t: number): boolean {
  return t <= 0.35 || -h >= 2.83 * t
}

/** Σ_{k odd} (√2 t)^k J_k(a) for a = −h/√2 ≥ 0. */
function seriesSum(a: number, t: number): number {
  const c = Math.SQRT2 * t
  if (a < FORWARD_MAX_A) return seriesForward(a, c)
  // Consecutive odd terms shrink at least by q² with q = c/(a + √(a² + 2)).
  const q = c / (a + Math.sqrt(a * a + 2))
  const oddTerms = Math.min(60, Math.ceil(LN_EPS_TERMS / (-2 * Math.log(q))) + 1)
  return seriesMiller(a, c, oddTerms)
}

/** 1/(2k) for the recurrence, so the hot loop multiplies instead of dividing. */
const HALF_INV: number[] = Array.from({ length: 130 }, (_, k) => (k === 0 ? 0 : 1 / (2 * k)))

/**
 * Upward recurrence from J_{−1} = 2/√π and J_0 = erfcx(a). For small a the two solutions of the
 * recurrence have the same size, so going up is stable (and going down would not converge).
 * Two steps per turn (one even, one odd index); stops once a term no longer moves the sum.
 */
function seriesForward(a: number, c: number): number {
  const a2 = 2 * a
  const c2 = c * c
  let jOdd = TWO_OVER_SQRT_PI // J_{k−2} for odd k
  let jEven = erfcx(a) // J_{k−1}
  let sum = 0
  let pow = c
  for (let k = 1; k < 127; k += 2) {
    jOdd = (jOdd - a2 * jEven) * (HALF_INV[k] as number) // J_k
    const term = pow * jOdd
    sum += term
    if (term <= 1e-17 * sum) break
    pow *= c2
    jEven = (jEven - a2 * jOdd) * (HALF_INV[k + 1] as number) // J_{k+1}
  }
  return sum
}

/**
 * Downward recurrence (Miller's algorithm) for larger a, where J_k is the recurrence's minimal
 * solution: start from an arbitrary tail and normalise with J_{−1} = 2/√π.
 */
function seriesMiller(a: number, c: number, oddTerms: number): number {
  // Odd start index; the extra steps let the recurrence settle on its minimal solution.
  let n = 2 * oddTerms + MILLER_EXTRA + 1
  const last = 2 * oddTerms - 1 // highest odd index that enters the sum
  const a2 = 2 * a
  const c2 = c * c
  let jn1 = 0 // J_{n+1}
  let jn = 1e-300 // J_n, n odd (arbitrary scale; normalised at the end)
  let sum = 0
  // Two steps per turn, from 2k·J_k = J_{k−2} − 2a·J_{k−1}: J_{n−1}, then J_{n−2}.
  while (n >= 1) {
    if (n <= last) sum = sum * c2 + jn
    const even = 2 * (n + 1) * jn1 + a2 * jn
    jn1 = even
    jn = 2 * n * jn + a2 * even
    n -= 2
    if (jn > 1e250) {
      // Rescale to stay inside the double range.
      jn *= 1e-250
      jn1 *= 1e-250
      sum *= 1e-250
    }
  }
  // Now jn = J_{−1}, whose true value is 2/√π.
  return (c * sum * TWO_OVER_SQRT_PI) / jn
}

/** Normalised out-of-the-money call b(x, s) for x ≤ 0, s ≥ 0; dimensionless. */
export function normalisedOtmCall(x: number, s: number): number {
  if (s <= 0) return 0
  const h = x / s
  const t = 0.5 * s
  if (useSeries(h, t)) {
    if (h * h > 1500) return 0 // e^{−h²/2} underflows whatever the series gives
    const a = -h * Math.SQRT1_2
    return Math.exp(-0.5 * (h * h + t * t)) * seriesSum(a, t)
  }
  return Math.exp(0.5 * x) * normCdf(h + t) - Math.exp(-0.5 * x) * normCdf(h - t)
}

/** ∂b/∂s, the normalised vega: e^{−(h²+t²)/2}/√(2π). */
export function normalisedVega(x: number, s: number): number {
  if (s <= 0) return x === 0 ? SQRT_2PI_INV : 0
  const h = x / s
  const t = 0.5 * s
  return SQRT_2PI_INV * Math.exp(-0.5 * (h * h + t * t))
}

/**
 * b_max − b(x, s) for x ≤ 0 = e^{x/2}·Φ(−h−t) + e^{−x/2}·Φ(h−t): the distance to the upper
 * bound as a sum of positive terms, exact where b itself approaches e^{x/2}.
 */
export function normalisedOtmCallComplement(x: number, s: number): number {
  if (s <= 0) return Math.exp(0.5 * x)
  const h = x / s
  const t = 0.5 * s
  return Math.exp(0.5 * x) * normCdf(-h - t) + Math.exp(-0.5 * x) * normCdf(h - t)
}
