import type { Adjustment, AdjustmentId, AdjustmentKind } from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

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
  const info = stmt(
    db,
    `INSERT INTO adjustments (position_id, kind, occurred_at, net_price_e4, cash_e4, fees_e4, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.positionId, a.kind, a.occurredAt, a.netPriceE4, a.cashE4, a.feesE4, a.note, a.createdAt)
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
  corrected: number
  orig_net_price_e4: number | null
  orig_fees_e4: number
}

/** Adjustments with the latest correction of their net price and fees applied. */
export const EFFECTIVE_ADJUSTMENTS_SQL = `
  SELECT a.id, a.position_id, a.kind, a.occurred_at, a.cash_e4, a.note,
         CASE WHEN c.id IS NULL THEN a.net_price_e4 ELSE c.net_price_e4 END AS net_price_e4,
         coalesce(c.fees_e4, a.fees_e4) AS fees_e4,
         c.id IS NOT NULL AS corrected,
         a.net_price_e4 AS orig_net_price_e4, a.fees_e4 AS orig_fees_e4
    FROM adjustments a
    LEFT JOIN adjustment_corrections c
      ON c.id = (SELECT max(ac.id) FROM adjustment_corrections ac WHERE ac.adjustment_id = a.id)`

const e4 = (v: number | null) => (v == null ? null : formatE4(v))

/**
 * `cash` is the premium the adjustment moved as first recorded (fees excluded); the position's
 * money comes from the ledger (shared/ledger.ts), which recomputes it from the fills.
 */
export function listAdjustments(db: Db, positionId: number): Adjustment[] {
  const rows = stmt(
    db,
    `${EFFECTIVE_ADJUSTMENTS_SQL} WHERE a.position_id = ? ORDER BY a.occurred_at, a.id`,
  ).all(positionId) as AdjustmentRow[]
  return rows.map((r) => ({
    id: r.id as AdjustmentId,
    kind: r.kind,
    occurredAt: r.occurred_at,
    netPrice: e4(r.net_price_e4),
    cash: formatE4(r.cash_e4),
    fees: formatE4(r.fees_e4),
    note: r.note,
    original: r.corrected
      ? { netPrice: e4(r.orig_net_price_e4), fees: formatE4(r.orig_fees_e4) }
      : null,
  }))
}

export interface NewAdjustmentCorrection {
  adjustmentId: number
  netPriceE4: number | null
  feesE4: number
  reason: string
  createdAt: string
}

export function insertAdjustmentCorrection(db: Db, c: NewAdjustmentCorrection): number {
  return Number(
    stmt(
      db,
      `INSERT INTO adjustment_corrections (adjustment_id, net_price_e4, fees_e4, reason, created_at)
         VALUES (?, ?, ?, ?, ?)`,
    ).run(c.adjustmentId, c.netPriceE4, c.feesE4, c.reason, c.createdAt).lastInsertRowid,
  )
}

export function positionOfAdjustment(db: Db, adjustmentId: number): number | null {
  const row = stmt(db, 'SELECT position_id AS id FROM adjustments WHERE id = ?').get(
    adjustmentId,
  ) as { id: number } | undefined
  return row?.id ?? null
}
