import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import { openJournal, type Db } from '../../../electron/core/db/connection.ts'
import { storageError } from '../../../electron/core/db/errors.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import { condorInput } from '../../helpers/builders.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { runChild } from './children.ts'

const contract = (db: Db, path: string) =>
  createDispatch(createHandlers({ db, databasePath: path, version: 't', shell: 'browser' }), {
    log: () => {},
  })

describe('writes from several processes', () => {
  const tmp = useTempDir()

  /** A journal with its account and rulesets, no market data (fast). */
  function journal(): string {
    const path = join(tmp(), 'journal.sqlite')
    openAppJournal(path, { marketDir: null }).db.close()
    return path
  }

  it('a create waits while another process holds the write lock for 1.5 s, then succeeds', async () => {
    const path = journal()
    const { db } = openJournal(path)
    const dispatch = contract(db, path)
    const holder = runChild('holdWriteLock.ts', [path, '1500'])
    await holder.line(/^locked$/)
    const started = performance.now()
    // Synchronous inside: SQLite's busy handler sleeps until the other process commits.
    const r = await dispatch('positions:createIronCondor', condorInput())
    const waited = performance.now() - started
    expect(r).toEqual({ ok: true, value: { id: 1 } })
    expect(await holder.exit).toBe(0)
    console.log(`create waited ${waited.toFixed(0)} ms for another process's 1.5 s write lock`)
    expect(waited).toBeGreaterThan(1000)
    expect(waited).toBeLessThan(5000)
    // Both writes are in: the holder's and ours.
    expect(
      db.prepare("SELECT count(*) FROM accounts WHERE name = 'Lock holder'").pluck().get(),
    ).toBe(1)
    db.close()
  })

  it('answers DB_BUSY (not INTERNAL) when the lock is held past the busy timeout', async () => {
    const path = journal()
    const { db } = openJournal(path)
    db.pragma('busy_timeout = 200') // the real 5 s would only slow the test down
    const dispatch = contract(db, path)
    const holder = runChild('holdWriteLock.ts', [path, '1500'])
    await holder.line(/^locked$/)
    const r = await dispatch('positions:createIronCondor', condorInput())
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } })
    expect(!r.ok && r.error.message).toMatch(/busy.*Nothing was changed/)
    await holder.exit
    db.close()
  })

  it('`wingman init` on a journal another process keeps locked exits 2 with DB_BUSY words', async () => {
    const path = journal()
    const holder = runChild('holdWriteLock.ts', [path, '7000'])
    await holder.line(/^locked$/)
    const r = spawnSync(
      process.execPath,
      [resolve(REPO_ROOT, 'bin/wingman.mjs'), 'init', '--db', path, '--empty'],
      { encoding: 'utf8', timeout: 30_000 },
    )
    expect(r.status).toBe(2)
    expect(r.stdout).not.toMatch(/up to date/)
    expect(r.stderr).toMatch(/^wingman init: The journal is busy/)
    holder.process.kill('SIGKILL')
    await holder.exit
  }, 20_000)

  it('maps a full disk and a read-only journal to DB_FULL and DB_READONLY', async () => {
    const path = journal()
    const { db } = openJournal(path)
    // The journal may not grow: what SQLite reports when the disk is full (SQLITE_FULL).
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    const big = condorInput({
      notes: 'x'.repeat(3000),
      tags: Array.from({ length: 20 }, (_, i) => `t${i}`),
    })
    let full: Awaited<ReturnType<ReturnType<typeof contract>>> | undefined
    for (let i = 0; i < 200 && (!full || full.ok); i++)
      full = await contract(db, path)('positions:createIronCondor', big)
    expect(full).toMatchObject({ ok: false, error: { code: 'DB_FULL' } })
    db.close()

    const readOnly = new Database(path, { readonly: true })
    const r = await contract(readOnly, path)('accounts:create', { name: 'IBKR' })
    expect(r).toMatchObject({ ok: false, error: { code: 'DB_READONLY' } })
    // A write that does not go through a service transaction fails the same way.
    let raw: unknown
    try {
      readOnly
        .prepare("INSERT INTO accounts (name, created_at) VALUES ('x', '2026-01-01T00:00:00.000Z')")
        .run()
    } catch (e) {
      raw = e
    }
    expect(storageError(raw)?.code).toBe('DB_READONLY')
    readOnly.close()
  })

  it('2 processes × 1,000 concurrent creates: every one acknowledged and present, none failed', async () => {
    const path = journal()
    const per = 1000
    const writers = ['A', 'B'].map((tag) =>
      runChild('createPositions.ts', [path, tag, String(per)]),
    )
    await Promise.all(writers.map((w) => w.line(/^ready$/)))
    const started = performance.now()
    for (const w of writers) w.process.stdin!.write('go\n')
    const results = (await Promise.all(writers.map((w) => w.line(/^\{/, 120_000)))).map(
      (l) =>
        JSON.parse(l) as {
          tag: string
          acked: number[]
          failed: { code: string; message: string }[]
          ms: number
        },
    )
    const ms = performance.now() - started
    for (const w of writers) expect(await w.exit).toBe(0)

    const db = new Database(path, { readonly: true })
    const stored = new Map(
      (db.prepare('SELECT id, notes FROM positions').all() as { id: number; notes: string }[]).map(
        (r) => [r.id, r.notes],
      ),
    )
    db.close()
    const lost = results.flatMap((r) => r.acked.filter((id) => !stored.get(id)?.startsWith(r.tag)))
    console.log(
      `2 × ${per} concurrent creates in ${(ms / 1000).toFixed(1)} s: ` +
        results
          .map(
            (r) =>
              `${r.tag} ${r.acked.length} acknowledged, ${r.failed.length} failed (${(r.ms / 1000).toFixed(1)} s)`,
          )
          .join('; ') +
        `; ${stored.size} stored, ${lost.length} acknowledged but missing`,
    )
    for (const r of results) {
      expect(r.failed).toEqual([])
      expect(r.acked).toHaveLength(per)
    }
    expect(lost).toEqual([])
    expect(stored.size).toBe(2 * per)
  }, 120_000)
})
