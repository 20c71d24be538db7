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
import { normCdf } from '../../shared/math/normal.ts'

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
/** Median and range of the ns per call in each round. */
interface Timing {
  median: number
  min: number
  max: number
}
const ROUNDS = 7
/**
 * ns per call of `op` over `set`: after a warm-up pass, ROUNDS rounds of about budgetMs/ROUNDS
 * each; the median is the figure (a garbage-collection pause or a busy neighbour on this shared
 * machine moves one round, not the result), the range is printed beside it.
 */
function time(op: (c: Case) => number, budgetMs: number, set: Case[] = cases): Timing {
  for (const c of set) sink += op(c) // warm-up
  const perRound = BigInt(Math.round((budgetMs / ROUNDS) * 1_000_000))
  const rounds: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0
    const start = process.hrtime.bigint()
    let elapsed: bigint
    do {
      for (const c of set) sink += op(c)
      n += set.length
      elapsed = process.hrtime.bigint() - start
    } while (elapsed < perRound)
    rounds.push(Number(elapsed) / n)
  }
  rounds.sort((a, b) => a - b)
  return {
    median: rounds[ROUNDS >> 1] as number,
    min: rounds[0] as number,
    max: rounds[ROUNDS - 1] as number,
  }
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
/**
 * Reference point, not a peer: the textbook formula S·Φ(d1) − K·e^{−rt}·Φ(d2) and its greeks
 * with our own Cody-grade Φ, without any care for cancellation — what price + greeks cost on this
 * machine when the tails are allowed to lose their digits.
 */
const textbookGreeks = (c: Case) => {
  const sqrtT = Math.sqrt(c.t)
  const s = c.vol * sqrtT
  const d1 = (Math.log(c.spot / c.strike) + (c.rate + 0.5 * c.vol * c.vol) * c.t) / s
  const d2 = d1 - s
  const kr = c.strike * Math.exp(-c.rate * c.t)
  const w = c.type === 'call' ? 1 : -1
  const n1 = normCdf(w * d1)
  const n2 = normCdf(w * d2)
  const pdf = 0.3989422804014327 * Math.exp(-0.5 * d1 * d1)
  const price = w * (c.spot * n1 - kr * n2)
  const g = {
    price,
    delta: w * n1,
    gamma: pdf / (c.spot * s),
    vega: c.spot * pdf * sqrtT,
    theta: (-0.5 * c.spot * pdf * c.vol) / sqrtT - w * c.rate * kr * n2,
    rho: w * c.t * kr * n2,
  }
  return g.price + g.delta + g.gamma + g.vega + g.theta + g.rho
}
const textbookPrice = (c: Case) => {
  const s = c.vol * Math.sqrt(c.t)
  const d1 = (Math.log(c.spot / c.strike) + (c.rate + 0.5 * c.vol * c.vol) * c.t) / s
  const w = c.type === 'call' ? 1 : -1
  return w * (c.spot * normCdf(w * d1) - c.strike * Math.exp(-c.rate * c.t) * normCdf(w * (d1 - s)))
}
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
const priceErrTextbook = worst(cases.map((c) => rel(textbookPrice(c), c.price)))
const priceAbsTextbook = worst(cases.map((c) => Math.abs(textbookPrice(c) - c.price)))
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

const tOursGreeks = time(oursGreeks, 1400)
const tOursPrice = time(oursPrice, 700)
const tTextbook = time(textbookGreeks, 700)
const tPeerPrice = time(peerPrice, 700)
const tOursIv = time(oursIv, 1400, ivCases)
const tPeerIv = time(peerIvOp, 1500, ivCases)

const fmt = (t: Timing) =>
  `${t.median.toFixed(0).padStart(8)} ns/op (${t.min.toFixed(0)}–${t.max.toFixed(0)})`
const e = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : String(x))
const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `Wingman options math benchmark — Node ${process.version}, ${cpu}, ${cpus().length} cores`,
)
console.log(
  `${cases.length} reference options (mpmath), SPX-like: K/S 0.5–2, 1 day–3 years, σ 5 %–200 %\n`,
)
console.log(`timings: median of ${ROUNDS} rounds (fastest–slowest round)\n`)
console.log('price + 5 greeks')
console.log(`  wingman                 ${fmt(tOursGreeks)}   price only ${fmt(tOursPrice).trim()}`)
console.log(`  black-scholes (price)   ${fmt(tPeerPrice)}   no greeks in the package`)
console.log(
  `  textbook formula        ${fmt(tTextbook)}   reference: same Φ, no care for cancellation`,
)
console.log('price accuracy vs mpmath            worst relative   worst absolute')
console.log(`  wingman                           ${e(priceErrOurs).padEnd(16)} ${e(priceAbsOurs)}`)
console.log(`  black-scholes                     ${e(priceErrPeer).padEnd(16)} ${e(priceAbsPeer)}`)
console.log(
  `  textbook formula                  ${e(priceErrTextbook).padEnd(16)} ${e(priceAbsTextbook)}`,
)
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
  `\nratios (medians): price+greeks vs peer price-only ×${(tPeerPrice.median / tOursGreeks.median).toFixed(1)} faster; ` +
    `IV ×${(tPeerIv.median / tOursIv.median).toFixed(1)} faster; ` +
    `price+greeks vs the textbook formula ×${(tOursGreeks.median / tTextbook.median).toFixed(2)}`,
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
      : -x > 4
        ? 'series, Miller (|x| > 4)'
        : a < 4
          ? 'series, 3 ≤ a < 4, |x| ≤ 4 (fitted J_1)'
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
