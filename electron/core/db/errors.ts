import { DomainError } from '../../../shared/result.ts'

/**
 * A SQLite failure the user can act on, as a stable code with a message in their words, or
 * null for anything else (a bug, reported as INTERNAL). better-sqlite3 puts the extended
 * result code on `code` (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, SQLITE_CORRUPT_INDEX…).
 */
export function storageError(e: unknown): DomainError | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null
  const base = code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')
  switch (base) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new DomainError(
        'DB_BUSY',
        'The journal is busy: another Wingman (the app, a browser host or a wingman command) held ' +
          'it locked for more than 5 seconds. Nothing was changed; try again.',
      )
    case 'SQLITE_READONLY':
      return new DomainError(
        'DB_READONLY',
        'The journal cannot be written: the file, its folder or the disk is read-only, or it was ' +
          'opened read-only. Nothing was changed.',
      )
    case 'SQLITE_FULL':
      return new DomainError(
        'DB_FULL',
        'The disk holding the journal is full. Nothing was changed; free some space and try again.',
      )
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new DomainError(
        'DB_CORRUPT',
        'The journal file is damaged (SQLite reports it malformed). Nothing more was changed; ' +
          'restart Wingman to open it read-only, and salvage it with: wingman salvage --db PATH --out NEW',
      )
    default:
      return null
  }
}
