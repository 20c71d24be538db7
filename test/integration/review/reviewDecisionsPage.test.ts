import { describe, expect, it } from 'vitest'
import { outcomePageSql } from '../../../electron/core/db/repositories/reviewCache.ts'
import type { RequestOf } from '../../../shared/contract.ts'
import type { ReviewDecisionRow } from '../../../shared/review/report.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'
import { reviewScenario } from '../../helpers/reviewScenario.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * `review:decisionsPage` (issue 13): the decisions table's first rows from the review's cache
 * while the review's job runs. Its pages, put together, are the report's decisions — the same
 * rows, in the same order (or its exact reverse), narrowed by the table's filters — and each page
 * is an index range (EXPLAIN QUERY PLAN).
 */
const NOW = new Date('2026-11-24T15:00:00Z')

type PageRequest = RequestOf<'review:decisionsPage'>

/** Every page of a request, `limit` rows at a time. */
async function allPages(j: TestJournal, req: Omit<PageRequest, 'after' | 'limit'>, limit: number) {
  const rows: ReviewDecisionRow[] = []
  const totals = new Set<number>()
  let after: string | undefined
  for (let pages = 0; pages < 100; pages++) {
    const page = await j.call('review:decisionsPage', {
      ...req,
      limit,
      ...(after ? { after } : {}),
    })
    if (!page) throw new Error('the cache is not current')
    expect(page.rows.length).toBeLessThanOrEqual(limit)
    rows.push(...page.rows)
    totals.add(page.total)
    if (page.nextCursor === null) return { rows, totals: [...totals] }
    after = page.nextCursor
  }
  throw new Error('no last page')
}

/** A journal with ties in the decisions' time, a correction and a voided position. */
async function journal(j: TestJournal) {
  const { call } = j
  const first = await reviewScenario(call)
  const second = await reviewScenario(call)
  const { id: open } = await call(
    'positions:createIronCondor',
    june2026Condor({ expiration: '2026-12-18', entryDate: '2026-11-02' }),
  )
  const legs = (await call('positions:get', { id: open })).legs
  const { decisionId } = await call('adjustments:log', {
    positionId: open,
    kind: 'other',
    occurredOn: '2026-11-10',
    decision: {
      inputs: {
        positionId: open,
        date: '2026-11-10',
        rulesetId: 'mechanical-wing',
        marks: Object.fromEntries(legs.map((l) => [l.id, 1])),
      },
      actionTaken: 'HOLD',
    },
  })
  await call('decisions:correct', {
    decisionId: decisionId!,
    actionTaken: 'CLOSE_ALL',
    reason: 'Closed it, logged the wrong action',
  })
  await call('positions:void', { id: second.b, reason: 'Entered twice' })
  return { ...first, open }
}

describe('review:decisionsPage', () => {
  const tmp = useTempDir()

  it('answers null until the cache is current, then pages the report’s decisions in its order', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { a } = await journal(j)
    expect(await j.call('review:decisionsPage', { limit: 10 })).toBeNull() // never reviewed

    const report = await j.call('review:run', {})
    expect(report.decisions.length).toBeGreaterThanOrEqual(6)
    // decisions logged at the same instant: the order within a tie is the id's
    expect(new Set(report.decisions.map((d) => d.decidedAt)).size).toBeLessThan(
      report.decisions.length,
    )
    const filters: [Omit<PageRequest, 'after' | 'limit'>, (d: ReviewDecisionRow) => boolean][] = [
      [{}, () => true],
      [{ action: 'HOLD' }, (d) => d.taken === 'HOLD'],
      [{ action: 'CLOSE_ALL' }, (d) => d.taken === 'CLOSE_ALL'],
      [{ followed: true }, (d) => d.followed],
      [{ followed: false }, (d) => !d.followed],
      [{ ruleset: 'mechanical-wing' }, (d) => d.rulesetId === 'mechanical-wing'],
      [{ ruleset: 'no-such-ruleset' }, () => false],
      [
        { followed: false, action: 'ROLL_UP_CALL' },
        (d) => !d.followed && d.taken === 'ROLL_UP_CALL',
      ],
    ]
    for (const [filter, keep] of filters)
      for (const direction of ['asc', 'desc'] as const)
        for (const limit of [1, 2, 3, 500]) {
          const expected = report.decisions.filter(keep)
          if (direction === 'desc') expected.reverse()
          const got = await allPages(j, { ...filter, sort: { column: 'date', direction } }, limit)
          expect(got.rows).toEqual(expected)
          expect(got.totals).toEqual([expected.length])
        }

    // the date range is the review's own: positions opened in it
    for (const range of [{ from: '2024-12-01', to: '2024-12-31' }, { from: '2026-11-01' }]) {
      const ranged = await j.call('review:run', range)
      expect((await allPages(j, range, 2)).rows).toEqual(ranged.decisions)
    }

    // a change: null until the review runs again
    await j.call('positions:update', { id: a, notes: 'changed' })
    expect(await j.call('review:decisionsPage', { limit: 10 })).toBeNull()
    await j.call('review:run', {})
    expect(await j.call('review:decisionsPage', { limit: 10 })).not.toBeNull()
  })

  it('refuses a cursor it did not give', async () => {
    const j = openTestJournal(tmp(), NOW)
    await reviewScenario(j.call)
    await j.call('review:run', {})
    const r = await j.raw('review:decisionsPage', { limit: 10, after: 'not a cursor' })
    expect(r.ok ? null : r.error.code).toBe('VALIDATION')
  })

  it('reads each page as a range of the review’s date index (EXPLAIN QUERY PLAN)', () => {
    const j = openTestJournal(tmp(), NOW)
    for (const descending of [false, true])
      for (const cursor of [false, true]) {
        const plan = (
          j.db.prepare(`EXPLAIN QUERY PLAN ${outcomePageSql(descending, cursor)}`).all({
            from: null,
            to: null,
            ruleset: null,
            taken: null,
            followed: null,
            afterAt: '2024-12-10',
            afterId: 3,
            limit: 100,
          }) as { detail: string }[]
        ).map((r) => r.detail)
        const outer = plan.find((d) => / o /.test(` ${d} `) || d.includes('review_outcomes'))
        expect(outer, plan.join('\n')).toMatch(
          cursor
            ? /SEARCH o USING INDEX review_outcomes_decided \(decided_at[<>]\?\)/
            : /SCAN o USING INDEX review_outcomes_decided/,
        )
        // the position by its key, no sort of the rows
        expect(plan.join('\n')).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/)
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
      }
  })
})
