/**
 * SQL of the broker trade import: the account's open legs (what closing executions match
 * against), which execution keys the journal already holds, and a writer with its statements
 * prepared once — an import of 100,000 executions runs them hundreds of thousands of times.
 */
import type { LegRole } from '../../../../shared/domain.ts'
import { formatFutureSymbol, formatOcc } from '../../../../shared/occ.ts'
import type { Contract } from '../../io/brokers/types.ts'
import type { HeldLeg } from '../../io/trades/plan.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

interface HeldRow {
  leg_id: number
  position_id: number
  underlying: string
  position_created_at: string
  opened_on: string
  hedge_layer_id: number | null
  layer_no: number | null
  instrument_type: 'option' | 'future'
  root: string
  option_type: 'call' | 'put' | null
  strike_e4: number | null
  expiration: string
  multiplier: number
  quantity: number
  opened_at: string
  closed: number
}

export function contractOfLeg(r: {
  instrument_type: 'option' | 'future'
  root: string
  option_type: 'call' | 'put' | null
  strike_e4: number | null
  expiration: string
  multiplier: number
  underlying: string
}): Contract {
  return {
    instrument: r.instrument_type,
    underlying: r.instrument_type === 'future' && r.root === 'VX' ? 'VIX' : r.underlying,
    root: r.root,
    expiration: r.expiration,
    right: r.option_type,
    strikeE4: r.strike_e4,
    multiplier: r.multiplier,
    symbol:
      r.instrument_type === 'future'
        ? formatFutureSymbol(r.root, r.expiration)
        : formatOcc({
            root: r.root,
            expiration: r.expiration,
            right: r.option_type!,
            strikeE4: r.strike_e4!,
          }),
  }
}

/**
 * Every open leg of the account's open, not voided positions, with the contracts still open
 * (corrections applied). The position's opening instant is its first adjustment's.
 */
export function heldLegs(db: Db, accountId: number): HeldLeg[] {
  const rows = stmt(
    db,
    `SELECT l.id AS leg_id, l.position_id, p.underlying, p.opened_on,
              (SELECT min(a.occurred_at) FROM adjustments a WHERE a.position_id = p.id) AS position_created_at,
              l.hedge_layer_id, h.layer_no, l.instrument_type, l.root, l.option_type, l.strike_e4,
              l.expiration, l.multiplier, l.quantity, l.opened_at,
              coalesce((SELECT sum(coalesce(c.quantity, f.quantity))
                          FROM fills f
                          LEFT JOIN fill_corrections c
                            ON c.id = (SELECT max(fc.id) FROM fill_corrections fc WHERE fc.fill_id = f.id)
                         WHERE f.leg_id = l.id AND f.effect = 'close'), 0) AS closed
         FROM legs l
         JOIN positions p ON p.id = l.position_id
         LEFT JOIN hedge_layers h ON h.id = l.hedge_layer_id
        WHERE p.account_id = ? AND p.status = 'open' AND p.voided_at IS NULL AND l.closed_at IS NULL
        ORDER BY l.opened_at, l.id`,
  ).all(accountId) as HeldRow[]
  return rows
    .map((r) => {
      const sign = Math.sign(r.quantity)
      return {
        legId: r.leg_id,
        positionId: r.position_id,
        underlying: r.underlying,
        positionOpenedAt: r.position_created_at ?? `${r.opened_on}T00:00:00.000Z`,
        hedgeLayerId: r.hedge_layer_id,
        hedgeLayerNo: r.layer_no,
        contract: contractOfLeg(r),
        quantity: r.quantity,
        openQuantity: r.quantity - sign * r.closed,
        openedAt: r.opened_at,
      }
    })
    .filter((l) => l.openQuantity !== 0)
}

/** The highest hedge layer number of each of the account's open positions. */
export function layerCounts(db: Db, accountId: number): Map<number, number> {
  const rows = stmt(
    db,
    `SELECT h.position_id AS id, max(h.layer_no) AS n FROM hedge_layers h
         JOIN positions p ON p.id = h.position_id
        WHERE p.account_id = ? AND p.status = 'open' GROUP BY h.position_id`,
  ).all(accountId) as { id: number; n: number }[]
  return new Map(rows.map((r) => [r.id, r.n]))
}

/**
 * Which of `keys` the journal already holds as fills from `source`: one indexed lookup per key
 * for a small file, one scan of the source's keys for a large one (cheaper past ~1,000 keys).
 */
