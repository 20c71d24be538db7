/**
 * Contract calendar facts for the roots Wingman trades: which days SPX monthlies, VIX options
 * and VX futures expire on, whether an expiry or a fill date is possible at all, and the listed
 * strike grid. Every check returns a trader-worded refusal (or warning) or null, never throws
 * on user input. Holidays come from the NYSE calendar in nyse.ts; Cboe and CFE close on the
 * same full days, so one calendar serves all of them.
 */
import type { IsoDate } from '../domain.ts'
import { isIsoDate } from '../dates.ts'
import { formatE4 } from '../money.ts'
import { dayNumber, isoOfDayNumber, nthWeekday, weekdayOf } from './civil.ts'
import {
  NYSE_FIRST_YEAR,
  NYSE_LAST_YEAR,
  ONE_OFF_CLOSURES,
  holidayName,
  isCoveredDate,
  isTradingDay,
  previousTradingDay,
} from './nyse.ts'

const WEDNESDAY = 3
const FRIDAY = 5

const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

function checkMonth(year: number, month: number): void {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`not a year and month: ${year}-${month}`)
}

function yearMonthOf(date: IsoDate): [number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))]
}

function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekdayOf(dayNumber(date))]
}

function monthLabel(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`
}

/** The third Friday of a month (month 1–12), e.g. (2026, 12) → "2026-12-18". */
export function thirdFriday(year: number, month: number): IsoDate {
  checkMonth(year, month)
  return isoOfDayNumber(nthWeekday(year, month, FRIDAY, 3))
}

/**
 * The expiry of the SPX monthly (root SPX, AM-settled) of a month: the third Friday, or the
 * NYSE trading day before it when that Friday is a holiday, e.g. (2025, 4) → "2025-04-17"
 * (2025-04-18 was Good Friday) and (2026, 6) → "2026-06-18" (Juneteenth).
 */
export function spxMonthlyExpiry(year: number, month: number): IsoDate {
  const friday = thirdFriday(year, month)
  // The Thursday in practice: Good Friday and a Friday Juneteenth are the only holidays that
  // can land on a third Friday (the 15th–21st), and neither has a holiday the day before.
  return isTradingDay(friday) ? friday : previousTradingDay(friday)
}

/** True when `date` is an SPX monthly (AM-settled) expiry; false for any other date. */
export function isSpxMonthlyExpiry(date: IsoDate): boolean {
  if (!isIsoDate(date) || !isCoveredDate(date)) return false
  const [year, month] = yearMonthOf(date)
  return spxMonthlyExpiry(year, month) === date
}

/**
 * The final settlement date of the VIX options and VX futures of a contract month (month 1–12):
 * the Wednesday 30 calendar days before the third Friday of the FOLLOWING month; when that Friday
 * is an NYSE holiday, 30 days before the trading day preceding it; when the date so found is
 * itself a holiday, the trading day before. E.g. (2024, 1) → "2024-01-17", (2025, 3) →
 * "2025-03-18" (April's third Friday was Good Friday), (2024, 6) → "2024-06-18" (Juneteenth).
 * The date always falls inside the contract month itself.
 */
export function vixExpiry(year: number, month: number): IsoDate {
  checkMonth(year, month)
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1]
  const friday = thirdFriday(nextYear, nextMonth)
  const anchor = isTradingDay(friday) ? friday : previousTradingDay(friday)
  const candidate = isoOfDayNumber(dayNumber(anchor) - 30)
  return isTradingDay(candidate) ? candidate : previousTradingDay(candidate)
}

/**
 * The next `n` VIX/VX monthly expiries strictly after `date`. Convention: the VX1 of a day is the
 * front contract not yet expired at that day's close, so on an expiry day itself the expiring
 * contract (settled that morning on the VRO) is NOT listed and VX1 is the next month. The bundled
 * vix_futures_daily.csv uses the other convention: on an expiry day its vx1 column still holds
 * the expiring contract's final settlement. The contract month of each expiry is its own month.
 */
export function vixExpiriesAfter(date: IsoDate, n: number): IsoDate[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`)
  dayNumber(date) // throws RangeError for anything but a real date
  let [year, month] = yearMonthOf(date)
  const out: IsoDate[] = []
  while (out.length < n) {
    const expiry = vixExpiry(year, month)
    if (expiry > date) out.push(expiry)
    ;[year, month] = month === 12 ? [year + 1, 1] : [year, month + 1]
  }
  return out
}

/**
 * " (the nearest VIX expiries are … and …)" for a hint, or "" at the calendar's edges, where the
 * neighbouring expiry would need a year the NYSE calendar does not cover.
 */
