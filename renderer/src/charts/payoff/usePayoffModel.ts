import { useMemo, useState } from 'react'
import { daysBetween } from '../../../../shared/dates.ts'
import type { IsoDate } from '../../../../shared/domain.ts'
import type { SeriesPoint } from '../../../../shared/market.ts'
import {
  dollarGreeks,
  expectedMove,
  probabilityBetween,
  probabilityOfTouch,
  type DollarGreeks,
} from '../../../../shared/math/positionRisk.ts'
import { addDays } from '../../../../shared/dates.ts'
import { describeIvs, legIvOn, spotOn, type LegIv, type SpotOn, type VixDay } from './marketPath.ts'
import {
  expiryExtremes,
  expiryPnl,
  MODEL_MARKET,
  modelPnl,
  riskLegsOn,
  shortStrikes,
  type ExpiryExtremes,
  type PayoffBasis,
} from './payoffModel.ts'
import { gridPrices, priceGrid, type Grid } from './priceGrid.ts'

export const SHIFT_MIN = -10
export const SHIFT_MAX = 20

export interface CurvePoint {
  price: number
  pnl: number
}

/** True when `text` is a number above 0. */
const isSpot = (text: string) =>
  text.trim() !== '' && Number(text) > 0 && Number.isFinite(Number(text))

/**
 * The payoff panel's state and everything derived from it. The date slider runs from the day
 * the structure was complete to the first expiry; on each date the spot is the stored SPX close
 * (the last one on or before it) unless the trader types one, and each leg's IV is moved by that
 * date's VIX data.
 */
