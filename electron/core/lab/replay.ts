import { vixExpiriesAfter } from '../../../shared/calendar/expiries.ts'
import { addDays, daysBetween } from '../../../shared/dates.ts'
import type { DecisionInputsParsed } from '../../../shared/decisions.ts'
import type {
  Adjustment,
  AdjustmentId,
  AdjustmentKind,
  Fill,
  FillId,
  IsoDate,
  Leg,
  LegId,
  LegRole,
} from '../../../shared/domain.ts'
import type {
  LabAction,
  LabExitKind,
  LabReplayDay,
  LabRulesetRef,
  LabRunParams,
  LabStrikes,
  LabTrade,
} from '../../../shared/lab.ts'
import { formatE4, mulE4, SCALE } from '../../../shared/money.ts'
import { evaluate, type ResolvedAction } from '../../../shared/ruleset/evaluate.ts'
import type { ActionId, Ruleset } from '../../../shared/ruleset/schema.ts'
import { settleLeg } from '../../../shared/settlement.ts'
import type { MarketSnapshot } from '../../../shared/signals.ts'
import { snapshotOf } from '../services/decisions.ts'
import { firstListedExpiry, listedExpiriesBetween, type ListedExpiry } from './listedExpiries.ts'
import type { LabMarket } from './market.ts'
import { optionPrice, strikeAtDelta, type PricingDay } from './model.ts'

/**
 * One condor managed day by day by one ruleset (issue 14, point 2). Execution rules (stated in
 * the README and in `LAB_ASSUMPTIONS`):
 * - the condor opens at the entry session's close; from the next session to the one before its
 *   expiry, each close: the position's signals and the market's are computed exactly as the
 *   decision panel computes them (services/decisions.ts snapshotOf), the ruleset is evaluated and
 *   its action — then its follow-ups — carried out at that close;
 * - every fill is at the model value (model.ts) with the slippage against us, plus commission;
 * - CLOSE_CALL_SPREAD / CLOSE_PUT_SPREAD / CLOSE_ALL close those legs; ROLL_OUT closes the open
 *   condor legs and reopens the same strikes on the first listed expiry minDays–maxDays (default
 *   7–14) after the current one; ROLL_UP_CALL / ROLL_DOWN_PUT replace the tested spread, same
 *   expiry, by one re-centred at the target delta with the run's wing width;
 * - ADD_HEDGE_LAYER buys `quantity` front Mini VX futures (HEDGE_MULTIPLIER), TIME_SHIFT_HEDGE sells the front and buys
 *   the second (a calendar), REMOVE_HEDGE_LAYER closes the newest layer — at the stored VX
 *   settlement, "not available" where no VX history is stored; at most MAX_LAYERS open;
 *   ADJUST_HEDGE_LAYER is not modelled (recorded as not carried out);
 * - held legs settle at expiry as the journal settles them (shared/settlement.ts: SPX monthlies
 *   on the open, SPXW on the close, VX on the VIX open), with no costs; open hedges close with
 *   the condor.
 */
export const MAX_LAYERS = 3

/**
 * A hedge is sized one Mini VX future per condor contract: 100 × the VX price (Cboe's VXM,
 * valued on the stored VX settlements also before its 2020 listing). A full VX future (1,000 ×)
 * per one-lot condor would be a hedge ten times the size of the position it protects.
 */
export const HEDGE_MULTIPLIER = 100

export interface LabRulesetRun {
  ref: LabRulesetRef
  ruleset: Ruleset
}

/** A condor to open: the same for every ruleset of a run. */
export interface LabEntry {
  key: string
  date: IsoDate
  /** Index of the entry session in the market's sessions. */
  index: number
  expiry: ListedExpiry
  strikes: LabStrikes
}

/** Everything a replay reads: the market, the run's parameters and the cached market signals. */
export interface LabContext {
  market: LabMarket
  params: LabRunParams
  /** Market signals of a session (cached per run: the same for every trade and ruleset). */
  marketSignals(date: IsoDate): MarketSnapshot
  /** The last session replayed. */
  lastIndex: number
  commissionE4: number
  slippageE4: number
}

