import { daysBetween } from '../../../shared/dates.ts'
import type { Leg, PositionDetail } from '../../../shared/domain.ts'
import { bsmGreeks } from '../../../shared/math/bsm.ts'
import { impliedVol } from '../../../shared/math/impliedVol.ts'
import {
  dollarGreeks,
  expectedMove,
  wingPenetration,
  type RiskLeg,
} from '../../../shared/math/positionRisk.ts'
import { parseE4, SCALE } from '../../../shared/money.ts'
import type { SignalValue } from '../../../shared/signals.ts'
import { SignalRecorder } from './signalRecorder.ts'

/**
 * Position signals (PRODUCT.md, "Signals": from legs, marks and the underlying price) for one
 * position at a decision date. Per-leg implied volatility comes from the leg marks the trader
 * enters (inverted with the options math) or, for legs without a mark, from one IV they supply;
 * without either the volatility-based signals are missing, with the reason.
 */
export interface PositionSignalInputs {
  /** Decision date (New York calendar date). */
  date: string
  /** Underlying price; null when neither a live value nor a stored close is known. */
  spot: number | null
  /** Why spot is null, when it is. */
  spotMissing?: string
  /** Per-leg mid prices per share, by leg id (open legs). */
  marks?: Record<number, number>
  /** Fallback implied volatility (decimal) for legs without a mark. */
  iv?: number
  /** Continuously compounded rate and dividend yield used by the model (decimals). */
  rate: number
  div: number
}

export interface PositionSignals {
  values: Record<string, SignalValue>
  missing: Record<string, string>
  notes: string[]
  /** The IV used for each open option leg (decimal), and where it came from. */
  legIv: Record<number, { iv: number; source: 'mark' | 'input' }>
}

const strikeOf = (l: Leg) => (l.strike == null ? null : (parseE4(l.strike) ?? 0) / SCALE)
const e4 = (d: string | null) => (d == null ? 0 : (parseE4(d) ?? 0))

