import type { IsoDate } from '../../../shared/domain.ts'
import { NO_CONTROL, type JobControl } from '../jobs/control.ts'
import { computeLedger, LedgerError, type LedgerInput } from '../../../shared/ledger.ts'
import type { MarketHistory } from '../../../shared/modelValue.ts'
import { positionFigures } from '../../../shared/positionFigures.ts'
import {
  eventBucket,
  groupBy,
  summarize,
  termStructureBucket,
  testedSideBucket,
  VIX_BUCKETS,
  vixBucket,
  vixFuturesRsiBucket,
  RSI_BANDS,
  type GroupMetrics,
  type MetricItem,
} from '../../../shared/review/metrics.ts'
import {
  decisionOutcome,
  decisionPaths,
  type DecisionOutcome,
  type PathPoint,
  type ReviewDecision,
} from '../../../shared/review/outcomes.ts'
import {
  REVIEW_GROUP_KEYS,
  type ReviewDecisionRow,
  type ReviewGroupKey,
  type ReviewGroupRow,
  type ReviewPositionRow,
  type ReviewReport,
  type ReviewSummary,
  summaryOf,
} from '../../../shared/review/report.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import {
  getDecision,
  listDecisionsForReview,
  type DecisionForReview,
} from '../db/repositories/decisions.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import { lastBarDate } from '../db/repositories/market.ts'
import { listPositionSummaries } from '../db/repositories/positions.ts'
import {
  ANY_MARKET_CHANGE,
  decisionCounts,
  decisionIdsOf,
  correctedDecisionIds,
  readReviewOutcomes,
  readReviewPositions,
  reviewCacheExists,
  reviewPositionFacts,
  reviewRefreshIds,
  tagsByPosition,
  bumpReviewGeneration,
  readReviewSummary,
  reviewGeneration,
  writeReviewBatch,
  countReviewOutcomes,
  pageReviewOutcomes,
  type OutcomePageQuery,
  type CachedPositionRow,
  writeReviewSummary,
  type CachedDecision,
  type CachedOutcome,
  type SignalBuckets,
  type ReviewOutcomeTuple,
} from '../db/repositories/reviewCache.ts'
import { decodeCursor, encodeCursor } from '../services/decisionPages.ts'
import type { MarkService } from '../services/marks.ts'

/**
 * The review against outcomes (issue 10): every effective decision scored by
 * shared/review/outcomes.ts, every position by the ledger, grouped by shared/review/metrics.ts.
 * A decision that corrects another replaces it (it counts once, with the corrected action);
 * decisions of voided positions are left out, as voided positions are.
 */
export interface ReviewQuery {
  from?: IsoDate | undefined
  to?: IsoDate | undefined
  groupBy?: readonly ReviewGroupKey[] | undefined
}

const dollars = (e4: number | null) => (e4 === null ? null : e4 / 10_000)

/** The decisions that count: each correction chain reduced to its latest record. */
export function effectiveDecisions<D extends { id: number; correctsDecisionId: number | null }>(
  all: readonly D[],
): D[] {
  const corrected = new Set(all.map((d) => d.correctsDecisionId).filter((x) => x !== null))
  return all.filter((d) => !corrected.has(d.id))
}

const reviewDecisionOf = (d: DecisionForReview): ReviewDecision => ({
  id: d.id,
  decidedAt: d.decidedAt,
  adjustmentId: d.adjustmentId,
  date: d.date,
  marks: d.marks,
  recommended: d.recommendedAction,
  taken: d.actionTaken,
})

/** A stored decision as the review reads it (see listDecisionsForReview). */
function forReview(d: NonNullable<ReturnType<typeof getDecision>>): DecisionForReview {
  return {
    id: d.id,
    positionId: d.positionId,
    adjustmentId: d.adjustmentId,
    decidedAt: d.decidedAt,
    date: d.snapshot.date,
    marks: d.snapshot.inputs.marks ?? {},
    values: d.snapshot.values,
    rulesetId: d.rulesetId,
    rulesetVersion: d.rulesetVersion,
    recommendedAction: d.recommendedAction,
    actionTaken: d.actionTaken,
    followed: d.followed,
    rule: d.recommendation.rule,
    correctsDecisionId: d.correctsDecisionId,
  }
}

