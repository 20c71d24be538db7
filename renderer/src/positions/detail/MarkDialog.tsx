import { useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { api } from '../../lib/api.ts'
import { todayNy } from '../../lib/format.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'
import { contractName, price } from './detailFormat.ts'

/**
 * A mark you enter for an open leg on a date: a VX future past the stored settlements or a VIX
 * option the model cannot value. It values the open P&L unless newer stored data exists.
 */
export function MarkDialog({
  d,
  legId,
  onClose,
  onDone,
}: {
  d: PositionDetail
  legId: number
  onClose: () => void
  onDone: () => void
}) {
  const leg = d.legs.find((l) => l.id === legId)
  const current = d.enteredMarks.find((m) => m.legId === legId)
  const asOf = d.model.asOf
  const [date, setDate] = useState(asOf ?? todayNy())
  const [value, setValue] = useState(current ? price(current.price) : '')
  const action = useAction()
  const name = contractName(leg)

  async function submit() {
    if (!value.trim()) return action.refuse('Nothing was saved.', { price: 'Enter the mark' })
    const done = await action.run(() => api['legs:mark']({ legId, date, price: value.trim() }))
    if (done !== undefined) onDone()
  }

  return (
    <ModalDialog
      open
      title={`Mark for ${name}`}
      description={
        <>
          {leg?.instrumentType === 'future' ? 'The future’s price' : 'The price per share'} on a
          date.
          {asOf && ` The stored data ends ${asOf}: a mark on or after it values the open P&L.`}
          {current && ` Your last mark: ${price(current.price)} on ${current.date}.`}
        </>
      }
      busy={action.busy}
      error={action.error}
      submitLabel="Save mark"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <div className="form-grid two">
        <Field label="Date" name="date" error={action.fields.date}>
          {(p) => (
            <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          )}
        </Field>
        <Field label={`Mark of ${name}`} name="price" error={action.fields.price}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
      </div>
    </ModalDialog>
  )
}
