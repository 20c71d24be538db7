import type { AdjustmentId, Fill, FillId, LegId } from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'

export interface NewFill {
  legId: number
  adjustmentId: number | null
  executedAt: string
  side: 'buy' | 'sell'
  effect: 'open' | 'close'
  quantity: number
  priceE4: number | null
  feesE4: number
  source: string
  brokerOrderId?: string | null
  brokerExecId?: string | null
}

export function insertFill(db: Db, f: NewFill): FillId {
  const info = db
    .prepare(
      `INSERT INTO fills (leg_id, adjustment_id, executed_at, side, effect, quantity, price_e4, fees_e4, source,
                          broker_order_id, broker_exec_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      f.legId,
      f.adjustmentId,
      f.executedAt,
      f.side,
      f.effect,
      f.quantity,
      f.priceE4,
      f.feesE4,
      f.source,
      f.brokerOrderId ?? null,
      f.brokerExecId ?? null,
    )
  return Number(info.lastInsertRowid) as FillId
}

interface FillRow {
  id: number
  leg_id: number
  adjustment_id: number | null
  executed_at: string
  side: 'buy' | 'sell'
  effect: 'open' | 'close'
  quantity: number
  price_e4: number | null
  fees_e4: number
  source: string
  broker_order_id: string | null
  broker_exec_id: string | null
}

export function listFillsOfPosition(db: Db, positionId: number): Fill[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.leg_id, f.adjustment_id, f.executed_at, f.side, f.effect, f.quantity, f.price_e4, f.fees_e4,
              f.source, f.broker_order_id, f.broker_exec_id
         FROM fills f JOIN legs l ON l.id = f.leg_id
        WHERE l.position_id = ?
        ORDER BY f.executed_at, f.id`,
    )
    .all(positionId) as FillRow[]
  return rows.map((r) => ({
    id: r.id as FillId,
    legId: r.leg_id as LegId,
    adjustmentId: r.adjustment_id as AdjustmentId | null,
    executedAt: r.executed_at,
    side: r.side,
    effect: r.effect,
    quantity: r.quantity,
    price: r.price_e4 == null ? null : formatE4(r.price_e4),
    fees: formatE4(r.fees_e4),
    source: r.source,
    brokerOrderId: r.broker_order_id,
    brokerExecId: r.broker_exec_id,
  }))
}
