import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, dirname } from 'node:path'
import Database from 'better-sqlite3'
import { DomainError } from '../../../shared/result.ts'
import { newBackupPath, pruneAutomaticBackups, readSqliteHeader } from '../db/backupFiles.ts'
import type { Db } from '../db/connection.ts'
import {
  assertCompatible,
  integrityProblem,
  loadMigrations,
  WINGMAN_APPLICATION_ID,
  type Migration,
} from '../db/migrate.ts'

/**
 * Putting a backup (or any journal file) in place of the journal, safely:
 *
 * 1. the file is checked first — a SQLite database, Wingman's (application id, or the tables of a
 *    journal from before ids), a schema this app reads (a newer one is refused; an older one is
 *    upgraded when it is opened after the restore), and `integrity_check` passes;
 * 2. the current journal is kept as a `before-restore` backup;
 * 3. a clean copy of the file (VACUUM INTO, so committed changes still in a -wal beside it come
 *    along) is written beside the journal and fsynced;
 * 4. nobody else may have the journal open (switching it out of WAL needs every other connection
 *    closed — the app, a `wingman serve`, a command); stale -wal/-shm/-journal files of the old
 *    journal are removed, and the copy is renamed over the journal (atomic on one file system)
 *    and the folder fsynced.
 * Every refusal says what is wrong with which file, in words, and changes nothing.
 */

export interface CheckedJournalFile {
  /** The file's schema version. */
  schemaVersion: number
  /** An open, read-only view of the file, for copying; close it. */
  db: Db
  /** Removes what opening it left beside the file (a -shm SQLite made for a WAL file). */
  close: () => void
}

const notJournal = (name: string, why: string) =>
  new DomainError('DB_FOREIGN', `${name} is not a Wingman journal (${why}). Nothing was changed.`)

/**
 * Checks that `file` can be restored (step 1 above) and opens it read-only for the copy.
 * Throws a DomainError naming the file.
 */
export function openRestorable(
  file: string,
  migrations: Migration[] = loadMigrations(),
): CheckedJournalFile {
  const name = basename(file)
  const st = statSync(file, { throwIfNoEntry: false })
  if (!st) throw new DomainError('NOT_FOUND', `There is no file ${file}. Nothing was changed.`)
  if (!st.isFile()) throw notJournal(name, 'it is a folder, not a file')
  const header = readSqliteHeader(file)
  if (!header.sqlite) throw notJournal(name, 'it is not a SQLite database')
  if (header.applicationId !== WINGMAN_APPLICATION_ID && header.applicationId !== 0)
    throw notJournal(name, 'it is another program’s database')
  const walBytes = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0
  const shm = `${file}-shm`
  const hadShm = existsSync(shm)
  let db: Db
  try {
    if (walBytes > 0) {
      // Committed changes may still be in the -wal: read the file as SQLite would.
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: 0 })
    } else {
      // A private copy: nothing is created beside the file. An in-memory database cannot use
      // WAL, so the copy's header is marked as a rollback-journal file.
      const bytes = readFileSync(file)
      if (bytes[18] === 2) bytes[18] = 1
      if (bytes[19] === 2) bytes[19] = 1
      db = new Database(bytes)
    }
  } catch (e) {
    throw notJournal(name, `SQLite cannot read it: ${(e as Error).message}`)
  }
  const close = () => {
    db.close()
    if (walBytes > 0 && !hadShm) rmSync(shm, { force: true })
  }
  try {
    let version: number
    try {
      version = assertCompatible(db, migrations)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      if (e.code === 'DB_NEWER') {
        const found = db.pragma('user_version', { simple: true }) as number
        throw new DomainError(
          'DB_NEWER',
          `${name} was written by a newer Wingman (schema ${found}; this app reads up to ` +
            `${migrations.length}). Update Wingman to restore it. Nothing was changed.`,
        )
      }
      throw notJournal(name, 'its tables are not a journal’s')
    }
    if (version === 0) throw notJournal(name, 'it is an empty database')
    const problem = integrityProblem(db, 'integrity_check')
    if (problem)
      throw new DomainError(
        'DB_CORRUPT',
        `${name} fails SQLite's integrity check (${problem}); it cannot be restored. Nothing was changed.`,
      )
    return { schemaVersion: version, db, close }
  } catch (e) {
    close()
    throw e
  }
}

