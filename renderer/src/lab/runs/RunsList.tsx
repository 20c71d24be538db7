import { useState } from 'react'
import type { LabRunSummary } from '../../../../shared/lab.ts'
import { instantShort } from '../../lib/format.ts'
import { usdE4, signOfE4 } from '../labFormat.ts'

interface Props {
  runs: readonly LabRunSummary[]
  /** The run on screen, marked in the list. */
  shown: number | null
  onDelete: (runId: number) => Promise<boolean>
}

/** The rulesets of a run with their totals: "alvh v1 $1,234.00 · hold-to-expiry v1 −$56.00". */
function Totals({ run }: { run: LabRunSummary }) {
  return (
    <ul className="lab-run-totals">
      {run.rulesets.map((r, i) => (
        <li key={`${r.id}@${r.version}`}>
          {r.id} <span className="muted">v{r.version}</span>{' '}
          <span className={`money ${signOfE4(run.totalsE4[i])}`}>{usdE4(run.totalsE4[i])}</span>
        </li>
      ))}
    </ul>
  )
}

/**
 * The stored runs, newest first: each can be opened (its figures come back exactly as run) or
 * deleted, after a second press that names what goes.
 */
export function RunsList({ runs, shown, onDelete }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null)
  if (runs.length === 0)
    return (
      <p className="muted lab-no-runs">
        No runs yet. Set one up above and press Run: the result is kept in the journal to reopen and
        compare later.
      </p>
    )
  return (
    <div className="table-scroll">
      <table className="grid-table lab-runs-table" aria-label="Previous runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Made</th>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Condors
            </th>
            <th scope="col">Rulesets and totals</th>
            <th scope="col">
              <span className="lab-sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className={run.id === shown ? 'selected' : undefined}>
              <th scope="row">
                <a
                  href={`#/lab?run=${run.id}`}
                  aria-current={run.id === shown ? 'true' : undefined}
                  aria-label={`Open run ${run.id}`}
                >
                  #{run.id}
                </a>
              </th>
              <td>{instantShort(run.createdAt)}</td>
              <td>
                {run.from} – {run.to}
              </td>
              <td className="num">{run.entries.toLocaleString('en-US')}</td>
              <td>
                <Totals run={run} />
              </td>
              <td className="lab-run-actions">
                {confirming === run.id ? (
                  <>
                    <span>Delete run #{run.id} and its figures?</span>{' '}
                    <button
                      type="button"
                      className="btn danger"
                      onClick={async () => {
                        if (await onDelete(run.id)) setConfirming(null)
                      }}
                    >
                      Delete
                    </button>{' '}
                    <button type="button" className="btn ghost" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="btn ghost"
                    aria-label={`Delete run ${run.id}`}
                    onClick={() => setConfirming(run.id)}
                  >
                    Delete…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
