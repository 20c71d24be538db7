import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

export interface HedgeLayerRow {
  id: number
  layerNo: number
  status: 'open' | 'closed'
}

export function listHedgeLayers(db: Db, positionId: number): HedgeLayerRow[] {
  return stmt(
    db,
    'SELECT id, layer_no AS layerNo, status FROM hedge_layers WHERE position_id = ? ORDER BY layer_no',
  ).all(positionId) as HedgeLayerRow[]
}

/** Starts the next layer (1, 2, 3…) of a position. */
export function insertHedgeLayer(db: Db, positionId: number, adjustmentId: number): HedgeLayerRow {
  const next = (
    stmt(
      db,
      'SELECT coalesce(max(layer_no), 0) + 1 AS n FROM hedge_layers WHERE position_id = ?',
    ).get(positionId) as { n: number }
  ).n
  const id = Number(
    stmt(
      db,
      "INSERT INTO hedge_layers (position_id, layer_no, status, opened_adjustment_id) VALUES (?, ?, 'open', ?)",
    ).run(positionId, next, adjustmentId).lastInsertRowid,
  )
  return { id, layerNo: next, status: 'open' }
}

export function closeHedgeLayer(db: Db, layerId: number, adjustmentId: number): void {
  stmt(db, "UPDATE hedge_layers SET status = 'closed', closed_adjustment_id = ? WHERE id = ?").run(
    adjustmentId,
    layerId,
  )
}
