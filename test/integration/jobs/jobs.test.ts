import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  openJournalSession,
  type JournalSession,
} from '../../../electron/core/contract/journalSession.ts'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { EventHub } from '../../../electron/core/jobs/events.ts'
import { JOB_WORKER_URL } from '../../../electron/core/jobs/workerUrl.ts'
import type { Channel } from '../../../shared/channels.ts'
import type { RequestOf, ResponseOf } from '../../../shared/contract.ts'
import type { EventMap, EventName, JobProgress } from '../../../shared/jobs.ts'
import { BUNDLED_MARKET } from '../../helpers/journal.ts'
import { tastytradeFile } from '../../helpers/tastytradeFile.ts'
import { useTempDir } from '../../helpers/tmp.ts'

type Seen = { name: EventName; payload: EventMap[EventName] }

function open(
  path: string,
  market: boolean,
  workerUrl: URL | string = JOB_WORKER_URL,
  cancelGraceMs = 60_000,
) {
  const hub = new EventHub()
  const seen: Seen[] = []
  hub.subscribe((name, payload) => seen.push({ name, payload }))
  const session: JournalSession = openJournalSession({
    path,
    marketDir: market ? BUNDLED_MARKET : null,
    version: 't',
    shell: 'browser',
    now: () => new Date('2026-11-27T15:00:00Z'),
    log: () => {},
    jobs: { workerUrl, emit: hub.emit, cancelGraceMs },
  })
  const dispatch = createDispatch(session.handlers, { log: () => {} })
  const call = async <C extends Channel>(c: C, req: RequestOf<C>): Promise<ResponseOf<C>> => {
    const r = await dispatch(c, req)
    if (!r.ok) throw new Error(`${c}: ${r.error.code} ${r.error.message}`)
    return r.value as ResponseOf<C>
  }
  return { session, dispatch, call, hub, seen }
}

const count = (j: ReturnType<typeof open>, table: string) =>
  (
    j.session.current().journal.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as {
      n: number
    }
  ).n