export interface TradeOutcome {
  trade: LabTrade
  /** Index of the session of the entry and of the exit. */
  entryIndex: number
  exitIndex: number
  /** P&L so far at each close from the entry session to the one before the exit (e4). */
  path: number[]
  /** Per-action counts of every evaluation (HOLD included). */
  counts: Partial<Record<ActionId, number>>
  notAvailable: number
  days?: LabReplayDay[]
}

/** The entries of a run: every `entryEvery`-th session from `from` with a price and an expiry. */
export function labEntries(market: LabMarket, params: LabRunParams, lastIndex: number): LabEntry[] {
  const out: LabEntry[] = []
  const from = params.from ?? '0000-01-01'
  let i = market.sessions.findIndex((d) => d >= from)
  if (i < 0) return out
  for (; i <= lastIndex; i += params.entryEvery) {
    const date = market.sessions[i]!
    const day = market.pricing(date)
    if (!day) continue
    const expiry = nearestExpiry(date, params.targetDte)
    if (!expiry) continue
    const strikes = condorStrikes(day, expiry.date, params)
    if (!strikes) continue
    out.push({ key: date, date, index: i, expiry, strikes })
  }
  return out
}

/** The listed expiry whose calendar days from `date` are nearest `dte` (the later on a tie). */
export function nearestExpiry(date: IsoDate, dte: number): ListedExpiry | null {
  const candidates = listedExpiriesBetween(date, addDays(date, dte * 2 + 35))
  let best: ListedExpiry | null = null
  let bestGap = Infinity
  for (const c of candidates) {
    const gap = Math.abs(daysBetween(date, c.date) - dte)
    if (gap <= bestGap) {
      best = c
      bestGap = gap
    }
  }
  return best
}

export function condorStrikes(
  day: PricingDay,
  expiry: IsoDate,
  params: LabRunParams,
): LabStrikes | null {
  const shortPut = strikeAtDelta(day, 'put', params.shortDelta, expiry)
  const shortCall = strikeAtDelta(day, 'call', params.shortDelta, expiry)
  const longPut = shortPut - params.wingWidth
  if (longPut <= 0) return null
  return { longPut, shortPut, shortCall, longCall: shortCall + params.wingWidth }
}

interface HeldLeg {
  leg: Leg
  strike: number | null
  /** Opening price per share/unit, e4 (futures P&L). */
  openPriceE4: number
  /** Last known price (e4), for a hedge whose VX close is missing. */
  lastPriceE4: number
  /** Premium (options) or realised futures cash of its fills, fees excluded (e4, + received). */
  cashE4: number
  feesE4: number
}

const roleOf = (type: 'call' | 'put', short: boolean): LegRole =>
  `${short ? 'short' : 'long'}_${type}` as LegRole

/** The mutable state of one trade: legs, fills and adjustments as the journal would hold them. */
class TradeBook {
  legs: Leg[] = []
  fills: Fill[] = []
  adjustments: Adjustment[] = []
  held: HeldLeg[] = []
  /** Premium and futures cash, after commission and slippage (e4, + received). */
  cashE4 = 0
  costsE4 = 0
  layers = 0
  private ids = 0
  private readonly ctx: LabContext
  constructor(ctx: LabContext) {
    this.ctx = ctx
  }

  /** Legs of the opening adjustment: never folded (the credit signals read their flow). */
  private opening = new Set<number>()
  private folded = { premiumE4: 0, futuresE4: 0, feesE4: 0, legs: 0 }
  private synthetic = new Set<number>()

  markOpening(): void {
    for (const l of this.legs) this.opening.add(l.id)
  }

