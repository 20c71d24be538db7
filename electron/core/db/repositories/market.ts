import {
  EVENT_KINDS,
  type EventKind,
  type EventPoint,
  type InstrumentSummary,
  type MarketOverview,
  type SeriesPoint,
  type UpsertCounts,
} from '../../../../shared/market.ts'
import type { Db } from '../connection.ts'

export { EVENT_KINDS, type EventKind, type UpsertCounts }
import type { Bar, BreadthRow, EventRow } from '../../io/market/parseMarketCsv.ts'

export type InstrumentKind = 'index' | 'future_continuous' | 'etf' | 'stock'

const zero = (): UpsertCounts => ({ inserted: 0, updated: 0, unchanged: 0 })

export function ensureInstrument(
  db: Db,
  symbol: string,
  kind: InstrumentKind,
  description = '',
): number {
  const row = db.prepare('SELECT id FROM instruments WHERE symbol = ?').get(symbol) as
    { id: number } | undefined
  if (row) return row.id
  return Number(
    db
      .prepare('INSERT INTO instruments (symbol, kind, description) VALUES (?, ?, ?)')
      .run(symbol, kind, description).lastInsertRowid,
  )
}

export function findInstrument(
  db: Db,
  symbol: string,
): { id: number; symbol: string; kind: InstrumentKind } | null {
  return (
    (db.prepare('SELECT id, symbol, kind FROM instruments WHERE symbol = ?').get(symbol) as
      { id: number; symbol: string; kind: InstrumentKind } | undefined) ?? null
  )
}

const same = (a: number | null, b: number | null) => a === b

/** Insert-or-update by (instrument, date), counting what changed. Call inside a transaction. */
export function upsertBars(db: Db, instrumentId: number, bars: readonly Bar[]): UpsertCounts {
  const counts = zero()
  const get = db.prepare(
    'SELECT open, high, low, close, volume FROM daily_bars WHERE instrument_id = ? AND date = ?',
  )
  const insert = db.prepare(
    'INSERT INTO daily_bars (instrument_id, date, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const update = db.prepare(
    'UPDATE daily_bars SET open = ?, high = ?, low = ?, close = ?, volume = ? WHERE instrument_id = ? AND date = ?',
  )
  for (const b of bars) {
    const old = get.get(instrumentId, b.date) as Omit<Bar, 'date'> | undefined
    if (!old) {
      insert.run(instrumentId, b.date, b.open, b.high, b.low, b.close, b.volume)
      counts.inserted++
    } else if (
      same(old.open, b.open) &&
      same(old.high, b.high) &&
      same(old.low, b.low) &&
      same(old.close, b.close) &&
      same(old.volume, b.volume)
    ) {
      counts.unchanged++
    } else {
      update.run(b.open, b.high, b.low, b.close, b.volume, instrumentId, b.date)
      counts.updated++
    }
  }
  return counts
}

export function upsertBreadth(db: Db, rows: readonly BreadthRow[]): UpsertCounts {
  const counts = zero()
  const get = db.prepare(
    `SELECT advancing, declining, unchanged, advancing_volume AS advancingVolume, declining_volume AS decliningVolume,
            unchanged_volume AS unchangedVolume FROM breadth_daily WHERE date = ?`,
  )
  const put = db.prepare(
    `INSERT INTO breadth_daily (date, advancing, declining, unchanged, advancing_volume, declining_volume, unchanged_volume)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET advancing = excluded.advancing, declining = excluded.declining,
       unchanged = excluded.unchanged, advancing_volume = excluded.advancing_volume,
       declining_volume = excluded.declining_volume, unchanged_volume = excluded.unchanged_volume`,
  )
  for (const r of rows) {
    const old = get.get(r.date) as Omit<BreadthRow, 'date'> | undefined
    const fields = [
      'advancing',
      'declining',
      'unchanged',
      'advancingVolume',
      'decliningVolume',
      'unchangedVolume',
    ] as const
    if (old && fields.every((f) => same(old[f], r[f]))) {
      counts.unchanged++
      continue
    }
    put.run(
      r.date,
      r.advancing,
      r.declining,
      r.unchanged,
      r.advancingVolume,
      r.decliningVolume,
      r.unchangedVolume,
    )
    if (old) counts.updated++
    else counts.inserted++
  }
  return counts
}

/** Events are keyed by (date, kind, text): re-importing the same calendar changes nothing. */
export function upsertEvents(db: Db, kind: EventKind, rows: readonly EventRow[]): UpsertCounts {
  const counts = zero()
  const put = db.prepare('INSERT OR IGNORE INTO events (date, kind, description) VALUES (?, ?, ?)')
  for (const r of rows) {
    if (put.run(r.date, kind, r.description).changes) counts.inserted++
    else counts.unchanged++
  }
  return counts
}

/** Daily bars of a symbol, oldest first, optionally within [from, to]. */
export function getBars(
  db: Db,
  symbol: string,
  from = '0000-01-01',
  to = '9999-12-31',
): SeriesPoint[] {
  return db
    .prepare(
      `SELECT b.date, b.open, b.high, b.low, b.close FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id
        WHERE i.symbol = ? AND b.date BETWEEN ? AND ? ORDER BY b.date`,
    )
    .all(symbol, from, to) as SeriesPoint[]
}

export interface BreadthPoint {
  date: string
  advancing: number
  declining: number
}

export function getBreadth(db: Db, to = '9999-12-31'): BreadthPoint[] {
  return db
    .prepare('SELECT date, advancing, declining FROM breadth_daily WHERE date <= ? ORDER BY date')
    .all(to) as BreadthPoint[]
}

export function getEvents(db: Db, kinds: readonly EventKind[] = EVENT_KINDS): EventPoint[] {
  return db
    .prepare(
      `SELECT date, kind, description FROM events WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY date, kind`,
    )
    .all(...kinds) as EventPoint[]
}

export function listInstrumentSummaries(db: Db): InstrumentSummary[] {
  return db
    .prepare(
      `SELECT i.symbol, i.kind, i.description, count(b.date) AS bars, min(b.date) AS first, max(b.date) AS last
         FROM instruments i LEFT JOIN daily_bars b ON b.instrument_id = i.id
        GROUP BY i.id ORDER BY i.symbol`,
    )
    .all() as InstrumentSummary[]
}

export function marketOverview(db: Db): MarketOverview {
  const breadth = db
    .prepare('SELECT count(*) AS rows, min(date) AS first, max(date) AS last FROM breadth_daily')
    .get() as MarketOverview['breadth']
  const events = db
    .prepare(
      'SELECT kind, count(*) AS count, min(date) AS first, max(date) AS last FROM events GROUP BY kind ORDER BY kind',
    )
    .all() as MarketOverview['events']
  return { instruments: listInstrumentSummaries(db), breadth, events }
}
