import type { LogAdjustment } from '../../../shared/decisions.ts'
import { nyDateOf, nyWallTimeToInstant } from '../../../shared/dates.ts'
import type { Leg } from '../../../shared/domain.ts'
import { multiplierOf } from '../../../shared/instruments.ts'
import { mulE4, requireE4 } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import { insertAdjustment } from '../db/repositories/adjustments.ts'
import { insertDecision } from '../db/repositories/decisions.ts'
import { insertFill } from '../db/repositories/fills.ts'
import {
  closeHedgeLayer,
  insertHedgeLayer,
  listHedgeLayers,
} from '../db/repositories/hedgeLayers.ts'
import { checkExpiry, checkTradeDate } from '../../../shared/calendar/expiries.ts'
import { countOpenLegs, insertLeg, markLegClosed } from '../db/repositories/legs.ts'
import { closePosition, getPositionDetail } from '../db/repositories/positions.ts'
import { evaluateDecision } from './decisions.ts'
import type { SignalService } from './signals.ts'

export interface LoggedAdjustment {
  adjustmentId: number | null
  /** Null when the trade was recorded without a decision (a plain close or expiry). */
  decisionId: number | null
}

/** Premium of an option trade, + received; a future moves no premium (see shared/ledger.ts). */
const premiumE4 = (
  type: 'option' | 'future',
  sold: boolean,
  priceE4: number,
  contracts: number,
  multiplier: number,
) => (type === 'future' ? 0 : (sold ? 1 : -1) * mulE4(priceE4, contracts * multiplier))

/**
 * Logs what the trader did and why, in one transaction: the adjustment, a fill per leg closed or
 * opened (roll = closes + opens, partial closes, hedge-layer legs), the new legs with their roll
 * lineage and hedge layer, leg / layer / position closing, and the immutable decision record
 * (the snapshot and recommendation the core recomputes from the inputs, the ruleset version,
 * the action taken, followed or overridden, the reason). Anything failing writes nothing.
 * With no fills at all, only the decision is recorded (e.g. a HOLD).
 */
