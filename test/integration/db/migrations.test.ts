import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openJournal } from '../../../electron/core/db/connection.ts'
import {
  loadMigrations,
  migrate,
  schemaVersion,
  WINGMAN_APPLICATION_ID,
  type Migration,
} from '../../../electron/core/db/migrate.ts'
import { DomainError } from '../../../shared/result.ts'
import { useTempDir } from '../../helpers/tmp.ts'

const MIGRATIONS = loadMigrations()
const LATEST = MIGRATIONS.length
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const fixedNow = () => new Date('2026-11-24T12:00:00Z')

/** A database at schema version `v`, built by applying the first `v` migrations by hand. */
function databaseAt(path: string, v: number): void {
  const db = new Database(path)
  db.pragma('foreign_keys = ON')
  for (const m of MIGRATIONS.slice(0, v)) {
    db.exec(m.sql)
    db.pragma(`user_version = ${m.version}`)
  }
  if (v >= 1) {
    db.prepare(
      "INSERT INTO accounts (name, created_at) VALUES ('Kept', '2026-01-01T00:00:00.000Z')",
    ).run()
  }
  db.close()
}

describe('migrations', () => {
  const tmp = useTempDir()

  it('are numbered 1..n with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: LATEST }, (_, i) => i + 1),
    )
  })

  it('create a fresh journal at the latest version with the connection PRAGMAs', () => {
    const path = join(tmp(), 'new.sqlite')
    const { db, migration } = openJournal(path)
    expect(migration).toEqual({ from: 0, to: LATEST, backupPath: null })
    expect(schemaVersion(db)).toBe(LATEST)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
  })

  it('make every table STRICT', () => {
    const { db } = openJournal(join(tmp(), 'strict.sqlite'))
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as {
      name: string
      strict: number
    }[]
    expect(tables.length).toBeGreaterThan(10)
    expect(tables.filter((t) => t.strict !== 1)).toEqual([])
    db.close()
  })

  for (let from = 1; from < LATEST; from++) {
    it(`upgrade a journal from version ${from}, keeping its data and a VACUUM INTO backup`, () => {
      const dir = tmp()
      const path = join(dir, 'old.sqlite')
      databaseAt(path, from)
      const { db, migration } = openJournal(path, { now: fixedNow })
      expect(migration.from).toBe(from)
      expect(migration.to).toBe(LATEST)
      expect(schemaVersion(db)).toBe(LATEST)
      expect(db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'Kept' }])
      db.close()
      // The backup is a complete database still at the old version.
      expect(migration.backupPath).toBe(
        join(dir, 'backups', 'old-2026-11-24T12-00-00Z-before-migration.sqlite'),
      )
      const backup = new Database(migration.backupPath!, { readonly: true })
      expect(schemaVersion(backup)).toBe(from)
      expect(backup.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'Kept' }])
      backup.close()
    })
  }

  it('leave an up-to-date journal alone (no backup, no change)', () => {
    const path = join(tmp(), 'same.sqlite')
    openJournal(path).db.close()
    const { db, migration } = openJournal(path)
    expect(migration).toEqual({ from: LATEST, to: LATEST, backupPath: null })
    db.close()
  })

  it('refuse a journal written by a newer Wingman and leave the file untouched', () => {
    const path = join(tmp(), 'future.sqlite')
    databaseAt(path, LATEST)
    const db0 = new Database(path)
    db0.pragma(`user_version = ${LATEST + 1}`)
    db0.pragma('journal_mode = DELETE')
    db0.close()
    const before = sha(path)
    let error: unknown
    try {
      openJournal(path)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).code).toBe('DB_NEWER')
    expect((error as DomainError).message).toMatch(
      new RegExp(`schema version ${LATEST + 1}.*up to ${LATEST}`),
    )
    expect(sha(path)).toBe(before)
  })

  it('refuse a file that is not a SQLite database, without changing it', () => {
    const path = join(tmp(), 'notes.sqlite')
    writeFileSync(path, 'these are my trading notes, not a database\n'.repeat(200))
    const before = sha(path)
    expect(() => openJournal(path)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }))
    expect(sha(path)).toBe(before)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('refuse a SQLite file of another application', () => {
    const path = join(tmp(), 'other.sqlite')
    const other = new Database(path)
    other.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)')
    other.close()
    expect(() => openJournal(path)).toThrow(/not a Wingman journal/)
  })

  it('stop at the last good version when a migration fails, writing nothing of the failed one', () => {
    const path = join(tmp(), 'broken.sqlite')
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (id INTEGER) STRICT; SELECT no_such_function();',
      },
    ]
    const db = new Database(path)
    expect(() => migrate(db, broken)).toThrow(/no_such_function/)
    expect(schemaVersion(db)).toBe(LATEST)
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get(),
    ).toEqual({ n: 0 })
    db.close()
  })

  it('003 gives old positions a structure from their strategy and makes fills append-only', () => {
    const path = join(tmp(), 'v2.sqlite')
    databaseAt(path, 2)
    const db = new Database(path)
    db.pragma('foreign_keys = ON')
    const insert = db.prepare(
      `INSERT INTO positions (account_id, underlying, strategy, status, opened_on, created_at, updated_at)
       VALUES (1, 'SPX', ?, 'open', '2026-06-01', 'x', 'x')`,
    )
    insert.run('iron_condor')
    insert.run('custom')
    db.prepare(
      `INSERT INTO legs (position_id, role, instrument_type, root, option_type, strike_e4, expiration, multiplier, quantity, opened_at)
       VALUES (1, 'short_put', 'option', 'SPX', 'put', 72000000, '2026-07-17', 100, -1, 'x')`,
    ).run()
    db.prepare(
      `INSERT INTO fills (leg_id, executed_at, side, effect, quantity, price_e4, source)
       VALUES (1, '2026-06-01T20:00:00.000Z', 'sell', 'open', 1, 20000, 'manual')`,
    ).run()
    migrate(db, MIGRATIONS)
    expect(
      db.prepare('SELECT strategy, structure, voided_at FROM positions ORDER BY id').all(),
    ).toEqual([
      { strategy: 'iron_condor', structure: 'iron_condor', voided_at: null },
      { strategy: 'custom', structure: 'custom', voided_at: null },
    ])
    expect(() => db.prepare('UPDATE fills SET price_e4 = 1').run()).toThrow(/correction/)
    expect(() => db.prepare('DELETE FROM fills').run()).toThrow(/void/)
    expect(() =>
      db
        .prepare(
          "INSERT INTO fill_corrections (fill_id, executed_at, quantity, fees_e4, reason, created_at) VALUES (1, '2026-06-01T20:00:00.000Z', 1, 0, '', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/)
    db.close()
  })

  it('004 stamps the application id and records, for an older journal, whether its bundled history finished', () => {
    const dir = tmp()
    const step = (db: Database.Database) =>
      db.prepare("SELECT value FROM app_state WHERE key = 'bundled_market'").pluck().get() ?? null
    const at3 = (name: string, market: (db: Database.Database) => void) => {
      const path = join(dir, name)
      databaseAt(path, 3)
      const db = new Database(path)
      market(db)
      migrate(db, MIGRATIONS)
      return db
    }
    const bars = (db: Database.Database) => {
      db.exec("INSERT INTO instruments (symbol, kind) VALUES ('SPX', 'index')")
      db.exec("INSERT INTO daily_bars (instrument_id, date, close) VALUES (1, '2026-01-02', 5900)")
    }
    // Loaded to the end (the NFP calendar is the last bundled file): done.
    const done = at3('done.sqlite', (db) => {
      bars(db)
      db.exec("INSERT INTO events (date, kind) VALUES ('2026-01-09', 'NFP')")
    })
    expect(done.pragma('application_id', { simple: true })).toBe(WINGMAN_APPLICATION_ID)
    expect(step(done)).toBe('done')
    // Made without market data (init --empty): skipped, nothing is loaded later.
    const empty = at3('empty.sqlite', () => {})
    expect(step(empty)).toBe('skipped')
    // Interrupted part-way (SPX in, no NFP): no row, so the next start completes the load.
    const partial = at3('partial.sqlite', bars)
    expect(step(partial)).toBeNull()
    // A new journal has no account when 004 runs: its first run is still to come.
    const fresh = new Database(join(dir, 'fresh.sqlite'))
    migrate(fresh, MIGRATIONS)
    expect(step(fresh)).toBeNull()
    expect(fresh.pragma('application_id', { simple: true })).toBe(WINGMAN_APPLICATION_ID)
    for (const db of [done, empty, partial, fresh]) db.close()
  })

  it('match the committed schema snapshot (an accidental schema change fails here)', () => {
    const { db } = openJournal(join(tmp(), 'snap.sqlite'))
    const schema = (
      db
        .prepare(
          'SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name',
        )
        .all() as {
        sql: string
      }[]
    )
      .map((r) => `${r.sql.replace(/\s+/g, ' ').trim()};`)
      .join('\n')
    db.close()
    const snapshotPath = join(import.meta.dirname, 'schema.snapshot.sql')
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(snapshotPath, `${schema}\n`)
    expect(`${schema}\n`).toBe(readFileSync(snapshotPath, 'utf8'))
  })
})
