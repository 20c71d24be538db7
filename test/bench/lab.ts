/**
 * Methodology lab benchmark (run by `npm run bench`; issue 14, point 6): weekly condors from
 * 1990 to the end of the bundled history (≈ 1,900 trades, ≈ 55,000 managed trade-days), each
 * managed day by day by one ruleset — hold-to-expiry, mechanical-wing, alvh. Target: ≤ 10 s per
 * ruleset on this machine.
 *
 * Printed per ruleset: wall and CPU time of the replay (electron/core/lab/run.ts computeLab, the
 * market signals computed once per session and shared), trades, managed trade-days
 * (evaluations) and the time per trade-day; then the time of the whole service for alvh with its
 * write (lab_trades, lab_equity in one transaction). The peer, measured in the same process: a
 * bare loop over the same trade-days pricing the four legs with the same model (no signals, no
 * ledger, no evaluation) — the ratio says what managing a day costs over valuing it.
 * Figures only; never fails.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { NO_CONTROL } from '../../electron/core/jobs/control.ts'
import { loadLabMarket } from '../../electron/core/lab/market.ts'
import { optionPrice } from '../../electron/core/lab/model.ts'
import { computeLab, entriesOf, labContext } from '../../electron/core/lab/run.ts'
import { loadRuleset } from '../../electron/core/services/decisions.ts'
import { openAppJournal } from '../../electron/core/services/journal.ts'
import { HOLD_TO_EXPIRY, runLabService } from '../../electron/core/services/lab.ts'
import { SignalService } from '../../electron/core/services/signals.ts'
import { marketSnapshot } from '../../electron/core/engine/marketSignals.ts'
import { LabRunSchema } from '../../shared/lab.ts'

const MARKET = resolve(import.meta.dirname, '../../resources/market')
const dir = mkdtempSync(join(tmpdir(), 'wingman-lab-bench-'))
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
try {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0]!.toFixed(1)}`,
  )
  const t0 = performance.now()
  const { db } = openAppJournal(join(dir, 'journal.sqlite'), { marketDir: MARKET })
  console.log(`journal with the bundled history: ${s(performance.now() - t0)}`)
  const signals = new SignalService(db)
  const market = loadLabMarket(db)
  const history = signals.marketHistory()
  const params = LabRunSchema.parse({ rulesets: [{ id: 'alvh' }] })
  const ctx = labContext(market, params, (d) => marketSnapshot(history, d))
  const entries = entriesOf(ctx)

  // The peer: the same trade-days (hold to expiry) valued with the same model, nothing else.
  const peer = () => {
    let sum = 0
    let days = 0
    for (const e of entries)
      for (let i = e.index + 1; i <= ctx.lastIndex; i++) {
        const date = market.sessions[i]!
        if (date >= e.expiry.date) break
        const day = market.pricing(date)
        if (!day) continue
        days++
        sum +=
          optionPrice(day, 'put', e.strikes.longPut, e.expiry.date)! -
          optionPrice(day, 'put', e.strikes.shortPut, e.expiry.date)! -
          optionPrice(day, 'call', e.strikes.shortCall, e.expiry.date)! +
          optionPrice(day, 'call', e.strikes.longCall, e.expiry.date)!
      }
    return { sum, days }
  }
  peer() // warm-up
  const p0 = performance.now()
  const peerRun = peer()
  const peerMs = performance.now() - p0
  console.log(
    `peer (bare BSM loop, 4 legs per trade-day): ${peerRun.days} trade-days in ${s(peerMs)}, ` +
      `${((peerMs * 1000) / peerRun.days).toFixed(1)} µs per trade-day`,
  )

  console.log(
    `entries: ${entries.length} weekly condors, ${entries[0]?.date} → ${market.sessions[ctx.lastIndex]}`,
  )
  console.log('| ruleset | wall | CPU | trade-days | µs / trade-day | × peer |')
  console.log('|---|---|---|---|---|---|')
  for (const id of ['hold-to-expiry', 'mechanical-wing', 'alvh']) {
    const ruleset = id === HOLD_TO_EXPIRY.id ? HOLD_TO_EXPIRY : loadRuleset(db, id)
    const run = { ref: { id, version: ruleset.version, name: ruleset.name }, ruleset }
    const c0 = process.cpuUsage()
    const w0 = performance.now()
    const out = computeLab(ctx, [run], NO_CONTROL)
    const wall = performance.now() - w0
    const cpu = process.cpuUsage(c0).user / 1000
    const days = Object.values(out.rulesets[0]!.counts).reduce((a, b) => a + b, 0)
    console.log(
      `| ${id} | ${s(wall)} | ${s(cpu)} | ${days} | ${((wall * 1000) / days).toFixed(1)} | ` +
        `${(wall / days / (peerMs / peerRun.days)).toFixed(1)} |`,
    )
  }
  const w1 = performance.now()
  const summary = runLabService(db, new SignalService(db), params, NO_CONTROL)
  console.log(
    `service (alvh, computed again from a cold signal cache, then stored): ${s(performance.now() - w1)} ` +
      `for ${summary.entries} trades`,
  )
  db.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
