/** Market-data types shared by the core and the renderer (see electron/core/io/market). */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'DD.MM.YYYY',
  'YYYYMMDD',
] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

export type BarFormat = 'cboe' | 'yahoo' | 'stooq' | 'ohlc' | 'close' | 'generic'
export type MarketFormat = BarFormat | 'vx_futures' | 'breadth' | 'events'

export const EVENT_KINDS = ['FOMC', 'FOMC_MINUTES', 'CPI', 'PPI', 'NFP', 'OTHER'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** Which column holds what, for a CSV of another layout; names are header cells. */
export interface ColumnMapping {
  date: string
  dateFormat: DateFormat
  close: string
  open?: string
  high?: string
  low?: string
  volume?: string
}

export interface RowProblem {
  /** 1-based line of the file where the bad row starts. */
  line: number
  reason: string
}

/** What an upsert did, row by row. */
export interface UpsertCounts {
  inserted: number
  updated: number
  unchanged: number
}

export interface ImportReport {
  fileName: string
  format: MarketFormat
  /** What the rows went into: a symbol, "VX1–VX8", "NYSE breadth" or "events". */
  target: string
  totalRows: number
  goodRows: number
  /** The first 100 bad rows (line number and reason); `totalRows - goodRows` counts them all. */
  problems: RowProblem[]
  /** Bad rows not listed in `problems`. */
  unlistedProblems: number
  /** False when bad rows were found and not accepted: nothing was written. */
  applied: boolean
  counts: UpsertCounts
  /**
   * Dates of good rows on days the NYSE was closed (weekends, holidays, one-off closures, within
   * the calendar's 1990–2099). They are kept as published and flagged here.
   */
  nonTradingDays: string[]
}

export interface SeriesPoint {
  date: string
  open: number | null
  high: number | null
  low: number | null
  close: number
}

export interface SeriesData {
  symbol: string
  points: SeriesPoint[]
}

export interface EventPoint {
  date: string
  kind: EventKind
  description: string
}

export interface InstrumentSummary {
  symbol: string
  kind: 'index' | 'future_continuous' | 'etf' | 'stock'
  description: string
  bars: number
  first: string | null
  last: string | null
}

export interface MarketOverview {
  instruments: InstrumentSummary[]
  breadth: { rows: number; first: string | null; last: string | null }
  events: { kind: EventKind; count: number; first: string; last: string }[]
}
