/**
 * The market series Wingman knows by name: what each symbol is and which bundled file
 * (resources/market, shipped with the app) carries it.
 */
export type SeriesKind = 'index' | 'future_continuous'

export interface SeriesInfo {
  symbol: string
  kind: SeriesKind
  description: string
}

export const KNOWN_SERIES: readonly SeriesInfo[] = [
  { symbol: 'SPX', kind: 'index', description: 'S&P 500 index' },
  { symbol: 'VIX', kind: 'index', description: 'Cboe Volatility Index (30-day)' },
  { symbol: 'VIX9D', kind: 'index', description: 'Cboe 9-day Volatility Index' },
  { symbol: 'VIX3M', kind: 'index', description: 'Cboe 3-month Volatility Index (formerly VXV)' },
  { symbol: 'VIX6M', kind: 'index', description: 'Cboe 6-month Volatility Index (formerly VXMT)' },
  { symbol: 'VVIX', kind: 'index', description: 'Cboe VIX of VIX' },
  { symbol: 'SKEW', kind: 'index', description: 'Cboe SKEW Index' },
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
    symbol: `VX${n}`,
    kind: 'future_continuous' as const,
    description: `VX futures, ${n === 1 ? 'front' : `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`} month (continuous, settlement)`,
  })),
]

export const seriesInfo = (symbol: string): SeriesInfo | undefined =>
  KNOWN_SERIES.find((s) => s.symbol === symbol)

/** Guesses the series of a file from its name: spx_daily.csv, VIX_History.csv, vix3m.csv → SPX, VIX, VIX3M. */
export function symbolFromFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const m = /^\^?([a-z0-9]+?)(?:_daily|_history)?(?:_d)?\.csv$/i.exec(base)
  if (!m?.[1]) return null
  const sym = m[1].toUpperCase()
  if (sym === 'GSPC') return 'SPX'
  if (sym === 'VXV') return 'VIX3M'
  if (sym === 'VXMT') return 'VIX6M'
  return seriesInfo(sym) ? sym : null
}