function vixExpiriesAroundHint(date: IsoDate): string {
  const [year, month] = yearMonthOf(date)
  const [prevYear, prevMonth] = month === 1 ? [year - 1, 12] : [year, month - 1]
  try {
    // Each contract month's expiry falls inside that month, so the one before `date` is this
    // month's (when on or before `date`) or last month's.
    const current = vixExpiry(year, month)
    const before = current <= date ? current : vixExpiry(prevYear, prevMonth)
    return ` (the nearest VIX expiries are ${before} and ${vixExpiriesAfter(date, 1)[0]})`
  } catch {
    return ''
  }
}

/**
 * `date` in words for an expiry hint: "2026-12-17 is a Thursday", "2025-04-18 is Good Friday and
 * the NYSE is closed", "2012-10-29 is a Monday and the NYSE was closed (Hurricane Sandy)".
 */
function describeDay(date: IsoDate): string {
  const holiday = holidayName(date)
  if (!holiday) return `${date} is a ${weekdayName(date)}`
  if (ONE_OFF_CLOSURES[date])
    return `${date} is a ${weekdayName(date)} and the NYSE was closed (${holiday})`
  return `${date} is ${holiday} and the NYSE is closed`
}

/**
 * Why `date` is not an NYSE session ("2026-12-25 is Christmas Day; the NYSE is closed"), or null
 * when it is one. One-off closures read "…is a Monday, but the NYSE was closed (Hurricane Sandy)".
 */
function closedReason(date: IsoDate): string | null {
  if (isTradingDay(date)) return null
  const holiday = holidayName(date)
  if (!holiday) return `${date} is a ${weekdayName(date)}; the NYSE is closed`
  if (ONE_OFF_CLOSURES[date])
    return `${date} is a ${weekdayName(date)}, but the NYSE was closed (${holiday})`
  return `${date} is ${holiday}; the NYSE is closed`
}

/** A refusal for text that is not a date the calendar covers, or null when it is usable. */
function dateProblem(date: string, what: string): string | null {
  if (!isIsoDate(date)) return `The ${what} "${date}" is not a date (YYYY-MM-DD)`
  if (!isCoveredDate(date))
    return `The ${what} ${date} is outside the years Wingman's NYSE calendar covers (${NYSE_FIRST_YEAR}–${NYSE_LAST_YEAR})`
  return null
}

/** A Wednesday session, or the session before a Wednesday holiday (where VIX weeklys move). */
function isVixWeeklyExpiry(date: IsoDate): boolean {
  if (!isTradingDay(date)) return false
  const n = dayNumber(date)
  if (weekdayOf(n) === WEDNESDAY) return true
  const next = isoOfDayNumber(n + 1)
  return weekdayOf(n + 1) === WEDNESDAY && !isTradingDay(next)
}

function isVixMonthlyExpiry(date: IsoDate): boolean {
  const [year, month] = yearMonthOf(date)
  // The month after NYSE_LAST_YEAR's December is outside the calendar.
  if (year === NYSE_LAST_YEAR && month === 12) return false
  return vixExpiry(year, month) === date
}

/** " (the trading day before is …)", or "" when that day is before the calendar's first year. */
function previousSessionHint(date: IsoDate): string {
  try {
    return ` (the trading day before is ${previousTradingDay(date)})`
  } catch {
    return ''
  }
}

const SESSION_ROOTS = new Set(['SPXW', 'XSP', 'SPY', 'RUT', 'NDX'])

/**
 * A trader-worded refusal when no contract of `root` can expire on `expiration`, or null.
 * SPX (monthly, AM): the third Friday, the Thursday before when that Friday is a holiday.
 * VIX (monthly options) and VX (futures): a VIX monthly expiry (see vixExpiry). VIXW: any
 * Wednesday session, the session before a Wednesday holiday, or a monthly expiry. SPXW, XSP,
 * SPY, RUT, NDX and roots Wingman does not know: any NYSE session (no listed US option expires
 * on a day the exchange is closed; the check cannot tell whether that expiry was listed).
 */
