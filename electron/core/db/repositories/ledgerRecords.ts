import type { AdjustmentKind } from '../../../../shared/domain.ts'
import type {
  LedgerAdjustment,
  LedgerFill,
  LedgerInput,
  LedgerLeg,
} from '../../../../shared/ledger.ts'
import type { Db } from '../connection.ts'
import { EFFECTIVE_ADJUSTMENTS_SQL } from './adjustments.ts'
import { EFFECTIVE_FILLS_SQL } from './fills.ts'
import { stmt } from '../statements.ts'

/**
 * The ledger's inputs (shared/ledger.ts) as domain values — e4 integers, corrections applied —
 * for one position, a set of positions, or every position, in three queries whatever the count.
 */
export function loadLedgerInputs(
  db: Db,
  positionIds: readonly number[] | null,
): Map<number, LedgerInput> {
  const out = new Map<
    number,
    { legs: LedgerLeg[]; fills: LedgerFill[]; adjustments: LedgerAdjustment[] }
  >()
  const ids = positionIds === null ? null : [...new Set(positionIds)]
  if (ids !== null && ids.length === 0) return out
  const group = (id: number) => {
    let g = out.get(id)
    if (!g) out.set(id, (g = { legs: [], fills: [], adjustments: [] }))
    return g
  }
  for (const id of ids ?? []) group(id)
  // One JSON array parameter keeps the statement the same whatever the number of ids.
  const where = (col: string) =>
    ids === null ? '' : `WHERE ${col} IN (SELECT value FROM json_each(?))`
  const args = ids === null ? [] : [JSON.stringify(ids)]

  const legs = stmt(
    db,
    `SELECT id, position_id, root, instrument_type, option_type, strike_e4, expiration, multiplier, quantity, hedge_layer_id
         FROM legs ${where('position_id')} ORDER BY id`,
  ).all(...args) as {
    id: number
    position_id: number
    root: string
    instrument_type: 'option' | 'future'
    option_type: 'call' | 'put' | null
    strike_e4: number | null
    expiration: string
    multiplier: number
    quantity: number
    hedge_layer_id: number | null
  }[]
  for (const l of legs)
    group(l.position_id).legs.push({
      id: l.id,
      root: l.root,
      instrumentType: l.instrument_type,
      optionType: l.option_type,
      strikeE4: l.strike_e4,
      expiration: l.expiration,
      multiplier: l.multiplier,
      quantity: l.quantity,
      hedgeLayerId: l.hedge_layer_id,
    })

  // Only the columns the ledger reads, as arrays (`raw`): at a million fills the row objects
  // of the full effective-fills view cost several times the query itself.
  const fills = stmt(
    db,
    `SELECT position_id, id, leg_id, adjustment_id, executed_at, side, effect, quantity, price_e4, fees_e4
       FROM (${EFFECTIVE_FILLS_SQL.replace('f.id, f.leg_id', 'l.position_id, f.id, f.leg_id')})
       ${where('position_id')} ORDER BY id`,
  )
    .raw(true)
    .all(...args) as [
    number,
    number,
    number,
    number | null,
    string,
    'buy' | 'sell',
    'open' | 'close',
    number,
    number | null,
    number,
  ][]
  for (const [
    positionId,
    id,
    legId,
    adjustmentId,
    executedAt,
    side,
    effect,
    quantity,
    priceE4,
    feesE4,
  ] of fills)
    group(positionId).fills.push({
      id,
      legId,
      adjustmentId,
      executedAt,
      side,
      effect,
      quantity,
      priceE4,
      feesE4,
    })

  const adjustments = stmt(
    db,
    `SELECT * FROM (${EFFECTIVE_ADJUSTMENTS_SQL}) ${where('position_id')} ORDER BY id`,
  ).all(...args) as {
    id: number
    position_id: number
    kind: AdjustmentKind
    occurred_at: string
    net_price_e4: number | null
    fees_e4: number
  }[]
  for (const a of adjustments)
    group(a.position_id).adjustments.push({
      id: a.id,
      kind: a.kind,
      occurredAt: a.occurred_at,
      netPriceE4: a.net_price_e4,
      feesE4: a.fees_e4,
    })
  return out
}
