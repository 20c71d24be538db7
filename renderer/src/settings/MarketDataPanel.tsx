import { useState } from 'react'
import { api } from '../lib/api.ts'
import { useApi } from '../lib/useApi.ts'
import { useAction } from '../ui/useAction.ts'

/**
 * Settings → Market data: the opt-in switch for "Update market data" (off until turned on), what
 * it downloads, and that nothing is ever sent. Saved as soon as it is flipped.
 */
export function MarketDataPanel() {
  const settings = useApi(() => api['market:updateSettings']({}), 'market-updates')
  const save = useAction()
  const [notice, setNotice] = useState<string>()
  /** The switch as last flipped (shown at once), until the journal says otherwise. */
  const [flipped, setFlipped] = useState<boolean>()
  const enabled = flipped ?? settings.data?.enabled ?? false

  async function flip(on: boolean) {
    setNotice(undefined)
    setFlipped(on)
    const r = await save.run(() => api['market:setUpdates']({ enabled: on }))
    setFlipped(r?.enabled)
    if (!r) return
    setNotice(
      r.enabled
        ? 'On: “Update market data” on the Market page can download.'
        : 'Off: nothing is downloaded.',
    )
  }

  return (
    <section className="settings-section market-data-settings" aria-labelledby="market-data-title">
      <h2 id="market-data-title">Market data</h2>
      <div className="settings-actions">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={save.busy || !settings.data}
            onChange={(e) => void flip(e.target.checked)}
          />
          <span>Update market data from the publishers</span>
        </label>
        {notice && (
          <span className="notice" role="status">
            {notice}
          </span>
        )}
      </div>
      <p className="muted small settings-text">
        When on, “Update market data” on the Market page downloads the public daily history files of
        Cboe (SPX, VIX, VIX9D, VIX3M, VIX6M, VVIX, SKEW) and the Cboe Futures Exchange (VX
        settlements) for the days your journal is missing — nothing about you or your journal is
        ever sent.
      </p>
      {settings.data && (
        <details className="small">
          <summary>The files</summary>
          <ul className="market-sources">
            {settings.data.sources.map((s) => (
              <li key={s.source}>
                {s.label}: <code>{s.url}</code>
              </li>
            ))}
          </ul>
          <p className="muted">
            NYSE advancing and declining issues have no public daily file: type them in Today’s
            market on the Market page, or import a CSV.
          </p>
        </details>
      )}
      {(save.error ?? settings.error) && (
        <div className="form-alert" role="alert">
          {save.error ?? settings.error?.message}
        </div>
      )}
    </section>
  )
}