  /**
   * Folds the closed legs of rolls and hedges into one closed option leg and one closed future
   * leg carrying the same premium, realised futures cash and fees. The ledger's totals — all the
   * position signals read of closed legs — stay exactly the same, and a condor rolled every day
   * for months costs a constant, not a growing, amount per session.
   */
  compact(): void {
    const foldable = this.held.filter(
      (h) =>
        h.leg.openQuantity === 0 && !this.opening.has(h.leg.id) && !this.synthetic.has(h.leg.id),
    )
    if (foldable.length < 8) return
    const gone = new Set<number>([...foldable.map((h) => h.leg.id), ...this.synthetic])
    for (const h of foldable) {
      if (h.leg.instrumentType === 'future') this.folded.futuresE4 += h.cashE4
      else this.folded.premiumE4 += h.cashE4
      this.folded.feesE4 += h.feesE4
    }
    this.folded.legs += foldable.length
    this.held = this.held.filter((h) => !gone.has(h.leg.id))
    this.legs = this.legs.filter((l) => !gone.has(l.id))
    this.fills = this.fills.filter((f) => !gone.has(f.legId))
    const used = new Set(this.fills.map((f) => f.adjustmentId))
    this.adjustments = this.adjustments.filter((a) => used.has(a.id))
    this.synthetic.clear()
    const at = this.legs[0]!.openedAt
    const adj = ++this.ids as AdjustmentId
    this.adjustments.push({ ...this.adjustments[0]!, id: adj, kind: 'other' })
    const add = (instrumentType: 'option' | 'future', cashE4: number, feesE4: number) => {
      // Premium per share = cash / 100 (every fill's cash is price × 100 × contracts).
      const perShare = cashE4 / 100
      const id = ++this.ids as LegId
      this.synthetic.add(id)
      const option = instrumentType === 'option'
      this.legs.push({
        id,
        role: 'other',
        instrumentType,
        root: option ? 'SPXW' : 'VX',
        optionType: option ? 'call' : null,
        strike: option ? '5' : null,
        expiration: this.legs[0]!.expiration,
        multiplier: 100,
        quantity: option ? -1 : 1,
        openQuantity: 0,
        openedAt: at,
        closedAt: at,
        replacesLegId: null,
        hedgeLayerId: null,
      })
      // Option: sold at P, bought back at Q, P − Q = perShare. Future: bought at P, sold at Q.
      const [first, second] = option
        ? [Math.max(perShare, 0), Math.max(-perShare, 0)]
        : [Math.max(-perShare, 0), Math.max(perShare, 0)]
      for (const [n, price] of [first, second].entries())
        this.record(
          id,
          adj,
          at,
          (n === 0) !== option,
          n === 0 ? 'open' : 'close',
          1,
          price,
          n === 0 ? feesE4 : 0,
        )
    }
    add('option', this.folded.premiumE4, this.folded.feesE4)
    if (this.folded.futuresE4 !== 0) add('future', this.folded.futuresE4, 0)
  }

  openLegs(): HeldLeg[] {
    return this.held.filter((h) => h.leg.openQuantity !== 0)
  }
  coreLegs(): HeldLeg[] {
    return this.openLegs().filter((h) => h.leg.hedgeLayerId === null)
  }

  adjustment(kind: AdjustmentKind, date: IsoDate): number {
    const id = ++this.ids
    this.adjustments.push({
      id: id as AdjustmentId,
      kind,
      occurredAt: `${date}T21:00:00.000Z`,
      netPrice: null,
      cash: '0',
      fees: '0',
      note: '',
      original: null,
    })
    return id
  }

  /** Appends a fill as the journal stores it (prices and fees as exact decimals). */
  private record(
    legId: number,
    adj: number,
    at: string,
    buy: boolean,
    effect: 'open' | 'close',
    quantity: number,
    priceE4: number,
    feesE4: number,
  ): void {
    this.fills.push({
      id: ++this.ids as FillId,
      legId: legId as LegId,
      adjustmentId: adj as AdjustmentId,
      executedAt: at,
      side: buy ? 'buy' : 'sell',
      effect,
      quantity,
      price: formatE4(priceE4),
      fees: formatE4(feesE4),
      source: 'lab',
      brokerOrderId: null,
      brokerExecId: null,
      original: null,
    })
  }

