import { MAX_RULESETS } from './labForm.ts'

export interface PickableRuleset {
  id: string
  name: string
  description: string
  /** The version a run would use now (the latest); null for the built-in baseline. */
  version: number | null
}

interface Props {
  rulesets: readonly PickableRuleset[]
  chosen: readonly string[]
  onToggle: (id: string) => void
  error: string | undefined
}

/** The rulesets to compare, ticked in the order they will stand side by side (1–4). */
export function RulesetPicker({ rulesets, chosen, onToggle, error }: Props) {
  const full = chosen.length >= MAX_RULESETS
  return (
    <fieldset className="lab-fieldset lab-rulesets" aria-describedby="lab-rulesets-hint">
      <legend>Rulesets to compare</legend>
      <ul>
        {rulesets.map((r) => {
          const at = chosen.indexOf(r.id)
          return (
            <li key={r.id}>
              <label title={r.description}>
                <input
                  type="checkbox"
                  checked={at >= 0}
                  disabled={at < 0 && full}
                  onChange={() => onToggle(r.id)}
                />
                <span className="lab-ruleset-name">{r.name}</span>{' '}
                <span className="muted small">
                  {r.id}
                  {r.version !== null ? ` v${r.version}` : ''}
                </span>
                {at >= 0 && <span className="lab-order">{at + 1}</span>}
              </label>
            </li>
          )
        })}
      </ul>
      <p id="lab-rulesets-hint" className="hint">
        Up to {MAX_RULESETS}, side by side in the order ticked. Each runs at its latest version; the
        run keeps which.
      </p>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}
