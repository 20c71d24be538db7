/**
 * Statement times → UTC instants. Wall-clock times are read in a zone with luxon (IANA zones from
 * the platform's ICU data, DST rules included) rather than hand-made zone arithmetic; a time with
 * an explicit offset needs no zone rules and is converted directly. Wall-clock times are read in
 * the zone the trader chose (default America/New_York); date-only rows become 16:00 New York on
 * their date, so the trade date never moves.
 */
import { DateTime, IANAZone } from 'luxon'
import { NY_TZ } from '../../../../shared/dates.ts'

export const DEFAULT_ZONE = NY_TZ

/** True when `zone` is an IANA zone name this platform knows. */
export const isZone = (zone: string): boolean => IANAZone.isValidZone(zone)

export interface Instant {
  /** ISO-8601 UTC with milliseconds, ending in Z. */
  utc: string
  /** The calendar date as the statement printed it. */
  date: string
}

/**
 * A wall-clock time in `zone` → UTC. Parts are validated (no 25:00, no 31 June). In the hour a
 * DST switch skips, luxon moves forward; in the repeated hour it takes the earlier instant.
 */
export function wallTimeToUtc(
  date: string,
  hour: number,
  minute: number,
  second: number,
  zone: string,
): Instant | null {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour, minute, second }, { zone })
  if (!dt.isValid) return null
  return { utc: dt.toUTC().toISO({ suppressMilliseconds: false })!, date }
}

/**
 * An ISO-8601 time with an explicit offset, with or without a colon (`2025-06-02T10:47:15-0400`,
 * `…-04:00`, `…Z`) → UTC; the statement's own date is the date in that offset.
 */
export function offsetTimeToUtc(text: string): Instant | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(
    text.trim(),
  )
  if (!m) return null
  // An explicit offset needs no zone rules: the instant is the wall time minus the offset.
  // (Checked the plain way rather than through luxon: an import reads 100,000 of these.)
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number]
  const hour = Number(m[2])
  const minute = Number(m[3])
  const second = Number(m[4] ?? '0')
  const ms = m[5] ? Math.round(Number(`0${m[5]}`) * 1000) : 0
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  if (mo < 1 || mo > 12 || d < 1 || d > days || hour > 23 || minute > 59 || second > 59) return null
  let offsetMinutes = 0
  if (m[6] !== 'Z') {
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(m[6]!)!
    const oh = Number(o[2])
    const om = Number(o[3])
    if (oh > 18 || om > 59) return null
    offsetMinutes = (o[1] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  const utc = Date.UTC(y, mo - 1, d, hour, minute, second, ms) - offsetMinutes * 60_000
  return { utc: new Date(utc).toISOString(), date: m[1]! }
}

/** A date-only row: 16:00 New York on that date (the close), whatever zone was chosen. */
export function dateOnlyToUtc(date: string): Instant | null {
  return wallTimeToUtc(date, 16, 0, 0, NY_TZ)
}

/**
 * The IANA zone a statement names after its time ("2026-01-05;10:00:00 EST"): US abbreviations
 * (EST and EDT both mean New York time, so the DST rule of the date applies), UTC/GMT, or an IANA
 * name itself. Null when the text is not a zone Wingman knows.
 */
export function zoneOfName(name: string): string | null {
  const n = name.trim()
  const byAbbreviation: Record<string, string> = {
    EST: NY_TZ,
    EDT: NY_TZ,
    ET: NY_TZ,
    CST: 'America/Chicago',
    CDT: 'America/Chicago',
    CT: 'America/Chicago',
    MST: 'America/Denver',
    MDT: 'America/Denver',
    PST: 'America/Los_Angeles',
    PDT: 'America/Los_Angeles',
    UTC: 'UTC',
    GMT: 'UTC',
    Z: 'UTC',
  }
  const abbr = byAbbreviation[n.toUpperCase()]
  if (abbr) return abbr
  return n.includes('/') && isZone(n) ? n : null
}
