import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

/** Keys of the app_state table (migration 004). */
export type AppStateKey = 'bundled_market' | 'default_ruleset' | 'market_updates'

/** The recorded value of a step, or null when it has not finished. */
export function getAppState(db: Db, key: AppStateKey): string | null {
  const value = stmt(db, 'SELECT value FROM app_state WHERE key = ?', { pluck: true }).get(key) as
    string | undefined
  return value ?? null
}

export function setAppState(db: Db, key: AppStateKey, value: string, now: string): void {
  stmt(
    db,
    `INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, now)
}
