/**
 * Options math benchmark (run by `npm run bench`): speed and accuracy of Wingman's options math beside the npm packages
 * `black-scholes` (price only, no greeks, no dividends) and `implied-volatility` (bisection to
 * the cent on top of it). Accuracy is measured against bsm_reference.json (mpmath, 50 digits;
 * see bsm_reference.py). Prints figures; never fails on a number (not a CI test).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { greeksUnchecked, priceUnchecked, type OptionType } from '../../shared/math/bsm.ts'
import { impliedVol } from '../../shared/math/impliedVol.ts'
import { normalisedOtmCall } from '../../shared/math/normalisedBlack.ts'

type Row = [OptionType, number, number, number, number, number, string]
interface Case {
  type: OptionType
  spot: number
  strike: number
  t: number
  rate: number
  vol: number
  price: number
}

const require = createRequire(import.meta.url)
const peerBs = require('black-scholes') as {
  blackScholes: (s: number, k: number, t: number, v: number, r: number, cp: string) => number
}
const peerIv = require('implied-volatility') as {
  getImpliedVolatility: (
    p: number,
    s: number,
    k: number,
    t: number,
    r: number,
    cp: string,
  ) => number
}

const rows = JSON.parse(
  readFileSync(join(import.meta.dirname, 'bsm_reference.json'), 'utf8'),
) as Row[]
const cases: Case[] = rows.map(([type, spot, strike, t, rate, vol, price]) => ({
  type,
  spot,
  strike,
  t,
  rate,
  vol,
  price: Number(price),
}))

let sink = 0
/** ns per call of `op` over `set`, repeating until about `budgetMs` has passed. */
function time(op: (c: Case) => number, budgetMs: number, set: Case[] = cases): number {
  for (const c of set) sink += op(c) // warm-up
  let n = 0
  const start = process.hrtime.bigint()
  let elapsed: bigint
  do {
    for (const c of set) sink += op(c)
    n += set.length
    elapsed = process.hrtime.bigint() - start
  } while (elapsed < BigInt(budgetMs) * 1_000_000n)
  return Number(elapsed) / n
}

function worst(errs: number[]): number {
  return errs.reduce((a, e) => (Number.isNaN(e) ? Infinity : Math.max(a, e)), 0)
}

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want)

// Prices
const oursPrice = (c: Case) => priceUnchecked(c.type, c.spot, c.strike, c.t, c.rate, 0, c.vol)
const oursGreeks = (c: Case) => {
  const g = greeksUnchecked(c.type, c.spot, c.strike, c.t, c.rate, 0, c.vol)
  return g.price + g.delta + g.gamma + g.vega + g.theta + g.rho
}
const peerPrice = (c: Case) => peerBs.blackScholes(c.spot, c.strike, c.t, c.vol, c.rate, c.type)
const oursIv = (c: Case) =>
  impliedVol({
    type: c.type,
    spot: c.spot,
    strike: c.strike,
    t: c.t,
    rate: c.rate,
    div: 0,
    price: c.price,
  })
const peerIvOp = (c: Case) =>
  peerIv.getImpliedVolatility(c.price, c.spot, c.strike, c.t, c.rate, c.type)

const priceErrOurs = worst(cases.map((c) => rel(oursPrice(c), c.price)))
const priceErrPeer = worst(cases.map((c) => rel(peerPrice(c), c.price)))
const priceAbsPeer = worst(cases.map((c) => Math.abs(peerPrice(c) - c.price)))
const priceAbsOurs = worst(cases.map((c) => Math.abs(oursPrice(c) - c.price)))
// Implied vol: the reference price rounded to a double in, the generating σ out. Only cases
// whose vol is well conditioned (vega·σ ≥ 1e-6·price) are judged, for both sides alike.
const ivCases = cases.filter((c) => {
  const g = greeksUnchecked(c.type, c.spot, c.strike, c.t, c.rate, 0, c.vol)
  return g.vega * c.vol >= 1e-6 * c.price
})
const otm = (c: Case) =>
  c.type === 'call'
    ? c.strike >= c.spot * Math.exp(c.rate * c.t)
    : c.strike <= c.spot * Math.exp(c.rate * c.t)
