import type Database from 'better-sqlite3'
import { DomainError } from '../../../shared/result.ts'
import { journalState } from './journalState.ts'

/**
 * Runs `fn` in a write transaction that takes the write lock first (`BEGIN IMMEDIATE`).
 *
 * A deferred transaction that reads before it writes cannot wait for the lock: when another
 * connection commits in between, SQLite must fail it at once (SQLITE_BUSY_SNAPSHOT) whatever
 * the busy timeout. Taking the lock at BEGIN means the busy timeout applies and the reads inside
 * see the latest data. Inside another transaction it becomes a savepoint. A journal opened
 * read-only because it is damaged refuses here, with the reason, before anything runs.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  const state = journalState(db)
  if (state.readOnly)
    throw new DomainError(
      state.code ?? 'DB_READONLY',
      `Nothing was saved: ${state.problem ?? 'the journal is open read-only.'}`,
    )
  return db.transaction(fn).immediate()
}
