import type { LabRunResults } from '../../../../shared/lab.ts'
import { Disagreements } from './Disagreements.tsx'
import { Distribution } from './Distribution.tsx'
import { EquityCompare, Legend } from './EquityCompare.tsx'
import { GroupCompare } from './GroupCompare.tsx'
import { MetricsTable } from './MetricsTable.tsx'
import { RunHeader } from './RunHeader.tsx'

interface Props {
  run: LabRunResults
  onSetUpAgain: () => void
}

/**
 * A run's figures with its rulesets side by side (issue 14, point 4): equity and drawdown, the
 * review's metrics, by year and by VIX regime, the spread of outcomes, the trades where they
 * disagreed, and the model's assumptions in words.
 */
export function LabResults({ run, onSetUpAgain }: Props) {
  const { summary, results } = run
  return (
    <section className="lab-results" aria-labelledby="lab-results-title">
      <RunHeader summary={summary} onSetUpAgain={onSetUpAgain} />
      <p className="lab-model-banner" role="note">
        Every figure below comes from <b>{run.label}</b>: Black–Scholes values on the VIX term
        structure, settled at expiry from the stored index history. See “How the run was made”.
      </p>
      <h3>Equity and drawdown</h3>
      <EquityCompare results={results} />
      <h3>Metrics</h3>
      <MetricsTable results={results} />
      <h3>By year of entry</h3>
      <GroupCompare
        results={results}
        groups={(r) => r.byYear}
        title="Results by year"
        keyTitle="Year"
      />
      <h3>By VIX at entry</h3>
      <GroupCompare
        results={results}
        groups={(r) => r.byVix}
        title="Results by VIX regime"
        keyTitle="VIX at entry"
      />
      <h3>Distribution of trade outcomes</h3>
      <Legend results={results} />
      <Distribution results={results} />
      <h3>Where the rulesets disagreed</h3>
      <Disagreements
        runId={summary.id}
        rulesets={summary.rulesets}
        disagreements={run.disagreements}
      />
      <details className="lab-assumptions">
        <summary>How the run was made</summary>
        <ul>
          {run.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </section>
  )
}
