import type { IsoDate } from '../domain.ts'
import {
  computeLedger,
  totalPnlE4,
  valueOpenLegs,
  type LedgerInput,
  type LedgerLeg,
  type LegMark,
} from '../ledger.ts'
import { modelMark, type IvAnchor, type MarketHistory } from '../modelValue.ts'
import { addDays, nyDateOf as nyDateOfDate } from '../dates.ts'

/**
 * The New York date of a fill's instant, memoised: a review asks for the same few thousand
 * instants tens of thousands of times, and each uncached answer costs an Intl call (≈ 3.6 µs).
 */
const nyDates = new Map<string, IsoDate>()
function nyDateOf(instant: Date): IsoDate {
  const key = instant.toISOString()
  let d = nyDates.get(key)
  if (d === undefined) {
    if (nyDates.size > 100_000) nyDates.clear()
    nyDates.set(key, (d = nyDateOfDate(instant)))
  }
  return d
}

/**
 * The review of one decision against the paths not taken (issue 10; PRODUCT.md "Review against
 * outcomes"). Every figure is a whole-position P&L in dollars (e4 integers): all cash flows,
 * + received, fees subtracted, from the position's open to its end, computed by the ledger
 * (shared/ledger.ts) on the records and marks each path implies:
 *
 * - `actual`: what was done — the ledger total on every record, the open legs (if any) at their
 *   model value on the last stored session (`final: false` then);
 * - `closedAtDecision`: the records before the decision, and every leg open then closed at the
 *   snapshot's marks (a leg without a mark at its model value that day, noted), no extra fees;
 * - `heldToExpiry`: the records before the decision, and the legs open then held untouched to
 *   their expiries and settled from the stored history (model value on the last stored session
 *   for those expiring later: not final);
 * - `recommendedPath`: the recommended action's path when it differs from what was done and
 *   needs no invented strikes (HOLD = held, CLOSE_ALL = closed, CLOSE_CALL/PUT_SPREAD = that
 *   side closed at the marks and the rest held), otherwise null with the reason.
 */

export interface ReviewDecision {
  id: number
  decidedAt: string
  adjustmentId: number | null
  /** The decision's date (New York) and the marks per share the trader entered, by leg id. */
  date: IsoDate
  marks: Readonly<Record<string, number>>
  recommended: string
  taken: string
}

export interface DecisionOutcome {
  actualE4: number | null
  closedAtDecisionE4: number | null
  heldToExpiryE4: number | null
  recommendedPathE4: number | null
  edgeVsClosedE4: number | null
  edgeVsHeldE4: number | null
  /** False when an open leg is valued by the model rather than realised or settled. */
  final: boolean
  notes: string[]
}

/** The records as they stood just before the decision (its own adjustment excluded). */
export function recordsBefore(input: LedgerInput, d: ReviewDecision): LedgerInput {
  const fills = input.fills.filter(
    (f) =>
      (d.adjustmentId === null || f.adjustmentId !== d.adjustmentId) && f.executedAt <= d.decidedAt,
  )
  const adjustments = input.adjustments.filter(
    (a) => a.id !== d.adjustmentId && a.occurredAt <= d.decidedAt,
  )
  const legIds = new Set(fills.map((f) => f.legId))
  return { legs: input.legs.filter((l) => legIds.has(l.id)), fills, adjustments }
}

/** The anchor of a leg's IV: the decision's mark when it has one, else its own entry price. */
function anchorOf(leg: LedgerLeg, input: LedgerInput, d: ReviewDecision | null): IvAnchor | null {
  const m = d?.marks[String(leg.id)]
  if (d && m !== undefined) return { priceE4: Math.round(m * 10_000), date: d.date }
  const open = input.fills.find(
    (f) => f.legId === leg.id && f.effect === 'open' && f.priceE4 !== null,
  )
  return open ? { priceE4: open.priceE4!, date: nyDateOf(new Date(open.executedAt)) } : null
}

/** The New York date a leg was first opened (cached per input: it is asked for every path). */
const openedCache = new WeakMap<LedgerInput, Map<number, IsoDate | undefined>>()
function openedOn(leg: LedgerLeg, input: LedgerInput): IsoDate | undefined {
  let byLeg = openedCache.get(input)
  if (!byLeg) openedCache.set(input, (byLeg = new Map()))
  if (!byLeg.has(leg.id)) byLeg.set(leg.id, firstOpened(leg, input))
  return byLeg.get(leg.id)
}
const firstOpened = (leg: LedgerLeg, input: LedgerInput) =>
  input.fills
    .filter((f) => f.legId === leg.id && f.effect === 'open')
    .map((f) => nyDateOf(new Date(f.executedAt)))
    .sort()[0]

