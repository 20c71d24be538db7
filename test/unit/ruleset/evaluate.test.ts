import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  evaluate,
  evaluateCondition,
  formatValue,
  type Truth,
} from '../../../shared/ruleset/evaluate.ts'
import type { Condition, Operand } from '../../../shared/ruleset/schema.ts'
import type { SignalValue } from '../../../shared/signals.ts'
import { isYes, rule, ruleset, sig } from './builders.ts'

const EMPTY = ruleset([rule('only', 1, { op: 'always' })])

/** A condition with the given truth: usd_risk_off / cpi_surprise = true, false or missing. */
const setting = (t: Truth): SignalValue => (t === 'true' ? true : t === 'false' ? false : null)
const truthOf = (c: Condition, signals: Record<string, SignalValue>) =>
  evaluateCondition(EMPTY, c, signals).truth

const A = isYes('usd_risk_off')
const B = isYes('cpi_surprise')
const T: Truth[] = ['true', 'false', 'unknown']

describe('three-valued logic', () => {
  // Kleene's strong three-valued tables, row = A, column = B, in the order true, false, unknown.
  const AND = [
    ['true', 'false', 'unknown'],
    ['false', 'false', 'false'],
    ['unknown', 'false', 'unknown'],
  ]
  const OR = [
    ['true', 'true', 'true'],
    ['true', 'false', 'unknown'],
    ['true', 'unknown', 'unknown'],
  ]
  for (const [op, table] of [
    ['and', AND],
    ['or', OR],
  ] as const) {
    it(`${op} follows the Kleene table`, () => {
      T.forEach((a, i) =>
        T.forEach((b, j) => {
          const got = truthOf(
            { op, conditions: [A, B] },
            { usd_risk_off: setting(a), cpi_surprise: setting(b) },
          )
          expect(got, `${a} ${op} ${b}`).toBe(table[i]?.[j])
        }),
      )
    })
  }

  it('not swaps true and false and keeps unknown', () => {
    expect(
      T.map((a) => truthOf({ op: 'not', condition: A }, { usd_risk_off: setting(a) })),
    ).toEqual(['false', 'true', 'unknown'])
  })

  it('a comparison on a missing signal is unknown, never false', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '!='] as const) {
      expect(truthOf({ op, left: sig('vix'), right: 20 }, {})).toBe('unknown')
      expect(truthOf({ op, left: 20, right: sig('vix') }, { vix: null })).toBe('unknown')
    }
  })

  it('compares present values', () => {
    const cases: [Condition['op'], boolean][] = [
      ['<', false],
      ['<=', true],
      ['>', false],
      ['>=', true],
      ['==', true],
      ['!=', false],
    ]
    for (const [op, want] of cases) {
      const c = { op, left: sig('vix'), right: 20 } as Condition
      expect(truthOf(c, { vix: 20 }), op).toBe(String(want))
    }
    expect(truthOf({ op: '<', left: sig('vix'), right: 20 }, { vix: 19.99 })).toBe('true')
  })

  it('counts a value of the wrong kind or a non-finite number as missing', () => {
    expect(truthOf({ op: '>', left: sig('vix'), right: 20 }, { vix: true })).toBe('unknown')
    expect(truthOf({ op: '>', left: sig('vix'), right: 20 }, { vix: Number.NaN })).toBe('unknown')
    expect(truthOf(A, { usd_risk_off: 1 })).toBe('unknown')
  })

  it('between is inclusive at both ends and unknown when any operand is missing', () => {
    const c: Condition = { op: 'between', value: sig('vix'), min: 15, max: sig('vx1') }
    expect(truthOf(c, { vix: 15, vx1: 20 })).toBe('true')
    expect(truthOf(c, { vix: 20, vx1: 20 })).toBe('true')
    expect(truthOf(c, { vix: 14.9, vx1: 20 })).toBe('false')
    expect(truthOf(c, { vix: 20.1, vx1: 20 })).toBe('false')
    const out = evaluateCondition(EMPTY, c, { vix: 17 })
    expect(out).toEqual({ truth: 'unknown', missing: ['vx1'] })
  })

  it('is_missing is true or false, never unknown', () => {
    const c: Condition = { op: 'is_missing', value: sig('vix') }
    expect(truthOf(c, {})).toBe('true')
    expect(truthOf(c, { vix: null })).toBe('true')
    expect(truthOf(c, { vix: 0 })).toBe('false')
    const any: Condition = { op: 'is_missing', value: { first_available: ['vx1', 'vix'] } }
    expect(truthOf(any, { vix: 3 })).toBe('false')
    expect(truthOf(any, {})).toBe('true')
  })

  it('first_available takes the first present signal; all missing is unknown', () => {
    const c: Condition = {
      op: '>',
      left: { first_available: ['vix_futures_rsi14', 'vix_rsi14'] },
      right: 75,
    }
    expect(truthOf(c, { vix_futures_rsi14: 70, vix_rsi14: 80 })).toBe('false')
    expect(truthOf(c, { vix_futures_rsi14: null, vix_rsi14: 80 })).toBe('true')
    expect(evaluateCondition(EMPTY, c, {})).toEqual({
      truth: 'unknown',
      missing: ['vix_futures_rsi14', 'vix_rsi14'],
    })
  })

  it('an unknown AND lists only the signals that were missing', () => {
    const c: Condition = {
      op: 'and',
      conditions: [A, B, { op: '>', left: sig('vix'), right: 20 }],
    }
    expect(evaluateCondition(EMPTY, c, { usd_risk_off: true, vix: 25 })).toEqual({
      truth: 'unknown',
      missing: ['cpi_surprise'],
    })
  })

  it('a predicate reference evaluates the named condition', () => {
    const r = ruleset([rule('r', 1, { op: 'ref', predicate: 'risk_off' })], {
      predicates: { risk_off: { description: 'd', condition: A } },
    })
    expect(
      evaluateCondition(r, { op: 'ref', predicate: 'risk_off' }, { usd_risk_off: true }).truth,
    ).toBe('true')
    expect(evaluate(r, {}).notEvaluated).toEqual([{ rule: 'r', missing: ['usd_risk_off'] }])
  })
})

