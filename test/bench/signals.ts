/**
 * Market-signal benchmark (run by `npm run bench`): every market signal of PRODUCT.md for every
 * SPX session of the bundled history (24,700+ days), and one snapshot warm, beside the npm
 * indicator libraries `technicalindicators` and `trading-signals` computing the indicator part
 * of the same work (RSI(14) of SPX, VIX and VX1; MACD(12,26,9) of SPX and VIX; SMA(20) of the
 * A/D line; realised vol is not offered by either) on the same series. Figures only.
 * Targets (issue 4): full history ≤ 50 ms; one snapshot ≤ 5 ms.
 */
import { cpus } from 'node:os'
import { MACD as TiMacd, RSI as TiRsi, SMA as TiSma } from 'technicalindicators'
import { EMA as TsEma, MACD as TsMacd, RSI as TsRsi, SMA as TsSma } from 'trading-signals'
import { openJournal } from '../../electron/core/db/connection.ts'
import {
  marketSignalColumns,
  marketSnapshot,
  type MarketHistory,
} from '../../electron/core/engine/marketSignals.ts'
import { loadBundledMarketData } from '../../electron/core/services/marketImport.ts'
import { loadMarketHistory } from '../../electron/core/services/signals.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const db = openJournal(join(mkdtempSync(join(tmpdir(), 'wingman-bench-')), 'bench.sqlite')).db
loadBundledMarketData(db, resolve(import.meta.dirname, '../../resources/market'))
const history = loadMarketHistory(db)
db.close()
const close = (s: string) => history.series[s]?.closes ?? []
const spx = close('SPX')
const vix = close('VIX')
const vx1 = close('VX1')
let ad = 0
const adLine = history.breadth.advancing.map((a, i) => (ad += a - history.breadth.declining[i]!))

let sink = 0
function median(runs: number, f: () => void): number {
  for (let i = 0; i < Math.max(2, runs / 4); i++) f()
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint()
    f()
    t.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!
}

// A new history object each run defeats the per-history cache: everything is recomputed.
const fresh = (): MarketHistory => ({ ...history })
const oursFull = median(20, () => {
  sink += marketSignalColumns(fresh()).columns.spx_rsi14!.length
})
const tiSubset = median(10, () => {
  for (const values of [spx, vix, vx1]) sink += TiRsi.calculate({ values, period: 14 }).length
  for (const values of [spx, vix])
    sink += TiMacd.calculate({
      values,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    }).length
  sink += TiSma.calculate({ values: adLine, period: 20 }).length
})
const tsSubset = median(10, () => {
  for (const values of [spx, vix, vx1]) {
    const r = new TsRsi(14)
    for (const v of values) sink += r.update(v, false) ?? 0
  }
  for (const values of [spx, vix]) {
    const m = new TsMacd(new TsEma(12), new TsEma(26), new TsEma(9))
    for (const v of values) sink += m.update(v, false)?.histogram ?? 0
  }
  const s = new TsSma(20)
  for (const v of adLine) sink += s.update(v, false) ?? 0
})

const dates = history.series.SPX!.dates
marketSnapshot(history, dates[0]!) // prepares and caches the history
let k = 0
const warmMs = median(2000, () => {
  k = (k + 7919) % dates.length
  sink += Object.keys(marketSnapshot(history, dates[k]!).values).length
})
const liveMs = median(20, () => {
  sink += Object.keys(
    marketSnapshot(history, '2020-03-16', { spot: 2400, vix: 80, vix3m: 66 }).values,
  ).length
})

const fmt = (ms: number) => `${ms.toFixed(ms < 1 ? 4 : 1)} ms`
console.log(
  `market signals — ${dates.length} SPX sessions, ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
)
console.log(
  `  all 27 signals, every session (cold: all indicators recomputed)  ${fmt(oursFull)}   target ≤ 50 ms`,
)
console.log(
  `  indicator subset only, technicalindicators (batch)              ${fmt(tiSubset)}   ×${(tiSubset / oursFull).toFixed(2)} of ours`,
)
console.log(
  `  indicator subset only, trading-signals (streaming)              ${fmt(tsSubset)}   ×${(tsSubset / oursFull).toFixed(2)} of ours`,
)
console.log(
  `  one snapshot, warm (history prepared)                           ${fmt(warmMs)}   target ≤ 5 ms`,
)
console.log(`  one snapshot with live values (indicators recomputed)           ${fmt(liveMs)}`)
if (sink === 42) console.log('')