function groupRow(key: string, m: GroupMetrics): ReviewGroupRow {
  return {
    key,
    count: m.count,
    wins: m.wins,
    winRate: m.winRate,
    avgWin: dollars(m.avgWinE4),
    avgLoss: dollars(m.avgLossE4),
    expectancy: dollars(m.expectancyE4),
    total: m.totalE4 / 10_000,
    profitFactor: m.profitFactor,
    maxDrawdown: m.maxDrawdownE4 / 10_000,
    edgeVsClosed: dollars(m.edgeVsClosedE4),
    edgeVsHeld: dollars(m.edgeVsHeldE4),
    small: m.small,
  }
}

/** A decision's signal buckets, from its snapshot's values. */
export function signalKeysOf(values: DecisionForReview['values']): SignalBuckets {
  return {
    vix: vixBucket(values),
    rsi: vixFuturesRsiBucket(values)?.band ?? null,
    term: termStructureBucket(values),
    event: eventBucket(values),
    side: testedSideBucket(values),
  }
}

interface Scored {
  record: CachedDecision
  keys: SignalBuckets
  outcome: DecisionOutcome
  tags: string[]
}

/** How each grouping reads a scored decision. */
const KEYS: Record<ReviewGroupKey, (s: Scored) => string | string[] | null> = {
  action: (s) => s.record.actionTaken,
  recommended: (s) => s.record.recommendedAction,
  rule: (s) => s.record.rule ?? '(no rule fired: fallback HOLD)',
  ruleset: (s) => `${s.record.rulesetId} v${s.record.rulesetVersion}`,
  followed: (s) => (s.record.followed ? 'followed' : 'overridden'),
  tag: (s) => s.tags,
  vix: (s) => s.keys.vix,
  rsi: (s) => s.keys.rsi,
  term: (s) => s.keys.term,
  event: (s) => s.keys.event,
  side: (s) => s.keys.side,
}
const ORDER: Partial<Record<ReviewGroupKey, readonly string[]>> = {
  vix: VIX_BUCKETS,
  rsi: RSI_BANDS,
  followed: ['followed', 'overridden'],
}

/** Whole-position P&L counts only when it is known. */
const itemOf = (at: string, pnlE4: number | null, o?: DecisionOutcome): MetricItem | null =>
  pnlE4 === null
    ? null
    : {
        at,
        pnlE4,
        edgeVsClosedE4: o?.edgeVsClosedE4 ?? null,
        edgeVsHeldE4: o?.edgeVsHeldE4 ?? null,
      }

/** What the review reads of a position beside its figures. */
interface PositionFacts {
  id: number
  status: 'open' | 'closed'
  openedOn: string
  closedOn: string | null
  tags: string[]
}

/** A position's review figures (e4 dollars; null = not computable). */
interface PositionValue {
  realisedE4: number | null
  openE4: number | null
  feesE4: number
  pnlE4: number | null
  final: boolean
}

/** The figures of a position whose records contradict each other. */
const NOT_COMPUTABLE: PositionValue = {
  realisedE4: null,
  openE4: null,
  feesE4: 0,
  pnlE4: null,
  final: false,
}

type CurrentMarks = ReturnType<MarkService['marks']>

/**
 * A position's figures by the ledger (shared/positionFigures.ts) with its marks as of `date`,
 * and those marks (its decisions' `actual` reads the same ones); null marks when its records
 * contradict each other.
 */
function valuePosition(
  status: 'open' | 'closed',
  input: LedgerInput,
  marks: MarkService,
  date: IsoDate,
  entered?: ReadonlyMap<number, { date: string; priceE4: number }>,
): { value: PositionValue; current: CurrentMarks | null; anyOpen: boolean } {
  try {
    const ledger = computeLedger(input)
    const m = marks.marks(input, ledger, date, entered)
    const f = positionFigures(input, m)
    const anyModel = f.open.sources.includes('model') || f.open.sources.includes('VX settlement')
    return {
      value: {
        realisedE4: f.ledger.realisedE4,
        openE4: f.open.openPnlE4 ?? (f.wire.openPnl === '0' ? 0 : null),
        feesE4: f.ledger.feesE4,
        pnlE4: f.totalE4,
        final:
          status === 'closed' ||
          (!anyModel &&
            f.totalE4 !== null &&
            f.open.missing.length === 0 &&
            f.open.sources.every((x) => x === 'settlement')),
      },
      current: m,
      anyOpen: [...ledger.legs.values()].some((l) => l.openQuantity !== 0),
    }
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e
    return {
      value: NOT_COMPUTABLE,
      current: null,
      anyOpen: false,
    }
  }
}

