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
import type { LegMark } from '../../../shared/ledger.ts'
import { ledgerInputOf, positionFigures } from '../../../shared/positionFigures.ts'

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

/** What position signals read of a position: its legs and the fills and adjustments behind them. */
export type SignalPosition = Pick<PositionDetail, 'legs' | 'fills' | 'adjustments'>

export function positionSignals(p: SignalPosition, input: PositionSignalInputs): PositionSignals {
  const recorder = new SignalRecorder()
  const { values, missing } = recorder
  const notes: string[] = []
  const set = recorder.set.bind(recorder)
  const open = p.legs.filter((l) => l.openQuantity !== 0)
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
    quantity: l.openQuantity,
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
      .filter((l) => l.optionType === type && l.openQuantity < 0)
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
      quantity: l.openQuantity,
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

  // P&L from the ledger (shared/ledger.ts): all cash − fees + the open legs at the marks.
  const ledgerInput = ledgerInputOf(p)
  const figureMarks = new Map<number, LegMark | { missing: string }>()
  for (const l of open) {
    const mark = input.marks?.[l.id]
    figureMarks.set(
      l.id,
      mark == null
        ? { missing: 'no mark' }
        : { priceE4: Math.round(mark * SCALE), date: input.date, source: 'user' },
    )
  }
  const figures = positionFigures(ledgerInput, figureMarks)
  const opening = figures.ledger.flows.find((f) => f.kind === 'open')
  const creditCash = opening && opening.premiumE4 > 0 ? opening.premiumE4 / SCALE : null
  if (figures.totalE4 === null) {
    const why = 'no mark for every open leg: enter the leg marks'
    for (const id of ['pnl', 'pnl_pct_of_credit', 'pnl_pct_of_max_loss']) set(id, null, why)
  } else {
    const pnl = figures.totalE4 / SCALE
    set('pnl', pnl, '')
    set(
      'pnl_pct_of_credit',
      creditCash ? (pnl / creditCash) * 100 : null,
      'the position was not opened for a credit',
    )
    const st = figures.wire.structure
    const maxLoss = st.ok && st.maxLoss !== null ? e4(st.maxLoss) / SCALE : null
    set(
      'pnl_pct_of_max_loss',
      maxLoss ? (pnl / maxLoss) * 100 : null,
      st.ok ? 'the structure has no defined max loss' : st.reason,
    )
  }

  const shortIvs = options
    .filter((l) => l.openQuantity < 0 && legIv[l.id])
    .map((l) => legIv[l.id]!.iv)
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
  // Hedge cost: the premium paid for the open hedge option contracts (the ledger's basis, sign
  // flipped); a future costs no premium.
  const bases = hedges.map((l) =>
    l.instrumentType === 'future' ? 0 : (figures.ledger.legs.get(l.id)?.openBasisE4 ?? null),
  )
  set(
    'hedge_cost',
    bases.some((b) => b === null)
      ? null
      : bases.reduce<number>((sum, b) => sum - (b ?? 0), 0) / SCALE,
    'a hedge leg was opened at a net price only',
  )
  // Net delta of the layers in dollars per VIX point: VX futures are linear; VIX options would
  // need a model on the VX future, which Wingman does not have yet.
  set(
    'hedge_net_delta',
    hedges.some((l) => l.instrumentType === 'option')
      ? null
      : hedges.reduce((sum, l) => sum + l.openQuantity * l.multiplier, 0),
    'VIX option hedge legs need a model priced off the VX future, which is not built yet',
  )
  if (
    Object.values(legIv).some((x) => x.source === 'input') &&
    Object.values(legIv).some((x) => x.source === 'mark')
  )
    notes.push('some legs use the IV you entered because they have no mark')
  return { values, missing, notes, legIv }
}
