import { createHash } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { loadMigrations, schemaVersion } from '../../../electron/core/db/migrate.ts'
import { restoreJournalFile } from '../../../electron/core/io/restore.ts'
import { runCli } from '../../../electron/host/cli.ts'
import { listBackups } from '../../../electron/core/services/backups.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * `wingman restore` and the file-level restore under it (io/restore.ts): what is refused, in
 * words naming the file, with the journal left as it was; what a restore keeps and replaces.
 */
const MIGRATIONS = loadMigrations()
const LATEST = MIGRATIONS.length
const AT = new Date('2026-11-27T16:05:00Z')

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** A journal at `path` holding the accounts `names` (besides none: made without `init`). */
function journal(path: string, names: string[], migrations = MIGRATIONS): void {
  const { db } = openJournal(path, { migrations })
  for (const name of names)
    db.prepare('INSERT INTO accounts (name, created_at) VALUES (?, ?)').run(name, AT.toISOString())
  db.close()
}

const accounts = (path: string) => {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare('SELECT name FROM accounts ORDER BY id').pluck().all()
  } finally {
    db.close()
  }
}

function cli() {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    io: {
      out: (t: string) => void out.push(t),
      err: (t: string) => void err.push(t),
      input: process.stdin,
      env: {},
      stopSignal: () => Promise.resolve(),
    },
  }
}

