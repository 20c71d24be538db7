/**
 * Civil-date arithmetic on ISO dates ("YYYY-MM-DD") through day numbers (days since
 * 1970-01-01), so no time zone or DST can shift a date: trading dates are plain dates.
 */
import { isIsoDate } from '../dates.ts'

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

const MS_PER_DAY = 86_400_000

/** Day number of an ISO date; throws RangeError for anything but a real calendar date. */
export function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`)
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    MS_PER_DAY
  )
}

/** Day number of a year/month(1–12)/day triple (no validation: callers pass real dates). */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/** ISO date of a day number. */
export function isoOfDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Weekday of a day number: 1970-01-01 was a Thursday (4). */
export function weekdayOf(n: number): Weekday {
  return ((((n + 4) % 7) + 7) % 7) as Weekday
}

/** The n-th (1-based) given weekday of a month, e.g. the 4th Thursday of November. */
export function nthWeekday(year: number, month: number, weekday: Weekday, nth: number): number {
  const first = dayNumberOf(year, month, 1)
  return first + ((weekday - weekdayOf(first) + 7) % 7) + (nth - 1) * 7
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekday(year: number, month: number, weekday: Weekday): number {
  const last = dayNumberOf(year, month + 1, 0)
  return last - ((weekdayOf(last) - weekday + 7) % 7)
}

/**
 * Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" computus), e.g. 2024 → 2024-03-31.
 * Valid for every Gregorian year.
 */
export function easterSunday(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return dayNumberOf(year, month, day)
}
