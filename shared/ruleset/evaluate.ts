import { assertNever } from '../result.ts'
import type { SignalValue } from '../signals.ts'
import type {
  ActionId,
  ActionParamValue,
  ActionSpec,
  Condition,
  Operand,
  Rule,
  Ruleset,
} from './schema.ts'
import { SIGNAL_CATALOG } from './signalCatalog.ts'
import { renderTemplate, type Placeholder } from './template.ts'

/**
 * Evaluation of a validated ruleset against a signal snapshot (PRODUCT.md, "Decision engine").
 *
 * Semantics, exactly:
 * - A signal is *missing* when the snapshot has no entry for it, the entry is null, or the value
 *   is of the wrong kind for the signal (a boolean for a number signal, a non-finite number).
 *   Missing values are never coerced to false or zero.
 * - Conditions are three-valued (Kleene): a comparison or `between` with a missing operand is
 *   unknown; AND is false if any part is false, else unknown if any part is unknown; OR is true
 *   if any part is true, else unknown if any part is unknown; NOT unknown is unknown.
 *   `first_available` is the first present signal of its list, missing only when all are.
 * - Plain comparisons are monotone: supplying a missing signal never changes a true or false
 *   outcome. Two operators are not, by design: `is_missing` (true or false, never unknown) and
 *   `first_available` (a preferred signal arriving replaces the fallback's value).
 * - Rules are tried by ascending `priority` (lower number first). A rule whose condition is
 *   false is passed over; one whose condition is unknown is reported in `notEvaluated` with the
 *   signals whose absence made it unknown, and evaluation goes on; the first rule whose
 *   condition is true wins and no later rule is tried.
 * - If no rule is true, the result is HOLD with `rule: null`, and the explanation says that no
 *   rule applied (and which rules could not be evaluated), so the fallback is never mistaken
 *   for a rule's advice.
 */

export type Truth = 'true' | 'false' | 'unknown'

export type ResolvedParamValue = number | boolean | string

export interface ResolvedAction {
  action: ActionId
  params: Record<string, ResolvedParamValue>
  note?: string
}

/** One rule tried, in the order tried. `missing` is non-empty only when `outcome` is unknown. */
export interface RuleTrial {
  rule: string
  priority: number
  action: ActionId
  outcome: Truth
  missing: string[]
}

export interface Evaluation {
  ruleset: { id: string; version: number }
  action: ActionId
  params: Record<string, ResolvedParamValue>
  note?: string
  followUps: ResolvedAction[]
  /** The winning rule, or null when no rule was true and HOLD is the fallback. */
  rule: string | null
  /** Every rule tried, in order, up to and including the winner. */
  fired: RuleTrial[]
  notEvaluated: { rule: string; missing: string[] }[]
  explanation: string
  /** Every signal the tried rules looked at, missing ones as null, sorted by id. */
  signals: Record<string, SignalValue>
  /** The parameter values used (defaults with overrides applied). */
  parameters: Record<string, number | boolean>
}

export type ParamValues = Record<string, number | boolean>

/** What a condition came to: its truth and, when unknown, the signals that were missing. */
interface Outcome {
  truth: Truth
  missing: string[]
}

type Resolved =
  { known: true; value: number | boolean; from?: string } | { known: false; missing: string[] }

interface Context {
  ruleset: Ruleset
  signals: Record<string, SignalValue>
  params: ParamValues
  used: Map<string, SignalValue>
  /** Predicates being evaluated, to stop a cycle in an unvalidated ruleset. */
  stack: string[]
}

/** The problems with parameter overrides: unknown names, wrong kinds, values out of range. */
export function parameterOverrideErrors(ruleset: Ruleset, overrides: ParamValues = {}): string[] {
  const errors: string[] = []
  for (const [name, value] of Object.entries(overrides)) {
    const p = ruleset.parameters[name]
    if (!p) {
      const known = Object.keys(ruleset.parameters)
      errors.push(
        `unknown parameter "${name}" for ruleset ${ruleset.id}; parameters: ${known.join(', ') || 'none'}`,
      )
    } else if (typeof value !== p.type || (typeof value === 'number' && !Number.isFinite(value))) {
      errors.push(`parameter "${name}" must be a ${p.type}, got ${JSON.stringify(value)}`)
    } else if (typeof value === 'number') {
      if (p.min !== undefined && value < p.min)
        errors.push(`parameter "${name}" must be at least ${p.min}, got ${value}`)
      if (p.max !== undefined && value > p.max)
        errors.push(`parameter "${name}" must be at most ${p.max}, got ${value}`)
    }
  }
  return errors
}

