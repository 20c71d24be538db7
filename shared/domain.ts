/**
 * Domain types shared by the core and the renderer. Ids are branded so a position id cannot be
 * passed where a leg id is expected. Prices and money cross the contract as exact decimal
 * strings ("2.35"); inside the core they are e4 integers (see money.ts).
 */
declare const brand: unique symbol
export type Brand<T, B extends string> = T & { readonly [brand]: B }

export type AccountId = Brand<number, 'AccountId'>
export type PositionId = Brand<number, 'PositionId'>
export type LegId = Brand<number, 'LegId'>
export type FillId = Brand<number, 'FillId'>
export type AdjustmentId = Brand<number, 'AdjustmentId'>

/** An exact decimal number written as text, e.g. "5025.5" or "-1.25". */
export type Decimal = string
/** A calendar date in America/New_York, "YYYY-MM-DD". */
export type IsoDate = string
/** An instant in UTC, ISO-8601 with milliseconds and a Z suffix. */
export type Instant = string

export const POSITION_STATUSES = ['open', 'closed'] as const
export type PositionStatus = (typeof POSITION_STATUSES)[number]

export const STRATEGIES = ['iron_condor', 'custom'] as const
export type Strategy = (typeof STRATEGIES)[number]

/** The structure a position was opened as (its template on the New position form). */
export const STRUCTURES = [
  'iron_condor',
  'put_credit_spread',
  'call_credit_spread',
  'strangle',
  'straddle',
  'iron_butterfly',
  'broken_wing_butterfly',
  'single_option',
  'future',
  'custom',
] as const
export type Structure = (typeof STRUCTURES)[number]

export const LEG_ROLES = [
  'long_put',
  'short_put',
  'short_call',
  'long_call',
  'hedge',
  'other',
] as const
export type LegRole = (typeof LEG_ROLES)[number]

export const ADJUSTMENT_KINDS = [
  'open',
  'roll',
  'close',
  'partial_close',
  'hedge_add',
  'hedge_adjust',
  'hedge_time_shift',
  'hedge_remove',
  'expire',
  'other',
] as const
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number]

export interface Account {
  id: AccountId
  name: string
  broker: string
  createdAt: Instant
}

/** One row of the positions list: the current structure of a position in one line. */
export interface PositionSummary {
  id: PositionId
  accountId: AccountId
  accountName: string
  underlying: string
  root: string
  strategy: Strategy
  structure: Structure
  status: PositionStatus
  /** When the position was voided (hidden from lists and statistics), or null. */
  voidedAt: Instant | null
  voidReason: string
  openedOn: IsoDate
  closedOn: IsoDate | null
  expiration: IsoDate | null
  longPut: Decimal | null
  shortPut: Decimal | null
  shortCall: Decimal | null
  longCall: Decimal | null
  /** Contracts of the core structure still open (after partial closes). */
  quantity: number | null
  /** Opening credit per share (combo price), positive = received. */
  credit: Decimal | null
  /** The ruleset chosen for this position; null = the journal's default (Settings). */
  rulesetId: string | null
  /** The open core legs in a line, e.g. "+7150P −7200P −7500C +7550C". */
  legsLabel: string
  tags: string[]
  /** Every money figure, from the ledger (shared/ledger.ts); null when the records contradict. */
  figures: PositionFigures | null
  /** Why `figures` is null. */
  figuresError: string | null
}

export interface Leg {
  id: LegId
  role: LegRole
  instrumentType: 'option' | 'future'
  root: string
  optionType: 'call' | 'put' | null
  strike: Decimal | null
  expiration: IsoDate
  multiplier: number
  /** Signed contracts as opened: positive long, negative short. */
  quantity: number
  /** Signed contracts still open after closing fills (0 when the leg is closed). */
  openQuantity: number
  openedAt: Instant
  closedAt: Instant | null
  replacesLegId: LegId | null
  hedgeLayerId: number | null
}

