import { describe, expect, it } from 'vitest'
import { ALVH } from '../../../shared/ruleset/builtin.ts'
import { evaluate } from '../../../shared/ruleset/evaluate.ts'
import type { SignalValue } from '../../../shared/signals.ts'
import { alvhTrueRules } from './builders.ts'

type Snapshot = Record<string, SignalValue>

/**
 * The call side tested (the underlying halfway into the call wing, short call delta 0.45), the
 * put side far away, every ALVH condition present and false: only the "call tested, hold" rule
 * is true.
 */
const calm = (over: Snapshot = {}): Snapshot => ({
  call_wing_penetration: 0.5,
  short_call_delta: 0.45,
  put_wing_penetration: -4,
  short_put_delta: 0.03,
  vix_futures_rsi14: 60,
  vix_rsi14: 58,
  usd_risk_off: false,
  pcf_below_average: false,
  fomc_stable: false,
  vx_curve_humped: false,
  ad_line_constructive: false,
  cpi_surprise: false,
  hedge_layer_active: false,
  vol_expansion_genuine: true,
  ...over,
})

/** The signals that make each branch true on top of `calm()`. */
const BRANCH: Record<string, Snapshot> = {
  'close-call-rsi-usd-risk-off': { vix_futures_rsi14: 76, usd_risk_off: true },
  'roll-out-pcf-fomc': { pcf_below_average: true, fomc_stable: true },
  'time-shift-big-top': { vx_curve_humped: true },
  'second-engine': { ad_line_constructive: true },
  'roll-up-call-cpi-surprise': { cpi_surprise: true, hedge_layer_active: true },
  'false-move-roll-out': { call_wing_penetration: 0.9, vol_expansion_genuine: false },
  'mechanical-close-call': { call_wing_penetration: 0.9 },
}

describe('alvh: one branch at a time', () => {
  it('holds when the call side is tested and no branch applies', () => {
    expect(alvhTrueRules(calm())).toEqual(['call-tested-hold'])
    const r = evaluate(ALVH, calm())
    expect([r.action, r.rule, r.notEvaluated]).toEqual(['HOLD', 'call-tested-hold', []])
    expect(r.fired).toHaveLength(8)
  })

  for (const [id, signals] of Object.entries(BRANCH)) {
    it(`${id}: exactly this branch (and the catch-all hold) is true`, () => {
      // Step 6 (≥ 0.8, not genuine) always implies step 7 (≥ 0.8): 7 is its mechanical fallback.
      const implied = id === 'false-move-roll-out' ? ['mechanical-close-call'] : []
      expect(alvhTrueRules(calm(signals))).toEqual([id, ...implied, 'call-tested-hold'])
      expect(evaluate(ALVH, calm(signals)).rule).toBe(id)
    })
  }

  it('1: closes the call spread, keeping the put side, when VIX futures RSI > 75 and USD risk-off', () => {
    const r = evaluate(ALVH, calm(BRANCH['close-call-rsi-usd-risk-off']))
    expect(r).toMatchObject({
      action: 'CLOSE_CALL_SPREAD',
      params: {},
      note: 'keep the put side',
      followUps: [],
    })
    expect(r.explanation).toContain('VIX futures RSI 76 > 75')
    // RSI exactly 75 is not above 75; risk-off alone is not enough.
    expect(evaluate(ALVH, calm({ vix_futures_rsi14: 75, usd_risk_off: true })).rule).toBe(
      'call-tested-hold',
    )
    expect(evaluate(ALVH, calm({ vix_futures_rsi14: 80 })).rule).toBe('call-tested-hold')
  })

  it('2: rolls out 7–14 days and rebalances the hedge layers when P/CF low and FOMC stable', () => {
    const r = evaluate(ALVH, calm(BRANCH['roll-out-pcf-fomc']))
    expect(r.action).toBe('ROLL_OUT')
    expect(r.params).toEqual({ minDays: 7, maxDays: 14 })
    expect(r.followUps).toEqual([
      {
        action: 'ADJUST_HEDGE_LAYER',
        params: {},
        note: 'rebalance hedge layers toward zero net delta',
      },
    ])
    expect(evaluate(ALVH, calm({ pcf_below_average: true })).rule).toBe('call-tested-hold')
  })

  it('3: time-shifts the hedge when the VX curve is humped', () => {
    const r = evaluate(ALVH, calm(BRANCH['time-shift-big-top']))
    expect([r.action, r.followUps]).toEqual(['TIME_SHIFT_HEDGE', []])
  })

  it('4: adds a front-month VIX call spread layer, then rolls out, when the A/D line is constructive', () => {
    const r = evaluate(ALVH, calm(BRANCH['second-engine']))
    expect(r.action).toBe('ADD_HEDGE_LAYER')
    expect(r.note).toBe('front-month VIX call spread')
    expect(r.followUps).toEqual([{ action: 'ROLL_OUT', params: { minDays: 7, maxDays: 14 } }])
  })

  it('5: rolls the short call up, keeping the long wing, on a CPI surprise with a hedge layer on', () => {
    const r = evaluate(ALVH, calm(BRANCH['roll-up-call-cpi-surprise']))
    expect([r.action, r.note]).toEqual(['ROLL_UP_CALL', 'keep the long wing'])
    // Without an active hedge layer the roll-up is too risky.
    expect(evaluate(ALVH, calm({ cpi_surprise: true })).rule).toBe('call-tested-hold')
  })

  it('6: buys time (roll out) at ≥ 0.8 penetration when the vol expansion is not genuine', () => {
    const r = evaluate(ALVH, calm(BRANCH['false-move-roll-out']))
    expect([r.action, r.params, r.followUps]).toEqual(['ROLL_OUT', { minDays: 7, maxDays: 14 }, []])
  })

  it('7: closes the call spread at ≥ 0.8 penetration when the expansion is genuine', () => {
    const r = evaluate(ALVH, calm(BRANCH['mechanical-close-call']))
    expect(r.action).toBe('CLOSE_CALL_SPREAD')
    expect(r.note).toBeUndefined()
    expect(evaluate(ALVH, calm({ call_wing_penetration: 0.79 })).rule).toBe('call-tested-hold')
    expect(evaluate(ALVH, calm({ call_wing_penetration: 0.8 })).rule).toBe('mechanical-close-call')
  })
})

