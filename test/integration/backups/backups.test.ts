import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import {
  openJournalSession,
  type JournalSessionOptions,
} from '../../../electron/core/contract/journalSession.ts'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { rememberedJournal, rememberJournal } from '../../../electron/core/journalChoice.ts'
import { loadMigrations } from '../../../electron/core/db/migrate.ts'
import {
  createBackup,
  dailyBackupDue,
  ensureDailyBackup,
  listBackups,
} from '../../../electron/core/services/backups.ts'
import type { Channel } from '../../../shared/channels.ts'
import type { RequestOf, ResponseOf } from '../../../shared/contract.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * The backups folder beside a journal (services/backups.ts) and restoring through the contract
 * of a running app or host (contract/journalSession.ts), on real SQLite files with a clock the
 * test sets.
 */
const LATEST = loadMigrations().length

/** A clock the test moves by hand. */
function clock(start: string) {
  let t = new Date(start)
  return { now: () => t, set: (iso: string) => (t = new Date(iso)) }
}

const rows = (path: string, sql: string): unknown[] => {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare(sql).pluck().all()
  } finally {
    db.close()
  }
}

describe('backups of a journal', () => {
  const tmp = useTempDir()

  it('takes a manual backup into backups/ beside the journal, listed with its date, kind, size and schema', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const { db } = openJournal(path)
    expect(listBackups(path)).toEqual([])
    db.prepare(
      "INSERT INTO accounts (name, created_at) VALUES ('Kept', '2026-11-27T16:00:00Z')",
    ).run()
    const at = new Date('2026-11-27T16:05:00.250Z')
    const first = createBackup(db, path, 'manual', at)
    const second = createBackup(db, path, 'manual', at)
    db.close()
    expect(first).toEqual({
      name: 'wingman-2026-11-27T16-05-00Z-manual.sqlite',
      takenAt: '2026-11-27T16:05:00Z',
      kind: 'manual',
      bytes: statSync(join(dir, 'backups', first.name)).size,
      schemaVersion: LATEST,
    })
    expect(first.bytes).toBeGreaterThan(0)
    // the same second again: numbered, never overwritten
    expect(second.name).toBe('wingman-2026-11-27T16-05-00Z-manual-2.sqlite')
    expect(listBackups(path).map((b) => b.name)).toEqual([second.name, first.name])
    expect(rows(join(dir, 'backups', first.name), 'SELECT name FROM accounts')).toEqual(['Kept'])
  })

  it('lists only this journal’s backups, and other files in the folder not at all', () => {
    const dir = tmp()
    const path = join(dir, 'journal.sqlite')
    const { db } = openJournal(path)
    createBackup(db, path, 'daily', new Date('2026-11-27T16:05:00Z'))
    db.close()
    writeFileSync(join(dir, 'backups', 'notes.txt'), 'mine')
    writeFileSync(join(dir, 'backups', 'other-2026-11-27T16-05-00Z-daily.sqlite'), '')
    writeFileSync(join(dir, 'backups', 'journal-2026-13-45T16-05-00Z-daily.sqlite'), '')
    expect(listBackups(path).map((b) => b.name)).toEqual([
      'journal-2026-11-27T16-05-00Z-daily.sqlite',
    ])
  })

  it('takes the daily backup once per New York day', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const { db } = openJournal(path)
    // 09:00 in New York on 27 November
    expect(ensureDailyBackup(db, path, new Date('2026-11-27T14:00:00Z'))?.kind).toBe('daily')
    // 23:30 in New York, already the 28th in UTC: the same trading day
    expect(dailyBackupDue(path, new Date('2026-11-28T04:30:00Z'))).toBe(false)
    expect(ensureDailyBackup(db, path, new Date('2026-11-28T04:30:00Z'))).toBeNull()
    // 00:30 on the 28th in New York: due
    expect(ensureDailyBackup(db, path, new Date('2026-11-28T05:30:00Z'))?.name).toBe(
      'wingman-2026-11-28T05-30-00Z-daily.sqlite',
    )
    db.close()
    expect(listBackups(path).map((b) => b.kind)).toEqual(['daily', 'daily'])
  })

  it('keeps the newest 10 automatic backups and every manual one', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const { db } = openJournal(path)
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 15))
    createBackup(db, path, 'manual', day(1))
    for (let n = 2; n <= 13; n++)
      createBackup(db, path, n % 4 === 0 ? 'before-restore' : 'daily', day(n))
    createBackup(db, path, 'manual', day(14))
    db.close()
    const kept = listBackups(path)
    expect(kept.filter((b) => b.kind === 'manual').map((b) => b.takenAt)).toEqual([
      '2026-11-14T15:00:00Z',
      '2026-11-01T15:00:00Z',
    ])
    const automatic = kept.filter((b) => b.kind !== 'manual').map((b) => b.takenAt.slice(8, 10))
    expect(automatic).toEqual(['13', '12', '11', '10', '09', '08', '07', '06', '05', '04'])
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(12)
  })
})

