import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { listedSpxExpiries } from '../../electron/core/lab/listedExpiries.ts'
import {
  SKEW_FALLBACK_SLOPE,
  skewSlopeOf,
  strikeAtDelta,
  strikeVol,
  yearsTo,
  type PricingDay,
} from '../../electron/core/lab/model.ts'
import { nearestExpiry } from '../../electron/core/lab/replay.ts'
import { MODEL_DIV, MODEL_RATE } from '../../shared/decisions.ts'
import { bsmGreeks } from '../../shared/math/bsm.ts'
import { termStructureIv } from '../../shared/modelIv.ts'

const day = (spot: number, vix: number, skew = 0.3): PricingDay => ({
  date: '2020-01-02',
  spot,
  curve: { vix9d: null, vix, vix3m: null, vix6m: null },
  skewSlope: skew,
})

describe('listed SPX expiries', () => {
  it('are the monthlies only before the first SPXW weekly of 2005-10-28', () => {
    expect(listedSpxExpiries('1995-01-01', '1995-03-31')).toEqual([
      { date: '1995-01-20', root: 'SPX' },
      { date: '1995-02-17', root: 'SPX' },
      { date: '1995-03-17', root: 'SPX' },
    ])
    expect(listedSpxExpiries('2005-10-21', '2005-11-30')).toEqual([
      { date: '2005-10-28', root: 'SPXW' },
      { date: '2005-11-04', root: 'SPXW' },
      { date: '2005-11-11', root: 'SPXW' },
      { date: '2005-11-18', root: 'SPX' },
      { date: '2005-11-25', root: 'SPXW' },
    ])
  })

  it('move to the Thursday when the Friday is a holiday (Good Friday 2025-04-18)', () => {
    expect(listedSpxExpiries('2025-04-10', '2025-04-30')).toEqual([
      { date: '2025-04-11', root: 'SPXW' },
      { date: '2025-04-17', root: 'SPX' },
      { date: '2025-04-25', root: 'SPXW' },
    ])
  })

  it('the nearest to 45 days is picked, the later on a tie', () => {
    // 2015-07-24 + 45 = 09-07: 09-04 is 42 days away, 09-11 is 49.
    expect(nearestExpiry('2015-07-24', 45)).toEqual({ date: '2015-09-04', root: 'SPXW' })
    // 1995-01-03: monthlies 02-17 (45 days) and 03-17.
    expect(nearestExpiry('1995-01-03', 45)).toEqual({ date: '1995-02-17', root: 'SPX' })
  })
})

describe('lab model', () => {
  it('derives the skew slope from SKEW, with the stated constant when none is stored', () => {
    expect(skewSlopeOf(130)).toBeCloseTo(0.5, 12)
    expect(skewSlopeOf(118)).toBeCloseTo(0.3, 12)
    expect(skewSlopeOf(160)).toBe(0.5)
    expect(skewSlopeOf(95)).toBe(0)
    expect(skewSlopeOf(null)).toBe(SKEW_FALLBACK_SLOPE)
  })

  it('prices the forward strike at the term-structure volatility, puts below it higher', () => {
    const d = day(4000, 20)
    const expiry = '2020-02-16' // 45 days
    const t = yearsTo(d.date, expiry)
    const fwd = 4000 * Math.exp((MODEL_RATE - MODEL_DIV) * t)
    expect(strikeVol(d, fwd, expiry)).toBeCloseTo(termStructureIv(d.curve, 45)!, 12)
    expect(strikeVol(d, 3600, expiry)!).toBeGreaterThan(strikeVol(d, 4400, expiry)!)
  })

  it('picks the out-of-the-money strike on the 5-point grid nearest the target delta', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 300, max: 8000, noNaN: true }),
        fc.double({ min: 9, max: 80, noNaN: true }),
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: 0.05, max: 0.35, noNaN: true }),
        (spot, vix, type, target) => {
          const d = day(spot, vix)
          const expiry = '2020-02-16'
          const k = strikeAtDelta(d, type, target, expiry)
          expect(k % 5).toBe(0)
          expect(type === 'call' ? k > spot : k < spot).toBe(true)
          const delta = (strike: number) =>
            Math.abs(
              bsmGreeks({
                type,
                spot,
                strike,
                t: yearsTo(d.date, expiry),
                rate: MODEL_RATE,
                div: MODEL_DIV,
                vol: strikeVol(d, strike, expiry)!,
              }).delta,
            )
          const gap = Math.abs(delta(k) - target)
          // No grid neighbour still out of the money is nearer the target.
          for (const n of [k - 5, k + 5])
            if (n > 0 && (type === 'call' ? n > spot : n < spot))
              expect(gap).toBeLessThanOrEqual(Math.abs(delta(n) - target) + 1e-12)
        },
      ),
      { numRuns: 200 },
    )
  })
})
