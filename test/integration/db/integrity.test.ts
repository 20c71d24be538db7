import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { loadMigrations, schemaVersion } from '../../../electron/core/db/migrate.ts'
import { salvageJournal } from '../../../electron/core/db/salvage/salvage.ts'
import type { DomainError } from '../../../shared/result.ts'
import { BUNDLED_FILES, importMarketFile } from '../../../electron/core/services/marketImport.ts'
import { condorInput } from '../../helpers/builders.ts'
import { BUNDLED_MARKET, openTestJournal } from '../../helpers/journal.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { corruptPages } from '../reliability/files.ts'

const NOW = new Date('2026-11-24T15:00:00Z')
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const wingman = (...args: string[]) => {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** Every row of every table (rowid or primary-key order), as JSON lines, by table. */
function allRows(path: string): Map<string, string[]> {
  const db = new Database(path, { readonly: true })
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
    return new Map(
      tables.map((t) => [
        t,
        (db.prepare(`SELECT * FROM "${t}"`).all() as object[]).map((r) => JSON.stringify(r)),
      ]),
    )
  } finally {
    db.close()
  }
}

/**
 * Rows each table loses when `hit` pages are overwritten, from SQLite's own page map (dbstat)
 * of the intact file: the rows on a hit page and below it, plus the row owning a hit overflow
 * page. Leaves of a table with a rowid hold its rows; every page of a WITHOUT ROWID table does.
 */
function rowsOnPages(path: string, hit: number[]): Map<string, number> {
  const db = new Database(path, { readonly: true })
  try {
    const pages = db
      .prepare(
        `SELECT s.name, s.path, s.pageno, s.pagetype, s.ncell, coalesce(t.wr, 0) AS wr
         FROM dbstat s JOIN pragma_table_list t ON t.name = s.name AND t.schema = 'main'`,
      )
      .all() as {
      name: string
      path: string
      pageno: number
      pagetype: string
      ncell: number
      wr: number
    }[]
    const lost = new Map<string, number>()
    for (const table of new Set(pages.map((p) => p.name))) {
      const tree = pages.filter((p) => p.name === table)
      const hitPaths = tree.filter((p) => hit.includes(p.pageno)).map((p) => p.path)
      const gone = (path: string) =>
        hitPaths.some((h) => (h.endsWith('/') ? path.startsWith(h) : path === h))
      let n = 0
      const owners = new Set<string>()
      for (const p of tree) {
        if (p.pagetype === 'overflow') {
          if (gone(p.path)) owners.add(p.path.split('+')[0]!)
        } else if (gone(p.path) && (p.pagetype === 'leaf' || p.wr === 1)) n += p.ncell
      }
      // An overflow owner whose own page is lost was counted with that page.
      for (const o of owners) if (!gone(o.slice(0, o.lastIndexOf('/') + 1))) n++
      lost.set(table, n)
    }
    return lost
  } finally {
    db.close()
  }
}

/** The b-trees (tables and indexes) that own one of the `hit` pages. */
function treesOnPages(path: string, hit: number[]): Set<string> {
  const db = new Database(path, { readonly: true })
  try {
    return new Set(
      (db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[])
        .filter((p) => hit.includes(p.pageno))
        .map((p) => p.name),
    )
  } finally {
    db.close()
  }
}

/** The indexes of a table that list every row (not partial). */
function fullIndexes(path: string, table: string): string[] {
  const db = new Database(path, { readonly: true })
  try {
    return db
      .prepare("SELECT name FROM pragma_index_list(?) WHERE partial = 0 AND origin != 'pk'")
      .pluck()
      .all(table) as string[]
  } finally {
    db.close()
  }
}

