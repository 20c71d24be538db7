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
import { stmt } from '../statements.ts'

export type InstrumentKind = 'index' | 'future_continuous' | 'etf' | 'stock'

/**
 * Where a stored row came from (migration 006): a CSV import or the bundled history, the
 * publisher's file downloaded by "Update market data", or typed by hand ("Today's market").
 */
export type RowSource = 'file' | 'publisher' | 'hand'

const zero = (): UpsertCounts => ({ inserted: 0, updated: 0, unchanged: 0 })

export function ensureInstrument(
  db: Db,
  symbol: string,
  kind: InstrumentKind,
  description = '',
): number {
  const row = stmt(db, 'SELECT id FROM instruments WHERE symbol = ?').get(symbol) as
    { id: number } | undefined
  if (row) return row.id
  return Number(
    stmt(db, 'INSERT INTO instruments (symbol, kind, description) VALUES (?, ?, ?)').run(
      symbol,
      kind,
      description,
    ).lastInsertRowid,
  )
}

export function findInstrument(
  db: Db,
  symbol: string,
): { id: number; symbol: string; kind: InstrumentKind } | null {
  return (
    (stmt(db, 'SELECT id, symbol, kind FROM instruments WHERE symbol = ?').get(symbol) as
      { id: number; symbol: string; kind: InstrumentKind } | undefined) ?? null
  )
}

const same = (a: number | null, b: number | null) => a === b

/**
 * Insert-or-update by (instrument, date), counting what changed; a row is unchanged only when
 * its values and its source are. Call inside a transaction.
 */
export function upsertBars(
  db: Db,
  instrumentId: number,
  bars: readonly Bar[],
  source: RowSource = 'file',
): UpsertCounts {
  const counts = zero()
  const get = stmt(
    db,
    'SELECT open, high, low, close, volume, source FROM daily_bars WHERE instrument_id = ? AND date = ?',
  )
  const insert = stmt(
    db,
    'INSERT INTO daily_bars (instrument_id, date, open, high, low, close, volume, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const update = stmt(
    db,
    'UPDATE daily_bars SET open = ?, high = ?, low = ?, close = ?, volume = ?, source = ? WHERE instrument_id = ? AND date = ?',
  )
  for (const b of bars) {
    const old = get.get(instrumentId, b.date) as
      (Omit<Bar, 'date'> & { source: RowSource }) | undefined
    if (!old) {
      insert.run(instrumentId, b.date, b.open, b.high, b.low, b.close, b.volume, source)
      counts.inserted++
    } else if (
      same(old.open, b.open) &&
      same(old.high, b.high) &&
      same(old.low, b.low) &&
      same(old.close, b.close) &&
      same(old.volume, b.volume) &&
      old.source === source
    ) {
      counts.unchanged++
    } else {
      update.run(b.open, b.high, b.low, b.close, b.volume, source, instrumentId, b.date)
      counts.updated++
    }
  }
  return counts
}

export function upsertBreadth(
  db: Db,
  rows: readonly BreadthRow[],
  source: RowSource = 'file',
): UpsertCounts {
  const counts = zero()
  const get = stmt(
    db,
    `SELECT advancing, declining, unchanged, advancing_volume AS advancingVolume, declining_volume AS decliningVolume,
            unchanged_volume AS unchangedVolume, source FROM breadth_daily WHERE date = ?`,
  )
  const put = stmt(
    db,
    `INSERT INTO breadth_daily (date, advancing, declining, unchanged, advancing_volume, declining_volume, unchanged_volume, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET advancing = excluded.advancing, declining = excluded.declining,
       unchanged = excluded.unchanged, advancing_volume = excluded.advancing_volume,
       declining_volume = excluded.declining_volume, unchanged_volume = excluded.unchanged_volume,
       source = excluded.source`,
  )
  for (const r of rows) {
    const old = get.get(r.date) as (Omit<BreadthRow, 'date'> & { source: RowSource }) | undefined
    const fields = [
      'advancing',
      'declining',
      'unchanged',
      'advancingVolume',
      'decliningVolume',
      'unchangedVolume',
    ] as const
    if (old && old.source === source && fields.every((f) => same(old[f], r[f]))) {
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
      source,
    )
    if (old) counts.updated++
    else counts.inserted++
  }
  return counts
}

/** Events are keyed by (date, kind, text): re-importing the same calendar changes nothing. */
export function upsertEvents(db: Db, kind: EventKind, rows: readonly EventRow[]): UpsertCounts {
  const counts = zero()
  const put = stmt(db, 'INSERT OR IGNORE INTO events (date, kind, description) VALUES (?, ?, ?)')
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
  return stmt(
    db,
    `SELECT b.date, b.open, b.high, b.low, b.close FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id
        WHERE i.symbol = ? AND b.date BETWEEN ? AND ? ORDER BY b.date`,
  ).all(symbol, from, to) as SeriesPoint[]
}

