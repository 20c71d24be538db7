import type { Condition, Rule, Ruleset } from '../../../shared/ruleset/schema.ts'
import { ALVH } from '../../../shared/ruleset/builtin.ts'
import { evaluateCondition } from '../../../shared/ruleset/evaluate.ts'
import type { SignalValue } from '../../../shared/signals.ts'

/** A rule with everything but the condition filled in. */
export function rule(
  id: string,
  priority: number,
  condition: Condition,
  over: Partial<Rule> = {},
): Rule {
  return {
    id,
    priority,
    description: `test rule ${id}`,
    condition,
    action: { type: 'CLOSE_ALL' },
    explanation: `${id} fired`,
    ...over,
  }
}

/** A minimal valid ruleset around `rules`. */
export function ruleset(rules: Rule[], over: Partial<Ruleset> = {}): Ruleset {
  return {
    id: 'test',
    name: 'Test',
    version: 1,
    description: 'a ruleset built by a test',
    parameters: {},
    predicates: {},
    rules,
    ...over,
  }
}

export const sig = (signal: string) => ({ signal })
export const isYes = (id: string): Condition => ({ op: '==', left: sig(id), right: true })

/** The ids of every ALVH rule whose condition is true for `signals`, in priority order. */
export function alvhTrueRules(signals: Record<string, SignalValue>): string[] {
  return [...ALVH.rules]
    .sort((a, b) => a.priority - b.priority)
    .filter((r) => evaluateCondition(ALVH, r.condition, signals).truth === 'true')
    .map((r) => r.id)
}