/** Defaults of every parameter with the overrides applied; throws on a bad override. */
export function resolveParameters(ruleset: Ruleset, overrides: ParamValues = {}): ParamValues {
  const errors = parameterOverrideErrors(ruleset, overrides)
  if (errors.length) throw new RangeError(errors.join('; '))
  const out: ParamValues = {}
  for (const [name, p] of Object.entries(ruleset.parameters))
    out[name] = overrides[name] ?? p.default
  return out
}

function isPresent(id: string, value: SignalValue | undefined): value is number | boolean {
  if (value === null || value === undefined) return false
  const kind = SIGNAL_CATALOG.get(id)?.kind
  if (typeof value === 'number') return Number.isFinite(value) && kind !== 'boolean'
  return kind !== 'number'
}

function readSignal(ctx: Context, id: string): SignalValue {
  const value = ctx.signals[id]
  const present = isPresent(id, value) ? value : null
  ctx.used.set(id, present)
  return present
}

function paramValue(ctx: Context, name: string): number | boolean {
  const v = ctx.params[name]
  if (v === undefined) throw new RangeError(`ruleset ${ctx.ruleset.id}: no parameter "${name}"`)
  return v
}

function resolve(ctx: Context, operand: Operand): Resolved {
  if (typeof operand === 'number' || typeof operand === 'boolean')
    return { known: true, value: operand }
  if ('param' in operand) return { known: true, value: paramValue(ctx, operand.param) }
  const ids = 'signal' in operand ? [operand.signal] : operand.first_available
  for (const id of ids) {
    const v = readSignal(ctx, id)
    if (v !== null) return { known: true, value: v, from: id }
  }
  return { known: false, missing: [...ids] }
}

const unknownFrom = (...parts: Resolved[]): Outcome => ({
  truth: 'unknown',
  missing: union(parts.flatMap((p) => (p.known ? [] : p.missing))),
})

const decided = (b: boolean): Outcome => ({ truth: b ? 'true' : 'false', missing: [] })

function union(ids: string[]): string[] {
  return [...new Set(ids)].sort()
}

function compare(op: Condition['op'], a: number | boolean, b: number | boolean): boolean {
  if (op === '==') return a === b
  if (op === '!=') return a !== b
  if (typeof a !== 'number' || typeof b !== 'number')
    throw new TypeError(`"${op}" needs two numbers, got ${String(a)} and ${String(b)}`)
  switch (op) {
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '>=':
      return a >= b
    default:
      throw new TypeError(`"${op}" is not a comparison`)
  }
}

function evalCondition(ctx: Context, c: Condition): Outcome {
  switch (c.op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=': {
      const left = resolve(ctx, c.left)
      const right = resolve(ctx, c.right)
      if (!left.known || !right.known) return unknownFrom(left, right)
      return decided(compare(c.op, left.value, right.value))
    }
    case 'between': {
      const parts = [resolve(ctx, c.value), resolve(ctx, c.min), resolve(ctx, c.max)] as const
      const [v, lo, hi] = parts
      if (!v.known || !lo.known || !hi.known) return unknownFrom(...parts)
      return decided(compare('>=', v.value, lo.value) && compare('<=', v.value, hi.value))
    }
    case 'and':
    case 'or': {
      // Every part is evaluated (no short-circuit) so `signals` lists all values looked at.
      const parts = c.conditions.map((part) => evalCondition(ctx, part))
      const dominant = c.op === 'and' ? 'false' : 'true'
      if (parts.some((p) => p.truth === dominant)) return { truth: dominant, missing: [] }
      if (parts.some((p) => p.truth === 'unknown'))
        return { truth: 'unknown', missing: union(parts.flatMap((p) => p.missing)) }
      return { truth: dominant === 'false' ? 'true' : 'false', missing: [] }
    }
    case 'not': {
      const inner = evalCondition(ctx, c.condition)
      if (inner.truth === 'unknown') return inner
      return decided(inner.truth === 'false')
    }
    case 'is_missing':
      return decided(!resolve(ctx, c.value).known)
    case 'ref': {
      const predicate = ctx.ruleset.predicates[c.predicate]
      if (!predicate)
        throw new RangeError(`ruleset ${ctx.ruleset.id}: no predicate "${c.predicate}"`)
      if (ctx.stack.includes(c.predicate))
        throw new RangeError(
          `ruleset ${ctx.ruleset.id}: predicate "${c.predicate}" refers to itself`,
        )
      ctx.stack.push(c.predicate)
      const out = evalCondition(ctx, predicate.condition)
      ctx.stack.pop()
      return out
    }
    case 'always':
      return decided(true)
    default:
      return assertNever(c, 'condition')
  }
}

