import type {
  ActionParamValue,
  ActionSpec,
  ComparisonOp,
  Condition,
  Operand,
  Parameter,
  Ruleset,
} from '../../../../shared/ruleset/schema.ts'

/**
 * Ruleset parts as the trader reads them: `{">=", signal, param}` becomes
 * "call_wing_penetration ≥ param close_threshold (0.8)". Parameters show their default next to
 * the name, so a reader sees the threshold without looking it up.
 */

const OP_TEXT: Record<ComparisonOp, string> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  '==': '=',
  '!=': '≠',
}

type Params = Ruleset['parameters']

function paramText(name: string, params: Params): string {
  const p = params[name]
  return p ? `param ${name} (${String(p.default)})` : `param ${name} (undefined)`
}

export function operandText(o: Operand, params: Params): string {
  if (typeof o === 'number' || typeof o === 'boolean') return String(o)
  if ('signal' in o) return o.signal
  if ('param' in o) return paramText(o.param, params)
  return `first available of (${o.first_available.join(', ')})`
}

/** A condition as one line; nested and/or groups are parenthesised. */
export function conditionText(c: Condition, params: Params, nested = false): string {
  switch (c.op) {
    case 'between':
      return `${operandText(c.value, params)} between ${operandText(c.min, params)} and ${operandText(c.max, params)}`
    case 'and':
    case 'or': {
      const text = c.conditions.map((part) => conditionText(part, params, true)).join(` ${c.op} `)
      return nested && c.conditions.length > 1 ? `(${text})` : text
    }
    case 'not':
      return `not ${conditionText(c.condition, params, true)}`
    case 'is_missing':
      return `${operandText(c.value, params)} is missing`
    case 'ref':
      return c.predicate
    case 'always':
      return 'always'
    default:
      return `${operandText(c.left, params)} ${OP_TEXT[c.op]} ${operandText(c.right, params)}`
  }
}

function actionParamText(v: ActionParamValue, params: Params): string {
  return typeof v === 'object' ? paramText(v.param, params) : String(v)
}

/** "ROLL_OUT minDays = param roll_min_days (7), maxDays = …" — without the note. */
export function actionText(a: ActionSpec, params: Params): string {
  const list = Object.entries(a.params ?? {}).map(
    ([k, v]) => `${k} = ${actionParamText(v, params)}`,
  )
  return list.length ? `${a.type} ${list.join(', ')}` : a.type
}

/** An explanation template split into literal text and `{placeholder}` pieces. */
export function templatePieces(template: string): { text: string; placeholder: boolean }[] {
  return template
    .split(/(\{[^{}]*\})/)
    .filter((s) => s !== '')
    .map((s) => ({ text: s, placeholder: /^\{[^{}]*\}$/.test(s) }))
}

/** A parameter's allowed values: "0 to 1", "≥ 0", "any", "yes/no". */
export function rangeText(p: Parameter): string {
  if (p.type === 'boolean') return 'yes/no'
  if (p.min !== undefined && p.max !== undefined) return `${p.min} to ${p.max}`
  if (p.min !== undefined) return `≥ ${p.min}`
  if (p.max !== undefined) return `≤ ${p.max}`
  return 'any'
}
