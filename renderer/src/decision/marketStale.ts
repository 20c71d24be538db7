import {
  isCoveredDate,
  previousTradingDay,
  tradingDaysBetween,
} from '../../../shared/calendar/index.ts'
import { HAND_SERIES, type HandSeries, type MarketStaleness } from '../../../shared/marketUpdate.ts'

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

const list = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`

export interface StaleGroup {
  series: string[]
  /** "VIX, VIX9D and VIX3M end 2026-07-22 (90 sessions behind)". */
  text: string
}

/**
 * The series the signals read that end before the date, grouped when they end on the same day:
 * "SPX ends 2026-07-08 (100 sessions behind)", "VX1, VX2 and VX3 end 2021-12-23 (…)".
 */
export function staleGroups(s: MarketStaleness): StaleGroup[] {
  const groups = new Map<string, { series: string[]; last: string | null; behind: number }>()
  for (const x of s.series) {
    if (!x.usedBySignals || (x.sessionsBehind !== null && x.sessionsBehind <= 0)) continue
    const key = `${x.lastDate}|${x.sessionsBehind}`
    const g = groups.get(key)
    if (g) g.series.push(x.series)
    else groups.set(key, { series: [x.series], last: x.lastDate, behind: x.sessionsBehind ?? 0 })
  }
  return [...groups.values()].map((g) => {
    const names = list(g.series)
    const many = g.series.length > 1
    return {
      series: g.series,
      text:
        g.last === null
          ? `${names}: none stored`
          : `${names} ${many ? 'end' : 'ends'} ${g.last} (${plural(g.behind, 'session')} behind)`,
    }
  })
}

/**
 * The series whose signals read earlier closes than the session's, and those signals: a hole
 * shortly before the session changes them.
 */
export const INDICATOR_SERIES: Partial<Record<HandSeries, readonly string[]>> = {
  SPX: ['RSI(14)', 'MACD', 'realised volatility'],
  VIX: ['RSI(14)', 'MACD', 'the VIX 1-day change'],
  VX1: ['RSI(14)'],
}

/** Sessions back from the session the indicators lean on: MACD(12,26,9) needs 35 closes. */
export const GAP_WINDOW = 35

/** A hole in a series' stored closes at the session or shortly before it. */
export interface HistoryGap {
  series: HandSeries
  /**
   * - session: no close on the session itself, though later days are stored (typed by hand
   *   past a history that ended earlier) — the signals reading it are missing;
   * - indicators: the session has its close, but RSI and MACD read across the hole.
   */
  kind: 'session' | 'indicators'
  /** The last stored close before the hole (null: none among the dates given). */
  before: string | null
  /** The first stored close after it. */
  after: string
}

/**
 * Series worth a look for holes: those the signals read, stored up to the session or later,
 * whose last days were typed by hand. Staleness counts them as current (their last day is not
 * before the session), yet a close typed for today after a history that ended months ago leaves
 * every session between without a close.
 */
export function gapCandidates(s: MarketStaleness, session: string): HandSeries[] {
  return s.series
    .filter(
      (x): x is typeof x & { series: HandSeries } =>
        (HAND_SERIES as readonly string[]).includes(x.series) &&
        x.lastDate !== null &&
        x.lastDate >= session &&
        x.handDays > 0,
    )
    .map((x) => x.series)
}

/**
 * The hole of a series (its stored dates around the session, oldest first) that matters on the
 * session: the one the session falls in, else for the series the indicators read the latest one
 * among the GAP_WINDOW sessions up to the session; null when there is none. `before` is null
 * when none of `dates` precedes the hole (the caller may look further back).
 */
export function sessionGap(
  series: HandSeries,
  dates: readonly string[],
  session: string,
): HistoryGap | null {
  if (!isCoveredDate(session)) return null
  const lastBefore = (d: string) => [...dates].reverse().find((x) => x < d) ?? null
  if (!dates.includes(session)) {
    const after = dates.find((d) => d > session)
    return after ? { series, kind: 'session', before: lastBefore(session), after } : null
  }
  if (!INDICATOR_SERIES[series]) return null
  const have = new Set(dates)
  let day = session
  for (let n = 1; n < GAP_WINDOW; n++) {
    day = previousTradingDay(day)
    if (!isCoveredDate(day)) return null
    if (!have.has(day)) {
      const hole = day
      return {
        series,
        kind: 'indicators',
        before: lastBefore(hole),
        after: dates.find((d) => d > hole)!,
      }
    }
  }
  return null
}

/** NYSE sessions with no close between the two stored days. */
export const missingSessions = (g: HistoryGap): number | null =>
  g.before === null ? null : tradingDaysBetween(g.before, g.after) - 1

/** The series sharing a hole, one entry per hole: "VX1, VX2 and VX3: none between … (n sessions)". */
function holeList(gaps: readonly HistoryGap[]): string {
  const byHole = new Map<string, HistoryGap[]>()
  for (const g of gaps) {
    const key = `${g.before}|${g.after}`
    byHole.set(key, [...(byHole.get(key) ?? []), g])
  }
  return [...byHole.values()]
    .map((gs) => {
      const g = gs[0]!
      const n = missingSessions(g)
      const names = list(gs.map((x) => x.series))
      return g.before === null || n === null
        ? `${names}: none stored before ${g.after}`
        : `${names}: none between ${g.before} and ${g.after} (${plural(n, 'session')})`
    })
    .join(' · ')
}

/**
 * The holes in words: "No close stored for 2026-07-22 — SPX: none between 2026-07-08 and
 * 2026-11-27 (99 sessions); the signals that read it are missing." and "SPX: none between
 * 2026-07-08 and 2026-11-27 (99 sessions). RSI(14), MACD and realised volatility read the close
 * after the hole as the next one."
 */
export function gapsText(gaps: readonly HistoryGap[], session: string): string[] {
  const out: string[] = []
  const atSession = gaps.filter((g) => g.kind === 'session')
  if (atSession.length)
    out.push(
      `No close stored for ${session} — ${holeList(atSession)}; the signals that read ${atSession.length === 1 ? 'it are' : 'them are'} missing.`,
    )
  const before = gaps.filter((g) => g.kind === 'indicators')
  if (before.length) {
    const reads = [...new Set(before.flatMap((g) => INDICATOR_SERIES[g.series] ?? []))]
    out.push(
      `${holeList(before)}. ${list(reads)} ${reads.length === 1 ? 'reads' : 'read'} the close after the hole as the next one.`,
    )
  }
  return out
}
