import { nyDateOf } from '../../../shared/dates.ts'
import { vixExpiriesAfter } from '../../../shared/calendar/expiries.ts'
import type { IsoDate } from '../../../shared/domain.ts'
import { MODEL_DIV, MODEL_RATE } from '../../../shared/decisions.ts'
import type { LedgerFigures, LedgerInput, LedgerLeg, LegMark } from '../../../shared/ledger.ts'
import { bsmPrice } from '../../../shared/math/bsm.ts'
import { impliedVol } from '../../../shared/math/impliedVol.ts'
import { termStructureIv, vixScaledIv, type VixCurve } from '../../../shared/modelIv.ts'
import { SCALE } from '../../../shared/money.ts'
import { settleLeg } from '../../../shared/settlement.ts'
import type { SeriesPoint } from '../../../shared/market.ts'
import type { Db } from '../db/connection.ts'
import { getBars } from '../db/repositories/market.ts'
import { enteredMarksAsOf } from '../db/repositories/positions.ts'

/** How a leg's model value was found: its IV and where the IV came from. */
export interface LegModel {
  iv: number | null
  ivSource: 'entry price × VIX' | 'VIX term structure' | null
}

export type MarkResult = LegMark | { missing: string }

/** Roots whose underlying is the stored SPX history, with the factor to the index (XSP = SPX/10). */
const SPX_ROOTS: Record<string, number> = { SPX: 1, SPXW: 1, XSP: 0.1 }

const SERIES = [
  'SPX',
  'VIX',
  'VIX9D',
  'VIX3M',
  'VIX6M',
  'VX1',
  'VX2',
  'VX3',
  'VX4',
  'VX5',
  'VX6',
  'VX7',
  'VX8',
]

const days = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
const prevDay = (d: IsoDate) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

/**
 * Marks for open legs as of a date, from the stored history (labelled model values), the marks
 * the trader entered, or the settlement at expiry (shared/settlement.ts). Loads the series it
 * needs once per instance; call `invalidate` after market data changes.
 */
export class MarkService {
  private series: Map<string, Map<IsoDate, SeriesPoint>> | null = null
  private spxDates: IsoDate[] = []

  private readonly db: Db

  constructor(db: Db) {
    this.db = db
  }

  invalidate(): void {
    this.series = null
  }

  private load(): Map<string, Map<IsoDate, SeriesPoint>> {
    if (this.series) return this.series
    const m = new Map<string, Map<IsoDate, SeriesPoint>>()
    for (const s of SERIES) m.set(s, new Map(getBars(this.db, s).map((p) => [p.date, p])))
    this.spxDates = [...(m.get('SPX')?.keys() ?? [])]
    this.series = m
    return m
  }

  private bar(symbol: string, date: IsoDate): SeriesPoint | null {
    return this.load().get(symbol)?.get(date) ?? null
  }

