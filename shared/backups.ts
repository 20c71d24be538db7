/**
 * Backups of the journal as the app shows them (Settings → Data & backups) and the contract
 * carries them. Files live in a `backups` folder beside the journal; see
 * electron/core/db/backupFiles.ts for names and electron/core/services/backups.ts for the rules.
 */

/**
 * `manual`: "Back up now" — never deleted by Wingman. The others are automatic and the newest
 * ten of them are kept: `daily` (the first time the app or `wingman serve` opens the journal on
 * a New York day), `before-migration` (before a newer Wingman upgrades the schema),
 * `before-restore` (the journal a restore replaced).
 */
export const BACKUP_KINDS = ['manual', 'daily', 'before-migration', 'before-restore'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

export interface BackupInfo {
  /** The file name in the backups folder; restores refer to a backup by it, never by a path. */
  name: string
  /** When it was taken, UTC ISO-8601 to the second. */
  takenAt: string
  kind: BackupKind
  bytes: number
  /** The journal schema inside (read from the file's header); null when it is not a journal. */
  schemaVersion: number | null
}

export interface JournalLocation {
  /** The journal file that is open. */
  path: string
  /** Where its backups are kept. */
  backupsDir: string
  /** Restoring needs a running app or host that can reopen the journal. */
  canRestore: boolean
  /** "Open another journal…" is a desktop action (a native file dialog). */
  canOpenAnother: boolean
}

export interface RestoreResult {
  /** The backup that is now the journal. */
  restored: string
  /** The backup made of the journal it replaced (null when there was no journal file). */
  keptAs: string | null
  /** The schema of the backup; an older one was upgraded when it was opened. */
  schemaVersion: number
  /** Set when the restored journal was upgraded to the app's schema. */
  migratedTo: number | null
}

/** What the app says about a backup's kind. */
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  manual: 'Backed up by you',
  daily: 'Daily',
  'before-migration': 'Before an upgrade',
  'before-restore': 'Before a restore',
}
