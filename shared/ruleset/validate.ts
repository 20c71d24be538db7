import type { z } from 'zod'
import {
  ACTION_PARAMS,
  COMPARISON_OPS,
  MAX_ID_CHARS,
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

/**
 * Deepest nesting of objects and arrays in a document. A condition inside a `not` is one level
 * deeper, inside an `and` two, so this allows about 30 levels of conditions; the checks below
 * recurse, and 2,000 levels overflowed the stack.
 */
export const MAX_DEPTH = 64
/** Largest document, counting the characters of its keys, texts and numbers. */
export const MAX_RULESET_CHARS = 1_000_000
/** Problems listed; a last entry counts the others. */
export const MAX_LISTED_ERRORS = 100
/** Names listed in a message such as "parameters: a, b, c". */
const MAX_LISTED_NAMES = 20
/** Longest message: room for the list of known signals (700 characters) and a quoted id. */
const MAX_MESSAGE_CHARS = 2_000

const ORDERING = new Set<string>(['<', '<=', '>', '>='])

/** An id or key as typed, cut so that a 1 MB id does not make a 1 MB message. */
const clip = (text: string, max = MAX_ID_CHARS): string =>
  text.length > max ? `${text.slice(0, max)}…` : text

/** At most MAX_LISTED_NAMES names, then how many more. */
function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none'
  const shown = names.slice(0, MAX_LISTED_NAMES).join(', ')
  const more = names.length - MAX_LISTED_NAMES
  return more > 0 ? `${shown} and ${more} more` : shown
}

/** "rule \"close-call\"" for paths under rules[i], "predicate \"x\"" under predicates.x. */
function owner(json: unknown, path: Path): { label: string; rest: Path } {
  const [head, key, ...rest] = path
  if (head === 'rules' && typeof key === 'number') {
    const rules = (json as { rules?: unknown } | null)?.rules
    const id = Array.isArray(rules) ? (rules[key] as { id?: unknown } | undefined)?.id : undefined
    const label = typeof id === 'string' && id ? `rule "${clip(id)}"` : `rules[${key}] (no id)`
    return { label, rest }
  }
  if (head === 'predicates' && key !== undefined)
    return { label: `predicate "${clip(String(key))}"`, rest }
  if (head === 'parameters' && key !== undefined)
    return { label: `parameter "${clip(String(key))}"`, rest }
  return { label: 'ruleset', rest: path }
}

function error(json: unknown, path: Path, message: string): RulesetError {
  const { label, rest } = owner(json, path)
  const at = (p: Path) => p.map((k) => clip(String(k))).join('.')
  const field = rest.length ? `${at(rest)}: ` : ''
  return {
    path: at(path) || '(root)',
    message: clip(`${label}: ${field}${message}`, MAX_MESSAGE_CHARS),
  }
}

function fromZod(json: unknown, issues: z.core.$ZodIssue[]): RulesetError[] {
  return issues.map((iss) => {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol')
    // A bad key of a record (a parameter or predicate name) says why, not just "Invalid key".
    const message = (iss.code === 'invalid_key' && iss.issues[0]?.message) || iss.message
    return error(json, path, message)
  })
}

/**
 * The first place where the document is nested deeper than MAX_DEPTH or has grown past
 * MAX_RULESET_CHARS, found without recursion and stopping there, or null. Runs before the
 * schema, whose checks recurse into conditions.
 */
function tooBig(json: unknown): RulesetError | null {
  const stack: { value: unknown; depth: number; path: Path }[] = [
    { value: json, depth: 0, path: [] },
  ]
  let chars = 0
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!
    if (typeof value === 'string') chars += value.length + 2
    else if (typeof value !== 'object' || value === null) chars += 8
    else if (depth >= MAX_DEPTH) {
      // Reported at the rule's or predicate's condition, not 64 levels further in.
      return error(
        json,
        path.slice(0, 3),
        `nested more than ${MAX_DEPTH} levels deep; name the inner conditions as predicates and use {"op": "ref", "predicate": name}`,
      )
    } else {
      chars += 2
      const entries = Array.isArray(value) ? value.entries() : Object.entries(value)
      for (const [key, v] of entries) {
        chars += typeof key === 'string' ? key.length + 3 : 1
        // Only the first three keys are ever reported (rules.0.condition).
        stack.push({ value: v, depth: depth + 1, path: depth < 3 ? [...path, key] : path })
      }
    }
    if (chars > MAX_RULESET_CHARS)
      return error(
        json,
        [],
        `too large: over ${MAX_RULESET_CHARS.toLocaleString('en-US')} characters`,
      )
  }
  return null
}

