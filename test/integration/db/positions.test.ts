import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openJournal, type Db } from '../../../electron/core/db/connection.ts'
import {
  getPositionDetail,
  listPositionSummaries,
} from '../../../electron/core/db/repositories/positions.ts'
import { ensureDefaultAccount } from '../../../electron/core/services/accounts.ts'
import { createIronCondor } from '../../../electron/core/services/positions.ts'
import { CreateIronCondorSchema, type CreateIronCondorInput } from '../../../shared/ironCondor.ts'
import { condorInput } from '../../helpers/builders.ts'
import { useTempDir } from '../../helpers/tmp.ts'

const NOW = new Date('2026-11-24T15:00:00Z')
const parse = (i: CreateIronCondorInput) => CreateIronCondorSchema.parse(i)

function counts(db: Db): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of ['positions', 'legs', 'fills', 'adjustments', 'position_tags', 'accounts'])
    out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
  return out
}

describe('positions on a real journal file', () => {
  const tmp = useTempDir()
  const open = () => openJournal(join(tmp(), 'journal.sqlite')).db

  it('records a condor as position, four legs, an opening adjustment and four fills', () => {
    const db = open()
    const id = createIronCondor(db, parse(condorInput()), NOW)
    const d = getPositionDetail(db, id)!
    expect(d.summary).toMatchObject({
      underlying: 'SPX',
      root: 'SPXW',
      status: 'open',
      openedOn: '2026-11-02',
      expiration: '2026-12-18',
      longPut: '6400',
      shortPut: '6450',
      shortCall: '7000',
      longCall: '7050',
      quantity: 2,
      credit: '3.15',
      tags: ['core'],
      accountName: 'Default',
    })
    expect(d.legs.map((l) => [l.role, l.optionType, l.strike, l.quantity, l.multiplier])).toEqual([
      ['long_put', 'put', '6400', 2, 100],
      ['short_put', 'put', '6450', -2, 100],
      ['short_call', 'call', '7000', -2, 100],
      ['long_call', 'call', '7050', 2, 100],
    ])
    // 16:00 New York on 2026-11-02 (EST, the day after the DST change) is 21:00Z.
    expect(d.legs.every((l) => l.openedAt === '2026-11-02T21:00:00.000Z')).toBe(true)
    expect(d.adjustments).toEqual([
      expect.objectContaining({ kind: 'open', netPrice: '3.15', cash: '630', fees: '5.2' }),
    ])
    expect(d.fills.map((f) => [f.side, f.effect, f.quantity, f.price, f.adjustmentId])).toEqual([
      ['buy', 'open', 2, null, d.adjustments[0]!.id],
      ['sell', 'open', 2, null, d.adjustments[0]!.id],
      ['sell', 'open', 2, null, d.adjustments[0]!.id],
      ['buy', 'open', 2, null, d.adjustments[0]!.id],
    ])
    db.close()
  })

  it('survives closing and reopening the file', () => {
    const path = join(tmp(), 'persist.sqlite')
    const a = openJournal(path).db
    createIronCondor(a, parse(condorInput({ notes: 'kept across restarts' })), NOW)
    a.close()
    const b = openJournal(path).db
    expect(listPositionSummaries(b, 'all')).toHaveLength(1)
    expect(getPositionDetail(b, 1)?.notes).toBe('kept across restarts')
    b.close()
  })

  it('filters open and closed positions', () => {
    const db = open()
    createIronCondor(db, parse(condorInput()), NOW)
    const closed = createIronCondor(db, parse(condorInput({ expiration: '2026-11-20' })), NOW)
    db.prepare("UPDATE positions SET status = 'closed', closed_on = '2026-11-20' WHERE id = ?").run(
      closed,
    )
    expect(listPositionSummaries(db, 'open').map((p) => p.status)).toEqual(['open'])
    expect(listPositionSummaries(db, 'closed').map((p) => p.id)).toEqual([closed])
    expect(listPositionSummaries(db, 'all')).toHaveLength(2)
    db.close()
  })

  it('writes nothing when the account does not exist', () => {
    const db = open()
    ensureDefaultAccount(db, NOW.toISOString())
    const before = counts(db)
    expect(() => createIronCondor(db, parse(condorInput({ accountId: 99 })), NOW)).toThrow(
      /Account 99 does not exist/,
    )
    expect(counts(db)).toEqual(before)
    db.close()
  })

  it('writes nothing when a write fails part-way (the fourth fill is refused)', () => {
    const db = open()
    ensureDefaultAccount(db, NOW.toISOString())
    const before = counts(db)
    // Inject a failure after the position, adjustment, legs and three fills are written.
    db.exec(`CREATE TEMP TRIGGER fail_fourth_fill BEFORE INSERT ON fills
             WHEN (SELECT count(*) FROM fills) >= 3
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    expect(() => createIronCondor(db, parse(condorInput()), NOW)).toThrow(/injected failure/)
    expect(counts(db)).toEqual(before)
    db.close()
  })

  it('lists 10,000 positions with the summary query in one pass', () => {
    const db = open()
    const input = parse(condorInput())
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) createIronCondor(db, input, NOW)
    })()
    const rows = listPositionSummaries(db, 'open')
    expect(rows).toHaveLength(10_000)
    expect(rows[9_999]).toMatchObject({ shortCall: '7000', quantity: 2 })
    db.close()
  })

  it('plans its list and detail queries on indexes, never a scan of legs or fills', () => {
    const db = open()
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map(
        (r) => r.detail,
      )
    const legsPlan = plan('SELECT * FROM legs WHERE position_id = ?', 1)
    expect(legsPlan.join('\n')).toMatch(/USING INDEX legs_position/)
    const fillsPlan = plan(
      'SELECT f.* FROM fills f JOIN legs l ON l.id = f.leg_id WHERE l.position_id = ?',
      1,
    )
    expect(fillsPlan.join('\n')).toMatch(/USING INDEX fills_leg/)
    expect(fillsPlan.join('\n')).not.toMatch(/SCAN f\b|SCAN fills/)
    const openPlan = plan("SELECT id FROM positions WHERE status = 'open' ORDER BY opened_on")
    expect(openPlan.join('\n')).toMatch(/positions_status_opened/)
    const replacedPlan = plan('SELECT 1 FROM legs r WHERE r.replaces_leg_id = ?', 1)
    expect(replacedPlan.join('\n')).toMatch(/legs_replaces/)
    db.close()
  })
})
