import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isCoveredDate, isTradingDay } from '../../../shared/calendar/index.ts'
import { seriesInfo, symbolFromFileName } from '../../../shared/marketSeries.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import {
  ensureInstrument,
  upsertBars,
  upsertBreadth,
  upsertEvents,
  type EventKind,
  type RowSource,
  type UpsertCounts,
} from '../db/repositories/market.ts'
import type { ImportReport } from '../../../shared/market.ts'
import { MarketFileError, parseMarketCsv, type ColumnMapping } from '../io/market/parseMarketCsv.ts'

export type { ImportReport }

export interface ImportRequest {
  text: string
  fileName: string
  /** The series a price file holds; inferred from the file name when omitted. */
  symbol?: string
  mapping?: ColumnMapping
  /** For event calendars: the kind of every row; inferred from each row's text when omitted. */
  eventKind?: EventKind
  /** Import the good rows of a file that has bad ones. Without it such a file changes nothing. */
  acceptGoodRows?: boolean
  /** Where the rows come from (default 'file'); "Update market data" passes 'publisher'. */
  source?: RowSource
}

const MAX_SYMBOL = /^[A-Z0-9^._-]{1,20}$/

/** The kind of an event from its text, e.g. "FOMC minutes release (…)" → FOMC_MINUTES. */
export function eventKindOf(description: string): EventKind {
  const t = description.toUpperCase()
  if (t.startsWith('FOMC MINUTES')) return 'FOMC_MINUTES'
  if (t.startsWith('FOMC')) return 'FOMC'
  if (t.startsWith('CPI')) return 'CPI'
  if (t.startsWith('PPI')) return 'PPI'
  if (t.includes('NFP') || t.startsWith('EMPLOYMENT SITUATION')) return 'NFP'
  return 'OTHER'
}

const addCounts = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
})

/**
 * Imports one market-data file: parse and validate everything first, then write all good rows
 * in one transaction — or nothing at all when there are bad rows the user has not accepted.
 * Re-importing the same file reports every row as unchanged.
 */
export function importMarketFile(db: Db, req: ImportRequest): ImportReport {
  let parsed
  try {
    parsed = parseMarketCsv(req.text, req.mapping)
  } catch (e) {
    if (e instanceof MarketFileError)
      throw new DomainError('VALIDATION', `${req.fileName}: ${e.message}`)
    throw e
  }
  const base = {
    fileName: req.fileName,
    format: parsed.format,
    totalRows: parsed.totalRows,
    goodRows: parsed.rows.length,
    problems: parsed.problems,
    unlistedProblems: parsed.unlistedProblems,
    // Event calendars may name any day (the 2020-03-15 emergency FOMC cut was a Sunday).
    nonTradingDays:
      parsed.kind === 'events'
        ? []
        : parsed.rows.map((r) => r.date).filter((d) => isCoveredDate(d) && !isTradingDay(d)),
  }
  let target: string
  let write: () => UpsertCounts
  switch (parsed.kind) {
    case 'bars': {
      const symbol = (req.symbol ?? symbolFromFileName(req.fileName) ?? '').toUpperCase()
      if (!symbol)
        throw new DomainError(
          'VALIDATION',
          `${req.fileName}: say which series this file holds (e.g. SPX); the file name does not tell`,
          {
            symbol: 'Which series is this?',
          },
        )
      if (!MAX_SYMBOL.test(symbol))
        throw new DomainError('VALIDATION', `Bad symbol "${symbol}"`, {
          symbol: 'Letters, digits and . _ - ^ only',
        })
      target = symbol
      write = () => {
        // No instrument without bars (every row bad, good rows accepted).
        if (parsed.rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 }
        const info = seriesInfo(symbol)
        const id = ensureInstrument(db, symbol, info?.kind ?? 'index', info?.description ?? '')
        return upsertBars(db, id, parsed.rows, req.source)
      }
      break
    }
    case 'futures': {
      target = `${parsed.columns[0]}–${parsed.columns[parsed.columns.length - 1]}`
      write = () =>
        parsed.columns.reduce<UpsertCounts>(
          (acc, symbol, i) => {
            const bars = parsed.rows.flatMap((r) => {
              const close = r.values[i]
              return close == null
                ? []
                : [{ date: r.date, open: null, high: null, low: null, close, volume: null }]
            })
            if (bars.length === 0) return acc
            const info = seriesInfo(symbol)
            const id = ensureInstrument(db, symbol, 'future_continuous', info?.description ?? '')
            return addCounts(acc, upsertBars(db, id, bars, req.source))
          },
          { inserted: 0, updated: 0, unchanged: 0 },
        )
      break
    }
    case 'breadth':
      target = 'NYSE breadth'
      write = () => upsertBreadth(db, parsed.rows, req.source)
      break
    case 'events':
      target = 'events'
      write = () => {
        // Appended in place: copying the list for every row made 40,000 events take 74 s.
        const byKind = new Map<EventKind, typeof parsed.rows>()
        for (const r of parsed.rows) {
          const kind = req.eventKind ?? eventKindOf(r.description)
          const rows = byKind.get(kind)
          if (rows) rows.push(r)
          else byKind.set(kind, [r])
        }
        let counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 }
        for (const [kind, rows] of byKind) counts = addCounts(counts, upsertEvents(db, kind, rows))
        return counts
      }
      break
  }
  if (parsed.problems.length > 0 && !req.acceptGoodRows) {
    return { ...base, target, applied: false, counts: { inserted: 0, updated: 0, unchanged: 0 } }
  }
  const counts = writeTransaction(db, write)
  return { ...base, target, applied: true, counts }
}

/** The bundled history (resources/market): file → how to import it. */
export const BUNDLED_FILES: readonly { file: string; symbol?: string; eventKind?: EventKind }[] = [
  { file: 'spx_daily.csv', symbol: 'SPX' },
  { file: 'vix_daily.csv', symbol: 'VIX' },
  { file: 'vix9d_daily.csv', symbol: 'VIX9D' },
  { file: 'vix3m_daily.csv', symbol: 'VIX3M' },
  { file: 'vix6m_daily.csv', symbol: 'VIX6M' },
  { file: 'vvix_daily.csv', symbol: 'VVIX' },
  { file: 'skew_daily.csv', symbol: 'SKEW' },
  { file: 'vix_futures_daily.csv' },
  { file: 'advance_decline_daily.csv' },
  { file: 'fomc_dates.csv', eventKind: 'FOMC' },
  { file: 'fomc_minutes_dates.csv', eventKind: 'FOMC_MINUTES' },
  { file: 'cpi_release_dates.csv', eventKind: 'CPI' },
  { file: 'ppi_release_dates.csv', eventKind: 'PPI' },
  { file: 'nfp_release_dates.csv', eventKind: 'NFP' },
]

/**
 * Loads the bundled real histories into a journal. The data is kept as published, so a file
 * may hold rows Wingman refuses (VIX6M 2019-07-05 has high < low): those rows are skipped and
 * listed in the reports, the rest is imported.
 */
export function loadBundledMarketData(db: Db, dir: string): ImportReport[] {
  return BUNDLED_FILES.map(({ file, symbol, eventKind }) =>
    importMarketFile(db, {
      text: readFileSync(join(dir, file), 'utf8'),
      fileName: file,
      ...(symbol ? { symbol } : {}),
      ...(eventKind ? { eventKind } : {}),
      acceptGoodRows: true,
    }),
  )
}
