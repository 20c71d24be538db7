/**
 * Broker import benchmark (run by `npm run bench`; issue 11, point 9): 100,000 executions in a
 * tastytrade Transactions CSV (current 21-column layout, newest first, quoted thousands) —
 * SPXW iron condors opened as one 4-leg order, a quarter of them rolled as one 4-leg order,
 * half closed as one order and the rest expired — imported into an empty journal by the same
 * service the app and `wingman import-trades` use: parse, key, check for duplicates, match,
 * write in one transaction. Target ≤ 5 s.
 *
 * Peer: the sqlite3 CLI's `.import --csv` of the same file into a plain table (no parsing of
 * the values, no matching, no indexes): the floor of "read this CSV into SQLite". The ratio
 * says what understanding the trades costs over storing the rows. Also printed: a re-import of
 * the same file (every execution a duplicate). Figures only; never fails on a number.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openAppJournal } from '../../electron/core/services/journal.ts'
import { importTrades } from '../../electron/core/services/importTrades.ts'
import { ImportTradesSchema } from '../../shared/tradeImport.ts'

const EXECUTIONS = Number(process.env.IMPORT_BENCH_EXECUTIONS ?? 100_000)
const TARGET_S = 5

import { tastytradeFile } from '../helpers/tastytradeFile.ts'

const dir = mkdtempSync(join(tmpdir(), 'wingman-import-bench-'))
try {
  const { text, executions } = tastytradeFile(EXECUTIONS)
  const file = join(dir, 'tastytrade.csv')
  writeFileSync(file, text)
  console.log(
    `file: ${executions.toLocaleString('en-US')} executions, ${(statSync(file).size / 1e6).toFixed(1)} MB (tastytrade, 21 columns)`,
  )

  const { db } = openAppJournal(join(dir, 'journal.sqlite'), { marketDir: null })
  const request = ImportTradesSchema.parse({ fileName: 'tastytrade.csv', content: text })
  const noBars = () => null
  let t = performance.now()
  const first = importTrades(db, request, noBars, new Date())
  const importS = (performance.now() - t) / 1000
  const positions = (db.prepare('SELECT count(*) AS n FROM positions').get() as { n: number }).n
  console.log(
    `wingman import-trades: ${importS.toFixed(2)} s for ${first.inserted.toLocaleString('en-US')} executions → ${positions.toLocaleString('en-US')} positions` +
      ` (${first.rejected.length} rejected; target ≤ ${TARGET_S} s: ${importS <= TARGET_S ? 'met' : 'NOT met'})` +
      ` — ${((importS * 1e6) / executions).toFixed(1)} µs per execution`,
  )
  t = performance.now()
  const again = importTrades(db, request, noBars, new Date())
  console.log(
    `re-import of the same file: ${((performance.now() - t) / 1000).toFixed(2)} s, ${again.inserted} new, ${again.duplicates.toLocaleString('en-US')} duplicates`,
  )
  db.close()

  const peerDb = join(dir, 'peer.sqlite')
  t = performance.now()
  const peer = spawnSync('sqlite3', [peerDb, '.mode csv', `.import ${file} trades`], {
    encoding: 'utf8',
  })
  const peerS = (performance.now() - t) / 1000
  if (peer.status !== 0) console.log(`peer: sqlite3 failed (${peer.stderr.trim() || peer.error})`)
  else
    console.log(
      `peer sqlite3 CLI .import into a plain table: ${peerS.toFixed(2)} s — wingman/peer = ×${(importS / peerS).toFixed(1)}`,
    )
} finally {
  if (!process.env.IMPORT_BENCH_KEEP) rmSync(dir, { recursive: true, force: true })
  else console.log(`kept ${dir}`)
}
