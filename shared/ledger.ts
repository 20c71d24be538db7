import type { AdjustmentKind, IsoDate } from './domain.ts'
import { mulE4 } from './money.ts'

/**
 * The position ledger: the one place where a position's money is derived from its legs, fills
 * and adjustments. Every card, list column, chart, export and review reads these figures.
 *
 * Conventions (all money in e4 integers: 1 unit = $0.0001; prices per share / per unit):
 * - **Premium cash** moves when an option is traded: selling receives price × quantity ×
 *   multiplier (+), buying pays it (−). Fees are separate and always subtracted.
 * - **Futures are not premium**: opening or closing a VX future moves no premium; its P&L is
 *   (exit − entry) × multiplier × signed quantity, realised when closed and marked while open.
 * - A fill without its own price belongs to a combo whose **net price** is on its adjustment
 *   (per share, + = credit): the combo's cash is net price × multiplier × the combo's ratio
 *   unit (the greatest common divisor of its unpriced fills' quantities: 1 for a 1×2×1 fly,
 *   q for a q-lot condor).
 * - **Realised P&L** = premium cash − the premium of the contracts still open (their basis)
 *   + realised futures P&L − fees. **Open P&L** = the marks of the open contracts + their basis
 *   (+ unrealised futures P&L). **Total** = realised + open = all cash − fees + the value of
 *   what is still held; it needs no basis, so it is known even when the split is not.
 */

export interface LedgerLeg {
  id: number
  /** Contract root (SPXW, VIX, VX…); not needed for money, used to value the leg. */
  root?: string
  instrumentType: 'option' | 'future'
  optionType: 'call' | 'put' | null
  /** Strike in e4 index points; null for futures. */
  strikeE4: number | null
  expiration: IsoDate
  multiplier: number
  /** Signed contracts as opened: + long, − short. */
  quantity: number
  hedgeLayerId: number | null
}

export interface LedgerFill {
  id: number
  legId: number
  adjustmentId: number | null
  executedAt: string
  side: 'buy' | 'sell'
  effect: 'open' | 'close'
  /** Contracts, always positive. */
  quantity: number
  /** Per share / per unit, e4; null when only the adjustment's net price is known. */
  priceE4: number | null
  feesE4: number
}

export interface LedgerAdjustment {
  id: number
  kind: AdjustmentKind
  occurredAt: string
  /** Combo price per share, + = credit; covers the adjustment's fills that have no price. */
  netPriceE4: number | null
  feesE4: number
}

export interface LedgerInput {
  legs: readonly LedgerLeg[]
  fills: readonly LedgerFill[]
  adjustments: readonly LedgerAdjustment[]
}

/** Where each leg stands after every fill. */
export interface LegState {
  legId: number
  /** Signed contracts still open: + long, − short. */
  openQuantity: number
  /** Contracts closed (positive). */
  closedQuantity: number
  /** Average opening price per share (e4, rounded half up), null when the leg was opened in a combo. */
  openPriceE4: number | null
  /**
   * What opening the still-open contracts moved, + received (for a future the "virtual" cash
   * entry × units that its P&L is measured against); null when the leg was opened in a combo.
   */
  openBasisE4: number | null
}

/** One cash movement, for timelines, equity curves and the review. */
export interface CashFlow {
  at: string
  adjustmentId: number | null
  kind: AdjustmentKind | 'fill'
  /** Premium cash, + received. */
  premiumE4: number
  /** Realised futures P&L booked by this event. */
  futuresE4: number
  feesE4: number
}

export interface LedgerFigures {
  /** Option premium received minus paid, fees excluded. */
  premiumE4: number
  /** Every fee: adjustment-level and fill-level. */
  feesE4: number
  /** P&L of closed futures contracts; null when a futures fill has no price. */
  futuresRealisedE4: number | null
  /** Premium of the option contracts still open (+ = they were sold), null when unknown. */
  openBasisE4: number | null
  /** Realised P&L after fees; null when it cannot be separated from open P&L (see note). */
  realisedE4: number | null
  realisedNote: string | null
  legs: Map<number, LegState>
  flows: CashFlow[]
}

