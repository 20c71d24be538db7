import type { LabRulesetResult } from '../../../../shared/lab.ts'
import type { GroupMetrics } from '../../../../shared/review/metrics.ts'
import { useThemeValue } from '../../charts/chartTheme.ts'
import { percent, profitFactor } from '../../review/reviewFormat.ts'
import { rulesetLabel, signOfE4, usdE4 } from '../labFormat.ts'
import { LabTable } from '../LabTable.tsx'
import { seriesColor } from '../seriesColors.ts'

/** A dollars cell (e4) coloured by its sign. */
export function MoneyE4({ e4 }: { e4: number | null }) {
  return <td className={`num money ${signOfE4(e4)}`}>{usdE4(e4)}</td>
}

/** The review's figures of one group, as cells: count, win rate, expectancy, PF, drawdown, total. */
export function MetricCells({ m }: { m: GroupMetrics }) {
  return (
    <>
      <td className="num">{m.count.toLocaleString('en-US')}</td>
      <td className="num" title={`${m.wins} of ${m.count} won`}>
        {percent(m.winRate)}
      </td>
      <MoneyE4 e4={m.expectancyE4} />
      <td className="num">{profitFactor(m)}</td>
      <MoneyE4 e4={m.maxDrawdownE4} />
      <MoneyE4 e4={m.totalE4} />
    </>
  )
}

export const METRIC_HEADERS = [
  ['Count', 'Condors opened'],
  ['Win rate', 'Trades with P&L > 0'],
  ['Expectancy', 'Average P&L per trade'],
  ['Profit factor', 'Gross wins ÷ gross losses'],
  ['Max drawdown', 'Deepest fall of the cumulative P&L below its running peak, in time order'],
  ['Total', 'Sum of every trade’s P&L, costs included'],
] as const

/**
 * One row per ruleset with the review's figures over every trade, plus what the averages hide:
 * average win and loss, and actions that could not be carried out.
 */
export function MetricsTable({ results }: { results: readonly LabRulesetResult[] }) {
  const theme = useThemeValue()
  return (
    <LabTable name="Metrics per ruleset" className="lab-metrics">
      <thead>
        <tr>
          <th scope="col">Ruleset</th>
          {METRIC_HEADERS.map(([h, hint]) => (
            <th key={h} scope="col" className="num" title={hint}>
              {h}
            </th>
          ))}
          <th scope="col" className="num">
            Avg win
          </th>
          <th scope="col" className="num">
            Avg loss
          </th>
          <th
            scope="col"
            className="num"
            title="Actions the ruleset chose that could not be carried out (e.g. a VX hedge before the VX history)"
          >
            Not available
          </th>
        </tr>
      </thead>
      <tbody>
        {results.map((r, i) => (
          <tr key={rulesetLabel(r.ruleset)}>
            <th scope="row">
              <i
                className="lab-swatch"
                style={{ background: seriesColor(theme, i) }}
                aria-hidden="true"
              />
              {rulesetLabel(r.ruleset)}
            </th>
            <MetricCells m={r.metrics} />
            <MoneyE4 e4={r.metrics.avgWinE4} />
            <MoneyE4 e4={r.metrics.avgLossE4} />
            <td className="num">{r.notAvailable.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </LabTable>
  )
}
