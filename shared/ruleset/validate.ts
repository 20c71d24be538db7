import type { z } from 'zod'
import {
  ACTION_PARAMS,
  COMPARISON_OPS,
  RulesetSchema,
  type ActionSpec,
  type Condition,
  type Operand,
  type Ruleset,
} from './schema.ts'
import { KNOWN_SIGNAL_IDS, SIGNAL_CATALOG, type SignalKind } from './signalCatalog.ts'
import { placeholders } from './template.ts'

/** One problem: where (`rules.2.condition.left`) and a message naming the rule and field. */
export interface RulesetError {
  path: string
  message: string
}

export type ValidationResult =
  { ok: true; ruleset: Ruleset } | { ok: false; errors: RulesetError[] }

type Path = (string | number)[]

const ORDERING = new Set<string>(['<', '<=', '>', '>='])

/** "rule \"close-call\"" for paths under rules[i], "predicate \"x\"" under predicates.x. */
function owner(json: unknown, path: Path): { label: string; rest: Path } {
  const [head, key, ...rest] = path
  if (head === 'rules' && typeof key === 'number') {
    const rules = (json as { rules?: unknown } | null)?.rules
    const id = Array.isArray(rules) ? (rules[key] as { id?: unknown } | undefined)?.id : undefined
    const label = typeof id === 'string' && id ? `rule "${id}"` : `rules[${key}] (no id)`
    return { label, rest }
  }
  if (head === 'predicates' && key !== undefined) return { label: `predicate "${key}"`, rest }
  if (head === 'parameters' && key !== undefined) return { label: `parameter "${key}"`, rest }
  return { label: 'ruleset', rest: path }
}

function error(json: unknown, path: Path, message: string): RulesetError {
  const { label, rest } = owner(json, path)
  const field = rest.length ? `${rest.join('.')}: ` : ''
  return { path: path.join('.') || '(root)', message: `${label}: ${field}${message}` }
}

function fromZod(json: unknown, issues: z.core.$ZodIssue[]): RulesetError[] {
  return issues.map((iss) => {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol')
    return error(json, path, iss.message)
  })
}

/** The semantic checks: everything the shape alone cannot say. */
class Checker {
  readonly errors: RulesetError[] = []
  private readonly r: Ruleset
  private readonly json: unknown

  constructor(r: Ruleset, json: unknown) {
    this.r = r
    this.json = json
  }

  private add(path: Path, message: string): void {
    this.errors.push(error(this.json, path, message))
  }