/** A decision scored against its position's records (the error as a note when they contradict). */
function scoreDecision(
  input: LedgerInput,
  d: DecisionForReview,
  h: MarketHistory,
  asOf: IsoDate | null,
  marks: MarkService,
  current: CurrentMarks | null,
): { outcome: DecisionOutcome; failed: boolean } {
  try {
    // the position's marks, as its own figures read them, so one position shows one P&L
    const m = current ?? marks.marks(input, computeLedger(input), asOf ?? d.date)
    return { outcome: decisionOutcome(input, reviewDecisionOf(d), h, asOf, m), failed: false }
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e
    return {
      outcome: {
        actualE4: null,
        closedAtDecisionE4: null,
        heldToExpiryE4: null,
        recommendedPathE4: null,
        edgeVsClosedE4: null,
        edgeVsHeldE4: null,
        final: false,
        notes: [`the position's records contradict each other: ${e.message}`],
      },
      failed: true,
    }
  }
}

const factsOf = (d: DecisionForReview): CachedDecision => ({
  id: d.id,
  positionId: d.positionId,
  decidedAt: d.decidedAt,
  rulesetId: d.rulesetId,
  rulesetVersion: d.rulesetVersion,
  recommendedAction: d.recommendedAction,
  actionTaken: d.actionTaken,
  followed: d.followed,
  rule: d.rule,
})

const inRange = (q: ReviewQuery, openedOn: string) =>
  (!q.from || openedOn >= q.from) && (!q.to || openedOn <= q.to)

/** A decision's row as the report and its pages carry it (dollars from the e4 outcome). */
function decisionRowOf(d: CachedDecision, o: DecisionOutcome): ReviewDecisionRow {
  return {
    id: d.id,
    positionId: d.positionId,
    decidedAt: d.decidedAt,
    rulesetId: d.rulesetId,
    rulesetVersion: d.rulesetVersion,
    recommended: d.recommendedAction,
    taken: d.actionTaken,
    followed: d.followed,
    rule: d.rule,
    actual: dollars(o.actualE4),
    closedAtDecision: dollars(o.closedAtDecisionE4),
    heldToExpiry: dollars(o.heldToExpiryE4),
    recommendedPath: dollars(o.recommendedPathE4),
    edgeVsClosed: dollars(o.edgeVsClosedE4),
    edgeVsHeld: dollars(o.edgeVsHeldE4),
    final: o.final,
    notes: o.notes,
  }
}

/** The report from the positions' figures and the scored decisions (both paths end here). */
function assemble(
  asOf: IsoDate | null,
  valued: readonly { facts: PositionFacts; value: PositionValue }[],
  scored: readonly Scored[],
  q: ReviewQuery,
): ReviewReport {
  const positions: ReviewPositionRow[] = []
  const positionItems: MetricItem[] = []
  for (const { facts: s, value: v } of valued) {
    positions.push({
      id: s.id,
      status: s.status,
      openedOn: s.openedOn,
      closedOn: s.closedOn,
      realised: dollars(v.realisedE4),
      open: dollars(v.openE4),
      fees: v.feesE4 / 10_000,
      pnl: dollars(v.pnlE4),
      final: v.final,
    })
    const item = itemOf(s.closedOn ?? asOf ?? s.openedOn, v.pnlE4)
    if (item) positionItems.push(item)
  }

  const decisions = scored.map((s) => decisionRowOf(s.record, s.outcome))

  // each known decision's metric item once, for every grouping
  const known = scored
    .filter((s) => s.outcome.actualE4 !== null)
    .map((s) => ({ s, item: itemOf(s.record.decidedAt, s.outcome.actualE4, s.outcome)! }))
  const groups: ReviewReport['groups'] = {}
  for (const key of q.groupBy?.length ? q.groupBy : REVIEW_GROUP_KEYS)
    groups[key] = groupBy(
      known,
      (k) => KEYS[key](k.s),
      (k) => k.item,
      ORDER[key] ?? [],
    ).map((g) => groupRow(g.key, g.metrics))

  return {
    asOf,
    decisions,
    positions,
    groups,
    headline: {
      positions: groupRow('positions', summarize(positionItems)),
      decisions: groupRow('decisions', summarize(known.map((k) => k.item))),
    },
  }
}

