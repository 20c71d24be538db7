import { useState, type FormEvent } from 'react'
import { ACTIONS, type Action, type DecisionRecord } from '../../../shared/decisions.ts'
import type { Adjustment, PositionDetail } from '../../../shared/domain.ts'
import { parseE4 } from '../../../shared/money.ts'
import { api } from '../lib/api.ts'
import { dollars, instantShort } from '../lib/format.ts'
import { formatSignal } from './format.ts'

/** Signals worth seeing at a glance on the timeline; the full snapshot is one click away. */
const KEY_SIGNALS = [
  'spot',
  'call_wing_penetration',
  'put_wing_penetration',
  'short_call_delta',
  'vix',
  'vix_vix3m_ratio',
  'dte',
]

/**
 * The adjustment timeline: every decision in order, with the frozen signals, the recommendation
 * next to the action taken (followed or overridden, and why), the adjustment it belongs to and
 * corrections pointing at the record they correct.
 */
export function Timeline({
  detail,
  decisions,
  onCorrected,
}: {
  detail: PositionDetail
  decisions: DecisionRecord[]
  onCorrected: () => void
}) {
  const adjustments = new Map<number, Adjustment>(
    detail.adjustments.map((a) => [a.id as number, a]),
  )
  if (decisions.length === 0)
    return (
      <p className="muted">
        No decisions logged yet. Evaluate the position above, then log what you did.
      </p>
    )
  return (
    <ol className="timeline" aria-label="Adjustment timeline">
      {decisions.map((d) => (
        <TimelineEntry
          key={d.id}
          d={d}
          adjustment={d.adjustmentId == null ? undefined : adjustments.get(d.adjustmentId)}
          onCorrected={onCorrected}
        />
      ))}
    </ol>
  )
}

function TimelineEntry({
  d,
  adjustment,
  onCorrected,
}: {
  d: DecisionRecord
  adjustment: Adjustment | undefined
  onCorrected: () => void
}) {
  const [open, setOpen] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  const s = d.snapshot
  const missing = Object.keys(s.missing).length
  const cash = adjustment ? parseE4(adjustment.cash) : null
  return (
    <li
      className={`timeline-entry ${d.followed ? 'followed' : 'overridden'}`}
      data-decision-id={d.id}
    >
      <div className="tl-head">
        <span className="tl-when">{instantShort(d.decidedAt)}</span>
        <span className="tl-actions">
          recommended <b>{d.recommendedAction}</b> · did <b>{d.actionTaken}</b>{' '}
          <span className={`badge ${d.followed ? 'open' : 'closed'}`}>
            {d.followed ? 'followed' : 'overridden'}
          </span>
        </span>
        <span className="muted small">
          {d.rulesetId} v{d.rulesetVersion}
          {d.correctsDecisionId != null && ` · corrects decision #${d.correctsDecisionId}`}
        </span>
      </div>
      {d.reason && <p className="tl-reason">“{d.reason}”</p>}
      <p className="small">{d.recommendation.explanation}</p>
      {adjustment && (
        <p className="small muted">
          {adjustment.kind.replace(/_/g, ' ')} · cash{' '}
          {cash == null ? adjustment.cash : dollars(cash)} · fees{' '}
          {dollars(parseE4(adjustment.fees) ?? 0)}
        </p>
      )}
      <dl className="tl-signals">
        {KEY_SIGNALS.filter((id) => id in s.values).map((id) => (
          <div key={id} className={id in s.missing ? 'missing' : ''}>
            <dt>{id}</dt>
            <dd>{id in s.missing ? 'missing' : formatSignal(s.values[id])}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        className="btn ghost small-btn"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide' : 'Show'} the frozen snapshot ({Object.keys(s.values).length} signals,{' '}
        {missing} missing) as of the {s.session} close
      </button>
      <button
        type="button"
        className="btn ghost small-btn"
        aria-expanded={correcting}
        onClick={() => setCorrecting((c) => !c)}
      >
        Correct…
      </button>
      {correcting && (
        <CorrectionForm
          d={d}
          onDone={() => {
            setCorrecting(false)
            onCorrected()
          }}
        />
      )}
      {open && (
        <table className="grid-table compact" aria-label={`Snapshot of decision ${d.id}`}>
          <tbody>
            {Object.keys(s.values)
              .sort()
              .map((id) => (
                <tr key={id} className={id in s.missing ? 'missing' : ''}>
                  <td>{id}</td>
                  <td className="num">
                    {id in s.missing ? 'missing' : formatSignal(s.values[id])}
                  </td>
                  <td className="reason">{s.missing[id] ?? ''}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </li>
  )
}

/**
 * A correction never edits the record: it adds a new one with the same frozen snapshot and
 * recommendation, the corrected action and why, pointing at this one.
 */
function CorrectionForm({ d, onDone }: { d: DecisionRecord; onDone: () => void }) {
  const [action, setAction] = useState<Action>(d.actionTaken)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const r = await api['decisions:correct']({ decisionId: d.id, actionTaken: action, reason })
    if (r.ok) onDone()
    else setError(r.error.fields?.reason ?? r.error.message)
  }
  return (
    <form className="correction" onSubmit={submit} aria-label={`Correct decision ${d.id}`}>
      <label>
        Action actually taken
        <select value={action} onChange={(e) => setAction(e.target.value as Action)}>
          {ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label>
        What the correction is
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="btn small-btn">
        Record correction
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}
