import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Account, PositionId } from '../../../shared/domain.ts'
import { fieldErrors } from '../../../shared/ironCondor.ts'
import { CreatePositionSchema, STRUCTURES, reviewCalendar } from '../../../shared/newPosition.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { LegRows } from './LegRows.tsx'
import {
  canHedge,
  fieldOrder,
  formErrors,
  formFor,
  toRequest,
  type NewPositionForm,
} from './newPositionForm.ts'
import { PriceAndNotesFields } from './PriceAndNotesFields.tsx'
import { TradeFields } from './TradeFields.tsx'
import { useOpenPositions } from './useOpenPositions.ts'
import './newPosition.css'

interface Props {
  open: boolean
  accounts: Account[]
  onClose: () => void
  /** The saved position (the hedged one for a hedge layer) and the save's warnings. */
  onSaved: (id: PositionId, warnings: string[]) => void
}

/**
 * "New position" of any structure: pick a template, type strikes and prices, save. A modal
 * dialog (Esc cancels, focus stays inside) whose form is checked with the same schema and
 * calendar the core uses; a refused form sends nothing, and a refusal from the core shows on
 * the same fields. VIX-family legs can instead become a new hedge layer of an open position.
 */
export function NewPositionDialog({ open, accounts, onClose, onSaved }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const defaults = () => ({
    accountId: accounts[0] ? String(accounts[0].id) : '',
    entryDate: todayNy(),
  })
  const [form, setForm] = useState<NewPositionForm>(() => formFor('iron_condor', defaults()))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const openPositions = useOpenPositions(open)

  useEffect(() => {
    const d = dialogRef.current
    if (!d) return
    if (open && !d.open) {
      setForm(formFor('iron_condor', defaults()))
      setErrors({})
      setFormError(undefined)
      d.showModal()
    } else if (!open && d.open) d.close()
    // `defaults` only reads the accounts, which are listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, accounts])

  const hedgeable = canHedge(form)
  const hedging = hedgeable && form.hedgeOf !== ''
  const hedged = openPositions.find((p) => String(p.id) === form.hedgeOf)
  // Strikes off the listed grid are shown while typing; they do not stop the save.
  const warnings = useMemo(
    () => reviewCalendar(toRequest(form), { today: todayNy() }).warnings,
    [form],
  )

  /** A structural edit: the old messages may point at fields that moved, so they go. */
  const change = (next: NewPositionForm) => {
    setForm(next)
    setErrors({})
  }
  const set = (field: keyof NewPositionForm) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }))
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest)
  }
  const setLegs = (next: NewPositionForm) => {
    setForm(next)
    // Editing a leg clears that leg's messages and the legs-wide one.
    setErrors((errs) =>
      Object.fromEntries(Object.entries(errs).filter(([k]) => !k.startsWith('legs'))),
    )
  }

  function show(errs: Record<string, string>) {
    const mapped = formErrors(form, errs)
    setErrors(mapped)
    const first = fieldOrder(form).find((f) => mapped[f])
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (saving) return
    setFormError(undefined)
    const request = toRequest(form)
    const check = CreatePositionSchema.safeParse(request)
    const calendar = reviewCalendar(request, {
      today: todayNy(),
      openedOn: hedging ? (hedged?.openedOn ?? null) : null,
    })
    // The schema's message wins where both speak about one field.
    const errs = { ...calendar.errors, ...(check.success ? {} : fieldErrors(check.error)) }
    if (Object.keys(errs).length > 0) return show(errs)
    setSaving(true)
    const result = await api['positions:create'](request)
    setSaving(false)
    if (result.ok) return onSaved(result.value.id, result.value.warnings)
    setFormError(result.error.message)
    if (result.error.fields) show(result.error.fields)
  }

  const errorCount = Object.keys(errors).length
  return (
    <dialog
      ref={dialogRef}
      className="dialog new-position"
      aria-labelledby="new-position-title"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id="new-position-title">New position</h2>
          <p className="muted">{STRUCTURES[form.structure].hint}</p>
        </header>
        {(formError || errorCount > 0) && (
          <div className="form-alert" role="alert">
            {formError ??
              `Please correct ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked below. Nothing was saved.`}
          </div>
        )}
        <TradeFields
          form={form}
          errors={errors}
          change={change}
          set={set}
          accounts={accounts}
          openPositions={openPositions}
          onStructure={(s) => change(formFor(s, defaults(), form))}
          hedgeable={hedgeable}
          hedging={hedging}
        />
        <LegRows form={form} errors={errors} onChange={setLegs} />
        {warnings.length > 0 && (
          <ul className="np-warnings" role="status" aria-label="Check before saving">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        <PriceAndNotesFields
          form={form}
          errors={errors}
          set={set}
          onlyFutures={form.legs.every((l) => l.kind === 'future')}
          hedging={hedging}
        />
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
