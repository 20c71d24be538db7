import { describe, expect, it } from 'vitest'
import {
  actionText,
  conditionText,
  rangeText,
} from '../../../renderer/src/components/rulesets/describe.ts'
import { ALVH, MECHANICAL_WING } from '../../../shared/ruleset/builtin.ts'

describe('ruleset parts as text', () => {
  it('reads mechanical-wing as a trader would', () => {
    const [close] = MECHANICAL_WING.rules
    expect(conditionText(close!.condition, MECHANICAL_WING.parameters)).toBe(
      'call_wing_penetration ≥ param close_threshold (0.8)',
    )
    expect(actionText(close!.action, MECHANICAL_WING.parameters)).toBe('CLOSE_CALL_SPREAD')
  })

  it('parenthesises nested groups and names the first-available fallback', () => {
    const params = ALVH.parameters
    expect(
      conditionText(
        {
          op: 'and',
          conditions: [
            { op: 'ref', predicate: 'call_tested' },
            {
              op: 'or',
              conditions: [
                { op: 'is_missing', value: { signal: 'vix' } },
                {
                  op: 'not',
                  condition: {
                    op: '<',
                    left: { first_available: ['vix_futures_rsi14', 'vix_rsi14'] },
                    right: 75,
                  },
                },
              ],
            },
          ],
        },
        params,
      ),
    ).toBe(
      'call_tested and (vix is missing or not first available of (vix_futures_rsi14, vix_rsi14) < 75)',
    )
    expect(
      conditionText(
        { op: 'between', value: { signal: 'dte' }, min: 7, max: { param: 'nope' } },
        params,
      ),
    ).toBe('dte between 7 and param nope (undefined)')
  })

  it('states parameter ranges', () => {
    expect(rangeText({ type: 'number', default: 0.3, min: 0, max: 1, description: '' })).toBe(
      '0 to 1',
    )
    expect(rangeText({ type: 'number', default: 7, min: 1, description: '' })).toBe('≥ 1')
    expect(rangeText({ type: 'number', default: 0, description: '' })).toBe('any')
  })
})
