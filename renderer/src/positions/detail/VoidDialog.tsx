import { useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { api } from '../../lib/api.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'

/**
 * Void a position (hidden from lists and statistics, nothing deleted) or restore a voided one.
 * Both need a reason, which the history keeps; the core's check is repeated here only so an
 * empty reason is refused before anything is sent.
 */
export function VoidDialog({
  d,
  onClose,
  onDone,
}: {
  d: PositionDetail
  onClose: () => void
  onDone: () => void
}) {
  const restoring = d.summary.voidedAt !== null
  const [reason, setReason] = useState('')
  const action = useAction()

  async function submit() {
    if (!reason.trim())
      return action.refuse('Nothing was changed.', {
        reason: 'Say why (it is kept in the history)',
      })
    const call = restoring ? api['positions:restore'] : api['positions:void']
    const done = await action.run(() => call({ id: d.summary.id, reason }))
    if (done !== undefined) onDone()
  }

  return (
    <ModalDialog
      open
      title={restoring ? 'Restore position' : 'Void position'}
      description={
        restoring
          ? 'The position comes back to the lists and statistics.'
          : 'A voided position is hidden from the lists and statistics and shown under “Voided”. Nothing is deleted; it can be restored.'
      }
      busy={action.busy}
      error={action.error}
      submitLabel={restoring ? 'Restore' : 'Void'}
      busyLabel={restoring ? 'Restoring…' : 'Voiding…'}
      danger={!restoring}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <Field label="Reason" name="reason" error={action.fields.reason}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={reason}
            required
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
    </ModalDialog>
  )
}