export function checkExpiry(root: string, expiration: IsoDate): string | null {
  const problem = dateProblem(expiration, 'expiration')
  if (problem) return problem
  const r = root.trim().toUpperCase()
  const [year, month] = yearMonthOf(expiration)

  if (r === 'SPX') {
    if (isSpxMonthlyExpiry(expiration)) return null
    return (
      `SPX monthly options expire on the third Friday (the Thursday before when that Friday is an ` +
      `NYSE holiday); ${describeDay(expiration)} (the ${monthLabel(year, month)} expiry is ${spxMonthlyExpiry(year, month)})`
    )
  }

  if (r === 'VIX' || r === 'VX') {
    if (isVixMonthlyExpiry(expiration)) return null
    const what = r === 'VIX' ? 'VIX monthly options' : 'VX futures'
    return (
      `${what} expire on the Wednesday 30 days before the next month's third Friday; ` +
      describeDay(expiration) +
      vixExpiriesAroundHint(expiration)
    )
  }

  if (r === 'VIXW') {
    if (isVixWeeklyExpiry(expiration) || isVixMonthlyExpiry(expiration)) return null
    return (
      `VIX weekly options expire on a Wednesday (the trading day before when that Wednesday is ` +
      `an NYSE holiday); ${describeDay(expiration)}`
    )
  }

  const closed = closedReason(expiration)
  if (!closed) return null
  const label = SESSION_ROOTS.has(r) ? `${r} options` : 'Options'
  return `${label} expire only on NYSE trading days; ${closed}${previousSessionHint(expiration)}`
}

/**
 * A trader-worded refusal when a fill cannot have happened on `date`, or null: the NYSE was
 * closed (weekend or a named holiday), it is before the position was opened, or after `today`.
 * `date` is the trade date: Cboe's overnight session that starts on Sunday evening and CFE's
 * holiday sessions belong to the next business day's trade date.
 */
export function checkTradeDate(
  date: IsoDate,
  { openedOn, today }: { openedOn?: IsoDate | null; today: IsoDate },
): string | null {
  const problem = dateProblem(date, 'fill date')
  if (problem) return problem
  const closed = closedReason(date)
  if (closed) return `${closed}, so nothing was filled that day`
  if (openedOn && date < openedOn)
    return `the position was opened on ${openedOn}; a fill on ${date} is before that`
  if (date > today) return `a fill on ${date} is after today (${today})`
  return null
}

/**
 * The listed strike step of a root in index points (or dollars for SPY), or null for a root whose
 * grid Wingman does not know (including VX futures, which have no strike). Simplified on purpose:
 * SPX/SPXW 5, XSP 1, SPY 1, RUT 5, NDX 10 everywhere (far out-of-the-money NDX strikes are
 * listed 25 apart, so one such as 20025 draws a false warning; we accept that for a simple
 * rule), VIX/VIXW 1 (half points are also listed at low strikes, and checkStrikeIncrement
 * accepts them anywhere). `strike` is unused for now; it keeps the signature ready
 * for strike-dependent grids.
 */
export function strikeIncrement(root: string, _strike: number): number | null {
  switch (root.trim().toUpperCase()) {
    case 'SPX':
    case 'SPXW':
    case 'RUT':
      return 5
    case 'XSP':
    case 'SPY':
      return 1
    case 'NDX':
      return 10
    case 'VIX':
    case 'VIXW':
      return 1
    default:
      return null
  }
}

/** The finest grid accepted without a warning, in e4 units (VIX half points: see above). */
function acceptedStepE4(root: string, strikeE4: number): number | null {
  const r = root.trim().toUpperCase()
  if (r === 'VIX' || r === 'VIXW') return 5_000
  const step = strikeIncrement(r, strikeE4 / 10_000)
  return step === null ? null : step * 10_000
}

/**
 * A WARNING text when a strike (e4 units) is off the root's listed grid, e.g. SPX 5002.5 →
 * "SPX strikes are listed 5 points apart; 5002.5 is not one of them (nearest: 5000 or 5005)";
 * null when it is on the grid or the root's grid is unknown. A warning, not a refusal: the
 * exchange does list odd strikes now and then.
 */
export function checkStrikeIncrement(root: string, strikeE4: number): string | null {
  const r = root.trim().toUpperCase()
  if (!Number.isSafeInteger(strikeE4)) return `the strike is not a price`
  if (strikeE4 <= 0) return `a strike must be above zero, not ${formatE4(strikeE4)}`
  const stepE4 = acceptedStepE4(r, strikeE4)
  if (stepE4 === null || strikeE4 % stepE4 === 0) return null
  const below = strikeE4 - (strikeE4 % stepE4)
  const above = below + stepE4
  const unit = r === 'SPY' ? 'dollar' : 'point'
  const step = formatE4(stepE4)
  const grid =
    r === 'VIX' || r === 'VIXW'
      ? `${r} strikes are listed in whole or half points`
      : `${r} strikes are listed ${step} ${unit}${step === '1' ? '' : 's'} apart`
  const nearest = below > 0 ? `${formatE4(below)} or ${formatE4(above)}` : formatE4(above)
  return `${grid}; ${formatE4(strikeE4)} is not one of them (nearest: ${nearest})`
}
