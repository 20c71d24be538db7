import alvhJson from '../../resources/rulesets/alvh.json' with { type: 'json' }
import mechanicalWingJson from '../../resources/rulesets/mechanical-wing.json' with { type: 'json' }
import type { Ruleset } from './schema.ts'
import { formatRulesetErrors, validateRuleset } from './validate.ts'

/**
 * The rulesets Wingman ships (PRODUCT.md, "Shipped rulesets"), validated once at load so a bad
 * edit of the JSON fails loudly at start-up instead of at the first decision.
 */
function load(json: unknown, file: string): Ruleset {
  const v = validateRuleset(json)
  if (!v.ok)
    throw new Error(`resources/rulesets/${file} is invalid: ${formatRulesetErrors(v.errors)}`)
  return v.ruleset
}

export const MECHANICAL_WING: Ruleset = load(mechanicalWingJson, 'mechanical-wing.json')
export const ALVH: Ruleset = load(alvhJson, 'alvh.json')

/** The built-in rulesets by id, in the order they are listed. */
export const BUILTIN_RULESETS: ReadonlyMap<string, Ruleset> = new Map(
  [MECHANICAL_WING, ALVH].map((r) => [r.id, r]),
)
