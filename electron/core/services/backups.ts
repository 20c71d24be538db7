import { rmSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { BackupInfo, BackupKind } from '../../../shared/backups.ts'
import { nyDateOf } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import {
  AUTOMATIC_BACKUP_KINDS,
  listBackupFiles,
  newBackupPath,
  parseBackupName,
  pruneAutomaticBackups,
  readSqliteHeader,
  type BackupFile,
} from '../db/backupFiles.ts'
import type { Db } from '../db/connection.ts'
import { WINGMAN_APPLICATION_ID } from '../db/migrate.ts'

/**
 * The journal's backups (a `backups` folder beside it, see db/backupFiles.ts): list them, take
 * one now, take the daily one, find one by name. Restoring is done by whoever holds the open
 * journal (services/journalSession.ts) through io/restore.ts.
 *
 * Rules: a backup is a complete SQLite copy made with VACUUM INTO (consistent while the journal
 * is in use). Manual backups are never deleted by Wingman; after each automatic one (daily,
 * before a migration, before a restore) only the newest 10 automatic ones are kept. The daily
 * backup is taken when the app or `wingman serve` opens the journal and no daily backup exists
 * for that New York day; one-shot commands do not take it.
 */

function describe(file: BackupFile): BackupInfo {
  let bytes = 0
  let schemaVersion: number | null = null
  try {
    bytes = statSync(file.path).size
    const h = readSqliteHeader(file.path)
    // A journal from before application ids (schema < 4) has id 0.
    if (h.sqlite && (h.applicationId === WINGMAN_APPLICATION_ID || h.applicationId === 0))
      schemaVersion = h.userVersion
  } catch {
    // unreadable: listed with what its name says
  }
  return { name: file.name, takenAt: file.takenAt, kind: file.kind, bytes, schemaVersion }
}

/** Every backup of the journal at `journalPath`, newest first. */
export function listBackups(journalPath: string): BackupInfo[] {
  return listBackupFiles(journalPath).map(describe)
}

/**
 * Takes a backup of the open journal now. Automatic kinds prune the oldest automatic backups
 * beyond ten; a manual one prunes nothing.
 */
export function createBackup(db: Db, journalPath: string, kind: BackupKind, now: Date): BackupInfo {
  const path = newBackupPath(journalPath, kind, now)
  try {
    db.prepare('VACUUM INTO ?').run(path)
  } catch (e) {
    rmSync(path, { force: true })
    const code = (e as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
      throw new DomainError(
        'DB_CORRUPT',
        'The journal is damaged, so SQLite cannot copy it. Salvage it instead: wingman salvage --db PATH --out NEW',
      )
    throw e
  }
  if (AUTOMATIC_BACKUP_KINDS.includes(kind)) pruneAutomaticBackups(journalPath)
  const file = parseBackupName(journalPath, basename(path))
  if (!file) throw new Error(`backup name not recognised: ${path}`)
  return describe(file)
}

/** True when no daily backup was taken on `now`'s New York date. */
export function dailyBackupDue(journalPath: string, now: Date): boolean {
  const today = nyDateOf(now)
  return !listBackupFiles(journalPath).some(
    (b) => b.kind === 'daily' && nyDateOf(new Date(b.takenAt)) === today,
  )
}

/** The daily backup, when it is due; null when today's exists. */
export function ensureDailyBackup(db: Db, journalPath: string, now: Date): BackupInfo | null {
  return dailyBackupDue(journalPath, now) ? createBackup(db, journalPath, 'daily', now) : null
}

/** The file of the backup called `name`; refused unless it is one of this journal's backups. */
export function backupPathByName(journalPath: string, name: string): string {
  const file = listBackupFiles(journalPath).find((b) => b.name === name)
  if (!file)
    throw new DomainError(
      'NOT_FOUND',
      `There is no backup called ${name.slice(0, 120)}; the list may be out of date — look again.`,
    )
  return file.path
}