  /** A fill of `quantity` contracts (signed: + buy) at the model price, slippage against us. */
  private fill(h: HeldLeg, adj: number, date: IsoDate, quantity: number, modelE4: number): number {
    const slip = this.ctx.slippageE4
    const priceE4 = quantity > 0 ? modelE4 + slip : Math.max(0, modelE4 - slip)
    const contracts = Math.abs(quantity)
    const feesE4 = mulE4(this.ctx.commissionE4, contracts)
    const effect = Math.sign(quantity) === Math.sign(h.leg.quantity) ? 'open' : 'close'
    this.record(
      h.leg.id,
      adj,
      `${date}T21:00:00.000Z`,
      quantity > 0,
      effect,
      contracts,
      priceE4,
      feesE4,
    )
    const m = h.leg.multiplier
    let cash: number
    if (h.leg.instrumentType === 'future')
      // Futures: no premium; closing books (close − open) per unit.
      cash = effect === 'open' ? 0 : mulE4(priceE4 - h.openPriceE4, mulE4(m, -quantity))
    else cash = mulE4(priceE4, mulE4(m, -quantity))
    if (effect === 'open') h.openPriceE4 = priceE4
    const slippageE4 = mulE4(Math.abs(priceE4 - modelE4), mulE4(m, contracts))
    this.costsE4 += feesE4 + slippageE4
    const net = cash - feesE4
    h.cashE4 += cash
    h.feesE4 += feesE4
    this.cashE4 += net
    return net
  }

  open(
    adj: number,
    date: IsoDate,
    spec: {
      role: LegRole
      instrumentType: 'option' | 'future'
      root: string
      optionType: 'call' | 'put' | null
      strike: number | null
      expiry: IsoDate
      multiplier: number
      quantity: number
      layer: number | null
      replaces: LegId | null
    },
    modelE4: number,
  ): number {
    const leg: Leg = {
      id: ++this.ids as LegId,
      role: spec.role,
      instrumentType: spec.instrumentType,
      root: spec.root,
      optionType: spec.optionType,
      strike: spec.strike === null ? null : String(spec.strike),
      expiration: spec.expiry,
      multiplier: spec.multiplier,
      quantity: spec.quantity,
      openQuantity: spec.quantity,
      openedAt: `${date}T21:00:00.000Z`,
      closedAt: null,
      replacesLegId: spec.replaces,
      hedgeLayerId: spec.layer,
    }
    this.legs.push(leg)
    const h: HeldLeg = {
      leg,
      strike: spec.strike,
      openPriceE4: modelE4,
      lastPriceE4: modelE4,
      cashE4: 0,
      feesE4: 0,
    }
    this.held.push(h)
    return this.fill(h, adj, date, spec.quantity, modelE4)
  }

  close(h: HeldLeg, adj: number, date: IsoDate, modelE4: number): number {
    const cash = this.fill(h, adj, date, -h.leg.openQuantity, modelE4)
    h.leg.openQuantity = 0
    h.leg.closedAt = `${date}T21:00:00.000Z`
    return cash
  }

  /** Settlement at expiry: no fill costs; options pay intrinsic, futures their settlement. */
  settle(h: HeldLeg, valueE4: number, date: IsoDate): void {
    const m = h.leg.multiplier
    const q = h.leg.openQuantity
    const cash =
      h.leg.instrumentType === 'future'
        ? mulE4(valueE4 - h.openPriceE4, mulE4(m, q))
        : mulE4(valueE4, mulE4(m, q))
    this.cashE4 += cash
    h.cashE4 += cash
    // The journal records expiry as a closing fill at the settlement value.
    const adj = this.adjustment('expire', date)
    this.record(h.leg.id, adj, `${date}T21:00:00.000Z`, q < 0, 'close', Math.abs(q), valueE4, 0)
    h.leg.openQuantity = 0
    h.leg.closedAt = `${date}T21:00:00.000Z`
  }
}

/** The VX expiries listed at a session's close, by rank (memoised per date). */
const vxRanks = new Map<IsoDate, IsoDate[]>()

/** The VX settlement of the contract expiring `expiry` on `date` (the journal's rank rule). */
function vxPriceE4(market: LabMarket, expiry: IsoDate, date: IsoDate): number | null {
  let ranks = vxRanks.get(date)
  // the bundled VX1 still holds the expiring contract on its expiry day: count from the day before
  if (!ranks) vxRanks.set(date, (ranks = vixExpiriesAfter(addDays(date, -1), 8)))
  const n = ranks.indexOf(expiry) + 1
  const v = n > 0 ? market.close(`VX${n}`, date) : null
  return v === null ? null : Math.round(v * SCALE)
}

