/**
 * The market signals of PRODUCT.md ("Signals"), each with a stable id, a unit and its
 * definition. A signal may be missing (no data); the snapshot then says why.
 */
export type SignalValue = number | boolean | null

export interface SignalDef {
  id: string
  unit:
    | 'index points'
    | 'ratio'
    | 'percent'
    | 'RSI 0–100'
    | 'points'
    | 'issues'
    | 'annualised'
    | 'days'
    | 'yes/no'
  definition: string
}

export const MARKET_SIGNALS: readonly SignalDef[] = [
  { id: 'spot', unit: 'index points', definition: 'SPX close (or the live value entered)' },
  { id: 'vix', unit: 'index points', definition: 'VIX close' },
  { id: 'vix_change_1d_pct', unit: 'percent', definition: '(VIX / previous VIX close − 1) · 100' },
  { id: 'vix9d_vix_ratio', unit: 'ratio', definition: 'VIX9D / VIX' },
  { id: 'vix_vix3m_ratio', unit: 'ratio', definition: 'VIX / VIX3M; above 1 = backwardation' },
  { id: 'vx1', unit: 'index points', definition: 'front VX future settlement' },
  { id: 'vx2', unit: 'index points', definition: 'second VX future settlement' },
  { id: 'vx1_vx2_contango_pct', unit: 'percent', definition: '(VX2 / VX1 − 1) · 100' },
  { id: 'vx_curve_humped', unit: 'yes/no', definition: 'VX2 > VX1 and VX2 > VX3 ("big top")' },
  { id: 'vix_rsi14', unit: 'RSI 0–100', definition: 'Wilder RSI(14) of VIX closes' },
  { id: 'vix_futures_rsi14', unit: 'RSI 0–100', definition: 'Wilder RSI(14) of VX1 closes' },
  { id: 'spx_rsi14', unit: 'RSI 0–100', definition: 'Wilder RSI(14) of SPX closes' },
  { id: 'spx_macd', unit: 'points', definition: 'MACD(12,26,9) line of SPX: EMA12 − EMA26' },
  { id: 'spx_macd_signal', unit: 'points', definition: 'EMA(9) of the SPX MACD line' },
  { id: 'spx_macd_hist', unit: 'points', definition: 'SPX MACD − signal' },
  { id: 'vix_macd', unit: 'points', definition: 'MACD(12,26,9) line of VIX' },
  { id: 'vix_macd_signal', unit: 'points', definition: 'EMA(9) of the VIX MACD line' },
  { id: 'vix_macd_hist', unit: 'points', definition: 'VIX MACD − signal' },
  {
    id: 'ad_line',
    unit: 'issues',
    definition: 'cumulative NYSE (advancing − declining) issues over the stored history',
  },
  {
    id: 'ad_line_constructive',
    unit: 'yes/no',
    definition:
      'A/D line above its 20-day simple average and not below its value 5 sessions earlier',
  },
  {
    id: 'spx_rv10',
    unit: 'annualised',
    definition: 'sample stdev of the last 10 daily SPX log returns × √252',
  },
  {
    id: 'spx_rv30',
    unit: 'annualised',
    definition: 'sample stdev of the last 30 daily SPX log returns × √252',
  },
  {
    id: 'vol_expansion_genuine',
    unit: 'yes/no',
    definition: 'spx_rv10 > spx_rv30 and vix_macd_hist > 0',
  },
  {
    id: 'days_to_cpi',
    unit: 'days',
    definition: 'calendar days to the next CPI release on or after the date (0 = today)',
  },
  {
    id: 'days_to_ppi',
    unit: 'days',
    definition: 'calendar days to the next PPI release on or after the date',
  },
  {
    id: 'days_to_fomc',
    unit: 'days',
    definition: 'calendar days to the next FOMC decision on or after the date',
  },
  { id: 'cpi_today', unit: 'yes/no', definition: 'a CPI release is on the date' },
]

export const MARKET_SIGNAL_IDS = MARKET_SIGNALS.map((s) => s.id)

/** Discretionary inputs the methodology names but no offline data measures (PRODUCT.md). */
export const DISCRETIONARY_FLAGS = [
  { id: 'usd_risk_off', label: 'USD real effective exchange rate signals broad risk-off' },
  { id: 'pcf_below_average', label: 'Index P/CF below its historical average' },
  { id: 'fomc_stable', label: 'FOMC minutes imply stable rate-differential expectations' },
  { id: 'cpi_surprise', label: 'The latest CPI print surprised and lifted VIX' },
  {
    id: 'implied_move_exceeds_fundamentals',
    label: 'Implied move exceeds what fundamentals justify',
  },
] as const
export type FlagId = (typeof DISCRETIONARY_FLAGS)[number]['id']

/** Values the trader types at decision time; each replaces that day's close. */
export interface LiveMarketValues {
  spot?: number
  vix?: number
  vix9d?: number
  vix3m?: number
  vx1?: number
  vx2?: number
  vx3?: number
}

export interface MarketSnapshot {
  /** The date asked for. */
  date: string
  /** The session whose closes the values are: the date itself, or the trading day before it. */
  session: string
  values: Record<string, SignalValue>
  /** Why each missing (null) signal is missing. */
  missing: Record<string, string>
  /** Caveats, e.g. a live value appended after a gap in the stored history. */
  notes?: string[]
}