describe('evaluate', () => {
  const rs = ruleset(
    [
      rule(
        'third',
        30,
        { op: 'always' },
        { action: { type: 'HOLD' }, explanation: 'nothing else' },
      ),
      rule('first', 10, A, {
        action: { type: 'CLOSE_CALL_SPREAD', note: 'keep the put side' },
        explanation: 'USD risk-off is {usd_risk_off}, VIX {vix}, threshold {param.level}',
      }),
      rule(
        'second',
        20,
        { op: '>', left: sig('vix'), right: { param: 'level' } },
        {
          action: { type: 'ROLL_OUT', params: { minDays: { param: 'days' }, maxDays: 14 } },
          followUps: [{ type: 'ADJUST_HEDGE_LAYER', note: 'rebalance' }],
          explanation: 'VIX {vix} above {param.level}; RSI {vix_futures_rsi14|vix_rsi14}',
        },
      ),
    ],
    {
      parameters: {
        level: { type: 'number', default: 30, description: 'VIX level' },
        days: { type: 'number', default: 7, description: 'days' },
      },
    },
  )

  it('tries rules by ascending priority and stops at the first true one', () => {
    const r = evaluate(rs, { usd_risk_off: false, vix: 35, vix_rsi14: 61.23456 })
    expect(r.rule).toBe('second')
    expect(r.action).toBe('ROLL_OUT')
    expect(r.params).toEqual({ minDays: 7, maxDays: 14 })
    expect(r.followUps).toEqual([{ action: 'ADJUST_HEDGE_LAYER', params: {}, note: 'rebalance' }])
    expect(r.fired.map((f) => [f.rule, f.outcome])).toEqual([
      ['first', 'false'],
      ['second', 'true'],
    ])
    expect(r.explanation).toBe('second → ROLL_OUT: VIX 35 above 30; RSI 61.2346 (vix_rsi14)')
    expect(r.signals).toEqual({
      usd_risk_off: false,
      vix: 35,
      vix_futures_rsi14: null,
      vix_rsi14: 61.23456,
    })
  })

  it('reports an unknown rule as not evaluated and goes on', () => {
    const r = evaluate(rs, { vix: 35 })
    expect(r.rule).toBe('second')
    expect(r.notEvaluated).toEqual([{ rule: 'first', missing: ['usd_risk_off'] }])
    expect(r.fired[0]).toEqual({
      rule: 'first',
      priority: 10,
      action: 'CLOSE_CALL_SPREAD',
      outcome: 'unknown',
      missing: ['usd_risk_off'],
    })
    expect(r.explanation).toContain(
      'Not evaluated for missing signals: first (missing usd_risk_off)',
    )
  })

  it('applies parameter overrides to conditions, action params and the explanation', () => {
    const r = evaluate(rs, { usd_risk_off: false, vix: 35 }, { level: 40, days: 10 })
    expect(r.rule).toBe('third')
    expect(r.parameters).toEqual({ level: 40, days: 10 })
    const s = evaluate(rs, { usd_risk_off: false, vix: 45 }, { days: 10 })
    expect(s.params).toEqual({ minDays: 10, maxDays: 14 })
  })

  it('rejects unknown or mistyped parameter overrides', () => {
    expect(() => evaluate(rs, {}, { levl: 3 })).toThrow(/unknown parameter "levl".*level, days/)
    expect(() => evaluate(rs, {}, { level: true })).toThrow(/"level" must be a number/)
  })

  it('falls back to HOLD with rule null and says so when no rule is true', () => {
    const noCatchAll = ruleset([rs.rules[1]!, rs.rules[2]!], { parameters: rs.parameters })
    const r = evaluate(noCatchAll, { usd_risk_off: false })
    expect(r.action).toBe('HOLD')
    expect(r.rule).toBeNull()
    expect(r.params).toEqual({})
    expect(r.followUps).toEqual([])
    expect(r.fired.map((f) => f.outcome)).toEqual(['false', 'unknown'])
    expect(r.explanation).toMatch(/^No rule's condition was true, so the default is HOLD/)
    expect(r.explanation).toContain('second (missing vix)')
  })

  it('formats values for people', () => {
    expect(formatValue(0.123456)).toBe('0.1235')
    expect(formatValue(75)).toBe('75')
    expect(formatValue(true)).toBe('yes')
    expect(formatValue(null)).toBe('missing')
  })
})

// ---- properties ----

const NUMBER_IDS = ['vix', 'vx1', 'dte'] as const
const BOOL_IDS = ['usd_risk_off', 'cpi_surprise', 'fomc_stable'] as const
const ALL_IDS = [...NUMBER_IDS, ...BOOL_IDS]

/** Number operands; with `fallback`, first_available lists too. */
const numberOperand = (fallback: boolean): fc.Arbitrary<Operand> =>
  fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(...NUMBER_IDS).map((s) => ({ signal: s })),
    ...(fallback
      ? [
          fc
            .shuffledSubarray([...NUMBER_IDS], { minLength: 1 })
            .map((ids) => ({ first_available: ids })),
        ]
      : []),
  )

