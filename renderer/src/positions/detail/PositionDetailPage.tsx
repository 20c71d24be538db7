import { useState } from 'react'
import type { DecisionRecord } from '../../../../shared/decisions.ts'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { DecisionPanel } from '../../decision/DecisionPanel.tsx'
import { Timeline } from '../../decision/Timeline.tsx'
import { ExportDialog } from '../../export/ExportDialog.tsx'
import { positionChoice } from '../../export/exportChoices.ts'
import { api } from '../../lib/api.ts'
import { todayNy } from '../../lib/format.ts'
import { usePrefill } from '../../today/prefill.ts'
import { useApi } from '../../lib/useApi.ts'
import { AdjustmentsTable } from './AdjustmentsTable.tsx'
import type { CloseScope } from './closeForm.ts'
import { CloseDialog } from './CloseDialog.tsx'
import { CorrectAdjustmentDialog } from './CorrectAdjustmentDialog.tsx'
import { CorrectFillDialog } from './CorrectFillDialog.tsx'
import { DetailHeader } from './DetailHeader.tsx'
import { EditDialog } from './EditDialog.tsx'
import { ExpireDialog } from './ExpireDialog.tsx'
import { FigureCards } from './FigureCards.tsx'
import { FillsTable } from './FillsTable.tsx'
import { HedgeLayersTable } from './HedgeLayersTable.tsx'
import { HistoryList } from './HistoryList.tsx'
import { LegsTable } from './LegsTable.tsx'
import { MarkDialog } from './MarkDialog.tsx'
import { MarksNeeded } from './MarksNeeded.tsx'
import { PositionCharts } from './PositionCharts.tsx'
import { RulesetChoice } from './RulesetChoice.tsx'
import { VoidDialog } from './VoidDialog.tsx'
import './detail.css'

/** The one dialog open on the page, if any. */
type Dialog =
  | { kind: 'edit' }
  | { kind: 'void' }
  | { kind: 'close'; scope: CloseScope }
  | { kind: 'expire' }
  | { kind: 'mark'; legId: number }
  | { kind: 'fill'; fillId: number }
  | { kind: 'adjustment'; adjustmentId: number }
  | { kind: 'export' }

/**
 * A position as it stands: its figures from the core's ledger, its legs, trades and fills with
 * their corrections, the audit trail, charts and the decision panel; and every fix a trader
 * needs (edit, void or restore, close without Evaluate, expire, marks, corrections).
 */
