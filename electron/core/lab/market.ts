import type { IsoDate } from '../../../shared/domain.ts'
import type { BarLookup, SettlementBar } from '../../../shared/settlement.ts'
import type { Db } from '../db/connection.ts'
import { getBars } from '../db/repositories/market.ts'
import { skewSlopeOf, type PricingDay } from './model.ts'

/**
 * The stored history a lab run reads, loaded once per run into arrays and maps: SPX bars (the
 * sessions, the underlying, the settlements), the VIX family (the model's volatility), SKEW (its
 * skew slope) and the VX futures by rank (the hedges).
 */
export interface LabMarket {
  /** SPX sessions, ascending. */
  sessions: IsoDate[]
  index: Map<IsoDate, number>
  spxClose: Float64Array
  bars: BarLookup
  close(symbol: string, date: IsoDate): number | null
  /** The pricing inputs of a session, or null without an SPX or VIX close. */
  pricing(date: IsoDate): PricingDay | null
  /** First and last VX1 dates (null without VX history). */
  vxRange: { first: IsoDate; last: IsoDate } | null
}

const SYMBOLS = [
  'VIX',
  'VIX9D',
  'VIX3M',
  'VIX6M',
  'SKEW',
  ...Array.from({ length: 8 }, (_, i) => `VX${i + 1}`),
]

export function loadLabMarket(db: Db): LabMarket {
  const spx = getBars(db, 'SPX')
  const sessions = spx.map((b) => b.date)
  const index = new Map(sessions.map((d, i) => [d, i]))
  const spxClose = Float64Array.from(spx.map((b) => b.close))
  const spxBars = new Map<IsoDate, SettlementBar>(
    spx.map((b) => [b.date, { open: b.open ?? null, close: b.close }]),
  )
  const closes = new Map<string, Map<IsoDate, number>>()
  const vixBars = new Map<IsoDate, SettlementBar>()
  for (const symbol of SYMBOLS) {
    const rows = getBars(db, symbol)
    closes.set(symbol, new Map(rows.map((b) => [b.date, b.close])))
    if (symbol === 'VIX')
      for (const b of rows) vixBars.set(b.date, { open: b.open ?? null, close: b.close })
  }
  const close = (symbol: string, date: IsoDate): number | null =>
    symbol === 'SPX' ? (spxBars.get(date)?.close ?? null) : (closes.get(symbol)?.get(date) ?? null)
  const pricingCache = new Map<IsoDate, PricingDay | null>()
  const vx1 = [...(closes.get('VX1')?.keys() ?? [])].sort()
  return {
    sessions,
    index,
    spxClose,
    bars: (symbol, date) => (symbol === 'SPX' ? spxBars.get(date) : vixBars.get(date)) ?? null,
    close,
    pricing(date) {
      let p = pricingCache.get(date)
      if (p !== undefined) return p
      const spot = close('SPX', date)
      const vix = close('VIX', date)
      p =
        spot === null || vix === null
          ? null
          : {
              date,
              spot,
              curve: {
                vix9d: close('VIX9D', date),
                vix,
                vix3m: close('VIX3M', date),
                vix6m: close('VIX6M', date),
              },
              skewSlope: skewSlopeOf(close('SKEW', date)),
            }
      pricingCache.set(date, p)
      return p
    },
    vxRange: vx1.length ? { first: vx1[0]!, last: vx1[vx1.length - 1]! } : null,
  }
}
