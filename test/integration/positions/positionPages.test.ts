import Database from 'better-sqlite3'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PositionFilterInput } from '../../../shared/contract.ts'
import type { PositionSummary } from '../../../shared/domain.ts'
import { POSITION_SORTS, type PositionSort } from '../../../shared/listPaging.ts'
import { parseE4 } from '../../../shared/money.ts'
import { DECISION_PAGE_SQL } from '../../../electron/core/db/repositories/decisions.ts'
import {
  NO_LIST_FILTERS,
  pageSql,
  TOTALS_SQL,
} from '../../../electron/core/db/repositories/positionList.ts'
import { pagePositions, SORT_KEYS } from '../../../electron/core/services/positionList.ts'
import { MarkService } from '../../../electron/core/services/marks.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * The positions list in keyset pages over the `position_list` cache (migration 008), against the
 * whole list as `positions:list` computes it in memory: every row once, in order, for every sort
 * column, direction and status; the same filters; the same totals; the cache recomputed after
 * each kind of change; and every page query on an index.
 */
const NOW = new Date('2026-11-24T15:00:00Z')
const STATUSES = ['open', 'closed', 'all', 'voided'] as const

/** The value each sort column orders by, read from a summary independently of the core. */
function keyOf(p: PositionSummary, sort: PositionSort): string | number | null {
  const e4 = (v: string | null | undefined) => (v == null ? null : parseE4(v))
  switch (sort) {
    case 'status':
      return p.voidedAt ? 'voided' : p.status
    case 'openedOn':
      return p.openedOn
    case 'expiration':
    case 'dte':
      return p.expiration
    case 'root':
      return p.root
    case 'structure':
      return p.structure
    case 'account':
      return p.accountName
    case 'quantity':
      return p.quantity
    case 'credit':
      return e4(p.credit)
    case 'realised':
      return e4(p.figures?.realised)
    case 'openPnl':
      return e4(p.figures?.openPnl)
    case 'fees':
      return e4(p.figures?.fees)
    case 'total':
      return e4(p.figures?.total)
  }
}

/** The expected order: known values by (value, id), then unknowns by id; reversed for desc. */
function expectedIds(rows: PositionSummary[], sort: PositionSort, dir: 'asc' | 'desc'): number[] {
  const s = dir === 'asc' ? 1 : -1
  return rows
    .map((p) => ({ id: p.id as number, k: keyOf(p, sort) }))
    .sort((a, b) => {
      if ((a.k === null) !== (b.k === null)) return a.k === null ? 1 : -1
      if (a.k !== null && b.k !== null && a.k !== b.k) return (a.k < b.k ? -1 : 1) * s
      return (a.id - b.id) * s
    })
    .map((r) => r.id)
}

