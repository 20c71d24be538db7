import type { ReviewDecisionRow } from '../../../shared/review/report.ts'
import { api } from '../lib/api.ts'
import { usd } from '../lib/format.ts'
import { useApi } from '../lib/useApi.ts'
import { PathChart } from './PathChart.tsx'
import { decisionDate } from './reviewFilters.ts'
import { signOf } from './reviewFormat.ts'

const FIGURES = [
  ['actual', 'Actual', false],
  ['closedAtDecision', 'Closed at decision', false],
  ['heldToExpiry', 'Held to expiry', false],
  ['recommendedPath', 'Recommended path', false],
  ['edgeVsClosed', 'Edge vs closed', true],
  ['edgeVsHeld', 'Edge vs held', true],
] as const

/**
 * The selected decision: what was recommended and done, its figures, the chart of the actual
 * and held paths (from `review:paths`) and the notes that say what rests on a model value or
 * why a figure is missing.
 */
export function DecisionDetail({ d, asOf }: { d: ReviewDecisionRow; asOf: string | null }) {
  const paths = useApi(() => api['review:paths']({ decisionId: d.id }), `paths-${d.id}`)
  const date = decisionDate(d)
  return (
    <section className="decision-detail" aria-labelledby="decision-detail-title">
      <div className="decision-detail-head">
        <h3 id="decision-detail-title">
          Decision #{d.id} on <a href={`#/positions/${d.positionId}`}>position #{d.positionId}</a>,{' '}
          {date}
        </h3>
        <span className="muted">
          {d.rulesetId} v{d.rulesetVersion} recommended <b>{d.recommended}</b>
          {d.rule ? ` (rule “${d.rule}”)` : ' (no rule fired)'} · taken <b>{d.taken}</b> ·{' '}
          <span className={`badge ${d.followed ? 'followed' : 'overridden'}`}>
            {d.followed ? 'followed' : 'overridden'}
          </span>
          {!d.final && (
            <span className="model-flag" title={`Model values as of ${asOf ?? '—'}`}>
              {' '}
              model values
            </span>
          )}
        </span>
      </div>
      <dl className="decision-figures" aria-label="This decision's figures">
        {FIGURES.map(([key, label, signed]) => (
          <div key={key} className="fact">
            <dt>{label}</dt>
            <dd className={`money ${signOf(d[key])}`}>{usd(d[key], signed)}</dd>
          </div>
        ))}
      </dl>
      {paths.error ? (
        <div className="form-alert" role="alert">
          Could not load the paths: {paths.error.message}
        </div>
      ) : paths.data && !paths.loading ? (
        <PathChart paths={paths.data} decisionDate={date} />
      ) : (
        <p className="muted">Loading the paths…</p>
      )}
      {d.notes.length > 0 && (
        <>
          <h4>Notes</h4>
          <ul className="decision-notes" aria-label="Notes">
            {d.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
