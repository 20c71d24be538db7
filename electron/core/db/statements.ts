/**
 * Prepared statements once per connection (issue 13, point 5): `stmt(db, sql)` returns the
 * statement prepared for that connection and SQL text, preparing it on first use. The cache lives
 * in a WeakMap keyed by the connection, so a closed and forgotten connection frees its
 * statements with it.
 *
 * better-sqlite3 semantics this relies on:
 * - `.pluck()` / `.raw()` / `.expand()` change the statement object itself, so a cached statement
 *   is never switched by its caller: ask for the mode here (`{ pluck: true }`), which is part of
 *   the key — the plain and the plucked statement of one SQL text are two entries.
 * - A statement that is iterating is busy until its iterator ends; another call of the same
 *   statement meanwhile throws "This statement is busy". `.iterate()` call sites therefore keep
 *   `db.prepare`; only `.get()`, `.all()` and `.run()`, which finish before returning, use this.
 * - Statements are prepared with sqlite3_prepare_v3, which re-prepares by itself after a schema
 *   change, so a cached statement stays valid across migrations.
 *
 * Only fixed SQL texts belong here (an IN-list becomes `IN (SELECT value FROM json_each(?))`).
 * As a safety net against a dynamic text slipping in, each connection keeps at most
 * MAX_STATEMENTS entries and drops the least recently added one beyond that.
 */
import type { Statement } from 'better-sqlite3'
import type { Db } from './connection.ts'

/** Far above the number of fixed SQL texts in the repositories (about a hundred). */
export const MAX_STATEMENTS = 256

export interface StatementMode {
  /** The statement returns the first column's value instead of a row object. */
  pluck?: boolean
}

const caches = new WeakMap<Db, Map<string, Statement>>()

export function stmt(db: Db, sql: string, mode: StatementMode = {}): Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  // A NUL never occurs in our SQL texts: the mode prefix cannot collide with a text.
  const key = mode.pluck ? `p\0${sql}` : sql
  let s = cache.get(key)
  if (s) return s
  s = db.prepare(sql)
  if (mode.pluck) s.pluck()
  if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
  cache.set(key, s)
  return s
}

/** How many statements are cached for a connection (tests). */
export function cachedStatementCount(db: Db): number {
  return caches.get(db)?.size ?? 0
}
