import { useEffect, useState } from 'react'
import type { Ruleset } from '../../../../shared/ruleset/schema.ts'
import { validateRuleset, type RulesetError } from '../../../../shared/ruleset/validate.ts'

export type CheckedText =
  | { state: 'ok'; ruleset: Ruleset; definition: unknown }
  | { state: 'errors'; errors: RulesetError[] }

/** The last check, and whether the text has changed since (Save waits for the next one). */
export type LiveValidation = CheckedText & { pending: boolean }

/** Parses and validates editor text with the same checks the core applies on save. */
export function checkRulesetText(text: string): CheckedText {
  let definition: unknown
  try {
    definition = JSON.parse(text)
  } catch (e) {
    return { state: 'errors', errors: [{ path: '(JSON)', message: (e as Error).message }] }
  }
  const v = validateRuleset(definition)
  return v.ok
    ? { state: 'ok', ruleset: v.ruleset, definition }
    : { state: 'errors', errors: v.errors }
}

/**
 * The validation of `text`, recomputed `delayMs` after the last change so typing stays smooth.
 * While a check is due the previous result stays on screen, marked `pending`.
 */
export function useLiveValidation(text: string, delayMs = 200): LiveValidation {
  const [checked, setChecked] = useState(() => ({ text, result: checkRulesetText(text) }))
  useEffect(() => {
    if (checked.text === text) return
    const timer = setTimeout(() => setChecked({ text, result: checkRulesetText(text) }), delayMs)
    return () => clearTimeout(timer)
  }, [text, checked.text, delayMs])
  return { ...checked.result, pending: checked.text !== text }
}
