import { useId, type ReactNode } from 'react'
import type { TriState } from '../../../../shared/lab.ts'
import type { FlagId } from '../../../../shared/signals.ts'
import { FlagsFieldset } from './FlagsFieldset.tsx'
import { toggleRuleset, type LabForm, type LabFormErrors } from './labForm.ts'
import { RulesetPicker, type PickableRuleset } from './RulesetPicker.tsx'

interface Props {
  rulesets: readonly PickableRuleset[]
  form: LabForm
  errors: LabFormErrors
  onChange: (form: LabForm) => void
  /** Disables the fields and the Run button while a run is going. */
  busy: boolean
  onRun: () => void
  /** The stored history's first and last SPX sessions, shown as the empty dates' meaning. */
  history: { first: string; last: string } | null
}

/** One labelled input with its hint and error, the error announced with the field. */
function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string
  hint?: string
  error: string | undefined
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode
}) {
  const id = useId()
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div className="lab-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: describedBy || undefined })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  )
}

type TextKey = Exclude<keyof LabForm, 'rulesets' | 'flags'>

/**
 * The run's settings (issue 14, point 4): the rulesets, the period, the condor opened on each
 * entry day, the costs and the discretionary flags — then Run.
 */
export function RunSetup({ rulesets, form, errors, onChange, busy, onRun, history }: Props) {
  const set = (key: TextKey) => (e: { target: { value: string } }) =>
    onChange({ ...form, [key]: e.target.value })
  const input = (key: TextKey, attrs: React.InputHTMLAttributes<HTMLInputElement>) =>
    function render({ id, describedBy }: { id: string; describedBy: string | undefined }) {
      return (
        <input
          id={id}
          value={form[key]}
          onChange={set(key)}
          aria-describedby={describedBy}
          aria-invalid={errors[key] ? true : undefined}
          {...attrs}
        />
      )
    }
  return (
    <form
      className="lab-setup"
      aria-label="Set up a run"
      // The schema's messages, in words, instead of the browser's bubbles (e.g. on a 52-point wing).
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        onRun()
      }}
    >
      <fieldset className="lab-setup-fields" disabled={busy}>
        <RulesetPicker
          rulesets={rulesets}
          chosen={form.rulesets}
          onToggle={(id) => onChange(toggleRuleset(form, id))}
          error={errors.rulesets}
        />
        <fieldset className="lab-fieldset">
          <legend>Period</legend>
          <Field
            label="First entry"
            hint={
              history
                ? `Empty: ${history.first}, the first stored session`
                : 'Empty: the start of the stored history'
            }
            error={errors.from}
          >
            {input('from', { type: 'date' })}
          </Field>
          <Field
            label="Last day"
            hint={
              history
                ? `Empty: ${history.last}, the last stored session`
                : 'Empty: the end of the stored history'
            }
            error={errors.to}
          >
            {input('to', { type: 'date' })}
          </Field>
        </fieldset>
        <fieldset className="lab-fieldset">
          <legend>Condor opened on each entry day</legend>
          <Field label="Entry every (sessions)" hint="5 = weekly" error={errors.entryEvery}>
            {input('entryEvery', { type: 'number', min: 1, max: 250, step: 1 })}
          </Field>
          <Field
            label="Days to expiry"
            hint="The listed expiry nearest to it"
            error={errors.targetDte}
          >
            {input('targetDte', { type: 'number', min: 7, max: 365, step: 1 })}
          </Field>
          <Field
            label="Short strike delta"
            hint="0.16 = 16 delta, both sides"
            error={errors.shortDelta}
          >
            {input('shortDelta', { type: 'number', min: 0.01, max: 0.5, step: 0.01 })}
          </Field>
          <Field label="Wing width (points)" hint="Short to long strike" error={errors.wingWidth}>
            {input('wingWidth', { type: 'number', min: 5, max: 500, step: 5 })}
          </Field>
        </fieldset>
        <fieldset className="lab-fieldset">
          <legend>Costs</legend>
          <Field label="Commission ($ per contract)" hint="Each fill" error={errors.commission}>
            {input('commission', { inputMode: 'decimal', autoComplete: 'off' })}
          </Field>
          <Field
            label="Slippage ($ per share per leg)"
            hint="Against you on every fill"
            error={errors.slippage}
          >
            {input('slippage', { inputMode: 'decimal', autoComplete: 'off' })}
          </Field>
        </fieldset>
        <FlagsFieldset
          flags={form.flags}
          onChange={(id: FlagId, value: TriState) =>
            onChange({ ...form, flags: { ...form.flags, [id]: value } })
          }
        />
      </fieldset>
      <div className="lab-setup-foot">
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Running…' : 'Run'}
        </button>
        <span className="hint">
          One condor per entry day, managed day by day by each ruleset; every price a model value.
        </span>
      </div>
    </form>
  )
}
