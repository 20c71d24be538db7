import type { Leg, LegId, LegRole } from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

export interface NewLeg {
  positionId: number
  hedgeLayerId: number | null
  role: LegRole
  instrumentType: 'option' | 'future'
  root: string
  optionType: 'call' | 'put' | null
  strikeE4: number | null
  expiration: string
  multiplier: number
  quantity: number
  openedAt: string
  replacesLegId: number | null
}

export function insertLeg(db: Db, l: NewLeg): LegId {
  const info = stmt(
    db,
    `INSERT INTO legs (position_id, hedge_layer_id, role, instrument_type, root, option_type, strike_e4,
                         expiration, multiplier, quantity, opened_at, replaces_leg_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    l.positionId,
    l.hedgeLayerId,
    l.role,
    l.instrumentType,
    l.root,
    l.optionType,
    l.strikeE4,
    l.expiration,
    l.multiplier,
    l.quantity,
    l.openedAt,
    l.replacesLegId,
  )
  return Number(info.lastInsertRowid) as LegId
}

interface LegRow {
  id: number
  role: LegRole
  instrument_type: 'option' | 'future'
  root: string
  option_type: 'call' | 'put' | null
  strike_e4: number | null
  expiration: string
  multiplier: number
  quantity: number
  opened_at: string
  closed_at: string | null
  replaces_leg_id: number | null
  hedge_layer_id: number | null
}

const toLeg = (r: LegRow): Leg => ({
  id: r.id as LegId,
  role: r.role,
  instrumentType: r.instrument_type,
  root: r.root,
  optionType: r.option_type,
  strike: r.strike_e4 == null ? null : formatE4(r.strike_e4),
  expiration: r.expiration,
  multiplier: r.multiplier,
  quantity: r.quantity,
  // as opened; getPositionDetail replaces it with what the (corrected) fills leave open
  openQuantity: r.quantity,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  replacesLegId: r.replaces_leg_id as LegId | null,
  hedgeLayerId: r.hedge_layer_id,
})

// Put legs before call legs, each by strike: the order a trader reads a condor in.
export function listLegs(db: Db, positionId: number): Leg[] {
  const rows = stmt(
    db,
    `SELECT id, role, instrument_type, root, option_type, strike_e4, expiration, multiplier, quantity,
              opened_at, closed_at, replaces_leg_id, hedge_layer_id
         FROM legs WHERE position_id = ?
        ORDER BY hedge_layer_id IS NOT NULL, expiration, option_type DESC, strike_e4, id`,
  ).all(positionId) as LegRow[]
  return rows.map(toLeg)
}

/** Contracts of a leg already closed by closing fills. */
export function closedQuantity(db: Db, legId: number): number {
  return (
    stmt(
      db,
      `SELECT coalesce(sum(coalesce(c.quantity, f.quantity)), 0) AS q
           FROM fills f
           LEFT JOIN fill_corrections c
             ON c.id = (SELECT max(fc.id) FROM fill_corrections fc WHERE fc.fill_id = f.id)
          WHERE f.leg_id = ? AND f.effect = 'close'`,
    ).get(legId) as {
      q: number
    }
  ).q
}

export function markLegClosed(db: Db, legId: number, closedAt: string): void {
  stmt(db, 'UPDATE legs SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(closedAt, legId)
}

/** A correction reopened the leg. */
export function markLegOpen(db: Db, legId: number): void {
  stmt(db, 'UPDATE legs SET closed_at = NULL WHERE id = ?').run(legId)
}

export function countOpenLegs(db: Db, positionId: number, hedgeLayerId?: number): number {
  return (
    (hedgeLayerId === undefined
      ? stmt(db, 'SELECT count(*) AS n FROM legs WHERE position_id = ? AND closed_at IS NULL').get(
          positionId,
        )
      : stmt(
          db,
          'SELECT count(*) AS n FROM legs WHERE position_id = ? AND hedge_layer_id = ? AND closed_at IS NULL',
        ).get(positionId, hedgeLayerId)) as { n: number }
  ).n
}

/** What names a leg in words, and its position; null when there is no such leg. */
export interface LegBrief {
  positionId: number
  root: string
  instrumentType: 'option' | 'future'
  optionType: 'call' | 'put' | null
  strikeE4: number | null
  expiration: string
}

export function getLegBrief(db: Db, legId: number): LegBrief | null {
  const r = stmt(
    db,
    'SELECT position_id, root, instrument_type, option_type, strike_e4, expiration FROM legs WHERE id = ?',
  ).get(legId) as
    | {
        position_id: number
        root: string
        instrument_type: 'option' | 'future'
        option_type: 'call' | 'put' | null
        strike_e4: number | null
        expiration: string
      }
    | undefined
  return r
    ? {
        positionId: r.position_id,
        root: r.root,
        instrumentType: r.instrument_type,
        optionType: r.option_type,
        strikeE4: r.strike_e4,
        expiration: r.expiration,
      }
    : null
}
