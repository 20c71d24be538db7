import type {
  AccountId,
  IsoDate,
  PositionDetail,
  PositionId,
  PositionStatus,
  PositionSummary,
  Strategy,
} from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'
import { listAdjustments } from './adjustments.ts'
import { listFillsOfPosition } from './fills.ts'
import { listHedgeLayers } from './hedgeLayers.ts'
import { listLegs } from './legs.ts'

export interface NewPosition {
  accountId: AccountId
  underlying: string
  strategy: Strategy
  status: PositionStatus
  openedOn: IsoDate
  thesis: string
  notes: string
  tags: string[]
  now: string
}

export function insertPosition(db: Db, p: NewPosition): PositionId {
  const info = db
    .prepare(
      `INSERT INTO positions (account_id, underlying, strategy, status, opened_on, thesis, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.accountId,
      p.underlying,
      p.strategy,
      p.status,
      p.openedOn,
      p.thesis,
      p.notes,
      p.now,
      p.now,
    )
  const id = Number(info.lastInsertRowid) as PositionId
  const tag = db.prepare('INSERT OR IGNORE INTO position_tags (position_id, tag) VALUES (?, ?)')
  for (const t of p.tags) tag.run(id, t)
  return id
}

interface SummaryRow {
  id: number
  account_id: number
  account_name: string
  underlying: string
  strategy: Strategy
  status: PositionStatus
  opened_on: string
  closed_on: string | null
  root: string | null
  expiration: string | null
  long_put_e4: number | null
  short_put_e4: number | null
  short_call_e4: number | null
  long_call_e4: number | null
  quantity: number | null
  credit_e4: number | null
  tags: string | null
}

const e4 = (v: number | null) => (v == null ? null : formatE4(v))

const toSummary = (r: SummaryRow): PositionSummary => ({
  id: r.id as PositionId,
  accountId: r.account_id as AccountId,
  accountName: r.account_name,
  underlying: r.underlying,
  root: r.root ?? r.underlying,
  strategy: r.strategy,
  status: r.status,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  expiration: r.expiration,
  longPut: e4(r.long_put_e4),
  shortPut: e4(r.short_put_e4),
  shortCall: e4(r.short_call_e4),
  longCall: e4(r.long_call_e4),
  quantity: r.quantity,
  credit: e4(r.credit_e4),
  // tags are joined with U+001F (unit separator), a character a tag cannot contain usefully
  tags: r.tags ? r.tags.split('\u001f').sort() : [],
})

/**
 * The current structure of each position: its core legs (not hedge legs) that no later leg
 * replaced, so a rolled condor shows its new strikes. The opening credit is the combo price of
 * the position's first `open` adjustment.
 */
const SUMMARY_SQL = `
  SELECT p.id, p.account_id, a.name AS account_name, p.underlying, p.strategy, p.status,
         p.opened_on, p.closed_on,
         MIN(l.root) AS root,
         MIN(l.expiration) AS expiration,
         MAX(CASE WHEN l.role = 'long_put'   THEN l.strike_e4 END) AS long_put_e4,
         MAX(CASE WHEN l.role = 'short_put'  THEN l.strike_e4 END) AS short_put_e4,
         MAX(CASE WHEN l.role = 'short_call' THEN l.strike_e4 END) AS short_call_e4,
         MAX(CASE WHEN l.role = 'long_call'  THEN l.strike_e4 END) AS long_call_e4,
         MAX(CASE WHEN l.role = 'short_put'  THEN -l.quantity END) AS quantity,
         (SELECT ad.net_price_e4 FROM adjustments ad
           WHERE ad.position_id = p.id AND ad.kind = 'open' ORDER BY ad.id LIMIT 1) AS credit_e4,
         (SELECT group_concat(t.tag, char(31)) FROM position_tags t WHERE t.position_id = p.id) AS tags
    FROM positions p
    JOIN accounts a ON a.id = p.account_id
    LEFT JOIN legs l ON l.position_id = p.id AND l.hedge_layer_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM legs r WHERE r.replaces_leg_id = l.id)`

export function listPositionSummaries(db: Db, status: PositionStatus | 'all'): PositionSummary[] {
  const where = status === 'all' ? '' : 'WHERE p.status = ?'
  const sql = `${SUMMARY_SQL} ${where} GROUP BY p.id ORDER BY p.opened_on DESC, p.id DESC`
  const rows = (
    status === 'all' ? db.prepare(sql).all() : db.prepare(sql).all(status)
  ) as SummaryRow[]
  return rows.map(toSummary)
}

export function getPositionSummary(db: Db, id: number): PositionSummary | null {
  const row = db.prepare(`${SUMMARY_SQL} WHERE p.id = ? GROUP BY p.id`).get(id) as
    SummaryRow | undefined
  return row ? toSummary(row) : null
}

export function getPositionDetail(db: Db, id: number): PositionDetail | null {
  const summary = getPositionSummary(db, id)
  if (!summary) return null
  const text = db.prepare('SELECT thesis, notes FROM positions WHERE id = ?').get(id) as {
    thesis: string
    notes: string
  }
  return {
    summary,
    thesis: text.thesis,
    notes: text.notes,
    legs: listLegs(db, id),
    fills: listFillsOfPosition(db, id),
    adjustments: listAdjustments(db, id),
    hedgeLayers: listHedgeLayers(db, id),
  }
}

export function closePosition(db: Db, id: number, closedOn: string, now: string): void {
  db.prepare(
    "UPDATE positions SET status = 'closed', closed_on = ?, updated_at = ? WHERE id = ?",
  ).run(closedOn, now, id)
}
