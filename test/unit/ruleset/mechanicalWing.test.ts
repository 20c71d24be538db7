import { describe, expect, it } from 'vitest'
import { MECHANICAL_WING } from '../../../shared/ruleset/builtin.ts'
import { evaluate } from '../../../shared/ruleset/evaluate.ts'

describe('mechanical-wing', () => {
  it('has its threshold as the named parameter close_threshold = 0.8', () => {
    expect(MECHANICAL_WING.parameters.close_threshold?.default).toBe(0.8)
  })

  it.each([
    [0.79, 'HOLD', 'hold'],
    [0.8, 'CLOSE_CALL_SPREAD', 'close-call-spread'],
    [0.81, 'CLOSE_CALL_SPREAD', 'close-call-spread'],
  ])('call-wing penetration %s → %s', (p, action, rule) => {
    const r = evaluate(MECHANICAL_WING, { call_wing_penetration: p, put_wing_penetration: -2 })
    expect([r.action, r.rule]).toEqual([action, rule])
  })

  it.each([
    [0.79, 'HOLD'],
    [0.8, 'CLOSE_PUT_SPREAD'],
    [0.81, 'CLOSE_PUT_SPREAD'],
  ])('put-wing penetration %s → %s', (p, action) => {
    expect(
      evaluate(MECHANICAL_WING, { call_wing_penetration: -2, put_wing_penetration: p }).action,
    ).toBe(action)
  })

  it('explains with the values', () => {
    const r = evaluate(MECHANICAL_WING, { call_wing_penetration: 0.8123, put_wing_penetration: -1 })
    expect(r.explanation).toBe(
      'close-call-spread → CLOSE_CALL_SPREAD: call-wing penetration 0.8123 ≥ 0.8: close the call spread.',
    )
  })

  it('honours a close_threshold override', () => {
    const snap = { call_wing_penetration: 0.85, put_wing_penetration: -1 }
    expect(evaluate(MECHANICAL_WING, snap, { close_threshold: 0.9 }).action).toBe('HOLD')
    expect(evaluate(MECHANICAL_WING, snap, { close_threshold: 0.85 }).action).toBe(
      'CLOSE_CALL_SPREAD',
    )
    expect(evaluate(MECHANICAL_WING, snap, { close_threshold: 0.5 }).parameters).toEqual({
      close_threshold: 0.5,
    })
    expect(() => evaluate(MECHANICAL_WING, snap, { close_threshold: -1 })).toThrow(/at least 0/)
  })

  it('a missing penetration is not evaluated, never read as 0', () => {
    const r = evaluate(MECHANICAL_WING, { put_wing_penetration: 0.2 })
    expect(r.notEvaluated).toEqual([
      { rule: 'close-call-spread', missing: ['call_wing_penetration'] },
    ])
    expect(r.rule).toBe('hold')
    expect(r.explanation).toContain('close-call-spread (missing call_wing_penetration)')
  })
})