/** Model value (e4 per share/unit) of a held leg at a session's close; null when unpriceable. */
function markE4(
  market: LabMarket,
  day: PricingDay | null,
  h: HeldLeg,
  date: IsoDate,
): number | null {
  if (h.leg.instrumentType === 'future') return vxPriceE4(market, h.leg.expiration, date)
  if (!day || h.strike === null) return null
  const p = optionPrice(day, h.leg.optionType!, h.strike, h.leg.expiration)
  return p === null ? null : Math.round(p * SCALE)
}

const strikesOf = (legs: HeldLeg[]): LabStrikes | null => {
  const k = (role: LegRole) => legs.find((h) => h.leg.role === role)?.strike ?? null
  const lp = k('long_put')
  const sp = k('short_put')
  const sc = k('short_call')
  const lc = k('long_call')
  if (lp === null && sp === null && sc === null && lc === null) return null
  return { longPut: lp ?? 0, shortPut: sp ?? 0, shortCall: sc ?? 0, longCall: lc ?? 0 }
}

/** Replays one entry under one ruleset. `record` keeps the day-by-day replay (lab:trade). */
export function replayTrade(
  ctx: LabContext,
  run: LabRulesetRun,
  entry: LabEntry,
  record = false,
): TradeOutcome {
  const { market, params } = ctx
  const book = new TradeBook(ctx)
  const actions: LabAction[] = []
  const counts: Partial<Record<ActionId, number>> = {}
  let notAvailable = 0
  const days: LabReplayDay[] = []
  const path: number[] = []
  const entryDay = market.pricing(entry.date)!
  const q = params.quantity

  // Open the condor at the entry close.
  let modelCreditE4 = 0
  {
    const adj = book.adjustment('open', entry.date)
    const s = entry.strikes
    for (const [type, strike, short] of [
      ['put', s.longPut, false],
      ['put', s.shortPut, true],
      ['call', s.shortCall, true],
      ['call', s.longCall, false],
    ] as const) {
      const price = Math.round(optionPrice(entryDay, type, strike, entry.expiry.date)! * SCALE)
      modelCreditE4 += mulE4(price, short ? 100 * q : -100 * q)
      book.open(
        adj,
        entry.date,
        {
          role: roleOf(type, short),
          instrumentType: 'option',
          root: entry.expiry.root,
          optionType: type,
          strike,
          expiry: entry.expiry.date,
          multiplier: 100,
          quantity: short ? -q : q,
          layer: null,
          replaces: null,
        },
        price,
      )
    }
  }
  /** Value of the open legs at a close (e4), with the last known price where none is stored. */
  const openValue = (date: IsoDate, day: PricingDay | null): number => {
    let v = 0
    for (const h of book.openLegs()) {
      const p = markE4(market, day, h, date)
      if (p !== null) h.lastPriceE4 = p
      const price = p ?? h.lastPriceE4
      v +=
        h.leg.instrumentType === 'future'
          ? mulE4(price - h.openPriceE4, mulE4(h.leg.multiplier, h.leg.openQuantity))
          : mulE4(price, mulE4(h.leg.multiplier, h.leg.openQuantity))
    }
    return v
  }
  const condorValuePerShare = (date: IsoDate, day: PricingDay | null): number | null => {
    let v = 0
    const core = book.coreLegs()
    if (!core.length) return null
    for (const h of core) {
      const p = markE4(market, day, h, date) ?? h.lastPriceE4
      v += p * Math.sign(h.leg.openQuantity) * -1
    }
    return v
  }

  const noteDay = (
    date: IsoDate,
    day: PricingDay | null,
    action: ActionId,
    rule: string | null,
    executed: boolean,
    note: string,
  ) => {
    if (!record) return
    const core = book.coreLegs()
    days.push({
      date,
      spx: market.close('SPX', date) ?? 0,
      vix: market.close('VIX', date),
      strikes: strikesOf(core),
      expiry: core[0]?.leg.expiration ?? null,
      modelValueE4: condorValuePerShare(date, day),
      pnlE4: book.cashE4 + openValue(date, day),
      action,
      rule,
      executed,
      note,
    })
  }

  book.markOpening()
  path.push(book.cashE4 + openValue(entry.date, entryDay))
  noteDay(entry.date, entryDay, 'HOLD', null, true, 'opened at the model value')

  let exitKind: LabExitKind = 'end_of_data'
  let exitIndex = ctx.lastIndex
  for (let i = entry.index + 1; i <= ctx.lastIndex; i++) {
    const date = market.sessions[i]!
    const day = market.pricing(date)
    // 1. Settle what expired by this session (monthlies on the open, weeklies on the close).
    for (const h of book.openLegs()) {
      if (h.leg.expiration > date) continue
      const settled = settleLeg(
        {
          instrumentType: h.leg.instrumentType,
          root: h.leg.root,
          optionType: h.leg.optionType,
          strikeE4: h.strike === null ? null : Math.round(h.strike * SCALE),
          expiration: h.leg.expiration,
          multiplier: h.leg.multiplier,
          quantity: h.leg.openQuantity,
        },
        market.bars,
      )
      // A missing settlement bar (a gap in the history): the last model value stands in.
      book.settle(h, settled.ok ? settled.intrinsicE4 : h.lastPriceE4, date)
    }
    if (book.coreLegs().length === 0) {
      closeHedges(book, market, day, date, 'the condor expired')
      exitKind = 'expiry'
      exitIndex = i
      noteDay(date, day, 'HOLD', null, true, 'settled at expiry')
      break
    }
    // 2. Manage at the close.
    let note = ''
    let action: ActionId = 'HOLD'
    let rule: string | null = null
    let executed = true
    if (!day) {
      note = `no SPX or VIX close on ${date}: not evaluated`
      executed = false
    } else if (run.ruleset.rules.length === 0) {
      // Nothing to evaluate (the hold-to-expiry baseline): every rule-less ruleset holds.
      counts.HOLD = (counts.HOLD ?? 0) + 1
    } else {
      book.compact()
      const marks: Record<string, number> = {}
      for (const h of book.openLegs()) {
        const p = markE4(market, day, h, date)
        if (p !== null) {
          h.lastPriceE4 = p
          marks[String(h.leg.id)] = p / SCALE
        }
      }
      const inputs: DecisionInputsParsed = {
        positionId: 1,
        date,
        rulesetId: run.ref.id,
        rulesetVersion: run.ref.version,
        live: {},
        marks,
        flags: params.flags,
      }
      const snapshot = snapshotOf(book, ctx.marketSignals(date), inputs)
      const ev = evaluate(run.ruleset, snapshot.values)
      action = ev.action
      rule = ev.rule
      counts[action] = (counts[action] ?? 0) + 1
      if (action !== 'HOLD') {
        const steps: ResolvedAction[] = [
          { action: ev.action, params: ev.params },
          ...ev.followUps.filter((f) => f.action !== 'HOLD'),
        ]
        const notes: string[] = []
        for (const [n, step] of steps.entries()) {
          if (n > 0 && book.coreLegs().length === 0) break
          const done = applyAction(ctx, book, step, date, day)
          if (!done.executed) notAvailable++
          if (n === 0) executed = done.executed
          actions.push({
            date,
            action: step.action,
            rule,
            executed: done.executed,
            note: n === 0 ? done.note : `follow-up: ${done.note}`,
            cashE4: done.cashE4,
          })
          notes.push(done.note)
        }
        note = notes.join('; ')
      }
    }
    noteDay(date, day, action, rule, executed, note)
    if (book.coreLegs().length === 0) {
      closeHedges(book, market, day, date, 'the condor was closed')
      exitKind = 'closed'
      exitIndex = i
      break
    }
    path.push(book.cashE4 + openValue(date, day))
  }
  const exitDate = market.sessions[exitIndex]!
  let pnlE4 = book.cashE4
  if (exitKind === 'end_of_data') {
    pnlE4 += openValue(exitDate, market.pricing(exitDate))
    path.pop()
  }
  const all = book.held.filter((h) => h.leg.hedgeLayerId === null)
  const last = all.slice(-4)
  const trade: LabTrade = {
    key: entry.key,
    entryDate: entry.date,
    expiry: entry.expiry.date,
    finalExpiry: last[last.length - 1]?.leg.expiration ?? entry.expiry.date,
    strikes: entry.strikes,
    finalStrikes: finalStrikes(all, entry.strikes),
    creditE4: modelCreditE4,
    exitDate,
    exitKind,
    pnlE4,
    costsE4: book.costsE4,
    vixAtEntry: market.close('VIX', entry.date),
    actions,
  }
  return {
    trade,
    entryIndex: entry.index,
    exitIndex,
    path,
    counts,
    notAvailable,
    ...(record ? { days } : {}),
  }
}