/** The first MAX_LISTED_ERRORS errors, and a last entry saying how many more there are. */
function capped(errors: RulesetError[]): RulesetError[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors
  const more = errors.length - MAX_LISTED_ERRORS
  return [
    ...errors.slice(0, MAX_LISTED_ERRORS),
    {
      path: '(root)',
      message: `ruleset: ${more} more ${more === 1 ? 'problem' : 'problems'} not listed`,
    },
  ]
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
        ? `unknown signal "${clip(id)}"; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
        : `unknown signal "${clip(id)}"; known signals: ${KNOWN_SIGNAL_IDS.join(', ')}`,
    )
    return null
  }

  // Own keys only: "toString" or "constructor" is no parameter or predicate of the ruleset.
  private param(name: string): Ruleset['parameters'][string] | undefined {
    return Object.hasOwn(this.r.parameters, name) ? this.r.parameters[name] : undefined
  }

  private predicate(name: string): Ruleset['predicates'][string] | undefined {
    return Object.hasOwn(this.r.predicates, name) ? this.r.predicates[name] : undefined
  }

  private paramKind(name: string, path: Path): SignalKind | null {
    const p = this.param(name)
    if (p) return p.type
    const known = Object.keys(this.r.parameters)
    this.add(path, `unknown parameter "${clip(name)}"; parameters: ${listNames(known)}`)
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
        if (!this.predicate(c.predicate)) {
          const known = Object.keys(this.r.predicates)
          this.add(
            [...path, 'predicate'],
            `unknown predicate "${clip(c.predicate)}"; predicates: ${listNames(known)}`,
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
    return this.paramKind(name, path) ? this.param(name)?.default : undefined
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
    const refs = (c: Condition, out: string[]): string[] => {
      switch (c.op) {
        case 'ref':
          out.push(c.predicate)
          break
        case 'and':
        case 'or':
          for (const part of c.conditions) refs(part, out)
          break
        case 'not':
          refs(c.condition, out)
          break
        default:
          break
      }
      return out
    }
    const names = Object.keys(this.r.predicates)
    const circular = namesOnCycles(names, (n) => refs(this.predicate(n)!.condition, []))
    for (const name of names)
      if (circular.has(name))
        this.add(['predicates', name, 'condition'], 'refers back to itself through "ref"')
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
  const big = tooBig(json)
  if (big) return { ok: false, errors: [big] }
  const parsed = RulesetSchema.safeParse(json)
  if (!parsed.success) return { ok: false, errors: capped(fromZod(json, parsed.error.issues)) }
  const ruleset = parsed.data
  const checker = new Checker(ruleset, json)
  checker.parameters()
  for (const [name, p] of Object.entries(ruleset.predicates))
    checker.condition(p.condition, ['predicates', name, 'condition'])
  checker.predicateCycles()
  checker.rules()
  return checker.errors.length
    ? { ok: false, errors: capped(checker.errors) }
    : { ok: true, ruleset }
}

/** The errors as one line, for a CLI or a log. */
export function formatRulesetErrors(errors: RulesetError[]): string {
  return errors.map((e) => e.message).join('; ')
}

/**
 * The names that reach themselves by following `next`: those in a strongly connected component
 * of more than one, or that name themselves (Tarjan's algorithm, without recursion). `next` is
 * called once per name, so the work is linear in names and references; the former search from
 * every name was quadratic (4,000 predicates in a chain took 0.8 s).
 *
 * @example namesOnCycles(['a', 'b', 'c'], (n) => ({ a: ['b'], b: ['a'], c: ['a'] })[n]!) // {a, b}
 */
export function namesOnCycles(
  names: readonly string[],
  next: (name: string) => readonly string[],
): Set<string> {
  const edges = new Map(names.map((n) => [n, next(n)]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const open: string[] = []
  const isOpen = new Set<string>()
  const onCycle = new Set<string>()
  const visit = (n: string) => {
    index.set(n, index.size)
    low.set(n, index.get(n)!)
    open.push(n)
    isOpen.add(n)
  }
  for (const root of names) {
    if (index.has(root)) continue
    visit(root)
    const work = [{ node: root, next: 0 }]
    while (work.length > 0) {
      const top = work[work.length - 1]!
      const out = edges.get(top.node) ?? []
      if (top.next < out.length) {
        const to = out[top.next++]!
        if (!edges.has(to)) continue
        if (!index.has(to)) {
          visit(to)
          work.push({ node: to, next: 0 })
        } else if (isOpen.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!))
      if (low.get(top.node) !== index.get(top.node)) continue
      const component: string[] = []
      let n: string
      do {
        n = open.pop()!
        isOpen.delete(n)
        component.push(n)
      } while (n !== top.node)
      if (component.length > 1 || out.includes(top.node)) for (const c of component) onCycle.add(c)
    }
  }
  return onCycle
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

/**
 * The known ids within a third of the unknown one's length in edits (closest first, at most 3).
 * Ids whose lengths differ by more than that are skipped unmeasured, so the work is bounded by
 * the longest known id however long the unknown one is (a 1M-character id took 5.7 s).
 */
function nearestIds(id: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(id.length / 3))
  return known
    .filter((k) => Math.abs(k.length - id.length) <= limit)
    .map((k) => ({ k, d: editDistance(id, k) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k)
}