describe('a damaged journal', () => {
  const tmp = useTempDir()
  let fixtureDir = ''
  let fixture = ''

  // A real journal: the bundled history with 700 condors created between its files, so the
  // journal's own tables have pages all through the file (the middle included).
  beforeAll(async () => {
    fixtureDir = mkdtempSync(join(tmpdir(), 'wingman-damaged-'))
    const j = openTestJournal(fixtureDir, NOW, false)
    j.db.pragma('synchronous = OFF') // building the fixture only
    let n = 0
    for (const f of BUNDLED_FILES) {
      importMarketFile(j.db, {
        text: readFileSync(join(BUNDLED_MARKET, f.file), 'utf8'),
        fileName: f.file,
        ...(f.symbol ? { symbol: f.symbol } : {}),
        ...(f.eventKind ? { eventKind: f.eventKind } : {}),
        acceptGoodRows: true,
      })
      for (let i = 0; i < 50; i++, n++)
        await j.call(
          'positions:createIronCondor',
          condorInput({ notes: `condor ${n}`, tags: ['core', `week${n % 9}`] }),
        )
    }
    j.db.close()
    fixture = join(fixtureDir, 'journal.sqlite')
  }, 120_000)
  afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }))

  /** A copy of the fixture with 20 pages of its middle third overwritten. */
  /** The pages `damaged(seed)` would overwrite, without damaging anything. */
  function corruptedPagesOf(seed: number): number[] {
    const probe = join(tmp(), 'probe.sqlite')
    copyFileSync(fixture, probe)
    return corruptPages(probe, 20, seed)
  }

  function damaged(seed = 15): { dir: string; path: string; hit: number[] } {
    const dir = tmp()
    const path = join(dir, 'journal.sqlite')
    copyFileSync(fixture, path)
    return { dir, path, hit: corruptPages(path, 20, seed) }
  }

  it('opens read-only with a banner; writes answer DB_CORRUPT and nothing is written', async () => {
    const { path } = damaged()
    const before = sha(path)
    const opened = openJournal(path)
    expect(opened.readOnly).toBe(true)
    expect(opened.problem).toMatch(/damaged \(quick_check found .*\).*read-only.*wingman salvage/)
    const dispatch = createDispatch(
      createHandlers({ db: opened.db, databasePath: path, version: 't', shell: 'browser' }),
      { log: () => {} },
    )
    expect(await dispatch('app:info', {})).toMatchObject({
      ok: true,
      value: { readOnly: true, problem: opened.problem },
    })
    for (const [channel, request] of [
      ['positions:createIronCondor', condorInput()],
      ['accounts:create', { name: 'New' }],
    ] as const) {
      const r = await dispatch(channel, request)
      expect(r).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } })
      expect(!r.ok && r.error.message).toMatch(/^Nothing was saved: The journal is damaged/)
    }
    // Reads go on where pages are readable; where they are not, a stable code, never INTERNAL.
    for (const channel of ['positions:list', 'market:overview', 'accounts:list'] as const) {
      const r = await dispatch(channel, channel === 'positions:list' ? {} : {})
      if (!r.ok) expect(r.error.code).toBe('DB_CORRUPT')
    }
    opened.db.close()
    expect(sha(path)).toBe(before)
  })

  it('opens a journal cut short (a partial copy) read-only or refuses it, and salvages its first half', () => {
    const dir = tmp()
    const path = join(dir, 'journal.sqlite')
    const bytes = readFileSync(fixture)
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096))
    const before = sha(path)
    let outcome: string
    try {
      const opened = openJournal(path)
      outcome = opened.readOnly ? 'read-only' : 'writable'
      opened.db.close()
    } catch (e) {
      outcome = (e as DomainError).code
    }
    expect(['read-only', 'DB_CORRUPT']).toContain(outcome)
    expect(sha(path)).toBe(before)
    const report = salvageJournal(path, join(dir, 'out', 'salvaged.sqlite'))
    expect(report.opensCleanly).toBe(true)
    expect(report.tables.reduce((n, t) => n + t.copied, 0)).toBeGreaterThan(0)
  })

  it('makes `wingman init` refuse it (exit 2, pointing at salvage) instead of "already up to date"', () => {
    const { path } = damaged()
    const r = wingman('init', '--db', path)
    expect(r.code).toBe(2)
    expect(r.out).not.toMatch(/up to date/)
    expect(r.err).toMatch(/damaged.*wingman salvage --db/)
    expect(r.err.trim().split('\n')).toHaveLength(1)
  })

  it('is checked with integrity_check before a migration: a damaged v3 journal is neither migrated nor backed up', () => {
    const dir = tmp()
    const path = join(dir, 'old.sqlite')
    const db = new Database(path)
    for (const m of loadMigrations().slice(0, 3)) {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    }
    db.exec("INSERT INTO instruments (symbol, kind) VALUES ('SPX', 'index')")
    const bar = db.prepare('INSERT INTO daily_bars (instrument_id, date, close) VALUES (1, ?, ?)')
    db.transaction(() => {
      for (let d = 0; d < 20_000; d++)
        bar.run(new Date(Date.UTC(1950, 0, 1) + d * 86_400_000).toISOString().slice(0, 10), d)
    })()
    db.close()
    corruptPages(path, 5, 7)
    const before = sha(path)
    const opened = openJournal(path)
    expect(opened.readOnly).toBe(true)
    expect(opened.problem).toMatch(/integrity_check (found|failed)/)
    expect(schemaVersion(opened.db)).toBe(3)
    opened.db.close()
    expect(sha(path)).toBe(before)
    // no copy was made (a migration backup would be in backups/)
    expect(readdirSync(dir).filter((f) => f === 'backups' || f.endsWith('.bak'))).toEqual([])
  })

  it('is salvaged: every readable row copied, the rest counted, and the new journal opens cleanly', async () => {
    // The hits must reach the journal's own records, not only market rows or cache tables: the
    // first seed from 15 whose pages do (where tables lie in the file moves with the schema).
    const journalTables = ['positions', 'legs', 'fills', 'adjustments', 'position_tags']
    const reachesJournal = (hit: number[]) => {
      const on = rowsOnPages(fixture, hit)
      return journalTables.some((t) => (on.get(t) ?? 0) > 0)
    }
    let seed = 15
    while (seed < 60 && !reachesJournal(corruptedPagesOf(seed))) seed++
    const { dir, path, hit } = damaged(seed)
    const original = allRows(fixture)
    const onHitPages = rowsOnPages(fixture, hit)
    const hitTrees = treesOnPages(fixture, hit)
    expect(journalTables.some((t) => (onHitPages.get(t) ?? 0) > 0)).toBe(true)
    const before = sha(path)

    const out = join(dir, 'salvaged.sqlite')
    const started = performance.now()
    const report = salvageJournal(path, out)
    const ms = performance.now() - started
    expect(sha(path)).toBe(before)
    expect(report.opensCleanly).toBe(true)

    const salvaged = allRows(out)
    const lines: string[] = []
    for (const t of report.tables) {
      const rows = original.get(t.table) ?? []
      const copied = salvaged.get(t.table) ?? []
      lines.push(
        `${t.table}: ${rows.length} before, ${t.copied} copied, ${t.lost} lost, ${t.refused} refused, ${t.unreadablePages} unreadable pages`,
      )
      if (t.table === 'app_state') continue // the first-run step is redone, not copied
      expect(copied.length, t.table).toBe(t.copied)
      // Exactly what was readable: all rows but those on the overwritten pages and those refused
      // because their parent row was on one.
      expect(t.copied + (onHitPages.get(t.table) ?? 0) + t.refused, t.table).toBe(rows.length)
      // Every copied row is the original row, value for value.
      const originalSet = new Set(rows)
      expect(
        copied.filter((r) => !originalSet.has(r)),
        t.table,
      ).toEqual([])
      // Each lost row of a table with a rowid is counted while one of its full indexes is intact.
      if (fullIndexes(fixture, t.table).some((i) => !hitTrees.has(i)))
        expect(t.lost, t.table).toBe(rows.length - t.copied)
    }
    const lost = report.tables.reduce((n, t) => n + t.lost, 0)
    expect(lost).toBeGreaterThan(0)
    console.log(
      `salvage of 20 overwritten pages (${hit.join(', ')}) in ${ms.toFixed(0)} ms:\n  ${lines.join('\n  ')}`,
    )

    // The new journal is a journal: it opens writable, sound, and takes new records.
    const reopened = openJournal(out)
    expect(reopened.readOnly).toBe(false)
    expect(reopened.db.pragma('quick_check', { simple: true })).toBe('ok')
    expect(reopened.db.pragma('foreign_key_check')).toEqual([])
    const dispatch = createDispatch(
      createHandlers({ db: reopened.db, databasePath: out, version: 't', shell: 'browser' }),
    )
    expect(await dispatch('positions:createIronCondor', condorInput())).toMatchObject({ ok: true })
    reopened.db.close()
  })

  it('salvages the changes still in the -wal of a journal that crashed, leaving its files as they were', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, NOW, false)
    j.db.pragma('wal_autocheckpoint = 0')
    for (let i = 0; i < 20; i++) await j.call('positions:createIronCondor', condorInput())
    // The files as a kill -9 leaves them: the creates are only in the -wal.
    const crashed = join(tmp(), 'journal.sqlite')
    copyFileSync(join(dir, 'journal.sqlite'), crashed)
    copyFileSync(join(dir, 'journal.sqlite-wal'), `${crashed}-wal`)
    j.db.close()
    const before = [sha(crashed), sha(`${crashed}-wal`)]
    const out = join(tmp(), 'salvaged.sqlite')
    const report = salvageJournal(crashed, out)
    expect([sha(crashed), sha(`${crashed}-wal`)]).toEqual(before)
    expect(existsSync(`${crashed}-shm`)).toBe(false)
    expect(report.tables.find((t) => t.table === 'positions')).toMatchObject({
      copied: 20,
      lost: 0,
    })
    expect(report.opensCleanly).toBe(true)
  })

  it('never overwrites the target, and reports through `wingman salvage`', () => {
    const { dir, path } = damaged(99)
    const out = join(dir, 'new.sqlite')
    const first = wingman('salvage', '--db', path, '--out', out)
    expect(first.code).toBe(2) // rows were lost
    expect(first.out).toMatch(/^positions +copied \d+ +lost \d+/m)
    expect(first.out).toMatch(
      /Salvaged \d+ rows into .*new\.sqlite; \d+ rows known lost.*opens cleanly/,
    )
    const made = sha(out)
    const again = wingman('salvage', '--db', path, '--out', out)
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already exists/)
    expect(sha(out)).toBe(made)
    expect(existsSync(`${out}-wal`)).toBe(false)
  })
})
