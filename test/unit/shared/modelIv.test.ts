import { describe, expect, it } from 'vitest'
import { termStructureIv, vixScaledIv } from '../../../shared/modelIv.ts'

const curve = { vix9d: 12, vix: 15, vix3m: 18, vix6m: 20 }

describe('termStructureIv', () => {
  it('returns each index at its own tenor', () => {
    expect(termStructureIv(curve, 9)).toBeCloseTo(0.12, 12)
    expect(termStructureIv(curve, 30)).toBeCloseTo(0.15, 12)
    expect(termStructureIv(curve, 93)).toBeCloseTo(0.18, 12)
    expect(termStructureIv(curve, 186)).toBeCloseTo(0.2, 12)
  })
  it('interpolates total variance: 19.5 days between VIX9D 12 and VIX 15', () => {
    // w9 = 0.0144 × 9 = 0.1296; w30 = 0.0225 × 30 = 0.675; halfway in days (10.5 of 21):
    // w = 0.1296 + 0.5454 × 0.5 = 0.4023; σ = √(0.4023 / 19.5) = 0.14363…
    expect(termStructureIv(curve, 19.5)).toBeCloseTo(Math.sqrt(0.4023 / 19.5), 12)
  })
  it('is flat beyond the stored tenors and skips missing ones', () => {
    expect(termStructureIv(curve, 2)).toBeCloseTo(0.12, 12)
    expect(termStructureIv(curve, 400)).toBeCloseTo(0.2, 12)
    expect(termStructureIv({ vix9d: null, vix: 15, vix3m: null, vix6m: null }, 60)).toBeCloseTo(
      0.15,
      12,
    )
    expect(termStructureIv({ vix9d: 12, vix: null, vix3m: 18, vix6m: 20 }, 30)).toBeNull()
  })
})

describe('vixScaledIv', () => {
  it('moves the entry IV with the VIX: 0.20 at VIX 16 → 0.25 at VIX 20', () => {
    expect(vixScaledIv(0.2, 16, 20)).toBeCloseTo(0.25, 15)
  })
})
