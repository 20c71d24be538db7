import type { AdjustmentId, Fill, FillId, LegId } from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

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
  const info = stmt(
    db,
    `INSERT INTO fills (leg_id, adjustment_id, executed_at, side, effect, quantity, price_e4, fees_e4, source,
                          broker_order_id, broker_exec_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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
  corrected: number
  orig_executed_at: string
  orig_quantity: number
  orig_price_e4: number | null
  orig_fees_e4: number
}

/**
 * A fill as the ledger sees it: the latest correction's values when there is one (highest id),
 * else the values first recorded — which the `orig_` columns keep.
 */
export const EFFECTIVE_FILLS_SQL = `
  SELECT f.id, f.leg_id, f.adjustment_id, f.side, f.effect, f.source, f.broker_order_id, f.broker_exec_id,
         coalesce(c.executed_at, f.executed_at) AS executed_at,
         coalesce(c.quantity, f.quantity) AS quantity,
         CASE WHEN c.id IS NULL THEN f.price_e4 ELSE c.price_e4 END AS price_e4,
         coalesce(c.fees_e4, f.fees_e4) AS fees_e4,
         c.id IS NOT NULL AS corrected,
         f.executed_at AS orig_executed_at, f.quantity AS orig_quantity,
         f.price_e4 AS orig_price_e4, f.fees_e4 AS orig_fees_e4
    FROM fills f
    JOIN legs l ON l.id = f.leg_id
    LEFT JOIN fill_corrections c
      ON c.id = (SELECT max(fc.id) FROM fill_corrections fc WHERE fc.fill_id = f.id)`

const e4 = (v: number | null) => (v == null ? null : formatE4(v))

export function listFillsOfPosition(db: Db, positionId: number): Fill[] {
  const rows = stmt(
    db,
    `${EFFECTIVE_FILLS_SQL} WHERE l.position_id = ? ORDER BY executed_at, f.id`,
  ).all(positionId) as FillRow[]
  return rows.map((r) => ({
    id: r.id as FillId,
    legId: r.leg_id as LegId,
    adjustmentId: r.adjustment_id as AdjustmentId | null,
    executedAt: r.executed_at,
    side: r.side,
    effect: r.effect,
    quantity: r.quantity,
    price: e4(r.price_e4),
    fees: formatE4(r.fees_e4),
    source: r.source,
    brokerOrderId: r.broker_order_id,
    brokerExecId: r.broker_exec_id,
    original: r.corrected
      ? {
          executedAt: r.orig_executed_at,
          quantity: r.orig_quantity,
          price: e4(r.orig_price_e4),
          fees: formatE4(r.orig_fees_e4),
        }
      : null,
  }))
}

export interface NewFillCorrection {
  fillId: number
  executedAt: string
  quantity: number
  priceE4: number | null
  feesE4: number
  reason: string
  createdAt: string
}

/** Records corrected values for a fill; the fill row itself never changes. */
export function insertFillCorrection(db: Db, c: NewFillCorrection): number {
  return Number(
    stmt(
      db,
      `INSERT INTO fill_corrections (fill_id, executed_at, quantity, price_e4, fees_e4, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.fillId, c.executedAt, c.quantity, c.priceE4, c.feesE4, c.reason, c.createdAt)
      .lastInsertRowid,
  )
}

/** The position a fill belongs to, or null. */
export function positionOfFill(db: Db, fillId: number): number | null {
  const row = stmt(
    db,
    'SELECT l.position_id AS id FROM fills f JOIN legs l ON l.id = f.leg_id WHERE f.id = ?',
  ).get(fillId) as { id: number } | undefined
  return row?.id ?? null
}
