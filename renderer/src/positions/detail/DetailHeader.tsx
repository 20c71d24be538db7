import type { PositionDetail } from '../../../../shared/domain.ts'
import { instantShort } from '../../lib/format.ts'
import { SCOPE_TITLE, scopesOf, type CloseScope } from './closeForm.ts'
import { structureName } from './detailFormat.ts'

export interface HeaderActions {
  edit: () => void
  voidOrRestore: () => void
  close: (scope: CloseScope) => void
  /** Present when the position has expired legs to book. */
  expire: (() => void) | null
  /** "Export…": its fills and decisions as CSV (a voided position too: it only reads). */
  exportFiles: () => void
}

/**
 * The structure in words with its open legs ("SPX iron condor +7150P −7200P …"), status,
 * tags, the voided notice with its reason, and the actions on the position.
 */
export function DetailHeader({ d, actions }: { d: PositionDetail; actions: HeaderActions }) {
  const s = d.summary
  const voided = s.voidedAt !== null
  const scopes = voided ? [] : scopesOf(d)
  return (
    <header className="detail-header">
      <div className="detail-head">
        <h1 id="detail-title">
          {structureName(s)}
          {s.legsLabel && <span className="legs-label"> {s.legsLabel}</span>}
        </h1>
        <span className={`badge ${s.status}`}>{s.status}</span>
        {voided && <span className="badge voided">voided</span>}
        {s.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </div>
      <p className="detail-sub muted">
        #{s.id} · opened {s.openedOn}
        {s.closedOn && ` · closed ${s.closedOn}`} · account {s.accountName}
      </p>
      {voided && (
        <div className="voided-notice" role="note">
          <b>Voided {instantShort(s.voidedAt!)}</b> — {s.voidReason || 'no reason given'}. Hidden
          from the lists and statistics; restore it to count it again.
        </div>
      )}
      <div className="detail-actions" role="group" aria-label="Position actions">
        <button type="button" className="btn" onClick={actions.edit}>
          Edit…
        </button>
        {scopes.map((scope) => (
          <button key={scope} type="button" className="btn" onClick={() => actions.close(scope)}>
            {SCOPE_TITLE[scope]}…
          </button>
        ))}
        {actions.expire && (
          <button type="button" className="btn" onClick={actions.expire}>
            Expire…
          </button>
        )}
        <button type="button" className="btn" onClick={actions.exportFiles}>
          Export…
        </button>
        <span className="spacer" />
        <button
          type="button"
          className={`btn${voided ? '' : ' ghost danger-text'}`}
          onClick={actions.voidOrRestore}
        >
          {voided ? 'Restore…' : 'Void…'}
        </button>
      </div>
    </header>
  )
}