/** Random conditions without is_missing (by design the one operator that reads absence). */
const conditionArb = (fallback: boolean) =>
  fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        op: fc.constantFrom('<', '<=', '>', '>=', '==', '!=' as const),
        left: numberOperand(fallback),
        right: numberOperand(fallback),
      }) as fc.Arbitrary<Condition>,
      fc.record({
        op: fc.constantFrom('==', '!=' as const),
        left: fc.constantFrom(...BOOL_IDS).map((s) => ({ signal: s })),
        right: fc.boolean(),
      }) as fc.Arbitrary<Condition>,
      fc.record({
        op: fc.constant('between' as const),
        value: numberOperand(fallback),
        min: numberOperand(fallback),
        max: numberOperand(fallback),
      }),
      fc.record({
        op: fc.constantFrom('and', 'or' as const),
        conditions: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }),
      }) as fc.Arbitrary<Condition>,
      fc.record({ op: fc.constant('not' as const), condition: tie('condition') }),
    ),
  })).condition

const condition = conditionArb(true)
const plainCondition = conditionArb(false)

const valueFor = (id: string): fc.Arbitrary<SignalValue> =>
  (BOOL_IDS as readonly string[]).includes(id) ? fc.boolean() : fc.integer({ min: -3, max: 3 })

/** A full snapshot (every signal present) and a mask of which to drop. */
const fullSnapshot = fc.record(
  Object.fromEntries(ALL_IDS.map((id) => [id, valueFor(id)])) as Record<
    string,
    fc.Arbitrary<SignalValue>
  >,
)
const dropMask = fc.record(
  Object.fromEntries(ALL_IDS.map((id) => [id, fc.boolean()])) as Record<
    string,
    fc.Arbitrary<boolean>
  >,
)

