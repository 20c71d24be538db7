import { spxMonthlyExpiry } from '../../../shared/calendar/expiries.ts'
import { isTradingDay, previousTradingDay } from '../../../shared/calendar/index.ts'
import { addDays } from '../../../shared/dates.ts'
import type { IsoDate } from '../../../shared/domain.ts'

/**
 * The SPX expiries the lab may open or roll to (a simplification of what Cboe listed, stated in
 * the README): the monthly (root SPX, AM-settled on the open) every month since 1990, and from
 * 2005-10-28 — when Cboe listed the first SPX Weeklys — the Friday weeklies (root SPXW,
 * PM-settled on the close; the Thursday before when the Friday is an NYSE holiday). The Monday
 * to Thursday weeklies of later years are not used: a Friday is always within a week of them.
 */
export const FIRST_SPX_WEEKLY = '2005-10-28'

export interface ListedExpiry {
  date: IsoDate
  root: 'SPX' | 'SPXW'
}

/** Every listed expiry (see above) strictly after `after` and on or before `until`, in order. */
export function listedSpxExpiries(after: IsoDate, until: IsoDate): ListedExpiry[] {
  const out: ListedExpiry[] = []
  const monthlies = new Set<string>()
  const [y0, m0] = [Number(after.slice(0, 4)), Number(after.slice(5, 7))]
  const [y1, m1] = [Number(until.slice(0, 4)), Number(until.slice(5, 7))]
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, (m = 1)) : m++)
    monthlies.add(spxMonthlyExpiry(y, m))
  // Fridays from the first Friday after `after`.
  let friday = addDays(after, 1)
  while (new Date(`${friday}T00:00:00Z`).getUTCDay() !== 5) friday = addDays(friday, 1)
  const weeklies = new Set<string>()
  for (; friday <= addDays(until, 1); friday = addDays(friday, 7)) {
    if (friday < FIRST_SPX_WEEKLY) continue
    const day = isTradingDay(friday) ? friday : previousTradingDay(friday)
    if (!monthlies.has(day)) weeklies.add(day)
  }
  for (const d of monthlies) if (d > after && d <= until) out.push({ date: d, root: 'SPX' })
  for (const d of weeklies) if (d > after && d <= until) out.push({ date: d, root: 'SPXW' })
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/** Every listed expiry of a year (1 January is never one), memoised: the lab asks for the same windows again and again. */
const byYear = new Map<number, ListedExpiry[]>()
function yearExpiries(year: number): ListedExpiry[] {
  let list = byYear.get(year)
  if (!list) byYear.set(year, (list = listedSpxExpiries(`${year}-01-01`, `${year}-12-31`)))
  return list
}

/** The first listed expiry on or after `from` and on or before `until`, or null. */
export function firstListedExpiry(from: IsoDate, until: IsoDate): ListedExpiry | null {
  for (let y = Number(from.slice(0, 4)); y <= Number(until.slice(0, 4)); y++)
    for (const e of yearExpiries(y)) if (e.date >= from && e.date <= until) return e
  return null
}

/** The listed expiries strictly after `after` up to `until` (memoised by year). */
export function listedExpiriesBetween(after: IsoDate, until: IsoDate): ListedExpiry[] {
  const out: ListedExpiry[] = []
  for (let y = Number(after.slice(0, 4)); y <= Number(until.slice(0, 4)); y++)
    for (const e of yearExpiries(y)) if (e.date > after && e.date <= until) out.push(e)
  return out
}
