import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { DomainError } from '../../../shared/result.ts'
import { assertCompatible, WINGMAN_APPLICATION_ID, type Migration } from './migrate.ts'

/** What is at a journal path before Wingman opens it for writing. */
export type JournalFileKind = 'missing' | 'empty' | 'journal'

const MAGIC = 'SQLite format 3\u0000'
const UNCHANGED = 'It was not changed.'

const notUsable = (path: string, why: string) =>
  new DomainError(
    'DB_CORRUPT',
    `The file at ${path} is not a usable SQLite database (${why}). ${UNCHANGED}`,
  )

/**
 * Decides whether `path` may be opened as a journal without letting SQLite write to it:
 * opening a file read-write can switch it to WAL, leave -wal/-shm files beside it or roll back
 * a hot journal, so a file that is not Wingman's must be judged first.
 *
 * - no file, or a 0-byte one (with no -wal): a new journal;
 * - not a SQLite file: refused (DB_CORRUPT);
 * - WINGMAN_APPLICATION_ID in the header: a journal (the open checks its version);
 * - another application id: refused (DB_FOREIGN);
 * - id 0 (journals before migration 004, empty databases, most other programs' files): judged by
 *   assertCompatible on a private in-memory copy of the file, or — when a -wal holds committed
 *   changes the main file does not have yet — on a read-only connection whose -shm is removed
 *   again when it was not there before.
 * Throws a DomainError for a refusal; the file, its mode and its neighbours stay as they were.
 */
export function recogniseJournalFile(path: string, migrations: Migration[]): JournalFileKind {
  const st = statSync(path, { throwIfNoEntry: false })
  if (!st) return 'missing'
  if (!st.isFile()) throw notUsable(path, 'it is a folder or a device, not a file')
  const walBytes = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0
  if (st.size === 0 && walBytes === 0) return 'empty'
  if (st.size > 0) {
    const header = Buffer.alloc(100)
    const fd = openSync(path, 'r')
    let read: number
    try {
      read = readSync(fd, header, 0, 100, 0)
    } finally {
      closeSync(fd)
    }
    if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC)
      throw notUsable(path, 'no SQLite header')
    const appId = header.readInt32BE(68)
    if (appId === WINGMAN_APPLICATION_ID) return 'journal'
    if (appId !== 0)
      throw new DomainError(
        'DB_FOREIGN',
        `The file at ${path} belongs to another program (SQLite application id 0x${(appId >>> 0).toString(16)}); it is not a Wingman journal. ${UNCHANGED}`,
      )
  }
  judgeCopy(path, walBytes > 0, migrations)
  return 'journal'
}

function judgeCopy(path: string, hasWal: boolean, migrations: Migration[]): void {
  const shm = `${path}-shm`
  const hadShm = existsSync(shm)
  let db: Database.Database | null = null
  try {
    if (hasWal) {
      db = new Database(path, { readonly: true, fileMustExist: true })
    } else {
      const bytes = readFileSync(path)
      // An in-memory copy cannot use WAL: mark the copy's header as a rollback-journal file.
      if (bytes[18] === 2) bytes[18] = 1
      if (bytes[19] === 2) bytes[19] = 1
      db = new Database(bytes)
    }
    assertCompatible(db, migrations)
  } catch (e) {
    if (e instanceof DomainError) throw withPath(e, path)
    throw notUsable(path, (e as Error).message)
  } finally {
    db?.close()
    if (hasWal && !hadShm) rmSync(shm, { force: true })
  }
}

const withPath = (e: DomainError, path: string) =>
  new DomainError(e.code, e.message.replace(/^This (SQLite file|journal)/, `The $1 at ${path}`))
