import { vixExpiriesAfter } from './calendar/expiries.ts'
import { addDays, daysBetween } from './dates.ts'
import { MODEL_DIV, MODEL_RATE } from './decisions.ts'
import type { IsoDate } from './domain.ts'
import type { LedgerLeg, LegMark } from './ledger.ts'
import { bsmPrice } from './math/bsm.ts'
import { impliedVol } from './math/impliedVol.ts'
import { termStructureIv, vixScaledIv, type VixCurve } from './modelIv.ts'
import { SCALE } from './money.ts'
import { settleLeg } from './settlement.ts'

/**
 * The model value of a leg on a date from the stored daily history — the one valuation the open
 * P&L, the payoff's default IVs and the review use. Options on SPX, SPXW and XSP: Black–Scholes
 * on that date's SPX close (÷10 for XSP), with the IV of shared/modelIv.ts, rate and dividend
 * MODEL_RATE / MODEL_DIV; on and after the expiry: the settlement (shared/settlement.ts); VX
 * futures: the stored VX settlement of that contract. Every result is a labelled model value
 * with the date of its data, or a reason it cannot be had.
 */

/** Stored daily history, read-only: bars by series and date, and the SPX sessions. */
export interface MarketHistory {
  bar(symbol: string, date: IsoDate): { open: number | null; close: number } | null
  /** The latest stored SPX session on or before `date`, or null. */
  sessionOnOrBefore(date: IsoDate): IsoDate | null
}

/** A history over in-memory series (symbol → date → bar), SPX dates ascending. */
export function historyOf(
  series: ReadonlyMap<string, ReadonlyMap<IsoDate, { open: number | null; close: number }>>,
): MarketHistory {
  const spx = [...(series.get('SPX')?.keys() ?? [])].sort()
  return {
    bar: (symbol, date) => series.get(symbol)?.get(date) ?? null,
    sessionOnOrBefore(date) {
      let lo = 0
      let hi = spx.length - 1
      let best: IsoDate | null = null
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (spx[mid]! <= date) {
          best = spx[mid]!
          lo = mid + 1
        } else hi = mid - 1
      }
      return best
    },
  }
}

/** The series a valuation reads. */
export const MODEL_SERIES = [
  'SPX',
  'VIX',
  'VIX9D',
  'VIX3M',
  'VIX6M',
  ...Array.from({ length: 8 }, (_, i) => `VX${i + 1}`),
] as const

/** A price per share of the leg on a date that its IV starts from (its entry, a decision's mark). */
export interface IvAnchor {
  priceE4: number
  date: IsoDate
}

export interface LegModel {
  iv: number | null
  ivSource: 'entry price × VIX' | 'VIX term structure' | null
}

export type MarkResult = LegMark | { missing: string }

/** Roots valued off the stored SPX history, with the factor to the index (XSP = SPX / 10). */
const SPX_ROOTS: Record<string, number> = { SPX: 1, SPXW: 1, XSP: 0.1 }

const days = daysBetween
const prevDay = (d: IsoDate) => addDays(d, -1)

function vixCurve(h: MarketHistory, date: IsoDate): VixCurve {
  const c = (s: string) => h.bar(s, date)?.close ?? null
  return { vix9d: c('VIX9D'), vix: c('VIX'), vix3m: c('VIX3M'), vix6m: c('VIX6M') }
}

/**
 * The IV a leg is valued with on `date`: implied from the anchor price on the anchor's session
 * and moved with the VIX since (IV_t = IV_anchor × VIX_t / VIX_anchor); without an anchor (or
 * one no IV fits), the VIX term structure of `date` at the leg's days to expiry.
 */
