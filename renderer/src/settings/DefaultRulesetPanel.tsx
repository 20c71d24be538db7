import { useState } from 'react'
import { api } from '../lib/api.ts'
import { useApi } from '../lib/useApi.ts'

/**
 * Settings → Ruleset: the journal's default ruleset, which judges every position that has no
 * ruleset of its own (chosen on the position's page) — on Today, as the decision panel's first
 * choice and in the review's "recommended" column. Saved as soon as it is chosen.
 */
export function DefaultRulesetPanel() {
  const rulesets = useApi(() => api['rulesets:list']({}), 'rulesets')
  const [tick, setTick] = useState(0)
  const settings = useApi(() => api['settings:get']({}), `settings-${tick}`)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()
  const current = settings.data?.defaultRulesetId

  async function choose(id: string) {
    setBusy(true)
    setMessage(undefined)
    const r = await api['settings:update']({ defaultRulesetId: id })
    setBusy(false)
    if (!r.ok) return setMessage({ ok: false, text: r.error.message })
    const name = rulesets.data?.find((x) => x.id === r.value.defaultRulesetId)?.name
    setMessage({ ok: true, text: `Saved: ${name ?? r.value.defaultRulesetId} is the default.` })
    setTick((t) => t + 1)
  }

  return (
    <section className="settings-section" aria-labelledby="default-ruleset-title">
      <h2 id="default-ruleset-title">Ruleset</h2>
      <p className="muted small settings-text">
        The ruleset that judges every position without one of its own (a position’s page sets its
        own): its recommendation on Today, the decision panel’s first choice and the review’s
        “recommended” column.
      </p>
      <div className="settings-actions">
        <label className="settings-ruleset">
          Default ruleset
          <select
            value={current ?? ''}
            disabled={busy || !current || !rulesets.data}
            onChange={(e) => void choose(e.target.value)}
          >
            {!current && <option value="">…</option>}
            {(rulesets.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} (v{r.latestVersion})
              </option>
            ))}
          </select>
        </label>
        {message && (
          <span
            className={message.ok ? 'notice' : 'field-error'}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </span>
        )}
      </div>
      {settings.error && (
        <div className="form-alert" role="alert">
          {settings.error.message}
        </div>
      )}
    </section>
  )
}
