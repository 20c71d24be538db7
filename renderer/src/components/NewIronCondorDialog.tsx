import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { Account, PositionId } from '../../../shared/domain.ts'
import { OPTION_ROOTS, ROOTS, type OptionRoot } from '../../../shared/instruments.ts'
import {
  CreateIronCondorSchema,
  fieldErrors,
  type CreateIronCondorInput,
} from '../../../shared/ironCondor.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'

interface Props {
  open: boolean
  accounts: Account[]
  onClose: () => void
  onSaved: (id: PositionId) => void
}

interface FormValues {
  accountId: string
  underlying: OptionRoot
  entryDate: string
  expiration: string
  longPut: string
  shortPut: string
  shortCall: string
  longCall: string
  quantity: string
  credit: string
  fees: string
  tags: string
  notes: string
}

const blank = (accounts: Account[]): FormValues => ({
  accountId: accounts[0] ? String(accounts[0].id) : '',
  underlying: 'SPXW',
  entryDate: todayNy(),
  expiration: '',
  longPut: '',
  shortPut: '',
  shortCall: '',
  longCall: '',
  quantity: '1',
  credit: '',
  fees: '0',
  tags: '',
  notes: '',
})

/** Form text → the contract request. Numbers stay strings (exact decimals) except the quantity. */
function toRequest(v: FormValues): CreateIronCondorInput {
  const q = v.quantity.trim()
  return {
    ...(v.accountId ? { accountId: Number(v.accountId) } : {}),
    underlying: v.underlying,
    entryDate: v.entryDate,
    expiration: v.expiration,
    longPut: v.longPut.trim(),
    shortPut: v.shortPut.trim(),
    shortCall: v.shortCall.trim(),
    longCall: v.longCall.trim(),
    quantity: q === '' ? Number.NaN : Number(q),
    credit: v.credit.trim(),
    fees: v.fees.trim() === '' ? '0' : v.fees.trim(),
    tags: v.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    notes: v.notes,
  }
}

const FIELD_ORDER = [
  'accountId',
  'underlying',
  'entryDate',
  'expiration',
  'longPut',
  'shortPut',
  'shortCall',
  'longCall',
  'quantity',
  'credit',
  'fees',
  'tags',
  'notes',
]

/**
 * "New iron condor": a modal dialog (Esc cancels, focus stays inside) whose fields are checked
 * with the same schema the core uses. A refused form sends nothing; a refusal from the core is
 * shown on the same fields.
 */
