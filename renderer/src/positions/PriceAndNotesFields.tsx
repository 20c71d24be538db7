import { Field } from './Field.tsx'
import type { FormProps } from './TradeFields.tsx'

/**
 * The bottom of the New position form: the combo's net price (entered as an amount with
 * credit or debit, so no one has to remember which sign is which), fees, and the position's
 * words. A hedge layer keeps only a note: tags and thesis belong to the hedged position.
 */
export function PriceAndNotesFields(
  props: Omit<FormProps, 'change'> & { onlyFutures: boolean; hedging: boolean },
) {
  const { form, errors, set, hedging } = props
  return (
    <div className="form-grid">
      {!props.onlyFutures && (
        <>
          <Field
            label="Net price"
            name="netPrice"
            error={errors.netPrice}
            hint="per share; optional when every leg has a price"
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                autoComplete="off"
                value={form.netPrice}
                onChange={(e) => set('netPrice')(e.target.value)}
              />
            )}
          </Field>
          <Field label="Credit or debit" name="netSide" error={undefined}>
            {(p) => (
              <select {...p} value={form.netSide} onChange={(e) => set('netSide')(e.target.value)}>
                <option value="credit">Credit (received)</option>
                <option value="debit">Debit (paid)</option>
              </select>
            )}
          </Field>
        </>
      )}
      <Field label="Fees" name="fees" error={errors.fees} hint="total, dollars">
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            autoComplete="off"
            value={form.fees}
            onChange={(e) => set('fees')(e.target.value)}
          />
        )}
      </Field>
      {!hedging && (
        <Field
          label="Tags"
          name="tags"
          error={errors.tags}
          hint="comma separated"
          className="np-tags"
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              value={form.tags}
              onChange={(e) => set('tags')(e.target.value)}
            />
          )}
        </Field>
      )}
      <Field
        label={hedging ? 'Note on this hedge' : 'Notes'}
        name="notes"
        error={errors.notes}
        className={hedging ? 'wide' : 'span-2'}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={form.notes}
            onChange={(e) => set('notes')(e.target.value)}
          />
        )}
      </Field>
      {!hedging && (
        <Field
          label="Thesis"
          name="thesis"
          error={errors.thesis}
          hint="why this trade, and what would prove it wrong"
          className="span-2"
        >
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={form.thesis}
              onChange={(e) => set('thesis')(e.target.value)}
            />
          )}
        </Field>
      )}
    </div>
  )
}