describe('alvh: priority order when several branches are true', () => {
  // Every branch on at once; switching off the winner each time must reveal the next in order.
  const ORDER = [
    'close-call-rsi-usd-risk-off',
    'roll-out-pcf-fomc',
    'time-shift-big-top',
    'second-engine',
    'roll-up-call-cpi-surprise',
    'false-move-roll-out',
    'call-tested-hold',
  ]
  const OFF: Record<string, Snapshot> = {
    'close-call-rsi-usd-risk-off': { usd_risk_off: false },
    'roll-out-pcf-fomc': { fomc_stable: false },
    'time-shift-big-top': { vx_curve_humped: false },
    'second-engine': { ad_line_constructive: false },
    'roll-up-call-cpi-surprise': { hedge_layer_active: false },
    'false-move-roll-out': { call_wing_penetration: 0.5 },
  }

  it('tries the eight steps in the methodology order', () => {
    let snap = calm({
      ...BRANCH['close-call-rsi-usd-risk-off'],
      ...BRANCH['roll-out-pcf-fomc'],
      ...BRANCH['time-shift-big-top'],
      ...BRANCH['second-engine'],
      ...BRANCH['roll-up-call-cpi-surprise'],
      ...BRANCH['false-move-roll-out'],
    })
    expect(alvhTrueRules(snap)).toEqual([
      'close-call-rsi-usd-risk-off',
      'roll-out-pcf-fomc',
      'time-shift-big-top',
      'second-engine',
      'roll-up-call-cpi-surprise',
      'false-move-roll-out',
      'mechanical-close-call',
      'call-tested-hold',
    ])
    const winners: string[] = []
    for (const id of ORDER) {
      const r = evaluate(ALVH, snap)
      winners.push(r.rule ?? 'none')
      // Every rule before the winner was tried and false.
      expect(r.fired.slice(0, -1).every((f) => f.outcome === 'false')).toBe(true)
      snap = { ...snap, ...OFF[id] }
    }
    expect(winners).toEqual(ORDER)
  })

  it('the false-move roll beats the mechanical close when both are true', () => {
    const r = evaluate(ALVH, calm({ call_wing_penetration: 1.2, vol_expansion_genuine: false }))
    expect(
      alvhTrueRules(calm({ call_wing_penetration: 1.2, vol_expansion_genuine: false })),
    ).toContain('mechanical-close-call')
    expect(r.rule).toBe('false-move-roll-out')
  })

  it('a branch that cannot be evaluated is skipped and reported, the next true one wins', () => {
    const r = evaluate(
      ALVH,
      calm({ vix_futures_rsi14: 80, usd_risk_off: null, vx_curve_humped: true }),
    )
    expect(r.rule).toBe('time-shift-big-top')
    expect(r.notEvaluated).toEqual([
      { rule: 'close-call-rsi-usd-risk-off', missing: ['usd_risk_off'] },
    ])
    expect(r.fired.map((f) => f.outcome)).toEqual(['unknown', 'false', 'true'])
  })
})

