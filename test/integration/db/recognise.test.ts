import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openJournal } from '../../../electron/core/db/connection.ts'
import {
  loadMigrations,
  schemaVersion,
  WINGMAN_APPLICATION_ID,
} from '../../../electron/core/db/migrate.ts'
import { DomainError } from '../../../shared/result.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { folderState } from '../reliability/files.ts'

const MIGRATIONS = loadMigrations()
const LATEST = MIGRATIONS.length
const fixedNow = () => new Date('2026-11-24T12:00:00Z')

/** The code openJournal refused with (the test fails if it opened the file). */
function refusal(path: string): { code: string; message: string } {
  try {
    openJournal(path, { now: fixedNow }).db.close()
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    return { code: (e as DomainError).code, message: (e as DomainError).message }
  }
  throw new Error(`${path} was opened`)
}

/** Another program's database: its own tables, a user_version it chose, rollback-journal mode. */
function foreignFile(path: string, userVersion: number, tables: string[]): void {
  const db = new Database(path)
  for (const t of tables) db.exec(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, name TEXT)`)
  db.prepare(`INSERT INTO ${tables[0]} (name) VALUES ('kept')`).run()
  db.pragma(`user_version = ${userVersion}`)
  db.close()
  chmodSync(path, 0o640)
}

/** A journal exactly as Wingman made it at schema version `v` (before application ids). */
function wingmanAt(path: string, v: number): void {
  const db = new Database(path)
  for (const m of MIGRATIONS.slice(0, v)) {
    db.exec(m.sql)
    db.pragma(`user_version = ${m.version}`)
  }
  if (v >= 1)
    db.prepare(
      "INSERT INTO accounts (name, created_at) VALUES ('Kept', '2026-01-01T00:00:00.000Z')",
    ).run()
  db.pragma('application_id = 0')
  db.close()
}

/** The header bytes 18/19 say rollback journal (1) or WAL (2). */
const walFlag = (path: string) => readFileSync(path)[18]

describe('recognising a journal', () => {
  const tmp = useTempDir()

  for (let v = 0; v <= LATEST + 1; v++) {
    it(`refuses another program's database at user_version ${v}, leaving it and its folder untouched`, () => {
      const dir = tmp()
      const path = join(dir, 'other.sqlite')
      // Table names Wingman also uses: a name match alone must not make it a journal.
      foreignFile(path, v, ['accounts', 'recipes'])
      const before = folderState(dir)
      const r = refusal(path)
      expect(r.code).toBe('DB_FOREIGN')
      expect(r.message).toMatch(/not a Wingman journal.*not changed/)
      // Same bytes, same mode, no -wal/-shm beside it, still in rollback-journal mode.
      expect(folderState(dir)).toEqual(before)
      expect(walFlag(path)).toBe(1)
    })
  }

  it('refuses a Wingman-shaped file that misses one table, and one with an extra table', () => {
    const dir = tmp()
    const missing = join(dir, 'missing.sqlite')
    wingmanAt(missing, 2)
    const db = new Database(missing)
    db.exec('DROP TABLE events')
    db.close()
    const extra = join(dir, 'extra.sqlite')
    wingmanAt(extra, 3)
    const db2 = new Database(extra)
    db2.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY)')
    db2.close()
    const before = folderState(dir)
    expect(refusal(missing).code).toBe('DB_FOREIGN')
    expect(refusal(extra).code).toBe('DB_FOREIGN')
    expect(folderState(dir)).toEqual(before)
  })

  it('refuses a WAL-mode database of another program whose -wal holds changes, keeping its -wal and creating no -shm', () => {
    const dir = tmp()
    const path = join(dir, 'busy.sqlite')
    const writer = new Database(path)
    writer.pragma('journal_mode = WAL')
    writer.pragma('wal_autocheckpoint = 0')
    writer.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)')
    writer.pragma('user_version = 1')
    writer.prepare("INSERT INTO notes (body) VALUES ('in the wal only')").run()
    // Copy the files as a crash would leave them: committed frames in -wal, no checkpoint.
    const files = Object.fromEntries(
      ['', '-wal'].map((s) => [s, readFileSync(`${path}${s}`)] as const),
    )
    writer.close()
    for (const [s, bytes] of Object.entries(files)) writeFileSync(`${path}${s}`, bytes)
    expect(existsSync(`${path}-shm`)).toBe(false)
    const before = folderState(dir)
    expect(refusal(path).code).toBe('DB_FOREIGN')
    expect(folderState(dir)).toEqual(before)
  })

  it('refuses a database carrying another application id, even with a Wingman schema', () => {
    const dir = tmp()
    const path = join(dir, 'gpkg.sqlite')
    wingmanAt(path, 3)
    const db = new Database(path)
    db.pragma('application_id = 1196444487') // 'GPKG', a GeoPackage
    db.close()
    const before = folderState(dir)
    const r = refusal(path)
    expect(r.code).toBe('DB_FOREIGN')
    expect(r.message).toMatch(/another program \(SQLite application id 0x47504b47\)/)
    expect(folderState(dir)).toEqual(before)
  })

  it('refuses a text file as not a SQLite database, untouched', () => {
    const dir = tmp()
    const path = join(dir, 'notes.sqlite')
    writeFileSync(path, 'my trading notes\n'.repeat(500))
    chmodSync(path, 0o600)
    const before = folderState(dir)
    const r = refusal(path)
    expect(r.code).toBe('DB_CORRUPT')
    expect(r.message).toMatch(/not a usable SQLite database .*not changed/)
    expect(folderState(dir)).toEqual(before)
  })

  it('refuses a file without the application id at a version that always has one', () => {
    const dir = tmp()
    const path = join(dir, 'stripped.sqlite')
    openJournal(path).db.close()
    const db = new Database(path)
    db.pragma('application_id = 0')
    db.pragma('journal_mode = DELETE')
    db.close()
    const before = folderState(dir)
    expect(refusal(path).code).toBe('DB_FOREIGN')
    expect(folderState(dir)).toEqual(before)
  })

  it('refuses a journal from a newer Wingman (its id, a higher version) untouched', () => {
    const dir = tmp()
    const path = join(dir, 'future.sqlite')
    openJournal(path).db.close()
    const db = new Database(path)
    db.pragma(`user_version = ${LATEST + 1}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const before = folderState(dir)
    expect(refusal(path).code).toBe('DB_NEWER')
    expect(folderState(dir)).toEqual(before)
  })

  it('treats a 0-byte file and an empty SQLite file as a new journal', () => {
    const dir = tmp()
    for (const [name, make] of [
      ['zero.sqlite', (p: string) => writeFileSync(p, '')],
      ['blank.sqlite', (p: string) => new Database(p).pragma('user_version = 0')],
    ] as const) {
      const path = join(dir, name)
      make(path)
      const { db, migration } = openJournal(path)
      expect(migration).toEqual({ from: 0, to: LATEST, backupPath: null })
      expect(db.pragma('application_id', { simple: true })).toBe(WINGMAN_APPLICATION_ID)
      db.close()
    }
  })

  for (let v = 1; v < 4; v++) {
    it(`accepts a journal from before application ids (v${v}) by its schema, backs it up, then sets the id`, () => {
      const dir = tmp()
      const path = join(dir, 'old.sqlite')
      wingmanAt(path, v)
      const { db, migration } = openJournal(path, { now: fixedNow })
      expect(migration.from).toBe(v)
      expect(db.pragma('application_id', { simple: true })).toBe(WINGMAN_APPLICATION_ID)
      expect(db.prepare('SELECT name FROM accounts').pluck().all()).toEqual(['Kept'])
      db.close()
      // The backup was taken before migrating: the old version, still without the id.
      const backup = new Database(migration.backupPath!, { readonly: true })
      expect(schemaVersion(backup)).toBe(v)
      expect(backup.pragma('application_id', { simple: true })).toBe(0)
      backup.close()
      expect(readdirSync(dir).sort()).toEqual(['backups', 'old.sqlite'])
      expect(migration.backupPath).toBe(
        join(dir, 'backups', 'old-2026-11-24T12-00-00Z-before-migration.sqlite'),
      )
    })
  }

  it('accepts a pre-id journal whose last changes are still in its -wal (a crash before checkpoint)', () => {
    const dir = tmp()
    const path = join(dir, 'crashed.sqlite')
    wingmanAt(path, 3)
    const writer = new Database(path)
    writer.pragma('journal_mode = WAL')
    writer.pragma('wal_autocheckpoint = 0')
    writer
      .prepare(
        "INSERT INTO accounts (name, created_at) VALUES ('Only in wal', '2026-01-02T00:00:00.000Z')",
      )
      .run()
    const files = ['', '-wal'].map((s) => [s, readFileSync(`${path}${s}`)] as const)
    writer.close()
    for (const [s, bytes] of files) writeFileSync(`${path}${s}`, bytes)
    const { db } = openJournal(path, { now: fixedNow })
    expect(db.prepare('SELECT name FROM accounts ORDER BY id').pluck().all()).toEqual([
      'Kept',
      'Only in wal',
    ])
    db.close()
  })
})
