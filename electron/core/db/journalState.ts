import type Database from 'better-sqlite3'

/**
 * What the app must tell the user about the open journal: a damaged journal is opened
 * read-only (so nothing more is lost) and every write is refused with `code` and `problem`.
 */
export interface JournalState {
  readOnly: boolean
  /** The banner text, or null when the journal is fine. */
  problem: string | null
  /** The error code writes fail with while `readOnly`. */
  code: 'DB_CORRUPT' | 'DB_READONLY' | null
}

export const WRITABLE: JournalState = { readOnly: false, problem: null, code: null }

// Per connection, like a prepared-statement cache: no process-wide "current journal".
const states = new WeakMap<Database.Database, JournalState>()

export function setJournalState(db: Database.Database, state: JournalState): void {
  states.set(db, state)
}

/** The state openJournal recorded; a connection it did not open is judged by its mode. */
export function journalState(db: Database.Database): JournalState {
  return (
    states.get(db) ??
    (db.readonly
      ? {
          readOnly: true,
          problem: 'The journal is open read-only; changes cannot be saved.',
          code: 'DB_READONLY',
        }
      : WRITABLE)
  )
}
