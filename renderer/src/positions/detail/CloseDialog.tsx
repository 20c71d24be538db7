import { useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { api } from '../../lib/api.ts'
import { todayNy } from '../../lib/format.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'
import {
  closeErrors,
  closeFormFor,
  closeRequest,
  SCOPE_TITLE,
  type CloseForm,
  type CloseScope,
} from './closeForm.ts'
import { signed } from './detailFormat.ts'

/**
 * Close the position or one side without going through Evaluate: the legs are listed with
 * their open quantity; each needs the price it was closed at. No decision is recorded.
 */
export function CloseDialog({
  d,
  scope,
  onClose,
  onDone,
}: {
  d: PositionDetail
  scope: CloseScope
  onClose: () => void
  onDone: () => void
}) {
  const [form, setForm] = useState<CloseForm>(() => closeFormFor(d, scope, todayNy()))
  const action = useAction()
  const set = (k: 'occurredOn' | 'time' | 'fees' | 'note') => (v: string) =>
    setForm((f) => ({ ...f, [k]: v }))
  const setRow = (i: number, k: 'quantity' | 'price', v: string) =>
    setForm((f) => ({ ...f, rows: f.rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)) }))

  async function submit() {
    const errors = closeErrors(d, form)
    const n = Object.keys(errors).length
    if (n)
      return action.refuse(
        `Please correct ${n === 1 ? 'the field' : `${n} fields`} marked below. Nothing was saved.`,
        errors,
      )
    const done = await action.run(() => api['adjustments:log'](closeRequest(d, form)))
    if (done !== undefined) onDone()
  }

  const err = (k: string) => action.fields[k]
  return (
    <ModalDialog
      open
      title={SCOPE_TITLE[scope]}
      description="Recorded as a trade without a decision. Enter the price each leg was closed at (per share)."
      busy={action.busy}
      error={action.error}
      submitLabel={SCOPE_TITLE[scope]}
      busyLabel="Closing…"
      className="close-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <table className="grid-table close-legs" aria-label="Legs to close">
        <thead>
          <tr>
            <th>Leg</th>
            <th className="num">Open</th>
            <th>Quantity</th>
            <th>Price</th>
          </tr>
        </thead>
        <tbody>
          {form.rows.map((r, i) => (
            <tr key={r.legId}>
              <td>{r.label}</td>
              <td className="num">{signed(r.openQuantity)}</td>
              <td>
                <Field
                  label={`Contracts of ${r.label} to close`}
                  name={`closes.${i}.quantity`}
                  error={err(`closes.${i}.quantity`)}
                  className="bare"
                >
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      value={r.quantity}
                      onChange={(e) => setRow(i, 'quantity', e.target.value)}
                    />
                  )}
                </Field>
              </td>
              <td>
                <Field
                  label={`Close price of ${r.label}`}
                  name={`closes.${i}.price`}
                  error={err(`closes.${i}.price`)}
                  className="bare"
                >
                  {(p) => (
                    <input
                      {...p}
                      inputMode="decimal"
                      placeholder="0.00"
                      data-autofocus={i === 0 ? true : undefined}
                      value={r.price}
                      onChange={(e) => setRow(i, 'price', e.target.value)}
                    />
                  )}
                </Field>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-grid">
        <Field label="Date (New York)" name="occurredOn" error={err('occurredOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.occurredOn}
              onChange={(e) => set('occurredOn')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Time (New York)" name="time" error={err('time')}>
          {(p) => (
            <input
              {...p}
              type="time"
              value={form.time}
              onChange={(e) => set('time')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Fees (total, $)" name="fees" error={err('fees')}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.fees}
              onChange={(e) => set('fees')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Note" name="note" error={err('note')}>
          {(p) => <input {...p} value={form.note} onChange={(e) => set('note')(e.target.value)} />}
        </Field>
      </div>
    </ModalDialog>
  )
}
