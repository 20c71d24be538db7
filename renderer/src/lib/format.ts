import { daysBetween, nyDateOf } from '../../../shared/dates.ts'
import { formatE4, parseE4 } from '../../../shared/money.ts'

export const todayNy = (): string => nyDateOf(new Date())

/** Calendar days to expiry counted in New York. */
export const dte = (expiration: string | null): number | null =>
  expiration ? daysBetween(todayNy(), expiration) : null

const grouping = /\B(?=(\d{3})+(?!\d))/g

/** Exact dollars from e4 units with thousands separators: 1234567800 → "$123,456.78" (sub-cent digits kept). */
export function dollars(e4: number): string {
  const text = formatE4(e4, 2)
  const [whole = '', frac] = text.replace('-', '').split('.')
  const sign = e4 < 0 ? '−' : ''
  return `${sign}$${whole.replace(grouping, ',')}${frac ? `.${frac}` : ''}`
}

/**
 * A money figure from the core (an exact decimal string) in dollars with thousands separators
 * and at least two decimals: "-7338.5" → "−$7,338.50"; "—" when the figure is unknown.
 */
export function money(value: string | null | undefined): string {
  if (value == null) return '—'
  const e4 = parseE4(value)
  // Not a decimal: show it as sent rather than hide it.
  return e4 === null ? value : dollars(e4)
}

export const points = (e4: number): string => formatE4(e4, 2)

/** A per-share price with at least two decimals and a true minus: "3.4" → "3.40", "-0.0125" → "−0.0125". */
export function price(value: string | null | undefined): string {
  if (value == null) return '—'
  const e4 = parseE4(value)
  if (e4 === null) return value
  return formatE4(e4, 2).replace('-', '−')
}

export const dash = (v: string | number | null | undefined): string =>
  v == null || v === '' ? '—' : String(v)

/**
 * One formatter per format, made once: building an Intl formatter costs far more than using one,
 * and `toLocale*String` builds one on every call (a 30,000-row table paid for 30,000).
 */
const NY_HOUR_MINUTE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
const COUNT = new Intl.NumberFormat('en-US')

/** "14:30": the New York wall-clock time of an instant, 24-hour. */
export const nyHourMinute = (d: Date): string => NY_HOUR_MINUTE.format(d)

/** A whole number with thousands separators: 12345 → "12,345". */
export const count = (n: number): string => COUNT.format(n)

/** "2026-06-12 14:30 ET": an instant as a New York date and time. */
export function instantShort(iso: string): string {
  const d = new Date(iso)
  return `${nyDateOf(d)} ${nyHourMinute(d)} ET`
}

/**
 * A dollars number from the core (exact to $0.0001) to the cent, rounded half away from zero,
 * with thousands separators and a true minus: -2230 → "−$2,230.00"; "—" when unknown. With
 * `signed` a gain reads "+$450.00" (edges, differences); zero has no sign.
 */
export function usd(value: number | null | undefined, signed = false): string {
  if (value == null || !Number.isFinite(value)) return '—'
  const e4 = Math.round(value * 10_000)
  const cents = Math.floor((Math.abs(e4) + 50) / 100)
  if (cents === 0) return '$0.00'
  const text = dollars(cents * 100 * Math.sign(e4))
  return signed && e4 > 0 ? `+${text}` : text
}