const otmCases = ivCases.filter(otm)
const itmCases = ivCases.filter((c) => !otm(c))
const ivErrOurs = worst(otmCases.map((c) => rel(oursIv(c), c.vol)))
const ivErrPeer = worst(otmCases.map((c) => rel(peerIvOp(c), c.vol)))
/** In the money the intrinsic part is subtracted first: condition number price/(σ·vega). */
const cond = (c: Case) =>
  c.price / (c.vol * greeksUnchecked(c.type, c.spot, c.strike, c.t, c.rate, 0, c.vol).vega)
const ivErrOursItm = worst(itmCases.map((c) => rel(oursIv(c), c.vol)))
const ivErrOursItmScaled = worst(itmCases.map((c) => rel(oursIv(c), c.vol) / cond(c)))
const ivErrPeerItm = worst(itmCases.map((c) => rel(peerIvOp(c), c.vol)))

const tOursGreeks = time(oursGreeks, 1000)
const tOursPrice = time(oursPrice, 700)
const tPeerPrice = time(peerPrice, 700)
const tOursIv = time(oursIv, 1000, ivCases)
const tPeerIv = time(peerIvOp, 1500, ivCases)

const fmt = (ns: number) => `${ns.toFixed(0).padStart(8)} ns/op`
const e = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : String(x))
const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `Wingman options math benchmark — Node ${process.version}, ${cpu}, ${cpus().length} cores`,
)
console.log(
  `${cases.length} reference options (mpmath), SPX-like: K/S 0.5–2, 1 day–3 years, σ 5 %–200 %\n`,
)
console.log('price + 5 greeks')
console.log(
  `  wingman                 ${fmt(tOursGreeks)}   (price only ${fmt(tOursPrice).trim()})`,
)
console.log(`  black-scholes (price)   ${fmt(tPeerPrice)}   no greeks in the package`)
console.log('price accuracy vs mpmath            worst relative   worst absolute')
console.log(`  wingman                           ${e(priceErrOurs).padEnd(16)} ${e(priceAbsOurs)}`)
console.log(`  black-scholes                     ${e(priceErrPeer).padEnd(16)} ${e(priceAbsPeer)}`)
console.log('\nimplied volatility')
console.log(
  `                          speed            worst rel. error OTM (${otmCases.length})   ITM (${itmCases.length})`,
)
console.log(
  `  wingman                 ${fmt(tOursIv)}   ${e(ivErrOurs).padEnd(26)} ${e(ivErrOursItm)} (÷ condition number: ${e(ivErrOursItmScaled)})`,
)
console.log(
  `  implied-volatility      ${fmt(tPeerIv)}   ${e(ivErrPeer).padEnd(26)} ${e(ivErrPeerItm)}`,
)
console.log(
  `  (timed and judged on the ${ivCases.length} of ${cases.length} cases whose vol is well conditioned)`,
)
console.log(
  `\nratios: price+greeks vs peer price-only ×${(tPeerPrice / tOursGreeks).toFixed(1)} faster; ` +
    `IV ×${(tPeerIv / tOursIv).toFixed(1)} faster`,
)
// Normalised Black b(x, s) alone, per branch of normalisedBlack.ts, on the benchmark's own (x, s).
const regions = new Map<string, Case[]>()
for (const c of cases) {
  const x = -Math.abs(Math.log(c.spot / c.strike) + c.rate * c.t)
  const s = c.vol * Math.sqrt(c.t)
  const h = x / s
  const t = 0.5 * s
  const a = -h * Math.SQRT1_2
  const series = t <= 0.35 || (-h >= 2.83 * t && (a >= 3 || -h * t <= 1.5))
  const name = !series
    ? 'plain difference'
    : a < 3
      ? 'series, a < 3 (erfcx, upward)'
      : a < 4 || -x > 4
        ? 'series, Miller (3 ≤ a < 4 or |x| > 4)'
        : 'series, a ≥ 4, |x| ≤ 4 (upward)'
  regions.set(name, [...(regions.get(name) ?? []), c])
}
const bOf = (c: Case) =>
  normalisedOtmCall(-Math.abs(Math.log(c.spot / c.strike) + c.rate * c.t), c.vol * Math.sqrt(c.t))
console.log('\nnormalised Black b(x, s) alone (incl. the log and sqrt for x and s), per branch')
for (const [name, set] of [...regions].sort())
  console.log(
    `  ${name.padEnd(40)} ${String(set.length).padStart(5)} cases ${fmt(time(bOf, 300, set))}`,
  )
if (sink === 42) console.log('') // keeps the timed work observable
