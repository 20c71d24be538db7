import type {
  AccountId,
  HistoryEntry,
  LegId,
  IsoDate,
  PositionDetail,
  PositionId,
  PositionStatus,
  PositionSummary,
  Strategy,
  Structure,
} from '../../../../shared/domain.ts'
import { formatE4 } from '../../../../shared/money.ts'
import type { Db } from '../connection.ts'
import { listAdjustments } from './adjustments.ts'
import { listFillsOfPosition } from './fills.ts'
import { listHedgeLayers } from './hedgeLayers.ts'
import { listLegs } from './legs.ts'
import { stmt } from '../statements.ts'

export interface NewPosition {
  accountId: AccountId
  underlying: string
  strategy: Strategy
  /** The template it was opened as; defaults from the strategy. */
  structure?: Structure
  status: PositionStatus
  openedOn: IsoDate
  thesis: string
  notes: string
  tags: string[]
  now: string
}

export function insertPosition(db: Db, p: NewPosition): PositionId {
  const info = stmt(
    db,
    `INSERT INTO positions (account_id, underlying, strategy, structure, status, opened_on, thesis, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.accountId,
    p.underlying,
    p.strategy,
    p.structure ?? (p.strategy === 'iron_condor' ? 'iron_condor' : 'custom'),
    p.status,
    p.openedOn,
    p.thesis,
    p.notes,
    p.now,
    p.now,
  )
  const id = Number(info.lastInsertRowid) as PositionId
  const tag = stmt(db, 'INSERT OR IGNORE INTO position_tags (position_id, tag) VALUES (?, ?)')
  for (const t of p.tags) tag.run(id, t)
  return id
}

interface SummaryRow {
  id: number
  account_id: number
  account_name: string
  underlying: string
  strategy: Strategy
  structure: Structure
  status: PositionStatus
  voided_at: string | null
  void_reason: string
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
  ruleset_id: string | null
}

const e4 = (v: number | null) => (v == null ? null : formatE4(v))

const toSummary = (r: SummaryRow): PositionSummary => ({
  id: r.id as PositionId,
  accountId: r.account_id as AccountId,
  accountName: r.account_name,
  underlying: r.underlying,
  root: r.root ?? r.underlying,
  strategy: r.strategy,
  structure: r.structure,
  status: r.status,
  voidedAt: r.voided_at,
  voidReason: r.void_reason,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  expiration: r.expiration,
  longPut: e4(r.long_put_e4),
  shortPut: e4(r.short_put_e4),
  shortCall: e4(r.short_call_e4),
  longCall: e4(r.long_call_e4),
  quantity: r.quantity,
  credit: e4(r.credit_e4),
  rulesetId: r.ruleset_id,
  legsLabel: '',
  figures: null,
  figuresError: null,
  // tags are joined with U+001F (unit separator), a character a tag cannot contain usefully
  tags: r.tags ? r.tags.split('\u001f').sort() : [],
})

/**
 * The current structure of each position: its core legs (not hedge legs) that no later leg
 * replaced, so a rolled condor shows its new strikes. The opening credit is the combo price of
 * the position's first `open` adjustment.
 */
const SUMMARY_SQL = `
  SELECT p.id, p.account_id, a.name AS account_name, p.underlying, p.strategy, p.structure, p.status,
         p.voided_at, p.void_reason,
         p.opened_on, p.closed_on, p.ruleset_id,
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

/** What the positions list can be narrowed to; every field optional. */
export interface PositionFilter {
  /** 'voided' lists only voided positions; the others never include them. */
  status: PositionStatus | 'all' | 'voided'
  underlying?: string
  structure?: Structure
  tag?: string
  accountId?: number
  /** Opened on or after / on or before (New York dates). */
  from?: IsoDate
  to?: IsoDate
  /** Words that must all appear in the notes or thesis (case-insensitive). */
  text?: string
}

export function listPositionSummaries(
  db: Db,
  filter: PositionFilter | PositionStatus | 'all',
): PositionSummary[] {
  const f: PositionFilter = typeof filter === 'string' ? { status: filter } : filter
  const where: string[] = [
    f.status === 'voided' ? 'p.voided_at IS NOT NULL' : 'p.voided_at IS NULL',
  ]
  const args: (string | number)[] = []
  if (f.status === 'open' || f.status === 'closed') {
    where.push('p.status = ?')
    args.push(f.status)
  }
  if (f.underlying) {
    where.push('p.underlying = ?')
    args.push(f.underlying)
  }
  if (f.structure) {
    where.push('p.structure = ?')
    args.push(f.structure)
  }
  if (f.accountId !== undefined) {
    where.push('p.account_id = ?')
    args.push(f.accountId)
  }
  if (f.tag) {
    where.push('EXISTS (SELECT 1 FROM position_tags t WHERE t.position_id = p.id AND t.tag = ?)')
    args.push(f.tag)
  }
  if (f.from) {
    where.push('p.opened_on >= ?')
    args.push(f.from)
  }
  if (f.to) {
    where.push('p.opened_on <= ?')
    args.push(f.to)
  }
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean)) {
    // instr on lower-cased text: a literal match, with no LIKE wildcards to escape
    where.push('(instr(lower(p.notes), ?) > 0 OR instr(lower(p.thesis), ?) > 0)')
    args.push(word.toLowerCase(), word.toLowerCase())
  }
  const sql = `${SUMMARY_SQL} WHERE ${where.join(' AND ')} GROUP BY p.id ORDER BY p.opened_on DESC, p.id DESC`
  // Not cached: the text varies with the filter (one clause per word of `text`).
  return (db.prepare(sql).all(...args) as SummaryRow[]).map(toSummary)
}

