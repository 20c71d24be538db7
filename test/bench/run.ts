/**
 * `npm run bench`: runs each benchmark in its own Node process (so one's JIT state does not
 * colour another's figures) and prints their reports. Figures only; never fails on a number.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const BENCHES = [
  'options.ts',
  'indicators.ts',
  'signals.ts',
  'chart.ts',
  'review.ts',
  'reviewScale.ts',
  'importTrades.ts',
  'today.ts',
  'startup.ts',
  'paging.ts',
  'jobs.ts',
  'export.ts',
  'lab.ts',
]
for (const file of BENCHES) {
  console.log(`\n=== ${file}`)
  const r = spawnSync(process.execPath, [join(import.meta.dirname, file)], { stdio: 'inherit' })
  if (r.status !== 0) console.log(`(${file} exited with ${r.status})`)
}
