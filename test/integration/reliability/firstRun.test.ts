import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadMigrations } from '../../../electron/core/db/migrate.ts'
import { ensureInstrument } from '../../../electron/core/db/repositories/market.ts'
import { parseMarketCsv } from '../../../electron/core/io/market/parseMarketCsv.ts'
import { BUNDLED_FILES } from '../../../electron/core/services/marketImport.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import { BUNDLED_MARKET } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { runChild } from './children.ts'

interface Counts {
  accounts: number
  bars: number
  breadth: number
  events: number
  instruments: number
  step: string | null
}

/** What the bundled load leaves in a journal, read without writing to it (0 for missing tables). */
function counts(path: string): Counts {
  const db = new Database(path, { readonly: true })
  try {
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
    )
    const n = (table: string) =>
      tables.has(table) ? (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0
    return {
      accounts: n('accounts'),
      bars: n('daily_bars'),
      breadth: n('breadth_daily'),
      events: n('events'),
      instruments: n('instruments'),
      step: tables.has('app_state')
        ? ((db.prepare("SELECT value FROM app_state WHERE key = 'bundled_market'").pluck().get() as
            string | undefined) ?? null)
        : null,
    }
  } finally {
    db.close()
  }
}

/** Resolves once the journal at `path` has its account committed (polled read-only). */
async function accountCommitted(path: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (existsSync(path) && counts(path).accounts > 0) return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`no account in ${path} after 15 s`)
}

describe('the first run', () => {
  const tmp = useTempDir()
  let full: Counts

  beforeAll(() => {
    const path = join(tmp(), 'reference.sqlite')
    openAppJournal(path, { marketDir: BUNDLED_MARKET }).db.close()
    full = counts(path)
  }, 60_000)

  it('is completed on the next start after kill -9 part-way, and only once', async () => {
    expect(full).toMatchObject({ bars: 90_672, breadth: 12_763, step: 'done' })
    const kills: string[] = []
    let duringLoad = 0
    // Kills at fixed times after start, and at times after the account is committed (the
    // load comes right after it), so that most land in the load on a fast or a slow machine.
    const plan: [number, 'start' | 'account'][] = [
      [0, 'start'],
      [150, 'start'],
      [0, 'account'],
      [250, 'account'],
      [600, 'account'],
      [1000, 'account'],
      [4000, 'start'],
    ]
    for (const [delay, from] of plan) {
      const path = join(tmp(), 'journal.sqlite')
      const child = runChild('firstRun.ts', [path, BUNDLED_MARKET])
      await child.line(/^opening$/)
      if (from === 'account') await accountCommitted(path)
      await new Promise((r) => setTimeout(r, delay))
      child.process.kill('SIGKILL')
      const ended = await child.exit
      const after = existsSync(path) ? counts(path) : null
      // All or nothing: the step's row and its rows are committed together.
      if (after?.step === 'done') expect(after).toEqual(full)
      else if (after) expect(after).toMatchObject({ bars: 0, breadth: 0, events: 0, step: null })
      // Killed after the account was committed, which the load comes right after.
      const when = !after
        ? 'before the file was made'
        : after.step === 'done'
          ? 'after the load'
          : after.accounts > 0
            ? 'during the load'
            : 'while creating the journal'
      if (when === 'during the load') duringLoad++
      // The next start finishes it…
      const next = openAppJournal(path, { marketDir: BUNDLED_MARKET })
      const loaded = next.market.length
      next.db.close()
      expect(counts(path)).toEqual(full)
      expect(loaded).toBe(after?.step === 'done' ? 0 : BUNDLED_FILES.length)
      // …and the one after changes nothing.
      const again = openAppJournal(path, { marketDir: BUNDLED_MARKET })
      expect(again.market).toEqual([])
      again.db.close()
      expect(counts(path)).toEqual(full)
      kills.push(
        `kill -9 ${delay} ms after the ${from === 'start' ? 'start' : 'account was committed'} (${ended}) ${when}: ${after ? `${after.bars} bars, step ${after.step ?? 'unfinished'}` : 'no file'} → next start ${loaded ? `loaded ${loaded} files` : 'had nothing to do'}`,
      )
    }
    console.log(
      `first run: ${kills.length} kills, ${duringLoad} during the load; 0 lost, 0 half-written (${full.bars} bars, ${full.breadth} breadth days, ${full.events} events after each next start)\n  ${kills.join('\n  ')}`,
    )
    expect(duringLoad).toBeGreaterThanOrEqual(3)
  }, 120_000)

  it('loads the bundled history into a 0-byte file', () => {
    const path = join(tmp(), 'zero.sqlite')
    writeFileSync(path, '')
    const opened = openAppJournal(path, { marketDir: BUNDLED_MARKET })
    expect(opened.created).toBe(true)
    expect(opened.market).toHaveLength(BUNDLED_FILES.length)
    opened.db.close()
    expect(counts(path)).toEqual(full)
  }, 60_000)

  it('records a journal made without the history as skipped, and does not load it later', () => {
    const path = join(tmp(), 'empty.sqlite')
    openAppJournal(path, { marketDir: null }).db.close()
    const later = openAppJournal(path, { marketDir: BUNDLED_MARKET })
    expect(later.market).toEqual([])
    later.db.close()
    expect(counts(path)).toMatchObject({ bars: 0, step: 'skipped' })
  })

  it('completes a first run a Wingman before the recorded step left half-done (v3, SPX and VIX only)', () => {
    const path = join(tmp(), 'v3.sqlite')
    const db = new Database(path)
    for (const m of loadMigrations().slice(0, 3)) {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    }
    db.exec(
      "INSERT INTO accounts (name, created_at) VALUES ('Default', '2026-01-01T00:00:00.000Z')",
    )
    // What the old per-file transactions left after a kill -9 two files in, written as that
    // Wingman wrote them (schema v3 has no daily_bars.source, which today's importer sets).
    const insert = db.prepare(
      'INSERT INTO daily_bars (instrument_id, date, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    for (const f of BUNDLED_FILES.slice(0, 2)) {
      const parsed = parseMarketCsv(readFileSync(join(BUNDLED_MARKET, f.file), 'utf8'))
      if (parsed.kind !== 'bars') throw new Error(`${f.file} is not a price file`)
      const id = ensureInstrument(db, f.symbol!, 'index')
      db.transaction(() => {
        for (const b of parsed.rows)
          insert.run(id, b.date, b.open, b.high, b.low, b.close, b.volume)
      })()
    }
    db.close()
    expect(counts(path).bars).toBeLessThan(full.bars)
    const opened = openAppJournal(path, { marketDir: BUNDLED_MARKET })
    expect(opened.migration.from).toBe(3)
    opened.db.close()
    expect(counts(path)).toEqual(full)
  }, 60_000)
})