/** The strikes of the latest leg of each role. */
function finalStrikes(legs: HeldLeg[], fallback: LabStrikes): LabStrikes {
  const k = (role: LegRole, d: number) =>
    [...legs].reverse().find((h) => h.leg.role === role)?.strike ?? d
  return {
    longPut: k('long_put', fallback.longPut),
    shortPut: k('short_put', fallback.shortPut),
    shortCall: k('short_call', fallback.shortCall),
    longCall: k('long_call', fallback.longCall),
  }
}

function closeHedges(
  book: TradeBook,
  market: LabMarket,
  day: PricingDay | null,
  date: IsoDate,
  _why: string,
): void {
  const hedges = book.openLegs().filter((h) => h.leg.hedgeLayerId !== null)
  if (!hedges.length) return
  const adj = book.adjustment('hedge_remove', date)
  for (const h of hedges) book.close(h, adj, date, markE4(market, day, h, date) ?? h.lastPriceE4)
}

interface Applied {
  executed: boolean
  note: string
  cashE4: number
}

const notDone = (note: string): Applied => ({ executed: false, note, cashE4: 0 })

function applyAction(
  ctx: LabContext,
  book: TradeBook,
  step: ResolvedAction,
  date: IsoDate,
  day: PricingDay,
): Applied {
  const { market, params } = ctx
  const core = book.coreLegs()
  const price = (h: HeldLeg) => markE4(market, day, h, date) ?? h.lastPriceE4
  const closeAll = (legs: HeldLeg[], kind: AdjustmentKind, what: string): Applied => {
    if (!legs.length) return notDone(`nothing to close: no ${what} is open`)
    const adj = book.adjustment(kind, date)
    let cash = 0
    for (const h of legs) cash += book.close(h, adj, date, price(h))
    return { executed: true, note: `closed the ${what} at the model value`, cashE4: cash }
  }
  const side = (type: 'call' | 'put') => core.filter((h) => h.leg.optionType === type)
  switch (step.action) {
    case 'HOLD':
      return { executed: true, note: '', cashE4: 0 }
    case 'CLOSE_CALL_SPREAD':
      return closeAll(side('call'), 'partial_close', 'call spread')
    case 'CLOSE_PUT_SPREAD':
      return closeAll(side('put'), 'partial_close', 'put spread')
    case 'CLOSE_ALL':
      return closeAll(book.openLegs(), 'close', 'position')
    case 'ROLL_OUT': {
      const minDays = numberParam(step.params.minDays, 7)
      const maxDays = numberParam(step.params.maxDays, 14)
      const current = core.map((h) => h.leg.expiration).sort()[0]!
      const target = firstListedExpiry(addDays(current, minDays), addDays(current, maxDays))
      if (!target)
        return notDone(
          `not available: no listed SPX expiry ${minDays}–${maxDays} days after ${current} (SPXW weeklies start 2005-10-28)`,
        )
      const adj = book.adjustment('roll', date)
      let cash = 0
      for (const h of core) {
        const qty = h.leg.openQuantity
        cash += book.close(h, adj, date, price(h))
        const p = optionPrice(day, h.leg.optionType!, h.strike!, target.date)!
        cash += book.open(
          adj,
          date,
          {
            role: h.leg.role,
            instrumentType: 'option',
            root: target.root,
            optionType: h.leg.optionType,
            strike: h.strike,
            expiry: target.date,
            multiplier: h.leg.multiplier,
            quantity: qty,
            layer: null,
            replaces: h.leg.id,
          },
          Math.round(p * SCALE),
        )
      }
      return {
        executed: true,
        note: `rolled ${current} → ${target.date} (${target.root}), same strikes`,
        cashE4: cash,
      }
    }
    case 'ROLL_UP_CALL':
    case 'ROLL_DOWN_PUT': {
      const type = step.action === 'ROLL_UP_CALL' ? 'call' : 'put'
      const legs = side(type)
      const short = legs.find((h) => h.leg.openQuantity < 0)
      if (!short) return notDone(`nothing to roll: no short ${type} is open`)
      const expiry = short.leg.expiration
      const strike = strikeAtDelta(day, type, params.shortDelta, expiry)
      const further = type === 'call' ? strike > short.strike! : strike < short.strike!
      if (!further)
        return notDone(
          `not carried out: the ${params.shortDelta}-delta ${type} (${strike}) is not beyond the short ${type} ${short.strike}`,
        )
      const wing = type === 'call' ? strike + params.wingWidth : strike - params.wingWidth
      if (wing <= 0) return notDone(`not carried out: the new long ${type} would be at ${wing}`)
      const adj = book.adjustment('roll', date)
      let cash = 0
      const q = Math.abs(short.leg.openQuantity)
      for (const h of legs) cash += book.close(h, adj, date, price(h))
      for (const [k, isShort] of [
        [strike, true],
        [wing, false],
      ] as const) {
        const p = optionPrice(day, type, k, expiry)!
        cash += book.open(
          adj,
          date,
          {
            role: roleOf(type, isShort),
            instrumentType: 'option',
            root: short.leg.root,
            optionType: type,
            strike: k,
            expiry,
            multiplier: 100,
            quantity: isShort ? -q : q,
            layer: null,
            replaces: (isShort ? short : (legs.find((h) => h !== short) ?? short)).leg.id,
          },
          Math.round(p * SCALE),
        )
      }
      return {
        executed: true,
        note: `re-centred the ${type} spread to ${strike}/${wing}`,
        cashE4: cash,
      }
    }
    case 'ADD_HEDGE_LAYER':
    case 'TIME_SHIFT_HEDGE': {
      const open = new Set(
        book
          .openLegs()
          .map((h) => h.leg.hedgeLayerId)
          .filter((x) => x !== null),
      )
      if (open.size >= MAX_LAYERS)
        return notDone(`not carried out: ${MAX_LAYERS} hedge layers are open already`)
      const [front, second] = vixExpiriesAfter(date, 2) as [IsoDate, IsoDate]
      const f = vxPriceE4(market, front, date)
      const s = vxPriceE4(market, second, date)
      const range = market.vxRange
      if (f === null || (step.action === 'TIME_SHIFT_HEDGE' && s === null))
        return notDone(
          `not available: no VX futures settlement stored for ${date}` +
            (range ? ` (the VX history runs ${range.first} to ${range.last})` : ''),
        )
      const layer = ++book.layers
      const adj = book.adjustment(
        step.action === 'ADD_HEDGE_LAYER' ? 'hedge_add' : 'hedge_time_shift',
        date,
      )
      const vx = (expiry: IsoDate, quantity: number, priceE4: number) =>
        book.open(
          adj,
          date,
          {
            role: 'hedge',
            instrumentType: 'future',
            root: 'VX',
            optionType: null,
            strike: null,
            expiry,
            multiplier: HEDGE_MULTIPLIER,
            quantity,
            layer,
            replaces: null,
          },
          priceE4,
        )
      if (step.action === 'ADD_HEDGE_LAYER') {
        const cash = vx(front, params.quantity, f)
        return {
          executed: true,
          note: `layer ${layer}: bought ${params.quantity} VX ${front} at ${formatE4(f)}`,
          cashE4: cash,
        }
      }
      const cash = vx(front, -params.quantity, f) + vx(second, params.quantity, s!)
      return {
        executed: true,
        note: `layer ${layer}: sold VX ${front} at ${formatE4(f)}, bought VX ${second} at ${formatE4(s!)}`,
        cashE4: cash,
      }
    }
    case 'REMOVE_HEDGE_LAYER': {
      const hedges = book.openLegs().filter((h) => h.leg.hedgeLayerId !== null)
      const newest = Math.max(-1, ...hedges.map((h) => h.leg.hedgeLayerId!))
      return closeAll(
        hedges.filter((h) => h.leg.hedgeLayerId === newest),
        'hedge_remove',
        'hedge layer',
      )
    }
    case 'ADJUST_HEDGE_LAYER':
      return notDone('not modelled: the lab does not resize hedge layers')
  }
}

function numberParam(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback
}