  /** The latest stored SPX session on or before `date` (the model's data date), or null. */
  dataDate(date: IsoDate): IsoDate | null {
    this.load()
    const ds = this.spxDates
    let lo = 0
    let hi = ds.length - 1
    let best: IsoDate | null = null
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (ds[mid]! <= date) {
        best = ds[mid]!
        lo = mid + 1
      } else hi = mid - 1
    }
    return best
  }

  private curve(date: IsoDate): VixCurve {
    const c = (s: string) => this.bar(s, date)?.close ?? null
    return { vix9d: c('VIX9D'), vix: c('VIX'), vix3m: c('VIX3M'), vix6m: c('VIX6M') }
  }

  /** The IV a leg is valued with on `date` (see shared/modelIv.ts), with its source. */
  legIv(leg: LedgerLeg, input: LedgerInput, date: IsoDate): LegModel {
    const factor = SPX_ROOTS[leg.root ?? '']
    if (factor === undefined || leg.strikeE4 === null || leg.optionType === null)
      return { iv: null, ivSource: null }
    const open = input.fills.find(
      (f) => f.legId === leg.id && f.effect === 'open' && f.priceE4 !== null,
    )
    const vixNow = this.bar('VIX', date)?.close
    if (open && vixNow) {
      const entryDate = this.dataDate(nyDateOf(new Date(open.executedAt)))
      const spot = entryDate ? this.bar('SPX', entryDate)?.close : undefined
      const vixEntry = entryDate ? this.bar('VIX', entryDate)?.close : undefined
      const t = entryDate ? days(entryDate, leg.expiration) / 365 : 0
      if (spot && vixEntry && t > 0) {
        try {
          const iv = impliedVol({
            type: leg.optionType,
            spot: spot * factor,
            strike: leg.strikeE4 / SCALE,
            t,
            rate: MODEL_RATE,
            div: MODEL_DIV,
            price: open.priceE4! / SCALE,
          })
          return { iv: vixScaledIv(iv, vixEntry, vixNow), ivSource: 'entry price × VIX' }
        } catch {
          // a price outside the no-arbitrage bounds at the close: fall back to the term structure
        }
      }
    }
    const iv = termStructureIv(this.curve(date), Math.max(days(date, leg.expiration), 0))
    return { iv, ivSource: iv === null ? null : 'VIX term structure' }
  }

  /** A mark for each open leg of a position as of `date` (a New York date, usually today). */
  marks(input: LedgerInput, ledger: LedgerFigures, date: IsoDate): Map<number, MarkResult> {
    const out = new Map<number, MarkResult>()
    const openLegs = input.legs.filter((l) => (ledger.legs.get(l.id)?.openQuantity ?? 0) !== 0)
    if (openLegs.length === 0) return out
    const asOf = this.dataDate(date)
    const entered = enteredMarksAsOf(
      this.db,
      openLegs.map((l) => l.id),
      date,
    )
    for (const leg of openLegs) {
      const mine = entered.get(leg.id)
      // A mark the trader typed wins unless the stored history is newer than it.
      if (mine && (asOf === null || mine.date >= asOf)) {
        out.set(leg.id, { priceE4: mine.priceE4, date: mine.date, source: 'user' })
        continue
      }
      const m = this.modelMark(leg, input, asOf)
      if ('missing' in m && mine)
        out.set(leg.id, { priceE4: mine.priceE4, date: mine.date, source: 'user' })
      else out.set(leg.id, m)
    }
    return out
  }

  private modelMark(leg: LedgerLeg, input: LedgerInput, asOf: IsoDate | null): MarkResult {
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
        (symbol, d) => {
          const b = this.bar(symbol, d)
          return b ? { open: b.open, close: b.close } : null
        },
      )
      if (!settled.ok) return { missing: settled.reason }
      return { priceE4: settled.intrinsicE4, date: leg.expiration, source: 'settlement' }
    }
    if (leg.instrumentType === 'future') {
      if (root !== 'VX') return { missing: `no stored history for ${root} futures: enter a mark` }
      const n = vixExpiriesAfter(prevDay(asOf), 8).indexOf(leg.expiration) + 1
      const vx = n > 0 ? this.bar(`VX${n}`, asOf) : null
      if (!vx)
        return {
          missing: `no stored VX settlement for ${asOf} (the VX history ends earlier): enter a mark`,
        }
      return { priceE4: Math.round(vx.close * SCALE), date: asOf, source: 'VX settlement' }
    }
    const opened = input.fills
      .filter((f) => f.legId === leg.id && f.effect === 'open')
      .map((f) => nyDateOf(new Date(f.executedAt)))
      .sort()[0]
    if (opened !== undefined && asOf < opened)
      return {
        missing: `the stored history ends ${asOf}, before this leg was opened (${opened}): update the market data or enter a mark`,
      }
    const factor = SPX_ROOTS[root]
    if (factor === undefined)
      return {
        missing:
          root === 'VIX' || root === 'VIXW'
            ? 'VIX options have no model here: enter a mark'
            : `no stored history for ${root}: enter a mark`,
      }
    const spot = this.bar('SPX', asOf)!.close * factor
    const { iv } = this.legIv(leg, input, asOf)
    if (iv === null) return { missing: `no VIX close is stored for ${asOf}` }
    const price = bsmPrice({
      type: leg.optionType!,
      spot,
      strike: leg.strikeE4! / SCALE,
      t: days(asOf, leg.expiration) / 365,
      rate: MODEL_RATE,
      div: MODEL_DIV,
      vol: iv,
    })
    // A model value is rounded to 0.0001 per share before it touches money.
    return { priceE4: Math.round(price * SCALE), date: asOf, source: 'model' }
  }
}
