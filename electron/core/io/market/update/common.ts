import { closeTime, isCoveredDate } from '../../../../../shared/calendar/index.ts'
import { nyDateOf, nyWallTimeToInstant } from '../../../../../shared/dates.ts'
import type {
  SourceResult,
  UpdateProgress,
  UpdateSourceId,
} from '../../../../../shared/marketUpdate.ts'
import type { ImportReport } from '../../../../../shared/market.ts'

/** What every source updater is given. */
export interface UpdateContext {
  /** Where every URL starts (the publisher's origin, or the --source-base override). */
  origin: string
  /** The last date to store (New York), normally today. */
  until: string
  /** The clock: a row of today's date counts only once the session is over. */
  now: Date
  timeoutMs: number
  signal?: AbortSignal
  fetchImpl?: typeof fetch
  progress: (p: UpdateProgress) => void
}

/** Index closes are final a quarter of an hour after the NYSE closes (VIX settles at 16:15). */
const FINAL_AFTER_CLOSE_MIN = 15

/**
 * True when the publisher's row for `date` is the day's final value at `now`: any earlier day;
 * today only after the close (16:15 New York, 13:15 on an early close); never a later day.
 */
export function isFinalDay(date: string, now: Date): boolean {
  const today = nyDateOf(now)
  if (date < today) return true
  if (date > today) return false
  const close = (isCoveredDate(date) ? closeTime(date) : null) ?? '16:00'
  const [h, m] = close.split(':').map(Number) as [number, number]
  return now >= nyWallTimeToInstant(date, h, m + FINAL_AFTER_CLOSE_MIN)
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** The result of a source from the importer's report. */
export function resultOf(
  base: Pick<SourceResult, 'source' | 'label' | 'urls' | 'before' | 'notes'>,
  report: ImportReport | null,
  after: string | null,
  what: string,
  /** The last published day the download started from. */
  since: string | null,
): SourceResult {
  const counts = report?.counts ?? { inserted: 0, updated: 0, unchanged: 0 }
  const problems = report?.problems ?? []
  const refused = report ? report.totalRows - report.goodRows : 0
  const stored = counts.inserted + counts.updated
  const range = base.before && after && after > base.before ? ` up to ${after}` : ''
  let message =
    stored > 0
      ? `stored ${plural(stored, what)}${range}` +
        (counts.updated ? ` (${plural(counts.updated, 'close')} typed by hand replaced)` : '')
      : since
        ? `nothing published after ${since} yet`
        : 'nothing published yet'
  if (refused)
    message += `; ${plural(refused, 'row')} of the file refused${problems[0] ? ` (line ${problems[0].line}: ${problems[0].reason})` : ''}`
  return {
    ...base,
    status: stored > 0 ? 'updated' : 'current',
    message,
    after,
    counts,
    problems,
  }
}

export function failedResult(
  base: Pick<SourceResult, 'source' | 'label' | 'urls' | 'before' | 'notes'>,
  reason: string,
): SourceResult {
  return {
    ...base,
    status: 'failed',
    message: `nothing stored: ${reason}`,
    after: base.before,
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    problems: [],
  }
}

export type SourceBase = Pick<SourceResult, 'source' | 'label' | 'urls' | 'before' | 'notes'>

export const baseOf = (
  source: UpdateSourceId,
  label: string,
  before: string | null,
): SourceBase => ({ source, label, urls: [], before, notes: [] })