export function positionSignals(p: PositionDetail, input: PositionSignalInputs): PositionSignals {
  const recorder = new SignalRecorder()
  const { values, missing } = recorder
  const notes: string[] = []
  const set = recorder.set.bind(recorder)
  const open = p.legs.filter((l) => l.closedAt === null)
  const core = open.filter((l) => l.hedgeLayerId === null)
  const options = core.filter(
    (l) => l.instrumentType === 'option' && l.optionType && strikeOf(l) != null,
  )
  const firstExpiry = core.map((l) => l.expiration).sort()[0]
  set(
    'dte',
    firstExpiry ? daysBetween(input.date, firstExpiry) : null,
    'the position has no open legs',
  )
  const spot = input.spot
  const noSpot = input.spotMissing ?? 'no underlying price: enter spot'
  set('spot', spot, noSpot)

  // Wing penetration needs only strikes and spot.
  const strikesOnly: RiskLeg[] = options.map((l) => ({
    kind: l.optionType!,
    strike: strikeOf(l)!,
    quantity: l.quantity,
    multiplier: l.multiplier,
    expiry: 0,
    iv: 0,
    entryPrice: 0,
  }))
  const wings = spot == null ? { call: null, put: null } : wingPenetration(strikesOnly, spot)
  set(
    'call_wing_penetration',
    wings.call,
    spot == null ? noSpot : 'the position has no short call with a long call above it',
  )
  set(
    'put_wing_penetration',
    wings.put,
    spot == null ? noSpot : 'the position has no short put with a long put below it',
  )

  // Per-leg IV from marks, else the supplied IV.
  const legIv: PositionSignals['legIv'] = {}
  const years = (l: Leg) => Math.max(daysBetween(input.date, l.expiration), 0) / 365
  for (const l of options) {
    const mark = input.marks?.[l.id]
    const t = years(l)
    if (mark != null && spot != null && t > 0) {
      try {
        legIv[l.id] = {
          iv: impliedVol({
            type: l.optionType!,
            spot,
            strike: strikeOf(l)!,
            t,
            rate: input.rate,
            div: input.div,
            price: mark,
          }),
          source: 'mark',
        }
        continue
      } catch (e) {
        notes.push(
          `leg ${l.root} ${l.strike} ${l.optionType}: mark ${mark} gives no implied volatility (${(e as Error).message})`,
        )
      }
    }
    if (input.iv != null) legIv[l.id] = { iv: input.iv, source: 'input' }
  }
  const noIv = spot == null ? noSpot : 'no implied volatility: enter the leg marks or an IV'
  const withIv = options.filter((l) => legIv[l.id])
  const allIv = withIv.length === options.length && options.length > 0

  const shortOf = (type: 'call' | 'put') =>
    options
      .filter((l) => l.optionType === type && l.quantity < 0)
      .sort((a, b) =>
        type === 'call' ? strikeOf(a)! - strikeOf(b)! : strikeOf(b)! - strikeOf(a)!,
      )[0]
  for (const [id, type] of [
    ['short_call_delta', 'call'],
    ['short_put_delta', 'put'],
  ] as const) {
    const leg = shortOf(type)
    if (!leg) set(id, null, `the position has no short ${type}`)
    else if (spot == null || !legIv[leg.id]) set(id, null, noIv)
    else {
      const g = bsmGreeks({
        type,
        spot,
        strike: strikeOf(leg)!,
        t: years(leg),
        rate: input.rate,
        div: input.div,
        vol: legIv[leg.id]!.iv,
      })
      set(id, Math.abs(g.delta), '')
    }
  }

  if (spot != null && allIv) {
    const risk: RiskLeg[] = options.map((l) => ({
      kind: l.optionType!,
      strike: strikeOf(l)!,
      quantity: l.quantity,
      multiplier: l.multiplier,
      expiry: years(l),
      iv: legIv[l.id]!.iv,
      entryPrice: 0,
    }))
    const g = dollarGreeks(risk, spot, { rate: input.rate, div: input.div }, { at: 0 })
    set('delta', g.delta, '')
    set('gamma', g.gamma, '')
    set('theta', g.thetaPerDay, '')
    set('vega', g.vegaPerPoint, '')
  } else for (const id of ['delta', 'gamma', 'theta', 'vega']) set(id, null, noIv)

  // P&L = cash received − fees + what the open legs are worth now (at the marks).
  const cash = p.adjustments.reduce((s, a) => s + e4(a.cash) - e4(a.fees), 0) / SCALE
  const openValue = open.map((l) => {
    const mark = input.marks?.[l.id]
    return mark == null ? null : l.quantity * l.multiplier * mark
  })
  const opening = p.adjustments.find((a) => a.kind === 'open')
  const creditCash = opening ? e4(opening.cash) / SCALE : null
  if (openValue.some((v) => v == null)) {
    const why = 'no mark for every open leg: enter the leg marks'
    for (const id of ['pnl', 'pnl_pct_of_credit', 'pnl_pct_of_max_loss']) set(id, null, why)
  } else {
    const pnl = cash + (openValue as number[]).reduce((a, b) => a + b, 0)
    set('pnl', pnl, '')
    set(
      'pnl_pct_of_credit',
      creditCash ? (pnl / creditCash) * 100 : null,
      'the position has no opening credit',
    )
    const s = p.summary
    const k = [s.longPut, s.shortPut, s.shortCall, s.longCall].map((x) =>
      x == null ? null : e4(x),
    )
    const maxLoss =
      k.every((x) => x != null) && s.credit != null && s.quantity != null
        ? ((Math.max(k[1]! - k[0]!, k[3]! - k[2]!) - e4(s.credit)) / SCALE) * 100 * s.quantity
        : null
    set(
      'pnl_pct_of_max_loss',
      maxLoss ? (pnl / maxLoss) * 100 : null,
      'max loss is defined for iron condors only',
    )
  }

  const shortIvs = options.filter((l) => l.quantity < 0 && legIv[l.id]).map((l) => legIv[l.id]!.iv)
  const dte = values.dte
  if (spot != null && shortIvs.length && typeof dte === 'number' && dte >= 0) {
    const em = expectedMove(spot, shortIvs.reduce((a, b) => a + b, 0) / shortIvs.length, dte)
    set('expected_move', em, '')
    const sc = shortOf('call')
    set(
      'short_call_distance_em',
      sc && em > 0 ? (strikeOf(sc)! - spot) / em : null,
      sc ? 'expected move is 0' : 'the position has no short call',
    )
  } else {
    set('expected_move', null, noIv)
    set('short_call_distance_em', null, noIv)
  }
  const hedges = open.filter((l) => l.hedgeLayerId !== null)
  set('hedge_layer_active', hedges.length > 0, '')
  // Hedge cost: what the open hedge legs cost to put on (fills at their prices), in dollars.
  const hedgeIds = new Set(hedges.map((l) => l.id as number))
  const hedgeFills = p.fills.filter((f) => hedgeIds.has(f.legId) && f.effect === 'open')
  const mult = new Map(hedges.map((l) => [l.id as number, l.multiplier]))
  set(
    'hedge_cost',
    hedgeFills.some((f) => f.price === null)
      ? null
      : hedgeFills.reduce(
          (sum, f) =>
            sum +
            ((f.side === 'buy' ? 1 : -1) * e4(f.price) * f.quantity * (mult.get(f.legId) ?? 0)) /
              SCALE,
          0,
        ),
    'a hedge fill has no price',
  )
  // Net delta of the layers in dollars per VIX point: VX futures are linear; VIX options would
  // need a model on the VX future, which Wingman does not have yet.
  set(
    'hedge_net_delta',
    hedges.some((l) => l.instrumentType === 'option')
      ? null
      : hedges.reduce((sum, l) => sum + l.quantity * l.multiplier, 0),
    'VIX option hedge legs need a model priced off the VX future, which is not built yet',
  )
  if (
    Object.values(legIv).some((x) => x.source === 'input') &&
    Object.values(legIv).some((x) => x.source === 'mark')
  )
    notes.push('some legs use the IV you entered because they have no mark')
  return { values, missing, notes, legIv }
}
