import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { openTestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

function wingman(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** Every position and fill row, ids and times included: identical journals give equal text. */
function rows(path: string) {
  const db = new Database(path, { readonly: true })
  try {
    const positions = db
      .prepare(
        'SELECT id, underlying, structure, status, opened_on, closed_on FROM positions ORDER BY id',
      )
      .all()
    const fills = db
      .prepare(
        'SELECT id, leg_id, adjustment_id, executed_at, side, effect, quantity, price_e4, fees_e4 FROM fills ORDER BY id',
      )
      .all()
    return JSON.stringify({ positions, fills })
  } finally {
    db.close()
  }
}

describe('wingman demo', () => {
  const tmp = useTempDir()

  const demo = (seed: string) => {
    const dir = tmp()
    const path = join(dir, 'journal.sqlite')
    expect(wingman('init', '--db', path).code).toBe(0)
    const r = wingman('demo', '--db', path, '--positions', '200', '--seed', seed)
    expect(r.err).toMatch(/demo: 200 \/ 200 positions/)
    expect(r.code).toBe(0)
    return { dir, path, summary: JSON.parse(r.out) as Record<string, number> }
  }

  it('fills a fresh journal with condors, rolls, hedge layers, expiries and decisions; deterministic by seed; refuses a non-empty journal', async () => {
    const a = demo('7')
    expect(a.summary).toMatchObject({ positions: 200 })
    expect(a.summary.fills).toBeGreaterThan(800)
    expect(a.summary.rolls).toBeGreaterThan(0)
    expect(a.summary.hedges).toBeGreaterThan(0)
    expect(a.summary.expiries).toBeGreaterThan(0)
    expect(a.summary.decisions).toBeGreaterThan(0)

    const db = new Database(a.path, { readonly: true })
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    expect(count('SELECT count(*) AS n FROM positions')).toBe(200)
    expect(count('SELECT count(*) AS n FROM fills')).toBe(a.summary.fills)
    expect(count("SELECT count(*) AS n FROM adjustments WHERE kind = 'roll'")).toBe(a.summary.rolls)
    expect(count('SELECT count(*) AS n FROM hedge_layers')).toBe(a.summary.hedges)
    expect(count("SELECT count(*) AS n FROM adjustments WHERE kind = 'expire'")).toBe(
      a.summary.expiries,
    )
    expect(count('SELECT count(*) AS n FROM decisions')).toBe(a.summary.decisions)
    expect(
      count("SELECT count(*) AS n FROM legs WHERE instrument_type = 'future'"),
    ).toBeGreaterThan(0)
    db.close()

    const j = openTestJournal(a.dir, new Date())
    const listed = await j.call('positions:list', {})
    j.db.close()
    expect(listed.positions).toHaveLength(200)
    expect(listed.positions.filter((p) => p.figuresError !== null)).toEqual([])

    const same = demo('7')
    expect(rows(same.path)).toBe(rows(a.path))
    const other = demo('8')
    expect(rows(other.path)).not.toBe(rows(a.path))

    const again = wingman('demo', '--db', a.path, '--positions', '5')
    expect(again.code).not.toBe(0)
    expect(again.err).toMatch(/demo fills an empty journal: wingman init --db NEW first/)
  }, 120_000)
})
