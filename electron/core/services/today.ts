/**
 * Today (issue 16): every open position evaluated the way the decision panel evaluates it —
 * the same snapshot (services/decisions.ts buildSnapshot via evaluateDecision), the same
 * ruleset evaluation — on the latest stored data as of a date: spot, VIX and the rest from the
 * stored closes of that session, leg marks from the journal's marks (yours, else the model:
 * entry IV moved with the VIX, else the VIX term structure). The rows carry the exact inputs, so
 * the decision panel opens prefilled with them.
 *
 * Order: tested positions first (the larger wing penetration first), then what expires today or
 * tomorrow, then the rest (nearest expiry first).
 */
import { isTradingDay, previousTradingDay } from '../../../shared/calendar/nyse.ts'
import { addDays, nyDateOf } from '../../../shared/dates.ts'
import type { DecisionInputsParsed } from '../../../shared/decisions.ts'
import type { IsoDate } from '../../../shared/domain.ts'
import { computeLedger } from '../../../shared/ledger.ts'
import { SCALE } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import type { StaleSeries, TodayReport, TodayRow } from '../../../shared/today.ts'
import type { Db } from '../db/connection.ts'
import { getAppState, setAppState } from '../db/repositories/appState.ts'
import { getPositionSummary, setPositionRuleset } from '../db/repositories/positions.ts'
import { writeTransaction } from '../db/transaction.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import { marketOverview } from '../db/repositories/market.ts'
import { getRulesetVersion } from '../db/repositories/rulesets.ts'
import { evaluateDecision } from './decisions.ts'
import type { MarkService } from './marks.ts'
import { getPosition } from './positionView.ts'
import type { SignalService } from './signals.ts'
import { stmt } from '../db/statements.ts'

/** The ruleset a position falls back to when neither it nor Settings names one. */
export const FALLBACK_RULESET = 'mechanical-wing'

/** The journal's default ruleset (Settings), or the fallback. */
export function defaultRulesetId(db: Db): string {
  const chosen = getAppState(db, 'default_ruleset')
  return chosen && getRulesetVersion(db, chosen) ? chosen : FALLBACK_RULESET
}

/** Series the market signals read, as the Market page names them. */
const SIGNAL_SERIES: { symbol: string; label: string }[] = [
  { symbol: 'SPX', label: 'SPX' },
  { symbol: 'VIX', label: 'VIX' },
  { symbol: 'VIX9D', label: 'VIX9D' },
  { symbol: 'VIX3M', label: 'VIX3M' },
  { symbol: 'VX1', label: 'VX futures' },
]

/**
 * A series is stale when its history ends before the last NYSE session before the date (the
 * date's own close may not be in yet).
 */
function staleSeries(db: Db, date: IsoDate): StaleSeries[] {
  const asOf = previousTradingDay(date)
  const overview = marketOverview(db)
  const last = new Map(overview.instruments.map((i) => [i.symbol, i.last]))
  const out: StaleSeries[] = []
  for (const s of SIGNAL_SERIES) {
    const l = last.get(s.symbol) ?? null
    if (l === null || l < asOf) out.push({ series: s.label, lastDate: l })
  }
  if (overview.breadth.last === null || overview.breadth.last < asOf)
    out.push({ series: 'NYSE breadth', lastDate: overview.breadth.last })
  return out
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null)

/** The stored closes of a session, in the decision panel's live-value fields. */
function latestCloses(marks: MarkService, session: IsoDate): DecisionInputsParsed['live'] {
  const h = marks.market()
  const live: DecisionInputsParsed['live'] = {}
  for (const [field, symbol] of [
    ['spot', 'SPX'],
    ['vix', 'VIX'],
    ['vix9d', 'VIX9D'],
    ['vix3m', 'VIX3M'],
    ['vx1', 'VX1'],
    ['vx2', 'VX2'],
    ['vx3', 'VX3'],
  ] as const) {
    const close = h.bar(symbol, session)?.close
    if (close !== undefined && close !== null && close > 0) live[field] = close
  }
  return live
}

function groupOf(row: Pick<TodayRow, 'callWingPenetration' | 'putWingPenetration' | 'dte'>) {
  const tested = Math.max(row.callWingPenetration ?? -Infinity, row.putWingPenetration ?? -Infinity)
  if (tested >= 0) return 'tested' as const
  if (row.dte !== null && row.dte <= 1) return 'expiring' as const
  return 'other' as const
}

const RANK = { tested: 0, expiring: 1, other: 2 } as const
const penetrationOf = (r: TodayRow) =>
  Math.max(r.callWingPenetration ?? -Infinity, r.putWingPenetration ?? -Infinity)

function sortRows(rows: TodayRow[]): TodayRow[] {
  return rows.sort(
    (a, b) =>
      RANK[a.group] - RANK[b.group] ||
      (a.group === 'tested' ? penetrationOf(b) - penetrationOf(a) : 0) ||
      (a.dte ?? Infinity) - (b.dte ?? Infinity) ||
      a.positionId - b.positionId,
  )
}

export interface TodayOptions {
  date: IsoDate
  /** Judge every position by this ruleset instead of its own / the default. */
  rulesetId?: string
}

