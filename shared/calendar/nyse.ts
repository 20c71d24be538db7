/**
 * The NYSE trading calendar, 1990–2099: full-day closures (rules plus one-off closures) and
 * early closes, on plain ISO dates in America/New_York. Dates outside the covered years throw a
 * RangeError rather than guess: before 1990 the exchange kept rules this module does not model
 * (Saturday sessions, Election Day, the 1968 paperwork Wednesdays, older observance rules).
 */
import {
  dayNumber,
  dayNumberOf,
  easterSunday,
  isoOfDayNumber,
  lastWeekday,
  nthWeekday,
  weekdayOf,
} from './civil.ts'

export const NYSE_FIRST_YEAR = 1990
export const NYSE_LAST_YEAR = 2099

/** Regular close in New York wall time. */
export const REGULAR_CLOSE = '16:00'

/**
 * One-off full-day closures since 1990 (NYSE historical closings), each with its reason.
 * Weekday dates only; rule-based holidays are computed, not listed.
 */
export const ONE_OFF_CLOSURES: Readonly<Record<string, string>> = {
  '1994-04-27': 'National Day of Mourning for President Nixon',
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National Day of Mourning for President Reagan',
  '2007-01-02': 'National Day of Mourning for President Ford',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning for President George H. W. Bush',
  '2025-01-09': 'National Day of Mourning for President Carter',
}

/** One-off early closes since 1990 that no rule produces, with their NY close time. */
const ONE_OFF_EARLY_CLOSES: Readonly<Record<string, string>> = {
  // Christmas Eve closed early by board decision before the 1999 rule.
  '1990-12-24': '14:00',
  '1991-12-24': '14:00',
  '1992-12-24': '14:00',
  '1996-12-24': '13:00',
  '1997-12-24': '13:00',
  '1998-12-24': '13:00',
  // The Friday after Christmas, twice.
  '1997-12-26': '13:00',
  '2003-12-26': '13:00',
}

interface YearCalendar {
  /** Weekday closures: day number → name. */
  holidays: Map<number, string>
  /** Early closes: day number → NY close time ("13:00"). */
  earlyCloses: Map<number, string>
}

const SUNDAY = 0
const MONDAY = 1
const TUESDAY = 2
const WEDNESDAY = 3
const THURSDAY = 4
const FRIDAY = 5
const SATURDAY = 6

/** Saturday → the Friday before, Sunday → the Monday after (NYSE Rule 7.2). */
function nearestWeekday(n: number): number {
  const wd = weekdayOf(n)
  return wd === SATURDAY ? n - 1 : wd === SUNDAY ? n + 1 : n
}

function holidaysOf(year: number): Map<number, string> {
  const out = new Map<number, string>()
  const add = (n: number, name: string) => out.set(n, name)

  // New Year's Day: a Sunday moves to Monday, but a Saturday Jan 1 is NOT observed on the
  // Friday before — that Friday ends an accounting year and the exchange stays open.
  const newYear = dayNumberOf(year, 1, 1)
  if (weekdayOf(newYear) === SUNDAY) add(newYear + 1, "New Year's Day (observed)")
  else if (weekdayOf(newYear) !== SATURDAY) add(newYear, "New Year's Day")

  if (year >= 1998) add(nthWeekday(year, 1, MONDAY, 3), 'Martin Luther King Jr. Day')
  add(nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday")
  add(easterSunday(year) - 2, 'Good Friday')
  add(lastWeekday(year, 5, MONDAY), 'Memorial Day')
  if (year >= 2022) add(nearestWeekday(dayNumberOf(year, 6, 19)), 'Juneteenth')
  add(nearestWeekday(dayNumberOf(year, 7, 4)), 'Independence Day')
  add(nthWeekday(year, 9, MONDAY, 1), 'Labor Day')
  add(nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day')
  add(nearestWeekday(dayNumberOf(year, 12, 25)), 'Christmas Day')

  for (const [date, name] of Object.entries(ONE_OFF_CLOSURES))
    if (Number(date.slice(0, 4)) === year) add(dayNumber(date), name)
  return out
}

function earlyClosesOf(year: number, holidays: Map<number, string>): Map<number, string> {
  const out = new Map<number, string>()
  const add = (n: number, time: string) => {
    const wd = weekdayOf(n)
    if (wd !== SATURDAY && wd !== SUNDAY && !holidays.has(n)) out.set(n, time)
  }

  // Independence Day: July 3 closes at 13:00 when it is a Monday, Tuesday or Thursday (since
  // 1995); when July 4 fell on a Thursday the early close was the Friday after (1996–2012) and
  // has been Wednesday July 3 since 2013.
  const july3 = dayNumberOf(year, 7, 3)
  const wd3 = weekdayOf(july3)
  if (year >= 1995 && (wd3 === MONDAY || wd3 === TUESDAY || wd3 === THURSDAY)) add(july3, '13:00')
  if (year >= 2013 && wd3 === WEDNESDAY) add(july3, '13:00')
  if (year >= 1996 && year <= 2012 && weekdayOf(july3 + 2) === FRIDAY) add(july3 + 2, '13:00')

  // The day after Thanksgiving: 14:00 in 1992, 13:00 since 1993.
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4)
  if (year === 1992) add(thanksgiving + 1, '14:00')
  if (year >= 1993) add(thanksgiving + 1, '13:00')

  // Christmas Eve at 13:00 when it is Monday to Thursday, since 1999 (a Friday Dec 24 is either
  // the observed Christmas holiday or, in other years, cannot occur with Dec 25 a weekday).
  const christmasEve = dayNumberOf(year, 12, 24)
  const wd24 = weekdayOf(christmasEve)
  if (year >= 1999 && wd24 >= MONDAY && wd24 <= THURSDAY) add(christmasEve, '13:00')

  for (const [date, time] of Object.entries(ONE_OFF_EARLY_CLOSES))
    if (Number(date.slice(0, 4)) === year) add(dayNumber(date), time)
  return out
}

const cache = new Map<number, YearCalendar>()

function yearCalendar(year: number): YearCalendar {
  let cal = cache.get(year)
  if (!cal) {
    if (!Number.isInteger(year) || year < NYSE_FIRST_YEAR || year > NYSE_LAST_YEAR)
      throw new RangeError(
        `the NYSE calendar covers ${NYSE_FIRST_YEAR}–${NYSE_LAST_YEAR}, not ${year}`,
      )
    const holidays = holidaysOf(year)
    cal = { holidays, earlyCloses: earlyClosesOf(year, holidays) }
    cache.set(year, cal)
  }
  return cal
}

function yearOfDayNumber(n: number): number {
  return Number(isoOfDayNumber(n).slice(0, 4))
}

function isTradingDayNumber(n: number): boolean {
  const wd = weekdayOf(n)
  if (wd === SATURDAY || wd === SUNDAY) {
    yearCalendar(yearOfDayNumber(n)) // range check only
    return false
  }
  return !yearCalendar(yearOfDayNumber(n)).holidays.has(n)
}

/** True when `date` covers the years this calendar knows (1990–2099). */
export function isCoveredDate(date: string): boolean {
  const y = Number(date.slice(0, 4))
  dayNumber(date)
  return y >= NYSE_FIRST_YEAR && y <= NYSE_LAST_YEAR
}

/** Every weekday full-day closure of a year, in date order, e.g. 2025 → 10 rule holidays + Carter. */
export function nyseHolidays(year: number): { date: string; name: string }[] {
  return [...yearCalendar(year).holidays.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, name]) => ({ date: isoOfDayNumber(n), name }))
}

