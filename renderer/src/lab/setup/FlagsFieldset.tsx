import { TRI_STATES, type TriState } from '../../../../shared/lab.ts'
import { DISCRETIONARY_FLAGS, type FlagId } from '../../../../shared/signals.ts'

interface Props {
  flags: Record<FlagId, TriState>
  onChange: (id: FlagId, value: TriState) => void
}

const TRI_TEXT: Record<TriState, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' }

/**
 * The methodology's discretionary judgements, which no stored history can measure: fixed for
 * the whole run. Unknown keeps the rules that need them from firing (three-valued logic).
 */
export function FlagsFieldset({ flags, onChange }: Props) {
  return (
    <fieldset className="lab-fieldset lab-flags">
      <legend>Discretionary flags, for the whole run</legend>
      {DISCRETIONARY_FLAGS.map((f) => (
        <label key={f.id} className="lab-flag">
          <span>{f.label}</span>
          <select value={flags[f.id]} onChange={(e) => onChange(f.id, e.target.value as TriState)}>
            {TRI_STATES.map((v) => (
              <option key={v} value={v}>
                {TRI_TEXT[v]}
              </option>
            ))}
          </select>
        </label>
      ))}
      <p className="hint">
        Unknown: a rule that needs the flag is not evaluated and the next one is tried, as on the
        decision panel.
      </p>
    </fieldset>
  )
}