/** Whether a condition holds for a snapshot: the three-valued outcome and the missing signals. */
export function evaluateCondition(
  ruleset: Ruleset,
  condition: Condition,
  signals: Record<string, SignalValue>,
  params: ParamValues = {},
): Outcome {
  const ctx: Context = {
    ruleset,
    signals,
    params: resolveParameters(ruleset, params),
    used: new Map(),
    stack: [],
  }
  return evalCondition(ctx, condition)
}

function resolveAction(ctx: Context, spec: ActionSpec): ResolvedAction {
  const params: Record<string, ResolvedParamValue> = {}
  for (const [k, v] of Object.entries(spec.params ?? {})) params[k] = resolveActionParam(ctx, v)
  return spec.note === undefined
    ? { action: spec.type, params }
    : { action: spec.type, params, note: spec.note }
}

function resolveActionParam(ctx: Context, v: ActionParamValue): ResolvedParamValue {
  return typeof v === 'object' ? paramValue(ctx, v.param) : v
}

/** A number as a person reads it: at most 4 decimals, no trailing zeros. */
export function formatValue(v: SignalValue | undefined): string {
  if (v === null || v === undefined) return 'missing'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  return String(Number(v.toFixed(4)))
}

function explain(ctx: Context, rule: Rule): string {
  return renderTemplate(rule.explanation, (p: Placeholder) => {
    if (p.kind === 'param') return formatValue(paramValue(ctx, p.name))
    const r = resolve(ctx, { first_available: p.ids })
    if (!r.known) return 'missing'
    // Say which signal stood in when the first choice was missing.
    return r.from !== p.ids[0] ? `${formatValue(r.value)} (${r.from})` : formatValue(r.value)
  })
}

function notEvaluatedNote(list: { rule: string; missing: string[] }[]): string {
  if (!list.length) return ''
  const parts = list.map((n) => `${n.rule} (missing ${n.missing.join(', ')})`)
  return ` Not evaluated for missing signals: ${parts.join('; ')}.`
}

/** Rules in the order they are tried: ascending priority. */
export function rulesInOrder(ruleset: Ruleset): Rule[] {
  return [...ruleset.rules].sort((a, b) => a.priority - b.priority)
}

/**
 * Recommends an action for `signals` (signal id → value; null or absent = missing), with
 * `params` overriding parameter defaults. Pure and deterministic; see the module comment for
 * the exact semantics. Throws RangeError on a bad parameter override.
 */
export function evaluate(
  ruleset: Ruleset,
  signals: Record<string, SignalValue>,
  params: ParamValues = {},
): Evaluation {
  const ctx: Context = {
    ruleset,
    signals,
    params: resolveParameters(ruleset, params),
    used: new Map(),
    stack: [],
  }
  const fired: RuleTrial[] = []
  const notEvaluated: { rule: string; missing: string[] }[] = []
  let winner: Rule | null = null
  for (const rule of rulesInOrder(ruleset)) {
    const out = evalCondition(ctx, rule.condition)
    fired.push({
      rule: rule.id,
      priority: rule.priority,
      action: rule.action.type,
      outcome: out.truth,
      missing: out.missing,
    })
    if (out.truth === 'unknown') notEvaluated.push({ rule: rule.id, missing: out.missing })
    if (out.truth === 'true') {
      winner = rule
      break
    }
  }

  const base = { ruleset: { id: ruleset.id, version: ruleset.version } }
  const tail = notEvaluatedNote(notEvaluated)
  let result: Omit<Evaluation, 'signals' | 'parameters'>
  if (winner) {
    const main = resolveAction(ctx, winner.action)
    const text = explain(ctx, winner)
    result = {
      ...base,
      ...main,
      followUps: (winner.followUps ?? []).map((f) => resolveAction(ctx, f)),
      rule: winner.id,
      fired,
      notEvaluated,
      explanation: `${winner.id} → ${main.action}: ${text}${tail}`,
    }
  } else {
    result = {
      ...base,
      action: 'HOLD',
      params: {},
      followUps: [],
      rule: null,
      fired,
      notEvaluated,
      explanation: `No rule's condition was true, so the default is HOLD (no rule recommends it).${tail}`,
    }
  }
  const used = [...ctx.used.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { ...result, signals: Object.fromEntries(used), parameters: ctx.params }
}
