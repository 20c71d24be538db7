import type { SignalValue } from '../signals.ts'

/**
 * Aggregate figures of the review (issue 10, point 3; PRODUCT.md "Review against outcomes"):
 * how a group of decisions or positions paid — count, wins, win rate, average win and loss,
 * expectancy, total, profit factor, max drawdown and the summed edges — plus the grouping itself
 * and the signal buckets a decision is grouped by. Pure: the outcomes come in, figures go out.
 *
 * Money is in e4 integers ($0.0001 units, shared/money.ts). Sums are exact; the three means
 * (average win, average loss, expectancy) are rounded half away from zero to a whole e4 unit,
 * so that they stay integers like every other amount and print the same everywhere.
 */

/** One outcome to aggregate: a decision's or a position's P&L, with its edges when known. */
export interface MetricItem {
  /**
   * When it happened, for the time order of the drawdown: an ISO date `YYYY-MM-DD` (read as
   * 00:00 UTC of that day) or an ISO instant with `Z` or an offset. A zone-less local time is
   * refused: its order would depend on the machine's time zone.
   */
  at: string
  /** Whole P&L in e4 dollars (exact integer; + = earned). */
  pnlE4: number
  /** actual − closedAtDecision in e4 dollars; null when not computable. */
  edgeVsClosedE4: number | null
  /** actual − heldToExpiry in e4 dollars; null when not computable. */
  edgeVsHeldE4: number | null
}

/** The figures of one group. Every e4 amount is in dollars × 10⁴. */
export interface GroupMetrics {
  count: number
  /** Items with P&L > 0. */
  wins: number
  /** Items with P&L < 0; a P&L of exactly 0 is neither a win nor a loss. */
  losses: number
  /** wins / count (0–1); null for an empty group. */
  winRate: number | null
  /** Mean P&L of the wins, e4 rounded half away from zero; null without wins. */
  avgWinE4: number | null
  /** Mean P&L of the losses (< 0), e4 rounded half away from zero; null without losses. */
  avgLossE4: number | null
  /**
   * totalE4 / count, e4 rounded half away from zero; null for an empty group. Up to that
   * rounding (at most 1 e4 unit in all), expectancy = winRate × avgWin + lossRate × avgLoss with
   * lossRate = losses / count — the zeros weigh in the count and add nothing.
   */
  expectancyE4: number | null
  /** Exact sum of the P&L, e4. */
  totalE4: number
  /**
   * Gross wins / |gross losses|. null when there are no losses (the ratio would be ∞, or 0/0,
   * and "∞" is not a number we print); 0 when there are losses and no wins.
   */
  profitFactor: number | null
  /**
   * The most negative drop (≤ 0, e4) of the cumulative P&L below its running peak, the items
   * taken in time order (`at`, then input order for equal times). The running peak starts at 0
   * before the first item, so a first loss is already a drawdown.
   */
  maxDrawdownE4: number
  /** Sum of the known edges vs closing at the decision, e4; null when none is known. */
  edgeVsClosedE4: number | null
  /** How many items have no edge vs closing (left out of the sum, not counted as 0). */
  edgeVsClosedUnknown: number
  /** Sum of the known edges vs holding to expiry, e4; null when none is known. */
  edgeVsHeldE4: number | null
  /** How many items have no edge vs holding. */
  edgeVsHeldUnknown: number
  /** count < SMALL_GROUP: groups that small are shown, marked as such, not hidden. */
  small: boolean
}

/** Groups with fewer members than this are flagged `small` (shown as such, not hidden). */
export const SMALL_GROUP = 5

/** The group of items whose key is null (or an empty list): nothing was recorded to group by. */
export const NOT_RECORDED = '(not recorded)'

const INSTANT_RE =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/

/**
 * Milliseconds since the epoch of an item's `at`; throws RangeError on anything else. Memoised:
 * a review summarises the same decisions' instants once per grouping (a dozen times).
 */
