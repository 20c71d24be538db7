import { existsSync, statSync } from 'node:fs'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'

/**
 * Writes a complete, consistent copy of the journal to `target` with SQLite's VACUUM INTO (a
 * single compacted file, safe while the app has the journal open). Never overwrites a file.
 */
export function backupJournal(db: Db, target: string): { path: string; bytes: number } {
  if (existsSync(target))
    throw new DomainError('CONFLICT', `${target} already exists; choose a new file name`)
  db.prepare('VACUUM INTO ?').run(target)
  return { path: target, bytes: statSync(target).size }
}
