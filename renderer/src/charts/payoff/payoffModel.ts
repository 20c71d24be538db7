import { daysBetween, nyDateOf } from '../../../../shared/dates.ts'
import { MODEL_DIV, MODEL_RATE } from '../../../../shared/decisions.ts'
import type { IsoDate, PositionDetail } from '../../../../shared/domain.ts'
import { expiryFigures, payoffAtE4, type ExpiryLeg } from '../../../../shared/expiryFigures.ts'
import { computeLedger, LedgerError } from '../../../../shared/ledger.ts'
import { ledgerInputOf, splitByLayer } from '../../../../shared/positionFigures.ts'
import { SCALE } from '../../../../shared/money.ts'
import { positionPnl, type RiskLeg, type RiskMarket } from '../../../../shared/math/positionRisk.ts'

/**
 * The payoff chart's model of a position, built on the ledger (shared/ledger.ts): the core
 * structure's open option legs at their open quantity and the core's cash so far (premium −
 * fees + realised futures, rolls and partial closes included). Hedge layers are left out — they
 * are VIX instruments, not a function of the SPX price — so the curve at expiry is the same
 * computation as the position's structure figures (shared/positionFigures.ts).
 */

/** The model's rate and dividend yield, the ones the core values positions with. */
export const MODEL_MARKET: RiskMarket = { rate: MODEL_RATE, div: MODEL_DIV }

/** Where a leg's IV comes from: the core's two sources (shared/modelIv.ts) or none. */
export type IvSource = 'entry price × VIX' | 'VIX term structure'

export interface PayoffLeg {
  legId: number
  optionType: 'call' | 'put'
  /** Strike in e4 index points. */
  strikeE4: number
  expiration: IsoDate
  /** Signed contracts still open: + long, − short. */
  openQuantity: number
  multiplier: number
  /** The IV the core values the leg with on the model's data date (decimal), null without one. */
  iv: number | null
  ivSource: IvSource | null
}

export interface PayoffBasis {
  legs: PayoffLeg[]
  /** The core's cash so far after fees, e4 dollars: where the curve at expiry starts from. */
  cashE4: number
  /** The first expiry among the open legs: "at expiry" means then. */
  expiry: IsoDate
  /** Whether every open leg expires on `expiry` (the payoff is then exact and piecewise linear). */
  oneExpiry: boolean
  /** When the structure as it stands was complete: the latest opening of an open leg (New York). */
  since: IsoDate
  /** The data date of the legs' IVs (PositionDetail.model.asOf). */
  asOf: IsoDate | null
  /** Factor from the stored SPX closes to this underlying (XSP = SPX / 10); null without history. */
  spxFactor: number | null
}

export type PayoffBasisResult = { ok: true; basis: PayoffBasis } | { ok: false; reason: string }

/** Roots priced off the stored SPX history, with the factor to their index (as the core's marks). */
const SPX_FACTOR: Record<string, number> = { SPX: 1, SPXW: 1, XSP: 0.1 }

const IV_SOURCES: readonly string[] = ['entry price × VIX', 'VIX term structure']
const isIvSource = (s: string | null): s is IvSource => s !== null && IV_SOURCES.includes(s)

/** The position's open core option legs and cash, from the ledger. */
export function payoffBasis(d: PositionDetail): PayoffBasisResult {
  let core
  let ledger
  try {
    core = splitByLayer(ledgerInputOf(d)).get(null)!
    ledger = computeLedger(core)
  } catch (e) {
    if (e instanceof LedgerError) return { ok: false, reason: e.message }
    throw e
  }
  const openQty = (id: number) => ledger.legs.get(id)?.openQuantity ?? 0
  if (core.legs.some((l) => l.instrumentType === 'future' && openQty(l.id) !== 0))
    return { ok: false, reason: 'A futures leg has no fixed payoff at the options’ expiry.' }
  if (ledger.futuresRealisedE4 === null)
    return { ok: false, reason: 'A futures fill has no price: the cash so far is unknown.' }
  const model = new Map(d.model.legs.map((m) => [m.legId, m]))
  const opened = new Map(d.legs.map((l) => [l.id as number, nyDateOf(new Date(l.openedAt))]))
  const legs: PayoffLeg[] = []
  for (const l of core.legs) {
    if (l.instrumentType !== 'option' || openQty(l.id) === 0) continue
    if (l.optionType === null || l.strikeE4 === null)
      return { ok: false, reason: `Leg ${l.id} has no option type or strike.` }
    const m = model.get(l.id)
    legs.push({
      legId: l.id,
      optionType: l.optionType,
      strikeE4: l.strikeE4,
      expiration: l.expiration,
      openQuantity: openQty(l.id),
      multiplier: l.multiplier,
      iv: m?.iv ?? null,
      ivSource: m && isIvSource(m.ivSource) ? m.ivSource : null,
    })
  }
  if (legs.length === 0)
    return { ok: false, reason: 'The position has no open option legs to chart.' }
  const expiry = legs.map((l) => l.expiration).reduce((a, b) => (b < a ? b : a))
  const since = legs
    .map((l) => opened.get(l.legId) ?? d.summary.openedOn)
    .reduce((a, b) => (b > a ? b : a))
  return {
    ok: true,
    basis: {
      legs,
      cashE4: ledger.premiumE4 - ledger.feesE4 + ledger.futuresRealisedE4,
      expiry,
      oneExpiry: legs.every((l) => l.expiration === expiry),
      since: since < expiry ? since : expiry,
      asOf: d.model.asOf,
      spxFactor: SPX_FACTOR[d.summary.root] ?? null,
    },
  }
}

