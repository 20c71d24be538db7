import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBars } from '../../electron/core/db/repositories/market.ts'
import { saveRulesetVersion } from '../../electron/core/services/decisions.ts'
import { isSpxMonthlyExpiry } from '../../shared/calendar/expiries.ts'
import { MODEL_DIV, MODEL_RATE } from '../../shared/decisions.ts'
import type { LabRunResults, LabTrade } from '../../shared/lab.ts'
import { bsmPrice } from '../../shared/math/bsm.ts'
import { termStructureIv, type VixCurve } from '../../shared/modelIv.ts'
import { BUNDLED_MARKET, openTestJournal, type TestJournal } from '../helpers/journal.ts'

/**
 * The methodology lab over the bundled history (issue 14, point 5), through the contract on a
 * real journal file. The trade of 2015-07-24 is worked out by hand below from the bundled CSV
 * values; the model is restated here independently of electron/core/lab/model.ts.
 */

let dir: string
let j: TestJournal

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wingman-lab-'))
  j = openTestJournal(dir, new Date('2026-11-27T12:00:00Z'))
})
afterAll(() => {
  j.db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** σ(K) = σ_T·(1 − s·z) clamped to [0.5, 3]·σ_T, z = ln(K/F)/(σ_T√T), s = (SKEW − 100)/60. */
function modelPrice(
  type: 'call' | 'put',
  spot: number,
  strike: number,
  days: number,
  curve: VixCurve,
  skew: number,
): number {
  const atm = termStructureIv(curve, days)!
  const t = days / 365
  const fwd = spot * Math.exp((MODEL_RATE - MODEL_DIV) * t)
  const z = Math.log(strike / fwd) / (atm * Math.sqrt(t))
  const s = Math.min(0.5, Math.max(0, (skew - 100) / 60))
  const vol = atm * Math.min(3, Math.max(0.5, 1 - s * z))
  return bsmPrice({ type, spot, strike, t, rate: MODEL_RATE, div: MODEL_DIV, vol })
}
/** e4 per share of a model price, rounded as the lab rounds it before it touches money. */
const e4 = (p: number) => Math.round(p * 10_000)

async function run(
  rulesets: { id: string; version?: number }[],
  from: string,
  to: string,
): Promise<LabRunResults> {
  const summary = await j.call('lab:run', { rulesets, from, to, entryEvery: 10 })
  return j.call('lab:get', { runId: summary.id })
}
const tradeOf = (r: LabRunResults, ruleset: number, key: string): LabTrade =>
  r.results[ruleset]!.trades.find((t) => t.key === key)!

describe('lab: the condor of 2015-07-24', () => {
  let r: LabRunResults
  beforeAll(async () => {
    r = await run([{ id: 'hold-to-expiry' }, { id: 'mechanical-wing' }], '2015-07-24', '2015-09-30')
  })

  it('held to expiry settles on the stored SPX close of its SPXW expiry', () => {
    const t = tradeOf(r, 0, '2015-07-24')
    // 2015-07-24 + 45 days = 09-07; the nearest listed expiry is Friday 2015-09-04 (42 days,
    // a PM-settled SPXW weekly), then 09-11 (49 days).
    expect(t.expiry).toBe('2015-09-04')
    expect(t.strikes).toEqual({ longPut: 1875, shortPut: 1925, shortCall: 2160, longCall: 2210 })
    // spx_daily.csv: 2015-09-04,1947.76,1947.76,1911.21,1921.22 → settlement 1921.22 (close).
    const close = getBars(j.db, 'SPX', '2015-09-04', '2015-09-04')[0]!.close
    expect(close).toBe(1921.22)
    // Settlement: short put 1925 − 1921.22 = 3.78 in the money, the other three worthless:
    // −3.78 × 100 = −$378.00.
    // Opening: model credit $835.23 (creditE4), slippage 4 legs × $0.05 × 100 = $20, commission
    // 4 × $1.25 = $5 → costs $25. P&L = 835.23 − 25 − 378 = $432.23.
    expect(t.creditE4).toBe(8_352_300)
    expect(t.costsE4).toBe(250_000)
    expect(t.exitKind).toBe('expiry')
    expect(t.exitDate).toBe('2015-09-04')
    expect(t.pnlE4).toBe(8_352_300 - 250_000 - 3_780_000)
    expect(t.pnlE4).toBe(4_322_300)
  })

  it('mechanical-wing closes the put spread on 2015-08-25 at the model value', () => {
    const t = tradeOf(r, 1, '2015-07-24')
    // put_wing_penetration = (1925 − S) / 50: 2015-08-24 close 1893.21 → 0.636 (hold);
    // 2015-08-25 close 1867.61 → 1.148 ≥ 0.8 → CLOSE_PUT_SPREAD at that close.
    expect(t.actions.map((a) => [a.date, a.action, a.executed])).toEqual([
      ['2015-08-25', 'CLOSE_PUT_SPREAD', true],
    ])
    // 2015-08-25: SPX 1867.61, VIX9D 44.92, VIX 36.02, VIX3M 29.58, VIX6M 26.89, SKEW 126.78;
    // 10 days to 2015-09-04.
    const curve = { vix9d: 44.92, vix: 36.02, vix3m: 29.58, vix6m: 26.89 }
    const sp = e4(modelPrice('put', 1867.61, 1925, 10, curve, 126.78))
    const lp = e4(modelPrice('put', 1867.61, 1875, 10, curve, 126.78))
    // Buy the short put back at its model value + $0.05, sell the long put at − $0.05, × 100,
    // and 2 × $1.25 commission.
    const cash = -(sp + 500) * 100 + (lp - 500) * 100 - 2 * 12_500
    expect(t.actions[0]!.cashE4).toBe(cash)
    expect(cash).toBe(-22_322_000) // −$2,232.20
    // The call spread expires worthless (1921.22 < 2160): P&L = 835.23 − 25 − 2232.20.
    expect(t.pnlE4).toBe(8_352_300 - 250_000 + cash)
    // Costs: $25 to open, then 2 × $0.05 × 100 slippage + 2 × $1.25 commission = $37.50.
    expect(t.costsE4).toBe(250_000 + 2 * 500 * 100 + 2 * 12_500)
  })

  it('lists the trade as a disagreement and replays it day by day for both rulesets', async () => {
    const d = r.disagreements.find((x) => x.key === '2015-07-24')!
    expect(d.pnlE4).toEqual([4_322_300, -14_219_700])
    const replays = await j.call('lab:trade', { runId: r.summary.id, tradeKey: '2015-07-24' })
    expect(replays.map((x) => x.ruleset.id)).toEqual(['hold-to-expiry', 'mechanical-wing'])
    const closeDay = replays[1]!.days.find((x) => x.date === '2015-08-25')!
    expect(closeDay).toMatchObject({ action: 'CLOSE_PUT_SPREAD', executed: true, spx: 1867.61 })
    expect(closeDay.strikes).toEqual({ longPut: 0, shortPut: 0, shortCall: 2160, longCall: 2210 })
    expect(replays[0]!.days.at(-1)).toMatchObject({ date: '2015-09-04', pnlE4: 4_322_300 })
  })
})

describe('lab: a roll worked out by hand', () => {
  it('ROLL_OUT closes the condor and reopens the same strikes on the next listed expiry', async () => {
    saveRulesetVersion(
      j.db,
      'roll-always',
      {
        name: 'Roll every day',
        description: 'test: ROLL_OUT at every close',
        parameters: {},
        predicates: {},
        rules: [
          {
            id: 'roll',
            priority: 1,
            description: 'roll',
            condition: { op: 'always' },
            action: { type: 'ROLL_OUT', params: { minDays: 7, maxDays: 14 } },
            explanation: 'roll',
          },
        ],
      },
      new Date('2026-11-27T12:00:00Z'),
    )
    const r = await run([{ id: 'roll-always' }], '2015-07-24', '2015-08-31')
    const roll = tradeOf(r, 0, '2015-07-24').actions[0]!
    // First managed close: Monday 2015-07-27. The current expiry is 2015-09-04; the first listed
    // expiry 7–14 days later is Friday 2015-09-11 (SPXW).
    expect(roll).toMatchObject({ date: '2015-07-27', action: 'ROLL_OUT', executed: true })
    expect(roll.note).toContain('2015-09-04 → 2015-09-11 (SPXW)')
    // 2015-07-27: SPX 2067.64, VIX9D 16.61, VIX 15.6, VIX3M 16.78, VIX6M 17.78, SKEW 126.67.
    // 39 days to 09-04 (closing), 46 days to 09-11 (opening).
    const curve = { vix9d: 16.61, vix: 15.6, vix3m: 16.78, vix6m: 17.78 }
    const p = (type: 'call' | 'put', k: number, days: number) =>
      e4(modelPrice(type, 2067.64, k, days, curve, 126.67))
    const legs = [
      ['put', 1875, +1],
      ['put', 1925, -1],
      ['call', 2160, -1],
      ['call', 2210, +1],
    ] as const
    let cash = 0
    for (const [type, k, q] of legs) {
      // Close: sell a long at model − $0.05, buy a short back at model + $0.05.
      const close = q > 0 ? p(type, k, 39) - 500 : p(type, k, 39) + 500
      cash += q * close * 100
      // Reopen the same side at 09-11: buy at model + $0.05, sell at model − $0.05.
      const open = q > 0 ? p(type, k, 46) + 500 : p(type, k, 46) - 500
      cash -= q * open * 100
    }
    cash -= 8 * 12_500 // 8 fills × $1.25
    expect(roll.cashE4).toBe(cash)
  })
})

describe('lab: runs', () => {
  it('are deterministic: the same run twice gives identical results', async () => {
    const a = await run([{ id: 'mechanical-wing' }, { id: 'alvh' }], '2015-01-02', '2015-06-30')
    const b = await run([{ id: 'mechanical-wing' }, { id: 'alvh' }], '2015-01-02', '2015-06-30')
    expect(b.summary.id).not.toBe(a.summary.id)
    const strip = (x: LabRunResults) => ({ ...x, summary: { ...x.summary, id: 0, createdAt: '' } })
    expect(strip(b)).toEqual(strip(a))
    expect(a.results[0]!.trades.length).toBeGreaterThan(5)
    expect(a.label).toBe('model prices, not historical option quotes')
  })

  it('hold-to-expiry totals the settlements minus the credits, computed from the CSV', async () => {
    const r = await run([{ id: 'hold-to-expiry' }], '2014-01-02', '2015-12-31')
    // The settlements, independently: SPX monthlies (third Friday) on the day's open, SPXW
    // weeklies on the close, read straight from the bundled file.
    const bars = new Map(
      readFileSync(join(BUNDLED_MARKET, 'spx_daily.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .map(([d, open, , , close]) => [d!, { open: Number(open), close: Number(close) }]),
    )
    let expected = 0
    let total = 0
    for (const t of r.results[0]!.trades) {
      total += t.pnlE4
      if (t.exitKind !== 'expiry') {
        // only the condors still open on the last day, valued at the model
        expect(t.expiry > '2015-12-31').toBe(true)
        expected += t.pnlE4
        continue
      }
      expect(t.actions).toEqual([])
      const monthly = isSpxMonthlyExpiry(t.expiry)
      const bar = bars.get(t.expiry)!
      const s = Math.round((monthly ? bar.open : bar.close) * 10_000)
      const k = (x: number) => x * 10_000
      const payout =
        Math.max(0, k(t.strikes.shortPut) - s) -
        Math.max(0, k(t.strikes.longPut) - s) +
        Math.max(0, s - k(t.strikes.shortCall)) -
        Math.max(0, s - k(t.strikes.longCall))
      // credit − 4 legs × $0.05 × 100 slippage − 4 × $1.25 commission − the settlement
      expected += t.creditE4 - 4 * 500 * 100 - 4 * 12_500 - payout * 100
    }
    expect(total).toBe(expected)
    expect(r.results[0]!.metrics.totalE4).toBe(expected)
    expect(r.summary.totalsE4).toEqual([expected])
  })

  it('lists, reads and deletes stored runs', async () => {
    const runs = await j.call('lab:runs', {})
    expect(runs.length).toBeGreaterThan(0)
    const last = runs[0]!
    await j.call('lab:delete', { runId: last.id })
    const after = await j.call('lab:runs', {})
    expect(after.map((x) => x.id)).not.toContain(last.id)
    const missing = await j.raw('lab:get', { runId: last.id })
    expect(missing.ok).toBe(false)
  })

  it('refuses a request the schema does not allow', async () => {
    const bad = await j.raw('lab:run', { rulesets: [], from: '2015-01-02' })
    expect(bad.ok).toBe(false)
    const five = await j.raw('lab:run', {
      rulesets: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })),
    })
    expect(five.ok).toBe(false)
  })
})
