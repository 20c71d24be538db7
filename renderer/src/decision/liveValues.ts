import { isCoveredDate, isTradingDay, previousTradingDay } from '../../../shared/calendar/index.ts'
import { isIsoDate } from '../../../shared/dates.ts'
import type { HandEntryResult, HandSeries } from '../../../shared/marketUpdate.ts'

/** The decision panel's live market values: field, label, and the series it is the close of. */
export const LIVE_FIELDS = [
  ['spot', 'Spot (SPX)', 'SPX'],
  ['vix', 'VIX', 'VIX'],
  ['vix9d', 'VIX9D', 'VIX9D'],
  ['vix3m', 'VIX3M', 'VIX3M'],
  ['vx1', 'VX1', 'VX1'],
  ['vx2', 'VX2', 'VX2'],
  ['vx3', 'VX3', 'VX3'],
] as const satisfies readonly (readonly [string, string, HandSeries])[]
export type LiveKey = (typeof LIVE_FIELDS)[number][0]
export type LiveText = Record<LiveKey, string>

/**
 * The NYSE session whose close a date's values are: the date itself on a trading day, else the
 * trading day before (as the signals read it). A date outside the calendar is returned as it
 * is, for the core to refuse in words; null while the date field is not a date.
 */
export function sessionOf(date: string): string | null {
  if (!isIsoDate(date)) return null
  if (!isCoveredDate(date)) return date
  return isTradingDay(date) ? date : previousTradingDay(date)
}

/** "today’s closes" or "the closes of 2026-07-22". */
export const closesOf = (session: string, today: string): string =>
  session === today ? 'today’s closes' : `the closes of ${session}`

export interface ClosesToKeep {
  closes: Partial<Record<HandSeries, number>>
  /** Fields still holding the value the panel was prefilled with (stand-ins, not typed here). */
  untouched: HandSeries[]
}

/**
 * What "keep as today's closes" would store: every live value typed in the panel, by series.
 * A value left as the panel was prefilled with (Today's stand-in of an earlier session's close)
 * is not the day's close and is left out; a value that is not a positive number is refused.
 */
export function closesToKeep(
  live: LiveText,
  prefilled: Partial<Record<LiveKey, number>> = {},
): ClosesToKeep | { error: string } {
  const closes: ClosesToKeep['closes'] = {}
  const untouched: HandSeries[] = []
  for (const [key, label, series] of LIVE_FIELDS) {
    const text = live[key].trim()
    if (!text) continue
    const value = Number(text)
    if (!Number.isFinite(value) || value <= 0)
      return { error: `${label} must be a positive number` }
    if (prefilled[key] !== undefined && prefilled[key] === value) untouched.push(series)
    else closes[series] = value
  }
  return { closes, untouched }
}

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 })
const SOURCE_WORDS = { file: 'a file', publisher: 'the publisher’s download' } as const

/**
 * What was kept, in the trader's words: the closes stored by hand (and what they replaced), the
 * ones the journal already had from a file or a download and did not change, and the fields
 * left out because they still held the prefilled values.
 */
export function keptMessage(
  r: HandEntryResult,
  today: string,
  untouched: readonly string[] = [],
): string {
  const parts: string[] = []
  const day = r.date === today ? `today’s closes (${r.date})` : `the closes of ${r.date}`
  if (r.stored.length)
    parts.push(
      `Kept as ${day}, entered by hand: ${r.stored
        .map(
          (s) =>
            `${s.series} ${fmt(s.value)}` +
            (s.was !== null && s.was !== s.value ? ` (was ${fmt(s.was)}, typed before)` : ''),
        )
        .join(', ')}.`,
    )
  for (const source of ['file', 'publisher'] as const) {
    const kept = r.kept.filter((k) => k.source === source)
    if (kept.length)
      parts.push(
        `Not changed — ${r.date} is already stored from ${SOURCE_WORDS[source]}: ${kept
          .map(
            (k) =>
              `${k.series} ${fmt(k.stored)}` +
              (k.stored !== k.value ? ` (you typed ${fmt(k.value)})` : ''),
          )
          .join(', ')}.`,
      )
  }
  if (untouched.length)
    parts.push(
      `Not kept: ${untouched.join(', ')} still ${untouched.length === 1 ? 'holds' : 'hold'} the value the panel was prefilled with; type the day’s close to keep it.`,
    )
  return parts.join(' ')
}