export interface BreadthPoint {
  date: string
  advancing: number
  declining: number
}

export function getBreadth(db: Db, to = '9999-12-31'): BreadthPoint[] {
  return stmt(
    db,
    'SELECT date, advancing, declining FROM breadth_daily WHERE date <= ? ORDER BY date',
  ).all(to) as BreadthPoint[]
}

export function getEvents(db: Db, kinds: readonly EventKind[] = EVENT_KINDS): EventPoint[] {
  return stmt(
    db,
    `SELECT date, kind, description FROM events WHERE kind IN (SELECT value FROM json_each(?)) ORDER BY date, kind`,
  ).all(JSON.stringify(kinds)) as EventPoint[]
}

export function listInstrumentSummaries(db: Db): InstrumentSummary[] {
  return stmt(
    db,
    `SELECT i.symbol, i.kind, i.description, count(b.date) AS bars, min(b.date) AS first, max(b.date) AS last
         FROM instruments i LEFT JOIN daily_bars b ON b.instrument_id = i.id
        GROUP BY i.id ORDER BY i.symbol`,
  ).all() as InstrumentSummary[]
}

export function marketOverview(db: Db): MarketOverview {
  const breadth = stmt(
    db,
    'SELECT count(*) AS rows, min(date) AS first, max(date) AS last FROM breadth_daily',
  ).get() as MarketOverview['breadth']
  const events = stmt(
    db,
    'SELECT kind, count(*) AS count, min(date) AS first, max(date) AS last FROM events GROUP BY kind ORDER BY kind',
  ).all() as MarketOverview['events']
  return { instruments: listInstrumentSummaries(db), breadth, events }
}

/**
 * The last stored date of a symbol, or null. `published`: only rows from a file or the
 * publisher — the closes typed by hand after it are what an update should replace.
 */
export function lastBarDate(db: Db, symbol: string, published = false): string | null {
  return (
    (stmt(
      db,
      `SELECT max(b.date) FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id
          WHERE i.symbol = ? ${published ? "AND b.source <> 'hand'" : ''}`,
      { pluck: true },
    ).get(symbol) as string | null) ?? null
  )
}

/** A symbol's stored row on a date (close and where it came from), or null. */
export function barOn(
  db: Db,
  symbol: string,
  date: string,
): { close: number; source: RowSource } | null {
  return (
    (stmt(
      db,
      `SELECT b.close, b.source FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id
          WHERE i.symbol = ? AND b.date = ?`,
    ).get(symbol, date) as { close: number; source: RowSource } | undefined) ?? null
  )
}

/** The stored NYSE breadth of a date, or null. */
export function breadthOn(
  db: Db,
  date: string,
): { advancing: number; declining: number; source: RowSource } | null {
  return (
    (stmt(db, 'SELECT advancing, declining, source FROM breadth_daily WHERE date = ?').get(date) as
      { advancing: number; declining: number; source: RowSource } | undefined) ?? null
  )
}

/**
 * Per stored symbol: the last date, the source of that last row and how many rows at the end of
 * the history were typed by hand (after the last row from a file or the publisher).
 */
export function seriesEnds(
  db: Db,
): Map<string, { last: string; lastSource: RowSource; handDays: number }> {
  const rows = stmt(
    db,
    `WITH ends AS (
         SELECT i.symbol, i.id, max(b.date) AS last,
                max(CASE WHEN b.source <> 'hand' THEN b.date END) AS lastPublished
           FROM instruments i JOIN daily_bars b ON b.instrument_id = i.id GROUP BY i.id)
       SELECT e.symbol, e.last,
              (SELECT source FROM daily_bars WHERE instrument_id = e.id AND date = e.last) AS lastSource,
              (SELECT count(*) FROM daily_bars WHERE instrument_id = e.id AND source = 'hand'
                  AND date > coalesce(e.lastPublished, '')) AS handDays
         FROM ends e`,
  ).all() as { symbol: string; last: string; lastSource: RowSource; handDays: number }[]
  return new Map(rows.map((r) => [r.symbol, r]))
}

/** The same for NYSE breadth, or null when none is stored. */
export function breadthEnd(
  db: Db,
): { last: string; lastSource: RowSource; handDays: number } | null {
  const r = stmt(
    db,
    `WITH e AS (SELECT max(date) AS last, max(CASE WHEN source <> 'hand' THEN date END) AS lastPublished
                    FROM breadth_daily)
       SELECT e.last, (SELECT source FROM breadth_daily WHERE date = e.last) AS lastSource,
              (SELECT count(*) FROM breadth_daily WHERE source = 'hand' AND date > coalesce(e.lastPublished, '')) AS handDays
         FROM e`,
  ).get() as { last: string | null; lastSource: RowSource; handDays: number }
  return r.last === null ? null : { last: r.last, lastSource: r.lastSource, handDays: r.handDays }
}