const instantTimes = new Map<string, number>()
function timeOf(at: string): number {
  let ms = instantTimes.get(at)
  if (ms !== undefined) return ms
  ms = INSTANT_RE.test(at) ? Date.parse(at) : Number.NaN
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date or zoned instant: ${at}`)
  if (instantTimes.size > 200_000) instantTimes.clear()
  instantTimes.set(at, ms)
  return ms
}

function requireE4(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not an e4 integer: ${value}`)
  return value
}

/** a + b in e4 units; a sum past 2^53 would silently lose cents, so it throws instead. */
function addE4(a: number, b: number): number {
  const sum = a + b
  if (!Number.isSafeInteger(sum)) throw new RangeError(`amount overflow: ${a} + ${b}`)
  return sum
}

/**
 * num / den (den > 0) rounded half away from zero, exactly: in floats a quotient just below a
 * half can round up to it once the numbers are large, so the division is done on bigints.
 */
function divRoundHalfAway(num: number, den: number): number {
  const n = BigInt(Math.abs(num))
  const d = BigInt(den)
  const q = Number((2n * n + d) / (2n * d)) // floor(n/d + 1/2)
  return q === 0 ? 0 : num < 0 ? -q : q // no −0 for a mean that rounds to nothing
}

/** The figures of one group of outcomes (e4 dollars; see GroupMetrics for each rule). */
export function summarize(items: readonly MetricItem[]): GroupMetrics {
  let wins = 0
  let losses = 0
  let grossWinE4 = 0
  let grossLossE4 = 0
  let edgeClosedE4 = 0
  let edgeClosedKnown = 0
  let edgeHeldE4 = 0
  let edgeHeldKnown = 0
  const times: number[] = []
  for (const it of items) {
    times.push(timeOf(it.at))
    const pnl = requireE4(it.pnlE4, 'pnlE4')
    if (pnl > 0) {
      wins += 1
      grossWinE4 = addE4(grossWinE4, pnl)
    } else if (pnl < 0) {
      losses += 1
      grossLossE4 = addE4(grossLossE4, pnl)
    }
    if (it.edgeVsClosedE4 !== null) {
      edgeClosedE4 = addE4(edgeClosedE4, requireE4(it.edgeVsClosedE4, 'edgeVsClosedE4'))
      edgeClosedKnown += 1
    }
    if (it.edgeVsHeldE4 !== null) {
      edgeHeldE4 = addE4(edgeHeldE4, requireE4(it.edgeVsHeldE4, 'edgeVsHeldE4'))
      edgeHeldKnown += 1
    }
  }
  const count = items.length
  const totalE4 = addE4(grossWinE4, grossLossE4)

  // Array.prototype.sort is stable, and the index tie-break says so anyway: equal times keep
  // the order the caller gave (e.g. decision id order within one instant).
  // Items usually come in time order already (a review lists decisions oldest first): then the
  // order is the identity and the sort is skipped.
  let inOrder = true
  for (let i = 1; i < times.length && inOrder; i++) inOrder = times[i - 1]! <= times[i]!
  const order = items.map((_, i) => i)
  if (!inOrder) order.sort((a, b) => times[a]! - times[b]! || a - b)
  let cumE4 = 0
  let peakE4 = 0
  let maxDrawdownE4 = 0
  for (const i of order) {
    cumE4 += items[i]!.pnlE4 // every partial sum is bounded by the gross sums checked above
    if (cumE4 > peakE4) peakE4 = cumE4
    if (cumE4 - peakE4 < maxDrawdownE4) maxDrawdownE4 = cumE4 - peakE4
  }

  return {
    count,
    wins,
    losses,
    winRate: count === 0 ? null : wins / count,
    avgWinE4: wins === 0 ? null : divRoundHalfAway(grossWinE4, wins),
    avgLossE4: losses === 0 ? null : divRoundHalfAway(grossLossE4, losses),
    expectancyE4: count === 0 ? null : divRoundHalfAway(totalE4, count),
    totalE4,
    profitFactor: losses === 0 ? null : grossWinE4 / -grossLossE4,
    maxDrawdownE4,
    edgeVsClosedE4: edgeClosedKnown === 0 ? null : edgeClosedE4,
    edgeVsClosedUnknown: count - edgeClosedKnown,
    edgeVsHeldE4: edgeHeldKnown === 0 ? null : edgeHeldE4,
    edgeVsHeldUnknown: count - edgeHeldKnown,
    small: count < SMALL_GROUP,
  }
}

