import { useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { api } from '../../lib/api.ts'
import { instantShort } from '../../lib/format.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'
import { price } from './detailFormat.ts'

type Request = Parameters<(typeof api)['adjustments:correct']>[0]

/** Same value however it is typed ("17.8" = "17.80"; "" = none). */
const same = (a: string, b: string) => a.trim() === b.trim() || parseE4(a) === parseE4(b)

/**
 * Correct a trade's net price (per share, + credit, − debit; empty = none, every fill has its
 * own price) or its fees. The values first recorded are kept and shown struck through.
 */
export function CorrectAdjustmentDialog({
  d,
  adjustmentId,
  onClose,
  onDone,
}: {
  d: PositionDetail
  adjustmentId: number
  onClose: () => void
  onDone: () => void
}) {
  const adj = d.adjustments.find((a) => a.id === adjustmentId)!
  const was = {
    netPrice: adj.netPrice === null ? '' : price(adj.netPrice).replace('−', '-'),
    fees: price(adj.fees),
  }
  const [form, setForm] = useState({ ...was, reason: '' })
  const action = useAction()
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }))

  async function submit() {
    const r: Request = { adjustmentId, reason: form.reason }
    if (!same(form.netPrice, was.netPrice))
      r.netPrice = form.netPrice.trim() === '' ? null : form.netPrice.trim().replace('−', '-')
    if (!same(form.fees, was.fees)) r.fees = form.fees.trim()
    if (!form.reason.trim())
      return action.refuse('Nothing was saved.', { reason: 'Say why (it is kept in the history)' })
    if (Object.keys(r).length === 2)
      return action.refuse('The correction changes nothing: change a value first.')
    const done = await action.run(() => api['adjustments:correct'](r))
    if (done !== undefined) onDone()
  }

  const err = (k: string) => action.fields[k]
  return (
    <ModalDialog
      open
      title={`Correct the ${adj.kind.replace('_', ' ')} of ${instantShort(adj.occurredAt)}`}
      description="The values first recorded are kept; the history shows the change and your reason."
      busy={action.busy}
      error={action.error}
      submitLabel="Save correction"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <div className="form-grid two">
        <Field
          label="Net price per share"
          name="netPrice"
          error={err('netPrice')}
          hint="+ credit received, − debit paid; empty when every fill has its own price"
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.netPrice}
              onChange={(e) => set('netPrice')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Fees ($)" name="fees" error={err('fees')}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.fees}
              onChange={(e) => set('fees')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Reason for the correction"
          name="reason"
          error={err('reason')}
          className="wide"
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={form.reason}
              onChange={(e) => set('reason')(e.target.value)}
            />
          )}
        </Field>
      </div>
    </ModalDialog>
  )
}