describe('alvh: tested gating', () => {
  it('the call side is tested from penetration 0 or short call delta 0.30', () => {
    const untested = { call_wing_penetration: -0.01, short_call_delta: 0.29 }
    expect(evaluate(ALVH, calm(untested)).rule).toBe('nothing-tested')
    expect(evaluate(ALVH, calm({ ...untested, call_wing_penetration: 0 })).rule).toBe(
      'call-tested-hold',
    )
    expect(evaluate(ALVH, calm({ ...untested, short_call_delta: 0.3 })).rule).toBe(
      'call-tested-hold',
    )
  })

  it('no call-side branch applies while the call side is untested', () => {
    const snap = calm({
      call_wing_penetration: -0.6,
      short_call_delta: 0.1,
      ...BRANCH['close-call-rsi-usd-risk-off'],
      ...BRANCH['second-engine'],
    })
    expect(alvhTrueRules(snap)).toEqual(['nothing-tested'])
  })

  it('put side only: the mechanical put rule closes at 0.8, holds below', () => {
    const putOnly = (pen: number, over: Snapshot = {}) =>
      calm({
        call_wing_penetration: -3,
        short_call_delta: 0.04,
        put_wing_penetration: pen,
        short_put_delta: 0.55,
        ...over,
      })
    expect(evaluate(ALVH, putOnly(0.85))).toMatchObject({
      action: 'CLOSE_PUT_SPREAD',
      rule: 'put-only-close',
    })
    expect(evaluate(ALVH, putOnly(0.8)).rule).toBe('put-only-close')
    expect(evaluate(ALVH, putOnly(0.79))).toMatchObject({ action: 'HOLD', rule: 'put-only-hold' })
    // Delta alone tests the put side, penetration still decides.
    expect(evaluate(ALVH, putOnly(-0.2)).rule).toBe('put-only-hold')
    // The call-side ALVH signals play no part.
    expect(evaluate(ALVH, putOnly(0.5, BRANCH['close-call-rsi-usd-risk-off'])).rule).toBe(
      'put-only-hold',
    )
  })

  it('nothing tested: HOLD', () => {
    const r = evaluate(ALVH, calm({ call_wing_penetration: -0.5, short_call_delta: 0.12 }))
    expect([r.action, r.rule]).toEqual(['HOLD', 'nothing-tested'])
    expect(r.explanation).toContain('Neither short strike is tested')
  })

  it('unknown testedness leaves every rule unevaluated and falls back to HOLD', () => {
    const r = evaluate(
      ALVH,
      calm({
        call_wing_penetration: null,
        short_call_delta: null,
        ...BRANCH['close-call-rsi-usd-risk-off'],
      }),
    )
    expect(r.rule).toBeNull()
    expect(r.action).toBe('HOLD')
    const outcomes = Object.fromEntries(r.fired.map((f) => [f.rule, f.outcome]))
    expect(outcomes['close-call-rsi-usd-risk-off']).toBe('unknown')
    expect(outcomes['put-only-close']).toBe('false') // put side untested: false AND unknown
    expect(outcomes['nothing-tested']).toBe('unknown')
    expect(r.notEvaluated[0]).toEqual({
      rule: 'close-call-rsi-usd-risk-off',
      missing: ['call_wing_penetration', 'short_call_delta'],
    })
    expect(r.explanation).toMatch(/^No rule's condition was true/)
  })
})

describe('alvh: the VIX futures RSI falls back to the VIX RSI', () => {
  it('uses vix_rsi14 when vix_futures_rsi14 is missing', () => {
    const r = evaluate(ALVH, calm({ vix_futures_rsi14: null, vix_rsi14: 80, usd_risk_off: true }))
    expect(r.rule).toBe('close-call-rsi-usd-risk-off')
    expect(r.explanation).toContain('VIX futures RSI 80 (vix_rsi14) > 75')
    expect(r.signals).toMatchObject({ vix_futures_rsi14: null, vix_rsi14: 80 })
  })

  it('prefers vix_futures_rsi14 when present, even if vix_rsi14 would fire', () => {
    const r = evaluate(ALVH, calm({ vix_futures_rsi14: 70, vix_rsi14: 80, usd_risk_off: true }))
    expect(r.rule).toBe('call-tested-hold')
  })

  it('both missing: the rule is not evaluated, listing both', () => {
    const r = evaluate(ALVH, calm({ vix_futures_rsi14: null, vix_rsi14: null, usd_risk_off: true }))
    expect(r.notEvaluated).toEqual([
      { rule: 'close-call-rsi-usd-risk-off', missing: ['vix_futures_rsi14', 'vix_rsi14'] },
    ])
    expect(r.rule).toBe('call-tested-hold')
  })
})
