import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import {
  computeReview,
  refreshReviewCache,
  runReview,
} from '../../../electron/core/review/review.ts'
import { MarkService } from '../../../electron/core/services/marks.ts'
import { summaryOf } from '../../../shared/review/report.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'
import { reviewScenario } from '../../helpers/reviewScenario.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * The review's cache (migration 009) gives the same report as the computation from the records
 * (`computeReview`), after every kind of change, and recomputes only what the change touched:
 * the changed position, or — for new market closes — only the figures valued on the last
 * session (a settled outcome never changes with a later close).
 */
const NOW = new Date('2026-11-24T15:00:00Z')

/** The cached and the uncached review, each with its own marks (fresh market history). */
function bothReviews(j: TestJournal, q: Parameters<typeof runReview>[2] = {}) {
  const cached = runReview(j.db, new MarkService(j.db), q)
  const uncached = computeReview(j.db, new MarkService(j.db), q)
  return { cached, uncached }
}

/** Positions the cache would compute again now. */
const pending = (j: TestJournal) => {
  const marks = new MarkService(j.db)
  return refreshReviewCache(j.db, marks, marks.market().sessionOnOrBefore('9999-12-31'))
}

describe('the review cache', () => {
  const tmp = useTempDir()

  it('equals the uncached review after each kind of change, recomputing only what changed', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { call } = j
    const { a, b, c } = await reviewScenario(call)
    // an open position with a decision: valued by the model on the last stored session
    const { id: open } = await call(
      'positions:createIronCondor',
      june2026Condor({ expiration: '2026-12-18', entryDate: '2026-11-02', tags: ['core', 'b'] }),
    )
    const d = await call('positions:get', { id: open })
    const leg = (strike: string) => d.legs.find((l) => l.strike === strike)!
    const marksOf = (pairs: [string, number][]) =>
      Object.fromEntries(pairs.map(([s, p]) => [leg(s).id, p]))
    const { decisionId } = await call('adjustments:log', {
      positionId: open,
      kind: 'other',
      occurredOn: '2026-11-10',
      decision: {
        inputs: {
          positionId: open,
          date: '2026-11-10',
          rulesetId: 'mechanical-wing',
          marks: marksOf([
            ['7150', 1],
            ['7200', 2],
            ['7500', 30],
            ['7550', 15],
          ]),
        },
        actionTaken: 'HOLD',
      },
    })

    const check = (q: Parameters<typeof runReview>[2] = {}) => {
      const { cached, uncached } = bothReviews(j, q)
      expect(cached).toEqual(uncached)
      return cached
    }
    const first = check()
    expect(first.decisions.map((x) => x.positionId).sort()).toEqual([a, b, c, open].sort())
    // warm: nothing to compute, the same report again, and the contract answers the same
    expect(pending(j)).toBe(0)
    expect(check()).toEqual(first)
    expect(await call('review:run', {})).toEqual(first)
    // date ranges and groupings are applied to the cached rows
    check({ from: '2024-12-01', to: '2024-12-31' })
    check({ from: '2026-11-01', groupBy: ['tag', 'vix', 'followed'] })

    // a correction of an opening fill's price
    const fill = d.fills.find((f) => f.legId === leg('7500').id)!
    await call('fills:correct', { fillId: fill.id, price: '30', reason: 'Typo in the price' })
    expect(pending(j)).toBe(1)
    const corrected = check()
    expect(corrected).not.toEqual(first)

    // a roll of the call side, logged with a decision
    await call('adjustments:log', {
      positionId: open,
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
      decision: {
        inputs: {
          positionId: open,
          date: '2026-11-20',
          rulesetId: 'mechanical-wing',
          marks: marksOf([
            ['7150', 0.5],
            ['7200', 1],
            ['7500', 40],
            ['7550', 20],
          ]),
        },
        actionTaken: 'ROLL_UP_CALL',
        reason: 'tested',
      },
    })
    expect(pending(j)).toBe(1)
    const rolled = check()
    expect(rolled.decisions).toHaveLength(first.decisions.length + 1)

    // a new fill: a partial close of the put side
    await call('adjustments:log', {
      positionId: open,
      kind: 'partial_close',
      occurredOn: '2026-11-23',
      closes: [
        { legId: leg('7150').id, quantity: 1, price: '1' },
        { legId: leg('7200').id, quantity: 1, price: '2' },
      ],
    })
    expect(pending(j)).toBe(1)
    check()

    // a mark entered for an open leg
    await call('legs:mark', { legId: leg('7150').id, date: '2026-11-20', price: '0.5' })
    expect(pending(j)).toBe(1)
    check()

    // new closes for a later session: only what is valued on the last session is computed
    // again (the open position); the settled ones stay as they were
    const beforeCloses = check()
    await call('market:enterCloses', { date: '2026-11-24', closes: { SPX: 6000, VIX: 30 } })
    expect(pending(j)).toBe(1)
    const afterCloses = check()
    expect(afterCloses.asOf).toBe('2026-11-24')
    expect(afterCloses.positions.find((p) => p.id === open)).not.toEqual(
      beforeCloses.positions.find((p) => p.id === open),
    )
    for (const id of [a, b, c])
      expect(afterCloses.positions.find((p) => p.id === id)).toEqual(
        beforeCloses.positions.find((p) => p.id === id),
      )

    // a close changed on or before a settled position's expiry reaches it: held to expiry,
    // A's 6150 call now settles in the money (A itself was expired at the old close)
    j.db
      .prepare(
        `UPDATE daily_bars SET close = 6175
          WHERE date = '2024-12-20' AND instrument_id = (SELECT id FROM instruments WHERE symbol = 'SPX')`,
      )
      .run()
    expect(pending(j)).toBeGreaterThanOrEqual(2)
    const resettled = check()
    const heldOf = (r: typeof first) => r.decisions.find((x) => x.positionId === a)!.heldToExpiry
    expect(heldOf(resettled)).toBe(heldOf(afterCloses)! - 2_500)

    // a void leaves the position and its decisions out; a restore brings them back
    await call('positions:void', { id: b, reason: 'Entered twice' })
    const voided = check()
    expect(voided.positions.map((p) => p.id)).not.toContain(b)
    expect(voided.decisions.map((x) => x.positionId)).not.toContain(b)
    await call('positions:restore', { id: b, reason: 'Back' })
    expect(check()).toEqual(resettled)

    // a new decision, then a correction of it (it counts once)
    const { decisionId: later } = await call('adjustments:log', {
      positionId: open,
      kind: 'other',
      occurredOn: '2026-11-23',
      decision: {
        inputs: { positionId: open, date: '2026-11-23', rulesetId: 'mechanical-wing', marks: {} },
        actionTaken: 'HOLD',
      },
    })
    expect(pending(j)).toBe(1)
    expect(check().decisions.map((x) => x.id)).toContain(later)
    const { decisionId: fixed } = await call('decisions:correct', {
      decisionId: later!,
      actionTaken: 'CLOSE_ALL',
      reason: 'It was a close',
    })
    expect(pending(j)).toBe(1)
    const final = check()
    expect(final.decisions.map((x) => x.id)).toContain(fixed)
    expect(final.decisions.map((x) => x.id)).not.toContain(later)
    // a tag is read with the review, not cached
    expect(final.groups.tag!.map((g) => g.key)).toContain('b')
    expect(decisionId).not.toBeNull()
  })

  it('review:summary gives the last review’s headline and groups until anything changes', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { call } = j
    const { a } = await reviewScenario(call)
    expect(await call('review:summary', {})).toBeNull() // never reviewed
    const report = await call('review:run', {})
    expect(await call('review:summary', {})).toEqual(summaryOf(report))
    // another request has its own summary
    expect(await call('review:summary', { groupBy: ['vix'] })).toBeNull()
    const byVix = await call('review:run', { groupBy: ['vix'] })
    expect(await call('review:summary', { groupBy: ['vix'] })).toEqual(summaryOf(byVix))
    // a tag changes the tag groups: the summary is gone until the next review
    await call('positions:update', { id: a, tags: ['core', 'new'] })
    expect(await call('review:summary', {})).toBeNull()
    const tagged = await call('review:run', {})
    expect(await call('review:summary', {})).toEqual(summaryOf(tagged))
    expect(tagged.groups.tag!.map((g) => g.key)).toContain('new')
    // new closes: the last session moves
    await call('market:enterCloses', { date: '2026-11-24', closes: { SPX: 6000, VIX: 30 } })
    expect(await call('review:summary', {})).toBeNull()
  })

  it('a read-only journal gets the uncached review (it cannot keep the cache)', async () => {
    const j = openTestJournal(tmp(), NOW)
    await reviewScenario(j.call)
    const ro = new Database(j.db.name, { readonly: true })
    try {
      // nothing cached yet: the read-only review computes everything and writes nothing
      const report = runReview(ro, new MarkService(ro), {})
      expect(report).toEqual(computeReview(j.db, new MarkService(j.db), {}))
      expect(report.decisions).toHaveLength(3)
      expect(pending(j)).toBe(3)
    } finally {
      ro.close()
    }
  })
})