export class LedgerError extends Error {}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** Rounds a non-negative ratio of integers to the nearest integer, halves away from zero. */
function divRound(num: number, den: number): number {
  const q = Math.round(Math.abs(num) / den)
  return num < 0 ? -q : q
}

/**
 * Folds a position's fills into leg states, cash and realised P&L. Throws LedgerError when the
 * records contradict each other (a fill on an unknown leg, a close beyond what is open, a combo
 * without a net price) — the journal's services never write such records.
 */
export function computeLedger(input: LedgerInput): LedgerFigures {
  const legs = new Map(input.legs.map((l) => [l.id, l]))
  const adjustments = new Map(input.adjustments.map((a) => [a.id, a]))
  type Acc = { openQty: number; closedQty: number; openCashE4: number; unpriced: boolean }
  const acc = new Map<number, Acc>()
  for (const l of input.legs)
    acc.set(l.id, { openQty: 0, closedQty: 0, openCashE4: 0, unpriced: false })

  // Combo cash per adjustment: net price × multiplier × ratio unit of its unpriced option fills.
  const comboFills = new Map<number, LedgerFill[]>()
  for (const f of input.fills) {
    const leg = legs.get(f.legId)
    if (!leg) throw new LedgerError(`fill ${f.id} names leg ${f.legId}, not a leg of this position`)
    if (f.priceE4 === null) {
      if (f.adjustmentId === null)
        throw new LedgerError(`fill ${f.id} has no price and no adjustment to take it from`)
      comboFills.set(f.adjustmentId, [...(comboFills.get(f.adjustmentId) ?? []), f])
    }
  }
  const comboCash = new Map<number, number>()
  for (const [adjId, fills] of comboFills) {
    const adj = adjustments.get(adjId)
    if (!adj || adj.netPriceE4 === null)
      throw new LedgerError(
        `adjustment ${adjId} has fills without prices and no net price to take them from`,
      )
    const mults = new Set(fills.map((f) => legs.get(f.legId)!.multiplier))
    if (mults.size !== 1)
      throw new LedgerError(`adjustment ${adjId}: a net price cannot cover different multipliers`)
    const unit = fills.reduce((g, f) => gcd(g, f.quantity), 0)
    comboCash.set(adjId, mulE4(adj.netPriceE4, unit * [...mults][0]!))
  }

  const flows = new Map<string, CashFlow>()
  const flowOf = (f: LedgerFill): CashFlow => {
    const key = f.adjustmentId === null ? `f${f.id}` : `a${f.adjustmentId}`
    let flow = flows.get(key)
    if (!flow) {
      const adj = f.adjustmentId === null ? undefined : adjustments.get(f.adjustmentId)
      flow = {
        at: adj?.occurredAt ?? f.executedAt,
        adjustmentId: f.adjustmentId,
        kind: adj?.kind ?? 'fill',
        premiumE4: 0,
        futuresE4: 0,
        feesE4: 0,
      }
      flows.set(key, flow)
    }
    return flow
  }
  for (const a of input.adjustments) {
    const flow: CashFlow = {
      at: a.occurredAt,
      adjustmentId: a.id,
      kind: a.kind,
      premiumE4: comboCash.get(a.id) ?? 0,
      futuresE4: 0,
      feesE4: a.feesE4,
    }
    flows.set(`a${a.id}`, flow)
  }

  let futuresUnknown = false
  // Opening fills first, then closes, each in time order: a close is matched against the
  // average opening price of its leg, whatever order the records were written in.
  const ordered = [...input.fills].sort(
    (a, b) =>
      (a.effect === b.effect ? 0 : a.effect === 'open' ? -1 : 1) ||
      a.executedAt.localeCompare(b.executedAt) ||
      a.id - b.id,
  )
  for (const f of ordered) {
    const leg = legs.get(f.legId)!
    const s = acc.get(f.legId)!
    const flow = flowOf(f)
    flow.feesE4 += f.feesE4
    const sellSign = f.side === 'sell' ? 1 : -1
    if (f.effect === 'open') {
      s.openQty += f.quantity
      if (f.priceE4 === null) s.unpriced = true
      else {
        s.openCashE4 += sellSign * mulE4(f.priceE4, f.quantity * leg.multiplier)
        if (leg.instrumentType === 'option')
          flow.premiumE4 += sellSign * mulE4(f.priceE4, f.quantity * leg.multiplier)
      }
    } else {
      if (s.closedQty + f.quantity > s.openQty)
        throw new LedgerError(
          `fill ${f.id} closes ${f.quantity} of leg ${f.legId}, which has ${s.openQty - s.closedQty} open`,
        )
      if (leg.instrumentType === 'option') {
        if (f.priceE4 !== null)
          flow.premiumE4 += sellSign * mulE4(f.priceE4, f.quantity * leg.multiplier)
      } else if (f.priceE4 === null || s.unpriced) futuresUnknown = true
      else {
        // (exit − entry) × multiplier × signed quantity, written as the two "virtual" cash legs:
        // the closed share of what opening would have paid plus what closing would receive.
        const entryCash = divRound(s.openCashE4 * f.quantity, s.openQty)
        flow.futuresE4 += entryCash + sellSign * mulE4(f.priceE4, f.quantity * leg.multiplier)
      }
      s.closedQty += f.quantity
    }
  }

  const states = new Map<number, LegState>()
  let premiumE4 = 0
  let feesE4 = 0
  let futuresE4 = 0
  for (const flow of flows.values()) {
    premiumE4 += flow.premiumE4
    feesE4 += flow.feesE4
    futuresE4 += flow.futuresE4
  }

  // Basis of the open option contracts. A leg with its own prices carries its average cost; legs
  // opened in a combo share the combo's cash, which splits only while every such leg of that
  // combo is still open in the same proportion (an untouched or evenly reduced condor).
  let basisE4: number | null = 0
  let note: string | null = null
  const comboShare = new Map<number, { fraction: [number, number] | null; ok: boolean }>()
  for (const l of input.legs) {
    const s = acc.get(l.id)!
    const open = s.openQty - s.closedQty
    const sign = l.quantity < 0 ? -1 : 1
    states.set(l.id, {
      legId: l.id,
      openQuantity: sign * open,
      closedQuantity: s.closedQty,
      openPriceE4:
        s.unpriced || s.openQty === 0
          ? null
          : divRound(Math.abs(s.openCashE4), s.openQty * l.multiplier),
      openBasisE4: s.unpriced || s.openQty === 0 ? null : divRound(s.openCashE4 * open, s.openQty),
    })
    if (l.instrumentType !== 'option') continue
    if (!s.unpriced) {
      if (basisE4 !== null) basisE4 += divRound(s.openCashE4 * open, s.openQty)
      continue
    }
    for (const f of input.fills) {
      if (f.legId !== l.id || f.effect !== 'open' || f.priceE4 !== null) continue
      const adjId = f.adjustmentId!
      const cur = comboShare.get(adjId) ?? { fraction: null, ok: true }
      const frac: [number, number] = [open, s.openQty]
      if (cur.fraction && cur.fraction[0] * frac[1] !== frac[0] * cur.fraction[1]) cur.ok = false
      cur.fraction ??= frac
      comboShare.set(adjId, cur)
    }
  }
  for (const [adjId, share] of comboShare) {
    if (!share.ok || !share.fraction) {
      basisE4 = null
      note =
        'Part of a trade entered as one net price is closed: its per-leg prices are needed to ' +
        'split realised from open P&L (correct the opening fills to add them). The total is exact.'
      break
    }
    if (basisE4 !== null)
      basisE4 += divRound(comboCash.get(adjId)! * share.fraction[0], share.fraction[1])
  }
  if (futuresUnknown) note ??= 'A futures fill has no price: its P&L cannot be computed.'
  const futuresRealisedE4 = futuresUnknown ? null : futuresE4
  const realisedE4 =
    basisE4 === null || futuresRealisedE4 === null
      ? null
      : premiumE4 - basisE4 + futuresRealisedE4 - feesE4
  return {
    premiumE4,
    feesE4,
    futuresRealisedE4,
    openBasisE4: basisE4,
    realisedE4,
    realisedNote: note,
    legs: states,
    flows: [...flows.values()].sort((a, b) => a.at.localeCompare(b.at)),
  }
}