type Marks = Map<number, LegMark | { missing: string }>

/** Marks of the open legs at their model value (or settlement) on the session `asOf`. */
function modelMarks(
  input: LedgerInput,
  open: readonly LedgerLeg[],
  asOf: IsoDate | null,
  h: MarketHistory,
  d: ReviewDecision | null,
): Marks {
  const out: Marks = new Map()
  for (const l of open)
    out.set(l.id, modelMark(l, anchorOf(l, input, d), openedOn(l, input), asOf, h))
  return out
}

function totalWith(
  input: LedgerInput,
  marks: Marks,
  /** The ledger of `input` when the caller has it already (a review computes each once). */
  ledger = computeLedger(input),
): { e4: number | null; why: string | null } {
  const open = valueOpenLegs(input, ledger, marks)
  const e4 = totalPnlE4(ledger, open)
  return { e4, why: e4 === null ? (open.missing[0]?.reason ?? ledger.realisedNote) : null }
}

/**
 * The outcomes of one decision. `lastSession` is the last stored SPX session (the review's
 * "as of"); `h` the stored history.
 */
export function decisionOutcome(
  input: LedgerInput,
  d: ReviewDecision,
  h: MarketHistory,
  lastSession: IsoDate | null,
  /** The marks the position's own figures use (entered marks included), so both agree. */
  currentMarks?: ReadonlyMap<number, LegMark | { missing: string }>,
): DecisionOutcome {
  const notes: string[] = []
  let final = true

  // actual: every record; open legs at their model value on the last stored session
  const all = computeLedger(input)
  const openNow = input.legs.filter((l) => all.legs.get(l.id)!.openQuantity !== 0)
  // open legs past their expiry settle from the history: only later ones are model values
  const modelled = openNow.filter((l) => lastSession === null || l.expiration > lastSession)
  if (modelled.length) final = false
  // the same marks as the position's own figures (entry-anchored), so one position shows one P&L
  const actual = totalWith(
    input,
    currentMarks ? new Map(currentMarks) : modelMarks(input, openNow, lastSession, h, null),
    all,
  )
  if (actual.e4 === null) notes.push(`actual: ${actual.why}`)
  else if (modelled.length)
    notes.push(`actual: model value of the open legs as of ${lastSession} (not final)`)

  const before = recordsBefore(input, d)
  const beforeLedger = computeLedger(before)
  const openThen = before.legs.filter((l) => beforeLedger.legs.get(l.id)!.openQuantity !== 0)
  const session = h.sessionOnOrBefore(d.date)

  // closedAtDecision: the legs open then, at the snapshot's marks (model value where none)
  const atMarks = (legs: readonly LedgerLeg[]): Marks => {
    const out: Marks = new Map()
    for (const l of legs) {
      const m = d.marks[String(l.id)]
      if (m !== undefined)
        out.set(l.id, { priceE4: Math.round(m * 10_000), date: d.date, source: 'user' })
      else {
        const model = modelMark(l, anchorOf(l, input, null), openedOn(l, input), session, h)
        if (!('missing' in model))
          notes.push(`closed at decision: leg ${l.id} has no mark; model value of ${session} used`)
        out.set(l.id, model)
      }
    }
    return out
  }
  const closed = totalWith(before, atMarks(openThen), beforeLedger)
  if (closed.e4 === null) notes.push(`closed at decision: ${closed.why}`)

  // heldToExpiry: the legs open then, each to its expiry (settled), or the last stored session
  const heldMarks = (legs: readonly LedgerLeg[]): Marks => {
    const out: Marks = new Map()
    for (const l of legs) {
      const settledBy = lastSession !== null && l.expiration <= lastSession
      if (!settledBy) final = false
      const at = settledBy ? l.expiration : lastSession
      out.set(l.id, modelMark(l, anchorOf(l, input, d), openedOn(l, input), at, h))
    }
    return out
  }
  const heldLegsLater = openThen.filter((l) => lastSession === null || l.expiration > lastSession)
  const held = totalWith(before, heldMarks(openThen), beforeLedger)
  if (held.e4 === null) notes.push(`held to expiry: ${held.why}`)
  else if (heldLegsLater.length)
    notes.push(
      `held to expiry: legs expiring after ${lastSession} at their model value (not final)`,
    )

  // recommendedPath
  let recommendedE4: number | null = null
  if (d.recommended === d.taken) notes.push('recommended path: the recommendation was followed')
  else if (d.recommended === 'HOLD') recommendedE4 = held.e4
  else if (d.recommended === 'CLOSE_ALL') recommendedE4 = closed.e4
  else if (d.recommended === 'CLOSE_CALL_SPREAD' || d.recommended === 'CLOSE_PUT_SPREAD') {
    const side = d.recommended === 'CLOSE_CALL_SPREAD' ? 'call' : 'put'
    const core = (l: LedgerLeg) => l.hedgeLayerId === null && l.instrumentType === 'option'
    const closing = openThen.filter((l) => core(l) && l.optionType === side)
    if (closing.length === 0) notes.push(`recommended path: no open ${side} legs at the decision`)
    else {
      const marks = new Map([
        ...atMarks(closing),
        ...heldMarks(openThen.filter((l) => !closing.includes(l))),
      ])
      const r = totalWith(before, marks, beforeLedger)
      recommendedE4 = r.e4
      if (r.e4 === null) notes.push(`recommended path: ${r.why}`)
    }
  } else
    notes.push(
      `recommended path: ${d.recommended} would need strikes or contracts the decision did not record`,
    )

  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b)
  return {
    actualE4: actual.e4,
    closedAtDecisionE4: closed.e4,
    heldToExpiryE4: held.e4,
    recommendedPathE4: recommendedE4,
    edgeVsClosedE4: diff(actual.e4, closed.e4),
    edgeVsHeldE4: diff(actual.e4, held.e4),
    final: final && actual.e4 !== null,
    notes,
  }
}

