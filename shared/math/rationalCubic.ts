/**
 * Rational cubic interpolation of Delbourgo and Gregory ("C² rational quadratic spline
 * interpolation to monotonic data", IMA J. Numer. Anal. 1983; the cubic/cubic form used by
 * Jäckel in "Let's Be Rational" §4): between (xl, yl) with slope dl and (xr, yr) with slope dr,
 * with a control parameter r (r = 3 gives the cubic Hermite interpolant, r → ∞ a straight line).
 */

const EPS = 2.220446049250313e-16
const MIN_R = -(1 - Math.sqrt(EPS))
const MAX_R = 2 / (EPS * EPS)

/** Value of the rational cubic interpolant at x. */
export function rationalCubic(
  x: number,
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  r: number,
): number {
  const h = xr - xl
  if (Math.abs(h) <= 0) return 0.5 * (yl + yr)
  const t = (x - xl) / h
  if (!(r < MAX_R)) return yr * t + yl * (1 - t)
  const omt = 1 - t
  const t2 = t * t
  const omt2 = omt * omt
  return (
    (yr * t2 * t + (r * yr - h * dr) * t2 * omt + (r * yl + h * dl) * t * omt2 + yl * omt2 * omt) /
    (1 + (r - 3) * t * omt)
  )
}

/**
 * Clamps r into the range where the interpolant stays shape-preserving (monotone, convex); `s`
 * is the secant slope (yr − yl)/(xr − xl), which the callers have computed already.
 */
function shapePreserving(
  s: number,
  dl: number,
  dr: number,
  r: number,
  preferShape: boolean,
): number {
  const monotonic = dl * dr >= 0 && dl * s >= 0
  const convex = dl <= s && s <= dr
  const concave = dl >= s && s >= dr
  if (!monotonic && !convex && !concave) return r
  let r1 = -Infinity
  let r2 = -Infinity
  if (monotonic) {
    if (s !== 0) r1 = (dr + dl) / s
    else if (preferShape) r1 = MAX_R
  }
  if (convex || concave) {
    const smdl = s - dl
    const drms = dr - s
    // max(|(dr − dl)/drms|, |(dr − dl)/smdl|), with one division.
    if (smdl !== 0 && drms !== 0) r2 = Math.abs(dr - dl) / Math.min(Math.abs(drms), Math.abs(smdl))
    else if (preferShape) r2 = MAX_R
  } else if (monotonic && preferShape) r2 = MAX_R
  const rMin = Math.max(r1, r2)
  const out = preferShape ? Math.max(r, rMin) : Number.isFinite(r) ? r : rMin
  return Math.min(Math.max(out, MIN_R), MAX_R)
}

/** Control parameter so the interpolant has second derivative `d2l` at the left end. */
export function controlForLeftSecondDerivative(
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  d2l: number,
  preferShape: boolean,
): number {
  return controlFor(xr - xl, (yr - yl) / (xr - xl), dl, dr, d2l, 1, preferShape)
}

/** Control parameter so the interpolant has second derivative `d2r` at the right end. */
export function controlForRightSecondDerivative(
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  d2r: number,
  preferShape: boolean,
): number {
  return controlFor(xr - xl, (yr - yl) / (xr - xl), dl, dr, d2r, -1, preferShape)
}

/**
 * Both ends at once: with width h and secant slope s, r = (h·d2/2 + dr − dl)/(s − dl) fits the
 * left end's second derivative (side 1) and r = (h·d2/2 + dr − dl)/(dr − s) the right end's
 * (side −1); then clamped to keep the shape.
 */
function controlFor(
  h: number,
  s: number,
  dl: number,
  dr: number,
  d2: number,
  side: 1 | -1,
  preferShape: boolean,
): number {
  const num = 0.5 * h * d2 + (dr - dl)
  const den = side === 1 ? s - dl : dr - s
  const r = den === 0 ? (num > 0 ? MAX_R : MIN_R) : num / den
  return shapePreserving(s, dl, dr, r, preferShape)
}