describe('long work runs in worker threads (issue 13, point 2)', () => {
  const tmp = useTempDir()
  // 12,000 executions: ~2,000 condors with rolls, closes and expiries.
  const big = tastytradeFile(12_000).text

  it('answers app:info while an import runs in a worker, reports progress, and the host’s own connection sees what it wrote', async () => {
    const j = open(join(tmp(), 'journal.sqlite'), true)
    try {
      let imported = false
      const importing = j
        .call('trades:import', { content: big, fileName: 'big.csv' })
        .then((r) => ((imported = true), r))
      // The host thread is free: this answers while the worker is still importing.
      const info = await j.call('app:info', {})
      expect(info.version).toBe('t')
      expect(imported).toBe(false)
      const active = await j.call('jobs:active', {})
      expect(active.map((a) => a.kind)).toEqual(['trades:import'])
      const result = await importing
      expect(result.written).toBe(true)
      const progress = j.seen
        .filter((s) => s.name === 'job:progress')
        .map((s) => s.payload as JobProgress)
      expect(progress.some((p) => p.phase === 'Writing positions' && p.total! > 0)).toBe(true)
      const writing = progress.filter((p) => p.phase === 'Writing positions').map((p) => p.done)
      expect(writing).toEqual([...writing].sort((a, b) => a - b))
      expect(j.seen.at(-1)).toMatchObject({
        name: 'job:finished',
        payload: { kind: 'trades:import', outcome: 'done' },
      })
      expect(await j.call('jobs:active', {})).toEqual([])
      // The main connection sees what the worker wrote. The list's cache has a row per new
      // position to compute: that many are filled in a worker, not by the page's read.
      const page = await j.call('positions:page', { filter: { status: 'all' }, limit: 100 })
      expect(page.rows).toHaveLength(100)
      expect(j.seen.at(-1)).toMatchObject({
        name: 'job:finished',
        payload: { kind: 'positions:refresh', outcome: 'done' },
      })
      const listed = await j.call('positions:list', { status: 'all' })
      expect(listed.positions.length).toBe(result.positions.length)
      expect(listed.positions.length).toBeGreaterThan(1_000)
      expect(count(j, 'fills')).toBeGreaterThan(11_000)
    } finally {
      await j.session.close()
    }
  }, 180_000)

  it('a cancelled import writes nothing', async () => {
    const j = open(join(tmp(), 'journal.sqlite'), true)
    try {
      const before = { positions: count(j, 'positions'), fills: count(j, 'fills') }
      let cancelled = false
      j.hub.subscribe((name, payload) => {
        const p = payload as JobProgress
        if (
          !cancelled &&
          name === 'job:progress' &&
          p.phase === 'Writing positions' &&
          p.done > 0
        ) {
          cancelled = true
          void j.call('jobs:cancel', { jobId: p.jobId })
        }
      })
      const r = await j.dispatch('trades:import', { content: big })
      expect(cancelled).toBe(true)
      expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
      expect({ positions: count(j, 'positions'), fills: count(j, 'fills') }).toEqual(before)
      expect(j.seen.at(-1)).toMatchObject({
        name: 'job:finished',
        payload: { outcome: 'cancelled' },
      })
      // and the pool carries on: the next job runs
      const again = await j.call('trades:import', { content: big, dryRun: true })
      expect(again.written).toBe(false)
    } finally {
      await j.session.close()
    }
  }, 180_000)

  it('backs up and restores through workers; a job failure comes back in the trader’s words', async () => {
    const j = open(join(tmp(), 'journal.sqlite'), false)
    try {
      await j.call('accounts:create', { name: 'Before backup' })
      const backup = await j.call('backups:create', {})
      await j.call('accounts:create', { name: 'After backup' })
      const restored = await j.call('backups:restore', { name: backup.name })
      expect(restored.restored).toBe(backup.name)
      const names = (await j.call('accounts:list', {})).map((a) => a.name)
      expect(names).toContain('Before backup')
      expect(names).not.toContain('After backup')
      const missing = await j.dispatch('backups:restore', { name: 'wingman-nope.sqlite' })
      expect(missing.ok).toBe(false)
      if (!missing.ok) expect(missing.error.code).not.toBe('INTERNAL')
      // the workers of the restored journal answer too
      expect((await j.call('review:run', {})).decisions).toEqual([])
    } finally {
      await j.session.close()
    }
  }, 120_000)

  it('the desktop bundle’s worker (out/main/jobWorker.js, built by npm test’s pretest) runs jobs', async () => {
    const built = resolve(import.meta.dirname, '../../../out/main/jobWorker.js')
    expect(existsSync(built)).toBe(true)
    const j = open(join(tmp(), 'journal.sqlite'), false, built)
    try {
      const backup = await j.call('backups:create', {})
      expect(backup.kind).toBe('manual')
      expect(j.seen.at(-1)).toMatchObject({ name: 'job:finished', payload: { outcome: 'done' } })
    } finally {
      await j.session.close()
    }
  }, 60_000)

  it('cancelled with no grace period (its worker may be stopped mid-write): nothing written, and the next job runs', async () => {
    // 1 ms grace: the worker is stopped unless it notices the cancel first, mid-write either way
    const j = open(join(tmp(), 'journal.sqlite'), true, JOB_WORKER_URL, 1)
    try {
      let stopped = false
      j.hub.subscribe((name, payload) => {
        const p = payload as JobProgress
        if (!stopped && name === 'job:progress' && p.phase === 'Writing positions') {
          stopped = true
          void j.call('jobs:cancel', { jobId: p.jobId })
        }
      })
      const r = await j.dispatch('trades:import', { content: big })
      expect(stopped).toBe(true)
      expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
      // the transaction went with the stopped thread, or was rolled back by the work
      expect(count(j, 'positions')).toBe(0)
      expect(count(j, 'fills')).toBe(0)
      const again = await j.call('trades:import', { content: big, fileName: 'big.csv' })
      expect(again.written).toBe(true)
      expect(count(j, 'fills')).toBeGreaterThan(11_000)
    } finally {
      await j.session.close()
    }
  }, 180_000)
})
