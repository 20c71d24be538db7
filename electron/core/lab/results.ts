import type {
  LabDisagreement,
  LabEquityPoint,
  LabHistogramBin,
  LabRulesetRef,
  LabRulesetResult,
  LabTrade,
} from '../../../shared/lab.ts'
import {
  groupBy,
  summarize,
  VIX_BUCKETS,
  vixBucket,
  type MetricItem,
} from '../../../shared/review/metrics.ts'
import type { ActionId } from '../../../shared/ruleset/schema.ts'

/**
 * The figures of a lab run from its trades and daily equity — computed the same way right after
 * a run and when a stored run is read, so the CLI, lab:run and lab:get print the same numbers.
 */

/** Histogram bins for the outcome distribution. */
export const DISTRIBUTION_BINS = 20

const itemOf = (t: LabTrade): MetricItem => ({
  at: t.exitDate,
  pnlE4: t.pnlE4,
  edgeVsClosedE4: null,
  edgeVsHeldE4: null,
})

/** Equity points with their drawdown below the running peak (the peak starts at 0). */
export function withDrawdown(
  equity: readonly { date: string; equityE4: number }[],
): LabEquityPoint[] {
  let peak = 0
  return equity.map((e) => {
    if (e.equityE4 > peak) peak = e.equityE4
    return { date: e.date, equityE4: e.equityE4, drawdownE4: e.equityE4 - peak }
  })
}

/** Equal-width bins (whole e4 units) over the P&L of every trade of every ruleset of a run. */
export function distributionEdges(
  all: readonly LabTrade[][],
): { minE4: number; widthE4: number } | null {
  let min = Infinity
  let max = -Infinity
  for (const trades of all)
    for (const t of trades) {
      if (t.pnlE4 < min) min = t.pnlE4
      if (t.pnlE4 > max) max = t.pnlE4
    }
  if (min === Infinity) return null
  return { minE4: min, widthE4: Math.max(1, Math.ceil((max - min + 1) / DISTRIBUTION_BINS)) }
}

export function distribution(
  trades: readonly LabTrade[],
  edges: { minE4: number; widthE4: number } | null,
): LabHistogramBin[] {
  if (!edges) return []
  const bins: LabHistogramBin[] = Array.from({ length: DISTRIBUTION_BINS }, (_, i) => ({
    fromE4: edges.minE4 + i * edges.widthE4,
    toE4: edges.minE4 + (i + 1) * edges.widthE4,
    count: 0,
  }))
  for (const t of trades) {
    const i = Math.min(DISTRIBUTION_BINS - 1, Math.floor((t.pnlE4 - edges.minE4) / edges.widthE4))
    bins[i]!.count++
  }
  return bins
}

export function rulesetResult(
  ruleset: LabRulesetRef,
  trades: LabTrade[],
  equity: readonly { date: string; equityE4: number }[],
  actionCounts: Partial<Record<ActionId, number>>,
  notAvailable: number,
  edges: { minE4: number; widthE4: number } | null,
): LabRulesetResult {
  return {
    ruleset,
    metrics: summarize(trades.map(itemOf)),
    trades,
    equity: withDrawdown(equity),
    byYear: groupBy(trades, (t) => t.entryDate.slice(0, 4), itemOf),
    byVix: groupBy(
      trades,
      (t) => (t.vixAtEntry === null ? null : vixBucket({ vix: t.vixAtEntry })),
      itemOf,
      VIX_BUCKETS,
    ),
    distribution: distribution(trades, edges),
    actionCounts,
    notAvailable,
  }
}

const actionsSummary = (t: LabTrade): string =>
  t.actions.length === 0
    ? `HOLD to ${t.exitKind === 'expiry' ? 'expiry' : 'the end of the data'}`
    : t.actions
        .map((a) => `${a.date} ${a.action}${a.executed ? '' : ' (not carried out)'}`)
        .join(', ')

/** Trades on which the rulesets acted differently or ended differently, largest spread first. */
export function disagreements(results: readonly { trades: LabTrade[] }[]): LabDisagreement[] {
  if (results.length < 2) return []
  const byKey = results.map((r) => new Map(r.trades.map((t) => [t.key, t])))
  const out: LabDisagreement[] = []
  for (const t0 of results[0]!.trades) {
    const ts = byKey.map((m) => m.get(t0.key))
    if (ts.some((t) => !t)) continue
    const trades = ts as LabTrade[]
    const summary = trades.map(actionsSummary)
    const pnl = trades.map((t) => t.pnlE4)
    if (summary.every((s) => s === summary[0]) && pnl.every((p) => p === pnl[0])) continue
    out.push({
      key: t0.key,
      entryDate: t0.entryDate,
      pnlE4: pnl,
      summary,
      spreadE4: Math.max(...pnl) - Math.min(...pnl),
    })
  }
  return out.sort((a, b) => b.spreadE4 - a.spreadE4 || (a.key < b.key ? -1 : 1))
}