  private signalKind(id: string, path: Path): SignalKind | null {
    const s = SIGNAL_CATALOG.get(id)
    if (s) return s.kind
    const near = nearestIds(id, KNOWN_SIGNAL_IDS)
    this.add(
      path,
      near.length
        ? `unknown signal "${id}"; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
        : `unknown signal "${id}"; known signals: ${KNOWN_SIGNAL_IDS.join(', ')}`,
    )
    return null
  }

  private paramKind(name: string, path: Path): SignalKind | null {
    const p = this.r.parameters[name]
    if (p) return p.type
    const known = Object.keys(this.r.parameters)
    this.add(path, `unknown parameter "${name}"; parameters: ${known.join(', ') || 'none'}`)
    return null
  }

  /** The kind of value an operand yields, or null when it is broken (already reported). */
  private operandKind(o: Operand, path: Path): SignalKind | null {
    if (typeof o === 'number') return 'number'
    if (typeof o === 'boolean') return 'boolean'
    if ('param' in o) return this.paramKind(o.param, [...path, 'param'])
    if ('signal' in o) return this.signalKind(o.signal, [...path, 'signal'])
    const kinds = o.first_available.map((id, i) =>
      this.signalKind(id, [...path, 'first_available', i]),
    )
    const distinct = new Set(kinds.filter((k) => k !== null))
    if (distinct.size > 1) {
      this.add([...path, 'first_available'], 'mixes number and yes/no signals')
      return null
    }
    return kinds.includes(null) ? null : (kinds[0] ?? null)
  }

  condition(c: Condition, path: Path): void {
    switch (c.op) {
      case 'between':
        for (const k of ['value', 'min', 'max'] as const) {
          const kind = this.operandKind(c[k], [...path, k])
          if (kind === 'boolean') this.add([...path, k], '"between" needs numbers, not yes/no')
        }
        return
      case 'and':
      case 'or':
        c.conditions.forEach((part, i) => this.condition(part, [...path, 'conditions', i]))
        return
      case 'not':
        this.condition(c.condition, [...path, 'condition'])
        return
      case 'is_missing':
        this.operandKind(c.value, [...path, 'value'])
        if (typeof c.value !== 'object' || 'param' in c.value)
          this.add([...path, 'value'], '"is_missing" needs a signal or first_available')
        return
      case 'ref':
        if (!this.r.predicates[c.predicate]) {
          const known = Object.keys(this.r.predicates)
          this.add(
            [...path, 'predicate'],
            `unknown predicate "${c.predicate}"; predicates: ${known.join(', ') || 'none'}`,
          )
        }
        return
      case 'always':
        return
      default: {
        if (!(COMPARISON_OPS as readonly string[]).includes(c.op)) return
        const left = this.operandKind(c.left, [...path, 'left'])
        const right = this.operandKind(c.right, [...path, 'right'])
        if (ORDERING.has(c.op)) {
          if (left === 'boolean')
            this.add([...path, 'left'], `"${c.op}" needs a number, not yes/no`)
          if (right === 'boolean')
            this.add([...path, 'right'], `"${c.op}" needs a number, not yes/no`)
        } else if (left && right && left !== right) {
          this.add(path, `"${c.op}" compares a ${left} with a ${right}`)
        }
      }
    }
  }

  action(a: ActionSpec, path: Path): void {
    const wanted = ACTION_PARAMS[a.type]
    const given = a.params ?? {}
    for (const key of wanted)
      if (!(key in given)) this.add([...path, 'params', key], `${a.type} needs "${key}"`)
    const numbers: Record<string, number> = {}
    for (const [key, v] of Object.entries(given)) {
      const at = [...path, 'params', key]
      if (!wanted.includes(key)) {
        this.add(at, `${a.type} takes ${wanted.length ? wanted.join(', ') : 'no parameters'}`)
        continue
      }
      const value = typeof v === 'object' ? this.valueOfParam(v.param, [...at, 'param']) : v
      if (value === undefined) continue
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
        this.add(at, `must be a whole number of days ≥ 1, got ${JSON.stringify(value)}`)
      else numbers[key] = value
    }
    const { minDays, maxDays } = numbers
    if (minDays !== undefined && maxDays !== undefined && minDays > maxDays)
      this.add([...path, 'params'], `minDays (${minDays}) is above maxDays (${maxDays})`)
  }

  private valueOfParam(name: string, path: Path): number | boolean | undefined {
    return this.paramKind(name, path) ? this.r.parameters[name]?.default : undefined
  }

  template(text: string, path: Path): void {
    for (const p of placeholders(text)) {
      if (p.kind === 'param') this.paramKind(p.name, path)
      else for (const id of p.ids) this.signalKind(id, path)
    }
  }

  parameters(): void {
    for (const [name, p] of Object.entries(this.r.parameters)) {
      const at = ['parameters', name]
      if (typeof p.default !== p.type) {
        this.add([...at, 'default'], `must be a ${p.type}, got ${JSON.stringify(p.default)}`)
        continue
      }
      if ((p.min !== undefined || p.max !== undefined) && p.type !== 'number')
        this.add(at, 'min and max apply to number parameters only')
      if (typeof p.default === 'number') {
        if (p.min !== undefined && p.default < p.min)
          this.add([...at, 'default'], `${p.default} is below min ${p.min}`)
        if (p.max !== undefined && p.default > p.max)
          this.add([...at, 'default'], `${p.default} is above max ${p.max}`)
      }
    }
  }

  /** A predicate that reaches itself through refs would never finish. */
  predicateCycles(): void {
    const refs = (c: Condition): string[] => {
      switch (c.op) {
        case 'ref':
          return [c.predicate]
        case 'and':
        case 'or':
          return c.conditions.flatMap(refs)
        case 'not':
          return refs(c.condition)
        default:
          return []
      }
    }
    for (const start of Object.keys(this.r.predicates)) {
      const seen = new Set<string>()
      const queue = refs(this.r.predicates[start]?.condition ?? { op: 'always' })
      while (queue.length) {
        const name = queue.shift() as string
        if (name === start) {
          this.add(['predicates', start, 'condition'], 'refers back to itself through "ref"')
          break
        }
        if (seen.has(name)) continue
        seen.add(name)
        const next = this.r.predicates[name]
        if (next) queue.push(...refs(next.condition))
      }
    }
  }

  rules(): void {
    const ids = new Map<string, number>()
    const priorities = new Map<number, string>()
    this.r.rules.forEach((rule, i) => {
      const at: Path = ['rules', i]
      const sameId = ids.get(rule.id)
      if (sameId !== undefined) this.add([...at, 'id'], `duplicate rule id (also rules[${sameId}])`)
      else ids.set(rule.id, i)
      const samePriority = priorities.get(rule.priority)
      if (samePriority !== undefined)
        this.add(
          [...at, 'priority'],
          `duplicate priority ${rule.priority} (also rule "${samePriority}"); the order would be ambiguous`,
        )
      else priorities.set(rule.priority, rule.id)
      this.condition(rule.condition, [...at, 'condition'])
      this.action(rule.action, [...at, 'action'])
      rule.followUps?.forEach((f, j) => this.action(f, [...at, 'followUps', j]))
      this.template(rule.explanation, [...at, 'explanation'])
    })
  }
}

/**
 * Checks a ruleset document: its shape (schema.ts), then the references and types no schema
 * can see: known signal ids, declared parameters and predicates, unique rule ids and priorities,
 * action parameters, kinds compared consistently. Every message names the rule and field.
 */
export function validateRuleset(json: unknown): ValidationResult {
  const parsed = RulesetSchema.safeParse(json)
  if (!parsed.success) return { ok: false, errors: fromZod(json, parsed.error.issues) }
  const ruleset = parsed.data
  const checker = new Checker(ruleset, json)
  checker.parameters()
  for (const [name, p] of Object.entries(ruleset.predicates))
    checker.condition(p.condition, ['predicates', name, 'condition'])
  checker.predicateCycles()
  checker.rules()
  return checker.errors.length ? { ok: false, errors: checker.errors } : { ok: true, ruleset }
}

/** The errors as one line, for a CLI or a log. */
export function formatRulesetErrors(errors: RulesetError[]): string {
  return errors.map((e) => e.message).join('; ')
}

/** Levenshtein distance, for "did you mean" hints on misspelled ids. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    prev = row
  }
  return prev[b.length]!
}

/** The known ids within a third of the unknown one's length in edits (closest first, at most 3). */
function nearestIds(id: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(id.length / 3))
  return known
    .map((k) => ({ k, d: editDistance(id, k) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k)
}