export interface Fill {
  id: FillId
  legId: LegId
  adjustmentId: AdjustmentId | null
  executedAt: Instant
  side: 'buy' | 'sell'
  effect: 'open' | 'close'
  quantity: number
  /** Per-leg price; null when only the combo's net price is known (see the adjustment). */
  price: Decimal | null
  fees: Decimal
  source: string
  brokerOrderId: string | null
  brokerExecId: string | null
  /** The values first recorded, when a correction changed them (the fields above are corrected). */
  original: { executedAt: Instant; quantity: number; price: Decimal | null; fees: Decimal } | null
}

export interface Adjustment {
  id: AdjustmentId
  kind: AdjustmentKind
  occurredAt: Instant
  /** Combo price per share, positive = credit received; null when only leg prices are known. */
  netPrice: Decimal | null
  /** Total cash flow in dollars excluding fees, positive = received. */
  cash: Decimal
  fees: Decimal
  note: string
  /** The net price and fees first recorded, when a correction changed them. */
  original: { netPrice: Decimal | null; fees: Decimal } | null
}

/** One entry of a position's audit trail: an edit, a void or restore, a correction, a mark. */
export interface HistoryEntry {
  id: number
  kind: 'edit' | 'void' | 'restore' | 'fill_correction' | 'adjustment_correction' | 'mark'
  /** What changed, in the trader's words ("Fill 12 price 2.35 → 2.45"). */
  summary: string
  reason: string
  createdAt: Instant
}

export interface PositionDetail {
  summary: PositionSummary
  thesis: string
  notes: string
  legs: Leg[]
  fills: Fill[]
  adjustments: Adjustment[]
  /** Hedge layers (1, 2, 3…) with their database ids, which legs reference. */
  hedgeLayers: { id: number; layerNo: number; status: 'open' | 'closed' }[]
  history: HistoryEntry[]
  /** Marks the trader entered for open legs (latest per leg). */
  enteredMarks: { legId: LegId; date: IsoDate; price: Decimal }[]
  /**
   * The model behind open P&L and the payoff's default IVs: the data date and, per option leg,
   * the IV it is valued with and where that IV came from (shared/modelIv.ts).
   */
  model: {
    asOf: IsoDate | null
    legs: { legId: number; iv: number | null; ivSource: string | null }[]
  }
}

/** Sums over the listed positions; `unknown` counts the positions whose figure is unknown. */
export interface PositionTotals {
  count: number
  premium: { value: Decimal; unknown: number }
  fees: { value: Decimal; unknown: number }
  realised: { value: Decimal; unknown: number }
  openPnl: { value: Decimal; unknown: number }
  total: { value: Decimal; unknown: number }
}

export interface AppInfo {
  version: string
  schemaVersion: number
  /** Where the journal lives; shown in settings and the About line. */
  databasePath: string
  shell: 'desktop' | 'browser'
  /** True when the journal is damaged and open read-only: every write is refused. */
  readOnly: boolean
  /** The banner text when something is wrong with the journal (and what to do), else null. */
  problem: string | null
}

/**
 * A position's figures as every screen, export and review shows them, computed once by
 * `positionFigures` (shared/positionFigures.ts) from the ledger (shared/ledger.ts). Money as exact decimal strings.
 */
export interface PositionFigures {
  /** Option premium received minus paid, fees excluded (hedge layers included). */
  premium: Decimal
  fees: Decimal
  realised: Decimal | null
  realisedNote: string | null
  /** Model or entered marks of the open legs; null when a mark is missing (see openPnlNote). */
  openPnl: Decimal | null
  /** The date of the data the open P&L used. */
  openPnlAsOf: IsoDate | null
  /** What the open P&L is: "model value", "your marks", or why it is missing. */
  openPnlNote: string | null
  total: Decimal | null
  /** The core structure (hedge layers excluded) at expiry, from its legs as they stand now. */
  structure:
    | {
        ok: true
        maxProfit: Decimal | null
        maxLoss: Decimal | null
        breakevens: Decimal[]
        /** The core's cash so far, after fees, that the figures start from. */
        netCredit: Decimal
      }
    | { ok: false; reason: string }
  /** Contracts of the core structure still open (the largest leg's), 0 when flat. */
  openContracts: number
  layers: LayerFigures[]
}

export interface LayerFigures {
  hedgeLayerId: number
  realised: Decimal | null
  openPnl: Decimal | null
  total: Decimal | null
}
