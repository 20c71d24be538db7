import type { HistoryEntry, PositionDetail } from '../../../../shared/domain.ts'
import { instantShort } from '../../lib/format.ts'

const KIND_LABEL: Record<HistoryEntry['kind'], string> = {
  edit: 'Edit',
  void: 'Voided',
  restore: 'Restored',
  fill_correction: 'Fill corrected',
  adjustment_correction: 'Trade corrected',
  mark: 'Mark entered',
}

/** The audit trail: every edit, correction, void or restore and mark, oldest first, with its reason. */
export function HistoryList({ d }: { d: PositionDetail }) {
  const entries = [...d.history].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  )
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {entries.length === 0 ? (
        <p className="muted">
          Nothing corrected or edited yet. Corrections, edits, voids and marks are listed here with
          their reasons; the original records are never changed.
        </p>
      ) : (
        <ol className="history" aria-label="History">
          {entries.map((h) => (
            <li key={h.id} className={`history-entry ${h.kind}`}>
              <span className="history-when">{instantShort(h.createdAt)}</span>
              <span className="history-kind">{KIND_LABEL[h.kind]}</span>
              <span className="history-summary">{h.summary}</span>
              {h.reason && <span className="history-reason">Reason: {h.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