export function knownExecutionKeys(db: Db, source: string, keys: readonly string[]): Set<string> {
  const known = new Set<string>()
  if (keys.length > 1000) {
    const all = new Set(
      stmt(db, 'SELECT broker_exec_id FROM fills WHERE source = ? AND broker_exec_id IS NOT NULL', {
        pluck: true,
      }).all(source) as string[],
    )
    for (const k of keys) if (all.has(k)) known.add(k)
    return known
  }
  const exists = stmt(db, 'SELECT 1 FROM fills WHERE source = ? AND broker_exec_id = ?', {
    pluck: true,
  })
  for (const k of keys) if (exists.get(source, k) !== undefined) known.add(k)
  return known
}

export interface ImportWriter {
  position(p: {
    accountId: number
    underlying: string
    structure: string
    openedOn: string
    /** Set when the import also closes it: inserted closed, no update later. */
    closedOn: string | null
    notes: string
    now: string
  }): number
  adjustment(a: {
    positionId: number
    kind: string
    occurredAt: string
    netPriceE4: number | null
    cashE4: number
    feesE4: number
    note: string
    now: string
  }): number
  layer(positionId: number, layerNo: number, adjustmentId: number): number
  closeLayer(layerId: number, adjustmentId: number): void
  leg(l: {
    positionId: number
    layerId: number | null
    role: LegRole
    contract: Contract
    quantity: number
    openedAt: string
    /** Set when the import also closes it. */
    closedAt: string | null
    replacesLegId: number | null
  }): number
  fill(f: {
    legId: number
    adjustmentId: number
    executedAt: string
    side: 'buy' | 'sell'
    effect: 'open' | 'close'
    quantity: number
    priceE4: number | null
    feesE4: number
    source: string
    orderId: string | null
    key: string
  }): void
  closeLeg(legId: number, at: string): void
  closePosition(positionId: number, closedOn: string, now: string): void
}

/** Insert statements prepared once for the whole import. */
export function importWriter(db: Db): ImportWriter {
  const insPosition = stmt(
    db,
    `INSERT INTO positions (account_id, underlying, strategy, structure, status, opened_on, closed_on, thesis, notes,
                            created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
  )
  const insAdjustment = stmt(
    db,
    `INSERT INTO adjustments (position_id, kind, occurred_at, net_price_e4, cash_e4, fees_e4, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insLayer = stmt(
    db,
    "INSERT INTO hedge_layers (position_id, layer_no, status, opened_adjustment_id) VALUES (?, ?, 'open', ?)",
  )
  const updLayer = stmt(
    db,
    "UPDATE hedge_layers SET status = 'closed', closed_adjustment_id = ? WHERE id = ?",
  )
  const insLeg = stmt(
    db,
    `INSERT INTO legs (position_id, hedge_layer_id, role, instrument_type, root, option_type, strike_e4, expiration,
                       multiplier, quantity, opened_at, closed_at, replaces_leg_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insFill = stmt(
    db,
    `INSERT INTO fills (leg_id, adjustment_id, executed_at, side, effect, quantity, price_e4, fees_e4, source,
                        broker_order_id, broker_exec_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const updLeg = stmt(db, 'UPDATE legs SET closed_at = ? WHERE id = ? AND closed_at IS NULL')
  const updPosition = stmt(
    db,
    "UPDATE positions SET status = 'closed', closed_on = ?, updated_at = ? WHERE id = ?",
  )
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid)
  return {
    position: (p) =>
      id(
        insPosition.run(
          p.accountId,
          p.underlying,
          p.structure === 'iron_condor' ? 'iron_condor' : 'custom',
          p.structure,
          p.closedOn === null ? 'open' : 'closed',
          p.openedOn,
          p.closedOn,
          p.notes,
          p.now,
          p.now,
        ),
      ),
    adjustment: (a) =>
      id(
        insAdjustment.run(
          a.positionId,
          a.kind,
          a.occurredAt,
          a.netPriceE4,
          a.cashE4,
          a.feesE4,
          a.note,
          a.now,
        ),
      ),
    layer: (positionId, layerNo, adjustmentId) =>
      id(insLayer.run(positionId, layerNo, adjustmentId)),
    closeLayer: (layerId, adjustmentId) => void updLayer.run(adjustmentId, layerId),
    leg: (l) =>
      id(
        insLeg.run(
          l.positionId,
          l.layerId,
          l.role,
          l.contract.instrument,
          l.contract.root,
          l.contract.right,
          l.contract.strikeE4,
          l.contract.expiration,
          l.contract.multiplier,
          l.quantity,
          l.openedAt,
          l.closedAt,
          l.replacesLegId,
        ),
      ),
    fill: (f) =>
      void insFill.run(
        f.legId,
        f.adjustmentId,
        f.executedAt,
        f.side,
        f.effect,
        f.quantity,
        f.priceE4,
        f.feesE4,
        f.source,
        f.orderId,
        f.key,
      ),
    closeLeg: (legId, at) => void updLeg.run(at, legId),
    closePosition: (positionId, closedOn, now) => void updPosition.run(closedOn, now, positionId),
  }
}
