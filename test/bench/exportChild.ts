/**
 * One side of the export benchmark in its own process (so its peak memory is its own): writes
 * the raw tables (`exportJournal`) or the two summaries (`writeSummaries`) of a journal, the
 * functions `wingman export` calls, and prints one JSON line: rows, ms, maxRssKb.
 * Usage: node test/bench/exportChild.ts tables|summaries DB OUT
 */
import { openJournal } from '../../electron/core/db/connection.ts'
import { exportJournal } from '../../electron/core/io/exportJournal.ts'
import { writeSummaries } from '../../electron/core/io/exportSummary.ts'
import { MarkService } from '../../electron/core/services/marks.ts'
import { nyDateOf } from '../../shared/dates.ts'

const [what, path, out] = process.argv.slice(2)
if (!path || !out || (what !== 'tables' && what !== 'summaries'))
  throw new Error('usage: exportChild.ts tables|summaries DB OUT')
const { db } = openJournal(path, { quickCheck: false }) // as wingman export opens it
const t0 = performance.now()
const files =
  what === 'tables'
    ? exportJournal(db, out)
    : writeSummaries(db, new MarkService(db), out, nyDateOf(new Date()))
const ms = performance.now() - t0
db.close()
const rows = files.reduce((n, f) => n + f.rows, 0)
console.log(JSON.stringify({ rows, ms, maxRssKb: process.resourceUsage().maxRSS }))
