import { useState } from 'react'
import type { Evaluation } from '../../../shared/decisions.ts'
import { MARKET_SIGNALS } from '../../../shared/signals.ts'
import { formatSignal } from './format.ts'

const SIGNAL_DEF = new Map(MARKET_SIGNALS.map((s) => [s.id, s.definition]))

/**
 * What an evaluation found: the recommendation with its explanation and follow-ups, every rule
 * tried (fired, false, or not evaluated for missing signals) and the signals — those the rules
 * used, or all of them — with the missing ones first and why they are missing.
 */
export function DecisionResult({ evaluation: ev }: { evaluation: Evaluation }) {
  const [showAll, setShowAll] = useState(false)
  const rec = ev.recommendation
  const snapshot = ev.snapshot
  const usedIds = new Set(Object.keys(rec.signals))
  const signalRows = Object.keys(snapshot.values)
    .filter((id) => showAll || usedIds.has(id))
    .sort(
      (a, b) => Number(b in snapshot.missing) - Number(a in snapshot.missing) || a.localeCompare(b),
    )
  const missingCount = Object.keys(snapshot.missing).length
  return (
    <div className="decision-result" aria-live="polite">
      <div className="recommendation">
        <div className="rec-action" data-testid="recommended-action">
          {rec.action}
          {Object.keys(rec.params).length > 0 && (
            <span className="rec-params">
              {Object.entries(rec.params)
                .map(([k, v]) => `${k} ${String(v)}`)
                .join(', ')}
            </span>
          )}
        </div>
        <p className="rec-explanation">{rec.explanation}</p>
        {rec.followUps.length > 0 && (
          <p className="small">
            Then:{' '}
            {rec.followUps.map((f) => `${f.action}${f.note ? ` (${f.note})` : ''}`).join('; ')}
          </p>
        )}
        <p className="muted small">
          {ev.ruleset.name} v{ev.ruleset.version} · signals as of the {snapshot.session} close
          {snapshot.notes.length > 0 && ` · ${snapshot.notes.join(' · ')}`}
        </p>
      </div>
      <div className="rules-tried">
        <h3>Rules tried</h3>
        <ol>
          {rec.fired.map((t) => (
            <li key={t.rule} className={`outcome-${t.outcome}`}>
              <b>{t.rule}</b> → {t.action}:{' '}
              {t.outcome === 'unknown'
                ? `not evaluated — missing ${t.missing.join(', ')}`
                : t.outcome}
            </li>
          ))}
        </ol>
      </div>
      <div className="signals">
        <h3>
          Signals{' '}
          {showAll
            ? `(${Object.keys(snapshot.values).length}, ${missingCount} missing)`
            : `used by the rules (${signalRows.length})`}
          <button
            type="button"
            className="btn ghost small-btn"
            onClick={() => setShowAll((s) => !s)}
          >
            {showAll ? 'Show the ones used' : 'Show all'}
          </button>
        </h3>
        <table className="grid-table compact" aria-label="Signals">
          <tbody>
            {signalRows.map((id) => {
              const missing = snapshot.missing[id]
              return (
                <tr key={id} className={missing ? 'missing' : ''} title={SIGNAL_DEF.get(id)}>
                  <td>{id}</td>
                  <td className="num">{missing ? 'missing' : formatSignal(snapshot.values[id])}</td>
                  <td className="reason">{missing ?? ''}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
