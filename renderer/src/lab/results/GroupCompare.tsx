import { Fragment } from 'react'
import type { LabGroupRow, LabRulesetResult } from '../../../../shared/lab.ts'
import { percent } from '../../review/reviewFormat.ts'
import { rulesetLabel } from '../labFormat.ts'
import { LabTable, RulesetHeadRow } from '../LabTable.tsx'
import { MoneyE4 } from './MetricsTable.tsx'

interface Props {
  results: readonly LabRulesetResult[]
  /** Which grouping of each result to show. */
  groups: (r: LabRulesetResult) => readonly LabGroupRow[]
  /** The table's name and its first column's header ("Results by year", "Year"). */
  title: string
  keyTitle: string
}

/** Keys in the order the core gave them, each once, over every ruleset (a year one ruleset lacks). */
function keysOf(results: readonly LabRulesetResult[], groups: Props['groups']): string[] {
  const seen = new Set<string>()
  for (const r of results) for (const g of groups(r)) seen.add(g.key)
  return [...seen]
}

/**
 * A grouping (by year of entry, by VIX at entry) with the rulesets side by side: per ruleset
 * its trades, win rate, expectancy and total in that group.
 */
export function GroupCompare({ results, groups, title, keyTitle }: Props) {
  const keys = keysOf(results, groups)
  if (keys.length === 0) return <p className="muted">No trades to group.</p>
  const byKey = results.map((r) => new Map(groups(r).map((g) => [g.key, g.metrics])))
  return (
    <LabTable name={title} className="lab-groups">
      <thead>
        <RulesetHeadRow rulesets={results.map((r) => r.ruleset)} lead={1} span={4} />
        <tr>
          <th scope="col">{keyTitle}</th>
          {results.map((r) => (
            <Fragment key={rulesetLabel(r.ruleset)}>
              <th scope="col" className="num lab-group-first">
                Trades
              </th>
              <th scope="col" className="num">
                Win rate
              </th>
              <th scope="col" className="num">
                Expectancy
              </th>
              <th scope="col" className="num">
                Total
              </th>
            </Fragment>
          ))}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            {byKey.map((map, i) => {
              const m = map.get(key)
              return m ? (
                <Fragment key={i}>
                  <td className="num lab-group-first">{m.count.toLocaleString('en-US')}</td>
                  <td className="num">{percent(m.winRate)}</td>
                  <MoneyE4 e4={m.expectancyE4} />
                  <MoneyE4 e4={m.totalE4} />
                </Fragment>
              ) : (
                <td key={i} className="lab-group-first muted" colSpan={4}>
                  no trades
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </LabTable>
  )
}