describe('properties of the evaluator', () => {
  it('is deterministic: the same inputs give the same result', () => {
    fc.assert(
      fc.property(condition, fullSnapshot, dropMask, (c, full, drop) => {
        const partial = Object.fromEntries(
          Object.entries(full).map(([k, v]) => [k, drop[k] ? null : v]),
        )
        const rs = ruleset([rule('a', 1, c), rule('b', 2, { op: 'not', condition: c })])
        expect(evaluate(rs, partial)).toEqual(evaluate(rs, { ...partial }))
      }),
    )
  })

  it('is monotone: filling in missing signals never changes a true or false outcome', () => {
    // Over plain signal operands. first_available is deliberately not monotone: a preferred
    // signal arriving replaces the fallback's value (see the property below).
    fc.assert(
      fc.property(plainCondition, fullSnapshot, dropMask, (c, full, drop) => {
        const partial = Object.fromEntries(
          Object.entries(full).map(([k, v]) => [k, drop[k] ? null : v]),
        )
        const before = evaluateCondition(EMPTY, c, partial)
        const after = evaluateCondition(EMPTY, c, full)
        expect(after.truth).not.toBe('unknown') // with every signal present, always decided
        if (before.truth !== 'unknown') expect(after.truth).toBe(before.truth)
      }),
      { numRuns: 500 },
    )
  })

  it('an unknown outcome names only signals that were missing, and at least one', () => {
    fc.assert(
      fc.property(condition, fullSnapshot, dropMask, (c, full, drop) => {
        const partial = Object.fromEntries(
          Object.entries(full).map(([k, v]) => [k, drop[k] ? null : v]),
        )
        const out = evaluateCondition(EMPTY, c, partial)
        if (out.truth === 'unknown') {
          expect(out.missing.length).toBeGreaterThan(0)
          for (const id of out.missing) expect(partial[id], id).toBeNull()
        } else expect(out.missing).toEqual([])
      }),
    )
  })

  it('first_available behaves exactly as its first present signal, or as missing', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...NUMBER_IDS], { minLength: 1 }),
        fc.constantFrom('<', '>=', '==' as const),
        fc.integer({ min: -3, max: 3 }),
        fullSnapshot,
        dropMask,
        (ids, op, k, full, drop) => {
          const partial = Object.fromEntries(
            Object.entries(full).map(([key, v]) => [key, drop[key] ? null : v]),
          )
          const chosen = ids.find((id) => partial[id] !== null)
          const got = evaluateCondition(
            EMPTY,
            { op, left: { first_available: ids }, right: k },
            partial,
          )
          if (chosen === undefined)
            expect(got).toEqual({ truth: 'unknown', missing: [...ids].sort() })
          else
            expect(got.truth).toBe(
              evaluateCondition(EMPTY, { op, left: { signal: chosen }, right: k }, partial).truth,
            )
        },
      ),
    )
  })
})
