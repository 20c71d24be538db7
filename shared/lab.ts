import { z } from 'zod'
import { isIsoDate } from './dates.ts'
import type { IsoDate } from './domain.ts'
import { parseE4 } from './money.ts'
import type { GroupMetrics } from './review/metrics.ts'
import type { ActionId } from './ruleset/schema.ts'
import { DISCRETIONARY_FLAGS, type FlagId } from './signals.ts'

/**
 * The methodology lab (issue 14): rulesets replayed over the bundled history on standard iron
 * condors opened on a schedule, every price a model value. These are the run parameters and the
 * results as the contract, the CLI's JSON and the Lab page carry them.
 *
 * Money: every `…E4` field is dollars × 10⁴ (exact integers, shared/money.ts) for the whole
 * position (per-share price × 100 × quantity) unless it says "per share".
 *
 * Defaults (also in the README):
 * - entry every 5 NYSE sessions, 45 days to expiry (the listed SPX expiry nearest to it),
 *   short strikes at 0.16 delta, wings 50 points, 1 contract per leg;
 * - commission $1.25 per contract per fill (a broker's ≈ $0.65 plus Cboe's SPX fees);
 * - slippage $0.05 per share per leg on every fill (opening, closing, rolling), paid against us.
 * Holding to expiry costs no commission or slippage at settlement (cash-settled).
 */

/** Shown next to every lab figure. */
export const LAB_MODEL_LABEL = 'model prices, not historical option quotes'

/** A ruleset id the lab always knows: no rules, so every day is HOLD (the baseline). */
export const HOLD_TO_EXPIRY_ID = 'hold-to-expiry'

export const LAB_DEFAULTS = {
  entryEvery: 5,
  targetDte: 45,
  shortDelta: 0.16,
  wingWidth: 50,
  quantity: 1,
  commissionPerContract: '1.25',
  slippagePerLeg: '0.05',
} as const

export const TRI_STATES = ['yes', 'no', 'unknown'] as const
export type TriState = (typeof TRI_STATES)[number]

const IsoDateSchema = z
  .string()
  .max(10)
  .refine(isIsoDate, { message: 'Must be a date (YYYY-MM-DD)' })
const RulesetIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'Unknown ruleset id' })
const Dollars = (label: string) =>
  z
    .string()
    .max(12)
    .refine((s) => {
      const v = parseE4(s)
      return v !== null && v >= 0 && v <= 1_000_000
    }, `${label} must be a number of dollars ≥ 0 (at most 4 decimals, at most 100)`)

