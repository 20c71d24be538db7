import type Database from 'better-sqlite3'

/**
 * A cheap "has anyone else changed this journal?" check: `PRAGMA data_version` changes when
 * another connection — another process, a second browser host, the CLI — commits to the file
 * (not on this connection's own commits, which its owner invalidates itself).
 *
 * A cache reads the version *before* reading the data: a commit landing in between then shows
 * as a newer version on the next call, and the data is read again rather than missed.
 */
export function dataVersionReader(db: Database.Database): () => number {
  const statement = db.prepare('PRAGMA data_version').pluck()
  return () => statement.get() as number
}
