import type { LabRunSummary } from '../../../../shared/lab.ts'
import { DISCRETIONARY_FLAGS } from '../../../../shared/signals.ts'
import { instantShort } from '../../lib/format.ts'
import { plural } from '../labFormat.ts'

interface Props {
  summary: LabRunSummary
  /** Puts this run's settings back in the setup form. */
  onSetUpAgain: () => void
}

/** The flags the run fixed to yes or no, in words ("USD … risk-off: yes"); null when all unknown. */
function flagsText(summary: LabRunSummary): string | null {
  const set = DISCRETIONARY_FLAGS.filter(
    (f) => (summary.params.flags[f.id] ?? 'unknown') !== 'unknown',
  )
  if (set.length === 0) return null
  return set.map((f) => `${f.label}: ${summary.params.flags[f.id]}`).join('; ')
}

/** What a run was: when, over which period, which condors and costs, which flags. */
export function RunHeader({ summary: s, onSetUpAgain }: Props) {
  const p = s.params
  const flags = flagsText(s)
  return (
    <div className="lab-run-head">
      <div className="lab-run-title">
        <h2 id="lab-results-title">Run #{s.id}</h2>
        <span className="muted small">made {instantShort(s.createdAt)}</span>
        <span className="spacer" />
        <button type="button" className="btn ghost" onClick={onSetUpAgain}>
          Set up again with these settings
        </button>
      </div>
      <dl className="lab-run-facts">
        <div>
          <dt>Period</dt>
          <dd>
            {s.from} – {s.to}
          </dd>
        </div>
        <div>
          <dt>Condors</dt>
          <dd>
            {plural(s.entries, 'condor')}, every {plural(p.entryEvery, 'session')}
          </dd>
        </div>
        <div>
          <dt>Each condor</dt>
          <dd>
            {p.targetDte} DTE, {p.shortDelta} delta shorts, {p.wingWidth}-point wings, ×{p.quantity}
          </dd>
        </div>
        <div>
          <dt>Costs</dt>
          <dd>
            ${p.commissionPerContract} per contract, ${p.slippagePerLeg} slippage per leg
          </dd>
        </div>
        <div>
          <dt>Flags</dt>
          <dd>{flags ?? 'all unknown'}</dd>
        </div>
      </dl>
    </div>
  )
}