export function NewIronCondorDialog({ open, accounts, onClose, onSaved }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<FormValues>(() => blank(accounts))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    const d = dialogRef.current
    if (!d) return
    if (open && !d.open) {
      setValues(blank(accounts))
      setErrors({})
      setFormError(undefined)
      d.showModal()
    } else if (!open && d.open) d.close()
  }, [open, accounts])

  const set = (field: keyof FormValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest)
  }

  function focusFirstError(errs: Record<string, string>) {
    const first = FIELD_ORDER.find(
      (f) => errs[f] || Object.keys(errs).some((k) => k.startsWith(`${f}.`)),
    )
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (saving) return
    setFormError(undefined)
    const request = toRequest(values)
    const check = CreateIronCondorSchema.safeParse(request)
    if (!check.success) {
      const errs = fieldErrors(check.error)
      setErrors(errs)
      focusFirstError(errs)
      return
    }
    setSaving(true)
    const result = await api['positions:createIronCondor'](request)
    setSaving(false)
    if (result.ok) {
      onSaved(result.value.id)
      return
    }
    setErrors(result.error.fields ?? {})
    setFormError(result.error.message)
    if (result.error.fields) focusFirstError(result.error.fields)
  }

  const root = ROOTS[values.underlying]
  const errorCount = Object.keys(errors).length

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="new-ic-title"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id="new-ic-title">New iron condor</h2>
          <p className="muted">
            Long put &lt; short put &lt; short call &lt; long call, one expiry. {root.label},
            multiplier ×{root.multiplier}.
          </p>
        </header>
        {(formError || errorCount > 0) && (
          <div className="form-alert" role="alert">
            {formError ??
              `Please correct ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked below. Nothing was saved.`}
          </div>
        )}
        <div className="form-grid">
          <Field label="Account" name="accountId" error={errors.accountId}>
            {(p) => (
              <select
                {...p}
                value={values.accountId}
                onChange={(e) => set('accountId')(e.target.value)}
              >
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Underlying" name="underlying" error={errors.underlying}>
            {(p) => (
              <select
                {...p}
                value={values.underlying}
                onChange={(e) => set('underlying')(e.target.value)}
              >
                {OPTION_ROOTS.map((r) => (
                  <option key={r} value={r}>
                    {ROOTS[r].label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Entry date" name="entryDate" error={errors.entryDate}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={values.entryDate}
                onChange={(e) => set('entryDate')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Expiration" name="expiration" error={errors.expiration}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={values.expiration}
                onChange={(e) => set('expiration')(e.target.value)}
              />
            )}
          </Field>
          <StrikeField label="Long put" name="longPut" values={values} errors={errors} set={set} />
          <StrikeField
            label="Short put"
            name="shortPut"
            values={values}
            errors={errors}
            set={set}
          />
          <StrikeField
            label="Short call"
            name="shortCall"
            values={values}
            errors={errors}
            set={set}
          />
          <StrikeField
            label="Long call"
            name="longCall"
            values={values}
            errors={errors}
            set={set}
          />
          <Field label="Quantity" name="quantity" error={errors.quantity} hint="contracts per leg">
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="off"
                value={values.quantity}
                onChange={(e) => set('quantity')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Credit" name="credit" error={errors.credit} hint="net per share, e.g. 2.35">
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                autoComplete="off"
                value={values.credit}
                onChange={(e) => set('credit')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Fees" name="fees" error={errors.fees} hint="total, dollars">
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                autoComplete="off"
                value={values.fees}
                onChange={(e) => set('fees')(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Tags"
            name="tags"
            error={errors.tags ?? firstIndexed(errors, 'tags')}
            hint="comma separated"
          >
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                value={values.tags}
                onChange={(e) => set('tags')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Notes" name="notes" error={errors.notes} wide>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={values.notes}
                onChange={(e) => set('notes')(e.target.value)}
              />
            )}
          </Field>
        </div>
        <footer className="dialog-foot">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}

function firstIndexed(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => k.startsWith(`${prefix}.`))
  return key ? errors[key] : undefined
}

interface FieldProps {
  id: string
  name: string
  'aria-invalid': boolean
  'aria-describedby': string | undefined
}

function Field(props: {
  label: string
  name: string
  error: string | undefined
  hint?: string
  wide?: boolean
  children: (p: FieldProps) => ReactNode
}) {
  const id = useId()
  const describedBy = [props.error ? `${id}-err` : null, props.hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className={`field${props.wide ? ' wide' : ''}${props.error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        name: props.name,
        'aria-invalid': Boolean(props.error),
        'aria-describedby': describedBy || undefined,
      })}
      {props.hint && !props.error && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field-error" id={`${id}-err`}>
          {props.error}
        </span>
      )}
    </div>
  )
}

function StrikeField(props: {
  label: string
  name: 'longPut' | 'shortPut' | 'shortCall' | 'longCall'
  values: FormValues
  errors: Record<string, string>
  set: (f: keyof FormValues) => (v: string) => void
}) {
  return (
    <Field label={props.label} name={props.name} error={props.errors[props.name]}>
      {(p) => (
        <input
          {...p}
          inputMode="decimal"
          autoComplete="off"
          value={props.values[props.name]}
          onChange={(e) => props.set(props.name)(e.target.value)}
        />
      )}
    </Field>
  )
}
