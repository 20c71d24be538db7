import type { LegRole, PositionId } from '../../../shared/domain.ts'
import { checkExpiry, checkTradeDate } from '../../../shared/calendar/expiries.ts'
import { nyDateOf, nyWallTimeToInstant } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import { ROOTS } from '../../../shared/instruments.ts'
import type { CreateIronCondor } from '../../../shared/ironCondor.ts'
import { mulE4, requireE4 } from '../../../shared/money.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import { insertAdjustment } from '../db/repositories/adjustments.ts'
import { insertFill } from '../db/repositories/fills.ts'
import { insertLeg } from '../db/repositories/legs.ts'
import { insertPosition } from '../db/repositories/positions.ts'
import { resolveAccount } from './accounts.ts'

/** The close of the New York session (16:00) stamps fills whose time of day is not known. */
export const DEFAULT_FILL_HOUR_NY = 16

/**
 * Records a new iron condor: the position, its four legs, the opening adjustment carrying the
 * combo credit and fees, and one opening fill per leg — all in one transaction, so a failure
 * anywhere writes nothing.
 */
export function createIronCondor(db: Db, input: CreateIronCondor, now: Date): PositionId {
  const nowIso = now.toISOString()
  const root = ROOTS[input.underlying]
  const openedAt = nyWallTimeToInstant(input.entryDate, DEFAULT_FILL_HOUR_NY).toISOString()
  const creditE4 = requireE4(input.credit)
  const feesE4 = requireE4(input.fees)
  const q = input.quantity
  const legs: { role: LegRole; type: 'call' | 'put'; strike: string; sign: 1 | -1 }[] = [
    { role: 'long_put', type: 'put', strike: input.longPut, sign: 1 },
    { role: 'short_put', type: 'put', strike: input.shortPut, sign: -1 },
    { role: 'short_call', type: 'call', strike: input.shortCall, sign: -1 },
    { role: 'long_call', type: 'call', strike: input.longCall, sign: 1 },
  ]

  // The same calendar refusals as the New position form (shared/calendar/expiries.ts).
  const entryProblem = checkTradeDate(input.entryDate, { today: nyDateOf(now) })
  if (entryProblem) throw new DomainError('VALIDATION', entryProblem, { entryDate: entryProblem })
  const expiryProblem = checkExpiry(input.underlying, input.expiration)
  if (expiryProblem)
    throw new DomainError('VALIDATION', expiryProblem, { expiration: expiryProblem })

  return writeTransaction(db, (): PositionId => {
    const accountId = resolveAccount(db, input.accountId, nowIso)
    const positionId = insertPosition(db, {
      accountId,
      underlying: root.underlying,
      strategy: 'iron_condor',
      status: 'open',
      openedOn: input.entryDate,
      thesis: '',
      notes: input.notes,
      tags: [...new Set(input.tags)],
      now: nowIso,
    })
    const adjustmentId = insertAdjustment(db, {
      positionId,
      kind: 'open',
      occurredAt: openedAt,
      netPriceE4: creditE4,
      cashE4: mulE4(creditE4, root.multiplier * q),
      feesE4,
      note: '',
      createdAt: nowIso,
    })
    for (const leg of legs) {
      const legId = insertLeg(db, {
        positionId,
        hedgeLayerId: null,
        role: leg.role,
        instrumentType: 'option',
        root: input.underlying,
        optionType: leg.type,
        strikeE4: requireE4(leg.strike),
        expiration: input.expiration,
        multiplier: root.multiplier,
        quantity: leg.sign * q,
        openedAt,
        replacesLegId: null,
      })
      // Per-leg prices are unknown when the user enters the combo credit: the fill records
      // quantity and side; the adjustment holds the net price and all the fees.
      insertFill(db, {
        legId,
        adjustmentId,
        executedAt: openedAt,
        side: leg.sign > 0 ? 'buy' : 'sell',
        effect: 'open',
        quantity: q,
        priceE4: null,
        feesE4: 0,
        source: 'manual',
      })
    }
    return positionId
  })
}