describe('positions in keyset pages', () => {
  // One journal for the whole block (useTempDir removes its folders after each test).
  const dir = mkdtempSync(join(tmpdir(), 'wingman-pages-'))
  afterAll(() => {
    j.db.close()
    rmSync(dir, { recursive: true, force: true })
  })
  let j: TestJournal

  async function allPages(
    filter: PositionFilterInput,
    sort: PositionSort,
    direction: 'asc' | 'desc',
    limit: number,
  ): Promise<PositionSummary[]> {
    const out: PositionSummary[] = []
    let after: string | undefined
    for (let i = 0; i < 1000; i++) {
      const page = await j.call('positions:page', {
        filter,
        sort: { column: sort, direction },
        limit,
        ...(after ? { after } : {}),
      })
      expect(page.rows.length).toBeLessThanOrEqual(limit)
      out.push(...page.rows)
      if (!page.nextCursor) return out
      after = page.nextCursor
    }
    throw new Error('the pages never ended')
  }

  beforeAll(async () => {
    j = openTestJournal(dir, NOW)
    const { call } = j
    const other = await call('accounts:create', { name: 'Another account' })
    // Few distinct values per column, so that ties are the rule, not the exception.
    const expirations = ['2026-07-17', '2026-12-18', '2027-01-15']
    const credits = ['17.85', '12.5', '17.85', '20']
    for (let i = 0; i < 36; i++) {
      const { id } = await call(
        'positions:createIronCondor',
        june2026Condor({
          underlying: i % 3 === 0 ? 'SPXW' : 'SPX',
          entryDate: `2026-06-0${1 + (i % 5)}`,
          expiration: expirations[i % 3]!,
          credit: credits[i % 4]!,
          quantity: 1 + (i % 3),
          fees: i % 2 ? '2.6' : '0',
          tags: i % 4 === 0 ? ['core'] : i % 4 === 1 ? ['wide', 'core'] : [],
          notes: i % 5 === 0 ? 'Alpha setup after CPI' : i % 5 === 1 ? 'beta only' : '',
          ...(i % 6 === 5 ? { accountId: other.id } : {}),
        }),
      )
      // every third position closed in June, at prices that vary with i
      if (i % 3 === 1) {
        const d = await call('positions:get', { id })
        await call('adjustments:log', {
          positionId: id,
          kind: 'close',
          occurredOn: '2026-06-12',
          closes: d.legs.map((l) => ({
            legId: l.id,
            quantity: Math.abs(l.quantity),
            price: String(1 + (i % 4)),
          })),
        })
      }
      if (i % 11 === 10) await call('positions:void', { id, reason: 'Entered twice' })
    }
  }, 120_000)

  it('every status, sort column and direction: each row exactly once, in order, including ties', async () => {
    for (const status of STATUSES) {
      const { positions } = await j.call('positions:list', { status })
      expect(positions.length).toBeGreaterThan(0)
      for (const sort of POSITION_SORTS)
        for (const dir of ['asc', 'desc'] as const) {
          const paged = await allPages({ status }, sort, dir, 5)
          expect(
            paged.map((p) => p.id),
            `${status} by ${sort} ${dir}`,
          ).toEqual(expectedIds(positions, sort, dir))
        }
    }
  }, 120_000)

  it('any page size gives the same rows as the whole list (property)', async () => {
    const lists = new Map<string, PositionSummary[]>()
    for (const status of STATUSES)
      lists.set(status, (await j.call('positions:list', { status })).positions)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STATUSES),
        fc.constantFrom(...POSITION_SORTS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 1, max: 40 }),
        async (status, sort, dir, limit) => {
          const paged = await allPages({ status }, sort, dir, limit)
          expect(paged.map((p) => p.id)).toEqual(expectedIds(lists.get(status)!, sort, dir))
        },
      ),
      { numRuns: 40 },
    )
  }, 120_000)

  it('a page row is the row positions:list shows (figures, legs, tags)', async () => {
    const { positions } = await j.call('positions:list', { status: 'all' })
    const paged = await allPages({ status: 'all' }, 'openedOn', 'desc', 500)
    const byId = new Map(positions.map((p) => [p.id, p]))
    for (const p of paged) expect(p).toEqual(byId.get(p.id))
  })

  it('filters in SQL list what the in-memory filter lists, with the same totals', async () => {
    const accounts = await j.call('accounts:list', {})
    const other = accounts.find((a) => a.name === 'Another account')!
    const filters: PositionFilterInput[] = [
      { status: 'all', underlying: 'SPX' },
      { status: 'open', tag: 'core' },
      { status: 'all', tag: 'wide' },
      { status: 'all', text: 'alpha cpi' },
      { status: 'closed', text: 'BETA' },
      { status: 'all', from: '2026-06-02', to: '2026-06-04' },
      { status: 'all', accountId: other.id },
      { status: 'open', structure: 'iron_condor', tag: 'core', underlying: 'SPX' },
      { status: 'voided' },
      { status: 'all', tag: 'nothing-has-this' },
    ]
    for (const filter of filters) {
      const whole = await j.call('positions:list', filter)
      const paged = await allPages(filter, 'total', 'desc', 4)
      expect(paged.map((p) => p.id).sort(), JSON.stringify(filter)).toEqual(
        whole.positions.map((p) => p.id).sort(),
      )
      const totals = await j.call('positions:totals', filter)
      const { openPnlAsOf, tags, ...sums } = totals
      expect(sums, JSON.stringify(filter)).toEqual(whole.totals)
      const dates = [...new Set(whole.positions.flatMap((p) => p.figures?.openPnlAsOf ?? []))]
      expect(openPnlAsOf).toEqual(dates.sort().reverse())
      expect(tags).toEqual(['core', 'wide'])
    }
  })

  it('a read-only journal pages the list computed in memory, in the same order', async () => {
    const ro = new Database(j.db.name, { readonly: true })
    try {
      const marks = new MarkService(ro)
      for (const status of STATUSES)
        for (const sort of ['total', 'expiration', 'openedOn'] as const)
          for (const direction of ['asc', 'desc'] as const) {
            const expected = await allPages({ status }, sort, direction, 6)
            const got: PositionSummary[] = []
            let after: string | undefined
            do {
              const page = pagePositions(
                ro,
                marks,
                { filter: { status }, sort: { column: sort, direction }, limit: 6, after },
                '2026-11-24',
              )
              got.push(...page.rows)
              after = page.nextCursor ?? undefined
            } while (after)
            expect(got.map((p) => p.id)).toEqual(expected.map((p) => p.id))
          }
    } finally {
      ro.close()
    }
  })

  it('refuses a cursor it did not give', async () => {
    const r = await j.raw('positions:page', {
      filter: { status: 'all' },
      sort: { column: 'total', direction: 'asc' },
      after: '{"not":"a cursor"}',
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('every page query and the totals read an index, with no temporary b-tree', () => {
    const plan = (sql: string, params: Record<string, unknown>) =>
      (j.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n')
    const filters = NO_LIST_FILTERS
    for (const sort of POSITION_SORTS)
      for (const dir of ['asc', 'desc'] as const)
        for (const phase of ['values', 'nulls'] as const)
          for (const after of [null, { k: 1, id: 1 }]) {
            // a NOT NULL column has no page of unknowns (the service never asks for one)
            if (phase === 'nulls' && !SORT_KEYS[sort].nullable) continue
            const sql = pageSql({ key: SORT_KEYS[sort], dir, phase, after })
            const p = plan(sql, { ...filters, bucket: 'open', limit: 100, k: 1, id: 1 })
            const what = `${sort} ${dir} ${phase} ${after ? 'after' : 'first'}:\n${p}`
            expect(p, what).toMatch(new RegExp(`SEARCH l USING INDEX ${SORT_KEYS[sort].index}`))
            expect(p, what).not.toMatch(/TEMP B-TREE|SCAN l\b/)
          }
    const totals = plan(TOTALS_SQL, { ...filters, b1: 'open', b2: 'closed' })
    expect(totals).toMatch(/USING COVERING INDEX position_list_totals/)
    expect(totals).not.toMatch(/SCAN l\b/)
    for (const scope of ['all', 'position'] as const)
      for (const at of ['first', 'after'] as const) {
        const p = plan(DECISION_PAGE_SQL[scope][at], {
          positionId: 1,
          decidedAt: '2026-01-01',
          id: 1,
          limit: 100,
        })
        // an index in (decided_at, id) order, read until the limit
        expect(p, `${scope} ${at}: ${p}`).toMatch(/(SEARCH|SCAN) decisions USING INDEX decisions_/)
        expect(p).not.toMatch(/TEMP B-TREE/)
      }
  })
})

describe('the list cache follows every change', () => {
  const tmp = useTempDir()

  it('after a correction, a roll, a new fill, a mark and new closes the list shows what getPosition shows', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { call } = j
    const rowOf = async (id: number) => {
      const page = await call('positions:page', {
        filter: { status: 'all' },
        sort: { column: 'openedOn', direction: 'desc' },
        limit: 500,
      })
      return page.rows.find((p) => p.id === id)!
    }
    const same = async (id: number) => {
      const detail = await call('positions:get', { id })
      const row = await rowOf(id)
      expect(row.figures).toEqual(detail.summary.figures)
      expect(row.legsLabel).toBe(detail.summary.legsLabel)
      expect(row.status).toBe(detail.summary.status)
      return row
    }
    const { id } = await call(
      'positions:createIronCondor',
      june2026Condor({ expiration: '2026-12-18', entryDate: '2026-11-02' }),
    )
    const first = await same(id)
    const d = await call('positions:get', { id })
    const leg = (strike: string) => d.legs.find((l) => l.strike === strike)!

    // a correction of the opening fill's price
    const fill = d.fills.find((f) => f.legId === leg('7500').id)!
    await call('fills:correct', { fillId: fill.id, price: '30', reason: 'Typo in the price' })
    const corrected = await same(id)
    expect(corrected.figures!.premium).not.toBe(first.figures!.premium)

    // a roll of the call side
    await call('adjustments:log', {
      positionId: id,
      kind: 'roll',
      occurredOn: '2026-11-20',
      time: '14:30',
      closes: [
        { legId: leg('7500').id, quantity: 2, price: '40' },
        { legId: leg('7550').id, quantity: 2, price: '20' },
      ],
      opens: [
        {
          role: 'short_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7600',
          expiration: '2026-12-18',
          quantity: -2,
          price: '9',
          replacesLegId: leg('7500').id,
        },
        {
          role: 'long_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7650',
          expiration: '2026-12-18',
          quantity: 2,
          price: '4.2',
          replacesLegId: leg('7550').id,
        },
      ],
    })
    const rolled = await same(id)
    expect(rolled.legsLabel).toContain('7600C')

    // a new fill: a partial close of the put side
    await call('adjustments:log', {
      positionId: id,
      kind: 'partial_close',
      occurredOn: '2026-11-23',
      closes: [
        { legId: leg('7150').id, quantity: 1, price: '1' },
        { legId: leg('7200').id, quantity: 1, price: '2' },
      ],
    })
    const partly = await same(id)
    expect(partly.figures).not.toEqual(rolled.figures)

    // a mark entered for an open leg
    await call('legs:mark', { legId: leg('7150').id, date: '2026-11-24', price: '0.5' })
    await same(id)

    // new closes typed for a later session revalue the open P&L
    const before = await rowOf(id)
    await call('market:enterCloses', { date: '2026-11-24', closes: { SPX: 6000, VIX: 30 } })
    const after = await same(id)
    expect(after.figures!.openPnlAsOf).toBe('2026-11-24')
    expect(after.figures).not.toEqual(before.figures)

    // a void moves it to the voided list, an account rename renames its row
    await call('positions:void', { id, reason: 'Test' })
    expect(await rowOf(id)).toBeUndefined()
    const voided = await call('positions:page', {
      filter: { status: 'voided' },
      sort: { column: 'status', direction: 'asc' },
    })
    expect(voided.rows.map((p) => p.id)).toEqual([id])
    await call('positions:restore', { id, reason: 'Back' })
    const account = (await call('accounts:list', {}))[0]!
    await call('accounts:rename', { id: account.id, name: 'Renamed' })
    expect((await same(id)).accountName).toBe('Renamed')
  })

  it('a row valued yesterday is revalued today (open P&L depends on the date)', async () => {
    const dir = tmp()
    const day1 = openTestJournal(dir, new Date('2026-11-23T15:00:00Z'))
    const { id } = await day1.call(
      'positions:createIronCondor',
      june2026Condor({ expiration: '2026-12-18', entryDate: '2026-11-02' }),
    )
    await day1.call('positions:page', { filter: { status: 'open' } })
    const valued = () =>
      day1.db.prepare('SELECT valued_on FROM position_list WHERE position_id = ?').pluck().get(id)
    expect(valued()).toBe('2026-11-23')
    day1.db.close()
    const day2 = openTestJournal(dir, NOW)
    const page = await day2.call('positions:page', { filter: { status: 'open' } })
    const detail = await day2.call('positions:get', { id })
    expect(page.rows[0]!.figures).toEqual(detail.summary.figures)
    expect(
      day2.db.prepare('SELECT valued_on FROM position_list WHERE position_id = ?').pluck().get(id),
    ).toBe('2026-11-24')
  })
})
