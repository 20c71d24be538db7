import { useState } from 'react'
import type { DecisionRecord } from '../../../../shared/decisions.ts'
import type { Adjustment, PositionDetail } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { dollars, instantShort } from '../../lib/format.ts'
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
}: {
  detail: PositionDetail
  decisions: DecisionRecord[]
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
        />
      ))}
    </ol>
  )
}

function TimelineEntry({
  d,
  adjustment,
}: {
  d: DecisionRecord
  adjustment: Adjustment | undefined
}) {
  const [open, setOpen] = useState(false)
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
