/**
 * Jobs benchmark (run by `npm run bench`; issue 13, point 2): does the thread that answers the
 * UI stay free while long work runs? A journal session as the app and `wingman serve` hold it
 * imports a 100,000-execution tastytrade file (the import bench's file) while `app:info` is
 * asked every 10 ms through the same dispatcher the IPC and HTTP routes use. Printed: the
 * import's time and the app:info latencies (median, p95, max) — with the import in a job worker
 * (the app) against the same import on the answering thread (the peer: how it was before jobs).
 * Figures only; never fails on a number.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDispatch } from '../../electron/core/contract/dispatch.ts'
import { openJournalSession } from '../../electron/core/contract/journalSession.ts'
import { EventHub } from '../../electron/core/jobs/events.ts'
import { JOB_WORKER_URL } from '../../electron/core/jobs/workerUrl.ts'
import { BUNDLED_MARKET } from '../helpers/journal.ts'
import { tastytradeFile } from '../helpers/tastytradeFile.ts'

const EXECUTIONS = Number(process.env.JOBS_BENCH_EXECUTIONS ?? 100_000)

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
}

async function measure(inWorker: boolean, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'wingman-jobs-bench-'))
  const hub = new EventHub()
  let progressEvents = 0
  hub.subscribe((name) => void (name === 'job:progress' && progressEvents++))
  const session = openJournalSession({
    path: join(dir, 'journal.sqlite'),
    marketDir: BUNDLED_MARKET,
    version: 'bench',
    shell: 'browser',
    log: () => {},
    ...(inWorker ? { jobs: { workerUrl: JOB_WORKER_URL, emit: hub.emit } } : {}),
  })
  const dispatch = createDispatch(session.handlers, { log: () => {} })
  try {
    // the pool's warm worker is ready, as it would be a moment after the app opened
    if (inWorker) await dispatch('backups:create', {})
    const latencies: number[] = []
    let running = true
    const started = performance.now()
    // Dispatched on the next turn of the event loop, as an IPC message or HTTP request would be.
    const importing = new Promise((r) => setImmediate(r))
      .then(() => dispatch('trades:import', { content: text, fileName: 'bench.csv' }))
      .then((r) => {
        running = false
        if (!r.ok) throw new Error(r.error.message)
        return performance.now() - started
      })
    while (running) {
      const asked = performance.now()
      await dispatch('app:info', {})
      latencies.push(performance.now() - asked)
      const waited = performance.now()
      await new Promise((r) => setTimeout(r, 10))
      // a timer that fires late is the answering thread being busy, as a request would find it
      latencies[latencies.length - 1]! += Math.max(0, performance.now() - waited - 10)
    }
    const importMs = await importing
    return { importMs, latencies, progressEvents }
  } finally {
    await session.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const { text, executions } = tastytradeFile(EXECUTIONS)
console.log(
  `${executions.toLocaleString('en-US')} tastytrade executions imported while app:info is asked every 10 ms`,
)
const rows: string[][] = []
for (const inWorker of [true, false]) {
  const r = await measure(inWorker, text)
  rows.push([
    inWorker
      ? 'import in a job worker (the app)'
      : 'import on the answering thread (peer: before jobs)',
    `${(r.importMs / 1000).toFixed(1)} s`,
    String(r.latencies.length),
    `${quantile(r.latencies, 0.5).toFixed(1)} ms`,
    `${quantile(r.latencies, 0.95).toFixed(1)} ms`,
    `${Math.max(...r.latencies).toFixed(0)} ms`,
    String(r.progressEvents),
  ])
}
const head = ['', 'import', 'app:info answers', 'median', 'p95', 'max', 'progress events']
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '))
