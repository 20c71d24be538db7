import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import alvhJson from '../../../resources/rulesets/alvh.json' with { type: 'json' }
import mechanicalJson from '../../../resources/rulesets/mechanical-wing.json' with { type: 'json' }
import { ALVH, BUILTIN_RULESETS, MECHANICAL_WING } from '../../../shared/ruleset/builtin.ts'
import { validateRuleset, type RulesetError } from '../../../shared/ruleset/validate.ts'
import { isYes, rule, ruleset, sig } from './builders.ts'

const METHODOLOGY = readFileSync(
  join(import.meta.dirname, '..', '..', 'fixtures', 'seed-methodology.txt'),
  'utf8',
)

/** The errors of an invalid document (fails the test if it validates). */
function errorsOf(json: unknown): RulesetError[] {
  const v = validateRuleset(json)
  if (v.ok) throw new Error('expected the ruleset to be invalid')
  return v.errors
}

const withRule = (over: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...ruleset([rule('r1', 1, isYes('usd_risk_off'))]),
  ...extra,
  rules: [{ ...rule('r1', 1, isYes('usd_risk_off')), ...over }],
})

describe('validateRuleset: the shipped rulesets', () => {
  it('accepts both, version 1', () => {
    for (const json of [alvhJson, mechanicalJson]) {
      const v = validateRuleset(json)
      expect(v.ok ? v.ruleset.version : v.errors).toBe(1)
    }
    expect([...BUILTIN_RULESETS.keys()]).toEqual(['mechanical-wing', 'alvh'])
  })

  it('every rule quotes the methodology sentence it encodes, verbatim', () => {
    for (const r of [...ALVH.rules, ...MECHANICAL_WING.rules]) {
      const quotes = [...r.description.matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? '')
      expect(quotes.length, r.id).toBeGreaterThan(0)
      for (const q of quotes) expect(METHODOLOGY, r.id).toContain(q)
      // A whole sentence: it starts with a capital and ends with a full stop.
      for (const q of quotes) expect(q, r.id).toMatch(/^[A-Z].*[.?!]$/s)
    }
  })

  it('alvh lists the eight call-side steps in order, then the put-only and nothing-tested paths', () => {
    const ordered = [...ALVH.rules].sort((a, b) => a.priority - b.priority)
    expect(ordered.map((r) => r.action.type)).toEqual([
      'CLOSE_CALL_SPREAD',
      'ROLL_OUT',
      'TIME_SHIFT_HEDGE',
      'ADD_HEDGE_LAYER',
      'ROLL_UP_CALL',
      'ROLL_OUT',
      'CLOSE_CALL_SPREAD',
      'HOLD',
      'CLOSE_PUT_SPREAD',
      'HOLD',
      'HOLD',
    ])
    expect(ALVH.parameters.close_threshold?.default).toBe(0.8)
    expect(ALVH.parameters.tested_delta?.default).toBe(0.3)
    expect(ALVH.parameters.rsi_close_level?.default).toBe(75)
  })
})

describe('validateRuleset: shape errors name the rule and the field', () => {
  it('rejects what is not an object', () => {
    expect(errorsOf(42)[0]?.message).toMatch(/^ruleset: /)
    expect(errorsOf(null).length).toBeGreaterThan(0)
  })

  it('a missing explanation', () => {
    const json = withRule({ explanation: undefined })
    expect(errorsOf(json)).toContainEqual({
      path: 'rules.0.explanation',
      message: expect.stringMatching(/^rule "r1": explanation: /) as unknown as string,
    })
  })

  it('an unknown action lists the actions', () => {
    const [e] = errorsOf(withRule({ action: { type: 'FLY_AWAY' } }))
    expect(e?.path).toBe('rules.0.action.type')
    expect(e?.message).toMatch(
      /^rule "r1": action\.type: unknown action "FLY_AWAY"; actions: HOLD, /,
    )
    expect(e?.message).toContain('TIME_SHIFT_HEDGE')
  })

  it('an unknown operator, deep in a condition', () => {
    const cond = {
      op: 'and',
      conditions: [isYes('usd_risk_off'), { op: 'xor', left: 1, right: 2 }],
    }
    const [e] = errorsOf(withRule({ condition: cond }))
    expect(e?.path).toBe('rules.0.condition.conditions.1.op')
    expect(e?.message).toMatch(/^rule "r1": condition\.conditions\.1\.op: op must be one of <, <=/)
  })

  it('a misspelled key (objects are strict)', () => {
    const [e] = errorsOf(withRule({ explaination: 'x' }))
    expect(e?.message).toMatch(/^rule "r1": .*explaination/)
  })

  it('a rule without an id is named by its position', () => {
    const json = withRule({ id: undefined })
    expect(errorsOf(json)[0]?.message).toMatch(/^rules\[0\] \(no id\): id: /)
  })
})

