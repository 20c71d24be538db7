import {
  calendarDaysBetween,
  isCoveredDate,
  isTradingDay,
  previousTradingDay,
} from '../../../shared/calendar/index.ts'
import {
  macd,
  realisedVol,
  rsi,
  sma,
  type MacdSeries,
  type Series,
} from '../../../shared/indicators/index.ts'
import type { LiveMarketValues, MarketSnapshot } from '../../../shared/signals.ts'
import { SignalRecorder } from './signalRecorder.ts'

/**
 * Market signals (PRODUCT.md, "Signals") for a date, from the stored daily history and optional
 * live values. Pure: the caller loads the history (services/signals.ts). Every value is "as of
 * the close" of the session — the date itself when the NYSE traded that day, else the trading
 * day before — and a series without a close on that exact session yields a missing signal with
 * the reason, never a stale value.
 */
export interface DailySeries {
  dates: string[]
  closes: number[]
}

export type EventCalendarKind = 'CPI' | 'PPI' | 'FOMC'

export interface MarketHistory {
  /** By symbol: SPX, VIX, VIX9D, VIX3M, VX1, VX2, VX3 (any may be absent). */
  series: Partial<Record<string, DailySeries>>
  breadth: { dates: string[]; advancing: number[]; declining: number[] }
  /** Sorted ISO dates of each release calendar. */
  events: Partial<Record<EventCalendarKind, string[]>>
}

interface Prepared {
  series: Map<string, PreparedSeries>
  breadth: { dates: string[]; index: Map<string, number>; ad: number[]; sma20: Series } | null
  events: MarketHistory['events']
  spxDates: string[]
}

interface PreparedSeries {
  symbol: string
  s: DailySeries
  index: Map<string, number>
  rsi14: Series
  macd: MacdSeries | null
  rv10: Series | null
  rv30: Series | null
}

const MACD_SYMBOLS = new Set(['SPX', 'VIX'])

function prepareSeries(symbol: string, s: DailySeries): PreparedSeries {
  return {
    symbol,
    s,
    index: new Map(s.dates.map((d, i) => [d, i])),
    rsi14: rsi(s.closes, 14),
    macd: MACD_SYMBOLS.has(symbol) ? macd(s.closes) : null,
    rv10: symbol === 'SPX' ? realisedVol(s.closes, 10) : null,
    rv30: symbol === 'SPX' ? realisedVol(s.closes, 30) : null,
  }
}

function prepare(h: MarketHistory): Prepared {
  const series = new Map<string, PreparedSeries>()
  for (const [symbol, s] of Object.entries(h.series))
    if (s && s.dates.length) series.set(symbol, prepareSeries(symbol, s))
  let breadth: Prepared['breadth'] = null
  if (h.breadth.dates.length) {
    let sum = 0
    const ad = h.breadth.advancing.map((a, i) => (sum += a - (h.breadth.declining[i] ?? 0)))
    breadth = {
      dates: h.breadth.dates,
      index: new Map(h.breadth.dates.map((d, i) => [d, i])),
      ad,
      sma20: sma(ad, 20),
    }
  }
  return { series, breadth, events: h.events, spxDates: h.series.SPX?.dates ?? [] }
}

const cache = new WeakMap<MarketHistory, Prepared>()
function prepared(h: MarketHistory): Prepared {
  let p = cache.get(h)
  if (!p) cache.set(h, (p = prepare(h)))
  return p
}

