import type { IsoDate } from '../../../shared/domain.ts'
import { NO_CONTROL, type JobControl } from '../jobs/control.ts'
import { computeLedger, LedgerError } from '../../../shared/ledger.ts'
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
} from '../../../shared/review/report.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import {
  getDecision,
  listDecisionsForReview,
  type DecisionForReview,
} from '../db/repositories/decisions.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import { listPositionSummaries } from '../db/repositories/positions.ts'
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

interface Scored {
  record: DecisionForReview
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
  vix: (s) => vixBucket(s.record.values),
  rsi: (s) => vixFuturesRsiBucket(s.record.values)?.band ?? null,
  term: (s) => termStructureBucket(s.record.values),
  event: (s) => eventBucket(s.record.values),
  side: (s) => testedSideBucket(s.record.values),
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

export function runReview(
  db: Db,
  marks: MarkService,
  q: ReviewQuery,
  control: JobControl = NO_CONTROL,
): ReviewReport {
  const h = marks.market()
  const asOf = h.sessionOnOrBefore('9999-12-31')
  const summaries = listPositionSummaries(db, 'all').filter(
    (p) => (!q.from || p.openedOn >= q.from) && (!q.to || p.openedOn <= q.to),
  )
  const byId = new Map(summaries.map((s) => [s.id as number, s]))
  const inputs = loadLedgerInputs(
    db,
    summaries.map((s) => s.id),
  )

  const positions: ReviewPositionRow[] = []
  // each position's marks once: its figures and its decisions' `actual` read the same ones
  const currentMarks = new Map<number, ReturnType<MarkService['marks']>>()
  const positionItems: MetricItem[] = []
  let valued = 0
  for (const s of summaries) {
    if (valued++ % 200 === 0) {
      control.checkCancelled()
      control.progress('Valuing positions', valued - 1, summaries.length)
    }
    const input = inputs.get(s.id)!
    try {
      const ledger = computeLedger(input)
      const m = marks.marks(input, ledger, asOf ?? s.openedOn)
      currentMarks.set(s.id, m)
      const f = positionFigures(input, m)
      const anyModel = f.open.sources.includes('model') || f.open.sources.includes('VX settlement')
      positions.push({
        id: s.id,
        status: s.status,
        realised: dollars(f.ledger.realisedE4),
        open: dollars(f.open.openPnlE4 ?? (f.wire.openPnl === '0' ? 0 : null)),
        fees: f.ledger.feesE4 / 10_000,
        pnl: dollars(f.totalE4),
        final:
          s.status === 'closed' ||
          (!anyModel &&
            f.totalE4 !== null &&
            f.open.missing.length === 0 &&
            f.open.sources.every((x) => x === 'settlement')),
      })
      const item = itemOf(s.closedOn ?? asOf ?? s.openedOn, f.totalE4)
      if (item) positionItems.push(item)
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e
      positions.push({
        id: s.id,
        status: s.status,
        realised: null,
        open: null,
        fees: 0,
        pnl: null,
        final: false,
      })
    }
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
    let outcome: DecisionOutcome
    try {
      // the position's marks once per position, however many decisions it has
      let current = currentMarks.get(d.positionId)
      if (!current)
        currentMarks.set(
          d.positionId,
          (current = marks.marks(input, computeLedger(input), asOf ?? d.date)),
        )
      outcome = decisionOutcome(input, reviewDecisionOf(d), h, asOf, current)
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e
      outcome = {
        actualE4: null,
        closedAtDecisionE4: null,
        heldToExpiryE4: null,
        recommendedPathE4: null,
        edgeVsClosedE4: null,
        edgeVsHeldE4: null,
        final: false,
        notes: [`the position's records contradict each other: ${e.message}`],
      }
    }
    scored.push({ record: d, outcome, tags: s.tags })
  }

  const decisions: ReviewDecisionRow[] = scored.map(({ record: d, outcome: o }) => ({
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
  }))

  const known = scored.filter((s) => s.outcome.actualE4 !== null)
  const decisionItem = (s: Scored) => itemOf(s.record.decidedAt, s.outcome.actualE4, s.outcome)!
  const groups: ReviewReport['groups'] = {}
  for (const key of q.groupBy?.length ? q.groupBy : REVIEW_GROUP_KEYS)
    groups[key] = groupBy(known, KEYS[key], decisionItem, ORDER[key] ?? []).map((g) =>
      groupRow(g.key, g.metrics),
    )

  return {
    asOf,
    decisions,
    positions,
    groups,
    headline: {
      positions: groupRow('positions', summarize(positionItems)),
      decisions: groupRow('decisions', summarize(known.map(decisionItem))),
    },
  }
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
  const decisions = new Map(listDecisionsForReview(db).map((d) => [d.id, d]))
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
