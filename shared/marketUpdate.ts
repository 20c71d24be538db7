/**
 * Market data that stays current (issue 12): the opt-in update from the publishers' own files,
 * the closes typed by hand, and how far behind each stored series is. Shared by the core (which
 * does the work), the contract and the renderer.
 */
import type { RowProblem, UpsertCounts } from './market.ts'

/** The downloadable sources, one per publisher file (VX is one source of many contract files). */
export const UPDATE_SOURCES = [
  'SPX',
  'VIX',
  'VIX9D',
  'VIX3M',
  'VIX6M',
  'VVIX',
  'SKEW',
  'VX',
] as const
export type UpdateSourceId = (typeof UPDATE_SOURCES)[number]

/** What one source brought, or why it did not. */
export interface SourceResult {
  source: UpdateSourceId
  /** "Cboe VIX index history", "CFE VX futures settlements (VX1–VX8)". */
  label: string
  /**
   * - updated: new rows were stored
   * - current: the publisher had nothing newer than the journal
   * - failed: nothing was stored from this source; `message` says why
   */
  status: 'updated' | 'current' | 'failed'
  /** One sentence in the trader's words: what was stored, or what went wrong. */
  message: string
  /** The files asked for (one for an index, one per contract for VX). */
  urls: string[]
  /** The last stored date of the source's series before and after the update. */
  before: string | null
  after: string | null
  counts: UpsertCounts
  /** Rows of the publisher's file that were refused (line in that file, reason). */
  problems: RowProblem[]
  /** Rows left out on purpose: a day not over yet, a row cut short at the end of the file. */
  notes: string[]
}

export interface UpdateReport {
  /** The New York date the update ran up to. */
  until: string
  startedAt: string
  finishedAt: string
  sources: SourceResult[]
}

/** One step of a source's progress: "fetch" a file, "store" the rows. */
export interface UpdateProgress {
  source: UpdateSourceId
  step: 'fetch' | 'store' | 'done' | 'failed'
  done: number
  total: number
}

export interface MarketUpdateSettings {
  /** The Settings switch: off until the trader turns it on. */
  enabled: boolean
  /** What "Update market data" downloads, one line per source (for Settings and the README). */
  sources: { source: UpdateSourceId; label: string; url: string }[]
}

/** Closes a trader can type for a date ("Today's market"). */
export const HAND_SERIES = ['SPX', 'VIX', 'VIX9D', 'VIX3M', 'VX1', 'VX2', 'VX3'] as const
export type HandSeries = (typeof HAND_SERIES)[number]

export interface HandCloses {
  date: string
  closes: Partial<Record<HandSeries, number>>
  /** NYSE advancing and declining issues: both or neither. */
  advancing?: number
  declining?: number
}

/** What happened to each value typed by hand. */
export interface HandEntryResult {
  date: string
  stored: { series: string; value: number; was: number | null }[]
  /** Values not stored because the journal already has the day from a file or the publisher. */
  kept: { series: string; value: number; stored: number; source: 'file' | 'publisher' }[]
}

/** The series the Market page and the decision panel report on, in display order. */
export interface SeriesStaleness {
  /** SPX, VIX, …, VX1…VX8, or "NYSE breadth". */
  series: string
  description: string
  lastDate: string | null
  /** NYSE sessions after `lastDate` up to and including the date asked about; null = never stored. */
  sessionsBehind: number | null
  /** Where the last stored row came from. */
  lastSource: 'file' | 'publisher' | 'hand' | null
  /** Days at the end of the history typed by hand (not yet replaced by a published close). */
  handDays: number
  /** The market signals read this series (SPX, VIX, VIX9D, VIX3M, VX1–VX3, NYSE breadth). */
  usedBySignals: boolean
  /** How to bring it up to date: which update source, or "by hand / CSV only". */
  updatedBy: UpdateSourceId | 'hand'
}

export interface CalendarReach {
  kind: 'FOMC' | 'CPI' | 'PPI'
  /** The last date in the stored calendar. */
  last: string | null
  /** Calendar days from the date asked about to `last` (negative: the calendar has run out). */
  daysAhead: number | null
}

export interface MarketStaleness {
  /** The date the staleness is measured against (default: today, New York). */
  date: string
  series: SeriesStaleness[]
  calendars: CalendarReach[]
  /** Series the signals read that are behind the date, in words, for a banner. */
  staleForSignals: string[]
}
