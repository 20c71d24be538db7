import { erfcx, erfcxLargeCorrection, normCdf, normCdfLowerGivenExp } from './normal.ts'

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
 * J_{−1} = 2/√π exactly. Summed in closed form, Σ_k c^k J_k(a) = erfcx(a − c/2), so the odd sum is
 * ½·[erfcx(a − c/2) − erfcx(a + c/2)]: the odd Taylor part of erfcx about a. It is evaluated
 * upwards from J_0, J_1 where both are known to full precision and |x| ≤ 4 (a < 3 with erfcx,
 * 3 ≤ a < 4 with a fitted J_1, a ≥ 4 with Cody's r or the asymptotic series of J_1 in 1/a²),
 * and otherwise downwards (Miller's algorithm), normalised with J_{−1}; branches and error
 * bounds at `seriesOdd`. This derivation
 * is ours; Jäckel handles the same regions with asymptotic and small-t expansions.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126 // 2/√π
const SQRT_PI_INV = 0.5641895835477563 // 1/√π
const HALF_SQRT_PI_INV = 0.28209479177387814 // 1/(2√π)
const SQRT_2PI_INV = 0.3989422804014327 // 1/√(2π)
const LN_EPS_TERMS = 39.5 // −ln(2^−57): series truncation with a safety margin
const MILLER_EXTRA = 20
/** Below this a, J_1 = 1/√π − a·J_0 by subtraction (see `seriesOdd`). */
const FORWARD_MAX_A = 3
/** From this a on, J_1 comes from Cody's third-interval rational without cancellation. */
const LARGE_A = 4
/** From this a on, J_1 from its asymptotic series instead (Cody's rational is off at ∞). */
const ASYMPTOTIC_A = 16
/** Largest |x| = 2·a·c for which the upward recurrence from accurate J_0, J_1 is used. */
const FORWARD_MAX_X = 4
/** Truncation: the neglected tail of the series is below 2^−56 of the sum. */
const TAIL_TOL = 1.3877787807814457e-17 // 2^−56

/**
 * Whether the positive-term series is used (cheap and needed) for h ≤ 0, t > 0. For t > 0.35
 * and |h| < 3√2 (a < 3) the series is used only up to |x| = 2|h|t ≤ 3: beyond, the upward
 * recurrence's growth (~cosh(|x|/2)·2a², see `seriesOdd`) made it lose up to 175·(1 + h²) ulps
 * against mpmath (a ≈ 2.9, |x| ≈ 12), while the plain difference cancels by only ~3 there (its
 * two terms are ½E·erfcx(a ∓ t/√2), whose ratio stays below ~0.7) and stays within
 * 2.8·(1 + h²) ulps.
 */
function useSeries(h: number, t: number): boolean {
  return t <= 0.35 || (-h >= 2.83 * t && (-h >= 4.242640687119285 || -h * t <= 1.5))
}

/** Σ_{k odd} (√2 t)^k J_k(a) for a = −h/√2 ≥ 0. */
function seriesSum(a: number, t: number): number {
  return seriesOdd(a, Math.SQRT2 * t)
}

/** 1/(2k) for the recurrence, so the hot loop multiplies instead of dividing. */
const HALF_INV: number[] = Array.from({ length: 132 }, (_, k) => (k === 0 ? 0 : 1 / (2 * k)))
/** 1/(2k)·1/(2k − 2), the product of two consecutive recurrence factors. */
const HALF_INV_PAIR: number[] = Array.from({ length: 132 }, (_, k) =>
  k < 2 ? 0 : 1 / (2 * k) / (2 * k - 2),
)

/**
 * The odd part O(a, c) = Σ_{k odd} c^k·J_k(a) = ½·[erfcx(a − c/2) − erfcx(a + c/2)] of the series
 * (a ≥ 0, c > 0), a sum of positive terms; exported for the tests. Three branches:
 *
 * 1. a < 3 (|h| < 4.24): J_0 = erfcx(a) and J_1 = 1/√π − a·J_0, then the upward recurrence
 *    (`forwardSum`). The subtraction for J_1 cancels by a factor a·J_0/J_1 ≤ 10 (at a = 3), which
 *    with erfcx's ≤ 2.5 ulps makes J_1, and so O, good to ≲ 25 ulps at a = 3 and a few ulps for
 *    a ≤ 1: below the problem's own conditioning 1 + h² = 1 + 2a² (see the module comment).
 * 2. a ≥ 3 and |x| = 2ac ≤ 4: J_1 = e^{a²}·i¹erfc(a) = 1/√π − a·erfcx(a) without the
 *    subtraction — for 3 ≤ a < 4 from a fit (`j1Mid`, ≤ 1.7 ulps), for 4 ≤ a < 16 straight from
 *    Cody's third-interval rational r(a) (≤ 3.5 ulps, `erfcxLargeCorrection`), and for a ≥ 16
 *    from its asymptotic series J_1 = (1/(2√π a²))·Σ_{n≥0} (−1)^n (2n+1)!!/(2a²)^n (ten
 *    terms; alternating, so the error is below the first omitted term, 21!!/512^10 < 1.2e−17); then J_0 = (1/√π − J_1)/a (J_1 ≤ 1/(2√π a²), so no
 *    cancellation either) and the upward recurrence. Going up, the recurrence amplifies a
 *    relative error in J_{k−1} by at most (a + √(a²+2k))²/(2k) ≤ 2a²/k + … at step k, while the
 *    term weights fall by c·J_k/J_{k−1} ≤ c/(2a) per index; per odd index the product is
 *    ≤ (ca)²/(k(k−1)) = (x/2)²/(k(k−1)) (plus O(c²)), so the recurrence adds at most
 *    ~cosh(|x|/2) − 1 ≤ 2.8 ulps-worth of rounding for |x| ≤ 4, independent of h. Measured
 *    against mpmath over this branch: ≤ 5 ulps (test/unit/math/seriesBranches.test.ts).
 * 3. otherwise (|x| > 4 with a ≥ 3): Miller's downward recurrence, where J_k is the
 *    recurrence's minimal solution, normalised with J_{−1} = 2/√π.
 */
export function seriesOdd(a: number, c: number): number {
  if (a < FORWARD_MAX_A) {
    const j0 = erfcx(a)
    return forwardSum(a, c, j0, SQRT_PI_INV - a * j0)
  }
  if (a * c <= 0.5 * FORWARD_MAX_X) {
    let j1: number
    if (a < LARGE_A) j1 = j1Mid(a)
    else if (a < ASYMPTOTIC_A) j1 = erfcxLargeCorrection(a)
    else {
      const w = 0.5 / (a * a) // 1/(2a²)
      // Σ_{n=0}^{9} (−1)^n (2n+1)!! w^n by Horner.
      let p = -654729075
      p = p * w + 34459425
      p = p * w - 2027025
      p = p * w + 135135
      p = p * w - 10395
      p = p * w + 945
      p = p * w - 105
      p = p * w + 15
      p = p * w - 3
      p = p * w + 1
      j1 = HALF_SQRT_PI_INV * 2 * w * p
    }
    return forwardSum(a, c, (SQRT_PI_INV - j1) / a, j1)
  }
  // Consecutive odd terms shrink at least by q² with q = c/(a + √(a² + 2)).
  const q = c / (a + Math.sqrt(a * a + 2))
  const oddTerms = Math.min(60, Math.ceil(LN_EPS_TERMS / (-2 * Math.log(q))) + 1)
  return seriesMiller(a, c, oddTerms)
}

/**
 * J_1(a) = e^{a²}·i¹erfc(a) = 1/√π − a·erfcx(a) for 3 ≤ a ≤ 4, where the difference would
 * cancel by up to 2a² ≈ 30 and Cody's third interval (a > 4) does not reach: a Chebyshev fit of
 * g(u) = a²·J_1(a) in u = 2a − 7 ∈ [−1, 1] (15 terms, fit error < 1.4e−19; coefficients and the
 * check from test/unit/math/reference/j1_mid_fit.py), evaluated by Horner; u is exact, and the
 * result is within 1.7 ulps of mpmath.
 */
function j1Mid(a: number): number {
  const u = 2 * a - 7
  let p = 1.5449895103319596e-14
  p = p * u - 1.140013477382145e-13
  p = p * u + 7.091122290010072e-13
  p = p * u - 3.9815225665709226e-12
  p = p * u + 1.4436087806637728e-11
  p = p * u + 4.9004952271188955e-11
  p = p * u - 1.8062524953987332e-9
  p = p * u + 2.5494948790919887e-8
  p = p * u - 2.8030972240673373e-7
  p = p * u + 2.676743122130034e-6
  p = p * u - 2.2922581008567082e-5
  p = p * u + 0.00017691667690192267
  p = p * u - 0.001212100150623915
  p = p * u + 0.0070168204040645865
  p = p * u + 0.2531069142286715
  return p / (a * a)
}

/**
 * Σ_{k odd} c^k J_k by the upward recurrence 2k·J_k = J_{k−2} − 2a·J_{k−1} from J_0 and J_1.
 * Two indices per turn, both from the previous pair so the two updates do not wait on each
 * other: J_{k+1} = H_{k+1}·(J_{k−1} − 2a·J_k) and, substituting it into the next step,
 * J_{k+2} = H_{k+2}·(1 + 4a²·H_{k+1})·J_k − 2a·H_{k+1}H_{k+2}·J_{k−1}, H_j = 1/(2j). The same
 * cancellation as two plain steps, so the same error (see `seriesOdd`), at a third of the
 * latency. Truncation: J_k ≤ J_{k−2}/(2k) (the subtracted 2a·J_{k−1} is positive), so after the
 * term of index m every further odd term shrinks by at least ρ = c²/(2(m+2)) and the tail is at
 * most term·ρ/(1 − ρ); the loop stops once that is below 2^−56 of the sum.
 */
function forwardSum(a: number, c: number, j0: number, j1: number): number {
  const a2 = 2 * a
  const a2sq = a2 * a2
  const c2 = c * c
  let jEven = j0 // J_{k−1}
  let jOdd = j1 // J_k, k odd
  let pow = c // c^k
  let sum = c * j1
  for (let k = 1; k < 127; k += 2) {
    const h1 = HALF_INV[k + 1] as number
    const h12 = HALF_INV_PAIR[k + 2] as number
    const nextEven = h1 * jEven - a2 * h1 * jOdd
    jOdd = ((HALF_INV[k + 2] as number) + a2sq * h12) * jOdd - a2 * h12 * jEven
    jEven = nextEven
    pow *= c2
    const term = pow * jOdd
    sum += term
    const rho = c2 * (HALF_INV[k + 4] as number)
    if (term * rho <= TAIL_TOL * sum * (1 - rho)) break
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

/**
 * By-products of the last `otmCallParts` call, beside its return value b: Φ(h−t), Φ(h+t) and
 * 1 − Φ(h+t) (each to relative precision; the one of the last two that is near 1 by subtraction)
 * and the Gaussian factor e^{−(h²+t²)/2} = √(2π)·∂b/∂s. A module-level record, not a fresh
 * object, so the hot paths allocate nothing; read it right after the call.
 */
export const parts = { cdfMinus: 0, cdfPlus: 0, cdfPlusUpper: 0, gauss: 0 }

/**
 * Below this x the shared factors e^{x/2} and e^{−(h²+t²)/2} can underflow while Φ(h+t) does
 * not (|x| in the hundreds: F/K beyond e^{±600}); such inputs take the plain Φ route.
 */
const SHARED_EXP_MIN_X = -600

/**
 * b(x, s) for x ≤ 0, s > 0 together with Φ(h∓t) and e^{−(h²+t²)/2} in `parts`, from one exp
 * for all of them: with E = e^{−(h²+t²)/2} and ht = x/2, e^{−(h∓t)²/2} = E·e^{±x/2}, so both
 * Φ come from Cody's rational times E·e^{±x/2}. `ex2` is e^{x/2} from the caller (who may hold
 * it as √(F/K) already). Where the difference e^{x/2}Φ(h+t) − e^{−x/2}Φ(h−t) would cancel, b
 * comes from the positive series (see the module comment) and Φ(h+t) from b back:
 * Φ(h+t) = (b + e^{−x/2}Φ(h−t))·e^{−x/2}, a sum of positive terms.
 */
export function otmCallParts(x: number, s: number, ex2: number): number {
  const h = x / s
  const t = 0.5 * s
  const out = parts
  if (x < SHARED_EXP_MIN_X) return otmCallPartsWide(x, h, t)
  const e = Math.exp(-0.5 * (h * h + t * t))
  out.gauss = e
  const cdfMinus = normCdfLowerGivenExp(t - h, e * ex2)
  out.cdfMinus = cdfMinus
  const hp = h + t
  let b: number
  if (useSeries(h, t)) {
    b = h * h > 1500 ? 0 : e * seriesSum(-h * Math.SQRT1_2, t)
    const cdfPlus = (b + cdfMinus / ex2) / ex2
    out.cdfPlus = cdfPlus
    // Here t ≤ 0.35 or h + t < 0, so Φ(h+t) ≤ Φ(0.35) and 1 − Φ(h+t) keeps its digits.
    out.cdfPlusUpper = 1 - cdfPlus
  } else if (hp <= 0) {
    const cdfPlus = normCdfLowerGivenExp(-hp, e / ex2)
    out.cdfPlus = cdfPlus
    out.cdfPlusUpper = 1 - cdfPlus
    b = ex2 * cdfPlus - cdfMinus / ex2
  } else {
    const upper = normCdfLowerGivenExp(hp, e / ex2)
    const cdfPlus = 1 - upper
    out.cdfPlus = cdfPlus
    out.cdfPlusUpper = upper
    b = ex2 * cdfPlus - cdfMinus / ex2
  }
  return b
}

/** `otmCallParts` for x < SHARED_EXP_MIN_X: each Φ with its own exp (extreme F/K only). */
function otmCallPartsWide(x: number, h: number, t: number): number {
  const out = parts
  out.gauss = Math.exp(-0.5 * (h * h + t * t))
  out.cdfMinus = normCdf(h - t)
  out.cdfPlus = normCdf(h + t)
  out.cdfPlusUpper = normCdf(-h - t)
  if (useSeries(h, t)) return h * h > 1500 ? 0 : out.gauss * seriesSum(-h * Math.SQRT1_2, t)
  // e^{−x/2}·Φ(h−t) = ½·erfcx((t−h)/√2)·e^{−(h²+t²)/2}: no overflowing e^{−x/2} (t − h > 34 here).
  return Math.exp(0.5 * x) * out.cdfPlus - 0.5 * erfcx((t - h) * Math.SQRT1_2) * out.gauss
}

/**
 * Normalised out-of-the-money call b(x, s) for x ≤ 0, s ≥ 0; dimensionless. For s > 0 it leaves
 * e^{−(h²+t²)/2} = √(2π)·∂b/∂s in `parts.gauss` (the other fields of `parts` only on the
 * non-series path), so a caller that also needs the vega saves an exp.
 */
export function normalisedOtmCall(x: number, s: number): number {
  if (s <= 0) {
    parts.gauss = x === 0 ? 1 : 0 // as normalisedVega at s = 0
    return 0
  }
  const h = x / s
  const t = 0.5 * s
  if (useSeries(h, t)) {
    const e = Math.exp(-0.5 * (h * h + t * t))
    parts.gauss = e
    if (h * h > 1500) return 0 // e^{−h²/2} underflows whatever the series gives
    return e * seriesSum(-h * Math.SQRT1_2, t)
  }
  return otmCallParts(x, s, Math.exp(0.5 * x))
}

/**
 * Normalised intrinsic value 2·sinh(|x|/2) = e^{|x|/2} − e^{−|x|/2} of the in-the-money option,
 * (F − K)/√(FK) in size, given |x| and em = e^{−|x|/2} (which callers hold as √(lo/hi) of the
 * discounted forward and strike). From |x| ≥ 0.5 the difference 1/em − em cancels by at most
 * coth(1/4) ≈ 4 (a few ulps); below, `normalisedIntrinsicSeries`.
 */
export function normalisedIntrinsic(ax: number, em: number): number {
  return ax >= 0.5 ? 1 / em - em : normalisedIntrinsicSeries(ax)
}

/**
 * 2·sinh(|x|/2) for |x| < 0.5 by its Taylor series in |x| itself, which keeps the digits a
 * difference of exponentials would lose at the money (to the term 2(|x|/2)^13/13!; the next is
 * below 3e−21 of the sum).
 */
export function normalisedIntrinsicSeries(ax: number): number {
  const y = 0.5 * ax
  const y2 = y * y
  return (
    2 *
    y *
    (1 +
      y2 *
        (1 / 6 +
          y2 *
            (1 / 120 +
              y2 * (1 / 5040 + y2 * (1 / 362880 + y2 * (1 / 39916800 + y2 / 6227020800))))))
  )
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
