/**
 * Error function family and the standard normal distribution in full double precision, tails
 * included. The error functions follow W. J. Cody, "Rational Chebyshev approximations for the
 * error function", Math. Comp. 23 (1969) 631–637: three intervals, each a rational function
 * whose published 18-digit coefficients are written below as the doubles they round to (the
 * same tables Cody later used in TOMS Algorithm 715). Two details keep the relative error at a few ulps far into the tails:
 * exp(−x²) is split so that x² is never rounded (see `expMinusSquare`), and Φ is evaluated from x
 * itself (erfcx of x/√2 times exp(−x²/2)) so the rounding of x/√2 is not amplified by x².
 */

const SQRT_PI_INV = 0.5641895835477563 // 1/√π
const SQRT_2PI_INV = 0.3989422804014327 // 1/√(2π)

// |x| ≤ 0.46875: erf(x) = x·A(x²)/B(x²).
const A0 = 3.1611237438705655
const A1 = 113.86415415105016
const A2 = 377.485237685302
const A3 = 3209.3775891384694
const A4 = 0.18577770618460315
const B0 = 23.601290952344122
const B1 = 244.02463793444417
const B2 = 1282.6165260773723
const B3 = 2844.2368334391704

// 0.46875 < x ≤ 4: erfcx(x) = C(x)/D(x).
const C0 = 0.5641884969886701
const C1 = 8.883149794388377
const C2 = 66.11919063714163
const C3 = 298.6351381974001
const C4 = 881.952221241769
const C5 = 1712.0476126340707
const C6 = 2051.0783778260716
const C7 = 1230.3393547979972
const C8 = 2.1531153547440383e-8
const D0 = 15.744926110709835
const D1 = 117.6939508913125
const D2 = 537.1811018620099
const D3 = 1621.3895745666903
const D4 = 3290.7992357334597
const D5 = 4362.619090143247
const D6 = 3439.3676741437216
const D7 = 1230.3393548037495

// x > 4: erfcx(x) = (1/√π − R(1/x²)/x²)/x with R = P/Q.
const P0 = 0.30532663496123236
const P1 = 0.36034489994980445
const P2 = 0.12578172611122926
const P3 = 0.016083785148742275
const P4 = 0.0006587491615298378
const P5 = 0.016315387137302097
const Q0 = 2.568520192289822
const Q1 = 1.8729528499234673
const Q2 = 0.5279051029514285
const Q3 = 0.06051834131244132
const Q4 = 0.0023352049762686918

const SMALL = 0.46875
/** Splitting scale for exp(−x²): x is cut to 20 fractional bits so its square is exact. */
const SPLIT = 1_048_576 // 2^20

/** erf(x)·(1/x) for |x| ≤ 0.46875 (Cody's first interval); dimensionless. */
function erfSmallOverX(x: number): number {
  const y = x * x
  let num = A4 * y
  let den = y
  num = (num + A0) * y
  den = (den + B0) * y
  num = (num + A1) * y
  den = (den + B1) * y
  num = (num + A2) * y
  den = (den + B2) * y
  return (num + A3) / (den + B3)
}

/**
 * erfcx(x) for 0.46875 < x ≤ 4 (Cody's second interval). Numerator and denominator by Estrin's
 * scheme (powers x², x⁴, x⁸) rather than Horner: the same sums of positive terms, in a third of
 * the dependent steps.
 */
function erfcxMid(x: number): number {
  const x2 = x * x
  const x4 = x2 * x2
  const num =
    C7 + C6 * x + (C5 + C4 * x) * x2 + (C3 + C2 * x + (C1 + C0 * x) * x2) * x4 + C8 * x4 * x4
  const den = D7 + D6 * x + (D5 + D4 * x) * x2 + (D3 + D2 * x + (D1 + D0 * x) * x2) * x4 + x4 * x4
  return num / den
}

/** erfcx(x) for x > 4 (Cody's third interval, asymptotic form). */
function erfcxLarge(x: number): number {
  return (SQRT_PI_INV - erfcxLargeCorrection(x)) / x
}

/**
 * r(x) = 1/√π − x·erfcx(x) for x ≥ 4, straight from Cody's third-interval rational
 * (erfcx = (1/√π − r)/x) and so without the cancellation of the difference: r = −erfcx'(x)/2 =
 * e^{x²}·i¹erfc(x). All coefficients are positive, so rounding costs a few ulps; the rational's
 * own relative error (against mpmath, 50 digits) is ≤ 3.5 ulps for 4 ≤ x < 16 and grows to
 * 20 ulps as x → ∞ (r(∞)·x² = P4/Q4 is 4.3e−15 below 1/(2√π)), so callers that need r to full
 * precision switch to its asymptotic series for large x (see normalisedBlack.ts).
 */
export function erfcxLargeCorrection(x: number): number {
  const z = 1 / (x * x)
  let num = P5 * z
  let den = z
  num = (num + P0) * z
  den = (den + Q0) * z
  num = (num + P1) * z
  den = (den + Q1) * z
  num = (num + P2) * z
  den = (den + Q2) * z
  num = (num + P3) * z
  den = (den + Q3) * z
  return (z * (num + P4)) / (den + Q4)
}

/**
 * exp(−c·x²) without rounding x²: x = xh + xl with xh on a 2^−20 grid, so xh² is exact and the
 * remainder (x−xh)(x+xh) is tiny. A plain exp(−x*x) would carry a relative error of x²·2^−53.
 */