/** The summaries of these positions (any status, voided too), in no particular order. */
export function positionSummariesByIds(db: Db, ids: readonly number[]): PositionSummary[] {
  if (ids.length === 0) return []
  const rows = stmt(
    db,
    `${SUMMARY_SQL} WHERE p.id IN (SELECT value FROM json_each(?)) GROUP BY p.id`,
  ).all(JSON.stringify(ids)) as SummaryRow[]
  return rows.map(toSummary)
}

export function getPositionSummary(db: Db, id: number): PositionSummary | null {
  const row = stmt(db, `${SUMMARY_SQL} WHERE p.id = ? GROUP BY p.id`).get(id) as
    SummaryRow | undefined
  return row ? toSummary(row) : null
}

export function getPositionDetail(db: Db, id: number): PositionDetail | null {
  const summary = getPositionSummary(db, id)
  if (!summary) return null
  const text = stmt(db, 'SELECT thesis, notes FROM positions WHERE id = ?').get(id) as {
    thesis: string
    notes: string
  }
  const fills = listFillsOfPosition(db, id)
  // Open contracts per leg from the (corrected) fills: the leg row keeps what was opened.
  const net = new Map<number, number>()
  for (const f of fills)
    net.set(f.legId, (net.get(f.legId) ?? 0) + (f.effect === 'open' ? f.quantity : -f.quantity))
  const legs = listLegs(db, id).map((l) => ({
    ...l,
    openQuantity: Math.sign(l.quantity) * Math.max(net.get(l.id) ?? 0, 0),
  }))
  return {
    summary,
    thesis: text.thesis,
    notes: text.notes,
    legs,
    fills,
    adjustments: listAdjustments(db, id),
    hedgeLayers: listHedgeLayers(db, id),
    history: listHistory(db, id),
    enteredMarks: listEnteredMarks(db, id),
    model: { asOf: null, legs: [] },
  }
}

export function closePosition(db: Db, id: number, closedOn: string, now: string): void {
  stmt(
    db,
    "UPDATE positions SET status = 'closed', closed_on = ?, updated_at = ? WHERE id = ?",
  ).run(closedOn, now, id)
}

/** Back to open (a correction reopened a leg). */
export function reopenPosition(db: Db, id: number, now: string): void {
  stmt(
    db,
    "UPDATE positions SET status = 'open', closed_on = NULL, updated_at = ? WHERE id = ?",
  ).run(now, id)
}

export interface PositionText {
  notes: string
  thesis: string
  accountId: number
  tags: string[]
}

export function getPositionText(db: Db, id: number): PositionText | null {
  const row = stmt(db, 'SELECT notes, thesis, account_id FROM positions WHERE id = ?').get(id) as
    { notes: string; thesis: string; account_id: number } | undefined
  if (!row) return null
  const tags = (
    stmt(db, 'SELECT tag FROM position_tags WHERE position_id = ? ORDER BY tag').all(id) as {
      tag: string
    }[]
  ).map((t) => t.tag)
  return { notes: row.notes, thesis: row.thesis, accountId: row.account_id, tags }
}

