import type { Adjustment, AdjustmentId, AdjustmentKind } from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'

export interface NewAdjustment {
  positionId: number
  kind: AdjustmentKind
  occurredAt: string
  netPriceE4: number | null
  cashE4: number
  feesE4: number
  note: string
  createdAt: string
}

export function insertAdjustment(db: Db, a: NewAdjustment): AdjustmentId {
  const info = db
    .prepare(
      `INSERT INTO adjustments (position_id, kind, occurred_at, net_price_e4, cash_e4, fees_e4, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.positionId, a.kind, a.occurredAt, a.netPriceE4, a.cashE4, a.feesE4, a.note, a.createdAt)
  return Number(info.lastInsertRowid) as AdjustmentId
}

interface AdjustmentRow {
  id: number
  kind: AdjustmentKind
  occurred_at: string
  net_price_e4: number | null
  cash_e4: number
  fees_e4: number
  note: string
}

export function listAdjustments(db: Db, positionId: number): Adjustment[] {
  const rows = db
    .prepare(
      `SELECT id, kind, occurred_at, net_price_e4, cash_e4, fees_e4, note
         FROM adjustments WHERE position_id = ? ORDER BY occurred_at, id`,
    )
    .all(positionId) as AdjustmentRow[]
  return rows.map((r) => ({
    id: r.id as AdjustmentId,
    kind: r.kind,
    occurredAt: r.occurred_at,
    netPrice: r.net_price_e4 == null ? null : formatE4(r.net_price_e4),
    cash: formatE4(r.cash_e4),
    fees: formatE4(r.fees_e4),
    note: r.note,
  }))
}