export function usePayoffModel(
  basis: PayoffBasis,
  spx: readonly SeriesPoint[],
  vix: readonly VixDay[],
  today: IsoDate,
) {
  const start = basis.since
  const expiry = basis.expiry
  const totalDays = Math.max(daysBetween(start, expiry), 0)
  // A live trade opens on the latest date with data (today when the history is current), so the
  // first figures are the ones on the position's cards; a past trade opens on its first day.
  const anchor = basis.asOf !== null && basis.asOf < today ? basis.asOf : today
  const live = today < expiry && anchor > start && anchor < expiry
  const initialDay = live ? daysBetween(start, anchor) : 0

  const [day, setDay] = useState(initialDay)
  const [shift, setShift] = useState(0)
  // The typed spot: the text being typed and the last valid number; null = follow the history.
  const [typed, setTyped] = useState<{ text: string; value: number | null } | null>(null)

  const dayClamped = Math.min(day, totalDays)
  const valueDate = addDays(start, dayClamped)
  const dte = daysBetween(valueDate, expiry)
  const shorts = useMemo(() => shortStrikes(basis), [basis])

  const stored: SpotOn | null = useMemo(
    () => spotOn(spx, valueDate, basis.spxFactor),
    [spx, valueDate, basis.spxFactor],
  )
  const midShorts =
    shorts.length > 0 ? ((shorts[0] as number) + (shorts[shorts.length - 1] as number)) / 2 : null
  const spot = typed?.value ?? stored?.value ?? midShorts ?? 0
  const spotText = typed ? typed.text : spot > 0 ? spot.toFixed(2) : ''
  const setSpotText = (text: string) =>
    setTyped((prev) => ({ text, value: isSpot(text) ? Number(text) : (prev?.value ?? null) }))

  // The stored path over the whole range, so the price axis stays put while the date moves.
  const pathSpots = useMemo(() => {
    const out: number[] = []
    for (const p of spx)
      if (p.date >= start && p.date <= expiry && basis.spxFactor !== null)
        out.push(p.close * basis.spxFactor)
    const first = spotOn(spx, start, basis.spxFactor)
    if (first) out.push(first.value)
    return out
  }, [spx, start, expiry, basis.spxFactor])
  const grid: Grid | null = useMemo(() => {
    const prices = [...basis.legs.map((l) => l.strikeE4 / 10_000), ...pathSpots]
    if (typed?.value) prices.push(typed.value)
    return prices.length ? priceGrid(prices) : null
  }, [basis, pathSpots, typed?.value])

  const ivs: Map<number, LegIv> = useMemo(
    () => new Map(basis.legs.map((l) => [l.legId, legIvOn(l, valueDate, vix, basis.asOf)])),
    [basis, valueDate, vix],
  )
  const ivAtExpiry = useMemo(
    () => new Map(basis.legs.map((l) => [l.legId, legIvOn(l, expiry, vix, basis.asOf)])),
    [basis, expiry, vix],
  )
  const ivShift = shift / 100
  const legsOnDate = useMemo(
    () => riskLegsOn(basis, valueDate, (l) => ivs.get(l.legId)!.iv),
    [basis, valueDate, ivs],
  )
  const legsAtExpiry = useMemo(
    () => riskLegsOn(basis, expiry, (l) => ivAtExpiry.get(l.legId)!.iv),
    [basis, expiry, ivAtExpiry],
  )

  const prices = useMemo(() => (grid ? gridPrices(grid) : []), [grid])
  const expiryCurve: CurvePoint[] = useMemo(
    () => prices.map((price) => ({ price, pnl: expiryPnl(basis, price, legsAtExpiry, ivShift) })),
    [prices, basis, legsAtExpiry, ivShift],
  )
  const datedCurve: CurvePoint[] = useMemo(
    () => prices.map((price) => ({ price, pnl: modelPnl(basis, legsOnDate, price, ivShift) })),
    [prices, basis, legsOnDate, ivShift],
  )
  const extremes: ExpiryExtremes | null = useMemo(
    () => expiryExtremes(basis, expiryCurve),
    [basis, expiryCurve],
  )

  const risk = useMemo(() => {
    if (!(spot > 0)) return null
    const pnl = modelPnl(basis, legsOnDate, spot, ivShift)
    const greeks: DollarGreeks = dollarGreeks(legsOnDate, spot, MODEL_MARKET, { at: 0, ivShift })
    // One vol for the whole-position probabilities: the mean IV of the short legs.
    const shortIvs = legsOnDate.filter((l) => l.quantity < 0).map((l) => l.iv + ivShift)
    const vol = Math.max(
      shortIvs.length ? shortIvs.reduce((a, b) => a + b, 0) / shortIvs.length : 0,
      0,
    )
    const t = Math.max(dte, 0) / 365
    const be = extremes?.breakevens ?? []
    return {
      pnl,
      greeks,
      expectedMove: expectedMove(spot, vol, Math.max(dte, 0)),
      between:
        be.length >= 2
          ? probabilityBetween(spot, be[0]!, be[be.length - 1]!, t, vol, MODEL_MARKET)
          : null,
      touch: shorts.map((k) => {
        const leg = legsOnDate.find((l) => l.quantity < 0 && l.strike === k)
        const v = Math.max((leg?.iv ?? vol) + ivShift, 0)
        return { strike: k, probability: probabilityOfTouch(spot, k, t, v, MODEL_MARKET) }
      }),
    }
  }, [basis, legsOnDate, spot, ivShift, dte, extremes, shorts])

  const legIvs = basis.legs.map((l) => ({ leg: l, iv: ivs.get(l.legId)! }))
  const reset = () => {
    setDay(initialDay)
    setShift(0)
    setTyped(null)
  }

  return {
    start,
    expiry,
    totalDays,
    day: dayClamped,
    setDay,
    valueDate,
    dte,
    replay: start < today,
    shift,
    setShift,
    spot,
    spotText,
    spotValid: typed === null || isSpot(typed.text),
    spotTyped: typed !== null,
    setSpotText,
    stored,
    spxFactor: basis.spxFactor,
    shorts,
    grid,
    expiryCurve,
    datedCurve,
    extremes,
    risk,
    legIvs,
    ivLabel: describeIvs(legIvs.map((x) => x.iv)),
    reset,
  }
}

export type PayoffModel = ReturnType<typeof usePayoffModel>