describe('validateRuleset: semantic errors', () => {
  it('an unknown signal id suggests the nearest known ones, else lists them all', () => {
    const json = withRule({ condition: { op: '>', left: sig('vix_rsi'), right: 70 } })
    const [e] = errorsOf(json)
    expect(e?.path).toBe('rules.0.condition.left.signal')
    expect(e?.message).toMatch(
      /^rule "r1": condition\.left\.signal: unknown signal "vix_rsi"; did you mean "vix_rsi14"/,
    )
    const far = errorsOf(
      withRule({ condition: { op: '>', left: sig('qqqqqqqqqqqq'), right: 70 } }),
    )[0]
    expect(far?.message).toMatch(/unknown signal "qqqqqqqqqqqq"; known signals: .*\bvix_rsi14\b/)
    expect(far?.message).toContain('call_wing_penetration')
    expect(far?.message).toContain('usd_risk_off')
  })

  it('unknown signals inside first_available and explanation templates', () => {
    const json = withRule({
      condition: { op: '>', left: { first_available: ['vix_futures_rsi14', 'vixx'] }, right: 1 },
      explanation: 'RSI {vix_futures_rsi14|vix_rsi} and {nope}',
    })
    const paths = errorsOf(json).map((e) => [
      e.path,
      e.message.match(/unknown signal "([^"]+)"/)?.[1],
    ])
    expect(paths).toEqual([
      ['rules.0.condition.left.first_available.1', 'vixx'],
      ['rules.0.explanation', 'vix_rsi'],
      ['rules.0.explanation', 'nope'],
    ])
  })

  it('unknown parameter references in conditions, action params and templates', () => {
    const json = withRule(
      {
        condition: { op: '>=', left: sig('call_wing_penetration'), right: { param: 'treshold' } },
        action: { type: 'ROLL_OUT', params: { minDays: { param: 'min_days' }, maxDays: 14 } },
        explanation: '{param.lvl}',
      },
      { parameters: { threshold: { type: 'number', default: 0.8, description: 'd' } } },
    )
    const errors = errorsOf(json)
    expect(errors.map((e) => e.path)).toEqual([
      'rules.0.condition.right.param',
      'rules.0.action.params.minDays.param',
      'rules.0.explanation',
    ])
    expect(errors[0]?.message).toBe(
      'rule "r1": condition.right.param: unknown parameter "treshold"; parameters: threshold',
    )
  })

  it('duplicate rule ids and priorities', () => {
    const json = ruleset([
      rule('a', 1, { op: 'always' }),
      rule('a', 2, { op: 'always' }),
      rule('b', 1, { op: 'always' }),
    ])
    const errors = errorsOf(json)
    expect(errors).toEqual([
      { path: 'rules.1.id', message: 'rule "a": id: duplicate rule id (also rules[0])' },
      {
        path: 'rules.2.priority',
        message:
          'rule "b": priority: duplicate priority 1 (also rule "a"); the order would be ambiguous',
      },
    ])
  })

  it('ROLL_OUT needs whole days, min ≤ max, and no unknown action params', () => {
    const bad = (params: Record<string, unknown>) =>
      errorsOf(withRule({ action: { type: 'ROLL_OUT', params } })).map((e) => e.message)
    expect(bad({ minDays: 7 })).toEqual([
      'rule "r1": action.params.maxDays: ROLL_OUT needs "maxDays"',
    ])
    expect(bad({ minDays: 14, maxDays: 7 })).toEqual([
      'rule "r1": action.params: minDays (14) is above maxDays (7)',
    ])
    expect(bad({ minDays: 1.5, maxDays: 7 })[0]).toMatch(/minDays: must be a whole number of days/)
    expect(
      errorsOf(withRule({ followUps: [{ type: 'HOLD', params: { days: 3 } }] }))[0]?.message,
    ).toBe('rule "r1": followUps.0.params.days: HOLD takes no parameters')
  })

  it('kinds must match: no ordering on yes/no, no number == yes/no', () => {
    expect(
      errorsOf(withRule({ condition: { op: '>', left: sig('usd_risk_off'), right: 1 } }))[0]
        ?.message,
    ).toBe('rule "r1": condition.left: ">" needs a number, not yes/no')
    expect(
      errorsOf(withRule({ condition: { op: '==', left: sig('vix'), right: true } }))[0]?.message,
    ).toBe('rule "r1": condition: "==" compares a number with a boolean')
    expect(errorsOf(withRule({ condition: { op: 'is_missing', value: 3 } }))[0]?.message).toBe(
      'rule "r1": condition.value: "is_missing" needs a signal or first_available',
    )
  })

  it('unknown and circular predicates', () => {
    expect(
      errorsOf(withRule({ condition: { op: 'ref', predicate: 'call_tested' } }))[0]?.message,
    ).toBe('rule "r1": condition.predicate: unknown predicate "call_tested"; predicates: none')
    const json = withRule(
      { condition: { op: 'ref', predicate: 'a' } },
      {
        predicates: {
          a: {
            description: 'a',
            condition: { op: 'not', condition: { op: 'ref', predicate: 'b' } },
          },
          b: { description: 'b', condition: { op: 'ref', predicate: 'a' } },
        },
      },
    )
    expect(errorsOf(json).map((e) => e.message)).toEqual([
      'predicate "a": condition: refers back to itself through "ref"',
      'predicate "b": condition: refers back to itself through "ref"',
    ])
  })

  it('parameter defaults must match their type and range', () => {
    const json = withRule(
      {},
      {
        parameters: {
          level: { type: 'number', default: true, description: 'd' },
          t: { type: 'number', default: 2, max: 1, description: 'd' },
        },
      },
    )
    expect(errorsOf(json).map((e) => e.message)).toEqual([
      'parameter "level": default: must be a number, got true',
      'parameter "t": default: 2 is above max 1',
    ])
  })
})
