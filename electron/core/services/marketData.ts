/**
 * Market data that stays current (issue 12): the opt-in update from the publishers, closes typed
 * by hand, and how far behind each series is. The signals read whatever daily_bars and
 * breadth_daily hold, whichever way a row came in (its `source` says which).
 */
import {
  calendarDaysBetween,
  isCoveredDate,
  isTradingDay,
  tradingDaysBetween,
} from '../../../shared/calendar/index.ts'
import { nyDateOf } from '../../../shared/dates.ts'
import { KNOWN_SERIES, seriesInfo } from '../../../shared/marketSeries.ts'
import {
  HAND_SERIES,
  type HandCloses,
  type HandEntryResult,
  type MarketStaleness,
  type MarketUpdateSettings,
  type SeriesStaleness,
  type UpdateReport,
  type UpdateSourceId,
} from '../../../shared/marketUpdate.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { getAppState, setAppState } from '../db/repositories/appState.ts'
import {
  barOn,
  breadthEnd,
  breadthOn,
  ensureInstrument,
  getEvents,
  seriesEnds,
  upsertBars,
  upsertBreadth,
} from '../db/repositories/market.ts'
import { writeTransaction } from '../db/transaction.ts'
import { MAX_ISSUES, MAX_PRICE } from '../io/market/parseMarketCsv.ts'
import { updateMarketData, type UpdateOptions } from '../io/market/update/index.ts'
import { describeSources } from '../io/market/update/sources.ts'

// ---------------------------------------------------------------- the switch

/** Settings → Market data: off until the trader turns it on. */
export function marketUpdatesEnabled(db: Db): boolean {
  return getAppState(db, 'market_updates') === 'on'
}

export function marketUpdateSettings(db: Db, sourceBase?: string): MarketUpdateSettings {
  return { enabled: marketUpdatesEnabled(db), sources: describeSources(sourceBase) }
}

export function setMarketUpdates(db: Db, enabled: boolean, now: Date): void {
  setAppState(db, 'market_updates', enabled ? 'on' : 'off', now.toISOString())
}

export const UPDATES_OFF_MESSAGE =
  'Updating market data is switched off. Turn it on in Settings → Market data (Wingman then ' +
  'downloads the public daily files of Cboe and CFE; nothing is sent), or type the day’s closes ' +
  'in Today’s market.'

/** The app's "Update market data": refused while the Settings switch is off. */
export async function runMarketUpdate(db: Db, options: UpdateOptions): Promise<UpdateReport> {
  if (!marketUpdatesEnabled(db)) throw new DomainError('VALIDATION', UPDATES_OFF_MESSAGE)
  return updateMarketData(db, options)
}

// ---------------------------------------------------------------- by hand

const HAND_LABEL: Record<string, string> = {
  advancing: 'NYSE advancing',
  declining: 'NYSE declining',
}

/**
 * Stores the closes typed for a session as history marked "entered by hand". A day the journal
 * already has from a file or the publisher keeps that value (reported in `kept`); a day typed
 * before is replaced. A later CSV import or update replaces hand rows with the published ones.
 */
export function enterHandCloses(db: Db, entry: HandCloses, today: string): HandEntryResult {
  const { date } = entry
  if (!isCoveredDate(date) || !isTradingDay(date))
    throw new DomainError(
      'VALIDATION',
      `${date} is not an NYSE session: there is no close to enter`,
      {
        date: 'Choose a trading day',
      },
    )
  if (date > today)
    throw new DomainError(
      'VALIDATION',
      `${date} is after today (${today}): its close is not known yet`,
      {
        date: 'Not after today',
      },
    )
  const closes = Object.entries(entry.closes).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  )
  const fields: Record<string, string> = {}
  for (const [series, v] of closes)
    if (!(v > 0 && v <= MAX_PRICE))
      fields[series] = `A close above 0, at most ${MAX_PRICE.toLocaleString('en-US')}`
  const hasA = entry.advancing !== undefined
  const hasD = entry.declining !== undefined
  if (hasA !== hasD)
    fields[hasA ? 'declining' : 'advancing'] = 'Enter advancing and declining issues together'
  for (const k of ['advancing', 'declining'] as const) {
    const v = entry[k]
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= MAX_ISSUES))
      fields[k] = `A whole number from 0 to ${MAX_ISSUES.toLocaleString('en-US')}`
  }
  if (Object.keys(fields).length)
    throw new DomainError(
      'VALIDATION',
      `Some values cannot be stored: ${Object.entries(fields)
        .map(([k, m]) => `${HAND_LABEL[k] ?? k}: ${m}`)
        .join('; ')}`,
      fields,
    )
  if (closes.length === 0 && !hasA)
    throw new DomainError(
      'VALIDATION',
      'Type at least one close (or NYSE advancing and declining issues)',
    )
  const result: HandEntryResult = { date, stored: [], kept: [] }
  writeTransaction(db, () => {
    for (const [series, value] of closes) {
      const old = barOn(db, series, date)
      if (old && old.source !== 'hand') {
        result.kept.push({ series, value, stored: old.close, source: old.source })
        continue
      }
      const info = seriesInfo(series)
      const id = ensureInstrument(db, series, info?.kind ?? 'index', info?.description ?? '')
      upsertBars(
        db,
        id,
        [{ date, open: null, high: null, low: null, close: value, volume: null }],
        'hand',
      )
      result.stored.push({ series, value, was: old?.close ?? null })
    }
    if (hasA && hasD) {
      const old = breadthOn(db, date)
      const advancing = entry.advancing!
      const declining = entry.declining!
      if (old && old.source !== 'hand') {
        result.kept.push({
          series: 'NYSE advancing',
          value: advancing,
          stored: old.advancing,
          source: old.source,
        })
        result.kept.push({
          series: 'NYSE declining',
          value: declining,
          stored: old.declining,
          source: old.source,
        })
      } else {
        upsertBreadth(
          db,
          [
            {
              date,
              advancing,
              declining,
              unchanged: null,
              advancingVolume: null,
              decliningVolume: null,
              unchangedVolume: null,
            },
          ],
          'hand',
        )
        result.stored.push({
          series: 'NYSE advancing',
          value: advancing,
          was: old?.advancing ?? null,
        })
        result.stored.push({
          series: 'NYSE declining',
          value: declining,
          was: old?.declining ?? null,
        })
      }
    }
  })
  return result
}