export function logAdjustment(
  db: Db,
  signals: SignalService,
  input: LogAdjustment,
  now: Date,
): LoggedAdjustment {
  const d = input.decision
  const positionId = d?.inputs.positionId ?? input.positionId
  if (positionId === undefined)
    throw new DomainError('VALIDATION', 'Say which position the trade belongs to', {
      positionId: 'Required',
    })
  if (d && input.positionId !== undefined && input.positionId !== d.inputs.positionId)
    throw new DomainError('VALIDATION', 'The decision is about another position', {
      positionId: 'Does not match the decision',
    })
  const detail = getPositionDetail(db, positionId)
  if (!detail) throw new DomainError('NOT_FOUND', `Position ${positionId} does not exist`)
  if (detail.summary.status !== 'open')
    throw new DomainError('CONFLICT', `Position ${positionId} is closed`)
  if (detail.summary.voidedAt)
    throw new DomainError('CONFLICT', `Position ${positionId} is voided: restore it first`)
  if (!d && input.closes.length === 0 && input.opens.length === 0)
    throw new DomainError('VALIDATION', 'Nothing to record: close or open at least one leg')
  const today = nyDateOf(now)
  const dateProblem = checkTradeDate(input.occurredOn, { openedOn: detail.summary.openedOn, today })
  if (dateProblem) throw new DomainError('VALIDATION', dateProblem, { occurredOn: dateProblem })

  const evaluation = d ? evaluateDecision(db, signals, d.inputs, detail) : null
  const recommended = evaluation?.recommendation.action
  if (d && d.actionTaken !== recommended && d.reason.trim() === '')
    throw new DomainError(
      'VALIDATION',
      `Say why you chose ${d.actionTaken} over the recommended ${recommended}`,
      {
        'decision.reason': `Required when overriding the recommendation (${recommended})`,
      },
    )

  // Closing fills: each leg must be an open leg of this position, closed at most to zero.
  const legs = new Map<number, Leg>(detail.legs.map((l) => [l.id as number, l]))
  const closing = new Map<number, number>()
  input.closes.forEach((c, i) => {
    const leg = legs.get(c.legId)
    if (!leg || leg.closedAt !== null)
      throw new DomainError(
        'VALIDATION',
        `Leg ${c.legId} is not an open leg of position ${positionId}`,
        {
          [`closes.${i}.legId`]: 'Not an open leg of this position',
        },
      )
    const legOpened = nyDateOf(new Date(leg.openedAt))
    if (input.occurredOn < legOpened)
      throw new DomainError(
        'VALIDATION',
        `Leg ${leg.root} ${leg.strike ?? ''} ${leg.optionType ?? 'future'} was opened on ${legOpened}; it cannot be closed on ${input.occurredOn}`,
        { occurredOn: `Before the leg was opened (${legOpened})` },
      )
    closing.set(c.legId, (closing.get(c.legId) ?? 0) + c.quantity)
  })
  for (const [legId, qty] of closing) {
    const leg = legs.get(legId)!
    const remaining = Math.abs(leg.openQuantity)
    if (qty > remaining)
      throw new DomainError(
        'VALIDATION',
        `Leg ${legId} has ${remaining} contracts open; cannot close ${qty}`,
        {
          closes: `Leg ${legId}: at most ${remaining} contracts`,
        },
      )
  }
  const layers = listHedgeLayers(db, positionId)
  input.opens.forEach((o, i) => {
    const bad = (field: string, message: string) => {
      throw new DomainError('VALIDATION', `New leg ${i + 1}: ${message}`, {
        [`opens.${i}.${field}`]: message,
      })
    }
    if (o.instrumentType === 'option' && (!o.optionType || !o.strike))
      bad('strike', 'an option needs a type and a strike')
    if (o.instrumentType === 'future' && (o.optionType || o.strike))
      bad('strike', 'a future has no type or strike')
    if (o.instrumentType === 'future' && o.root !== 'VX' && o.multiplier === undefined)
      bad('multiplier', `give the contract multiplier of ${o.root} futures`)
    if (o.strike && requireE4(o.strike) <= 0) bad('strike', 'the strike must be above 0')
    if (o.expiration < input.occurredOn)
      bad('expiration', 'the expiration is before the adjustment date')
    const expiryProblem = checkExpiry(o.root, o.expiration)
    if (expiryProblem) bad('expiration', expiryProblem)
    if (o.replacesLegId !== undefined && !legs.has(o.replacesLegId))
      bad('replacesLegId', `leg ${o.replacesLegId} is not a leg of this position`)
    if (
      typeof o.hedgeLayer === 'number' &&
      !layers.some((l) => l.layerNo === o.hedgeLayer && l.status === 'open')
    )
      bad('hedgeLayer', `there is no open hedge layer ${o.hedgeLayer}`)
    if ((o.hedgeLayer !== undefined) !== (o.role === 'hedge'))
      bad('role', 'hedge legs (role "hedge") and only they belong to a hedge layer')
  })

  const at = nyWallTimeToInstant(
    input.occurredOn,
    Number(input.time.slice(0, 2)),
    Number(input.time.slice(3, 5)),
  ).toISOString()
  const nowIso = now.toISOString()
  return writeTransaction(db, (): LoggedAdjustment => {
    let adjustmentId: number | null = null
    if (input.closes.length || input.opens.length) {
      // The premium the adjustment moved, as recorded; the ledger recomputes money from fills.
      let cashE4 = 0
      for (const c of input.closes) {
        const leg = legs.get(c.legId)!
        // Closing a short buys it back (cash out); closing a long sells it (cash in).
        cashE4 += premiumE4(
          leg.instrumentType,
          leg.quantity > 0,
          requireE4(c.price),
          c.quantity,
          leg.multiplier,
        )
      }
      for (const o of input.opens) {
        const mult = o.multiplier ?? multiplierOf(o.root, o.instrumentType)
        cashE4 += premiumE4(
          o.instrumentType,
          o.quantity < 0,
          requireE4(o.price),
          Math.abs(o.quantity),
          mult,
        )
      }
      adjustmentId = insertAdjustment(db, {
        positionId,
        kind: input.kind,
        occurredAt: at,
        netPriceE4: null,
        cashE4,
        feesE4: requireE4(input.fees),
        note: input.note,
        createdAt: nowIso,
      })
      const adj = adjustmentId
      for (const c of input.closes) {
        const leg = legs.get(c.legId)!
        insertFill(db, {
          legId: c.legId,
          adjustmentId: adj,
          executedAt: at,
          side: leg.quantity < 0 ? 'buy' : 'sell',
          effect: 'close',
          quantity: c.quantity,
          priceE4: requireE4(c.price),
          feesE4: 0,
          source: 'manual',
        })
        if ((closing.get(c.legId) ?? 0) >= Math.abs(leg.openQuantity))
          markLegClosed(db, c.legId, at)
      }
      let newLayer: { id: number; layerNo: number } | null = null
      for (const o of input.opens) {
        let hedgeLayerId: number | null = null
        if (o.hedgeLayer === 'new')
          hedgeLayerId = (newLayer ??= insertHedgeLayer(db, positionId, adj)).id
        else if (typeof o.hedgeLayer === 'number')
          hedgeLayerId = layers.find((l) => l.layerNo === o.hedgeLayer)!.id
        const legId = insertLeg(db, {
          positionId,
          hedgeLayerId,
          role: o.role,
          instrumentType: o.instrumentType,
          root: o.root,
          optionType: o.optionType ?? null,
          strikeE4: o.strike ? requireE4(o.strike) : null,
          expiration: o.expiration,
          multiplier: o.multiplier ?? multiplierOf(o.root, o.instrumentType),
          quantity: o.quantity,
          openedAt: at,
          replacesLegId: o.replacesLegId ?? null,
        })
        insertFill(db, {
          legId,
          adjustmentId: adj,
          executedAt: at,
          side: o.quantity > 0 ? 'buy' : 'sell',
          effect: 'open',
          quantity: Math.abs(o.quantity),
          priceE4: requireE4(o.price),
          feesE4: 0,
          source: 'manual',
        })
      }
      for (const layer of listHedgeLayers(db, positionId))
        if (layer.status === 'open' && countOpenLegs(db, positionId, layer.id) === 0)
          closeHedgeLayer(db, layer.id, adj)
      if (countOpenLegs(db, positionId) === 0)
        closePosition(db, positionId, input.occurredOn, nowIso)
    }
    if (!d || !evaluation) return { adjustmentId, decisionId: null }
    const decisionId = insertDecision(db, {
      positionId,
      adjustmentId,
      decidedAt: at,
      snapshot: evaluation.snapshot,
      rulesetId: evaluation.ruleset.id,
      rulesetVersion: evaluation.ruleset.version,
      recommendation: evaluation.recommendation,
      actionTaken: d.actionTaken,
      reason: d.reason,
      correctsDecisionId: null,
      createdAt: nowIso,
    })
    return { adjustmentId, decisionId }
  })
}