/** Index of the first element of sorted `dates` that is ≥ `date` (dates.length when none). */
function lowerBound(dates: readonly string[], date: string): number {
  let lo = 0
  let hi = dates.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (dates[mid]! < date) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The latest date in sorted `dates` that is ≤ `date`, or null. */
function latestOnOrBefore(dates: readonly string[], date: string): string | null {
  const i = lowerBound(dates, date)
  if (dates[i] === date) return date
  return i > 0 ? dates[i - 1]! : null
}

/** The first date in sorted `dates` that is ≥ `date`, or null. */
function firstOnOrAfter(dates: readonly string[], date: string): string | null {
  return dates[lowerBound(dates, date)] ?? null
}

/**
 * The session whose close a date's signals use: the date when the NYSE traded, else the
 * previous trading day. Outside the calendar's years (before 1990) the SPX history decides.
 */
export function sessionFor(h: MarketHistory, date: string): string {
  if (isCoveredDate(date)) return isTradingDay(date) ? date : previousTradingDay(date)
  return latestOnOrBefore(h.series.SPX?.dates ?? [], date) ?? date
}

const SERIES_NAME: Record<string, string> = {
  VX1: 'VX futures',
  VX2: 'VX futures',
  VX3: 'VX futures',
}

/** Kleene AND over known/unknown booleans: any false → false, all true → true, else unknown. */
function and3(parts: (boolean | null)[]): boolean | null {
  if (parts.some((p) => p === false)) return false
  return parts.every((p) => p === true) ? true : null
}

function snapshotFrom(p: Prepared, date: string, session: string): MarketSnapshot {
  const b = new SignalRecorder()
  /** Index of the session's close in a series, or the reason there is none. */
  const at = (symbol: string): { ps: PreparedSeries; i: number } | string => {
    const ps = p.series.get(symbol)
    const name = SERIES_NAME[symbol] ?? symbol
    if (!ps) return `no ${symbol} history is stored (import it on the Market page)`
    const i = ps.index.get(session)
    if (i !== undefined) return { ps, i }
    const first = ps.s.dates[0]!
    const last = ps.s.dates[ps.s.dates.length - 1]!
    if (session > last) return `${name} history ends ${last}; no ${symbol} close for ${session}`
    if (session < first) return `${name} history starts ${first}; no ${symbol} close for ${session}`
    return `no ${symbol} close on ${session} (a gap in the stored history)`
  }
  const close = (symbol: string): number | string => {
    const r = at(symbol)
    return typeof r === 'string' ? r : r.ps.s.closes[r.i]!
  }
  const num = (v: number | string) => (typeof v === 'number' ? v : null)
  const why = (...vs: (number | string | boolean | null)[]) =>
    [...new Set(vs.filter((v): v is string => typeof v === 'string' && v !== ''))].join('; ')
  const indicator = (
    symbol: string,
    pick: (ps: PreparedSeries) => Series | null | undefined,
    label: string,
  ): number | string => {
    const r = at(symbol)
    if (typeof r === 'string') return r
    const v = pick(r.ps)?.[r.i]
    return v == null
      ? `${label} of ${symbol} is not defined yet: only ${r.i + 1} closes up to ${session}`
      : v
  }

  const spx = close('SPX')
  b.set('spot', num(spx), why(spx))
  const vix = close('VIX')
  b.set('vix', num(vix), why(vix))
  {
    const r = at('VIX')
    if (typeof r === 'string') b.set('vix_change_1d_pct', null, r)
    else if (r.i === 0) b.set('vix_change_1d_pct', null, `no VIX close before ${session}`)
    else b.set('vix_change_1d_pct', (r.ps.s.closes[r.i]! / r.ps.s.closes[r.i - 1]! - 1) * 100, '')
  }
  const vix9d = close('VIX9D')
  const vix3m = close('VIX3M')
  b.set(
    'vix9d_vix_ratio',
    typeof vix9d === 'number' && typeof vix === 'number' ? vix9d / vix : null,
    why(vix9d, vix),
  )
  b.set(
    'vix_vix3m_ratio',
    typeof vix === 'number' && typeof vix3m === 'number' ? vix / vix3m : null,
    why(vix, vix3m),
  )

  const vx1 = close('VX1')
  const vx2 = close('VX2')
  const vx3 = close('VX3')
  b.set('vx1', num(vx1), why(vx1))
  b.set('vx2', num(vx2), why(vx2))
  b.set(
    'vx1_vx2_contango_pct',
    typeof vx1 === 'number' && typeof vx2 === 'number' ? (vx2 / vx1 - 1) * 100 : null,
    why(vx1, vx2),
  )
  const gt = (a: number | string, c: number | string) =>
    typeof a === 'number' && typeof c === 'number' ? a > c : null
  b.set('vx_curve_humped', and3([gt(vx2, vx1), gt(vx2, vx3)]), why(vx1, vx2, vx3))

  const vixRsi = indicator('VIX', (s) => s.rsi14, 'RSI(14)')
  b.set('vix_rsi14', num(vixRsi), why(vixRsi))
  const vxRsi = indicator('VX1', (s) => s.rsi14, 'RSI(14)')
  b.set('vix_futures_rsi14', num(vxRsi), why(vxRsi))
  const spxRsi = indicator('SPX', (s) => s.rsi14, 'RSI(14)')
  b.set('spx_rsi14', num(spxRsi), why(spxRsi))
  for (const sym of ['SPX', 'VIX']) {
    const pre = sym.toLowerCase()
    const line = indicator(sym, (s) => s.macd?.macd, 'MACD(12,26,9)')
    const signal = indicator(sym, (s) => s.macd?.signal, 'MACD signal(9)')
    const hist = indicator(sym, (s) => s.macd?.histogram, 'MACD histogram')
    b.set(`${pre}_macd`, num(line), why(line))
    b.set(`${pre}_macd_signal`, num(signal), why(signal))
    b.set(`${pre}_macd_hist`, num(hist), why(hist))
  }

  if (!p.breadth) {
    b.set('ad_line', null, 'no NYSE breadth history is stored')
    b.set('ad_line_constructive', null, 'no NYSE breadth history is stored')
  } else {
    const br = p.breadth
    const i = br.index.get(session)
    const last = br.dates[br.dates.length - 1]!
    const gap =
      session > last
        ? `NYSE breadth history ends ${last}; no advance/decline data for ${session}`
        : session < br.dates[0]!
          ? `NYSE breadth history starts ${br.dates[0]}`
          : `no NYSE breadth on ${session} (a gap in the stored history)`
    if (i === undefined) {
      b.set('ad_line', null, gap)
      b.set('ad_line_constructive', null, gap)
    } else {
      const ad = br.ad[i]!
      b.set('ad_line', ad, '')
      const avg = br.sma20[i]
      if (avg == null || i < 5)
        b.set('ad_line_constructive', null, `fewer than 20 sessions of breadth up to ${session}`)
      else b.set('ad_line_constructive', ad > avg && ad >= br.ad[i - 5]!, '')
    }
  }

  const rv10 = indicator('SPX', (s) => s.rv10, 'realised volatility (10)')
  const rv30 = indicator('SPX', (s) => s.rv30, 'realised volatility (30)')
  b.set('spx_rv10', num(rv10), why(rv10))
  b.set('spx_rv30', num(rv30), why(rv30))
  const vixHist = b.values.vix_macd_hist
  b.set(
    'vol_expansion_genuine',
    and3([gt(rv10, rv30), typeof vixHist === 'number' ? vixHist > 0 : null]),
    why(
      rv10,
      rv30,
      typeof vixHist === 'number' ? null : (b.missing.vix_macd_hist ?? 'vix_macd_hist missing'),
    ),
  )

  for (const [id, kind] of [
    ['days_to_cpi', 'CPI'],
    ['days_to_ppi', 'PPI'],
    ['days_to_fomc', 'FOMC'],
  ] as const) {
    const dates = p.events[kind] ?? []
    const next = firstOnOrAfter(dates, date)
    b.set(
      id,
      next ? calendarDaysBetween(date, next) : null,
      dates.length
        ? `no ${kind} date after ${date} is known: the stored ${kind} calendar ends ${dates[dates.length - 1]} (import the publisher's newer schedule as date,event on the Market page)`
        : `no ${kind} calendar is stored`,
    )
  }
  const dCpi = b.values.days_to_cpi
  b.set('cpi_today', typeof dCpi === 'number' ? dCpi === 0 : null, b.missing.days_to_cpi ?? '')
  return { date, session, values: b.values, missing: b.missing }
}

const LIVE_SYMBOL: Record<keyof LiveMarketValues, string> = {
  spot: 'SPX',
  vix: 'VIX',
  vix9d: 'VIX9D',
  vix3m: 'VIX3M',
  vx1: 'VX1',
  vx2: 'VX2',
  vx3: 'VX3',
}

/**
 * Every market signal for `date`. Live values (what the trader reads off the screen) replace the
 * session's close of their series — and enter its indicators as the latest close.
 */
export function marketSnapshot(
  h: MarketHistory,
  date: string,
  live: LiveMarketValues = {},
): MarketSnapshot {
  const session = sessionFor(h, date)
  const entries = Object.entries(live).filter(([, v]) => typeof v === 'number') as [
    keyof LiveMarketValues,
    number,
  ][]
  if (entries.length === 0) return snapshotFrom(prepared(h), date, session)
  const series = { ...h.series }
  const notes: string[] = []
  for (const [key, value] of entries) {
    const symbol = LIVE_SYMBOL[key]
    const s = series[symbol] ?? { dates: [], closes: [] }
    let end = s.dates.length
    while (end > 0 && s.dates[end - 1]! >= session) end--
    const previous = s.dates[end - 1]
    if (
      previous &&
      isCoveredDate(previous) &&
      isCoveredDate(session) &&
      previousTradingDay(session) !== previous
    )
      notes.push(
        `${symbol}: the live value for ${session} follows the last stored close of ${previous}; its indicators treat it as the next close`,
      )
    series[symbol] = {
      dates: [...s.dates.slice(0, end), session],
      closes: [...s.closes.slice(0, end), value],
    }
  }
  const snap = snapshotFrom(prepare({ ...h, series }), date, session)
  return notes.length ? { ...snap, notes } : snap
}

/** Signals for every SPX session in the history, oldest first (the full-history benchmark). */
export function marketSnapshotsForAllSessions(h: MarketHistory): MarketSnapshot[] {
  const p = prepared(h)
  return p.spxDates.map((d) => snapshotFrom(p, d, d))
}

/** The latest session ≤ date of a series, exposed for callers that want to explain staleness. */
export { latestOnOrBefore }

/** Every market signal for every SPX session, column by column (NaN = missing; booleans 1/0). */
export interface SignalColumns {
  dates: string[]
  columns: Record<string, Float64Array>
}

/** For each date of `target`, the index of the same date in `source` (−1 when absent); both sorted. */
function align(target: readonly string[], source: readonly string[]): Int32Array {
  const out = new Int32Array(target.length).fill(-1)
  let j = 0
  for (let i = 0; i < target.length; i++) {
    const d = target[i]!
    while (j < source.length && source[j]! < d) j++
    if (j < source.length && source[j] === d) out[i] = j
  }
  return out
}

/**
 * The full-history form of the snapshot: the same definitions as `marketSnapshot`, evaluated for
 * every SPX session at once without building per-day objects (this is what the "all signals for
 * every day" benchmark measures). Missing values are NaN; the reasons live in `marketSnapshot`.
 */
export function marketSignalColumns(h: MarketHistory): SignalColumns {
  const p = prepared(h)
  const dates = p.spxDates
  const n = dates.length
  const col = () => new Float64Array(n).fill(Number.NaN)
  const c: Record<string, Float64Array> = {}
  const get = (symbol: string) => {
    const ps = p.series.get(symbol)
    return ps ? { ps, idx: align(dates, ps.s.dates) } : null
  }
  const closeCol = (a: ReturnType<typeof get>) => {
    const out = col()
    if (a) for (let k = 0; k < n; k++) if (a.idx[k]! >= 0) out[k] = a.ps.s.closes[a.idx[k]!]!
    return out
  }
  const seriesCol = (
    a: ReturnType<typeof get>,
    pick: (ps: PreparedSeries) => Series | null | undefined,
  ) => {
    const out = col()
    const values = a ? pick(a.ps) : null
    if (a && values)
      for (let k = 0; k < n; k++) {
        const i = a.idx[k]!
        const v = i >= 0 ? values[i] : null
        if (v != null) out[k] = v
      }
    return out
  }
  const spx = get('SPX')
  const vix = get('VIX')
  const vx1 = get('VX1')
  c.spot = closeCol(spx)
  c.vix = closeCol(vix)
  c.vix_change_1d_pct = col()
  if (vix)
    for (let k = 0; k < n; k++) {
      const i = vix.idx[k]!
      if (i > 0) c.vix_change_1d_pct[k] = (vix.ps.s.closes[i]! / vix.ps.s.closes[i - 1]! - 1) * 100
    }
  const vix9d = closeCol(get('VIX9D'))
  const vix3m = closeCol(get('VIX3M'))
  c.vix9d_vix_ratio = vix9d.map((v, k) => v / c.vix![k]!)
  c.vix_vix3m_ratio = c.vix.map((v, k) => v / vix3m[k]!)
  c.vx1 = closeCol(vx1)
  c.vx2 = closeCol(get('VX2'))
  const vx3 = closeCol(get('VX3'))
  c.vx1_vx2_contango_pct = c.vx1.map((v, k) => (c.vx2![k]! / v - 1) * 100)
  c.vx_curve_humped = col()
  for (let k = 0; k < n; k++) {
    const a = c.vx2[k]! > c.vx1[k]! ? 1 : Number.isNaN(c.vx2[k]! - c.vx1[k]!) ? Number.NaN : 0
    const b = c.vx2[k]! > vx3[k]! ? 1 : Number.isNaN(c.vx2[k]! - vx3[k]!) ? Number.NaN : 0
    c.vx_curve_humped[k] = a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : Number.NaN
  }
  c.vix_rsi14 = seriesCol(vix, (s) => s.rsi14)
  c.vix_futures_rsi14 = seriesCol(vx1, (s) => s.rsi14)
  c.spx_rsi14 = seriesCol(spx, (s) => s.rsi14)
  c.spx_macd = seriesCol(spx, (s) => s.macd?.macd)
  c.spx_macd_signal = seriesCol(spx, (s) => s.macd?.signal)
  c.spx_macd_hist = seriesCol(spx, (s) => s.macd?.histogram)
  c.vix_macd = seriesCol(vix, (s) => s.macd?.macd)
  c.vix_macd_signal = seriesCol(vix, (s) => s.macd?.signal)
  c.vix_macd_hist = seriesCol(vix, (s) => s.macd?.histogram)
  c.ad_line = col()
  c.ad_line_constructive = col()
  if (p.breadth) {
    const br = p.breadth
    const idx = align(dates, br.dates)
    for (let k = 0; k < n; k++) {
      const i = idx[k]!
      if (i < 0) continue
      c.ad_line[k] = br.ad[i]!
      const avg = br.sma20[i]
      if (avg != null && i >= 5)
        c.ad_line_constructive[k] = br.ad[i]! > avg && br.ad[i]! >= br.ad[i - 5]! ? 1 : 0
    }
  }
  c.spx_rv10 = seriesCol(spx, (s) => s.rv10)
  c.spx_rv30 = seriesCol(spx, (s) => s.rv30)
  c.vol_expansion_genuine = col()
  for (let k = 0; k < n; k++) {
    const a =
      c.spx_rv10[k]! > c.spx_rv30[k]!
        ? 1
        : Number.isNaN(c.spx_rv10[k]! - c.spx_rv30[k]!)
          ? Number.NaN
          : 0
    const hist = c.vix_macd_hist[k]!
    const b = Number.isNaN(hist) ? Number.NaN : hist > 0 ? 1 : 0
    c.vol_expansion_genuine[k] = a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : Number.NaN
  }
  for (const [id, kind] of [
    ['days_to_cpi', 'CPI'],
    ['days_to_ppi', 'PPI'],
    ['days_to_fomc', 'FOMC'],
  ] as const) {
    const out = col()
    const ev = p.events[kind] ?? []
    let j = 0
    for (let k = 0; k < n; k++) {
      const d = dates[k]!
      while (j < ev.length && ev[j]! < d) j++
      if (j < ev.length) out[k] = Math.round((Date.parse(ev[j]!) - Date.parse(d)) / 86_400_000)
    }
    c[id] = out
  }
  c.cpi_today = c.days_to_cpi!.map((d) => (Number.isNaN(d) ? Number.NaN : d === 0 ? 1 : 0))
  return { dates, columns: c }
}
