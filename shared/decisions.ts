import { z } from 'zod'
import { isIsoDate } from './dates.ts'
import { ADJUSTMENT_KINDS, LEG_ROLES } from './domain.ts'
import { parseE4 } from './money.ts'
import { ACTIONS, type ActionId } from './ruleset/schema.ts'
import type { Evaluation as RulesetEvaluation } from './ruleset/evaluate.ts'
import { DISCRETIONARY_FLAGS, type FlagId, type SignalValue } from './signals.ts'

export { DISCRETIONARY_FLAGS, type FlagId }

/**
 * Decisions and adjustments over the contract. The renderer sends the *inputs* of a decision
 * (date, live values, leg marks, discretionary flags, ruleset); the core computes the signal
 * snapshot and the recommendation itself — when evaluating and again when logging — so a stored
 * decision always matches the ruleset version and the data it names.
 */
export { ACTIONS }
export type Action = ActionId

export type Tri = 'yes' | 'no' | 'unknown'

/** Model assumptions for position greeks and IVs; recorded with every snapshot. */
export const MODEL_RATE = 0.04
export const MODEL_DIV = 0.013

const positive = z.number().finite().positive().max(1e7)
const isoDate = z.string().max(10).refine(isIsoDate, { message: 'Must be a date (YYYY-MM-DD)' })

export const DecisionInputsSchema = z.strictObject({
  positionId: z.number().int().positive(),
  date: isoDate,
  rulesetId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'Unknown ruleset id' }),
  /** Omitted = the latest version. */
  rulesetVersion: z.number().int().positive().optional(),
  live: z
    .strictObject({
      spot: positive.optional(),
      vix: positive.optional(),
      vix9d: positive.optional(),
      vix3m: positive.optional(),
      vx1: positive.optional(),
      vx2: positive.optional(),
      vx3: positive.optional(),
    })
    .default({}),
  /** Mid price per share of each open leg, keyed by leg id. */
  marks: z
    .record(z.string().regex(/^\d{1,12}$/), z.number().finite().nonnegative().max(1e6))
    .default({}),
  /** Implied volatility (decimal) for legs without a mark. */
  iv: z.number().finite().min(0.01).max(5).optional(),
  flags: z
    .partialRecord(
      z.enum(DISCRETIONARY_FLAGS.map((f) => f.id) as [FlagId, ...FlagId[]]),
      z.enum(['yes', 'no', 'unknown']),
    )
    .default({}),
})
export type DecisionInputs = z.input<typeof DecisionInputsSchema>
export type DecisionInputsParsed = z.output<typeof DecisionInputsSchema>

/** Everything a decision was based on, frozen in the decision record. */
export interface DecisionSnapshot {
  date: string
  session: string
  inputs: DecisionInputsParsed & { rate: number; div: number }
  values: Record<string, SignalValue>
  missing: Record<string, string>
  notes: string[]
}

/** The evaluation result of a ruleset (shared/ruleset/evaluate.ts), stored with the decision. */
export type Recommendation = RulesetEvaluation

export interface Evaluation {
  snapshot: DecisionSnapshot
  ruleset: { id: string; version: number; name: string }
  recommendation: Recommendation
}

const decimal = (label: string) =>
  z
    .string()
    .max(24)
    .refine((s) => parseE4(s) !== null && (parseE4(s) ?? -1) >= 0, {
      message: `${label} must be a number ≥ 0 with at most 4 decimals`,
    })

export const LegCloseSchema = z.strictObject({
  legId: z.number().int().positive(),
  /** Contracts closed (always positive; the side follows from the leg). */
  quantity: z.number().int().positive().max(100_000),
  /** Price per share. */
  price: decimal('Price'),
})

export const LegOpenSchema = z.strictObject({
  role: z.enum(LEG_ROLES),
  instrumentType: z.enum(['option', 'future']),
  root: z.string().regex(/^[A-Z]{1,6}$/, { message: 'Root like SPXW, VIX or VX' }),
  optionType: z.enum(['call', 'put']).optional(),
  strike: decimal('Strike').optional(),
  expiration: isoDate,
  /** Signed contracts: + buy to open, − sell to open. */
  quantity: z
    .number()
    .int()
    .refine((q) => q !== 0 && Math.abs(q) <= 100_000, {
      message: 'Quantity must be a non-zero whole number',
    }),
  /** Per-contract multiplier; defaults from the root (VX futures 1000, options 100). */
  multiplier: z.number().int().positive().max(100_000).optional(),
  price: decimal('Price'),
  /** Roll lineage: the leg this one replaces. */
  replacesLegId: z.number().int().positive().optional(),
  /** Hedge legs: 'new' starts the next layer, a number joins that layer. */
  hedgeLayer: z.union([z.literal('new'), z.number().int().positive()]).optional(),
})

export const LogAdjustmentSchema = z.strictObject({
  kind: z.enum(
    ADJUSTMENT_KINDS.filter((k) => k !== 'open') as [
      Exclude<(typeof ADJUSTMENT_KINDS)[number], 'open'>,
    ],
  ),
  /** New York date and time of the fills. */
  occurredOn: isoDate,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Time as HH:MM (New York)' })
    .default('16:00'),
  closes: z.array(LegCloseSchema).max(40).default([]),
  opens: z.array(LegOpenSchema).max(40).default([]),
  fees: decimal('Fees').default('0'),
  note: z.string().max(4000).default(''),
  /** The position, when the trade is recorded without a decision (a plain close). */
  positionId: z.number().int().positive().optional(),
  /** The decision behind the trade; omitted for a close or expiry recorded without Evaluate. */
  decision: z
    .strictObject({
      inputs: DecisionInputsSchema,
      actionTaken: z.enum(ACTIONS),
      /** Required when the action differs from the recommendation. */
      reason: z.string().trim().max(4000).default(''),
    })
    .optional(),
})
export type LogAdjustmentInput = z.input<typeof LogAdjustmentSchema>
export type LogAdjustment = z.output<typeof LogAdjustmentSchema>

/** A stored decision as the timeline shows it. */
export interface DecisionRecord {
  id: number
  positionId: number
  adjustmentId: number | null
  decidedAt: string
  snapshot: DecisionSnapshot
  rulesetId: string
  rulesetVersion: number
  recommendation: Recommendation
  recommendedAction: Action
  actionTaken: Action
  followed: boolean
  reason: string
  correctsDecisionId: number | null
  createdAt: string
}
