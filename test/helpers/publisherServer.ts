import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isTradingDay, nextTradingDay } from '../../shared/calendar/index.ts'
import { vixExpiry } from '../../shared/calendar/expiries.ts'

/**
 * A stand-in for Cboe's CDN on 127.0.0.1, serving files in the publishers' exact layouts (see
 * electron/core/io/market/update/sources.ts):
 *
 *   /api/global/us_indices/daily_prices/VIX_History.csv    DATE,OPEN,HIGH,LOW,CLOSE
 *       01/02/1990,17.240000,17.240000,17.240000,17.240000   (MM/DD/YYYY, 6 decimals)
 *   /api/global/us_indices/daily_prices/SPX_History.csv    DATE,SPX   (VVIX: DATE,VVIX …)
 *   /data/us/futures/market_statistics/historical_data/VX/VX_2026-11-18.csv
 *       Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest
 *       2026-11-17,X (Nov 2026),18.1000,18.4000,17.9000,18.2000,18.2150,0.0650,61234,120,90210
 *       …and on the final settlement day OHLC and volume are 0, Settle is the final value.
 *
 * Values are made up but deterministic; what matters is the layout. `LAST` is the fixtures'
 * last complete day; `PARTIAL` the day after, which some files carry unfinished.
 */
export const FIRST = '2026-05-01'
export const LAST = '2026-11-24'
export const PARTIAL = '2026-11-25'
/** The VX contract files start this many calendar days before the bundled VX history ends. */
const VX_FROM = '2021-06-01'

const INDEX_PATH = '/api/global/us_indices/daily_prices/'
const VX_PATH = '/data/us/futures/market_statistics/historical_data/VX/'