/**
 * The review computed from the records, every position and decision (no cache): what a
 * read-only journal gets, and what the cache is tested against.
 */
export function computeReview(
  db: Db,
  marks: MarkService,
  q: ReviewQuery,
  control: JobControl = NO_CONTROL,
): ReviewReport {
  const h = marks.market()
  const asOf = h.sessionOnOrBefore('9999-12-31')
  const summaries = listPositionSummaries(db, 'all').filter((p) => inRange(q, p.openedOn))
  const byId = new Map(summaries.map((s) => [s.id as number, s]))
  const inputs = loadLedgerInputs(
    db,
    summaries.map((s) => s.id),
  )

  const valued: { facts: PositionFacts; value: PositionValue }[] = []
  // each position's marks once: its figures and its decisions' `actual` read the same ones
  const currentMarks = new Map<number, CurrentMarks | null>()
  let done = 0
  for (const s of summaries) {
    if (done++ % 200 === 0) {
      control.checkCancelled()
      control.progress('Valuing positions', done - 1, summaries.length)
    }
    const v = valuePosition(s.status, inputs.get(s.id)!, marks, asOf ?? s.openedOn)
    currentMarks.set(s.id, v.current)
    valued.push({ facts: s, value: v.value })
  }

  const scored: Scored[] = []
  const effective = effectiveDecisions(listDecisionsForReview(db))
  let scoring = 0
  for (const d of effective) {
    if (scoring++ % 200 === 0) {
      control.checkCancelled()
      control.progress('Scoring decisions against outcomes', scoring - 1, effective.length)
    }
    const input = inputs.get(d.positionId)
    const s = byId.get(d.positionId)
    if (!input || !s) continue // voided, or outside the dates
    const { outcome } = scoreDecision(
      input,
      d,
      h,
      asOf,
      marks,
      currentMarks.get(d.positionId) ?? null,
    )
    scored.push({ record: factsOf(d), keys: signalKeysOf(d.values), outcome, tags: s.tags })
  }
  return assemble(asOf, valued, scored, q)
}

// ---------------------------------------------------------------------------------------------
// The cache (migration 009). Warm, a review reads every position's row and every decision's
// outcome from it and groups them; what changed since — the positions the triggers marked stale,
// and figures valued on an older last session — is computed again first, batch by batch.

/**
 * Positions computed again per write transaction: each batch loads its records in a few queries
 * and holds the write lock for about a second on this machine (other writers wait that long).
 */
const REFRESH_BATCH = 2500

/** The later of two market dates (null: none read). */
const later = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : a > b ? a : b

/**
 * The latest date a settled figure of this position may have read: its legs' expiries (their
 * settlements), its fills' days (the IV anchors) and `also`. A UTC instant's date is never
 * before its New York date, so it bounds the New York date from above.
 */
function settledHorizon(input: LedgerInput, also: string | null): string | null {
  let h = also
  for (const l of input.legs) h = later(h, l.expiration)
  for (const f of input.fills) h = later(h, f.executedAt.slice(0, 10))
  return h
}

