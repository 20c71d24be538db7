import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

export interface RulesetRow {
  id: string
  name: string
  description: string
  builtin: boolean
  createdAt: string
  latestVersion: number
}

export interface RulesetVersionRow {
  rulesetId: string
  version: number
  /** The ruleset JSON exactly as stored (validated before it was written). */
  definition: string
  createdAt: string
}

export function listRulesets(db: Db): RulesetRow[] {
  return (
    stmt(
      db,
      `SELECT r.id, r.name, r.description, r.builtin, r.created_at AS createdAt, max(v.version) AS latestVersion
           FROM rulesets r JOIN ruleset_versions v ON v.ruleset_id = r.id
          GROUP BY r.id ORDER BY r.builtin DESC, r.name`,
    ).all() as (Omit<RulesetRow, 'builtin'> & { builtin: number })[]
  ).map((r) => ({ ...r, builtin: r.builtin === 1 }))
}

/** One version of a ruleset; the latest when `version` is omitted. */
export function getRulesetVersion(db: Db, id: string, version?: number): RulesetVersionRow | null {
  const row =
    version === undefined
      ? stmt(
          db,
          `SELECT ruleset_id AS rulesetId, version, definition, created_at AS createdAt FROM ruleset_versions
              WHERE ruleset_id = ? ORDER BY version DESC LIMIT 1`,
        ).get(id)
      : stmt(
          db,
          `SELECT ruleset_id AS rulesetId, version, definition, created_at AS createdAt FROM ruleset_versions
              WHERE ruleset_id = ? AND version = ?`,
        ).get(id, version)
  return (row as RulesetVersionRow | undefined) ?? null
}

export function listRulesetVersions(db: Db, id: string): RulesetVersionRow[] {
  return stmt(
    db,
    `SELECT ruleset_id AS rulesetId, version, definition, created_at AS createdAt FROM ruleset_versions
        WHERE ruleset_id = ? ORDER BY version DESC`,
  ).all(id) as RulesetVersionRow[]
}

export function insertRuleset(
  db: Db,
  r: { id: string; name: string; description: string; builtin: boolean; createdAt: string },
): void {
  stmt(
    db,
    'INSERT INTO rulesets (id, name, description, builtin, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(r.id, r.name, r.description, r.builtin ? 1 : 0, r.createdAt)
}

export function insertRulesetVersion(db: Db, v: RulesetVersionRow): void {
  stmt(
    db,
    'INSERT INTO ruleset_versions (ruleset_id, version, definition, created_at) VALUES (?, ?, ?, ?)',
  ).run(v.rulesetId, v.version, v.definition, v.createdAt)
}
