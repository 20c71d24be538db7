import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TodayReport } from '../../../shared/today.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { condorInput } from '../../helpers/builders.ts'
import { openTestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

function wingman(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/**
 * Positions on real past dates, checked against the bundled SPX history by hand:
 *   SPX closed 5667.20 on 2024-07-16 (resources/market/spx_daily.csv).
 *   T: SPX 5000/5050/5600/5650, expiring 2024-08-16 — the short call has been run through:
 *      call-wing penetration = (5667.20 − 5600) / (5650 − 5600) = 67.20 / 50 = 1.344 ≥ 0.8
 *      → mechanical-wing closes the call spread; put wing (5050 − 5667.20) / (5050 − 5000) < 0;
 *      DTE = 2024-07-16 → 2024-08-16 = 31 days.
 *   Q: SPX 5200/5250/5900/5950, same expiry — quiet: call wing (5667.20 − 5900) / 50 = −4.656,
 *      put wing (5250 − 5667.20) / 50 = −8.344 → HOLD.
 *   E: SPXW 5500/5550/5750/5800 expiring 2024-07-17 (a Wednesday weekly) — DTE 1, not tested:
 *      call wing (5667.20 − 5750) / 50 = −1.656, put wing (5550 − 5667.20) / 50 = −2.344.
 */
describe('wingman today', () => {
  const tmp = useTempDir()

  async function journal() {
    const dir = tmp()
    const j = openTestJournal(dir, new Date('2026-11-27T15:00:00Z'))
    const make = (o: Parameters<typeof condorInput>[0]) =>
      j.call('positions:createIronCondor', condorInput({ quantity: 1, tags: [], ...o }))
    const quiet = await make({
      underlying: 'SPX',
      entryDate: '2024-06-17',
      expiration: '2024-08-16',
      longPut: '5200',
      shortPut: '5250',
      shortCall: '5900',
      longCall: '5950',
      credit: '4',
    })
    const tested = await make({
      underlying: 'SPX',
      entryDate: '2024-06-17',
      expiration: '2024-08-16',
      longPut: '5000',
      shortPut: '5050',
      shortCall: '5600',
      longCall: '5650',
      credit: '12',
    })
    const expiring = await make({
      underlying: 'SPXW',
      entryDate: '2024-07-08',
      expiration: '2024-07-17',
      longPut: '5500',
      shortPut: '5550',
      shortCall: '5750',
      longCall: '5800',
      credit: '3',
    })
    return { dir, j, ids: { quiet: quiet.id, tested: tested.id, expiring: expiring.id } }
  }

  it('lists the tested condor first with CLOSE_CALL_SPREAD and its penetration worked out by hand', async () => {
    const { dir, ids } = await journal()
    const r = wingman(
      'today',
      '--db',
      join(dir, 'journal.sqlite'),
      '--date',
      '2024-07-16',
      '--ruleset',
      'mechanical-wing',
      '--format',
      'json',
    )
    expect(r.code, r.err).toBe(0)
    const report = JSON.parse(r.out) as TodayReport
    expect(report.dataDate).toBe('2024-07-16')
    expect(report.rows.map((x) => x.positionId)).toEqual([ids.tested, ids.expiring, ids.quiet])
    const [tested, expiring, quiet] = report.rows
    expect(tested).toMatchObject({
      group: 'tested',
      dte: 31,
      spot: 5667.2,
      action: 'CLOSE_CALL_SPREAD',
      rule: 'close-call-spread',
      dataDate: '2024-07-16',
      missing: [],
    })
    expect(tested!.callWingPenetration).toBeCloseTo(1.344, 10)
    expect(tested!.putWingPenetration).toBeCloseTo((5050 - 5667.2) / 50, 10)
    expect(expiring).toMatchObject({ group: 'expiring', dte: 1, action: 'HOLD' })
    expect(expiring!.callWingPenetration).toBeCloseTo(-1.656, 10)
    expect(quiet).toMatchObject({ group: 'other', dte: 31, action: 'HOLD' })
    expect(quiet!.putWingPenetration).toBeCloseTo(-8.344, 10)
    // The short deltas come from the marks the panel would be prefilled with.
    expect(tested!.shortCallDelta).toBeGreaterThan(0.5)
    expect(Object.keys(tested!.inputs.marks ?? {})).toHaveLength(4)
    // VX futures end 2021-12-23 and NYSE breadth 2015-11-11 in the bundled history.
    expect(report.stale.map((s) => s.series)).toEqual(['VX futures', 'NYSE breadth'])
  })

  it('uses the position’s own ruleset, else the journal default, and says when data is stale', async () => {
    const { dir, j, ids } = await journal()
    await j.call('settings:update', { defaultRulesetId: 'alvh' })
    await j.call('positions:setRuleset', { id: ids.tested, rulesetId: 'mechanical-wing' })
    const report = await j.call('today:list', { date: '2024-07-16' })
    const byId = new Map(report.rows.map((x) => [x.positionId, x]))
    expect(byId.get(ids.tested)).toMatchObject({
      rulesetId: 'mechanical-wing',
      rulesetSource: 'position',
    })
    expect(byId.get(ids.quiet)).toMatchObject({ rulesetId: 'alvh', rulesetSource: 'default' })

    // Today (2026-11-27) the stored SPX history ends 2026-07-08: every series is stale.
    const now = await j.call('today:list', {})
    expect(now.date).toBe('2026-11-27')
    expect(now.dataDate).toBe('2026-07-08')
    expect(now.stale.map((s) => s.series)).toContain('SPX')
    j.db.close()
    const text = wingman('today', '--db', join(dir, 'journal.sqlite'), '--date', '2024-07-16')
    expect(text.code, text.err).toBe(0)
    expect(text.out).toMatch(/TESTED +#\d+ SPX .* → CLOSE_CALL_SPREAD \(close-call-spread\)/)
  })

  it('marks a position decided on the date', async () => {
    const { j, ids } = await journal()
    const before = await j.call('today:list', { date: '2024-07-16' })
    const row = before.rows.find((x) => x.positionId === ids.tested)!
    expect(row.decidedToday).toBe(false)
    await j.call('adjustments:log', {
      decision: { inputs: row.inputs, actionTaken: 'HOLD', reason: 'waiting for the close' },
      occurredOn: '2024-07-16',
      time: '15:30',
      kind: 'other',
      closes: [],
      opens: [],
      fees: '0',
      note: '',
    })
    const after = await j.call('today:list', { date: '2024-07-16' })
    expect(after.rows.find((x) => x.positionId === ids.tested)!.decidedToday).toBe(true)
  })

  it('past the stored history, evaluates today on the latest stored closes and says so', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, new Date('2026-11-27T15:00:00Z'))
    // SPX 6900/6950/7400/7450 expiring 2026-12-18. The bundled SPX history ends 2026-07-08 at
    // 7482.71: call-wing penetration (7482.71 − 7400) / 50 = 1.6542; DTE from today = 21.
    const { id } = await j.call(
      'positions:createIronCondor',
      condorInput({
        underlying: 'SPX',
        entryDate: '2026-06-15',
        expiration: '2026-12-18',
        longPut: '6900',
        shortPut: '6950',
        shortCall: '7400',
        longCall: '7450',
        quantity: 1,
        credit: '12',
        tags: [],
      }),
    )
    const r = await j.call('today:list', { rulesetId: 'mechanical-wing' })
    expect(r).toMatchObject({ date: '2026-11-27', dataDate: '2026-07-08' })
    expect(r.stale.map((s) => s.series)).toEqual(
      expect.arrayContaining(['SPX', 'VIX', 'VX futures', 'NYSE breadth']),
    )
    const row = r.rows[0]!
    expect(row).toMatchObject({
      positionId: id,
      dte: 21,
      spot: 7482.71,
      action: 'CLOSE_CALL_SPREAD',
    })
    expect(row.callWingPenetration).toBeCloseTo(1.6542, 10)
    // The decision panel gets the same closes as live values, and marks valued for today.
    expect(row.inputs.live).toMatchObject({ spot: 7482.71 })
    expect(Object.keys(row.inputs.marks ?? {})).toHaveLength(4)
  })
})