describe('a running app or host: daily backup, Back up now, restore', () => {
  const tmp = useTempDir()

  function session(path: string, now: () => Date, extra: Partial<JournalSessionOptions> = {}) {
    const s = openJournalSession({
      path,
      marketDir: null,
      version: 't',
      shell: 'browser',
      now,
      log: () => {},
      ...extra,
    })
    const dispatch = createDispatch(s.handlers, { log: () => {} })
    const raw = <C extends Channel>(channel: C, request: RequestOf<C>) => dispatch(channel, request)
    const call = async <C extends Channel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<ResponseOf<C>> => {
      const r = await dispatch(channel, request)
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
      return r.value as ResponseOf<C>
    }
    return { s, call, raw }
  }

  it('takes no daily backup of a journal it has just made, and one on the next day’s first open', () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const c = clock('2026-11-27T14:00:00Z')
    const first = session(path, c.now)
    expect(first.s.dailyBackup()).toBeNull()
    first.s.close()
    const again = session(path, c.now)
    expect(again.s.dailyBackup()?.name).toBe('wingman-2026-11-27T14-00-00Z-daily.sqlite')
    again.s.close()
    c.set('2026-11-27T20:00:00Z')
    const later = session(path, c.now)
    expect(later.s.dailyBackup()).toBeNull()
    later.s.close()
    expect(listBackups(path)).toHaveLength(1)
  })

  it('restores a backup through the contract: the change since is gone, the journal it replaced is kept', async () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const c = clock('2026-11-27T16:00:00Z')
    const { s, call } = session(path, c.now)
    expect(await call('journal:location', {})).toEqual({
      path,
      backupsDir: join(dir, 'backups'),
      canRestore: true,
      canOpenAnother: false,
    })
    const a = (await call('positions:createIronCondor', june2026Condor({ notes: 'A' }))).id
    const backup = await call('backups:create', {})
    expect(backup).toMatchObject({
      name: 'wingman-2026-11-27T16-00-00Z-manual.sqlite',
      kind: 'manual',
      schemaVersion: LATEST,
    })
    c.set('2026-11-27T16:10:00Z')
    await call('positions:createIronCondor', june2026Condor({ notes: 'B' }))
    expect((await call('backups:list', {})).map((b) => b.name)).toEqual([backup.name])

    const result = await call('backups:restore', { name: backup.name })
    expect(result).toEqual({
      restored: backup.name,
      keptAs: 'wingman-2026-11-27T16-10-00Z-before-restore.sqlite',
      schemaVersion: LATEST,
      migratedTo: null,
    })
    // the same handlers now answer from the restored journal, and can write to it
    const listed = await call('positions:list', {})
    expect(listed.positions.map((p) => p.id)).toEqual([a])
    await call('positions:update', { id: a, notes: 'A, after the restore' })
    expect((await call('positions:get', { id: a })).notes).toBe('A, after the restore')
    expect((await call('app:info', {})).readOnly).toBe(false)
    // the journal it replaced, B included, is a backup in the list
    expect((await call('backups:list', {})).map((b) => [b.name, b.kind])).toEqual([
      [result.keptAs, 'before-restore'],
      [backup.name, 'manual'],
    ])
    expect(rows(join(dir, 'backups', result.keptAs!), 'SELECT notes FROM positions')).toEqual([
      'A',
      'B',
    ])
    s.close()
    expect(rows(path, 'SELECT notes FROM positions')).toEqual(['A, after the restore'])
  })

  it('restores a damaged journal, open read-only, from its backup', async () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const c = clock('2026-11-27T16:00:00Z')
    const first = session(path, c.now)
    for (let i = 0; i < 40; i++)
      await first.call('positions:createIronCondor', june2026Condor({ notes: 'x'.repeat(2000) }))
    const backup = await first.call('backups:create', {})
    first.s.close()
    // a run of pages in the middle overwritten: the journal opens read-only with a banner
    const pages = Math.floor(statSync(path).size / 4096)
    const fd = openSync(path, 'r+')
    for (let p = Math.floor(pages / 3); p < Math.floor(pages / 3) + 8; p++)
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, p * 4096)
    closeSync(fd)
    const damaged = session(path, c.now)
    expect((await damaged.call('app:info', {})).readOnly).toBe(true)
    const r = await damaged.call('backups:restore', { name: backup.name })
    expect(r.keptAs).toMatch(/-before-restore\.sqlite$/)
    expect(await damaged.call('app:info', {})).toMatchObject({ readOnly: false, problem: null })
    expect((await damaged.call('positions:list', {})).positions).toHaveLength(40)
    await damaged.call('positions:createIronCondor', june2026Condor())
    damaged.s.close()
  })

  it('refuses a name that is not one of the listed backups, and a path, changing nothing', async () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const { s, raw, call } = session(path, clock('2026-11-27T16:00:00Z').now)
    await call('positions:createIronCondor', june2026Condor())
    writeFileSync(join(dir, 'elsewhere.sqlite'), 'x')
    expect(
      await raw('backups:restore', { name: 'wingman-2026-11-01T00-00-00Z-manual.sqlite' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message:
          'There is no backup called wingman-2026-11-01T00-00-00Z-manual.sqlite; the list may be out of date — look again.',
      },
    })
    expect(await raw('backups:restore', { name: '../elsewhere.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect((await call('positions:list', {})).positions).toHaveLength(1)
    expect(existsSync(join(dir, 'backups'))).toBe(false)
    s.close()
  })

  it('refuses to restore while another Wingman has the journal open, and keeps serving it', async () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const { s, raw, call } = session(path, clock('2026-11-27T16:00:00Z').now)
    const backup = await call('backups:create', {})
    await call('positions:createIronCondor', june2026Condor())
    const other = openJournal(path) // e.g. a wingman serve on the same file
    const r = await raw('backups:restore', { name: backup.name })
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'DB_BUSY',
        message: expect.stringMatching(/^Another Wingman has this journal open/),
      },
    })
    other.db.close()
    expect(listBackups(path).map((b) => b.kind)).toEqual(['manual'])
    expect((await call('positions:list', {})).positions).toHaveLength(1)
    await call('positions:createIronCondor', june2026Condor())
    expect((await call('positions:list', {})).positions).toHaveLength(2)
    s.close()
  })

  it('says restoring needs the app where no session holds the journal, and that opening another is desktop-only', async () => {
    const dir = tmp()
    const { s, raw } = session(join(dir, 'wingman.sqlite'), clock('2026-11-27T16:00:00Z').now)
    expect(await raw('journal:openAnother', {})).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'Opening another journal is done in the desktop app. In the browser, start Wingman on the other journal: wingman serve --db PATH',
      },
    })
    s.close()
  })

  it('opens another journal picked in the desktop’s dialog, and stays on the current one when it is refused', async () => {
    const dir = tmp()
    const path = join(dir, 'wingman.sqlite')
    const other = join(dir, 'other.sqlite')
    openJournal(other).db.close()
    const foreign = join(dir, 'foreign.sqlite')
    const f = new Database(foreign)
    f.pragma('application_id = 42')
    f.exec('CREATE TABLE t (x)')
    f.close()
    let pick: string | null = other
    const opened: string[] = []
    const { s, call, raw } = session(path, clock('2026-11-27T16:00:00Z').now, {
      shell: 'desktop',
      pickJournal: async () => pick,
      onOpened: (p) => opened.push(p),
    })
    expect((await call('journal:location', {})).canOpenAnother).toBe(true)
    expect(await call('journal:openAnother', {})).toEqual({ path: other })
    expect((await call('app:info', {})).databasePath).toBe(other)
    expect(opened).toEqual([other])
    pick = null
    expect(await call('journal:openAnother', {})).toBeNull()
    pick = foreign
    expect(await raw('journal:openAnother', {})).toMatchObject({
      ok: false,
      error: { code: 'DB_FOREIGN' },
    })
    expect((await call('app:info', {})).databasePath).toBe(other)
    s.close()
  })

  it('remembers the journal the desktop opened last, and forgets it when the file is gone', () => {
    const data = tmp()
    const other = join(tmp(), 'other.sqlite')
    expect(rememberedJournal(data)).toBeNull()
    openJournal(other).db.close()
    rememberJournal(data, other)
    expect(rememberedJournal(data)).toBe(other)
    rmSync(other)
    expect(rememberedJournal(data)).toBeNull()
    writeFileSync(join(data, 'journal.json'), '{"path": "relative.sqlite"}')
    expect(rememberedJournal(data)).toBeNull()
  })
})
