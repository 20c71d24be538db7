import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { loadMigrations } from '../../../electron/core/db/migrate.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/** Runs the real `wingman` executable with the Node that runs the tests (the pinned Node 24). */
function wingman(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const oneLine = (text: string) => text.trim().split('\n').length === 1

describe('wingman CLI', () => {
  const tmp = useTempDir()

  it('prints help for the program and for every command, exit 0', () => {
    const main = wingman('--help')
    expect(main.code).toBe(0)
    for (const cmd of ['init', 'serve', 'export']) {
      expect(main.out).toMatch(new RegExp(`^  ${cmd} `, 'm'))
      const help = wingman(cmd, '--help')
      expect(help.code, cmd).toBe(0)
      expect(help.out).toContain(`wingman ${cmd}`)
      expect(help.out).toContain('Options:')
    }
  })

  it('exits 1 with one line on stderr for usage errors', () => {
    for (const args of [
      ['frobnicate'],
      ['init'],
      ['init', '--db'],
      ['export', '--db', 'x.sqlite'],
      ['init', '--db', 'a', '--bogus'],
      ['serve', '--port', 'eighty'],
      ['init', '--db', 'a', 'extra'],
    ]) {
      const r = wingman(...args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(oneLine(r.err), r.err).toBe(true)
      expect(r.out).toBe('')
    }
  })

  it('creates a journal with init, and says so when it already exists', () => {
    const path = join(tmp(), 'sub', 'journal.sqlite')
    const first = wingman('init', '--db', path)
    expect(first.code).toBe(0)
    const latest = loadMigrations().length
    expect(first.out).toMatch(
      new RegExp(`Created journal at .*journal\\.sqlite \\(schema v${latest}\\)`),
    )
    // the bundled real history is loaded, and the one invalid published row is named
    expect(first.out).toMatch(
      /Loaded bundled market history: 14 files, [\d,]+ rows; skipped 1 row\(s\).*vix6m_daily\.csv line 2898: high 15\.87 is below low 16\.5/,
    )
    const db = new Database(path, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(9)
    expect(db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'Default' }])
    const bars = (symbol: string) =>
      db
        .prepare(
          'SELECT count(*) AS n FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id WHERE symbol = ?',
        )
        .get(symbol)
    expect(bars('SPX')).toEqual({ n: 24_745 }) // rows in resources/market/spx_daily.csv
    expect(bars('VX8')).toEqual({ n: 3_711 })
    expect(db.prepare('SELECT count(*) AS n FROM breadth_daily').get()).toEqual({ n: 12_763 })
    expect(db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'FOMC'").get()).toEqual({
      n: 282,
    })
    db.close()
    const empty = join(tmp(), 'empty.sqlite')
    expect(wingman('init', '--db', empty, '--empty').out).not.toMatch(/market history/)
    expect(wingman('init', '--db', path).out).toMatch(/already up to date/)
  })

  it('exports every table to CSV', () => {
    const dir = tmp()
    const path = join(dir, 'journal.sqlite')
    wingman('init', '--db', path, '--empty')
    const r = wingman('export', '--db', path, '--out', join(dir, 'csv'))
    expect(r.code).toBe(0)
    // the Default account, the two shipped rulesets with one version each, the first-run step
    // 19 journal tables and the lab's 4 (migration 007); caches are not exported
    expect(r.out).toMatch(/Exported 23 tables \(6 rows\)/)
    expect(readdirSync(join(dir, 'csv'))).toContain('positions.csv')
    expect(readdirSync(join(dir, 'csv'))).toContain('position_summary.csv')
    // --tables-only: the same tables, no summaries
    const only = wingman('export', '--db', path, '--out', join(dir, 'tables'), '--tables-only')
    expect(only.code).toBe(0)
    expect(only.out).toMatch(/Exported 23 tables \(6 rows\)/)
    expect(only.out).not.toMatch(/summary/)
    expect(readdirSync(join(dir, 'tables')).sort()).toEqual(
      readdirSync(join(dir, 'csv'))
        .filter((f) => !f.endsWith('_summary.csv'))
        .sort(),
    )
  })

  it('exits 2 with one line on stderr for data errors', () => {
    const dir = tmp()
    const missing = wingman('export', '--db', join(dir, 'nope.sqlite'), '--out', join(dir, 'csv'))
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/No journal at/)
    expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false)

    const notDb = join(dir, 'text.sqlite')
    writeFileSync(notDb, 'not a database at all, just some text that is long enough'.repeat(50))
    const bad = wingman('init', '--db', notDb)
    expect(bad.code).toBe(2)
    expect(oneLine(bad.err)).toBe(true)
    expect(bad.err).toMatch(/not a usable SQLite database/)

    const future = join(dir, 'future.sqlite')
    const db = new Database(future)
    db.pragma('application_id = 1464747853') // a Wingman journal ('WNGM')…
    db.pragma('user_version = 99') // …from a newer Wingman
    db.close()
    const newer = wingman('export', '--db', future, '--out', join(dir, 'x'))
    expect(newer.code).toBe(2)
    expect(newer.err).toMatch(/schema version 99/)
  })

  it('decides from a snapshot file with either shipped ruleset, and lists and validates rulesets', () => {
    const dir = tmp()
    const snap = join(dir, 'snap.json')
    writeFileSync(
      snap,
      JSON.stringify({
        signals: {
          call_wing_penetration: 0.9,
          short_call_delta: 0.4,
          vix_futures_rsi14: null,
          vix_rsi14: 80,
          usd_risk_off: true,
        },
      }),
    )
    const alvh = wingman('decide', '--ruleset', 'alvh', '--snapshot', snap)
    expect(alvh.code).toBe(0)
    // ALVH step 1 with the RSI fallback: VX RSI missing, VIX RSI 80 > 75, USD risk-off
    expect(JSON.parse(alvh.out)).toMatchObject({
      action: 'CLOSE_CALL_SPREAD',
      rule: 'close-call-rsi-usd-risk-off',
    })
    const mech = wingman('decide', '--ruleset', 'mechanical-wing', '--snapshot', snap)
    expect(JSON.parse(mech.out)).toMatchObject({ action: 'CLOSE_CALL_SPREAD' })
    expect(wingman('rulesets', 'list').out).toMatch(/^mechanical-wing\tv1/m)
    const shown = join(dir, 'alvh.json')
    writeFileSync(shown, wingman('rulesets', 'show', 'alvh').out)
    expect(wingman('rulesets', 'validate', shown)).toMatchObject({ code: 0 })
    writeFileSync(shown, JSON.stringify({ id: 'x', rules: [] }))
    expect(wingman('rulesets', 'validate', shown).code).toBe(2)
    expect(wingman('decide', '--ruleset', 'alvh').code).toBe(1)
  })

  it('backs up a journal to a new file that opens as the same journal, never overwriting', () => {
    const dir = tmp()
    const path = join(dir, 'journal.sqlite')
    wingman('init', '--db', path, '--empty')
    const db = new Database(path)
    db.prepare(
      "INSERT INTO accounts (name, created_at) VALUES ('IBKR', '2026-11-24T00:00:00.000Z')",
    ).run()
    db.close()
    const out = join(dir, 'copy.sqlite')
    const r = wingman('backup', '--db', path, '--out', out)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Backed up .* to .*copy\.sqlite \([\d,]+ bytes\)/)
    const copy = new Database(out, { readonly: true })
    expect(copy.prepare('SELECT name FROM accounts ORDER BY name').all()).toEqual([
      { name: 'Default' },
      { name: 'IBKR' },
    ])
    expect(copy.pragma('user_version', { simple: true })).toBe(9)
    copy.close()
    const again = wingman('backup', '--db', path, '--out', out)
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already exists/)
  })
})
