import { useId, useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { api } from '../../lib/api.ts'
import { useApi } from '../../lib/useApi.ts'

/**
 * The ruleset that judges this position — on Today, as the decision panel's first choice and in
 * the review's "recommended" column: its own, or the journal's default (Settings). Saved as soon
 * as it is chosen.
 */
export function RulesetChoice({ d, onChanged }: { d: PositionDetail; onChanged: () => void }) {
  const id = useId()
  const rulesets = useApi(() => api['rulesets:list']({}), 'rulesets')
  const settings = useApi(() => api['settings:get']({}), 'settings')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()
  const own = d.summary.rulesetId
  const nameOf = (rid: string) => rulesets.data?.find((r) => r.id === rid)?.name ?? rid
  const fallback = settings.data?.defaultRulesetId

  async function choose(value: string) {
    const rulesetId = value === '' ? null : value
    setBusy(true)
    setMessage(undefined)
    const r = await api['positions:setRuleset']({ id: d.summary.id, rulesetId })
    setBusy(false)
    if (!r.ok) return setMessage({ ok: false, text: r.error.message })
    setMessage({
      ok: true,
      text: rulesetId
        ? `Saved: judged by ${nameOf(rulesetId)}.`
        : 'Saved: judged by the journal default.',
    })
    onChanged()
  }

  return (
    <div className="ruleset-choice">
      <label htmlFor={id}>Ruleset of this position</label>
      <select
        id={id}
        value={own ?? ''}
        disabled={busy || !rulesets.data}
        onChange={(e) => void choose(e.target.value)}
      >
        <option value="">Journal default{fallback ? ` (${nameOf(fallback)})` : ''}</option>
        {(rulesets.data ?? []).map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <span className="muted small">
        Judges this position on Today and in the decision panel.{' '}
        <a href="#/settings">Change the default in Settings</a>.
      </span>
      {message && (
        <span
          className={message.ok ? 'notice' : 'field-error'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </span>
      )}
    </div>
  )
}
