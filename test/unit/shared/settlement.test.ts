import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  settleLeg,
  type BarLookup,
  type SettlementBar,
  type SettlementLeg,
  type SettlementResult,
} from '../../../shared/settlement.ts'

/** A lookup over a few hand-written bars, keyed "SPX 2026-12-18". */
function barsOf(rows: Record<string, SettlementBar>): BarLookup {
  return (symbol, date) => rows[`${symbol} ${date}`] ?? null
}

function leg(overrides: Partial<SettlementLeg>): SettlementLeg {
  return {
    instrumentType: 'option',
    root: 'SPXW',
    optionType: 'call',
    strikeE4: 50_000_000, // 5000
    expiration: '2026-12-18',
    multiplier: 100,
    quantity: 1,
    ...overrides,
  }
}

function expectOk(result: SettlementResult): Extract<SettlementResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a settlement, got: ${result.reason}`)
  return result
}

describe('settleLeg: which print settles which root', () => {
  const bars = barsOf({
    'SPX 2026-12-18': { open: 5_005.45, close: 5_012.37 },
    'VIX 2026-12-16': { open: 12.7, close: 12.3 },
  })

  it('SPXW (PM): the SPX close — a short 5000 call at 5012.37', () => {
    // intrinsic = 5012.37 − 5000 = 12.37 → 123_700 e4; × 100 × −2 = −24_740_000 e4 = −$2,474.00.
    const r = expectOk(settleLeg(leg({ quantity: -2 }), bars))
    expect(r).toEqual({
      ok: true,
      settlementE4: 50_123_700,
      intrinsicE4: 123_700,
      valueE4: -24_740_000,
      source: 'SPX close',
      date: '2026-12-18',
      approximation: null,
    })
  })

  it('SPX monthly (AM): the SPX open, flagged as an approximation of the SOQ', () => {
    // open 5005.45: a 5000 call is worth 5.45 → 54_500 e4; × 100 × 3 = 16_350_000 = $1,635.00.
    // (On the close, 5012.37, it would have been 12.37: the open really is what is read.)
    const r = expectOk(settleLeg(leg({ root: 'SPX', quantity: 3 }), bars))
    expect(r.settlementE4).toBe(50_054_500)
    expect(r.intrinsicE4).toBe(54_500)
    expect(r.valueE4).toBe(16_350_000)
    expect(r.source).toBe('SPX open')
    expect(r.approximation).toMatch(/Special Opening Quotation/)
    // A short 5010 put: 5010 − 5005.45 = 4.55 → 45_500; × 100 × −1 = −4_550_000 = −$455.00.
    const put = expectOk(
      settleLeg(leg({ root: 'SPX', optionType: 'put', strikeE4: 50_100_000, quantity: -1 }), bars),
    )
    expect(put.valueE4).toBe(-4_550_000)
  })

  it('XSP (PM): one tenth of the SPX close', () => {
    // 5012.37 / 10 = 501.237 → 5_012_370 e4; a 500 call: 1.237 → 12_370; × 100 = $123.70.
    const r = expectOk(settleLeg(leg({ root: 'XSP', strikeE4: 5_000_000 }), bars))
    expect(r.settlementE4).toBe(5_012_370)
    expect(r.intrinsicE4).toBe(12_370)
    expect(r.valueE4).toBe(1_237_000)
    expect(r.source).toBe('SPX close')
    expect(r.approximation).toBeNull()
  })

  it('VIX and VIXW options: the VIX open, flagged as an approximation of the VRO', () => {
    // open 12.7 (the close 12.3 is not used): a 12 call is worth 0.7 → 7_000 e4;
    // × 100 × 10 = 7_000_000 e4 = $700.00.
    for (const root of ['VIX', 'VIXW']) {
      const r = expectOk(
        settleLeg(leg({ root, strikeE4: 120_000, expiration: '2026-12-16', quantity: 10 }), bars),
      )
      expect(r.settlementE4).toBe(127_000)
      expect(r.intrinsicE4).toBe(7_000)
      expect(r.valueE4).toBe(7_000_000)
      expect(r.source).toBe('VIX open')
      expect(r.approximation).toMatch(/VRO/)
    }
  })

  it('VX futures: the VIX open per unit, × 1000 × signed quantity', () => {
    // 12.7 → 127_000 e4 per unit; × 1000 × −2 = −254_000_000 e4 = −$25,400.00 (a notional).
    const r = expectOk(
      settleLeg(
        leg({
          instrumentType: 'future',
          root: 'VX',
          optionType: null,
          strikeE4: null,
          expiration: '2026-12-16',
          multiplier: 1000,
          quantity: -2,
        }),
        bars,
      ),
    )
    expect(r.settlementE4).toBe(127_000)
    expect(r.intrinsicE4).toBe(127_000)
    expect(r.valueE4).toBe(-254_000_000)
    expect(r.source).toBe('VIX open')
  })

  it('reads the right series on the expiration date only', () => {
    const asked: string[] = []
    settleLeg(leg({ root: 'VIX', expiration: '2026-12-16' }), (symbol, date) => {
      asked.push(`${symbol} ${date}`)
      return null
    })
    expect(asked).toEqual(['VIX 2026-12-16'])
  })

  it('an out-of-the-money leg is worth 0 (never −0), long or short', () => {
    // A 5050 call against 5012.37, and a 4950 put: both 0.
    for (const quantity of [-3, 3]) {
      const call = expectOk(settleLeg(leg({ strikeE4: 50_500_000, quantity }), bars))
      const put = expectOk(
        settleLeg(leg({ optionType: 'put', strikeE4: 49_500_000, quantity }), bars),
      )
      for (const r of [call, put]) {
        expect(Object.is(r.intrinsicE4, 0)).toBe(true)
        expect(Object.is(r.valueE4, 0)).toBe(true)
      }
    }
  })

  it('is case-insensitive about the root', () => {
    expect(expectOk(settleLeg(leg({ root: ' spxw ' }), bars)).source).toBe('SPX close')
  })
})

describe('settleLeg: level to e4, rounded half away from zero at the 4th decimal', () => {
  const settleAt = (close: number, root = 'SPXW') =>
    expectOk(settleLeg(leg({ root }), barsOf({ 'SPX 2026-12-18': { open: null, close } })))
      .settlementE4

  it('reads the shortest decimal form, so binary floats do not drift', () => {
    expect(settleAt(5012.37)).toBe(50_123_700)
    // 5000.00045 × 10000 is 50000004.49999999 in floats, which Math.round takes down to …04;
    // on the decimal text the 5th decimal is a 5, so it rounds up to …05.
    expect(settleAt(5000.00045)).toBe(50_000_005)
    expect(settleAt(0.1 + 0.2)).toBe(3_000) // 0.30000000000000004 → 0.3000
    expect(settleAt(17.65999984741211)).toBe(176_600) // a float32 17.66 → 17.6599|9… → 17.6600
  })

  it('rounds a 5th decimal of 5 or more up in magnitude, below 5 down', () => {
    expect(settleAt(5012.37495)).toBe(50_123_750)
    expect(settleAt(5012.37494)).toBe(50_123_749)
    expect(settleAt(1e-7)).toBe(0)
  })

  it('divides by 10 for XSP before rounding', () => {
    // 5012.3749 / 10 = 501.23749 → 501.2375; 5012.3745 / 10 = 501.23745 → 501.2375 (half up,
    // where the float 5012.3745 / 10 = 501.23744999999997 would round down);
    // 5012.3744 / 10 = 501.23744 → 501.2374; 0.5 / 10 = 0.05.
    expect(settleAt(5012.3749, 'XSP')).toBe(5_012_375)
    expect(settleAt(5012.3745, 'XSP')).toBe(5_012_375)
    expect(settleAt(5012.3744, 'XSP')).toBe(5_012_374)
    expect(settleAt(0.5, 'XSP')).toBe(500)
  })
})

describe('settleLeg: refusals the trader can act on', () => {
  it('no bar stored for the date', () => {
    expect(settleLeg(leg({}), barsOf({}))).toEqual({
      ok: false,
      reason: 'No SPX bar is stored for 2026-12-18: enter the settlement value',
    })
  })

  it('only the close is stored but the root settles on the open', () => {
    const bars = barsOf({ 'SPX 2026-12-18': { open: null, close: 5012.37 } })
    expect(settleLeg(leg({ root: 'SPX' }), bars)).toEqual({
      ok: false,
      reason:
        'The SPX open of 2026-12-18 is not stored (only its close): enter the settlement value',
    })
    expect(settleLeg(leg({ root: 'SPXW' }), bars).ok).toBe(true) // PM roots need only the close
  })

  it('SPY, RUT and NDX: no stored history', () => {
    for (const root of ['SPY', 'RUT', 'NDX'])
      expect(settleLeg(leg({ root }), barsOf({}))).toEqual({
        ok: false,
        reason: `Wingman stores no ${root} history: enter the settlement value`,
      })
  })

  it('roots and futures without a rule', () => {
    expect(settleLeg(leg({ instrumentType: 'future', root: 'ES' }), barsOf({}))).toEqual({
      ok: false,
      reason: 'Wingman has no settlement rule for ES futures: enter the settlement value',
    })
    // A SPX "future" is not a thing Wingman settles.
    expect(settleLeg(leg({ instrumentType: 'future', root: 'SPX' }), barsOf({})).ok).toBe(false)
  })

  it('an option leg without a strike or a type, a bad date, an unusable level', () => {
    const bars = barsOf({ 'SPX 2026-12-18': { open: 1, close: 5012.37 } })
    expect(settleLeg(leg({ strikeE4: null }), bars)).toEqual({
      ok: false,
      reason: 'The SPXW option leg has no strike',
    })
    expect(settleLeg(leg({ optionType: null }), bars)).toEqual({
      ok: false,
      reason: 'The SPXW option leg has no call/put type',
    })
    expect(settleLeg(leg({ expiration: '2026-12-32' }), bars)).toEqual({
      ok: false,
      reason: 'The expiration "2026-12-32" is not a date (YYYY-MM-DD)',
    })
    const nan = barsOf({ 'SPX 2026-12-18': { open: null, close: Number.NaN } })
    expect(settleLeg(leg({}), nan)).toEqual({
      ok: false,
      reason:
        'The stored SPX close of 2026-12-18 (NaN) is not a usable level: enter the settlement value',
    })
  })
})

describe('settleLeg: properties', () => {
  // Levels as e4 integers up to 100,000 points; level = e4 / 10^4 round-trips exactly.
  const levelE4 = fc.integer({ min: 1, max: 1_000_000_000 })
  const strikeE4 = fc.integer({ min: 1, max: 1_000_000_000 })
  const quantity = fc.integer({ min: -500, max: 500 })
  const settle = (sE4: number, k: number, type: 'call' | 'put', q: number) =>
    expectOk(
      settleLeg(
        leg({ optionType: type, strikeE4: k, quantity: q }),
        barsOf({ 'SPX 2026-12-18': { open: null, close: sE4 / 10_000 } }),
      ),
    )

  it('reads back the exact e4 level', () => {
    fc.assert(
      fc.property(levelE4, (s) => {
        expect(settle(s, 1, 'call', 1).settlementE4).toBe(s)
      }),
    )
  })

  it('value = intrinsic × 100 × quantity: its sign is the quantity’s (or 0), its size linear', () => {
    fc.assert(
      fc.property(levelE4, strikeE4, quantity, fc.constantFrom('call', 'put'), (s, k, q, t) => {
        const r = settle(s, k, t, q)
        expect(r.intrinsicE4).toBeGreaterThanOrEqual(0)
        expect(Math.abs(r.valueE4)).toBe(r.intrinsicE4 * 100 * Math.abs(q))
        expect(Math.sign(r.valueE4)).toBe(r.intrinsicE4 === 0 ? 0 : Math.sign(q))
        expect(r.valueE4).toBe(q * settle(s, k, t, 1).valueE4 + 0)
      }),
    )
  })

  it('put-call parity of intrinsics: call − put = S − K', () => {
    fc.assert(
      fc.property(levelE4, strikeE4, (s, k) => {
        expect(settle(s, k, 'call', 1).intrinsicE4 - settle(s, k, 'put', 1).intrinsicE4).toBe(s - k)
      }),
    )
  })
})

describe('settleLeg against the bundled history (resources/market)', () => {
  const MARKET = join(import.meta.dirname, '..', '..', '..', 'resources', 'market')

  /** date → bar from a date,open,high,low,close file. */
  function readBars(file: string): Map<string, SettlementBar> {
    const out = new Map<string, SettlementBar>()
    for (const line of readFileSync(join(MARKET, file), 'utf8').trim().split('\n').slice(1)) {
      const [date, open, , , close] = line.split(',')
      out.set(date!, { open: Number(open), close: Number(close) })
    }
    return out
  }
  const spx = readBars('spx_daily.csv')
  const vix = readBars('vix_daily.csv')
  const bars: BarLookup = (symbol, date) => (symbol === 'SPX' ? spx : vix).get(date) ?? null

  it('SPXW expiring 2024-12-20 settles on that day’s close, 5930.85', () => {
    // spx_daily.csv: 2024-12-20,5842,5982.06,5832.3,5930.85.
    // Short 5900 call: 5930.85 − 5900 = 30.85 → 308_500 e4; × 100 × −1 = −$3,085.00.
    const r = expectOk(
      settleLeg(leg({ strikeE4: 59_000_000, expiration: '2024-12-20', quantity: -1 }), bars),
    )
    expect(r.settlementE4).toBe(59_308_500)
    expect(r.valueE4).toBe(-30_850_000)
  })

  it('the April 2025 SPX monthly (Thursday 2025-04-17, Good Friday after) settles on the open', () => {
    // spx_daily.csv: 2025-04-17,5305.45,5328.31,5255.58,5282.7.
    // Long 2 × 5400 put: 5400 − 5305.45 = 94.55 → 945_500 e4; × 100 × 2 = $18,910.00.
    const r = expectOk(
      settleLeg(
        leg({
          root: 'SPX',
          optionType: 'put',
          strikeE4: 54_000_000,
          expiration: '2025-04-17',
          quantity: 2,
        }),
        bars,
      ),
    )
    expect(r.settlementE4).toBe(53_054_500)
    expect(r.valueE4).toBe(189_100_000)
    expect(r.source).toBe('SPX open')
  })

  it('the June 2026 SPX monthly (Thursday 2026-06-18, Juneteenth after) settles on the open', () => {
    // spx_daily.csv: 2026-06-18,7487.36,7511.07,7468.32,7500.58.
    // Short 7500 put: 7500 − 7487.36 = 12.64 → 126_400 e4; × 100 × −1 = −$1,264.00.
    const r = expectOk(
      settleLeg(
        leg({
          root: 'SPX',
          optionType: 'put',
          strikeE4: 75_000_000,
          expiration: '2026-06-18',
          quantity: -1,
        }),
        bars,
      ),
    )
    expect(r.settlementE4).toBe(74_873_600)
    expect(r.valueE4).toBe(-12_640_000)
  })

  it('the June 2024 VIX monthly (Tuesday 2024-06-18, Juneteenth after) settles on the VIX open', () => {
    // vix_daily.csv: 2024-06-18,12.7,12.74,12.24,12.3.
    // Long 10 × 12 call: 12.7 − 12 = 0.7 → 7_000 e4; × 100 × 10 = $700.00.
    const r = expectOk(
      settleLeg(
        leg({ root: 'VIX', strikeE4: 120_000, expiration: '2024-06-18', quantity: 10 }),
        bars,
      ),
    )
    expect(r.settlementE4).toBe(127_000)
    expect(r.valueE4).toBe(7_000_000)
  })

  it('says so when the bundled history has no bar for an expiry (after its last row)', () => {
    expect(settleLeg(leg({ expiration: '2026-12-18' }), bars)).toEqual({
      ok: false,
      reason: 'No SPX bar is stored for 2026-12-18: enter the settlement value',
    })
  })
})