/** Computes the review of these positions and their decisions again and writes it. */
function refreshBatch(
  db: Db,
  marks: MarkService,
  asOf: IsoDate | null,
  ids: readonly number[],
  counts: ReadonlyMap<number, number>,
  control: JobControl,
  progress: { valued: number; scored: number; positions: number; decisions: number },
): void {
  const h = marks.market()
  const facts = reviewPositionFacts(db, ids)
  const live = ids.filter((id) => facts.get(id)?.voided === false)
  const inputs = loadLedgerInputs(db, live)
  const legIds = [...inputs.values()].flatMap((i) => i.legs.map((l) => l.id))
  // The marks the positions' figures read (as of the last session), and which legs have any:
  // a figure resting on an entered mark changes when the history passes the mark's date.
  const entered = asOf === null ? undefined : marks.entered(legIds, asOf)
  const marked = new Set(marks.entered(legIds, ANY_MARKET_CHANGE).keys())
  const byPosition = new Map<number, DecisionForReview[]>()
  for (const d of effectiveDecisions(listDecisionsForReview(db, decisionIdsOf(db, live)))) {
    const list = byPosition.get(d.positionId)
    if (list) list.push(d)
    else byPosition.set(d.positionId, [d])
  }
  const rows: CachedPositionRow[] = []
  const outcomes: CachedOutcome[] = []
  // voided: the row says so, nothing is computed (a restore is an update: stale again)
  for (const id of ids) {
    const f = facts.get(id)
    if (f?.voided) rows.push({ positionId: id, ...f, asOf, horizon: null, ...NOT_COMPUTABLE })
  }
  control.progress('Valuing positions', progress.valued, progress.positions)
  progress.valued += ids.length - live.length
  for (const id of live) {
    const input = inputs.get(id)!
    const f = facts.get(id)!
    const v = valuePosition(f.status, input, marks, asOf ?? f.openedOn, entered)
    const hasMarks = input.legs.some((l) => marked.has(l.id))
    const openLater = input.legs.some(
      (l) => asOf === null || (l.expiration > asOf && v.current?.has(l.id) === true),
    )
    let horizon: string | null = !v.anyOpen
      ? null
      : hasMarks || openLater
        ? ANY_MARKET_CHANGE
        : settledHorizon(input, null)
    for (const d of byPosition.get(id) ?? []) {
      const { outcome: o, failed } = scoreDecision(input, d, h, asOf, marks, v.current)
      if (!failed)
        horizon = later(
          horizon,
          o.final && !hasMarks ? settledHorizon(input, d.date) : ANY_MARKET_CHANGE,
        )
      outcomes.push({ ...factsOf(d), ...o, ...signalKeysOf(d.values) })
    }
    rows.push({ positionId: id, ...f, asOf, horizon, ...v.value })
    progress.valued++
    progress.scored += counts.get(id) ?? 0
  }
  writeReviewBatch(db, rows, outcomes)
  bumpReviewGeneration(db)
  control.progress('Scoring decisions against outcomes', progress.scored, progress.decisions)
}

/**
 * Brings the cache up to date for the last stored session `asOf`: one write transaction per
 * batch, so other writers wait at most one batch and a cancel keeps the batches already done.
 * Returns how many positions were computed.
 */
export function refreshReviewCache(
  db: Db,
  marks: MarkService,
  asOf: IsoDate | null,
  control: JobControl = NO_CONTROL,
): number {
  const ids = reviewRefreshIds(db, asOf)
  if (ids.length === 0) return 0
  const counts = decisionCounts(db)
  const progress = {
    valued: 0,
    scored: 0,
    positions: ids.length,
    decisions: ids.reduce((n, id) => n + (counts.get(id) ?? 0), 0),
  }
  for (let i = 0; i < ids.length; i += REFRESH_BATCH)
    db.transaction(() => {
      control.checkCancelled()
      refreshBatch(db, marks, asOf, ids.slice(i, i + REFRESH_BATCH), counts, control, progress)
    }).immediate()
  return ids.length
}

const outcomeOf = (t: ReviewOutcomeTuple): DecisionOutcome => ({
  actualE4: t[9],
  closedAtDecisionE4: t[10],
  heldToExpiryE4: t[11],
  recommendedPathE4: t[12],
  edgeVsClosedE4: t[13],
  edgeVsHeldE4: t[14],
  final: t[15] === 1,
  notes: JSON.parse(t[16]) as string[],
})

const recordOf = (t: ReviewOutcomeTuple): CachedDecision => ({
  id: t[0],
  positionId: t[1],
  decidedAt: t[2],
  rulesetId: t[3],
  rulesetVersion: t[4],
  recommendedAction: t[5],
  actionTaken: t[6],
  followed: t[7] === 1,
  rule: t[8],
})

