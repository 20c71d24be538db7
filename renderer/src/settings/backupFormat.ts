import { BACKUP_KIND_LABELS, type BackupInfo, type RestoreResult } from '../../../shared/backups.ts'
import { instantShort } from '../lib/format.ts'

/** A file size in the units people read: 900 → "900 bytes", 12_345 → "12 kB", 5_312_512 → "5.3 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`
}

/** When a backup was taken, in New York time like every other time in the app. */
export const backupWhen = (b: Pick<BackupInfo, 'takenAt'>): string => instantShort(b.takenAt)

/** "Daily, 2026-11-27 11:05 ET": how the app names one backup in a sentence. */
export const backupTitle = (b: Pick<BackupInfo, 'takenAt' | 'kind'>): string =>
  `${BACKUP_KIND_LABELS[b.kind]}, ${backupWhen(b)}`

/**
 * What the app says after a restore: which backup is now the journal, the upgrade if there was
 * one, and where the journal it replaced went.
 */
export function restoredMessage(backup: BackupInfo, r: RestoreResult): string {
  return (
    `Restored the backup “${backupTitle(backup)}”.` +
    (r.migratedTo !== null ? ` It was upgraded to this Wingman's journal format.` : '') +
    (r.keptAs ? ' The journal it replaced is kept as the newest backup (“Before a restore”).' : '')
  )
}
