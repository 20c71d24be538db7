import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ReviewReport } from '../../../shared/review/report.ts'
import { condorInput, june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'
import { reviewScenario } from '../../helpers/reviewScenario.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * Issue 10's "done when": a scenario built through the app — a condor rolled once, one
 * overridden close, one held to a real expiry — scored by `wingman review --format json` and
 * the `review:run` channel, against figures worked out by hand from the bundled SPX history.
 * All three are SPXW condors × 1 opened 2024-12-02, expiring 2024-12-20, when SPX closed
 * 5930.85 (resources/market/spx_daily.csv): every strike below is out of the money there, so
 * every leg held to expiry settles at 0.
 */
const NOW = new Date('2026-11-24T15:00:00Z')

/** The scenario, built through the contract on a real journal file (see reviewScenario). */
const scenario = (j: TestJournal) => reviewScenario(j.call)

describe('review against outcomes', () => {
  const tmp = useTempDir()

  it('gives the hand-computed figures through the contract and the CLI', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, NOW)
    const { a, b, c } = await scenario(j)
    const report = await j.call('review:run', {})
    const cliRun = spawnSync(
      process.execPath,
      [
        resolve(REPO_ROOT, 'bin/wingman.mjs'),
        'review',
        '--db',
        join(dir, 'journal.sqlite'),
        '--format',
        'json',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(cliRun.status, cliRun.stderr).toBe(0)
    const cli = JSON.parse(cliRun.stdout) as ReviewReport
    j.db.close()

    for (const r of [report, cli]) {
      const d = (positionId: number) => r.decisions.find((x) => x.positionId === positionId)!
      // A held: +500 at expiry. Closed at its marks: 500 + 100 × (0.40 − 0.90 − 2.50 + 1.00) = 300.
      expect(d(a)).toMatchObject({
        recommended: 'HOLD',
        taken: 'HOLD',
        followed: true,
        actual: 500,
        closedAtDecision: 300,
        heldToExpiry: 500,
        recommendedPath: null,
        edgeVsClosed: 200,
        edgeVsHeld: 0,
        final: true,
      })
      // B closed: 600 + 30 − 60 − 4000 + 1200 = −2230; held, everything expires worthless: 600.
      expect(d(b)).toMatchObject({
        recommended: 'HOLD',
        taken: 'CLOSE_ALL',
        followed: false,
        actual: -2230,
        closedAtDecision: -2230,
        heldToExpiry: 600,
        recommendedPath: 600,
        edgeVsClosed: 0,
        edgeVsHeld: -2830,
        final: true,
      })
      // C rolled for 8.00 debit (−2000 + 800 + 600 − 200 = −800), then expired worthless:
      // 500 − 800 = −300. Closed at the marks: 500 + 100 × (0.50 − 1.00 − 20.00 + 8.00) = −750.
      // Held (the original legs): 500.
      expect(d(c)).toMatchObject({
        recommended: 'HOLD',
        taken: 'ROLL_UP_CALL',
        actual: -300,
        closedAtDecision: -750,
        heldToExpiry: 500,
        recommendedPath: 500,
        edgeVsClosed: 450,
        edgeVsHeld: -800,
        final: true,
      })
      expect(r.positions.map((p) => [p.id, p.status, p.pnl, p.final])).toEqual(
        expect.arrayContaining([
          [a, 'closed', 500, true],
          [b, 'closed', -2230, true],
          [c, 'closed', -300, true],
        ]),
      )
      // followed: A alone; overridden: B and C (−2530, wins 0), each group marked small
      expect(r.groups.followed).toEqual([
        expect.objectContaining({ key: 'followed', count: 1, total: 500, wins: 1, small: true }),
        expect.objectContaining({
          key: 'overridden',
          count: 2,
          total: -2530,
          wins: 0,
          edgeVsHeld: -3630,
          maxDrawdown: -2530,
          small: true,
        }),
      ])
      // decisions in time order: C (−300), A (+500), B (−2230): total −2030, drawdown from the
      // running peak 0 → −300 → +200 → −2030: −2230
      expect(r.headline.decisions).toMatchObject({
        count: 3,
        total: -2030,
        wins: 1,
        maxDrawdown: -2230,
      })
    }
  })

  it('shows in a dry-run the outcome of the path each replayed recommendation implies', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { a, b, c } = await scenario(j)
    const rows = await j.call('rulesets:dryRun', { id: 'mechanical-wing' })
    const row = (positionId: number) => rows.find((r) => r.positionId === positionId)!
    // mechanical-wing still says HOLD everywhere: A did hold (its actual, +500); B and C would
    // have held to the worthless expiry (+600, +500) against −2230 and −300 done
    expect(row(a)).toMatchObject({ recommendedNow: 'HOLD', actual: 500, outcomeNow: 500 })
    expect(row(b)).toMatchObject({
      recommendedNow: 'HOLD',
      actual: -2230,
      outcomeNow: 600,
      outcomeNote: null,
    })
    expect(row(c)).toMatchObject({ recommendedNow: 'HOLD', actual: -300, outcomeNow: 500 })
    j.db.close()
  })

  it('settles an SPX monthly held to expiry at that day’s open (the SOQ approximation)', async () => {
    const j = openTestJournal(tmp(), NOW)
    // SPX (monthly, AM-settled) 5300/5350/5900/5950 × 1 for 8.00 ($800), opened 2025-03-31,
    // expiring Thursday 2025-04-17 (Good Friday moved it). The file's SPX open that day:
    // 5305.45, so the short 5350 put settles at 44.55 and the long 5300 put at 0.
    const { id } = await j.call(
      'positions:createIronCondor',
      condorInput({
        underlying: 'SPX',
        entryDate: '2025-03-31',
        expiration: '2025-04-17',
        longPut: '5300',
        shortPut: '5350',
        shortCall: '5900',
        longCall: '5950',
        quantity: 1,
        credit: '8',
        fees: '0',
        tags: [],
      }),
    )
    const legs = Object.fromEntries(
      (await j.call('positions:get', { id })).legs.map((l) => [l.strike!, l.id]),
    )
    // 2025-04-07, SPX 5062.25: the put side is deep in its wing and the ruleset says close it;
    // the trader held (marks 5300P 240.00, 5350P 285.00, calls 0.05 and 0.02)
    await j.call('adjustments:log', {
      kind: 'other',
      occurredOn: '2025-04-07',
      decision: {
        inputs: {
          positionId: id,
          date: '2025-04-07',
          rulesetId: 'mechanical-wing',
          marks: {
            [legs['5300']!]: 240,
            [legs['5350']!]: 285,
            [legs['5900']!]: 0.05,
            [legs['5950']!]: 0.02,
          },
        },
        actionTaken: 'HOLD',
        reason: 'oversold, expecting a bounce',
      },
    })
    await j.call('positions:expire', { positionIds: [id] })
    const r = await j.call('review:run', {})
    const d = r.decisions.find((x) => x.positionId === id)!
    // held (= done): 800 − 44.55 × 100 = −3655
    // recommended (close the put spread at the marks, hold the calls): 800 + (240 − 285) × 100
    // + 0 = −3700; closed at the decision: 800 + 100 × (240 − 285 − 0.05 + 0.02) = −3703
    expect(d).toMatchObject({
      recommended: 'CLOSE_PUT_SPREAD',
      taken: 'HOLD',
      actual: -3655,
      heldToExpiry: -3655,
      recommendedPath: -3700,
      closedAtDecision: -3703,
      edgeVsHeld: 0,
      edgeVsClosed: 48,
      final: true,
    })
    j.db.close()
  })

  it('shows one P&L for a position still open: its decision’s actual is the position’s figure', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { id } = await j.call('positions:createIronCondor', june2026Condor())
    const legs = (await j.call('positions:get', { id })).legs
    await j.call('adjustments:log', {
      kind: 'other',
      occurredOn: '2026-06-22',
      decision: {
        inputs: {
          positionId: id,
          date: '2026-06-22',
          rulesetId: 'mechanical-wing',
          marks: Object.fromEntries(legs.map((l) => [l.id, 3])),
        },
        actionTaken: 'HOLD',
        reason: 'test',
      },
    })
    const r = await j.call('review:run', {})
    const position = r.positions.find((p) => p.id === id)!
    const decision = r.decisions.find((d) => d.positionId === id)!
    expect(position.final).toBe(false)
    expect(decision.final).toBe(false)
    expect(decision.actual).not.toBeNull()
    expect(decision.actual).toBe(position.pnl)
    j.db.close()
  })

  it('writes the decisions as CSV and says where a model value was used', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, NOW)
    await scenario(j)
    j.db.close()
    const r = spawnSync(
      process.execPath,
      [
        resolve(REPO_ROOT, 'bin/wingman.mjs'),
        'review',
        '--db',
        join(dir, 'journal.sqlite'),
        '--format',
        'csv',
        '--group-by',
        'followed',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'id,positionId,decidedAt,rulesetId,rulesetVersion,recommended,taken,followed,actual,closedAtDecision,heldToExpiry,recommendedPath,edgeVsClosed,edgeVsHeld,final,notes,as_of',
    )
    expect(lines).toHaveLength(4)
    expect(
      lines.some((l) => l.includes(',CLOSE_ALL,false,-2230,-2230,600,600,0,-2830,true,')),
    ).toBe(true)
  })
})