/** The report from the cache, every row current (the caller checked, in the same transaction). */
function readCachedReview(db: Db, asOf: IsoDate | null, q: ReviewQuery): ReviewReport {
  const tags = tagsByPosition(db)
  const included = new Map<number, PositionFacts>()
  const valued: { facts: PositionFacts; value: PositionValue }[] = []
  for (const [
    id,
    status,
    openedOn,
    closedOn,
    realisedE4,
    openE4,
    feesE4,
    pnlE4,
    final,
  ] of readReviewPositions(db)) {
    if (!inRange(q, openedOn)) continue
    const facts = { id, status, openedOn, closedOn, tags: tags.get(id) ?? [] }
    included.set(id, facts)
    valued.push({ facts, value: { realisedE4, openE4, feesE4, pnlE4, final: final === 1 } })
  }
  const corrected = correctedDecisionIds(db)
  const scored: Scored[] = []
  for (const t of readReviewOutcomes(db)) {
    const facts = included.get(t[1])
    if (!facts || corrected.has(t[0])) continue
    scored.push({
      record: recordOf(t),
      keys: { vix: t[17], rsi: t[18], term: t[19], event: t[20], side: t[21] },
      outcome: outcomeOf(t),
      tags: facts.tags,
    })
  }
  return assemble(asOf, valued, scored, q)
}

/** A request as the summaries are keyed: the same review, the same text. */
const requestKey = (q: ReviewQuery) =>
  JSON.stringify([q.from ?? null, q.to ?? null, q.groupBy?.length ? q.groupBy : null])

/**
 * The summary of the review `runReview(q)` would give, when the cache holds it for the data as
 * it stands (nothing changed since that review): a few index probes and one row. Null
 * otherwise — the caller runs the review (a job) for it.
 */
export function reviewSummary(db: Db, q: ReviewQuery): ReviewSummary | null {
  if (!usesCache(db)) return null
  return db.transaction(() => {
    // the last stored SPX session, as marks.market() gives it, without loading the history
    const asOf = lastBarDate(db, 'SPX')
    if (reviewRefreshIds(db, asOf).length) return null
    const text = readReviewSummary(db, requestKey(q), reviewGeneration(db), asOf)
    return text === null ? null : (JSON.parse(text) as ReviewSummary)
  })()
}

/** The decisions table's filters, order and page (review:decisionsPage). */
export interface ReviewDecisionsPageQuery {
  from?: IsoDate | undefined
  to?: IsoDate | undefined
  ruleset?: string | undefined
  action?: string | undefined
  followed?: boolean | undefined
  sort?: { column: 'date'; direction: 'asc' | 'desc' } | undefined
  after?: string | undefined
  limit: number
}

/**
 * A page of the decisions `runReview` would list, narrowed by the table's filters and in the
 * table's order by date (the review's order, or its reverse), when the cache is current: the
 * page's first rows while the review's job runs. Null otherwise, as `reviewSummary`. The rows are
 * the report's own (the same cached outcomes, the same mapping); `total` counts every page.
 */
export function reviewDecisionsPage(
  db: Db,
  req: ReviewDecisionsPageQuery,
): {
  asOf: IsoDate | null
  rows: ReviewDecisionRow[]
  nextCursor: string | null
  total: number
} | null {
  if (!usesCache(db)) return null
  const after = decodeCursor(req.after)
  return db.transaction(() => {
    const asOf = lastBarDate(db, 'SPX')
    if (reviewRefreshIds(db, asOf).length) return null
    const q: OutcomePageQuery = {
      from: req.from ?? null,
      to: req.to ?? null,
      rulesetId: req.ruleset ?? null,
      taken: req.action ?? null,
      followed: req.followed ?? null,
      descending: req.sort?.direction === 'desc',
      after,
      // one row more than asked says whether another page follows
      limit: req.limit + 1,
    }
    const got = pageReviewOutcomes(db, q)
    const rows = got.slice(0, req.limit).map((t) => decisionRowOf(recordOf(t), outcomeOf(t)))
    const last = rows[rows.length - 1]
    return {
      asOf,
      rows,
      nextCursor: got.length > req.limit && last ? encodeCursor(last) : null,
      total: countReviewOutcomes(db, q),
    }
  })()
}

/** Whether the review can keep its cache (a writable journal at schema 9 or later). */
const usesCache = (db: Db) => !db.readonly && reviewCacheExists(db)

/**
 * The review against outcomes, from the cache (migration 009) brought up to date first; the
 * same report as `computeReview` (the tests hold them equal after every kind of change).
 */