/** One row of a group-by table. */
export interface MetricGroup {
  key: string
  metrics: GroupMetrics
}

/**
 * Groups items by `key` and summarises each group (e4 dollars). A key may be a list — an item
 * then counts once in each distinct group it names (a position with two tags is in both tag
 * groups, so group counts may sum past the item count); a null key or an empty list puts the
 * item under NOT_RECORDED, so every item is in at least one group and nothing vanishes from the
 * table. Only groups with members are returned. Order: the keys listed in `order` first, in
 * that order (e.g. VIX_BUCKETS, low to high); then the others by code-unit order (not locale:
 * the same on every machine); NOT_RECORDED last unless `order` places it.
 */
export function groupBy<T>(
  items: readonly T[],
  key: (t: T) => string | readonly string[] | null,
  outcome: (t: T) => MetricItem,
  order: readonly string[] = [],
): MetricGroup[] {
  const members = new Map<string, MetricItem[]>()
  for (const t of items) {
    const k = key(t)
    const keys = k === null ? [] : typeof k === 'string' ? [k] : [...new Set(k)]
    if (keys.length === 0) keys.push(NOT_RECORDED)
    const item = outcome(t)
    for (const g of keys) {
      const list = members.get(g)
      if (list) list.push(item)
      else members.set(g, [item])
    }
  }
  const rank = (k: string): number => {
    const i = order.indexOf(k)
    if (i >= 0) return i
    return k === NOT_RECORDED ? order.length + 1 : order.length
  }
  return [...members.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => ({ key: k, metrics: summarize(members.get(k)!) }))
}

// ---------------------------------------------------------------------------------------------
// Signal buckets. Each reads a decision's signal snapshot (ids from PRODUCT.md "Signals") and
// returns its bucket, or null when the snapshot cannot tell. A missing value is never read as
// false or zero (PRODUCT.md): where a bucket needs several values it uses the three-valued logic
// of the rule language — true OR unknown = true, false OR unknown = unknown (→ null).

/** A decision's stored signal values by signal id. */
export type SignalValues = Readonly<Record<string, SignalValue>>

/** The VIX level buckets, low to high (also the display order for groupBy). */
export const VIX_BUCKETS = ['VIX < 15', 'VIX 15–20', 'VIX 20–30', 'VIX ≥ 30'] as const
export type VixBucket = (typeof VIX_BUCKETS)[number]

/** The RSI bands, low to high. */
export const RSI_BANDS = ['RSI < 30', 'RSI 30–70', 'RSI > 70'] as const
export type RsiBand = (typeof RSI_BANDS)[number]

/** Term-structure states, contango first (the usual state). */
export const TERM_STRUCTURE_BUCKETS = ['contango', 'flat', 'backwardation'] as const
export type TermStructureBucket = (typeof TERM_STRUCTURE_BUCKETS)[number]

export const EVENT_BUCKETS = ['CPI or FOMC ≤ 2 days', 'no CPI/FOMC within 2 days'] as const
export type EventBucket = (typeof EVENT_BUCKETS)[number]

export const TESTED_SIDE_BUCKETS = [
  'call side tested',
  'put side tested',
  'both',
  'neither',
] as const
export type TestedSideBucket = (typeof TESTED_SIDE_BUCKETS)[number]

/** A finite number, or null for a missing, boolean or non-finite value. */
function numberOf(signals: SignalValues, id: string): number | null {
  const v = signals[id]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** Three-valued OR: true if either is true, false if both are false, otherwise unknown. */
function or3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true
  return a === false && b === false ? false : null
}

const atLeast = (v: number | null, threshold: number): boolean | null =>
  v === null ? null : v >= threshold
const atMost = (v: number | null, threshold: number): boolean | null =>
  v === null ? null : v <= threshold

