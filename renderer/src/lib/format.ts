import { daysBetween, nyDateOf } from '../../../shared/dates.ts'
import { formatE4 } from '../../../shared/money.ts'

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

export const points = (e4: number): string => formatE4(e4, 2)

export const dash = (v: string | number | null | undefined): string =>
  v == null || v === '' ? '—' : String(v)

export function instantShort(iso: string): string {
  const d = new Date(iso)
  return `${nyDateOf(d)} ${d.toLocaleTimeString('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hour12: false })} ET`
}
