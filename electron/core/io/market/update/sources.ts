/**
 * Where "Update market data" downloads from: the publishers' own public files, nothing else.
 * Every URL is the publisher's host plus a path; `--source-base URL` (tests, a mirror) replaces
 * the host part of all of them at once, keeping the paths.
 *
 * Cboe daily index histories (https://cdn.cboe.com/api/global/us_indices/daily_prices/…):
 *   VIX, VIX9D, VIX3M, VIX6M  DATE,OPEN,HIGH,LOW,CLOSE   MM/DD/YYYY, 6 decimals, oldest first
 *   VVIX                      DATE,VVIX                  close only
 *   SKEW                      DATE,SKEW                  close only
 *   SPX                       DATE,SPX                   close only (S&P Dow Jones Indices' index,
 *                                                        the daily close as Cboe publishes it)
 * CFE VX futures, one file per monthly contract, named by its final settlement date
 * (https://cdn.cboe.com/data/us/futures/market_statistics/historical_data/VX/VX_YYYY-MM-DD.csv):
 *   Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest
 *   e.g. 2026-01-16,F (Jan 2026),16.43,16.91,16.20,16.65,16.6389,0.13,64804,0,58018
 */
import type { UpdateSourceId } from '../../../../../shared/marketUpdate.ts'

export const CBOE_ORIGIN = 'https://cdn.cboe.com'
export const CBOE_INDEX_PATH = '/api/global/us_indices/daily_prices/'
export const CFE_VX_PATH = '/data/us/futures/market_statistics/historical_data/VX/'

export interface IndexSource {
  source: UpdateSourceId
  /** The series it fills. */
  symbol: string
  /** The publisher's file name, e.g. VIX_History.csv. */
  file: string
  label: string
}

export const INDEX_SOURCES: readonly IndexSource[] = [
  {
    source: 'SPX',
    symbol: 'SPX',
    file: 'SPX_History.csv',
    label: 'Cboe SPX index history (closes)',
  },
  { source: 'VIX', symbol: 'VIX', file: 'VIX_History.csv', label: 'Cboe VIX index history' },
  {
    source: 'VIX9D',
    symbol: 'VIX9D',
    file: 'VIX9D_History.csv',
    label: 'Cboe VIX9D index history',
  },
  {
    source: 'VIX3M',
    symbol: 'VIX3M',
    file: 'VIX3M_History.csv',
    label: 'Cboe VIX3M index history',
  },
  {
    source: 'VIX6M',
    symbol: 'VIX6M',
    file: 'VIX6M_History.csv',
    label: 'Cboe VIX6M index history',
  },
  { source: 'VVIX', symbol: 'VVIX', file: 'VVIX_History.csv', label: 'Cboe VVIX index history' },
  { source: 'SKEW', symbol: 'SKEW', file: 'SKEW_History.csv', label: 'Cboe SKEW index history' },
]

export const VX_LABEL = 'CFE VX futures settlements (VX1–VX8)'

/** The origin every URL starts with: the publisher's, or the override (no trailing slash). */
export function originOf(base: string | undefined): string {
  if (!base) return CBOE_ORIGIN
  let u: URL
  try {
    u = new URL(base)
  } catch {
    throw new RangeError(`--source-base must be a URL such as http://127.0.0.1:8080, got "${base}"`)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new RangeError(`--source-base must be an http:// or https:// URL, got "${base}"`)
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`
}

export const indexUrl = (origin: string, s: IndexSource) => `${origin}${CBOE_INDEX_PATH}${s.file}`

/** The CFE file of the monthly VX contract that settles on `expiry`. */
export const vxFileName = (expiry: string) => `VX_${expiry}.csv`
export const vxUrl = (origin: string, expiry: string) =>
  `${origin}${CFE_VX_PATH}${vxFileName(expiry)}`

/** What Settings and the README list: one line per source. */
export function describeSources(
  base?: string,
): { source: UpdateSourceId; label: string; url: string }[] {
  const origin = originOf(base)
  return [
    ...INDEX_SOURCES.map((s) => ({ source: s.source, label: s.label, url: indexUrl(origin, s) })),
    { source: 'VX' as const, label: VX_LABEL, url: vxUrl(origin, 'YYYY-MM-DD') },
  ]
}