const expiryLeg = (l: PayoffLeg): ExpiryLeg => ({
  optionType: l.optionType,
  strikeE4: l.strikeE4,
  openQuantity: l.openQuantity,
  multiplier: l.multiplier,
})

/** Short strikes, ascending, in index points. */
export function shortStrikes(b: PayoffBasis): number[] {
  const ks = b.legs.filter((l) => l.openQuantity < 0).map((l) => l.strikeE4 / SCALE)
  return [...new Set(ks)].sort((x, y) => x - y)
}

/**
 * The legs as the risk engine values them on `date` with the given IV per leg (decimal). Their
 * entry price is 0: the P&L is the cash so far plus what the legs are worth, so the price paid
 * for each leg is never needed (it is unknown for a combo entered at one net price).
 */
export function riskLegsOn(
  b: PayoffBasis,
  date: IsoDate,
  ivOf: (leg: PayoffLeg) => number,
): RiskLeg[] {
  return b.legs.map((l) => ({
    kind: l.optionType,
    strike: l.strikeE4 / SCALE,
    quantity: l.openQuantity,
    multiplier: l.multiplier,
    expiry: Math.max(daysBetween(date, l.expiration), 0) / 365,
    iv: ivOf(l),
    entryPrice: 0,
  }))
}

/** Model P&L in dollars at `spot`: the cash so far plus the legs' model value (IV + `ivShift`). */
export function modelPnl(
  b: PayoffBasis,
  legs: readonly RiskLeg[],
  spot: number,
  ivShift: number,
): number {
  return b.cashE4 / SCALE + positionPnl(legs, spot, MODEL_MARKET, { at: 0, ivShift })
}

/**
 * P&L at the first expiry in dollars at `price`: exact (e4, the structure figures' own function)
 * when every leg expires then; otherwise the later legs at their model value on that date.
 */
export function expiryPnl(
  b: PayoffBasis,
  price: number,
  laterLegs: readonly RiskLeg[],
  ivShift: number,
): number {
  if (b.oneExpiry)
    return payoffAtE4(b.legs.map(expiryLeg), b.cashE4, Math.round(price * SCALE)) / SCALE
  return modelPnl(b, laterLegs, price, ivShift)
}

/** Max profit / loss (dollars, null = unlimited) and breakevens (index points) at the first expiry. */
export interface ExpiryExtremes {
  maxProfit: number | null
  maxLoss: number | null
  breakevens: number[]
  /** 'exact' from the strikes; 'sampled' on the chart's price range (legs with later expiries). */
  method: 'exact' | 'sampled'
}

/**
 * Extremes at the first expiry. With one expiry they are shared/expiryFigures.ts's, from the same
 * legs and cash as the position's structure figures, so the two always agree to the cent. With
 * later legs the curve is not piecewise linear: read off the sampled curve, within its range.
 */
export function expiryExtremes(
  b: PayoffBasis,
  curve: readonly { price: number; pnl: number }[],
): ExpiryExtremes | null {
  if (b.oneExpiry) {
    const f = expiryFigures(b.legs.map(expiryLeg), b.cashE4)
    if (!f.ok) return null
    return {
      maxProfit: f.maxProfitE4 === null ? null : f.maxProfitE4 / SCALE,
      maxLoss: f.maxLossE4 === null ? null : f.maxLossE4 / SCALE,
      breakevens: f.breakevensE4.map((x) => x / SCALE),
      method: 'exact',
    }
  }
  if (curve.length < 2) return null
  const breakevens: number[] = []
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!
    const c = curve[i]!
    if (c.pnl === 0) breakevens.push(c.price)
    else if (a.pnl !== 0 && Math.sign(a.pnl) !== Math.sign(c.pnl))
      breakevens.push(a.price + ((c.price - a.price) * -a.pnl) / (c.pnl - a.pnl))
  }
  const pnls = curve.map((p) => p.pnl)
  return {
    maxProfit: Math.max(...pnls),
    maxLoss: Math.max(-Math.min(...pnls), 0),
    breakevens,
    method: 'sampled',
  }
}
