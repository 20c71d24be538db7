import type { LiveMarketValues, MarketSnapshot } from '../../../shared/signals.ts'
import type { Db } from '../db/connection.ts'
import { dataVersionReader } from '../db/dataVersion.ts'
import { getBars, getBreadth, getEvents } from '../db/repositories/market.ts'
import { marketSnapshot, type MarketHistory } from '../engine/marketSignals.ts'

const SYMBOLS = ['SPX', 'VIX', 'VIX9D', 'VIX3M', 'VX1', 'VX2', 'VX3'] as const

/** Reads the stored history the market signals need (all of it, oldest first). */
export function loadMarketHistory(db: Db): MarketHistory {
  const series: MarketHistory['series'] = {}
  for (const symbol of SYMBOLS) {
    const bars = getBars(db, symbol)
    if (bars.length)
      series[symbol] = { dates: bars.map((b) => b.date), closes: bars.map((b) => b.close) }
  }
  const breadth = getBreadth(db)
  const events: MarketHistory['events'] = {}
  for (const e of getEvents(db, ['CPI', 'PPI', 'FOMC']))
    (events[e.kind as 'CPI' | 'PPI' | 'FOMC'] ??= []).push(e.date)
  return {
    series,
    breadth: {
      dates: breadth.map((r) => r.date),
      advancing: breadth.map((r) => r.advancing),
      declining: breadth.map((r) => r.declining),
    },
    events,
  }
}

/**
 * Market signals for a date, with the history cached per journal connection: read again when
 * another connection (another process or host) has committed to the journal since — checked on
 * every call with `PRAGMA data_version` — and after `invalidate`, which our own writers call.
 */
export class SignalService {
  private history: MarketHistory | null = null
  private readAt = -1
  private readonly db: Db
  private readonly dataVersion: () => number
  constructor(db: Db) {
    this.db = db
    this.dataVersion = dataVersionReader(db)
  }
  invalidate(): void {
    this.history = null
    this.recent = null
  }
  /** The stored history, read again when the journal changed (what `snapshot` reads). */
  marketHistory(): MarketHistory {
    const version = this.dataVersion()
    if (!this.history || version !== this.readAt) {
      this.history = loadMarketHistory(this.db)
      this.readAt = version
      this.recent = null
    }
    return this.history
  }
  snapshot(date: string, live: LiveMarketValues = {}): MarketSnapshot {
    const history = this.marketHistory()
    // Live values make the engine re-prepare the series they extend; Today asks the same date
    // and values once per position, so the last answer is kept (the history did not change).
    const key = `${date}|${JSON.stringify(live)}`
    if (this.recent?.key !== key)
      this.recent = { key, snapshot: marketSnapshot(history, date, live) }
    return this.recent.snapshot
  }
  private recent: { key: string; snapshot: MarketSnapshot } | null = null
}