function fsyncPath(path: string, flags = 'r'): void {
  const fd = openSync(path, flags)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** fsync of a folder makes a rename in it durable; Windows cannot open folders (it need not). */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return
  fsyncPath(dir)
}

/**
 * Step 3: a clean, fsynced copy of the checked file beside the journal, under a temporary name.
 */
export function stageCopy(checked: CheckedJournalFile, journalPath: string, at: Date): string {
  const tmp = `${journalPath}.restoring-${process.pid}-${at.getTime()}`
  rmSync(tmp, { force: true })
  try {
    checked.db.prepare('VACUUM INTO ?').run(tmp)
    fsyncPath(tmp, 'r+')
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
  return tmp
}

const IN_USE =
  'Another Wingman has this journal open (the app, a `wingman serve` or a wingman command): ' +
  'close it, then restore again. Nothing was changed.'

/**
 * Throws DB_BUSY when any other connection has the journal open. Leaving WAL mode needs every
 * other connection closed, so asking for it (without waiting) is the test; it also checkpoints
 * the -wal into the file, which then holds the whole journal. A file SQLite cannot read at all
 * (the damage a restore repairs) is not in use by anyone's Wingman.
 */
export function assertNotInUse(journalPath: string): void {
  if (!existsSync(journalPath)) return
  let db: Db | null = null
  try {
    db = new Database(journalPath, { fileMustExist: true, timeout: 0 })
    db.pragma('journal_mode = DELETE')
  } catch (e) {
    const code = (e as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new DomainError('DB_BUSY', IN_USE)
  } finally {
    db?.close()
  }
}

/**
 * Step 4: the staged copy becomes the journal. The old journal's -wal, -shm and rollback journal
 * are removed first: SQLite would otherwise replay them into the new file.
 */
export function installCopy(staged: string, journalPath: string): void {
  try {
    assertNotInUse(journalPath)
  } catch (e) {
    rmSync(staged, { force: true })
    throw e
  }
  for (const f of [`${journalPath}-wal`, `${journalPath}-shm`, `${journalPath}-journal`])
    rmSync(f, { force: true })
  renameSync(staged, journalPath)
  fsyncDir(dirname(journalPath))
}

/**
 * Step 2: keeps the journal at `journalPath` as a `before-restore` backup and returns its path
 * (null when there is no journal file). A complete copy through SQLite when it can read the
 * journal (`db`, the open connection, or a read-only one); otherwise — a journal too damaged to
 * copy — the file as it is, with its -wal.
 */
export function keepCurrentJournal(journalPath: string, at: Date, db?: Db): string | null {
  const st = statSync(journalPath, { throwIfNoEntry: false })
  if (!st?.isFile() || st.size === 0) return null
  const target = newBackupPath(journalPath, 'before-restore', at)
  let own: Db | null = null
  try {
    const source = db ?? (own = new Database(journalPath, { readonly: true, fileMustExist: true }))
    source.prepare('VACUUM INTO ?').run(target)
  } catch {
    rmSync(target, { force: true })
    copyFileSync(journalPath, target)
    if (existsSync(`${journalPath}-wal`)) copyFileSync(`${journalPath}-wal`, `${target}-wal`)
  } finally {
    own?.close()
  }
  fsyncPath(target, 'r+')
  pruneAutomaticBackups(journalPath)
  return target
}

export interface FileRestore {
  /** The before-restore backup of the replaced journal, or null. */
  keptAs: string | null
  schemaVersion: number
}

/**
 * The whole restore for a journal nobody has open (`wingman restore`): check `from`, refuse when
 * the journal is in use, keep the journal, put the copy in place. The caller opens the journal
 * afterwards, which upgrades an older schema (after its own before-migration backup).
 */
export function restoreJournalFile(
  journalPath: string,
  from: string,
  at: Date,
  migrations: Migration[] = loadMigrations(),
): FileRestore {
  const checked = openRestorable(from, migrations)
  let staged: string
  try {
    assertNotInUse(journalPath)
    staged = stageCopy(checked, journalPath, at)
  } finally {
    checked.close()
  }
  let keptAs: string | null
  try {
    keptAs = keepCurrentJournal(journalPath, at)
  } catch (e) {
    rmSync(staged, { force: true })
    throw e
  }
  installCopy(staged, journalPath)
  return { keptAs, schemaVersion: checked.schemaVersion }
}
