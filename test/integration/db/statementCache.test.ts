/**
 * Prepared statements once per connection (issue 13, point 5): thousands of repository calls in
 * one synchronous loop reuse the connection's statements — the cache holds one entry per distinct
 * SQL text, stays the same size across loops, is bounded, and the heap does not grow with the
 * number of calls. No timing assertions.
 */
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { getAppState } from '../../../electron/core/db/repositories/appState.ts'
import { listDecisions } from '../../../electron/core/db/repositories/decisions.ts'
import { loadLedgerInputs } from '../../../electron/core/db/repositories/ledgerRecords.ts'
import { listLegs } from '../../../electron/core/db/repositories/legs.ts'
import { getEvents } from '../../../electron/core/db/repositories/market.ts'
import {
  getPositionDetail,
  getPositionSummary,
} from '../../../electron/core/db/repositories/positions.ts'
import { cachedStatementCount, MAX_STATEMENTS, stmt } from '../../../electron/core/db/statements.ts'
import { createIronCondor } from '../../../electron/core/services/positions.ts'
import { CreateIronCondorSchema } from '../../../shared/ironCondor.ts'
import { condorInput } from '../../helpers/builders.ts'
import { useTempDir } from '../../helpers/tmp.ts'

const NOW = new Date('2026-11-24T15:00:00Z')

// A full collection before each heap reading, whether or not node runs with --expose-gc.
setFlagsFromString('--expose-gc')
const gc = (globalThis.gc ?? runInNewContext('gc')) as () => void
const heapAfterGc = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe('statement cache', () => {
  const tmp = useTempDir()

  it('20,000 rounds of repository calls reuse one statement per SQL text and do not grow the heap', () => {
    const { db } = openJournal(join(tmp(), 'journal.sqlite'))
    const ids = [0, 1, 2].map(() =>
      createIronCondor(db, CreateIronCondorSchema.parse(condorInput()), NOW),
    )
    const round = (i: number) => {
      const id = ids[i % ids.length]!
      getPositionSummary(db, id)
      listLegs(db, id)
      listDecisions(db, id)
      getAppState(db, 'default_ruleset')
      // The heavier reads (a whole position; the calendar) every few rounds.
      if (i % 20 === 0) {
        getPositionDetail(db, id)
        loadLedgerInputs(db, ids.slice(0, 1 + (i % ids.length)))
        getEvents(db, i % 40 ? ['FOMC'] : ['FOMC', 'CPI'])
      }
    }
    for (let i = 0; i < 200; i++) round(i)
    const statements = cachedStatementCount(db)
    expect(statements).toBeGreaterThan(5)
    expect(statements).toBeLessThanOrEqual(MAX_STATEMENTS)

    const before = heapAfterGc()
    for (let i = 0; i < 20_000; i++) round(i)
    const after = heapAfterGc()
    // The same statements, no new ones: an IN-list of a different length is the same text.
    expect(cachedStatementCount(db)).toBe(statements)
    for (let i = 0; i < 20_000; i++) round(i)
    expect(cachedStatementCount(db)).toBe(statements)
    // Generous: 80,000+ calls that leaked even a few hundred bytes each would exceed it.
    expect(after - before).toBeLessThan(16 * 1024 * 1024)
    db.close()
  })

  it('returns the same statement for the same connection and text, a separate one per mode and connection', () => {
    const a = openJournal(join(tmp(), 'a.sqlite')).db
    const b = openJournal(join(tmp(), 'b.sqlite')).db
    const sql = 'SELECT count(*) AS n FROM positions'
    expect(stmt(a, sql)).toBe(stmt(a, sql))
    expect(stmt(a, sql)).not.toBe(stmt(b, sql))
    // The plucked statement is its own entry: asking for it leaves the plain one returning rows.
    expect(stmt(a, sql, { pluck: true }).get()).toBe(0)
    expect(stmt(a, sql).get()).toEqual({ n: 0 })
    expect(stmt(a, sql, { pluck: true })).toBe(stmt(a, sql, { pluck: true }))
    a.close()
    b.close()
  })

  it('stays bounded when distinct texts keep coming', () => {
    const { db } = openJournal(join(tmp(), 'journal.sqlite'))
    for (let i = 0; i < MAX_STATEMENTS * 4; i++) stmt(db, `SELECT ${i} AS n`).get()
    expect(cachedStatementCount(db)).toBe(MAX_STATEMENTS)
    // The newest text is still cached and still answers.
    const last = `SELECT ${MAX_STATEMENTS * 4 - 1} AS n`
    expect(stmt(db, last)).toBe(stmt(db, last))
    expect(stmt(db, last).get()).toEqual({ n: MAX_STATEMENTS * 4 - 1 })
    db.close()
  })
})
