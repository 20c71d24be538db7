import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import type { Db } from '../../../electron/core/db/connection.ts'
import { getPositionDetail } from '../../../electron/core/db/repositories/positions.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import type { LogAdjustmentInput } from '../../../shared/decisions.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { resolve } from 'node:path'

const MARKET = resolve(import.meta.dirname, '../../../resources/market')
const NOW = new Date('2026-11-24T15:00:00Z')

function counts(db: Db): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of ['positions', 'legs', 'fills', 'adjustments', 'decisions', 'hedge_layers'])
    out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
  return out
}

describe('logging an adjustment with its decision', () => {
  const tmp = useTempDir()
  // One journal with the real market history for the whole file (loading it takes ~0.6 s).
  const path = join(tmp(), 'journal.sqlite')
  let setup: ReturnType<typeof make> | undefined
  function make() {
    const { db } = openAppJournal(path, { marketDir: MARKET })
    const logged: string[] = []
    const dispatch = createDispatch(
      createHandlers({ db, databasePath: path, version: 't', shell: 'browser', now: () => NOW }),
      { log: (message, error) => logged.push(`${message}: ${(error as Error).message}`) },
    )
    return { db, dispatch, logged }
  }
  const env = () => (setup ??= make())

  /** A June 2026 SPX condor; on 2026-06-22 SPX closed near its short call. */
  async function condor() {
    const { dispatch } = env()
    const r = await dispatch('positions:createIronCondor', june2026Condor())
    if (!r.ok) throw new Error(r.error.message)
    return (r.value as { id: number }).id
  }

  const inputs = (positionId: number, extra: object = {}) => ({
    positionId,
    date: '2026-06-22',
    rulesetId: 'mechanical-wing',
    live: { spot: 7545 },
    ...extra,
  })

  it('ships both rulesets in a new journal', async () => {
    const r = await env().dispatch('rulesets:list', {})
    expect(r.ok && (r.value as { id: string }[]).map((x) => x.id).sort()).toEqual([
      'alvh',
      'mechanical-wing',
    ])
  })

  it('evaluates a tested call side: mechanical wing recommends closing the call spread', async () => {
    const id = await condor()
    const r = await env().dispatch('decisions:evaluate', inputs(id))
    expect(r.ok).toBe(true)
    const ev = (
      r as {
        value: { recommendation: { action: string }; snapshot: { values: Record<string, unknown> } }
      }
    ).value
    // (7545 − 7500) / (7550 − 7500) = 0.9 ≥ 0.8
    expect(ev.snapshot.values.call_wing_penetration).toBeCloseTo(0.9, 12)
    expect(ev.recommendation.action).toBe('CLOSE_CALL_SPREAD')
  })

  it('logs a roll atomically: closes, opens with lineage, adjustment, decision with frozen snapshot', async () => {
    const { db, dispatch } = env()
    const id = await condor()
    const legs = getPositionDetail(db, id)!.legs
    const shortCall = legs.find((l) => l.role === 'short_call')!
    const longCall = legs.find((l) => l.role === 'long_call')!
    const roll: LogAdjustmentInput = {
      kind: 'roll',
      occurredOn: '2026-06-22',
      time: '15:30',
      closes: [
        { legId: shortCall.id, quantity: 2, price: '60.10' },
        { legId: longCall.id, quantity: 2, price: '32.40' },
      ],
      opens: [
        {
          role: 'short_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7650',
          expiration: '2026-08-21',
          quantity: -2,
          price: '48.00',
          replacesLegId: shortCall.id,
        },
        {
          role: 'long_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7700',
          expiration: '2026-08-21',
          quantity: 2,
          price: '35.50',
          replacesLegId: longCall.id,
        },
      ],
      fees: '10.40',
      decision: {
        inputs: inputs(id),
        actionTaken: 'ROLL_OUT',
        reason: 'vol expansion looks like a false move; buy time',
      },
    }
    const r = await dispatch('adjustments:log', roll)
    expect(r.ok, JSON.stringify(r)).toBe(true)
    const d = getPositionDetail(db, id)!
    expect(
      d.legs
        .filter((l) => l.closedAt === null)
        .map((l) => l.strike)
        .sort(),
    ).toEqual(['7150', '7200', '7650', '7700'])
    expect(d.legs.find((l) => l.strike === '7650')!.replacesLegId).toBe(shortCall.id)
    const adj = d.adjustments.find((a) => a.kind === 'roll')!
    // cash: buy back short call −6010·2... = (−60.10 + 32.40 + 48.00 − 35.50) × 100 × 2 = −3040
    expect(adj.cash).toBe('-3040')
    expect(adj.fees).toBe('10.4')
    const decisions = await dispatch('decisions:list', { positionId: id })
    const [rec] = (
      decisions as {
        value: {
          recommendedAction: string
          actionTaken: string
          followed: boolean
          reason: string
          adjustmentId: number
          rulesetVersion: number
          snapshot: { values: Record<string, unknown> }
        }[]
      }
    ).value
    expect(rec).toMatchObject({
      recommendedAction: 'CLOSE_CALL_SPREAD',
      actionTaken: 'ROLL_OUT',
      followed: false,
      adjustmentId: adj.id,
      rulesetVersion: 1,
    })
    expect(rec!.snapshot.values.spot).toBe(7545)
  })

  it('refuses an override without a reason, writing nothing', async () => {
    const { db, dispatch } = env()
    const id = await condor()
    const before = counts(db)
    const r = await dispatch('adjustments:log', {
      kind: 'close',
      occurredOn: '2026-06-22',
      closes: [{ legId: getPositionDetail(db, id)!.legs[0]!.id, quantity: 2, price: '1' }],
      decision: { inputs: inputs(id), actionTaken: 'HOLD' },
    })
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: { 'decision.reason': expect.stringMatching(/CLOSE_CALL_SPREAD/) },
      },
    })
    expect(counts(db)).toEqual(before)
  })

  it('refuses closing more than is open, or a leg of another position', async () => {
    const { db, dispatch } = env()
    const a = await condor()
    const b = await condor()
    const legA = getPositionDetail(db, a)!.legs[0]!
    const before = counts(db)
    const tooMany = await dispatch('adjustments:log', {
      kind: 'partial_close',
      occurredOn: '2026-06-22',
      closes: [{ legId: legA.id, quantity: 3, price: '1' }],
      decision: { inputs: inputs(a), actionTaken: 'CLOSE_CALL_SPREAD' },
    })
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/2 contracts open/) },
    })
    const foreign = await dispatch('adjustments:log', {
      kind: 'close',
      occurredOn: '2026-06-22',
      closes: [{ legId: legA.id, quantity: 1, price: '1' }],
      decision: { inputs: inputs(b), actionTaken: 'CLOSE_CALL_SPREAD' },
    })
    expect(foreign).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'closes.0.legId': expect.any(String) } },
    })
    expect(counts(db)).toEqual(before)
  })

  it('writes nothing when a write fails part-way (the decision insert is refused)', async () => {
    const { db, dispatch } = env()
    const id = await condor()
    const before = counts(db)
    db.exec(
      `CREATE TEMP TRIGGER fail_decision BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    )
    try {
      const leg = getPositionDetail(db, id)!.legs.find((l) => l.role === 'short_call')!
      const r = await dispatch('adjustments:log', {
        kind: 'partial_close',
        occurredOn: '2026-06-22',
        closes: [{ legId: leg.id, quantity: 1, price: '60' }],
        decision: { inputs: inputs(id), actionTaken: 'CLOSE_CALL_SPREAD' },
      })
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringMatching(/injected failure/) },
      })
      expect(env().logged).toEqual(['[wingman] adjustments:log failed: injected failure'])
    } finally {
      db.exec('DROP TRIGGER temp.fail_decision')
    }
    expect(counts(db)).toEqual(before)
  })

  it('adds a hedge layer of VX futures (×1000) and closes the position when every leg is closed', async () => {
    const { db, dispatch } = env()
    const id = await condor()
    const hedge = await dispatch('adjustments:log', {
      kind: 'hedge_add',
      occurredOn: '2026-06-22',
      opens: [
        {
          role: 'hedge',
          instrumentType: 'future',
          root: 'VX',
          expiration: '2026-07-22',
          quantity: 1,
          price: '18.25',
          hedgeLayer: 'new',
        },
      ],
      decision: { inputs: inputs(id), actionTaken: 'ADD_HEDGE_LAYER', reason: 'test hedge' },
    })
    expect(hedge.ok, JSON.stringify(hedge)).toBe(true)
    const d = getPositionDetail(db, id)!
    const vx = d.legs.find((l) => l.root === 'VX')!
    expect(vx).toMatchObject({ multiplier: 1000, hedgeLayerId: expect.any(Number) })
    // a future is not premium: buying it moves no cash
    expect(d.adjustments.find((a) => a.kind === 'hedge_add')!.cash).toBe('0')
    const ev = (await dispatch('decisions:evaluate', inputs(id))) as {
      value: { snapshot: { values: Record<string, unknown> } }
    }
    // one long VX future bought at 18.25: +1000 $ per VIX point, no premium paid
    expect(ev.value.snapshot.values).toMatchObject({
      hedge_layer_active: true,
      hedge_net_delta: 1000,
      hedge_cost: 0,
    })
    const all = d.legs.filter((l) => l.closedAt === null)
    const close = await dispatch('adjustments:log', {
      kind: 'close',
      occurredOn: '2026-06-23',
      closes: all.map((l) => ({ legId: l.id, quantity: Math.abs(l.quantity), price: '1' })),
      decision: {
        inputs: { ...inputs(id), date: '2026-06-23' },
        actionTaken: 'CLOSE_ALL',
        reason: 'done',
      },
    })
    expect(close.ok, JSON.stringify(close)).toBe(true)
    const after = getPositionDetail(db, id)!
    expect(after.summary).toMatchObject({ status: 'closed', closedOn: '2026-06-23' })
    expect(db.prepare('SELECT status FROM hedge_layers WHERE position_id = ?').all(id)).toEqual([
      { status: 'closed' },
    ])
    // By hand: the condor took 17.85 × 100 × 2 = $3,570 and closed every leg at 1.00, which
    // nets to $0 (two legs sold, two bought, 2 contracts each); the VX future bought at 18.25
    // and sold at 1.00 lost (1.00 − 18.25) × 1000 = −$17,250. Total −$13,680, no fees.
    const page = (await dispatch('positions:get', { id })) as {
      value: { summary: { figures: Record<string, unknown> } }
    }
    expect(page.value.summary.figures).toMatchObject({
      premium: '3570',
      realised: '-13680',
      openPnl: '0',
      total: '-13680',
      layers: [{ realised: '-17250', openPnl: '0', total: '-17250' }],
    })
  })

  it('records corrections as new rows; stored decisions cannot be changed', async () => {
    const { db, dispatch } = env()
    const id = await condor()
    const hold = await dispatch('adjustments:log', {
      kind: 'other',
      occurredOn: '2026-06-22',
      decision: { inputs: inputs(id), actionTaken: 'HOLD', reason: 'waiting for CPI' },
    })
    expect(hold).toMatchObject({ ok: true, value: { adjustmentId: null } })
    const decisionId = (hold as { value: { decisionId: number } }).value.decisionId
    const fix = await dispatch('decisions:correct', {
      decisionId,
      actionTaken: 'CLOSE_CALL_SPREAD',
      reason: 'I actually closed the call side',
    })
    expect(fix.ok).toBe(true)
    const list = (await dispatch('decisions:list', { positionId: id })) as {
      value: { id: number; actionTaken: string; correctsDecisionId: number | null }[]
    }
    expect(list.value.map((d) => [d.actionTaken, d.correctsDecisionId])).toEqual([
      ['HOLD', null],
      ['CLOSE_CALL_SPREAD', decisionId],
    ])
    expect(() =>
      db.prepare("UPDATE decisions SET reason = 'edited' WHERE id = ?").run(decisionId),
    ).toThrow(/immutable/)
    expect(() => db.prepare('DELETE FROM decisions WHERE id = ?').run(decisionId)).toThrow(
      /immutable/,
    )
    // the contract offers no way to change a decision
    for (const channel of ['decisions:update', 'decisions:delete', 'decisions:edit'])
      expect(await dispatch(channel, { decisionId })).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      })
  })

  it('duplicates, versions and dry-runs rulesets over the logged decisions', async () => {
    const { dispatch } = env()
    const id = await condor()
    await dispatch('adjustments:log', {
      kind: 'other',
      occurredOn: '2026-06-22',
      decision: { inputs: inputs(id), actionTaken: 'CLOSE_CALL_SPREAD' },
    })
    expect(
      await dispatch('rulesets:save', { id: 'mechanical-wing', definition: {} }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(
      await dispatch('rulesets:duplicate', {
        fromId: 'mechanical-wing',
        newId: 'wide-wing',
        name: 'Wide wing',
      }),
    ).toEqual({
      ok: true,
      value: { id: 'wide-wing', version: 1 },
    })
    const got = (await dispatch('rulesets:get', { id: 'wide-wing' })) as {
      value: { ruleset: { parameters: Record<string, { default: number }> } }
    }
    const edited = structuredClone(got.value.ruleset)
    edited.parameters.close_threshold!.default = 0.95
    expect(await dispatch('rulesets:save', { id: 'wide-wing', definition: edited })).toEqual({
      ok: true,
      value: { id: 'wide-wing', version: 2 },
    })
    const bad = await dispatch('rulesets:save', {
      id: 'wide-wing',
      definition: { ...edited, rules: [{ id: 'x' }] },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const versions = (await dispatch('rulesets:get', { id: 'wide-wing' })) as {
      value: { versions: { version: number }[] }
    }
    expect(versions.value.versions.map((v) => v.version)).toEqual([2, 1])
    // replay: at 0.9 penetration the 0.95 threshold holds where the 0.8 one closed
    const rows = (await dispatch('rulesets:dryRun', { id: 'wide-wing' })) as {
      value: {
        positionId: number
        recommendedThen: string
        recommendedNow: string
        agrees: boolean
      }[]
    }
    const mine = rows.value.filter((r) => r.positionId === id)
    expect(mine).toEqual([
      expect.objectContaining({
        recommendedThen: 'CLOSE_CALL_SPREAD',
        recommendedNow: 'HOLD',
        agrees: false,
      }),
    ])
    const same = (await dispatch('rulesets:dryRun', { id: 'wide-wing', version: 1 })) as {
      value: { positionId: number; agrees: boolean }[]
    }
    expect(same.value.filter((r) => r.positionId === id).every((r) => r.agrees)).toBe(true)
  })
})