export interface PathPoint {
  date: IsoDate
  actualE4: number | null
  heldE4: number | null
}

/**
 * The daily paths of `actual` and `heldToExpiry` from the decision's session to the end (the
 * last expiry or the position's last fill, capped at the last stored session), each legs'
 * value a model value of that day; with each path's worst point (max adverse excursion).
 */
export function decisionPaths(
  input: LedgerInput,
  d: ReviewDecision,
  h: MarketHistory,
  lastSession: IsoDate | null,
): { points: PathPoint[]; worstActualE4: number | null; worstHeldE4: number | null } {
  const points: PathPoint[] = []
  const start = h.sessionOnOrBefore(d.date)
  if (start === null || lastSession === null)
    return { points, worstActualE4: null, worstHeldE4: null }
  const before = recordsBefore(input, d)
  const beforeLedger = computeLedger(before)
  const openThen = before.legs.filter((l) => beforeLedger.legs.get(l.id)!.openQuantity !== 0)
  const lastFill =
    input.fills
      .map((f) => nyDateOf(new Date(f.executedAt)))
      .sort()
      .at(-1) ?? start
  const lastExpiry =
    input.legs
      .map((l) => l.expiration)
      .sort()
      .at(-1) ?? start
  const endWanted = lastFill > lastExpiry ? lastFill : lastExpiry
  const end = endWanted < lastSession ? endWanted : lastSession
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (h.sessionOnOrBefore(day) !== day) continue
    const cutoff = `${day}T23:59:59.999Z`
    const done: LedgerInput = {
      legs: input.legs,
      fills: input.fills.filter((f) => nyDateOf(new Date(f.executedAt)) <= day),
      adjustments: input.adjustments.filter((a) => a.occurredAt <= cutoff),
    }
    const soFar = computeLedger(done)
    const openNow = input.legs.filter((l) => soFar.legs.get(l.id)!.openQuantity !== 0)
    const actual = totalWith(done, modelMarks(input, openNow, day, h, null)).e4
    const heldMarks: Marks = new Map()
    for (const l of openThen)
      heldMarks.set(
        l.id,
        modelMark(
          l,
          anchorOf(l, input, d),
          openedOn(l, input),
          l.expiration <= day ? l.expiration : day,
          h,
        ),
      )
    const held = totalWith(before, heldMarks).e4
    points.push({ date: day, actualE4: actual, heldE4: held })
  }
  const worst = (xs: (number | null)[]) => {
    const known = xs.filter((x): x is number => x !== null)
    return known.length ? Math.min(...known) : null
  }
  return {
    points,
    worstActualE4: worst(points.map((p) => p.actualE4)),
    worstHeldE4: worst(points.map((p) => p.heldE4)),
  }
}
