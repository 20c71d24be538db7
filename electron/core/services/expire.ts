import { nyDateOf, nyWallTimeToInstant } from '../../../shared/dates.ts'
import type { Decimal, IsoDate, PositionId } from '../../../shared/domain.ts'
import { computeLedger, type LedgerInput } from '../../../shared/ledger.ts'
import { formatE4, mulE4, requireE4 } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import { settleLeg } from '../../../shared/settlement.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import { insertAdjustment } from '../db/repositories/adjustments.ts'
import { insertFill } from '../db/repositories/fills.ts'
import { closeHedgeLayer, listHedgeLayers } from '../db/repositories/hedgeLayers.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import { countOpenLegs, markLegClosed } from '../db/repositories/legs.ts'
import { closePosition, listPositionSummaries } from '../db/repositories/positions.ts'
import type { MarkService } from './marks.ts'

/** One expired open leg and what it settles at. */
export interface ExpiringLeg {
  legId: number
  root: string
  expiration: IsoDate
  optionType: 'call' | 'put' | null
  strike: Decimal | null
  /** Signed contracts still open. */
  openQuantity: number
  /** Per share (options: intrinsic value; futures: the settlement price); null when unknown. */
  price: Decimal | null
  /** Premium this moves (options only), + received; futures P&L is the ledger's. */
  cash: Decimal | null
  /** Where the price came from ("stored history of 2026-07-17", "settlement 5930.85 you entered") or why it is missing. */
  source: string
}

export interface ExpiryCandidate {
  positionId: number
  legs: ExpiringLeg[]
  /** True when every expired leg has a settlement price. */
  ready: boolean
}

/** The New York instant an expiry is booked at: 16:00 of the expiration date. */
const expiryInstant = (date: IsoDate) => nyWallTimeToInstant(date, 16).toISOString()

function candidatesOf(
  marks: MarkService,
  today: IsoDate,
  input: LedgerInput,
  positionId: number,
  entered: Record<string, string>,
): ExpiryCandidate | null {
  const ledger = computeLedger(input)
  const legs: ExpiringLeg[] = []
  for (const l of input.legs) {
    const open = ledger.legs.get(l.id)!.openQuantity
    if (open === 0 || l.expiration >= today) continue
    const typed = entered[String(l.id)]
    let priceE4: number | null = null
    let source: string
    if (typed !== undefined) {
      // The user enters the settlement level (index or futures price); an option closes at its
      // intrinsic value there, a future at the level itself.
      const levelE4 = requireE4(typed)
      priceE4 =
        l.instrumentType === 'future' || l.strikeE4 === null
          ? levelE4
          : Math.max(0, l.optionType === 'call' ? levelE4 - l.strikeE4 : l.strikeE4 - levelE4)
      source = `settlement ${typed} you entered`
    } else {
      const settled = settleLeg(
        {
          instrumentType: l.instrumentType,
          root: l.root ?? '',
          optionType: l.optionType,
          strikeE4: l.strikeE4,
          expiration: l.expiration,
          multiplier: l.multiplier,
          quantity: open,
        },
        (symbol, d) => marks.market().bar(symbol, d),
      )
      if (settled.ok) {
        priceE4 = settled.intrinsicE4
        source = `stored history of ${l.expiration}`
      } else source = settled.reason
    }
    legs.push({
      legId: l.id,
      root: l.root ?? '',
      expiration: l.expiration,
      optionType: l.optionType,
      strike: l.strikeE4 === null ? null : formatE4(l.strikeE4),
      openQuantity: open,
      price: priceE4 === null ? null : formatE4(priceE4),
      cash:
        priceE4 === null
          ? null
          : l.instrumentType === 'option'
            ? formatE4(mulE4(priceE4, open * l.multiplier))
            : '0',
      source,
    })
  }
  return legs.length ? { positionId, legs, ready: legs.every((x) => x.price !== null) } : null
}

/**
 * Open positions with legs past their expiration (before `today`), each leg with its settlement
 * from the stored history (shared/settlement.ts) or the value the user entered. Nothing is written.
 */
export function expiryCandidates(
  db: Db,
  marks: MarkService,
  today: IsoDate,
  options: { positionIds?: readonly number[]; settlements?: Record<string, string> } = {},
): ExpiryCandidate[] {
  const open = listPositionSummaries(db, 'open')
    .map((s) => s.id as number)
    .filter((id) => !options.positionIds || options.positionIds.includes(id))
  const inputs = loadLedgerInputs(db, open)
  const out: ExpiryCandidate[] = []
  for (const id of open) {
    const c = candidatesOf(marks, today, inputs.get(id)!, id, options.settlements ?? {})
    if (c) out.push(c)
  }
  return out
}

/**
 * Books an "expire" adjustment for each ready candidate: one closing fill per expired leg at its
 * settlement price (options at intrinsic value, futures at the settlement), the legs closed,
 * emptied hedge layers closed, and the position closed when nothing is left open. One
 * transaction for all; positions whose settlement is unknown are skipped and reported.
 */
export function expirePositions(
  db: Db,
  marks: MarkService,
  today: IsoDate,
  options: { positionIds?: readonly number[]; settlements?: Record<string, string> },
  now: Date,
): { expired: PositionId[]; skipped: ExpiryCandidate[] } {
  const candidates = expiryCandidates(db, marks, today, options)
  if (options.positionIds?.length && candidates.length === 0)
    throw new DomainError('VALIDATION', 'None of these positions has an expired open leg')
  const nowIso = now.toISOString()
  return writeTransaction(db, () => {
    const expired: PositionId[] = []
    for (const c of candidates.filter((x) => x.ready)) {
      const byDate = new Map<IsoDate, ExpiringLeg[]>()
      for (const l of c.legs) byDate.set(l.expiration, [...(byDate.get(l.expiration) ?? []), l])
      for (const [date, legs] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
        const at = expiryInstant(date)
        const adjustmentId = insertAdjustment(db, {
          positionId: c.positionId,
          kind: 'expire',
          occurredAt: at,
          netPriceE4: null,
          cashE4: legs.reduce((s, l) => s + requireE4(l.cash!), 0),
          feesE4: 0,
          note: legs
            .map(
              (l) =>
                `${l.root} ${l.strike ?? ''} ${l.optionType ?? 'future'} at ${l.price} (${l.source})`,
            )
            .join('; '),
          createdAt: nowIso,
        })
        for (const l of legs) {
          insertFill(db, {
            legId: l.legId,
            adjustmentId,
            executedAt: at,
            side: l.openQuantity < 0 ? 'buy' : 'sell',
            effect: 'close',
            quantity: Math.abs(l.openQuantity),
            priceE4: requireE4(l.price!),
            feesE4: 0,
            source: 'expiry',
          })
          markLegClosed(db, l.legId, at)
        }
        for (const layer of listHedgeLayers(db, c.positionId))
          if (layer.status === 'open' && countOpenLegs(db, c.positionId, layer.id) === 0)
            closeHedgeLayer(db, layer.id, adjustmentId)
      }
      if (countOpenLegs(db, c.positionId) === 0) {
        const last = c.legs
          .map((l) => l.expiration)
          .sort()
          .at(-1)!
        closePosition(db, c.positionId, nyDateOf(new Date(expiryInstant(last))), nowIso)
      }
      expired.push(c.positionId as PositionId)
    }
    return { expired, skipped: candidates.filter((x) => !x.ready) }
  })
}