export function runReview(
  db: Db,
  marks: MarkService,
  q: ReviewQuery,
  control: JobControl = NO_CONTROL,
): ReviewReport {
  if (!usesCache(db)) return computeReview(db, marks, q, control)
  const request = requestKey(q)
  // Another connection may commit between the refresh and the read: look again (bounded).
  for (let round = 0; round < 3; round++) {
    const asOf = marks.market().sessionOnOrBefore('9999-12-31')
    refreshReviewCache(db, marks, asOf, control)
    const read = db.transaction(() =>
      marks.market().sessionOnOrBefore('9999-12-31') === asOf &&
      reviewRefreshIds(db, asOf).length === 0
        ? { report: readCachedReview(db, asOf, q), generation: reviewGeneration(db) }
        : null,
    )()
    if (!read) continue
    // the page's first content next time: stored only if nothing moved since the read
    db.transaction(() => {
      if (reviewGeneration(db) === read.generation)
        writeReviewSummary(
          db,
          request,
          read.generation,
          asOf,
          JSON.stringify(summaryOf(read.report)),
        )
    }).immediate()
    return read.report
  }
  return computeReview(db, marks, q, control)
}

/** The daily paths of one decision (actual and held to expiry), for its chart. */
export function reviewPaths(
  db: Db,
  marks: MarkService,
  decisionId: number,
): {
  asOf: IsoDate | null
  points: { date: IsoDate; actual: number | null; held: number | null }[]
  worstActual: number | null
  worstHeld: number | null
} {
  const d = getDecision(db, decisionId)
  if (!d) throw new DomainError('NOT_FOUND', `Decision ${decisionId} does not exist`)
  const input = loadLedgerInputs(db, [d.positionId]).get(d.positionId)!
  const h = marks.market()
  const asOf = h.sessionOnOrBefore('9999-12-31')
  const p = decisionPaths(input, reviewDecisionOf(forReview(d)), h, asOf)
  return {
    asOf,
    points: p.points.map((x: PathPoint) => ({
      date: x.date,
      actual: dollars(x.actualE4),
      held: dollars(x.heldE4),
    })),
    worstActual: dollars(p.worstActualE4),
    worstHeld: dollars(p.worstHeldE4),
  }
}

/**
 * For a dry-run: the outcome of the path each decision's replayed recommendation implies, where
 * it is computable (shared/review/outcomes.ts: HOLD held to expiry, CLOSE_ALL closed at the
 * marks, CLOSE_CALL/PUT_SPREAD that side closed and the rest held; the action actually taken:
 * what was done), beside what was done. Dollars; null with the reason otherwise.
 */
export function replayOutcomes(
  db: Db,
  marks: MarkService,
  replays: readonly { decisionId: number; action: string }[],
): Map<number, { actual: number | null; outcome: number | null; note: string | null }> {
  const out = new Map<
    number,
    { actual: number | null; outcome: number | null; note: string | null }
  >()
  // Only the replayed decisions: a dry-run page asks for 100 of 30,000.
  const decisions = new Map(
    listDecisionsForReview(
      db,
      replays.map((r) => r.decisionId),
    ).map((d) => [d.id, d]),
  )
  const inputs = loadLedgerInputs(
    db,
    [...new Set(replays.map((r) => decisions.get(r.decisionId)?.positionId ?? 0))].filter(Boolean),
  )
  const h = marks.market()
  const asOf = h.sessionOnOrBefore('9999-12-31')
  for (const r of replays) {
    const d = decisions.get(r.decisionId)
    const input = d && inputs.get(d.positionId)
    if (!d || !input) continue
    try {
      const base = reviewDecisionOf(d)
      const o = decisionOutcome(input, { ...base, recommended: r.action }, h, asOf)
      const same = r.action === d.actionTaken
      const outcomeE4 = same ? o.actualE4 : o.recommendedPathE4
      const note = same
        ? 'the same action as was taken'
        : outcomeE4 === null
          ? (o.notes.find((n) => n.startsWith('recommended path')) ?? null)
          : o.final
            ? null
            : 'model values as of the last stored date (not final)'
      out.set(r.decisionId, { actual: dollars(o.actualE4), outcome: dollars(outcomeE4), note })
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e
      out.set(r.decisionId, { actual: null, outcome: null, note: e.message })
    }
  }
  return out
}