const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`
const f6 = (x: number) => x.toFixed(6)
const f4 = (x: number) => x.toFixed(4)

export function tradingDays(from: string, to: string): string[] {
  const out: string[] = []
  let d = isTradingDay(from) ? from : nextTradingDay(from)
  while (d <= to) {
    out.push(d)
    d = nextTradingDay(d)
  }
  return out
}

const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000)

/** A smooth made-up level per series and day. */
export function level(symbol: string, iso: string): number {
  const base: Record<string, number> = {
    SPX: 6800,
    VIX: 17,
    VIX9D: 15,
    VIX3M: 19,
    VIX6M: 20.5,
    VVIX: 92,
    SKEW: 145,
  }
  const b = base[symbol] ?? 20
  const n = dayNo(iso)
  return Math.round(b * (1 + 0.06 * Math.sin(n / 9) + 0.03 * Math.cos(n / 4)) * 100) / 100
}

const OHLC = new Set(['VIX', 'VIX9D', 'VIX3M', 'VIX6M'])

/** Cboe's `<SYMBOL>_History.csv`, FIRST..LAST, plus the unfinished day when asked. */
export function cboeIndexFile(
  symbol: string,
  ending: 'complete' | 'no-close' | 'cut' = 'complete',
): string {
  const ohlc = OHLC.has(symbol)
  const lines = [ohlc ? 'DATE,OPEN,HIGH,LOW,CLOSE' : `DATE,${symbol}`]
  for (const d of tradingDays(FIRST, LAST)) {
    const c = level(symbol, d)
    lines.push(
      ohlc
        ? `${us(d)},${f6(c * 0.99)},${f6(c * 1.03)},${f6(c * 0.97)},${f6(c)}`
        : `${us(d)},${f6(c)}`,
    )
  }
  let text = `${lines.join('\n')}\n`
  const p = level(symbol, PARTIAL)
  if (ending === 'no-close')
    text += `${us(PARTIAL)},${f6(p * 0.99)},${f6(p * 1.01)},${f6(p * 0.98)},\n`
  if (ending === 'cut') text += `${us(PARTIAL)},${f6(p)}`.slice(0, 14)
  return text
}

const MONTH_CODES = 'FGHJKMNQUVXZ'
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

/** Every monthly VX final settlement date from VX_FROM until eight months after PARTIAL. */
export function vxExpiries(): string[] {
  const out: string[] = []
  for (let y = 2021; y <= 2027; y++)
    for (let m = 1; m <= 12; m++) {
      const e = vixExpiry(y, m)
      if (e >= VX_FROM && e <= '2027-09-30') out.push(e)
    }
  return out
}

/** A contract's settlement on a day: the VIX level plus a contango of ~0.9 a month. */
export function vxSettle(expiry: string, day: string): number {
  const months = (dayNo(expiry) - dayNo(day)) / 30.4
  return Math.round((level('VIX', day) + 1 + 0.9 * months) * 10_000) / 10_000
}

/** CFE's VX_<expiry>.csv: ~9 months of trading up to the expiry or PARTIAL, whichever is first. */
export function vxContractFile(expiry: string): string {
  const label = `${MONTH_CODES[Number(expiry.slice(5, 7)) - 1]} (${MONTH_NAMES[Number(expiry.slice(5, 7)) - 1]} ${expiry.slice(0, 4)})`
  const start = new Date(Date.parse(`${expiry}T00:00:00Z`) - 275 * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const lines = [
    'Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest',
  ]
  const days = tradingDays(start < VX_FROM ? VX_FROM : start, expiry < LAST ? expiry : LAST)
  // CFE's placeholder before the first settlement: zeros throughout.
  if (days[0]) lines.push(`${days[0]},${label},0,0,0,0,0,0,0,0,0`)
  let prev: number | null = null
  for (const d of days.slice(1)) {
    const s = vxSettle(expiry, d)
    const change = prev === null ? 0 : s - prev
    prev = s
    lines.push(
      d === expiry
        ? `${d},${label},0.0000,0.0000,0.0000,0.0000,${f4(s)},${f4(change)},0,0,${1000 + (dayNo(d) % 500)}`
        : `${d},${label},${f4(s - 0.1)},${f4(s + 0.3)},${f4(s - 0.3)},${f4(s + 0.02)},${f4(s)},${f4(change)},${40_000 + (dayNo(d) % 9000)},${dayNo(d) % 300},${80_000 + (dayNo(d) % 7000)}`,
    )
  }
  // The front contract trades on the unfinished day; CFE has not settled it yet.
  if (expiry > PARTIAL && expiry === vxExpiries().find((e) => e >= PARTIAL))
    lines.push(`${PARTIAL},${label},18.0000,18.5000,17.8000,18.2000,0,0,30120,0,81000`)
  return `${lines.join('\n')}\n`
}

export type Route = { status: number; body: string } | 'hang'

export interface PublisherServer {
  origin: string
  /** Requests received, by path. */
  requests: string[]
  /** Replace what a path answers: a status and body, or 'hang' (never answers). */
  set: (path: string, route: Route) => void
  close: () => Promise<void>
}

export const indexPath = (symbol: string) => `${INDEX_PATH}${symbol}_History.csv`
export const vxPath = (expiry: string) => `${VX_PATH}VX_${expiry}.csv`

/**
 * Serves every index file (VIX ending with a day without a close, VIX9D cut mid-row) and every
 * VX contract file; anything else is 404 as a CDN would answer.
 */
export async function startPublisherServer(): Promise<PublisherServer> {
  const routes = new Map<string, Route>()
  for (const s of ['SPX', 'VIX', 'VIX9D', 'VIX3M', 'VIX6M', 'VVIX', 'SKEW'])
    routes.set(indexPath(s), {
      status: 200,
      body: cboeIndexFile(s, s === 'VIX' ? 'no-close' : s === 'VIX9D' ? 'cut' : 'complete'),
    })
  for (const e of vxExpiries()) routes.set(vxPath(e), { status: 200, body: vxContractFile(e) })
  const requests: string[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push(path)
    const route = routes.get(path) ?? {
      status: 404,
      body: '<?xml version="1.0"?><Error>NoSuchKey</Error>',
    }
    if (route === 'hang') {
      hanging.add(res)
      return
    }
    res.writeHead(route.status, {
      'content-type': route.status === 200 ? 'text/csv' : 'application/xml',
    })
    res.end(route.body)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    set: (path, route) => routes.set(path, route),
    close: async () => {
      for (const r of hanging) r.destroy()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
    },
  }
}
