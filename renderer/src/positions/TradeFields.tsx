import type { Account, PositionSummary, Structure } from '../../../shared/domain.ts'
import { ROOT_INFO, type Root } from '../../../shared/instruments.ts'
import { STRUCTURES } from '../../../shared/newPosition.ts'
import { Field } from './Field.tsx'
import { STRUCTURE_ORDER, setRoot, templateRoots, type NewPositionForm } from './newPositionForm.ts'
import { positionLabel } from './useOpenPositions.ts'

export interface FormProps {
  form: NewPositionForm
  errors: Record<string, string>
  /** Replaces the whole form (a template switch, a root that every leg follows). */
  change: (next: NewPositionForm) => void
  /** Sets one text field. */
  set: (field: keyof NewPositionForm) => (value: string) => void
}

/**
 * The top of the New position form: what is traded and when — structure, a template's shared
 * root, expiry and quantity, entry date and time — and where it goes (a hedge layer of an
 * open position or a position of its own, the account).
 */
export function TradeFields(
  props: FormProps & {
    accounts: Account[]
    openPositions: PositionSummary[]
    onStructure: (s: Structure) => void
    hedgeable: boolean
    hedging: boolean
  },
) {
  const { form, errors, set, change } = props
  const t = STRUCTURES[form.structure]
  return (
    <div className="form-grid">
      <Field label="Structure" name="structure" error={errors.structure} className="span-2">
        {(p) => (
          <select
            {...p}
            value={form.structure}
            onChange={(e) => props.onStructure(e.target.value as Structure)}
          >
            {STRUCTURE_ORDER.map((s) => (
              <option key={s} value={s}>
                {STRUCTURES[s].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {form.structure !== 'custom' && (
        <Field label="Root" name="root" error={errors.root} className="span-2">
          {(p) => (
            <select
              {...p}
              value={form.root}
              onChange={(e) => change(setRoot(form, e.target.value as Root))}
            >
              {templateRoots(form.structure).map((r) => (
                <option key={r} value={r}>
                  {ROOT_INFO[r].label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Entry date" name="entryDate" error={errors.entryDate}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={form.entryDate}
            onChange={(e) => set('entryDate')(e.target.value)}
          />
        )}
      </Field>
      <Field label="Time" name="time" error={errors.time} hint="New York">
        {(p) => (
          <input
            {...p}
            type="time"
            value={form.time}
            onChange={(e) => set('time')(e.target.value)}
          />
        )}
      </Field>
      {form.structure !== 'custom' && (
        <>
          <Field label="Expiration" name="expiration" error={errors.expiration}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.expiration}
                onChange={(e) => set('expiration')(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Quantity"
            name="quantity"
            error={errors.quantity}
            hint={
              t.legs.some((l) => l.ratio > 1)
                ? `the legs trade ${t.legs.map((l) => l.ratio).join('/')} × this`
                : t.legs.length === 1
                  ? 'contracts'
                  : 'contracts per leg'
            }
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="off"
                value={form.quantity}
                onChange={(e) => set('quantity')(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      {props.hedgeable && (
        <Field
          label="Attach to"
          name="hedgeOf"
          error={errors.hedgeOf}
          hint="a new hedge layer of an open position, or a position of its own"
          className="span-2"
        >
          {(p) => (
            <select {...p} value={form.hedgeOf} onChange={(e) => set('hedgeOf')(e.target.value)}>
              <option value="">No: a position of its own</option>
              {props.openPositions.map((o) => (
                <option key={o.id} value={o.id}>
                  {positionLabel(o)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {!props.hedging && (
        <Field label="Account" name="accountId" error={errors.accountId} className="span-2">
          {(p) => (
            <select
              {...p}
              value={form.accountId}
              onChange={(e) => set('accountId')(e.target.value)}
            >
              {props.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </div>
  )
}
