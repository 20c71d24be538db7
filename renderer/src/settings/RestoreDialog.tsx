import type { BackupInfo, RestoreResult } from '../../../shared/backups.ts'
import { JobProgressBar } from '../jobs/JobProgressBar.tsx'
import { api } from '../lib/api.ts'
import { ModalDialog } from '../ui/ModalDialog.tsx'
import { useAction } from '../ui/useAction.ts'
import { backupTitle, fileSize } from './backupFormat.ts'

/**
 * "Restore…" of one backup: says what happens — the journal is replaced by the backup, and kept
 * as a backup first so nothing is lost — and restores by the backup's name (never a path).
 */
export function RestoreDialog(props: {
  backup: BackupInfo | null
  onClose: () => void
  onRestored: (backup: BackupInfo, result: RestoreResult) => void
}) {
  const { backup, onClose, onRestored } = props
  const action = useAction()
  const close = () => {
    action.reset()
    onClose()
  }
  async function restore() {
    if (!backup) return
    const r = await action.run(() => api['backups:restore']({ name: backup.name }))
    if (r) onRestored(backup, r)
  }
  return (
    <ModalDialog
      open={backup !== null}
      title="Restore this backup?"
      description={
        backup && (
          <>
            The journal will be replaced by the backup “{backupTitle(backup)}”. Your current journal
            is kept as a backup first, so you can go back to it from this list.
          </>
        )
      }
      busy={action.busy}
      error={action.error}
      submitLabel="Restore"
      busyLabel="Restoring…"
      danger
      className="restore-dialog"
      onClose={close}
      onSubmit={() => void restore()}
    >
      {backup && (
        <dl className="restore-facts">
          <dt>File</dt>
          <dd>
            <code>{backup.name}</code>
          </dd>
          <dt>Size</dt>
          <dd>{fileSize(backup.bytes)}</dd>
          {backup.schemaVersion !== null && (
            <>
              <dt>Journal format</dt>
              <dd>v{backup.schemaVersion}</dd>
            </>
          )}
        </dl>
      )}
      <JobProgressBar kind="backups:restore" label="Restoring" />
    </ModalDialog>
  )
}