function expMinusSquare(x: number, c: number): number {
  // For |x| ≤ 1 the rounding of x² costs at most half an ulp of the result: no split needed.
  if (x <= 1 && x >= -1) return Math.exp(-c * x * x)
  const xh = Math.trunc(x * SPLIT) / SPLIT
  const del = (x - xh) * (x + xh)
  return Math.exp(-c * xh * xh) * Math.exp(-c * del)
}

/** Scaled complementary error function erfcx(x) = exp(x²)·erfc(x); Infinity below x ≈ −26.6. */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN
  const ax = Math.abs(x)
  let r: number
  if (ax <= SMALL) {
    r = Math.exp(x * x) * (1 - x * erfSmallOverX(x))
    return r
  }
  r = ax <= 4 ? erfcxMid(ax) : erfcxLarge(ax)
  if (x > 0) return r
  // erfcx(−a) = 2·exp(a²) − erfcx(a); exp(a²) overflows past a ≈ 26.6.
  const e = 1 / expMinusSquare(ax, 1)
  return 2 * e - r
}

/** Complementary error function erfc(x) = 1 − erf(x), relative precision into the tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN
  const ax = Math.abs(x)
  if (ax <= SMALL) return 1 - x * erfSmallOverX(x)
  if (ax >= 27.3) return x > 0 ? 0 : 2 // erfc(27.3) < 2^−1074: true underflow
  const r = (ax <= 4 ? erfcxMid(ax) : erfcxLarge(ax)) * expMinusSquare(ax, 1)
  return x > 0 ? r : 2 - r
}

/** Error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN
  const ax = Math.abs(x)
  if (ax <= SMALL) return x * erfSmallOverX(x)
  const r = ax >= 6 ? 1 : 1 - erfc(ax)
  return x > 0 ? r : -r
}

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normPdf(x: number): number {
  return SQRT_2PI_INV * expMinusSquare(x, 0.5)
}

/**
 * Φ(−u) for u ≥ 0 when the caller already holds g = exp(−u²/2) (or its equal from shared
 * factors, e.g. e^{−(h²+t²)/2}·e^{±x/2} in Black–Scholes): Cody's rational without another exp.
 * The relative error is that of g plus a few ulps; below |u|/√2 = 0.46875 g is not used at all.
 */
export function normCdfLowerGivenExp(u: number, g: number): number {
  const z = u * Math.SQRT1_2
  if (z <= SMALL) return 0.5 - 0.5 * z * erfSmallOverX(z)
  return 0.5 * (z <= 4 ? erfcxMid(z) : erfcxLarge(z)) * g
}

/**
 * Standard normal cumulative distribution Φ(x), with relative precision in the lower tail down
 * to the smallest normal double (x ≈ −37.5) and gradual underflow beyond.
 */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return NaN
  const z = x * Math.SQRT1_2
  if (Math.abs(z) <= SMALL) return 0.5 + 0.5 * z * erfSmallOverX(z)
  if (x < -38.6) return 0 // Φ(−38.6) < 2^−1074
  // Lower tail: Φ(−a) = ½·erfcx(a/√2)·exp(−a²/2); the exp is taken from a itself, not a/√2.
  const a = Math.abs(x)
  const az = a * Math.SQRT1_2
  const lower = 0.5 * (az <= 4 ? erfcxMid(az) : erfcxLarge(az)) * expMinusSquare(a, 0.5)
  return x < 0 ? lower : 1 - lower
}

/**
 * Inverse of Φ: the x with Φ(x) = p, for 0 < p < 1 (±Infinity at 0 and 1). A coarse rational
 * start (Abramowitz–Stegun 26.2.23, |error| < 4.5e−4) refined by two Halley steps on the exact
 * Φ above, which brings it to a few ulps.
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const q = p < 0.5 ? p : 1 - p
  const t = Math.sqrt(-2 * Math.log(q))
  let x = -(
    t -
    (2.515517 + t * (0.802853 + t * 0.010328)) /
      (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)))
  )
  // Halley on Φ(x) − q for the lower tail (x ≤ 0), relative residual so tiny q stay exact.
  for (let i = 0; i < 2; i++) {
    const f = normCdf(x)
    if (f === 0) break
    const u = (f - q) / normPdf(x)
    x -= u / (1 + 0.5 * x * u)
  }
  return p < 0.5 ? x : -x
}

/**
 * Inverse of Φ in one rational step: Wichura's AS 241 (PPND16, Appl. Statist. 37 (1988)
 * 477–484; coefficients as in R's qnorm.c, written as the doubles they round to): ≤ 3.2 ulps
 * against mpmath (40 digits) over 20 000 points 1e−300 < p < 1, both tails; more accurate than
 * `normInv` near p = ½, where that one's Halley residual is absolute. One log and one sqrt in
 * the tails, no exp: for places where `normInv`'s two Halley steps (up to eight exps) cost more
 * than they give (the implied-volatility initial guess).
 */
export function normInvRational(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r +
          45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    )
  }
  const v = tail(Math.sqrt(-Math.log(q < 0 ? p : 1 - p)))
  return q < 0 ? -v : v
}

/** Φ⁻¹(p) for p < 0.075 given ln p (AS 241's tail branches), for callers that hold ln p. */
export function normInvLowerTailLog(lnP: number): number {
  return -tail(Math.sqrt(-lnP))
}

/** AS 241's tail rationals: |Φ⁻¹(p)| from r = √(−ln p) for p < 0.075. */
function tail(r: number): number {
  let v: number
  if (r <= 5) {
    r -= 1.6
    v =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1)
  } else {
    r -= 5
    v =
      (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1)
  }
  return v
}
