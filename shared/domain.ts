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
  status: PositionStatus
  openedOn: IsoDate
  closedOn: IsoDate | null
  expiration: IsoDate | null
  longPut: Decimal | null
  shortPut: Decimal | null
  shortCall: Decimal | null
  longCall: Decimal | null
  quantity: number | null
  /** Opening credit per share (combo price), positive = received. */
  credit: Decimal | null
  tags: string[]
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
  /** Signed contracts: positive long, negative short. */
  quantity: number
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
}

export interface AppInfo {
  version: string
  schemaVersion: number
  /** Where the journal lives; shown in settings and the About line. */
  databasePath: string
  shell: 'desktop' | 'browser'
}