/** The VIX level bucket (index points); a boundary belongs to the bucket above it. */
export function vixBucket(signals: SignalValues): VixBucket | null {
  const vix = numberOf(signals, 'vix')
  if (vix === null) return null
  if (vix < 15) return 'VIX < 15'
  if (vix < 20) return 'VIX 15–20'
  if (vix < 30) return 'VIX 20–30'
  return 'VIX ≥ 30'
}

/** The VIX-futures RSI band, with the signal it was read from. */
export interface RsiBucket {
  band: RsiBand
  /** vix_futures_rsi14 when present, else the VIX index RSI the rule language falls back to. */
  source: 'vix_futures_rsi14' | 'vix_rsi14'
}

/**
 * The VIX-futures RSI(14) band (0–100): the first available of `vix_futures_rsi14`,
 * `vix_rsi14` — the same fallback as the alvh ruleset — with `source` saying which was used.
 * 30 and 70 belong to the middle band.
 */
export function vixFuturesRsiBucket(signals: SignalValues): RsiBucket | null {
  const futures = numberOf(signals, 'vix_futures_rsi14')
  const index = numberOf(signals, 'vix_rsi14')
  const rsi = futures ?? index
  if (rsi === null) return null
  const band: RsiBand = rsi < 30 ? 'RSI < 30' : rsi > 70 ? 'RSI > 70' : 'RSI 30–70'
  return { band, source: futures !== null ? 'vix_futures_rsi14' : 'vix_rsi14' }
}

/**
 * Contango vs backwardation from `vix_vix3m_ratio` (VIX/VIX3M: < 1 contango, > 1 backwardation,
 * exactly 1 flat); without it, from the sign of `vx1_vx2_contango_pct` ((VX2/VX1 − 1)·100:
 * > 0 contango, < 0 backwardation, 0 flat) — the futures curve tells the same story when the
 * index ratio is missing.
 */
export function termStructureBucket(signals: SignalValues): TermStructureBucket | null {
  const ratio = numberOf(signals, 'vix_vix3m_ratio')
  if (ratio !== null) return ratio < 1 ? 'contango' : ratio > 1 ? 'backwardation' : 'flat'
  const pct = numberOf(signals, 'vx1_vx2_contango_pct')
  if (pct === null) return null
  return pct > 0 ? 'contango' : pct < 0 ? 'backwardation' : 'flat'
}

/**
 * Whether CPI or FOMC is at most 2 calendar days away (`days_to_cpi`, `days_to_fomc`; 0 = that
 * day). One event ≤ 2 days is enough even when the other is missing; "not within 2 days" needs
 * both known, so one > 2 with the other missing is null, as are both missing.
 */
export function eventBucket(signals: SignalValues): EventBucket | null {
  const near = or3(
    atMost(numberOf(signals, 'days_to_cpi'), 2),
    atMost(numberOf(signals, 'days_to_fomc'), 2),
  )
  if (near === null) return null
  return near ? 'CPI or FOMC ≤ 2 days' : 'no CPI/FOMC within 2 days'
}

/**
 * Which short side was tested, by the alvh ruleset's test: the call side when
 * `call_wing_penetration ≥ 0` or `short_call_delta ≥ 0.30` (absolute delta), the put side
 * likewise with `put_wing_penetration` and `short_put_delta`. One true test marks a side tested
 * even if its other signal is missing; a side is untested only when both its signals are known
 * and below. Null when either side cannot be decided (then "call only" and "both" — or
 * "neither" and "put only" — cannot be told apart), including when every signal is missing.
 */
export function testedSideBucket(signals: SignalValues): TestedSideBucket | null {
  const call = or3(
    atLeast(numberOf(signals, 'call_wing_penetration'), 0),
    atLeast(numberOf(signals, 'short_call_delta'), 0.3),
  )
  const put = or3(
    atLeast(numberOf(signals, 'put_wing_penetration'), 0),
    atLeast(numberOf(signals, 'short_put_delta'), 0.3),
  )
  if (call === null || put === null) return null
  if (call && put) return 'both'
  if (call) return 'call side tested'
  if (put) return 'put side tested'
  return 'neither'
}
