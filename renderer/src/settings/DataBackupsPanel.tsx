import { useState } from 'react'
import { JobProgressBar } from '../jobs/JobProgressBar.tsx'
import type { BackupInfo, RestoreResult } from '../../../shared/backups.ts'
import { api } from '../lib/api.ts'
import { useApi } from '../lib/useApi.ts'
import { useAction } from '../ui/useAction.ts'
import { BackupsTable } from './BackupsTable.tsx'
import { backupTitle, restoredMessage } from './backupFormat.ts'
import { RestoreDialog } from './RestoreDialog.tsx'

/**
 * Settings → Data & backups: where the journal and its backups are, "Back up now", the backups
 * with "Restore…", and in the desktop app "Open another journal…" (a file dialog of the main
 * process; the page never sends a path). After a restore or another journal the whole app
 * reads its data again (`onJournalReplaced`).
 */
export function DataBackupsPanel(props: { onJournalReplaced: (message: string) => void }) {
  const { onJournalReplaced } = props
  const location = useApi(() => api['journal:location']({}), 'journal-location')
  const backups = useApi(() => api['backups:list']({}), 'backups')
  const backupNow = useAction()
  const openOther = useAction()
  const [notice, setNotice] = useState<string>()
  const [restoring, setRestoring] = useState<BackupInfo | null>(null)
  const where = location.data

  async function createBackup() {
    setNotice(undefined)
    const b = await backupNow.run(() => api['backups:create']({}))
    if (!b) return
    setNotice(`Backed up: “${backupTitle(b)}”.`)
    backups.reload()
  }

  async function openAnother() {
    setNotice(undefined)
    const r = await openOther.run(() => api['journal:openAnother']({}))
    if (r) onJournalReplaced(`Opened the journal ${r.path}.`)
  }

  const restored = (backup: BackupInfo, r: RestoreResult) => {
    setRestoring(null)
    onJournalReplaced(restoredMessage(backup, r))
  }

  return (
    <section className="settings-section" aria-labelledby="data-title">
      <h2 id="data-title">Data &amp; backups</h2>
      {location.error && (
        <div className="form-alert" role="alert">
          Could not find the journal: {location.error.message}
        </div>
      )}
      <dl className="settings-facts">
        <dt>Journal file</dt>
        <dd>
          <code>{where?.path ?? '…'}</code>
        </dd>
        <dt>Backups folder</dt>
        <dd>
          <code>{where?.backupsDir ?? '…'}</code>
        </dd>
      </dl>
      <p className="muted small settings-text">
        Wingman backs the journal up the first time you open it each day, before an upgrade of its
        format and before a restore, and keeps the newest 10 of these. Backups you make with “Back
        up now” are never deleted.
      </p>
      <div className="settings-actions">
        <button
          type="button"
          className="btn primary"
          disabled={backupNow.busy}
          onClick={() => void createBackup()}
        >
          {backupNow.busy ? 'Backing up…' : 'Back up now'}
        </button>
        {where?.canOpenAnother ? (
          <button
            type="button"
            className="btn"
            disabled={openOther.busy}
            onClick={() => void openAnother()}
          >
            Open another journal…
          </button>
        ) : (
          where && (
            <span className="muted small">
              Opening another journal is done in the desktop app; in the browser, start Wingman on
              it with <code>wingman serve --db PATH</code>.
            </span>
          )
        )}
      </div>
      <JobProgressBar kind="backups:create" label="Backing up" cancellable={false} />
      {(backupNow.error ?? openOther.error) && (
        <div className="form-alert" role="alert">
          {backupNow.error ?? openOther.error}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <h3 className="settings-subtitle">Backups</h3>
      {backups.error && (
        <div className="form-alert" role="alert">
          Could not list the backups: {backups.error.message}
        </div>
      )}
      {backups.data && (
        <BackupsTable
          backups={backups.data}
          canRestore={where?.canRestore ?? false}
          onRestore={setRestoring}
        />
      )}
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} onRestored={restored} />
    </section>
  )
}
