/**
 * Today: every open position checked against the latest data — tested short strikes first, then
 * what expires today or tomorrow, then the rest — with the recommendation of the position's
 * ruleset. The same rows feed the Today page and `wingman today`.
 */
import type { DecisionInputs } from './decisions.ts'
import type { Decimal, IsoDate, Structure } from './domain.ts'

export interface TodayRow {
  positionId: number
  structure: Structure
  underlying: string
  /** The open core legs in a line: "+5350P −5400P −6000C +6050C". */
  legsLabel: string
  /** Days from the date to the first open core expiry; null without open core legs. */
  dte: number | null
  spot: number | null
  /** (spot − short call) / (long call − short call): 0 at the short strike, 1 at the long one. */
  callWingPenetration: number | null
  /** (short put − spot) / (short put − long put). */
  putWingPenetration: number | null
  shortCallDelta: number | null
  shortPutDelta: number | null
  /** Open P&L of the position (model value or your marks) as of `openPnlDate`. */
  openPnl: Decimal | null
  openPnlDate: IsoDate | null
  openPnlBasis: string | null
  /** Hedge layers still open. */
  hedgeLayers: number
  rulesetId: string
  rulesetVersion: number
  /** Where the ruleset came from: the position's own choice or the journal's default. */
  rulesetSource: 'position' | 'default' | 'asked'
  action: string
  /** The rule that fired; null when none did (HOLD by default). */
  rule: string | null
  explanation: string
  /** Signals the tried rules needed and did not have (ids). */
  missing: string[]
  /** The session whose closes the values are. */
  dataDate: IsoDate | null
  /** Why the row is where it is in the order. */
  group: 'tested' | 'expiring' | 'other'
  /** A decision was logged for this position on the date. */
  decidedToday: boolean
  /** Exactly what the decision panel is prefilled with (the marks are per-share mids by leg). */
  inputs: DecisionInputs
}

export interface StaleSeries {
  series: string
  /** The last stored date, null when the journal has none. */
  lastDate: IsoDate | null
}

export interface TodayReport {
  date: IsoDate
  /** The latest stored SPX session on or before the date. */
  dataDate: IsoDate | null
  defaultRulesetId: string
  rows: TodayRow[]
  /** Series the signals read whose history ends before the date's session. */
  stale: StaleSeries[]
}
