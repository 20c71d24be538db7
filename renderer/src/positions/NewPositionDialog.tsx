import { useEffect, useMemo, useRef, useState } from 'react'
import type { Account, PositionId } from '../../../shared/domain.ts'
import { fieldErrors } from '../../../shared/ironCondor.ts'
import { CreatePositionSchema, STRUCTURES, reviewCalendar } from '../../../shared/newPosition.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { ModalDialog } from '../ui/ModalDialog.tsx'
import { useAction } from '../ui/useAction.ts'
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
 * "New position" of any structure: pick a template, type strikes and prices, save. The form is
 * checked with the same schema and calendar the core uses; a refused form sends nothing, and a
 * refusal from the core shows on the same fields. VIX-family legs can instead become a new
 * hedge layer of an open position. Mounted only while open, so every opening starts afresh.
 */
export function NewPositionDialog(props: Props) {
  return props.open ? <NewPositionModal {...props} /> : null
}

const plural = (n: number) => (n === 1 ? 'the field' : `${n} fields`)

function NewPositionModal({ accounts, onClose, onSaved }: Props) {
  const bodyRef = useRef<HTMLDivElement>(null)
  const defaults = () => ({
    accountId: accounts[0] ? String(accounts[0].id) : '',
    entryDate: todayNy(),
  })
  const [form, setForm] = useState<NewPositionForm>(() => formFor('iron_condor', defaults()))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const action = useAction()
  const openPositions = useOpenPositions(true)

  const hedgeable = canHedge(form)
  const hedging = hedgeable && form.hedgeOf !== ''
  const hedged = openPositions.find((p) => String(p.id) === form.hedgeOf)
  // Strikes off the listed grid are shown while typing; they do not stop the save.
  const warnings = useMemo(
    () => reviewCalendar(toRequest(form), { today: todayNy() }).warnings,
    [form],
  )

  // A refusal from the core names request fields: show them where the form holds the values.
  const refused = action.fields
  useEffect(() => {
    if (Object.keys(refused).length > 0) show(formErrors(form, refused))
    // Only a new refusal moves the focus, not every edit of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refused])

  function show(mapped: Record<string, string>) {
    setErrors(mapped)
    const first = fieldOrder(form).find((f) => mapped[f])
    if (first) bodyRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
  }

  /** A structural edit: old messages may point at fields that moved, so they go. */
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
    // Editing a leg clears the legs' messages; the others stay until their field changes.
    setErrors((errs) =>
      Object.fromEntries(Object.entries(errs).filter(([k]) => !k.startsWith('legs'))),
    )
  }

  async function save() {
    const request = toRequest(form)
    const check = CreatePositionSchema.safeParse(request)
    const calendar = reviewCalendar(request, {
      today: todayNy(),
      openedOn: hedging ? (hedged?.openedOn ?? null) : null,
    })
    // The schema's message wins where both speak about one field.
    const errs = { ...calendar.errors, ...(check.success ? {} : fieldErrors(check.error)) }
    if (Object.keys(errs).length > 0) {
      const mapped = formErrors(form, errs)
      action.refuse(
        `Please correct ${plural(Object.keys(mapped).length)} marked above. Nothing was saved.`,
      )
      return show(mapped)
    }
    const saved = await action.run(() => api['positions:create'](request))
    if (saved) onSaved(saved.id, saved.warnings)
  }

  return (
    <ModalDialog
      open
      title="New position"
      description={STRUCTURES[form.structure].hint}
      busy={action.busy}
      error={action.error}
      submitLabel="Save"
      className="new-position"
      onClose={onClose}
      onSubmit={() => void save()}
    >
      <div ref={bodyRef}>
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
      </div>
    </ModalDialog>
  )
}
