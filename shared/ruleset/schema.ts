import { z } from 'zod'

/**
 * The ruleset JSON format (PRODUCT.md, "Decision engine"). A ruleset is data: named
 * parameters, named predicates (reusable conditions such as "the call side is tested") and
 * rules tried in priority order. This module only describes the shape; `validate.ts` adds the
 * checks that need the whole document (known signals, parameter references, duplicates).
 *
 * @example
 * {
 *   "id": "mechanical-wing", "name": "Mechanical wing", "version": 1, "description": "…",
 *   "parameters": { "close_threshold": { "type": "number", "default": 0.8, "description": "…" } },
 *   "rules": [{
 *     "id": "close-call", "priority": 10, "description": "…",
 *     "condition": { "op": ">=", "left": { "signal": "call_wing_penetration" },
 *                    "right": { "param": "close_threshold" } },
 *     "action": { "type": "CLOSE_CALL_SPREAD" },
 *     "explanation": "{call_wing_penetration} ≥ {param.close_threshold}"
 *   }]
 * }
 */

/** Every action a rule may recommend (PRODUCT.md, "Decision engine"). */
export const ACTIONS = [
  'HOLD',
  'CLOSE_CALL_SPREAD',
  'CLOSE_PUT_SPREAD',
  'CLOSE_ALL',
  'ROLL_OUT',
  'ROLL_UP_CALL',
  'ROLL_DOWN_PUT',
  'ADD_HEDGE_LAYER',
  'ADJUST_HEDGE_LAYER',
  'TIME_SHIFT_HEDGE',
  'REMOVE_HEDGE_LAYER',
] as const
export type ActionId = (typeof ACTIONS)[number]

/**
 * The parameters each action takes, all required. ROLL_OUT's window is in calendar days; the
 * other actions carry their specifics in the free-text `note`.
 */
export const ACTION_PARAMS: Record<ActionId, readonly string[]> = {
  HOLD: [],
  CLOSE_CALL_SPREAD: [],
  CLOSE_PUT_SPREAD: [],
  CLOSE_ALL: [],
  ROLL_OUT: ['minDays', 'maxDays'],
  ROLL_UP_CALL: [],
  ROLL_DOWN_PUT: [],
  ADD_HEDGE_LAYER: [],
  ADJUST_HEDGE_LAYER: [],
  TIME_SHIFT_HEDGE: [],
  REMOVE_HEDGE_LAYER: [],
}

export const COMPARISON_OPS = ['<', '<=', '>', '>=', '==', '!='] as const
export type ComparisonOp = (typeof COMPARISON_OPS)[number]

/** A value inside a condition: a literal, a signal, a parameter, or the first present signal. */
export type Operand =
  number | boolean | { signal: string } | { param: string } | { first_available: string[] }

export type Condition =
  | { op: ComparisonOp; left: Operand; right: Operand }
  /** min ≤ value ≤ max, both ends inclusive. */
  | { op: 'between'; value: Operand; min: Operand; max: Operand }
  | { op: 'and'; conditions: Condition[] }
  | { op: 'or'; conditions: Condition[] }
  | { op: 'not'; condition: Condition }
  /** True when the value is missing; the only operator that is never unknown. */
  | { op: 'is_missing'; value: Operand }
  /** A named predicate of the ruleset. */
  | { op: 'ref'; predicate: string }
  /** Always true: for a catch-all rule. */
  | { op: 'always' }

/** An action parameter: a literal or a reference to a ruleset parameter. */
export type ActionParamValue = number | boolean | string | { param: string }

export interface ActionSpec {
  type: ActionId
  params?: Record<string, ActionParamValue>
  /** What exactly to do, for the trader ("front-month VIX call spread"). */
  note?: string
}

export interface Parameter {
  type: 'number' | 'boolean'
  default: number | boolean
  description: string
  min?: number
  max?: number
}

export interface Predicate {
  description: string
  condition: Condition
}

export interface Rule {
  id: string
  priority: number
  /** Quotes the methodology sentence the rule encodes. */
  description: string
  condition: Condition
  action: ActionSpec
  followUps?: ActionSpec[]
  /**
   * Shown when the rule wins. `{signal_id}` is the signal's value, `{param.name}` a parameter,
   * `{a|b}` the first present of signals a, b.
   */
  explanation: string
}

export interface Ruleset {
  id: string
  name: string
  version: number
  description: string
  parameters: Record<string, Parameter>
  predicates: Record<string, Predicate>
  rules: Rule[]
}

/**
 * Longest id or name: ruleset and rule ids, parameter and predicate names, signal ids and the
 * references to them. The journal stores ruleset ids of at most 64 characters; no signal id
 * comes close.
 */
