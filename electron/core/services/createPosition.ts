import { nyDateOf, nyWallTimeToInstant } from '../../../shared/dates.ts'
import type { LegRole, PositionId } from '../../../shared/domain.ts'
import { ROOT_INFO, multiplierOf } from '../../../shared/instruments.ts'
import { computeLedger, type LedgerInput } from '../../../shared/ledger.ts'
import { requireE4 } from '../../../shared/money.ts'
import {
  describeProblem,
  impliedNetPriceE4,
  reviewCalendar,
  type CreatePosition,
} from '../../../shared/newPosition.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import { insertAdjustment } from '../db/repositories/adjustments.ts'
import { insertFill } from '../db/repositories/fills.ts'
import { insertHedgeLayer } from '../db/repositories/hedgeLayers.ts'
import { insertLeg } from '../db/repositories/legs.ts'
import { getPositionSummary, insertPosition } from '../db/repositories/positions.ts'
import { resolveAccount } from './accounts.ts'

export interface CreatedPosition {
  /** The new position, or the hedged one when the legs became its new hedge layer. */
  id: PositionId
  /** Things worth a second look that did not stop the save (a strike off the listed grid). */
  warnings: string[]
}

type NewLeg = CreatePosition['legs'][number]

/** What a leg is for: option legs by type and side; futures are 'other'; hedge-layer legs 'hedge'. */
function roleOf(leg: NewLeg, hedge: boolean): LegRole {
  if (hedge) return 'hedge'
  if (leg.instrumentType === 'future') return 'other'
  const side = leg.quantity > 0 ? 'long' : 'short'
  return `${side}_${leg.optionType ?? 'call'}` as LegRole
}

/** A refusal with every field's problem, worded so the first one reads on its own. */
function refuse(fields: Record<string, string>): never {
  const entries = Object.entries(fields)
  const [path, message] = entries[0]!
  const more = entries.length - 1
  throw new DomainError(
    'VALIDATION',
    describeProblem(path, message) +
      (more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : ''),
    fields,
  )
}

/**
 * Records a new position of any structure — or, with `hedgeOf`, the legs as a new hedge layer
 * of that open position — in one transaction: the position, the opening adjustment ('open', or
 * 'hedge_add' on the hedged position) with the net price and fees, one leg and one opening fill
 * per leg, and the hedge layer. A failure anywhere writes nothing. An entry hedge is not an
 * override of a recommendation, so no decision record is written.
 *
 * The request has passed CreatePositionSchema; this adds what needs the journal or the date:
 * the hedged position must exist and be open, and the calendar (entry on a session, not after
 * today nor before the hedged position was opened, listed expiries). Strikes off the listed
 * grid come back as warnings.
 */
