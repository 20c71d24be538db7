/**
 * Errors travel as data across every boundary (IPC, HTTP, CLI): a stable `code` a program can
 * branch on, a human `message`, and for validation failures the message per field path.
 */
export type ErrorCode =
  | 'VALIDATION' // the request did not match the channel's schema or a domain rule
  | 'NOT_FOUND' // the referenced record does not exist
  | 'CONFLICT' // the request clashes with stored data (e.g. a duplicate name)
  | 'UNKNOWN_CHANNEL' // no such contract channel
  | 'FORBIDDEN' // the caller is not allowed to use the contract (bad IPC sender, bad Host)
  | 'UNAUTHORIZED' // the browser host token is missing or wrong
  | 'DB_NEWER' // the journal was written by a newer Wingman
  | 'DB_CORRUPT' // the journal file is damaged or not a usable SQLite database
  | 'DB_FOREIGN' // the file is a SQLite database of another program, left untouched
  | 'DB_BUSY' // another process kept the journal locked longer than the busy timeout
  | 'DB_READONLY' // the journal cannot be written (permissions, read-only disk or mode)
  | 'DB_FULL' // the disk holding the journal is full
  | 'CANCELLED' // the user cancelled a long job; its work was rolled back
  | 'INTERNAL' // a bug: the message says what failed, details are in the log

export interface WireError {
  code: ErrorCode
  message: string
  /** Validation messages keyed by field path (`shortCall`, `tags.2`). */
  fields?: Record<string, string>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = (
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
})

/** A failure a service raises on purpose; the dispatcher turns it into `{ ok: false }`. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly fields: Record<string, string> | undefined
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.fields = fields
  }
}

/** Compile-time exhaustiveness check for switches over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