/** The open positions (opened on or before the date) as Today shows them. */
export function todayReport(
  db: Db,
  signals: SignalService,
  marks: MarkService,
  options: TodayOptions,
): TodayReport {
  const { date } = options
  if (options.rulesetId !== undefined && !getRulesetVersion(db, options.rulesetId))
    throw new DomainError('NOT_FOUND', `No ruleset "${options.rulesetId}"`, {
      rulesetId: 'Unknown ruleset',
    })
  const fallback = defaultRulesetId(db)
  const ids = stmt(
    db,
    `SELECT id FROM positions
          WHERE status = 'open' AND voided_at IS NULL AND opened_on <= ? ORDER BY id`,
    { pluck: true },
  ).all(date) as number[]
  const inputsById = loadLedgerInputs(db, ids)
  // Decisions logged on the date (a New York day lies within 04:00Z and 05:00Z of the next UTC
  // day; the exact test is on the New York date).
  const decided = new Set(
    (
      stmt(
        db,
        'SELECT position_id, decided_at FROM decisions WHERE decided_at >= ? AND decided_at < ?',
      ).all(`${date}T04:00:00.000Z`, `${addDays(date, 1)}T05:00:00.000Z`) as {
        position_id: number
        decided_at: string
      }[]
    )
      .filter((d) => nyDateOf(new Date(d.decided_at)) === date)
      .map((d) => d.position_id),
  )
  const dataDate = marks.dataDate(date)
  // Past the stored history (the usual case for "today" until the data is updated), the latest
  // stored closes stand in for the date's own, as values typed into the decision panel would:
  // the stale series are named in the report, and the snapshot notes the gap.
  const session = isTradingDay(date) ? date : previousTradingDay(date)
  const live = dataDate !== null && dataDate < session ? latestCloses(marks, dataDate) : {}
  const rows: TodayRow[] = []
  for (const id of ids) {
    const input = inputsById.get(id)
    const detail = getPosition(db, marks, id, date, input)
    const s = detail.summary
    const rulesetId = options.rulesetId ?? s.rulesetId ?? fallback
    const rulesetSource: TodayRow['rulesetSource'] =
      options.rulesetId !== undefined ? 'asked' : s.rulesetId ? 'position' : 'default'
    // The open option legs' marks as of the date, per share (yours, else the model's).
    const legMarks: Record<string, number> = {}
    if (input) {
      for (const [legId, m] of marks.marks(input, computeLedger(input), date, undefined, true)) {
        const leg = input.legs.find((l) => l.id === legId)
        if (leg?.instrumentType === 'option' && 'priceE4' in m)
          legMarks[String(legId)] = m.priceE4 / SCALE
      }
    }
    const inputs: DecisionInputsParsed = {
      positionId: id,
      date,
      rulesetId,
      live,
      marks: legMarks,
      flags: {},
    }
    const evaluation = evaluateDecision(db, signals, inputs, detail)
    const v = evaluation.snapshot.values
    const rec = evaluation.recommendation
    const row: TodayRow = {
      positionId: id,
      structure: s.structure,
      underlying: s.underlying,
      legsLabel: s.legsLabel,
      dte: num(v.dte),
      spot: num(v.spot),
      callWingPenetration: num(v.call_wing_penetration),
      putWingPenetration: num(v.put_wing_penetration),
      shortCallDelta: num(v.short_call_delta),
      shortPutDelta: num(v.short_put_delta),
      openPnl: s.figures?.openPnl ?? null,
      openPnlDate: s.figures?.openPnlAsOf ?? null,
      openPnlBasis: s.figures?.openPnlNote ?? s.figuresError,
      hedgeLayers: new Set(
        detail.legs
          .filter((l) => l.hedgeLayerId !== null && l.openQuantity !== 0)
          .map((l) => l.hedgeLayerId),
      ).size,
      rulesetId: evaluation.ruleset.id,
      rulesetVersion: evaluation.ruleset.version,
      rulesetSource,
      action: rec.action,
      rule: rec.rule,
      explanation: rec.explanation,
      missing: [...new Set(rec.notEvaluated.flatMap((n) => n.missing))].sort(),
      dataDate: evaluation.snapshot.session || null,
      group: 'other',
      decidedToday: decided.has(id),
      inputs: {
        positionId: id,
        date,
        rulesetId: evaluation.ruleset.id,
        rulesetVersion: evaluation.ruleset.version,
        live,
        marks: legMarks,
        flags: {},
      },
    }
    row.group = groupOf(row)
    rows.push(row)
  }
  return {
    date,
    dataDate,
    defaultRulesetId: fallback,
    rows: sortRows(rows),
    stale: staleSeries(db, date),
  }
}

/** Settings: the journal's default ruleset. */
export function setDefaultRuleset(db: Db, rulesetId: string, now: Date): void {
  if (!getRulesetVersion(db, rulesetId))
    throw new DomainError('NOT_FOUND', `No ruleset "${rulesetId}"`, {
      rulesetId: 'Unknown ruleset',
    })
  writeTransaction(db, () => setAppState(db, 'default_ruleset', rulesetId, now.toISOString()))
}

/** The position's own ruleset (null: the journal's default). */
export function setPositionRulesetChoice(
  db: Db,
  positionId: number,
  rulesetId: string | null,
  now: Date,
): void {
  if (rulesetId !== null && !getRulesetVersion(db, rulesetId))
    throw new DomainError('NOT_FOUND', `No ruleset "${rulesetId}"`, {
      rulesetId: 'Unknown ruleset',
    })
  writeTransaction(db, () => {
    if (!getPositionSummary(db, positionId))
      throw new DomainError('NOT_FOUND', `Position ${positionId} does not exist`)
    setPositionRuleset(db, positionId, rulesetId, now.toISOString())
  })
}