export function legIv(
  leg: LedgerLeg,
  anchor: IvAnchor | null,
  date: IsoDate,
  h: MarketHistory,
): LegModel {
  const factor = SPX_ROOTS[leg.root ?? '']
  if (factor === undefined || leg.strikeE4 === null || leg.optionType === null)
    return { iv: null, ivSource: null }
  const vixNow = h.bar('VIX', date)?.close
  if (anchor && vixNow) {
    const at = h.sessionOnOrBefore(anchor.date)
    const spot = at ? h.bar('SPX', at)?.close : undefined
    const vixThen = at ? h.bar('VIX', at)?.close : undefined
    const t = at ? days(at, leg.expiration) / 365 : 0
    if (spot && vixThen && t > 0) {
      try {
        const iv = impliedVol({
          type: leg.optionType,
          spot: spot * factor,
          strike: leg.strikeE4 / SCALE,
          t,
          rate: MODEL_RATE,
          div: MODEL_DIV,
          price: anchor.priceE4 / SCALE,
        })
        return { iv: vixScaledIv(iv, vixThen, vixNow), ivSource: 'entry price × VIX' }
      } catch {
        // a price outside the no-arbitrage bounds at that close: use the term structure
      }
    }
  }
  const iv = termStructureIv(vixCurve(h, date), Math.max(days(date, leg.expiration), 0))
  return { iv, ivSource: iv === null ? null : 'VIX term structure' }
}

/**
 * The model value per share of a leg on the session `asOf` (see the module comment). `openedOn`
 * refuses to value a leg from data older than the leg itself.
 */
export function modelMark(
  leg: LedgerLeg,
  anchor: IvAnchor | null,
  openedOn: IsoDate | undefined,
  asOf: IsoDate | null,
  h: MarketHistory,
  /**
   * The day the option is valued for, when later than the data (Today on a date past the stored
   * history): the data's spot and IV, the time to expiry from this day. Defaults to `asOf`.
   */
  valuedOn?: IsoDate,
): MarkResult {
  const root = leg.root ?? ''
  if (asOf === null) return { missing: 'no SPX history is stored' }
  if (leg.expiration <= asOf) {
    const settled = settleLeg(
      {
        instrumentType: leg.instrumentType,
        root,
        optionType: leg.optionType,
        strikeE4: leg.strikeE4,
        expiration: leg.expiration,
        multiplier: leg.multiplier,
        quantity: leg.quantity,
      },
      (symbol, d) => h.bar(symbol, d),
    )
    if (!settled.ok) return { missing: settled.reason }
    return { priceE4: settled.intrinsicE4, date: leg.expiration, source: 'settlement' }
  }
  if (leg.instrumentType === 'future') {
    if (root !== 'VX') return { missing: `no stored history for ${root} futures: enter a mark` }
    // the bundled VX1 still holds the expiring contract on its expiry day: count from the day before
    const n = vixExpiriesAfter(prevDay(asOf), 8).indexOf(leg.expiration) + 1
    const vx = n > 0 ? h.bar(`VX${n}`, asOf) : null
    if (!vx)
      return {
        missing: `no stored VX settlement for ${asOf} (the VX history ends earlier): enter a mark`,
      }
    return { priceE4: Math.round(vx.close * SCALE), date: asOf, source: 'VX settlement' }
  }
  if (openedOn !== undefined && asOf < openedOn)
    return {
      missing: `the stored history ends ${asOf}, before this leg was opened (${openedOn}): update the market data or enter a mark`,
    }
  const factor = SPX_ROOTS[root]
  if (factor === undefined)
    return {
      missing:
        root === 'VIX' || root === 'VIXW'
          ? 'VIX options have no model here: enter a mark'
          : `no stored history for ${root}: enter a mark`,
    }
  const on = valuedOn !== undefined && valuedOn > asOf ? valuedOn : asOf
  if (leg.expiration <= on)
    return {
      missing: `it expired ${leg.expiration}, after the stored history (${asOf}): book its expiry`,
    }
  const spx = h.bar('SPX', asOf)
  if (!spx) return { missing: `no SPX close is stored for ${asOf}` }
  const { iv } = legIv(leg, anchor, asOf, h)
  if (iv === null) return { missing: `no VIX close is stored for ${asOf}` }
  const price = bsmPrice({
    type: leg.optionType!,
    spot: spx.close * factor,
    strike: leg.strikeE4! / SCALE,
    t: days(on, leg.expiration) / 365,
    rate: MODEL_RATE,
    div: MODEL_DIV,
    vol: iv,
  })
  // A model value is rounded to 0.0001 per share before it touches money.
  return { priceE4: Math.round(price * SCALE), date: asOf, source: 'model' }
}