export const MAX_ID_CHARS = 64
/** Longest ruleset name, as the journal stores it. */
export const MAX_NAME_CHARS = 100

const ID_RE = /^[a-z0-9][a-z0-9_-]*$/
const NAME_RE = /^[a-z][a-z0-9_]*$/
const idError = 'must be lower-case letters, digits, "-" or "_", starting with a letter or digit'
const nameError = 'must be lower-case letters, digits or "_", starting with a letter'
const tooLong = `is at most ${MAX_ID_CHARS} characters`

/** An id or name of at most MAX_ID_CHARS characters; `what` opens the message. */
const ref = (what: string) =>
  z.string({ error: `${what} must be text` }).max(MAX_ID_CHARS, `${what} ${tooLong}`)

/** An input quoted in a message, cut so that a huge one does not make a huge message. */
const quoted = (input: unknown): string => {
  const text = JSON.stringify(input) ?? String(input)
  return text.length > MAX_ID_CHARS ? `${text.slice(0, MAX_ID_CHARS)}…` : text
}

const text = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1)

const OperandSchema: z.ZodType<Operand> = z.union(
  [
    z.number(),
    z.boolean(),
    z.strictObject({ signal: ref('a signal id') }),
    z.strictObject({ param: ref('a parameter name') }),
    z.strictObject({ first_available: z.array(ref('a signal id')).min(1) }),
  ],
  {
    error:
      'expected a number, true/false, {"signal": id}, {"param": name} or {"first_available": [ids]}',
  },
)

const OPS = [...COMPARISON_OPS, 'between', 'and', 'or', 'not', 'is_missing', 'ref', 'always']

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion(
    'op',
    [
      z.strictObject({ op: z.enum(COMPARISON_OPS), left: OperandSchema, right: OperandSchema }),
      z.strictObject({
        op: z.literal('between'),
        value: OperandSchema,
        min: OperandSchema,
        max: OperandSchema,
      }),
      z.strictObject({ op: z.literal('and'), conditions: z.array(ConditionSchema).min(1) }),
      z.strictObject({ op: z.literal('or'), conditions: z.array(ConditionSchema).min(1) }),
      z.strictObject({ op: z.literal('not'), condition: ConditionSchema }),
      z.strictObject({ op: z.literal('is_missing'), value: OperandSchema }),
      z.strictObject({ op: z.literal('ref'), predicate: ref('a predicate name') }),
      z.strictObject({ op: z.literal('always') }),
    ],
    { error: `op must be one of ${OPS.join(', ')}` },
  ),
)

export const ActionSpecSchema: z.ZodType<ActionSpec> = z.strictObject({
  type: z.enum(ACTIONS, {
    error: (iss) => `unknown action ${quoted(iss.input)}; actions: ${ACTIONS.join(', ')}`,
  }),
  params: z
    .record(
      ref('an action parameter'),
      z.union(
        [z.number(), z.boolean(), z.string(), z.strictObject({ param: ref('a parameter name') })],
        {
          error: 'an action parameter is a number, true/false, text or {"param": name}',
        },
      ),
    )
    .optional(),
  note: z.string().optional(),
})

export const ParameterSchema: z.ZodType<Parameter> = z.strictObject({
  type: z.enum(['number', 'boolean'], { error: 'type must be "number" or "boolean"' }),
  default: z.union([z.number(), z.boolean()], { error: 'default must be a number or true/false' }),
  description: text('description'),
  min: z.number().optional(),
  max: z.number().optional(),
})

export const PredicateSchema: z.ZodType<Predicate> = z.strictObject({
  description: text('description'),
  condition: ConditionSchema,
})

export const RuleSchema: z.ZodType<Rule> = z.strictObject({
  id: ref('a rule id').regex(ID_RE, idError),
  priority: z.number().int('priority must be a whole number'),
  description: text('description'),
  condition: ConditionSchema,
  action: ActionSpecSchema,
  followUps: z.array(ActionSpecSchema).optional(),
  explanation: text('explanation'),
})

export const RulesetSchema: z.ZodType<Ruleset> = z.strictObject({
  id: ref('a ruleset id').regex(ID_RE, idError),
  name: text('name').max(MAX_NAME_CHARS, `name is at most ${MAX_NAME_CHARS} characters`),
  version: z.number().int().min(1, 'version must be 1 or more'),
  description: text('description'),
  parameters: z
    .record(
      ref('a parameter name').regex(NAME_RE, `a parameter name ${nameError}`),
      ParameterSchema,
    )
    .default({}),
  predicates: z
    .record(
      ref('a predicate name').regex(NAME_RE, `a predicate name ${nameError}`),
      PredicateSchema,
    )
    .default({}),
  rules: z.array(RuleSchema).min(1, 'a ruleset needs at least one rule'),
})
