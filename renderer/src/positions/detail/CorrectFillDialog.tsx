import { useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { api } from '../../lib/api.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'
import { contractName, nyDateTime, price } from './detailFormat.ts'

type Request = Parameters<(typeof api)['fills:correct']>[0]

/** Two decimals typed differently ("2.4" and "2.40") are the same value. */
const same = (a: string, b: string) => a.trim() === b.trim() || parseE4(a) === parseE4(b)

/**
 * Correct a fill's price, quantity, New York date and time or fees. The correction is a new
 * record beside the fill as first recorded, which never changes; the reason goes to the history.
 * Only the values you change are sent.
 */
export function CorrectFillDialog({
  d,
  fillId,
  onClose,
  onDone,
}: {
  d: PositionDetail
  fillId: number
  onClose: () => void
  onDone: () => void
}) {
  const fill = d.fills.find((f) => f.id === fillId)!
  const leg = d.legs.find((l) => l.id === fill.legId)
  const was = {
    ...nyDateTime(fill.executedAt),
    quantity: String(fill.quantity),
    price: fill.price === null ? '' : price(fill.price),
    fees: price(fill.fees),
  }
  const [form, setForm] = useState({ ...was, netOnly: fill.price === null, reason: '' })
  const action = useAction()
  const set = (k: keyof typeof form) => (v: string | boolean) => setForm((f) => ({ ...f, [k]: v }))

  function request(): Request {
    const r: Request = { fillId, reason: form.reason }
    if (form.date !== was.date) r.executedOn = form.date
    if (form.date !== was.date || form.time !== was.time) r.time = form.time
    if (form.quantity.trim() !== was.quantity) r.quantity = Number(form.quantity)
    if (form.netOnly) {
      if (fill.price !== null) r.price = null
    } else if (fill.price === null || !same(form.price, was.price)) r.price = form.price.trim()
    if (!same(form.fees, was.fees)) r.fees = form.fees.trim()
    return r
  }

  async function submit() {
    const r = request()
    const errors: Record<string, string> = {}
    if (!form.reason.trim()) errors.reason = 'Say why (it is kept in the history)'
    const q = Number(form.quantity)
    if (!Number.isInteger(q) || q < 1) errors.quantity = 'A whole number of contracts, 1 or more'
    if (!form.netOnly && form.price.trim() === '')
      errors.price = 'Enter the price, or tick “net price only”'
    if (Object.keys(errors).length) return action.refuse('Nothing was saved.', errors)
    if (Object.keys(r).length === 2)
      return action.refuse('The correction changes nothing: change a value first.')
    const done = await action.run(() => api['fills:correct'](r))
    if (done !== undefined) onDone()
  }

  const err = (k: string) => action.fields[k]
  return (
    <ModalDialog
      open
      title={`Correct fill ${fill.id}`}
      description={`${fill.side === 'buy' ? 'Buy' : 'Sell'} to ${fill.effect} ${contractName(leg)}. The fill as first recorded is kept; the history shows the change and your reason.`}
      busy={action.busy}
      error={action.error}
      submitLabel="Save correction"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <div className="form-grid">
        <Field label="Date (New York)" name="executedOn" error={err('executedOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.date}
              onChange={(e) => set('date')(e.target.value)}
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
        <Field label="Quantity" name="quantity" error={err('quantity')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={form.quantity}
              onChange={(e) => set('quantity')(e.target.value)}
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
        <Field label="Price per share" name="price" error={err('price')}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.netOnly ? '' : form.price}
              disabled={form.netOnly}
              onChange={(e) => set('price')(e.target.value)}
            />
          )}
        </Field>
        <label className="check span-3">
          <input
            type="checkbox"
            checked={form.netOnly}
            onChange={(e) => set('netOnly')(e.target.checked)}
          />
          Net price only (the trade’s combo price covers this fill)
        </label>
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