/** A price per share for an open leg, with where it came from and the date of its data. */
export interface LegMark {
  priceE4: number
  date: IsoDate
  source: 'model' | 'user' | 'settlement' | 'VX settlement'
}

export interface OpenValuation {
  /** Open P&L: options at their marks plus their basis, futures' unrealised P&L; null when unknown. */
  openPnlE4: number | null
  /** Liquidation value of the open options (+ = they are worth money to us). */
  optionsValueE4: number | null
  /** Unrealised P&L of the open futures: (mark − entry) × multiplier × signed quantity. */
  futuresUnrealisedE4: number | null
  /** The latest data date among the marks used. */
  asOf: IsoDate | null
  /** Open legs without a mark, by id, with a reason. */
  missing: { legId: number; reason: string }[]
  sources: LegMark['source'][]
}

/**
 * Values the open contracts at their marks: options at signed quantity × multiplier × mark,
 * futures at (mark − entry) × multiplier × signed quantity. Marks are per share, already
 * rounded to e4 (a model value is rounded to 0.0001 before it touches money).
 */
export function valueOpenLegs(
  input: LedgerInput,
  ledger: LedgerFigures,
  marks: ReadonlyMap<number, LegMark | { missing: string }>,
): OpenValuation {
  const missing: OpenValuation['missing'] = []
  let valueE4 = 0
  let futuresE4: number | null = 0
  let asOf: IsoDate | null = null
  const sources = new Set<LegMark['source']>()
  for (const leg of input.legs) {
    const st = ledger.legs.get(leg.id)!
    if (st.openQuantity === 0) continue
    const m = marks.get(leg.id)
    if (!m || 'missing' in m) {
      missing.push({ legId: leg.id, reason: m?.missing ?? 'no mark' })
      continue
    }
    sources.add(m.source)
    if (asOf === null || m.date > asOf) asOf = m.date
    const markValue = mulE4(m.priceE4, st.openQuantity * leg.multiplier)
    if (leg.instrumentType === 'option') valueE4 += markValue
    else if (st.openBasisE4 === null) futuresE4 = null
    else if (futuresE4 !== null) futuresE4 += markValue + st.openBasisE4
  }
  const known = missing.length === 0
  const optionsValueE4 = known ? valueE4 : null
  const futuresUnrealisedE4 = known ? futuresE4 : null
  return {
    optionsValueE4,
    futuresUnrealisedE4,
    openPnlE4:
      optionsValueE4 !== null && futuresUnrealisedE4 !== null && ledger.openBasisE4 !== null
        ? optionsValueE4 + ledger.openBasisE4 + futuresUnrealisedE4
        : null,
    asOf,
    missing,
    sources: [...sources],
  }
}

/**
 * Total P&L = premium − fees + realised futures + the value of what is held (options at their
 * marks, futures' unrealised P&L). It needs no basis, and equals realised + open whenever both
 * are known.
 */
export function totalPnlE4(ledger: LedgerFigures, open: OpenValuation): number | null {
  if (
    ledger.futuresRealisedE4 === null ||
    open.optionsValueE4 === null ||
    open.futuresUnrealisedE4 === null
  )
    return null
  return (
    ledger.premiumE4 -
    ledger.feesE4 +
    ledger.futuresRealisedE4 +
    open.optionsValueE4 +
    open.futuresUnrealisedE4
  )
}
