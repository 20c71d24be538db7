import { useId } from 'react'
import { ROOT_INFO } from '../../../shared/instruments.ts'
import { MAX_LEGS, STRUCTURES } from '../../../shared/newPosition.ts'
import { Field } from './Field.tsx'
import {
  addLeg,
  legQuantity,
  removeLeg,
  rootsFor,
  updateLeg,
  type LegKind,
  type LegRow,
  type NewPositionForm,
} from './newPositionForm.ts'

interface Props {
  form: NewPositionForm
  errors: Record<string, string>
  onChange: (next: NewPositionForm) => void
}

const KIND_LABEL: Record<LegKind, string> = { call: 'Call', put: 'Put', future: 'Future' }

/**
 * The legs of the New position form. A template's legs show only what the trader chooses
 * (strikes, prices, and the side or type when the template leaves them open); custom legs
 * carry every value and can be added and removed.
 */
export function LegRows({ form, errors, onChange }: Props) {
  const t = STRUCTURES[form.structure]
  const custom = form.structure === 'custom'
  return (
    <section className="np-legs" aria-label="Legs">
      {errors.legs && (
        <p className="field-error" role="alert">
          {errors.legs}
        </p>
      )}
      {form.legs.map((leg, i) => (
        <LegRowFields
          key={leg.key}
          index={i}
          leg={leg}
          form={form}
          errors={errors}
          chooseKind={custom || (t.eitherType && leg.kind !== 'future')}
          chooseSide={custom || t.flip}
          onChange={(patch) => onChange(updateLeg(form, i, patch))}
          onRemove={custom && form.legs.length > 1 ? () => onChange(removeLeg(form, i)) : null}
        />
      ))}
      {custom && form.legs.length < MAX_LEGS && (
        <button type="button" className="btn ghost np-add" onClick={() => onChange(addLeg(form))}>
          + Add leg
        </button>
      )}
    </section>
  )
}

function LegRowFields(props: {
  index: number
  leg: LegRow
  form: NewPositionForm
  errors: Record<string, string>
  chooseKind: boolean
  chooseSide: boolean
  onChange: (patch: Partial<LegRow>) => void
  onRemove: (() => void) | null
}) {
  const { index: i, leg, form, errors, onChange } = props
  const titleId = useId()
  const custom = form.structure === 'custom'
  const future = leg.kind === 'future'
  const err = (f: string) => errors[`legs.${i}.${f}`]
  const name = (f: string) => `legs.${i}.${f}`
  const qty = legQuantity(form, leg)
  const title =
    leg.label || `${leg.side === 'buy' ? 'Long' : 'Short'} ${KIND_LABEL[leg.kind].toLowerCase()}`
  return (
    <div className="np-leg" role="group" aria-labelledby={titleId}>
      <div className="np-leg-title" id={titleId}>
        <span className="muted">Leg {i + 1}</span> {title}
      </div>
      {props.chooseKind && (
        <Field label="Type" name={name('kind')} error={err('kind')} className="np-kind">
          {(p) => (
            <select
              {...p}
              value={leg.kind}
              onChange={(e) => onChange({ kind: e.target.value as LegKind })}
            >
              {(custom ? (['call', 'put', 'future'] as const) : (['call', 'put'] as const)).map(
                (k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ),
              )}
            </select>
          )}
        </Field>
      )}
      {props.chooseSide && (
        <Field label="Side" name={name('side')} error={err('side')} className="np-side">
          {(p) => (
            <select
              {...p}
              value={leg.side}
              onChange={(e) => onChange({ side: e.target.value as LegRow['side'] })}
            >
              <option value="buy">Buy</option>
              <option value="sell">Sell</option>
            </select>
          )}
        </Field>
      )}
      {custom && (
        <>
          <Field label="Root" name={name('root')} error={err('root')} className="np-root">
            {(p) => (
              <select
                {...p}
                value={leg.root}
                onChange={(e) => onChange({ root: e.target.value as LegRow['root'] })}
              >
                {rootsFor(leg.kind).map((r) => (
                  <option key={r} value={r} title={ROOT_INFO[r].label}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Expiration"
            name={name('expiration')}
            error={err('expiration')}
            className="np-exp"
          >
            {(p) => (
              <input
                {...p}
                type="date"
                value={leg.expiration}
                onChange={(e) => onChange({ expiration: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Contracts"
            name={name('quantity')}
            error={err('quantity')}
            className="np-qty"
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="off"
                value={leg.quantity}
                onChange={(e) => onChange({ quantity: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
      {!custom && (
        <div className="np-contracts">
          <span className="np-contracts-label">Contracts</span>
          <span className="np-contracts-value">{Number.isNaN(qty) ? '—' : signed(qty)}</span>
        </div>
      )}
      {!future ? (
        <Field label="Strike" name={name('strike')} error={err('strike')} className="np-strike">
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              autoComplete="off"
              value={leg.strike}
              onChange={(e) => onChange({ strike: e.target.value })}
            />
          )}
        </Field>
      ) : (
        // keeps a custom form's columns aligned when a future sits among options
        custom && <span className="np-strike" aria-hidden="true" />
      )}
      <Field
        label={future ? 'Entry price' : 'Price'}
        name={name('price')}
        error={err('price')}
        hint={future ? 'per VIX point' : 'optional'}
        className="np-price"
      >
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            autoComplete="off"
            value={leg.price}
            onChange={(e) => onChange({ price: e.target.value })}
          />
        )}
      </Field>
      {props.onRemove && (
        <button
          type="button"
          className="btn ghost np-remove"
          aria-label={`Remove leg ${i + 1}`}
          title={`Remove leg ${i + 1}`}
          onClick={props.onRemove}
        >
          ×
        </button>
      )}
    </div>
  )
}

const signed = (n: number) => (n > 0 ? `+${n}` : `−${Math.abs(n)}`)
