import { AccountsPanel } from './AccountsPanel.tsx'
import { DataBackupsPanel } from './DataBackupsPanel.tsx'
import { DefaultRulesetPanel } from './DefaultRulesetPanel.tsx'
import { ExportPanel } from './ExportPanel.tsx'
import { MarketDataPanel } from './MarketDataPanel.tsx'
import './settings.css'

/**
 * Settings: the journal's data and backups, its default ruleset, its export, and the accounts. `notice` is what the
 * app says after the journal was replaced (a restore, another journal), shown here where it
 * happened.
 */
export function SettingsPage(props: {
  notice: string | undefined
  onJournalReplaced: (message: string) => void
}) {
  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <div className="toolbar">
        <h1 id="settings-title">Settings</h1>
      </div>
      {props.notice && (
        <div className="notice settings-replaced" role="status">
          {props.notice}
        </div>
      )}
      <DataBackupsPanel onJournalReplaced={props.onJournalReplaced} />
      <DefaultRulesetPanel />
      <MarketDataPanel />
      <ExportPanel />
      <div className="settings-section settings-accounts">
        <AccountsPanel />
      </div>
    </section>
  )
}