/** The closes stored for a date and where each came from (to prefill "Today's market"). */
export function closesOn(
  db: Db,
  date: string,
): { series: string; value: number; source: 'file' | 'publisher' | 'hand' }[] {
  const out: { series: string; value: number; source: 'file' | 'publisher' | 'hand' }[] = []
  for (const s of HAND_SERIES) {
    const b = barOn(db, s, date)
    if (b) out.push({ series: s, value: b.close, source: b.source })
  }
  const br = breadthOn(db, date)
  if (br) {
    out.push({ series: 'NYSE advancing', value: br.advancing, source: br.source })
    out.push({ series: 'NYSE declining', value: br.declining, source: br.source })
  }
  return out
}

// ---------------------------------------------------------------- staleness

/** The series the market signals read (engine/marketSignals.ts, services/signals.ts). */
const SIGNAL_SERIES = new Set(['SPX', 'VIX', 'VIX9D', 'VIX3M', 'VX1', 'VX2', 'VX3'])

const updatedBy = (symbol: string): UpdateSourceId | 'hand' =>
  /^VX\d$/.test(symbol)
    ? 'VX'
    : ((['SPX', 'VIX', 'VIX9D', 'VIX3M', 'VIX6M', 'VVIX', 'SKEW'] as const).find(
        (s) => s === symbol,
      ) ?? 'hand')

const behind = (last: string | null, date: string): number | null =>
  last === null ? null : last >= date ? 0 : tradingDaysBetween(last, date)

/**
 * Per series the last stored date and how many NYSE sessions behind `date` it is (sessions after
 * the last stored day up to and including `date`), and how far the event calendars reach.
 */
export function marketStaleness(db: Db, date: string = nyDateOf(new Date())): MarketStaleness {
  const ends = seriesEnds(db)
  const known = new Set(KNOWN_SERIES.map((s) => s.symbol))
  const symbols = [
    ...KNOWN_SERIES.map((s) => s.symbol),
    ...[...ends.keys()].filter((s) => !known.has(s)).sort(),
  ]
  const series: SeriesStaleness[] = symbols.map((symbol) => {
    const e = ends.get(symbol)
    return {
      series: symbol,
      description: seriesInfo(symbol)?.description ?? '',
      lastDate: e?.last ?? null,
      sessionsBehind: behind(e?.last ?? null, date),
      lastSource: e?.lastSource ?? null,
      handDays: e?.handDays ?? 0,
      usedBySignals: SIGNAL_SERIES.has(symbol),
      updatedBy: updatedBy(symbol),
    }
  })
  const br = breadthEnd(db)
  series.push({
    series: 'NYSE breadth',
    description: 'NYSE advancing / declining issues (the A/D line)',
    lastDate: br?.last ?? null,
    sessionsBehind: behind(br?.last ?? null, date),
    lastSource: br?.lastSource ?? null,
    handDays: br?.handDays ?? 0,
    usedBySignals: true,
    updatedBy: 'hand',
  })
  const events = getEvents(db, ['FOMC', 'CPI', 'PPI'])
  const calendars = (['FOMC', 'CPI', 'PPI'] as const).map((kind) => {
    const dates = events.filter((e) => e.kind === kind).map((e) => e.date)
    const last = dates.length ? dates[dates.length - 1]! : null
    return { kind, last, daysAhead: last === null ? null : calendarDaysBetween(date, last) }
  })
  const staleForSignals = series
    .filter((s) => s.usedBySignals && (s.sessionsBehind === null || s.sessionsBehind > 0))
    .map((s) =>
      s.lastDate === null
        ? `${s.series}: none stored`
        : `${s.series} ends ${s.lastDate} (${s.sessionsBehind} session${s.sessionsBehind === 1 ? '' : 's'} behind)`,
    )
  return { date, series, calendars, staleForSignals }
}
