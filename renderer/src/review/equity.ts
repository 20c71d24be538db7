import type { IsoDate } from '../../../shared/domain.ts'
import type { ReviewPositionRow } from '../../../shared/review/report.ts'

/**
 * The equity curve and the monthly calendar of the Review page, read from the core's position
 * P&L (dollars exact to $0.0001). The only arithmetic is putting those figures in time order and
 * adding them up, done on e4 integers so that the sums are exact and match the core's totals.
 */

/** A position's P&L placed in time: closed on its closed date, open ones at the review's as-of. */
export interface DatedPnl {
  id: number
  date: IsoDate
  /** Dollars. */
  pnl: number
  /** False when a model value is in it. */
  final: boolean
}

export interface EquityPoint {
  date: IsoDate
  /** Cumulative P&L at the end of the day, dollars. */
  equity: number
  /** Equity below its running peak (≤ 0; the peak starts at 0), dollars. */
  drawdown: number
}

const toE4 = (dollars: number): number => Math.round(dollars * 10_000)

/** When each position counts: its dates (the review's own position rows carry them), by id. */
export interface PositionDates {
  id: number
  closedOn: IsoDate | null
  openedOn: IsoDate
}

/**
 * The positions with a known P&L, each at its closed date (open ones at `asOf`, else their open
 * date); `unknown` lists the ids whose P&L the core could not compute; `start` is the first
 * opening date among them, where the curve starts from 0.
 */
export function datedPositions(
  positions: readonly ReviewPositionRow[],
  dates: readonly PositionDates[],
  asOf: IsoDate | null,
): { items: DatedPnl[]; unknown: number[]; start: IsoDate | null } {
  const byId = new Map(dates.map((d) => [d.id, d]))
  const items: DatedPnl[] = []
  const unknown: number[] = []
  let start: IsoDate | null = null
  for (const p of positions) {
    const d = byId.get(p.id)
    if (p.pnl === null || !d) {
      unknown.push(p.id)
      continue
    }
    const date = p.status === 'closed' ? (d.closedOn ?? asOf ?? d.openedOn) : (asOf ?? d.openedOn)
    items.push({ id: p.id, date, pnl: p.pnl, final: p.final })
    if (start === null || d.openedOn < start) start = d.openedOn
  }
  return { items, unknown, start }
}

/**
 * Cumulative P&L in time order, one point per day (the day's positions summed), with the
 * drawdown below the running peak. Positions on the same day count in id order. With `start`
 * (before the first position's date) the curve begins there at 0.
 */
export function equityCurve(
  items: readonly DatedPnl[],
  start: IsoDate | null = null,
): EquityPoint[] {
  const sorted = [...items].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id,
  )
  const points: EquityPoint[] = []
  if (start !== null && sorted[0] && start < sorted[0].date)
    points.push({ date: start, equity: 0, drawdown: 0 })
  let equityE4 = 0
  let peakE4 = 0
  for (const item of sorted) {
    equityE4 += toE4(item.pnl)
    peakE4 = Math.max(peakE4, equityE4)
    const point = {
      date: item.date,
      equity: equityE4 / 10_000,
      drawdown: (equityE4 - peakE4) / 10_000,
    }
    if (points[points.length - 1]?.date === item.date) points[points.length - 1] = point
    else points.push(point)
  }
  return points
}

/** The calendar: P&L summed by month of each position's date, years in order. */
export interface MonthlyCalendar {
  years: number[]
  /** By "YYYY-MM": the month's sum in dollars and how many positions it has. */
  months: Map<string, { pnl: number; count: number }>
}

export function monthlyCalendar(items: readonly DatedPnl[]): MonthlyCalendar {
  const sums = new Map<string, { e4: number; count: number }>()
  for (const item of items) {
    const key = item.date.slice(0, 7)
    const cell = sums.get(key) ?? { e4: 0, count: 0 }
    cell.e4 += toE4(item.pnl)
    cell.count += 1
    sums.set(key, cell)
  }
  const years = [...new Set([...sums.keys()].map((k) => Number(k.slice(0, 4))))].sort(
    (a, b) => a - b,
  )
  const months = new Map([...sums].map(([k, v]) => [k, { pnl: v.e4 / 10_000, count: v.count }]))
  return { years, months }
}

/** The year's sum in the calendar, dollars (exact, from e4). */
export function yearTotal(calendar: MonthlyCalendar, year: number): number {
  let e4 = 0
  for (const [key, cell] of calendar.months) if (key.startsWith(`${year}-`)) e4 += toE4(cell.pnl)
  return e4 / 10_000
}

/** The first date a path reaches its worst value (the max adverse excursion), null when unknown. */
export function worstDate(
  points: readonly { date: string; actual: number | null; held: number | null }[],
  key: 'actual' | 'held',
  worst: number | null,
): string | null {
  if (worst === null) return null
  const target = toE4(worst)
  return points.find((p) => p[key] !== null && toE4(p[key]) === target)?.date ?? null
}
