import type { IsoDate } from '../../../shared/domain.ts'
import type { LabRunParams, LabTrade } from '../../../shared/lab.ts'
import { requireE4 } from '../../../shared/money.ts'
import type { ActionId } from '../../../shared/ruleset/schema.ts'
import type { MarketSnapshot } from '../../../shared/signals.ts'
import { throttled, type JobControl } from '../jobs/control.ts'
import type { LabMarket } from './market.ts'
import {
  labEntries,
  nearestExpiry,
  replayTrade,
  condorStrikes,
  type LabContext,
  type LabEntry,
  type LabRulesetRun,
  type TradeOutcome,
} from './replay.ts'

/** The execution rules and model assumptions of every run, in words (shown with the results). */
export const LAB_ASSUMPTIONS: readonly string[] = [
  'Every price is a model value (Black–Scholes on the SPX close, rate 4 %, dividend yield 1.3 %), not a historical option quote.',
  'Volatility: the VIX term structure (VIX9D, VIX, VIX3M, VIX6M where stored) interpolated in variance to the option’s calendar days, with a skew σ(K) = σ·(1 − s·z), z = ln(K/F)/(σ√T), s = (SKEW − 100)/60 within 0–0.5 from that day’s Cboe SKEW index (0.3 when no SKEW close is stored), σ(K) kept within 0.5–3 × σ.',
  'Entries: one condor every N NYSE sessions at the close, on the listed SPX expiry nearest the target days (monthlies since 1990, Friday SPXW weeklies since 2005-10-28), short strikes on the 5-point grid nearest the target delta, wings W points further out.',
  'Management: from the session after the entry to the one before the expiry, at each close the position and market signals are computed by the decision panel’s code and the ruleset’s action (then its follow-ups) is carried out at that close.',
  'Fills at the model value with the slippage per leg against us, plus the commission per contract; settlement at expiry as the journal settles (SPX monthlies on the day’s open, SPXW on the close) with no costs.',
  'ROLL_OUT: same strikes on the first listed expiry 7–14 days (the rule’s minDays–maxDays) after the current one; not available when none is listed. ROLL_UP_CALL / ROLL_DOWN_PUT: the tested spread re-centred at the target delta, same expiry and wing width.',
  'Hedges: ADD_HEDGE_LAYER buys the front VX future, TIME_SHIFT_HEDGE sells the front and buys the second (one Mini VX future, 100 × the stored VX settlement, per condor contract), at most 3 layers; "not available" where no VX history is stored; REMOVE_HEDGE_LAYER closes the newest; ADJUST_HEDGE_LAYER is not modelled. Open hedges close with the condor.',
  'Discretionary flags are fixed for the whole run; a flag left unknown leaves the rules that need it not evaluated, as in the decision panel.',
  'A condor still open on the last day replayed is valued at that day’s model value (exit "end_of_data").',
]

/** What one ruleset produced in a run. */
export interface LabRulesetComputed {
  run: LabRulesetRun
  trades: LabTrade[]
  equity: { date: IsoDate; equityE4: number }[]
  counts: Partial<Record<ActionId, number>>
  notAvailable: number
}

export interface LabComputed {
  from: IsoDate
  to: IsoDate
  entries: LabEntry[]
  rulesets: LabRulesetComputed[]
}

/** The context of a run: the last session replayed, the costs, the cached market signals. */
export function labContext(
  market: LabMarket,
  params: LabRunParams,
  signals: (date: IsoDate) => MarketSnapshot,
): LabContext {
  const to = params.to ?? '9999-12-31'
  let lastIndex = market.sessions.length - 1
  while (lastIndex >= 0 && market.sessions[lastIndex]! > to) lastIndex--
  const cache = new Map<IsoDate, MarketSnapshot>()
  return {
    market,
    params,
    lastIndex,
    commissionE4: requireE4(params.commissionPerContract),
    slippageE4: requireE4(params.slippagePerLeg),
    marketSignals(date) {
      let s = cache.get(date)
      if (!s) cache.set(date, (s = signals(date)))
      return s
    },
  }
}

/** The parameters with `from` defaulting to the first session the model can price. */
export function entriesOf(ctx: LabContext): LabEntry[] {
  const { market, params } = ctx
  let from = params.from
  if (!from) {
    const first = market.sessions.findIndex((d) => market.pricing(d) !== null)
    if (first < 0) return []
    from = market.sessions[first]!
  }
  return labEntries(market, { ...params, from }, ctx.lastIndex)
}

/** The entry of one trade key (its entry date), rebuilt exactly as the generator builds it. */
export function entryOf(ctx: LabContext, key: string): LabEntry | null {
  const index = ctx.market.index.get(key)
  const day = ctx.market.pricing(key)
  if (index === undefined || !day) return null
  const expiry = nearestExpiry(key, ctx.params.targetDte)
  const strikes = expiry ? condorStrikes(day, expiry.date, ctx.params) : null
  return expiry && strikes ? { key, date: key, index, expiry, strikes } : null
}

/**
 * Replays every entry under every ruleset (pure apart from `control`): progress per trade and
 * a cancel check per trade, before anything is written.
 */
export function computeLab(
  ctx: LabContext,
  runs: readonly LabRulesetRun[],
  control: JobControl,
): LabComputed {
  const entries = entriesOf(ctx)
  const { market } = ctx
  const report = throttled(control)
  const out: LabRulesetComputed[] = []
  for (const run of runs) {
    const phase = `Replaying ${run.ref.name}`
    report.progress(phase, 0, entries.length)
    const outcomes: TradeOutcome[] = []
    for (const [n, entry] of entries.entries()) {
      control.checkCancelled()
      outcomes.push(replayTrade(ctx, run, entry))
      report.progress(phase, n + 1, entries.length)
    }
    out.push({ run, ...combine(outcomes, market, entries[0]?.index ?? 0, ctx.lastIndex) })
  }
  const from = entries[0]?.date ?? ctx.params.from ?? market.sessions[0] ?? ''
  const to = market.sessions[ctx.lastIndex] ?? from
  return { from, to, entries, rulesets: out }
}

function combine(
  outcomes: TradeOutcome[],
  market: LabMarket,
  first: number,
  last: number,
): Omit<LabRulesetComputed, 'run'> {
  const n = Math.max(last - first + 1, 0)
  const open = new Array<number>(n).fill(0)
  const realisedAt = new Array<number>(n + 1).fill(0)
  const counts: Partial<Record<ActionId, number>> = {}
  let notAvailable = 0
  for (const o of outcomes) {
    o.path.forEach((v, k) => (open[o.entryIndex - first + k]! += v))
    realisedAt[o.exitIndex - first]! += o.trade.pnlE4
    for (const [a, c] of Object.entries(o.counts))
      counts[a as ActionId] = (counts[a as ActionId] ?? 0) + c
    notAvailable += o.notAvailable
  }
  const equity: { date: IsoDate; equityE4: number }[] = []
  let realised = 0
  for (let k = 0; k < n; k++) {
    realised += realisedAt[k]!
    equity.push({ date: market.sessions[first + k]!, equityE4: realised + open[k]! })
  }
  return { trades: outcomes.map((o) => o.trade), equity, counts, notAvailable }
}