export function PositionDetailPage({ id, decide = null }: { id: number; decide?: string | null }) {
  const [version, setVersion] = useState(0)
  const key = `${id}-${version}`
  const detail = useApi(() => api['positions:get']({ id }), key)
  const decisions = useApi(() => api['decisions:list']({ positionId: id }), key)
  return (
    <section className="page detail-page" aria-labelledby="detail-title">
      {decide ? (
        <a className="back" href={decide === todayNy() ? '#/today' : `#/today?date=${decide}`}>
          ← Today
        </a>
      ) : (
        <a className="back" href="#/positions">
          ← Positions
        </a>
      )}
      {detail.error ? (
        <div className="form-alert" role="alert">
          {detail.error.message}
        </div>
      ) : !detail.data || detail.data.summary.id !== id ? (
        <p className="muted">Loading…</p>
      ) : (
        <Detail
          d={detail.data}
          decide={decide}
          version={version}
          decisions={decisions.data ?? []}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
    </section>
  )
}

function Detail({
  d,
  decide,
  version,
  decisions,
  onChanged,
}: {
  d: PositionDetail
  /** Open the decision panel prefilled with the Today row of this date (see today/prefill.ts). */
  decide: string | null
  version: number
  decisions: DecisionRecord[]
  onChanged: () => void
}) {
  const s = d.summary
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const prefill = usePrefill(s.id, decide)
  const voided = s.voidedAt !== null
  // A voided position is read-only until restored: no trades, marks or corrections.
  const live = s.status === 'open' && !voided
  // Asked only of a live position; the question writes nothing.
  const expiry = useApi(
    () =>
      live
        ? api['positions:expiryCandidates']({ positionIds: [s.id] })
        : Promise.resolve({ ok: true as const, value: [] }),
    `${s.id}-${version}-${live}`,
  )
  const candidate = expiry.data?.find((c) => c.positionId === s.id)
  const close = () => setDialog(null)
  const done = () => {
    setDialog(null)
    onChanged()
  }
  const mark = live ? (legId: number) => setDialog({ kind: 'mark', legId }) : null
  return (
    <>
      <DetailHeader
        d={d}
        actions={{
          edit: () => setDialog({ kind: 'edit' }),
          voidOrRestore: () => setDialog({ kind: 'void' }),
          close: (scope) => setDialog({ kind: 'close', scope }),
          expire: live && candidate ? () => setDialog({ kind: 'expire' }) : null,
          exportFiles: () => setDialog({ kind: 'export' }),
        }}
      />
      {!voided && <RulesetChoice d={d} onChanged={onChanged} />}
      <FigureCards d={d} />
      <MarksNeeded d={d} onMark={mark} />
      {d.hedgeLayers.length > 0 && <HedgeLayersTable d={d} />}

      <PositionCharts d={d} />

      {live && prefill.state === 'loading' && (
        <p className="muted" role="status">
          Evaluating the open positions of {prefill.date} for the decision panel…
        </p>
      )}
      {live && prefill.state === 'unavailable' && (
        <div className="form-alert" role="alert">
          The decision panel could not be prefilled: {prefill.reason}.
        </div>
      )}
      {live && prefill.state !== 'loading' && (
        // Keyed on the prefill: the panel starts from it, once, and the trader edits from there.
        <DecisionPanel
          key={prefill.state === 'ready' ? `prefill-${prefill.date}` : 'plain'}
          detail={d}
          prefill={prefill.state === 'ready' ? prefill.inputs : undefined}
          onLogged={onChanged}
        />
      )}

      {(live || decisions.length > 0) && (
        <>
          <h2>Adjustment timeline</h2>
          <Timeline detail={d} decisions={decisions} onCorrected={onChanged} />
        </>
      )}

      <LegsTable d={d} onMark={mark} />
      <AdjustmentsTable
        d={d}
        onCorrect={
          voided ? null : (adjustmentId) => setDialog({ kind: 'adjustment', adjustmentId })
        }
      />
      <FillsTable
        d={d}
        onCorrect={voided ? null : (fillId) => setDialog({ kind: 'fill', fillId })}
      />
      <HistoryList d={d} />
      {(d.thesis || d.notes) && (
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">Thesis and notes</h2>
          {d.thesis && <p className="notes thesis">{d.thesis}</p>}
          {d.notes && <p className="notes">{d.notes}</p>}
        </section>
      )}

      {dialog?.kind === 'edit' && <EditDialog d={d} onClose={close} onDone={done} />}
      {dialog?.kind === 'void' && <VoidDialog d={d} onClose={close} onDone={done} />}
      {dialog?.kind === 'close' && (
        <CloseDialog d={d} scope={dialog.scope} onClose={close} onDone={done} />
      )}
      {dialog?.kind === 'expire' && candidate && (
        <ExpireDialog d={d} candidate={candidate} onClose={close} onDone={done} />
      )}
      {dialog?.kind === 'mark' && (
        <MarkDialog d={d} legId={dialog.legId} onClose={close} onDone={done} />
      )}
      {dialog?.kind === 'fill' && (
        <CorrectFillDialog d={d} fillId={dialog.fillId} onClose={close} onDone={done} />
      )}
      {dialog?.kind === 'adjustment' && (
        <CorrectAdjustmentDialog
          d={d}
          adjustmentId={dialog.adjustmentId}
          onClose={close}
          onDone={done}
        />
      )}
      <ExportDialog
        open={dialog?.kind === 'export'}
        choices={[positionChoice(s.id)]}
        onClose={close}
      />
    </>
  )
}
