/**
 * Plain calendar dates ("YYYY-MM-DD") for trading and expiry days, interpreted in
 * America/New_York; instants are ISO-8601 UTC strings ("2026-11-24T21:00:00.000Z").
 */
export const NY_TZ = 'America/New_York'

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date in ISO form (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE_RE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

const nyParts = new Intl.DateTimeFormat('en-US', {
  timeZone: NY_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

function partsOf(instant: Date): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of nyParts.formatToParts(instant))
    if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out
}

/** The New York calendar date of an instant, e.g. 2026-11-24T02:00Z → "2026-11-23". */
export function nyDateOf(instant: Date): string {
  const p = partsOf(instant)
  const pad = (n: number | undefined, w = 2) => String(n ?? 0).padStart(w, '0')
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
}

/**
 * The UTC instant of a New York wall-clock time on a date, honouring DST: 16:00 on 2026-07-01
 * (EDT, UTC−4) → 20:00Z; on 2026-12-01 (EST, UTC−5) → 21:00Z.
 */
export function nyWallTimeToInstant(date: string, hour: number, minute = 0): Date {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`)
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const guess = Date.UTC(y, mo - 1, d, hour, minute)
  // The offset at the guess is right except within an hour of a DST switch; a second pass fixes that.
  let instant = guess
  for (let i = 0; i < 2; i++) {
    const p = partsOf(new Date(instant))
    const asUtc = Date.UTC(
      p.year ?? 0,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
      p.second ?? 0,
    )
    instant = guess - (asUtc - instant)
  }
  return new Date(instant)
}

/** Whole calendar days from `from` to `to` (both ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)
  return Math.round(ms / 86_400_000)
}

/** The ISO date `days` calendar days after `date` (negative: before), e.g. 2026-03-01, −1 → 2026-02-28. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
