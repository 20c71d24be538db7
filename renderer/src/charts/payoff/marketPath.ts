import { daysBetween } from '../../../../shared/dates.ts'
import type { IsoDate } from '../../../../shared/domain.ts'
import type { SeriesData, SeriesPoint } from '../../../../shared/market.ts'
import { termStructureIv, type VixCurve } from '../../../../shared/modelIv.ts'
import type { IvSource, PayoffLeg } from './payoffModel.ts'

/**
 * The market the payoff's date slider walks through: the stored SPX close and VIX term structure
 * of each date (the latest on or before it, so weekends and dates past the data keep the last
 * close), and each leg's IV moved from the core's value on the model's data date.
 */

/** The VIX family on one stored date. */
export interface VixDay {
  date: IsoDate
  curve: VixCurve
}

/** Symbols of the VIX term structure (shared/modelIv.ts). */
export const VIX_SYMBOLS = ['VIX', 'VIX9D', 'VIX3M', 'VIX6M'] as const

/** Dates with a stored VIX close, ascending, with the rest of the term structure where stored. */
export function vixDays(series: readonly SeriesData[]): VixDay[] {
  const by = (symbol: string) =>
    new Map((series.find((s) => s.symbol === symbol)?.points ?? []).map((p) => [p.date, p.close]))
  const [vix, vix9d, vix3m, vix6m] = VIX_SYMBOLS.map(by) as [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ]
  return [...vix.keys()].sort().map((date) => ({
    date,
    curve: {
      vix: vix.get(date) ?? null,
      vix9d: vix9d.get(date) ?? null,
      vix3m: vix3m.get(date) ?? null,
      vix6m: vix6m.get(date) ?? null,
    },
  }))
}

/** The last item whose `date` is on or before `date` (items ascending by date), or null. */
export function onOrBefore<T extends { date: IsoDate }>(
  items: readonly T[],
  date: IsoDate,
): T | null {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (items[mid]!.date <= date) lo = mid + 1
    else hi = mid
  }
  return lo > 0 ? items[lo - 1]! : null
}

export interface SpotOn {
  /** Underlying price (SPX close × the root's factor). */
  value: number
  /** The date of the SPX close used (the latest on or before the date asked for). */
  date: IsoDate
}

/** The stored spot for `date`: the latest SPX close on or before it, scaled to the root. */
export function spotOn(
  spx: readonly SeriesPoint[],
  date: IsoDate,
  factor: number | null,
): SpotOn | null {
  if (factor === null) return null
  const p = onOrBefore(spx, date)
  return p ? { value: p.close * factor, date: p.date } : null
}

/** The IV used for a leg on one date, with where it came from. */
export interface LegIv {
  /** Decimal per √year, before the slider's shift. */
  iv: number
  source: IvSource | 'assumed'
  /** The date of the VIX data behind it; null when assumed. */
  dataDate: IsoDate | null
}

/** The IV used when the core has none for a leg (no VIX stored, or a root without history). */
export const ASSUMED_IV = 0.15

/**
 * A leg's IV on `date`, starting from the core's value on `asOf`:
 * - from the entry price: IV_date = IV_asOf × VIX_date / VIX_asOf (= IV_entry × VIX_date /
 *   VIX_entry, the core's rule), so on the entry date it is the entry price's own IV;
 * - from the term structure: the VIX curve of the date interpolated to the leg's days to expiry.
 * Without VIX data for the date (not loaded, or before the history) the core's value is kept.
 * Past `asOf` (the last stored SPX close) the VIX data of `asOf` is used, as the core does: the
 * VIX history may run on a few days longer, but a model date is one with an SPX close.
 */
export function legIvOn(
  leg: PayoffLeg,
  date: IsoDate,
  days: readonly VixDay[],
  asOf: IsoDate | null,
): LegIv {
  if (leg.iv === null || leg.ivSource === null)
    return { iv: ASSUMED_IV, source: 'assumed', dataDate: null }
  const day = onOrBefore(days, asOf !== null && date > asOf ? asOf : date)
  if (leg.ivSource === 'entry price × VIX') {
    const ref = asOf === null ? null : onOrBefore(days, asOf)
    if (day?.curve.vix && ref?.curve.vix)
      return {
        iv: (leg.iv * day.curve.vix) / ref.curve.vix,
        source: leg.ivSource,
        dataDate: day.date,
      }
    return { iv: leg.iv, source: leg.ivSource, dataDate: asOf }
  }
  const fromCurve = day
    ? termStructureIv(day.curve, Math.max(daysBetween(date, leg.expiration), 0))
    : null
  return fromCurve === null
    ? { iv: leg.iv, source: leg.ivSource, dataDate: asOf }
    : { iv: fromCurve, source: leg.ivSource, dataDate: day!.date }
}

/**
 * "IV from your entry prices × VIX of 2026-06-01" — the sources of the legs' IVs in a line, for
 * the label under the IV readout.
 */
export function describeIvs(ivs: readonly LegIv[]): string {
  const parts: string[] = []
  const dates = (src: LegIv['source']) => [
    ...new Set(ivs.filter((x) => x.source === src).map((x) => x.dataDate ?? '')),
  ]
  const count = (src: LegIv['source']) => ivs.filter((x) => x.source === src).length
  const legs = (src: LegIv['source']) =>
    count(src) === ivs.length ? '' : ` (${count(src)} leg${count(src) === 1 ? '' : 's'})`
  if (count('entry price × VIX'))
    parts.push(
      `your entry prices × VIX of ${dates('entry price × VIX').join(', ')}${legs('entry price × VIX')}`,
    )
  if (count('VIX term structure'))
    parts.push(
      `the VIX term structure of ${dates('VIX term structure').join(', ')}${legs('VIX term structure')}`,
    )
  if (count('assumed'))
    parts.push(`${(ASSUMED_IV * 100).toFixed(0)} % assumed, no VIX data${legs('assumed')}`)
  return parts.length ? `IV from ${parts.join('; ')}` : ''
}