describe('restoring a journal from a file', () => {
  const tmp = useTempDir()

  it('replaces the journal and keeps the one it replaced as a before-restore backup', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const from = join(tmp(), 'backup-2026-11-01.sqlite')
    journal(from, ['From the backup'])
    journal(path, ['Current'])
    const before = sha(from)
    const r = restoreJournalFile(path, from, AT)
    expect(r).toEqual({
      keptAs: join(dir, 'backups', 'wingman-2026-11-27T16-05-00Z-before-restore.sqlite'),
      schemaVersion: LATEST,
    })
    expect(accounts(path)).toEqual(['From the backup'])
    expect(accounts(r.keptAs!)).toEqual(['Current'])
    expect(sha(from)).toBe(before) // the backup itself is not changed
    // nothing left beside the journal: no temporary copy, no -wal/-shm of the old one
    expect(readdirSync(dir).sort()).toEqual(['backups', 'wingman.sqlite'])
    const { db, readOnly } = openJournal(path)
    expect(readOnly).toBe(false)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('keeps what the replaced journal still had in its -wal (a crash before checkpoint), and does not replay it into the restored one', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const from = join(tmp(), 'backup.sqlite')
    journal(from, ['From the backup'])
    // A journal whose last commit is only in its -wal: copied while the writer still had it open.
    const live = join(tmp(), 'live.sqlite')
    journal(live, ['Checkpointed'])
    const writer = openJournal(live).db
    writer.pragma('wal_autocheckpoint = 0')
    writer
      .prepare("INSERT INTO accounts (name, created_at) VALUES ('Only in the wal', ?)")
      .run(AT.toISOString())
    copyFileSync(live, path)
    copyFileSync(`${live}-wal`, `${path}-wal`)
    writer.close()
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0)

    const r = restoreJournalFile(path, from, AT)
    expect(accounts(r.keptAs!)).toEqual(['Checkpointed', 'Only in the wal'])
    expect(accounts(path)).toEqual(['From the backup'])
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('upgrades a backup from an older Wingman after restoring it (with its own backup first)', async () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const from = join(tmp(), 'old.sqlite')
    journal(from, ['Old'], MIGRATIONS.slice(0, 3))
    journal(path, ['Current'])
    const run = cli()
    expect(await runCli(['restore', '--db', path, '--from', from], run.io)).toBe(0)
    expect(run.err).toEqual([])
    expect(run.out.join('')).toMatch(
      new RegExp(
        `^Restored ${path.replace(/[.]/g, '\\.')} from old\\.sqlite \\(schema 3, upgraded to ${LATEST}\\); ` +
          `the journal it replaced is kept as .*/backups/wingman-.*-before-restore\\.sqlite\\n$`,
      ),
    )
    const db = new Database(path, { readonly: true })
    expect(schemaVersion(db)).toBe(LATEST)
    db.close()
    expect(accounts(path)).toEqual(['Old'])
    expect(listBackups(path).map((b) => [b.kind, b.schemaVersion])).toEqual(
      expect.arrayContaining([
        ['before-restore', LATEST],
        ['before-migration', 3],
      ]),
    )
  })

  it('restores into a journal path where there is no journal yet', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const from = join(tmp(), 'backup.sqlite')
    journal(from, ['From the backup'])
    expect(restoreJournalFile(path, from, AT).keptAs).toBeNull()
    expect(accounts(path)).toEqual(['From the backup'])
  })

  describe('refuses, naming the file and what is wrong, with the journal unchanged', () => {
    const cases: [string, (file: string) => void, string][] = [
      [
        'a text file',
        (file) => writeFileSync(file, 'date,close\n2026-11-01,6000\n'.repeat(20)),
        'DB_FOREIGN backup-2026-11-01.sqlite is not a Wingman journal (it is not a SQLite database). Nothing was changed.',
      ],
      [
        'another program’s database',
        (file) => {
          const db = new Database(file)
          db.pragma('application_id = 1')
          db.exec('CREATE TABLE songs (title TEXT)')
          db.close()
        },
        'DB_FOREIGN backup-2026-11-01.sqlite is not a Wingman journal (it is another program’s database). Nothing was changed.',
      ],
      [
        'a database without an application id whose tables are not a journal’s',
        (file) => {
          const db = new Database(file)
          db.pragma('user_version = 2')
          db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY)')
          db.close()
        },
        'DB_FOREIGN backup-2026-11-01.sqlite is not a Wingman journal (its tables are not a journal’s). Nothing was changed.',
      ],
      [
        'a journal from a newer Wingman',
        (file) => {
          journal(file, ['Future'])
          const db = new Database(file)
          db.pragma(`user_version = ${LATEST + 1}`)
          db.close()
        },
        `DB_NEWER backup-2026-11-01.sqlite was written by a newer Wingman (schema ${LATEST + 1}; this app reads up to ${LATEST}). Update Wingman to restore it. Nothing was changed.`,
      ],
    ]
    for (const [what, make, message] of cases)
      it(what, async () => {
        const dir = tmp()
        const path = join(dir, 'wingman.sqlite')
        journal(path, ['Current'])
        const file = join(tmp(), 'backup-2026-11-01.sqlite')
        make(file)
        const before = sha(path)
        const fileBefore = sha(file)
        expect(() => restoreJournalFile(path, file, AT)).toThrow(message.replace(/^\w+ /, ''))
        const run = cli()
        expect(await runCli(['restore', '--db', path, '--from', file], run.io)).toBe(2)
        expect(run.err.join('')).toBe(`wingman restore: ${message.replace(/^\w+ /, '')}\n`)
        expect(sha(path)).toBe(before)
        expect(sha(file)).toBe(fileBefore)
        expect(readdirSync(dir)).toEqual(['wingman.sqlite'])
      })

    it('a journal that fails SQLite’s integrity check', () => {
      const dir = tmp()
      const path = join(dir, 'wingman.sqlite')
      journal(path, ['Current'])
      const file = join(tmp(), 'backup-2026-11-01.sqlite')
      journal(
        file,
        Array.from({ length: 3000 }, (_, i) => `account ${i} ${'x'.repeat(40)}`),
      )
      // overwrite a page in the middle of the accounts table: the header and schema stay readable
      const pages = Math.floor(statSync(file).size / 4096)
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages / 2) * 4096)
      closeSync(fd)
      const before = sha(path)
      expect(() => restoreJournalFile(path, file, AT)).toThrow(
        /^backup-2026-11-01\.sqlite fails SQLite's integrity check \(integrity_check (found|failed).*\); it cannot be restored\. Nothing was changed\.$/,
      )
      expect(sha(path)).toBe(before)
      expect(readdirSync(dir)).toEqual(['wingman.sqlite'])
    })

    it('a journal another Wingman has open', () => {
      const dir = tmp()
      const path = join(dir, 'wingman.sqlite')
      journal(path, ['Current'])
      const from = join(tmp(), 'backup.sqlite')
      journal(from, ['From the backup'])
      const open = openJournal(path)
      expect(() => restoreJournalFile(path, from, AT)).toThrow(
        'Another Wingman has this journal open (the app, a `wingman serve` or a wingman command): close it, then restore again. Nothing was changed.',
      )
      open.db.close()
      expect(readdirSync(dir)).toEqual(['wingman.sqlite'])
      expect(accounts(path)).toEqual(['Current'])
    })

    it('a file that is not there', async () => {
      const dir = tmp()
      const run = cli()
      const missing = join(dir, 'nope.sqlite')
      expect(
        await runCli(['restore', '--db', join(dir, 'j.sqlite'), '--from', missing], run.io),
      ).toBe(2)
      expect(run.err.join('')).toBe(
        `wingman restore: There is no file ${missing}. Nothing was changed.\n`,
      )
      expect(readdirSync(dir)).toEqual([])
    })
  })
})
