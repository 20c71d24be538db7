/**
 * Streaming throughput of our RSI(14) and MACD(12,26,9) against `technicalindicators` and
 * `trading-signals` on the full SPX close history (resources/market, ~24,700 closes).
 * Prints ns per close (median of repeated full passes after a warm-up) and the ratio to ours.
 * Figures only — never a pass/fail. Run: npx node test/bench/indicators.ts [--runs N]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { MACD as TiMacd, RSI as TiRsi } from 'technicalindicators'
import { EMA as TsEma, MACD as TsMacd, RSI as TsRsi } from 'trading-signals'
import { macd, MacdUpdater, rsi, RsiUpdater } from '../../shared/indicators/index.ts'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } })
const RUNS = Math.max(3, Number(values.runs) || 30)

const file = join(import.meta.dirname, '..', '..', 'resources', 'market', 'spx_daily.csv')
const closes = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => Number(l.split(',')[4]))

let sink = 0 // keeps results alive so the JIT cannot drop the work

/** Median ns per close over RUNS full passes, after RUNS/3 warm-up passes. */
function measure(pass: () => void): number {
  for (let i = 0; i < Math.ceil(RUNS / 3); i++) pass()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint()
    pass()
    times.push(Number(process.hrtime.bigint() - t0) / closes.length)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] as number
}

const cases: { group: string; name: string; pass: () => void }[] = [
  {
    group: 'RSI(14) streaming',
    name: 'wingman RsiUpdater',
    pass: () => {
      const u = new RsiUpdater(14)
      for (const c of closes) sink += u.push(c) ?? 0
    },
  },
  {
    group: 'RSI(14) streaming',
    name: 'technicalindicators RSI.nextValue',
    pass: () => {
      const u = new TiRsi({ period: 14, values: [] })
      for (const c of closes) sink += u.nextValue(c) ?? 0
    },
  },
  {
    group: 'RSI(14) streaming',
    name: 'trading-signals RSI.update',
    pass: () => {
      const u = new TsRsi(14)
      for (const c of closes) sink += u.update(c, false) ?? 0
    },
  },
  {
    group: 'MACD(12,26,9) streaming',
    name: 'wingman MacdUpdater',
    pass: () => {
      const u = new MacdUpdater()
      for (const c of closes) sink += u.push(c).histogram ?? 0
    },
  },
  {
    group: 'MACD(12,26,9) streaming',
    name: 'technicalindicators MACD.nextValue',
    pass: () => {
      const u = new TiMacd({
        values: [],
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      })
      for (const c of closes) sink += u.nextValue(c)?.histogram ?? 0
    },
  },
  {
    group: 'MACD(12,26,9) streaming',
    name: 'trading-signals MACD.update',
    pass: () => {
      const u = new TsMacd(new TsEma(12), new TsEma(26), new TsEma(9))
      for (const c of closes) sink += u.update(c, false)?.histogram ?? 0
    },
  },
  {
    group: 'batch (whole array)',
    name: 'wingman rsi()',
    pass: () => {
      sink += rsi(closes, 14).at(-1) ?? 0
    },
  },
  {
    group: 'batch (whole array)',
    name: 'technicalindicators RSI.calculate',
    pass: () => {
      sink += TiRsi.calculate({ values: closes, period: 14 }).at(-1) ?? 0
    },
  },
  {
    group: 'batch (whole array)',
    name: 'wingman macd()',
    pass: () => {
      sink += macd(closes).histogram.at(-1) ?? 0
    },
  },
]

console.log(`${closes.length} SPX closes, median of ${RUNS} passes, Node ${process.version}`)
let group = ''
let base = 0
for (const c of cases) {
  const ns = measure(c.pass)
  if (c.group !== group) {
    group = c.group
    base = ns
    console.log(`\n${group}`)
  }
  const total = (ns * closes.length) / 1e6
  console.log(
    `  ${c.name.padEnd(36)} ${ns.toFixed(1).padStart(8)} ns/value  ${total.toFixed(2).padStart(7)} ms/history  ×${(ns / base).toFixed(1)} of the first`,
  )
}
if (Number.isNaN(sink)) console.log('(sink)')
