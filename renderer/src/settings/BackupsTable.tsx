import { BACKUP_KIND_LABELS, type BackupInfo } from '../../../shared/backups.ts'
import { backupWhen, fileSize } from './backupFormat.ts'

/** The journal's backups, newest first, each with "Restore…" where this shell can restore. */
export function BackupsTable(props: {
  backups: BackupInfo[]
  canRestore: boolean
  onRestore: (backup: BackupInfo) => void
}) {
  const { backups, canRestore, onRestore } = props
  if (backups.length === 0)
    return (
      <p className="backups-empty muted">
        No backups yet. “Back up now” makes one; Wingman also makes one each day you open it.
      </p>
    )
  return (
    <table className="grid-table backups-table" aria-label="Backups">
      <thead>
        <tr>
          <th scope="col">Taken</th>
          <th scope="col">Kind</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">File</th>
          {canRestore && (
            <th scope="col">
              <span className="settings-sr-only">Restore</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => (
          <tr key={b.name}>
            <td>{backupWhen(b)}</td>
            <td>
              <span className={`badge backup-kind ${b.kind}`}>{BACKUP_KIND_LABELS[b.kind]}</span>
            </td>
            <td className="num">{fileSize(b.bytes)}</td>
            <td className="backup-file muted small" title={b.name}>
              {b.name}
            </td>
            {canRestore && (
              <td className="backup-action">
                <button
                  type="button"
                  className="btn"
                  aria-label={`Restore the backup of ${backupWhen(b)} (${BACKUP_KIND_LABELS[b.kind]})`}
                  onClick={() => onRestore(b)}
                >
                  Restore…
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
