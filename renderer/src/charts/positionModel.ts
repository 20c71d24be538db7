import { nyDateOf } from '../../../shared/dates.ts'
import type { IsoDate, Leg, PositionDetail } from '../../../shared/domain.ts'
import { parseE4, SCALE } from '../../../shared/money.ts'
import { riskLegsFromJournal, type RiskLeg } from '../../../shared/math/positionRisk.ts'

/** The legs the payoff chart values: open options on the underlying (hedge layers are left out). */
export function payoffJournalLegs(d: PositionDetail): Leg[] {
  return d.legs.filter(
    (l) => l.closedAt === null && l.role !== 'hedge' && l.instrumentType === 'option',
  )
}

export type EntryCost =
  | { ok: true; /** Dollars paid to build what is held (negative = net credit). */ dollars: number }
  | { ok: false; reason: string }

/**
 * The net dollars paid for the trade so far, before fees: minus every cash flow of its
 * non-hedge adjustments, plus fills recorded outside an adjustment at their own price. Using
 * the whole cash history makes the P&L of the open legs the P&L of the position, realised
 * rolls included, even when the journal knows only combo prices.
 */
export function entryCost(d: PositionDetail): EntryCost {
  const hedgeLegs = new Set(d.legs.filter((l) => l.role === 'hedge').map((l) => l.id))
  const legById = new Map(d.legs.map((l) => [l.id, l]))
  let cashE4 = 0
  for (const a of d.adjustments) {
    if (a.kind.startsWith('hedge_')) continue
    const c = parseE4(a.cash)
    if (c === null) return { ok: false, reason: `adjustment ${a.id} has an unreadable cash amount` }
    cashE4 += c
  }
  for (const f of d.fills) {
    if (f.adjustmentId !== null || hedgeLegs.has(f.legId)) continue
    const leg = legById.get(f.legId)
    const price = f.price === null ? null : parseE4(f.price)
    if (!leg || price === null)
      return { ok: false, reason: `fill ${f.id} has no price and no adjustment to take it from` }
    const sign = f.side === 'sell' ? 1 : -1
    cashE4 += sign * Math.abs(f.quantity) * leg.multiplier * price
  }
  return { ok: true, dollars: -cashE4 / SCALE }
}

export type PayoffLegs = { ok: true; legs: RiskLeg[] } | { ok: false; reason: string }

/**
 * Risk legs valued from `valuationDate` with one IV for every leg. The risk engine wants a
 * price per leg, but only the total matters to the P&L (Σ quantity × multiplier × price), so
 * the whole entry cost is carried by one leg of the right sign: a short leg for a net credit,
 * a long leg for a net debit.
 */
export function payoffLegs(d: PositionDetail, valuationDate: IsoDate, iv: number): PayoffLegs {
  const legs = payoffJournalLegs(d)
  if (legs.length === 0) return { ok: false, reason: 'The position has no open option legs.' }
  const cost = entryCost(d)
  if (!cost.ok) return cost
  const carrier =
    cost.dollars < 0 ? legs.find((l) => l.quantity < 0) : legs.find((l) => l.quantity > 0)
  if (cost.dollars !== 0 && !carrier)
    return { ok: false, reason: 'No open leg can carry the net entry cost.' }
  const carried = carrier
    ? Math.abs(cost.dollars) / (Math.abs(carrier.quantity) * carrier.multiplier)
    : 0
  try {
    return {
      ok: true,
      legs: riskLegsFromJournal(
        legs,
        valuationDate,
        () => iv,
        (l) => (l.id === carrier?.id ? carried : 0),
      ),
    }
  } catch (e) {
    return { ok: false, reason: (e as Error).message }
  }
}

/** The first expiry among the legs the payoff chart values, or null. */
export function firstExpiryDate(d: PositionDetail): IsoDate | null {
  const dates = payoffJournalLegs(d).map((l) => l.expiration)
  return dates.length ? dates.reduce((a, b) => (b < a ? b : a)) : null
}

/** Short strikes, ascending, in index points. */
export function shortStrikes(legs: readonly RiskLeg[]): number[] {
  return [
    ...new Set(legs.filter((l) => l.quantity < 0 && l.kind !== 'future').map((l) => l.strike)),
  ].sort((a, b) => a - b)
}

/** ISO date `days` calendar days after `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

/** The New York date of an instant from the journal. */
export const nyDate = (instant: string): IsoDate => nyDateOf(new Date(instant))
