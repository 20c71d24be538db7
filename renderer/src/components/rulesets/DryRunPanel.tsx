import { useState } from 'react'
import type { DryRunRow } from '../../../../shared/contract.ts'
import type { WireError } from '../../../../shared/result.ts'
import { api } from '../../lib/api.ts'
import { instantShort, money } from '../../lib/format.ts'

/** Dollars from the review (numbers exact to 0.0001) in the list's money format. */
const usd = (v: number | null): string => (v === null ? '—' : money(String(v)))

type Source = 'saved' | 'edited'

interface Run {
  label: string
  rows: DryRunRow[]
}

/**
 * Replays a ruleset over every logged decision's frozen snapshot: what it recommends now next to
 * what was recommended then. The source is the version on screen, or the unsaved edits when they
 * are valid.
 */
export function DryRunPanel({
  id,
  version,
  edited,
}: {
  id: string
  /** The stored version on screen. */
  version: number
  /** The unsaved edits: null when there are none; `valid` false when they do not validate. */
  edited: { valid: boolean; definition: unknown } | null
}) {
  const [choice, setChoice] = useState<Source>('edited')
  const [running, setRunning] = useState(false)
  const [run, setRun] = useState<Run>()
  const [error, setError] = useState<WireError>()
  const source: Source = edited?.valid && choice === 'edited' ? 'edited' : 'saved'

  async function replay() {
    setRunning(true)
    setError(undefined)
    const label = source === 'edited' ? `${id} (unsaved edits)` : `${id} v${version}`
    const r =
      source === 'edited' && edited
        ? await api['rulesets:dryRun']({ definition: edited.definition })
        : await api['rulesets:dryRun']({ id, version })
    setRunning(false)
    if (r.ok) setRun({ label, rows: r.value })
    else {
      setRun(undefined)
      setError(r.error)
    }
  }

  const agreeing = run?.rows.filter((r) => r.agrees).length ?? 0

  return (
    <div className="rs-dryrun">
      <div className="toolbar rs-dryrun-bar">
        {edited && (
          <div className="segmented" role="radiogroup" aria-label="Replay">
            {(
              [
                ['saved', `Saved v${version}`],
                ['edited', 'Unsaved edits'],
              ] as const
            ).map(([value, label]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={source === value}
                className={source === value ? 'on' : ''}
                disabled={value === 'edited' && !edited.valid}
                onClick={() => setChoice(value)}
              >
                {label}
              </button>
            ))}
          </div>
        )}
        <button
          type="button"
          className="btn primary"
          disabled={running}
          onClick={() => void replay()}
        >
          {running
            ? 'Replaying…'
            : source === 'edited'
              ? 'Dry-run the unsaved edits'
              : `Dry-run v${version}`}
        </button>
        {edited && !edited.valid && (
          <span className="hint">The edits do not validate; the saved version is replayed.</span>
        )}
      </div>
      <p className="muted small">
        Replays the ruleset over the signals frozen in every logged decision. A decision agrees when
        the ruleset recommends now what was recommended then. “Path now” is the whole-position
        P&amp;L had the recommendation now been followed, where it needs no invented strikes (a hold
        to expiry, a close at the decision’s marks); * marks model values, hover for why a figure is
        missing.
      </p>
      {error && (
        <div className="form-alert" role="alert">
          Could not dry-run: {error.message}
        </div>
      )}
      <div aria-live="polite">
        {run &&
          (run.rows.length === 0 ? (
            <div className="vtable-empty rs-empty">
              No decisions are logged yet. Evaluate a position from its page and log what you did;
              each decision can then be replayed here.
            </div>
          ) : (
            <p className="rs-dryrun-count">
              <strong>{run.label}</strong>: {agreeing} of {run.rows.length}{' '}
              {run.rows.length === 1 ? 'decision agrees' : 'decisions agree'}
            </p>
          ))}
      </div>
      {run && run.rows.length > 0 && (
        <table className="grid-table rs-dryrun-table">
          <caption className="rs-sr-only">Dry run of {run.label}</caption>
          <thead>
            <tr>
              <th scope="col">Decided</th>
              <th scope="col">Position</th>
              <th scope="col">Ruleset then</th>
              <th scope="col">Recommended then</th>
              <th scope="col">Action taken</th>
              <th scope="col">Recommended now</th>
              <th scope="col">Agrees</th>
              <th scope="col" className="num">
                Done ($)
              </th>
              <th scope="col" className="num" title="The path the ruleset recommends now">
                Path now ($)
              </th>
            </tr>
          </thead>
          <tbody>
            {run.rows.map((r) => (
              <tr key={r.decisionId} className={r.agrees ? 'agree' : 'differ'}>
                <td>{instantShort(r.decidedAt)}</td>
                <td>
                  <a href={`#/positions/${r.positionId}`}>Position #{r.positionId}</a>
                </td>
                <td>{r.rulesetThen}</td>
                <td>{r.recommendedThen}</td>
                <td>{r.actionTaken}</td>
                <td>
                  {r.recommendedNow}
                  {r.ruleNow && <div className="muted small">rule {r.ruleNow}</div>}
                </td>
                <td className={r.agrees ? 'rs-agree' : 'rs-differ'}>
                  {r.agrees ? '✓ agrees' : '✗ differs'}
                </td>
                <td className="num">{usd(r.actual)}</td>
                <td className="num" title={r.outcomeNote ?? undefined}>
                  {usd(r.outcomeNow)}
                  {r.outcomeNote && r.outcomeNow !== null && <span aria-hidden="true"> *</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
