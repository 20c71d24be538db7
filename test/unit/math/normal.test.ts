import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  erf,
  erfc,
  erfcx,
  normCdf,
  normInv,
  normInvLowerTailLog,
  normInvRational,
  normPdf,
} from '../../../shared/math/normal.ts'

// Reference values: mpmath 1.3.0 at 50 digits, from the exact double arguments
// (reference/normal_reference.py produced reference/normal.json).
interface Table {
  erf: [string, string][]
  erfc: [string, string][]
  erfcx: [string, string][]
  normCdf: [string, string][]
  normPdf: [string, string][]
}
const ref = JSON.parse(
  readFileSync(join(import.meta.dirname, 'reference', 'normal.json'), 'utf8'),
) as Table

const MIN_NORMAL = 2.2250738585072014e-308

function worstRelativeError(rows: [string, string][], f: (x: number) => number): number {
  let worst = 0
  for (const [xs, vs] of rows) {
    const v = Number(vs)
    if (Math.abs(v) < MIN_NORMAL) continue // subnormal results carry fewer digits by definition
    worst = Math.max(worst, Math.abs(f(Number(xs)) - v) / Math.abs(v))
  }
  return worst
}

describe('error functions against mpmath (Cody 1969 rational approximations)', () => {
  it('erf has relative error ≤ 1e-15 on [-6, 6]', () => {
    expect(worstRelativeError(ref.erf, erf)).toBeLessThanOrEqual(1e-15)
  })
  it('erfc has relative error ≤ 1e-15 from -6 to 26.5 (where erfc is a normal double)', () => {
    expect(ref.erfc.length).toBeGreaterThan(500)
    expect(worstRelativeError(ref.erfc, erfc)).toBeLessThanOrEqual(1e-15)
  })
  it('erfcx has relative error ≤ 1e-15 on [-26, 38] and beyond', () => {
    expect(worstRelativeError(ref.erfcx, erfcx)).toBeLessThanOrEqual(1e-15)
  })
  it('Φ has relative error ≤ 1e-15 on [-37.5, 8.2] (Φ(-37.5) ≈ 4.6e-308)', () => {
    expect(worstRelativeError(ref.normCdf, normCdf)).toBeLessThanOrEqual(1e-15)
  })
  it('φ has relative error ≤ 1e-15 on [-38, 38]', () => {
    expect(worstRelativeError(ref.normPdf, normPdf)).toBeLessThanOrEqual(1e-15)
  })
})

describe('tails are never clamped', () => {
  it('Φ(-38) is a positive subnormal and Φ decreases strictly through the tail', () => {
    expect(normCdf(-38)).toBeGreaterThan(0)
    for (let x = -37; x < -5; x += 0.5) expect(normCdf(x - 0.5)).toBeLessThan(normCdf(x))
  })
  it('erfc(26) is about 5.7e-296, not 0', () => {
    // mpmath: erfc(26) = 5.663192408856143e-296
    expect(erfc(26) / 5.663192408856143e-296 - 1).toBeLessThan(1e-15)
  })
  it('1 − Φ(x) = Φ(−x) keeps full relative precision for x = 10', () => {
    // mpmath: ncdf(-10) = 7.6198530241605261e-24
    expect(Math.abs(normCdf(-10) / 7.619853024160525e-24 - 1)).toBeLessThan(1e-15)
  })
})

describe('properties', () => {
  it('Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16)
      }),
    )
  })
  it('erfc(x) + erfc(−x) = 2', () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(Math.abs(erfc(x) + erfc(-x) - 2)).toBeLessThanOrEqual(4.5e-16)
      }),
    )
  })
  it('normInv inverts Φ to the conditioning limit, tails included', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 8, noNaN: true }), (x) => {
        const back = normInv(normCdf(x))
        // dx = dp/(p'·) : the relative error of p (≤ 1e-15) maps to |dx| ≤ 1e-15·Φ/φ
        const tol = 4e-15 * (normCdf(x) / normPdf(x)) + 4e-16 * Math.abs(x) + 1e-300
        expect(Math.abs(back - x)).toBeLessThanOrEqual(tol)
      }),
    )
  })
  it('normInvRational (AS 241) inverts Φ as well as normInv does', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 8, noNaN: true }), (x) => {
        const back = normInvRational(normCdf(x))
        const tol = 4e-15 * (normCdf(x) / normPdf(x)) + 4e-16 * Math.abs(x) + 1e-300
        expect(Math.abs(back - x)).toBeLessThanOrEqual(tol)
      }),
    )
  })
})

describe('normInvRational (Wichura, AS 241) against mpmath', () => {
  // x = Φ⁻¹(p) for the exact double p, mpmath 1.3.0 at 40 digits (findroot on ncdf), all three
  // branches of AS 241 (|p − ½| ≤ 0.425, tails with √(−ln q) ≤ 5 and beyond).
  const table: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-100, -21.273453560965326],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [0.001, -3.0902323061678136],
    [0.02425, -1.972961051311885],
    [0.075, -1.439531470938456],
    [0.3, -0.5244005127080408],
    [0.5000000355, 8.898530387649498e-8],
    [0.7, 0.5244005127080407],
    [0.975, 1.9599639845400538],
    [1 - 2 ** -40, 7.047700256664409],
    [1 - 2 ** -53, 8.209536151601387],
  ]
  it('is within 4 ulps, both tails and near ½ (where normInv is only absolutely accurate)', () => {
    for (const [p, x] of table)
      expect(Math.abs(normInvRational(p) / x - 1)).toBeLessThanOrEqual(4 * 2.220446049250313e-16)
  })
  it('normInvLowerTailLog(ln p) is the same lower tail from ln p, within 4 ulps of mpmath', () => {
    for (const [p, x] of table)
      if (p < 0.075)
        expect(Math.abs(normInvLowerTailLog(Math.log(p)) / x - 1)).toBeLessThanOrEqual(
          4 * 2.220446049250313e-16,
        )
  })
  it('gives ±∞ at 0 and 1 and NaN outside', () => {
    expect(normInvRational(0)).toBe(-Infinity)
    expect(normInvRational(1)).toBe(Infinity)
    expect(Number.isNaN(normInvRational(1.5))).toBe(true)
  })
})