export function updatePositionText(db: Db, id: number, t: PositionText, now: string): void {
  stmt(
    db,
    'UPDATE positions SET notes = ?, thesis = ?, account_id = ?, updated_at = ? WHERE id = ?',
  ).run(t.notes, t.thesis, t.accountId, now, id)
  stmt(db, 'DELETE FROM position_tags WHERE position_id = ?').run(id)
  const tag = stmt(db, 'INSERT OR IGNORE INTO position_tags (position_id, tag) VALUES (?, ?)')
  for (const x of t.tags) tag.run(id, x)
}

export function setVoided(
  db: Db,
  id: number,
  voided: { at: string; reason: string } | null,
  now: string,
): void {
  stmt(db, 'UPDATE positions SET voided_at = ?, void_reason = ?, updated_at = ? WHERE id = ?').run(
    voided?.at ?? null,
    voided?.reason ?? '',
    now,
    id,
  )
}

export function insertHistory(
  db: Db,
  e: {
    positionId: number
    kind: HistoryEntry['kind']
    detail: unknown
    reason: string
    createdAt: string
  },
): number {
  return Number(
    stmt(
      db,
      'INSERT INTO position_history (position_id, kind, detail, reason, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(e.positionId, e.kind, JSON.stringify(e.detail), e.reason, e.createdAt).lastInsertRowid,
  )
}

export function listHistory(db: Db, positionId: number): HistoryEntry[] {
  const rows = stmt(
    db,
    'SELECT id, kind, detail, reason, created_at FROM position_history WHERE position_id = ? ORDER BY id',
  ).all(positionId) as {
    id: number
    kind: HistoryEntry['kind']
    detail: string
    reason: string
    created_at: string
  }[]
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as { summary?: unknown }
    return {
      id: r.id,
      kind: r.kind,
      summary: typeof detail.summary === 'string' ? detail.summary : r.kind,
      reason: r.reason,
      createdAt: r.created_at,
    }
  })
}

export function upsertLegMark(
  db: Db,
  m: { legId: number; date: string; priceE4: number; createdAt: string },
): void {
  stmt(
    db,
    `INSERT INTO leg_marks (leg_id, date, price_e4, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (leg_id, date) DO UPDATE SET price_e4 = excluded.price_e4, created_at = excluded.created_at`,
  ).run(m.legId, m.date, m.priceE4, m.createdAt)
}

/** The latest entered mark of each leg of a position. */
export function listEnteredMarks(db: Db, positionId: number): PositionDetail['enteredMarks'] {
  const rows = stmt(
    db,
    `SELECT m.leg_id, m.date, m.price_e4 FROM leg_marks m JOIN legs l ON l.id = m.leg_id
        WHERE l.position_id = ?
          AND m.date = (SELECT max(m2.date) FROM leg_marks m2 WHERE m2.leg_id = m.leg_id)
        ORDER BY m.leg_id`,
  ).all(positionId) as { leg_id: number; date: string; price_e4: number }[]
  return rows.map((r) => ({ legId: r.leg_id as LegId, date: r.date, price: formatE4(r.price_e4) }))
}

/** Every entered mark of the given legs on or before a date, latest first per leg. */
export function enteredMarksAsOf(
  db: Db,
  legIds: readonly number[],
  date: string,
): Map<number, { date: string; priceE4: number }> {
  const out = new Map<number, { date: string; priceE4: number }>()
  if (legIds.length === 0) return out
  const rows = stmt(
    db,
    `SELECT leg_id, date, price_e4 FROM leg_marks
        WHERE leg_id IN (SELECT value FROM json_each(?)) AND date <= ? ORDER BY leg_id, date`,
  ).all(JSON.stringify(legIds), date) as { leg_id: number; date: string; price_e4: number }[]
  for (const r of rows) out.set(r.leg_id, { date: r.date, priceE4: r.price_e4 })
  return out
}

/** The ruleset that judges the position (null: the journal's default). */
export function setPositionRuleset(
  db: Db,
  id: number,
  rulesetId: string | null,
  now: string,
): void {
  stmt(db, 'UPDATE positions SET ruleset_id = ?, updated_at = ? WHERE id = ?').run(
    rulesetId,
    now,
    id,
  )
}
