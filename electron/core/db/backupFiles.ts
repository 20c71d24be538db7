import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { BACKUP_KINDS, type BackupKind } from '../../../shared/backups.ts'

export { BACKUP_KINDS, type BackupKind }

/**
 * Where a journal's backups live and what they are called: a `backups` folder beside the journal,
 * one complete SQLite file per backup named `<journal stem>-<UTC time>-<kind>.sqlite`, e.g.
 * `wingman-2026-11-27T16-05-00Z-daily.sqlite` for `wingman.sqlite`. The name carries all a
 * listing needs (time, kind); the schema version is read from the file's header.
 *
 * Kinds: `manual` ("Back up now", `wingman backup` into the folder) is never deleted by Wingman;
 * the automatic ones — `daily` (first open of the day), `before-migration` (before a newer
 * Wingman upgrades the schema) and `before-restore` (the journal a restore replaced) — are pruned
 * to the newest AUTOMATIC_BACKUPS_KEPT together.
 */

export const AUTOMATIC_BACKUP_KINDS: readonly BackupKind[] = [
  'daily',
  'before-migration',
  'before-restore',
]

/** How many automatic backups are kept (manual ones are never pruned). */
export const AUTOMATIC_BACKUPS_KEPT = 10

export const BACKUPS_FOLDER = 'backups'

/** The backups folder of the journal at `journalPath`. */
export const backupsDirOf = (journalPath: string): string =>
  join(dirname(journalPath), BACKUPS_FOLDER)

/** `wingman.sqlite` → `wingman`: the prefix of this journal's backup names. */
const stemOf = (journalPath: string): string =>
  basename(journalPath).replace(/\.(sqlite3?|db3?)$/i, '') || 'journal'

/** 2026-11-27T16:05:00.123Z → 2026-11-27T16-05-00Z (seconds, no characters Windows refuses). */
export const backupStamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export interface BackupFile {
  /** The file name inside the backups folder; what the app and the contract refer to. */
  name: string
  path: string
  /** When it was taken (UTC, to the second). */
  takenAt: string
  kind: BackupKind
  /** Same-second backups of one kind are numbered 2, 3…; 1 for the first. */
  seq: number
}

/** Reads a backup's name back; null for files that are not this journal's backups. */
export function parseBackupName(journalPath: string, name: string): BackupFile | null {
  const re = new RegExp(
    `^${escapeRe(stemOf(journalPath))}-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z-(${BACKUP_KINDS.join('|')})(?:-(\\d{1,4}))?\\.sqlite$`,
  )
  const m = re.exec(name)
  if (!m) return null
  const takenAt = `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`
  if (Number.isNaN(Date.parse(takenAt))) return null
  return {
    name,
    path: join(backupsDirOf(journalPath), name),
    takenAt,
    kind: m[5] as BackupKind,
    seq: m[6] ? Number(m[6]) : 1,
  }
}

/** Newest first: by time, then by same-second number. */
const newestFirst = (a: BackupFile, b: BackupFile) =>
  b.takenAt.localeCompare(a.takenAt) || b.seq - a.seq

/** This journal's backups in its backups folder, newest first (other files are ignored). */
export function listBackupFiles(journalPath: string): BackupFile[] {
  let names: string[]
  try {
    names = readdirSync(backupsDirOf(journalPath))
  } catch {
    return []
  }
  return names
    .map((n) => parseBackupName(journalPath, n))
    .filter((b): b is BackupFile => b !== null)
    .sort(newestFirst)
}

/**
 * A new, unused backup path for `kind` at `at` (the folder is created): a second backup of the
 * same kind in the same second gets `-2`, `-3`… so no backup is ever overwritten.
 */
export function newBackupPath(journalPath: string, kind: BackupKind, at: Date): string {
  const dir = backupsDirOf(journalPath)
  mkdirSync(dir, { recursive: true })
  const base = `${stemOf(journalPath)}-${backupStamp(at)}-${kind}`
  for (let seq = 1; ; seq++) {
    const path = join(dir, `${base}${seq === 1 ? '' : `-${seq}`}.sqlite`)
    if (!statSync(path, { throwIfNoEntry: false })) return path
  }
}

/**
 * Deletes automatic backups beyond the newest `keep`; manual ones are never touched. Returns
 * the names deleted.
 */
export function pruneAutomaticBackups(
  journalPath: string,
  keep = AUTOMATIC_BACKUPS_KEPT,
): string[] {
  const stale = listBackupFiles(journalPath)
    .filter((b) => AUTOMATIC_BACKUP_KINDS.includes(b.kind))
    .slice(keep)
  // A raw copy of a damaged journal may carry its -wal beside it.
  for (const b of stale)
    for (const f of [b.path, `${b.path}-wal`, `${b.path}-shm`]) rmSync(f, { force: true })
  return stale.map((b) => b.name)
}

export interface SqliteHeader {
  /** False when the file does not start with SQLite's magic string. */
  sqlite: boolean
  applicationId: number
  userVersion: number
}

/**
 * The first 100 bytes of a SQLite file, read without opening it as a database (nothing is
 * written beside it): the magic string, the user version (offset 60) and application id (68).
 */
export function readSqliteHeader(path: string): SqliteHeader {
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  let read: number
  try {
    read = readSync(fd, header, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  const sqlite = read === 100 && header.toString('latin1', 0, 16) === 'SQLite format 3\u0000'
  return {
    sqlite,
    userVersion: sqlite ? header.readInt32BE(60) : 0,
    applicationId: sqlite ? header.readInt32BE(68) : 0,
  }
}