export function createPosition(db: Db, input: CreatePosition, now: Date): CreatedPosition {
  const nowIso = now.toISOString()
  const hedged = input.hedgeOf === undefined ? null : getPositionSummary(db, input.hedgeOf)
  if (input.hedgeOf !== undefined && (!hedged || hedged.voidedAt))
    throw new DomainError('NOT_FOUND', `Position ${input.hedgeOf} does not exist`, {
      hedgeOf: 'No such position',
    })
  const problems: Record<string, string> = {}
  if (hedged && hedged.status !== 'open')
    problems.hedgeOf = `Position ${hedged.id} is closed: a hedge layer attaches to an open position`
  if (hedged && input.accountId !== undefined && input.accountId !== hedged.accountId)
    problems.accountId = `A hedge layer stays in its position's account (${hedged.accountName})`
  const review = reviewCalendar(input, {
    today: nyDateOf(now),
    openedOn: hedged?.openedOn ?? null,
  })
  Object.assign(problems, review.errors)
  if (Object.keys(problems).length > 0) refuse(problems)

  const at = nyWallTimeToInstant(
    input.entryDate,
    Number(input.time.slice(0, 2)),
    Number(input.time.slice(3, 5)),
  ).toISOString()
  const legs = input.legs.map((l) => ({
    ...l,
    multiplier: multiplierOf(l.root, l.instrumentType),
    strikeE4: l.strike === undefined ? null : requireE4(l.strike),
    priceE4: l.price === undefined ? null : requireE4(l.price),
  }))
  // The combo's price: as given, else what the option legs' prices add up to (null for futures
  // alone). It is stored on the adjustment, where it covers the fills that have no price.
  const netPriceE4 =
    input.netPrice !== undefined ? requireE4(input.netPrice) : impliedNetPriceE4(legs)
  const kind = hedged ? 'hedge_add' : 'open'
  const cashE4 = premiumOf(legs, kind, at, netPriceE4)
  const first = legs[0]!
  const hedge = hedged !== null

  const id = writeTransaction(db, (): PositionId => {
    const positionId =
      hedged?.id ??
      insertPosition(db, {
        accountId: resolveAccount(db, input.accountId, nowIso),
        underlying: ROOT_INFO[first.root].underlying,
        // `strategy` is what readers before the structure column know.
        strategy: input.structure === 'iron_condor' ? 'iron_condor' : 'custom',
        structure: input.structure,
        status: 'open',
        openedOn: input.entryDate,
        thesis: input.thesis,
        notes: input.notes,
        tags: [...new Set(input.tags)],
        now: nowIso,
      })
    const adjustmentId = insertAdjustment(db, {
      positionId,
      kind,
      occurredAt: at,
      netPriceE4,
      cashE4,
      feesE4: requireE4(input.fees),
      // A standalone position keeps its notes; a hedge layer's notes describe this adjustment.
      note: hedge ? input.notes : '',
      createdAt: nowIso,
    })
    const layerId = hedge ? insertHedgeLayer(db, positionId, adjustmentId).id : null
    for (const l of legs) {
      const legId = insertLeg(db, {
        positionId,
        hedgeLayerId: layerId,
        role: roleOf(l, hedge),
        instrumentType: l.instrumentType,
        root: l.root,
        optionType: l.instrumentType === 'option' ? (l.optionType ?? null) : null,
        strikeE4: l.strikeE4,
        expiration: l.expiration,
        multiplier: l.multiplier,
        quantity: l.quantity,
        openedAt: at,
        replacesLegId: null,
      })
      // Fees are the trade's total, kept on the adjustment; a fill without a price is covered
      // by the adjustment's net price.
      insertFill(db, {
        legId,
        adjustmentId,
        executedAt: at,
        side: l.quantity > 0 ? 'buy' : 'sell',
        effect: 'open',
        quantity: Math.abs(l.quantity),
        priceE4: l.priceE4,
        feesE4: 0,
        source: 'manual',
      })
    }
    return positionId
  })
  return { id, warnings: review.warnings }
}

/**
 * The option premium the opening moves (+ received), computed by the ledger from the very
 * records about to be written, so the adjustment's cash cannot disagree with the position's
 * money: futures move none, a combo moves net price × multiplier × its ratio unit.
 */
function premiumOf(
  legs: readonly (NewLeg & {
    multiplier: number
    strikeE4: number | null
    priceE4: number | null
  })[],
  kind: 'open' | 'hedge_add',
  at: string,
  netPriceE4: number | null,
): number {
  const input: LedgerInput = {
    legs: legs.map((l, i) => ({
      id: i + 1,
      instrumentType: l.instrumentType,
      optionType: l.optionType ?? null,
      strikeE4: l.strikeE4,
      expiration: l.expiration,
      multiplier: l.multiplier,
      quantity: l.quantity,
      hedgeLayerId: null,
    })),
    fills: legs.map((l, i) => ({
      id: i + 1,
      legId: i + 1,
      adjustmentId: 1,
      executedAt: at,
      side: l.quantity > 0 ? 'buy' : 'sell',
      effect: 'open',
      quantity: Math.abs(l.quantity),
      priceE4: l.priceE4,
      feesE4: 0,
    })),
    adjustments: [{ id: 1, kind, occurredAt: at, netPriceE4, feesE4: 0 }],
  }
  return computeLedger(input).premiumE4
}