export const LabRunSchema = z
  .strictObject({
    /** 1–4 rulesets to compare; a missing version = the latest. `hold-to-expiry` is built in. */
    rulesets: z
      .array(
        z.strictObject({
          id: RulesetIdSchema,
          version: z.number().int().positive().optional(),
        }),
      )
      .min(1, { message: 'Pick at least one ruleset' })
      .max(4, { message: 'At most 4 rulesets side by side' }),
    /** First entry date (default: the first session with SPX and VIX history). */
    from: IsoDateSchema.optional(),
    /** Last day of the replay (default: the end of the stored SPX history). */
    to: IsoDateSchema.optional(),
    /** A new condor every N NYSE sessions. */
    entryEvery: z.number().int().min(1).max(250).default(LAB_DEFAULTS.entryEvery),
    /** Calendar days to expiry aimed at; the nearest listed SPX expiry is used. */
    targetDte: z.number().int().min(7).max(365).default(LAB_DEFAULTS.targetDte),
    /** |delta| of the short strikes at entry. */
    shortDelta: z.number().min(0.01).max(0.5).default(LAB_DEFAULTS.shortDelta),
    /** Points between each short strike and its long wing (multiple of 5). */
    wingWidth: z
      .number()
      .int()
      .min(5)
      .max(500)
      .refine((w) => w % 5 === 0, { message: 'SPX strikes are 5 points apart' })
      .default(LAB_DEFAULTS.wingWidth),
    quantity: z.number().int().min(1).max(100).default(LAB_DEFAULTS.quantity),
    /** Discretionary flags, fixed for the whole run (unset = unknown). */
    flags: z
      .partialRecord(
        z.enum(DISCRETIONARY_FLAGS.map((f) => f.id) as [FlagId, ...FlagId[]]),
        z.enum(TRI_STATES),
      )
      .default({}),
    /** Dollars per contract per fill. */
    commissionPerContract: Dollars('Commission').default(LAB_DEFAULTS.commissionPerContract),
    /** Dollars per share per leg per fill (× 100 per contract), always against us. */
    slippagePerLeg: Dollars('Slippage').default(LAB_DEFAULTS.slippagePerLeg),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, {
    message: 'The start is after the end',
    path: ['to'],
  })
  .refine(
    (r) => new Set(r.rulesets.map((x) => `${x.id}@${x.version ?? ''}`)).size === r.rulesets.length,
    {
      message: 'The same ruleset is listed twice',
      path: ['rulesets'],
    },
  )
export type LabRunInput = z.input<typeof LabRunSchema>
export type LabRunParams = z.output<typeof LabRunSchema>

/** The exact ruleset version a run used. */
export interface LabRulesetRef {
  id: string
  version: number
  name: string
}

/** A stored run (lab:run's answer and each row of lab:runs). */
export interface LabRunSummary {
  id: number
  createdAt: string
  params: LabRunParams
  rulesets: LabRulesetRef[]
  /** Only finished runs are stored: a cancelled or failed run leaves nothing. */
  status: 'done'
  /** The first entry and the last day replayed. */
  from: IsoDate
  to: IsoDate
  /** Condors opened (the same entries for every ruleset). */
  entries: number
  /** Per ruleset, in `rulesets` order: the total P&L (e4). */
  totalsE4: number[]
  label: typeof LAB_MODEL_LABEL
}

/** The four strikes of a condor, index points. */
export interface LabStrikes {
  longPut: number
  shortPut: number
  shortCall: number
  longCall: number
}

export const LAB_EXIT_KINDS = ['expiry', 'closed', 'end_of_data'] as const
/**
 * expiry: held to settlement; closed: every leg closed by an action; end_of_data: still open on
 * the last day replayed, valued at that day's model value.
 */
export type LabExitKind = (typeof LAB_EXIT_KINDS)[number]

/** One action a ruleset took on a trade. */
export interface LabAction {
  date: IsoDate
  action: ActionId
  /** The winning rule, or null for the HOLD fallback. */
  rule: string | null
  /** False when it could not be carried out (e.g. a hedge before the VX history); see note. */
  executed: boolean
  /** What was done, or why not ("not available: no VX history before 2007-04-02"). */
  note: string
  /** Cash of the action's fills (e4, + received), commission and slippage included. */
  cashE4: number
}

/** One condor's outcome under one ruleset. */
export interface LabTrade {
  /** Stable within a run: the entry date (one condor per entry date). */
  key: string
  entryDate: IsoDate
  /** The expiry opened, and the one held last (after rolls). */
  expiry: IsoDate
  finalExpiry: IsoDate
  strikes: LabStrikes
  /** Strikes held last (after rolls). */
  finalStrikes: LabStrikes
  /** Opening credit received (e4, before costs). */
  creditE4: number
  exitDate: IsoDate
  exitKind: LabExitKind
  /** Everything: credits, debits, settlement, commission and slippage (e4). */
  pnlE4: number
  /** Commission and slippage paid (e4, ≥ 0). */
  costsE4: number
  /** VIX close on the entry date (the regime bucket). */
  vixAtEntry: number | null
  /** Actions other than HOLD, in date order. */
  actions: LabAction[]
}

/** Equity at a session's close: realised P&L plus open positions at model value. */
export interface LabEquityPoint {
  date: IsoDate
  equityE4: number
  /** equity − running peak (≤ 0). */
  drawdownE4: number
}

export interface LabGroupRow {
  key: string
  metrics: GroupMetrics
}

/** A histogram bin of trade P&L: fromE4 ≤ pnl < toE4 (the last bin includes its end). */
export interface LabHistogramBin {
  fromE4: number
  toE4: number
  count: number
}

export interface LabRulesetResult {
  ruleset: LabRulesetRef
  /** The review's figures (shared/review/metrics.ts summarize) over every trade. */
  metrics: GroupMetrics
  trades: LabTrade[]
  equity: LabEquityPoint[]
  byYear: LabGroupRow[]
  /** By VIX at entry, in VIX_BUCKETS order. */
  byVix: LabGroupRow[]
  /** Same bin edges for every ruleset of a run. */
  distribution: LabHistogramBin[]
  /** How often each action won (HOLD days included), and how many could not be carried out. */
  actionCounts: Partial<Record<ActionId, number>>
  notAvailable: number
}

/** A trade on which the rulesets acted differently. */
export interface LabDisagreement {
  key: string
  entryDate: IsoDate
  /** Per ruleset in run order. */
  pnlE4: number[]
  /** Per ruleset: "HOLD to expiry", or the actions taken ("2020-03-09 CLOSE_CALL_SPREAD"). */
  summary: string[]
  /** max − min of pnlE4. */
  spreadE4: number
}

/** lab:get: everything a stored run holds. */
export interface LabRunResults {
  summary: LabRunSummary
  results: LabRulesetResult[]
  /** Sorted by spread, largest first. */
  disagreements: LabDisagreement[]
  /** The execution rules and model assumptions, in words. */
  assumptions: string[]
  label: typeof LAB_MODEL_LABEL
}

/** One session of a trade replay. */
export interface LabReplayDay {
  date: IsoDate
  spx: number
  vix: number | null
  /** Strikes and expiry held at the close (after that day's action). */
  strikes: LabStrikes | null
  expiry: IsoDate | null
  /** Value of the open condor at the close per share (what closing would cost), e4. */
  modelValueE4: number | null
  /** Trade P&L so far (realised + open at model value, costs included), e4. */
  pnlE4: number
  action: ActionId
  rule: string | null
  executed: boolean
  note: string
}

/** lab:trade: one trade replayed day by day under one ruleset. */
export interface LabTradeReplay {
  ruleset: LabRulesetRef
  trade: LabTrade
  days: LabReplayDay[]
}
