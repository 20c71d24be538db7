import { describe, expect, it } from 'vitest'
import {
  ASSUMED_IV,
  describeIvs,
  legIvOn,
  onOrBefore,
  spotOn,
  vixDays,
} from '../../../renderer/src/charts/payoff/marketPath.ts'
import type { PayoffLeg } from '../../../renderer/src/charts/payoff/payoffModel.ts'

const bar = (date: string, close: number) => ({ date, open: null, high: null, low: null, close })

const leg = (p: Partial<PayoffLeg>): PayoffLeg => ({
  legId: 1,
  optionType: 'call',
  strikeE4: 75_000_000,
  expiration: '2026-07-17',
  openQuantity: -1,
  multiplier: 100,
  iv: 0.2,
  ivSource: 'entry price × VIX',
  ...p,
})

const DAYS = vixDays([
  { symbol: 'VIX', points: [bar('2026-06-01', 16), bar('2026-06-02', 20), bar('2026-07-08', 18)] },
  { symbol: 'VIX9D', points: [bar('2026-06-02', 18)] },
  { symbol: 'VIX3M', points: [bar('2026-06-02', 21)] },
])

describe('the stored market along the date slider', () => {
  it('takes the latest stored day on or before a date (weekends and dates past the data)', () => {
    expect(onOrBefore(DAYS, '2026-06-01')?.date).toBe('2026-06-01')
    expect(onOrBefore(DAYS, '2026-06-05')?.date).toBe('2026-06-02')
    expect(onOrBefore(DAYS, '2026-11-27')?.date).toBe('2026-07-08')
    expect(onOrBefore(DAYS, '2026-05-31')).toBeNull()
  })

  it('replays the SPX close of each date, scaled to the root (XSP = SPX / 10)', () => {
    const spx = [bar('2026-06-01', 7599.96), bar('2026-06-02', 7610)]
    expect(spotOn(spx, '2026-06-01', 1)).toEqual({ value: 7599.96, date: '2026-06-01' })
    expect(spotOn(spx, '2026-06-06', 1)).toEqual({ value: 7610, date: '2026-06-02' })
    expect(spotOn(spx, '2026-06-02', 0.1)?.value).toBeCloseTo(761, 12)
    // a root without stored history has no replayed spot
    expect(spotOn(spx, '2026-06-02', null)).toBeNull()
  })

  it('moves an entry-price IV with the VIX: 20 % on 2026-07-08 (VIX 18) is 20 × 16/18 on 2026-06-01', () => {
    const iv = legIvOn(leg({}), '2026-06-01', DAYS, '2026-07-08')
    expect(iv.iv).toBeCloseTo((0.2 * 16) / 18, 15)
    expect(iv).toMatchObject({ source: 'entry price × VIX', dataDate: '2026-06-01' })
    // on the data date itself it is the core's value
    expect(legIvOn(leg({}), '2026-07-08', DAYS, '2026-07-08').iv).toBe(0.2)
  })

  it('past the model’s data date keeps its VIX, though the VIX history runs on', () => {
    // data date 2026-06-02 (VIX 20): on 2026-07-10 the VIX of 2026-07-08 (18) is not used
    expect(legIvOn(leg({}), '2026-07-10', DAYS, '2026-06-02')).toEqual({
      iv: 0.2,
      source: 'entry price × VIX',
      dataDate: '2026-06-02',
    })
  })

  it('reads a term-structure IV off the curve of the date at the leg’s days to expiry', () => {
    // 2026-06-02, 45 days: between VIX (30 d, 20) and VIX3M (93 d, 21), linear in variance:
    // σ² = (0.04·30 + (0.0441·93 − 0.04·30)·15/63) / 45
    const want = Math.sqrt((0.04 * 30 + ((0.0441 * 93 - 0.04 * 30) * 15) / 63) / 45)
    const iv = legIvOn(leg({ ivSource: 'VIX term structure' }), '2026-06-02', DAYS, '2026-07-08')
    expect(iv.iv).toBeCloseTo(want, 12)
    expect(iv.dataDate).toBe('2026-06-02')
  })

  it('keeps the core’s value without VIX data and assumes 15 % without any', () => {
    expect(legIvOn(leg({}), '2026-06-01', [], '2026-07-08')).toEqual({
      iv: 0.2,
      source: 'entry price × VIX',
      dataDate: '2026-07-08',
    })
    expect(legIvOn(leg({ iv: null, ivSource: null }), '2026-06-01', DAYS, null)).toEqual({
      iv: ASSUMED_IV,
      source: 'assumed',
      dataDate: null,
    })
  })

  it('labels the sources in the trader’s words', () => {
    const entry = { iv: 0.2, source: 'entry price × VIX' as const, dataDate: '2026-06-01' }
    const curve = { iv: 0.2, source: 'VIX term structure' as const, dataDate: '2026-07-08' }
    expect(describeIvs([entry, entry])).toBe('IV from your entry prices × VIX of 2026-06-01')
    expect(describeIvs([curve])).toBe('IV from the VIX term structure of 2026-07-08')
    expect(describeIvs([entry, curve, curve])).toBe(
      'IV from your entry prices × VIX of 2026-06-01 (1 leg); the VIX term structure of 2026-07-08 (2 legs)',
    )
  })
})