/** Every early close of a year with its NY close time, in date order. */
export function nyseEarlyCloses(year: number): { date: string; close: string }[] {
  return [...yearCalendar(year).earlyCloses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, close]) => ({ date: isoOfDayNumber(n), close }))
}

/** The name of the full-day closure on `date` (a weekday holiday), or null. */
export function holidayName(date: string): string | null {
  const n = dayNumber(date)
  return yearCalendar(yearOfDayNumber(n)).holidays.get(n) ?? null
}

/** True when the NYSE holds a session on `date` (a weekday that is not a closure). */
export function isTradingDay(date: string): boolean {
  return isTradingDayNumber(dayNumber(date))
}

/**
 * The NY wall-clock close of the session on `date`: "16:00", an early close such as "13:00",
 * or null when the exchange is closed.
 */
export function closeTime(date: string): string | null {
  const n = dayNumber(date)
  if (!isTradingDayNumber(n)) return null
  return yearCalendar(yearOfDayNumber(n)).earlyCloses.get(n) ?? REGULAR_CLOSE
}

/** True when `date` is a trading day that closes before 16:00. */
export function isEarlyClose(date: string): boolean {
  const close = closeTime(date)
  return close !== null && close !== REGULAR_CLOSE
}

/** The first trading day strictly after `date` (which need not be a trading day). */
export function nextTradingDay(date: string): string {
  let n = dayNumber(date) + 1
  while (!isTradingDayNumber(n)) n++
  return isoOfDayNumber(n)
}

/** The last trading day strictly before `date` (which need not be a trading day). */
export function previousTradingDay(date: string): string {
  let n = dayNumber(date) - 1
  while (!isTradingDayNumber(n)) n--
  return isoOfDayNumber(n)
}

/**
 * Trading days d with from < d ≤ to — the sessions still to come from `from`'s close to `to`'s
 * close — negative (−count of to < d ≤ from) when `to` is earlier. Friday → next Monday = 1;
 * a date to itself = 0.
 */
export function tradingDaysBetween(from: string, to: string): number {
  const a = dayNumber(from)
  const b = dayNumber(to)
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1]
  let count = 0
  for (let n = lo + 1; n <= hi; n++) if (isTradingDayNumber(n)) count++
  return count === 0 ? 0 : sign * count
}

/** Whole calendar days from `from` to `to`, negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/** Days to expiry in calendar days, as PRODUCT.md defines DTE (0 on the expiry date). */
export function calendarDte(asOf: string, expiry: string): number {
  return calendarDaysBetween(asOf, expiry)
}

/** Days to expiry in NYSE trading days: sessions after `asOf` up to and including `expiry`. */
export function tradingDte(asOf: string, expiry: string): number {
  return tradingDaysBetween(asOf, expiry)
}
