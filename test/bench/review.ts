/**
 * Review benchmark (run by `npm run bench`; issue 10, point 7): the whole review against outcomes
 * — `computeReview(db, new MarkService(db), {})`, every decision scored and every grouping built
 * from the records (the review's cache, migration 009, is measured by reviewScale.ts) —
 * on a journal of 10,000 decisions over 20 years made through the app's services
 * (`reviewJournal.ts`, cached in the temp dir per generator and schema version). Target: ≤ 1 s.
 *
 * Printed: the journal's size; the review's wall time (median of several rounds, with the range;
 * the first, cold call apart), the share of it spent in SQL (every better-sqlite3 statement's
 * prepare/all/get/run timed); where the time goes, by phase (the review's steps re-run one by
 * one) and by function (a CPU profile of three rounds); and the peer: the same grouping — count,
 * wins, total by action taken — done by ONE query in the sqlite3 CLI. The peer groups each
 * decision's position P&L as stored (Σ adjustments.cash_e4 − fees_e4): it computes no outcome, no
 * model value, no alternative path, so the ratio says what the scoring costs over reading and
 * grouping the same rows. Figures only; never fails.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { Session } from 'node:inspector/promises'
import { openJournal, type Db } from '../../electron/core/db/connection.ts'
import { listDecisions } from '../../electron/core/db/repositories/decisions.ts'
import { loadLedgerInputs } from '../../electron/core/db/repositories/ledgerRecords.ts'
import { listPositionSummaries } from '../../electron/core/db/repositories/positions.ts'
import { computeReview, effectiveDecisions } from '../../electron/core/review/review.ts'
import { MarkService } from '../../electron/core/services/marks.ts'
import type { DecisionRecord } from '../../shared/decisions.ts'
import { computeLedger } from '../../shared/ledger.ts'
import { positionFigures } from '../../shared/positionFigures.ts'
import { groupBy, summarize, type MetricItem } from '../../shared/review/metrics.ts'
import { decisionOutcome, type DecisionOutcome } from '../../shared/review/outcomes.ts'
import { REVIEW_GROUP_KEYS } from '../../shared/review/report.ts'
import { DEFAULT_OPTIONS, ensureReviewJournal, GENERATOR_VERSION } from './reviewJournal.ts'

const ROUNDS = 7
const TARGET_MS = 1000

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`
const pct = (x: number) => `${(x * 100).toFixed(0)} %`

// ---------------------------------------------------------------------------- the journal
// REVIEW_BENCH_DECISIONS=400 gives a quick smoke run on a smaller journal (cached apart).
const options = {
  ...DEFAULT_OPTIONS,
  ...(process.env.REVIEW_BENCH_DECISIONS
    ? { decisions: Number(process.env.REVIEW_BENCH_DECISIONS) }
    : {}),
}
const t0 = performance.now()
const journal = ensureReviewJournal(options)
if (journal.reused)
  console.log(`journal: reused the cached file (generator v${GENERATOR_VERSION}) ${journal.path}`)
else {
  const s = journal.stats!
  console.log(
    `journal: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s and cached at ${journal.path}` +
      ` (generator v${GENERATOR_VERSION}; later runs reuse it — delete the directory to rebuild)`,
  )
  console.log(
    `  ${s.positions} condors opened ${s.firstSession} … ${s.lastSession}, ${s.decisions} decisions ` +
      `(${s.followed} followed), ${s.partialCloses} partial closes, ${s.openAtEnd} still open`,
  )
}

const { db } = openJournal(journal.path)

// ---------------------------------------------------------------------------- SQL timing
/** Time spent in better-sqlite3 (prepare and every all/get/run/iterate), by statement. */
const sql = { ms: 0, calls: 0, by: new Map<string, { ms: number; calls: number }>() }
const prepare = db.prepare.bind(db)
const account = (text: string, dt: number, executed: boolean) => {
  sql.ms += dt
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 90)
  const e = sql.by.get(key) ?? { ms: 0, calls: 0 }
  e.ms += dt
  if (executed) {
    e.calls++
    sql.calls++
  }
  sql.by.set(key, e)
}
db.prepare = ((text: string) => {
  const a = performance.now()
  const stmt = prepare(text)
  account(text, performance.now() - a, false)
  const proxy: unknown = new Proxy(stmt, {
    get(target, key) {
      const v = Reflect.get(target, key) as unknown
      if (typeof v !== 'function') return v
      if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate')
        return (...args: unknown[]) => {
          const b = performance.now()
          try {
            const out = (v as (...x: unknown[]) => unknown).apply(target, args)
            return key === 'iterate' ? [...(out as Iterable<unknown>)] : out
          } finally {
            account(text, performance.now() - b, true)
          }
        }
      return (...args: unknown[]) => {
        const out = (v as (...x: unknown[]) => unknown).apply(target, args)
        return out === target ? proxy : out // chainable (pluck, raw, expand)
      }
    },
  })
  return proxy
}) as Db['prepare']
const sqlReset = () => {
  sql.ms = 0
  sql.calls = 0
  sql.by.clear()
}

// ---------------------------------------------------------------------------- sizes
const count = (q: string) => (db.prepare(q).get() as { n: number }).n
const sizes = {
  positions: count('SELECT count(*) AS n FROM positions'),
  open: count(`SELECT count(*) AS n FROM positions WHERE status = 'open'`),
  decisions: count('SELECT count(*) AS n FROM decisions'),
  legs: count('SELECT count(*) AS n FROM legs'),
  fills: count('SELECT count(*) AS n FROM fills'),
  span: db.prepare('SELECT min(decided_at) AS a, max(decided_at) AS b FROM decisions').get() as {
    a: string
    b: string
  },
  bytes: (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count * 4096,
}
console.log(
  `journal: ${sizes.decisions.toLocaleString('en-US')} decisions ${sizes.span.a.slice(0, 10)} … ${sizes.span.b.slice(0, 10)}, ` +
    `${sizes.positions.toLocaleString('en-US')} positions (${sizes.open} open), ${sizes.legs.toLocaleString('en-US')} legs, ` +
    `${sizes.fills.toLocaleString('en-US')} fills, ≈ ${(sizes.bytes / 1e6).toFixed(0)} MB with the bundled market history`,
)

// ---------------------------------------------------------------------------- the review
sqlReset()
let a = performance.now()
const first = computeReview(db, new MarkService(db), {})
const coldMs = performance.now() - a
const coldSql = sql.ms
const wall: number[] = []
const sqlMs: number[] = []
let lastSql = new Map<string, { ms: number; calls: number }>()
let sqlCalls = 0
const cpu: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  sqlReset()
  const u = process.cpuUsage()
  a = performance.now()
  computeReview(db, new MarkService(db), {})
  wall.push(performance.now() - a)
  const du = process.cpuUsage(u)
  cpu.push((du.user + du.system) / 1000)
  sqlMs.push(sql.ms)
  lastSql = new Map([...sql.by].map(([k, e]) => [k, { ...e }]))
  sqlCalls = sql.calls
}
const reviewMs = median(wall)
// The app's review:run keeps one MarkService per journal connection: its history is loaded once.
const warmMarks = new MarkService(db)
warmMarks.market()
const warmWall: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  a = performance.now()
  computeReview(db, warmMarks, {})
  warmWall.push(performance.now() - a)
}
const shares = wall.map((w, i) => sqlMs[i]! / w)
const scoredKnown = first.decisions.filter((d) => d.actual !== null).length
const finals = first.decisions.filter((d) => d.final).length

// ---------------------------------------------------------------------------- phases
/**
 * The review's steps (electron/core/review/review.ts) one by one, each timed. Keep in step with
 * computeReview: the sum of the phases is printed beside its wall time, so a drift shows.
 */
function phases(): Record<string, number> {
  const t: Record<string, number> = {}
  const time = <T>(name: string, f: () => T): T => {
    const s = performance.now()
    const sq = sql.ms
    const out = f()
    t[name] = (t[name] ?? 0) + performance.now() - s
    t[`${name} (SQL)`] = (t[`${name} (SQL)`] ?? 0) + sql.ms - sq
    return out
  }
  const marks = new MarkService(db)
  const h = time('market history (MarkService: getBars ×13 + maps)', () => marks.market())
  const asOf = h.sessionOnOrBefore('9999-12-31')
  const summaries = time('listPositionSummaries', () => listPositionSummaries(db, 'all'))
  const byId = new Map(summaries.map((s) => [s.id as number, s]))
  const inputs = time('loadLedgerInputs', () =>
    loadLedgerInputs(
      db,
      summaries.map((s) => s.id),
    ),
  )
  const positionItems: MetricItem[] = []
  time('positions: ledger + figures + marks', () => {
    for (const s of summaries) {
      const input = inputs.get(s.id)!
      const ledger = computeLedger(input)
      const f = positionFigures(input, marks.marks(input, ledger, asOf ?? s.openedOn))
      if (f.totalE4 !== null)
        positionItems.push({
          at: s.closedOn ?? asOf ?? s.openedOn,
          pnlE4: f.totalE4,
          edgeVsClosedE4: null,
          edgeVsHeldE4: null,
        })
    }
  })
  const records = time('listDecisions (SQL + JSON.parse of snapshots)', () => listDecisions(db))
  const effective = effectiveDecisions(records)
  const scored: { d: DecisionRecord; o: DecisionOutcome; tags: string[] }[] = []
  time('decision outcomes (marks + decisionOutcome ×N)', () => {
    for (const d of effective) {
      const input = inputs.get(d.positionId)
      const s = byId.get(d.positionId)
      if (!input || !s) continue
      // as computeReview: the position's own marks for `actual`, so one position shows one P&L
      const current = marks.marks(input, computeLedger(input), asOf ?? d.snapshot.date)
      const o = decisionOutcome(
        input,
        {
          id: d.id,
          decidedAt: d.decidedAt,
          adjustmentId: d.adjustmentId,
          date: d.snapshot.date,
          marks: d.snapshot.inputs.marks ?? {},
          recommended: d.recommendedAction,
          taken: d.actionTaken,
        },
        h,
        asOf,
        current,
      )
      scored.push({ d, o, tags: s.tags })
    }
  })
  time('groups and headline (11 keys)', () => {
    const known = scored.filter((s) => s.o.actualE4 !== null)
    const item = (s: (typeof known)[number]): MetricItem => ({
      at: s.d.decidedAt,
      pnlE4: s.o.actualE4!,
      edgeVsClosedE4: s.o.edgeVsClosedE4,
      edgeVsHeldE4: s.o.edgeVsHeldE4,
    })
    // the same key readers in spirit; the metrics work is what counts here
    const key = (s: (typeof known)[number]) => s.d.actionTaken
    for (let k = 0; k < REVIEW_GROUP_KEYS.length; k++) groupBy(known, key, item, [])
    summarize(positionItems)
    summarize(known.map(item))
  })
  return t
}
phases() // warm
const phaseRuns = Array.from({ length: 5 }, phases)
const phaseNames = Object.keys(phaseRuns[0]!).filter((k) => !k.endsWith('(SQL)'))
const phaseMedians = phaseNames
  .map((name) => ({
    name,
    ms: median(phaseRuns.map((r) => r[name]!)),
    sql: median(phaseRuns.map((r) => r[`${name} (SQL)`]!)),
  }))
  .sort((x, y) => y.ms - x.ms)

// ---------------------------------------------------------------------------- CPU profile
interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type Top = { name: string; ms: number }[]
async function profileRound(): Promise<[Top, Top]> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  for (let i = 0; i < 3; i++) computeReview(db, new MarkService(db), {})
  const { profile } = (await session.post('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  session.disconnect()
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / 3),
  )
  const byFn = new Map<string, number>()
  const byFile = new Map<string, number>()
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0
    // the profiler's own calls, and idle time, are not the review's
    if (!t || n.callFrame.url.startsWith('node:inspector') || n.callFrame.functionName === '(idle)')
      continue
    const file = n.callFrame.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '')
    const name = n.callFrame.functionName
    const fn = file
      ? `${name || '(anonymous)'} ${file.split('/').pop()}:${n.callFrame.lineNumber + 1}`
      : name.startsWith('(')
        ? name
        : `${name || '(anonymous)'} — native: better-sqlite3/SQLite, Intl, JSON.parse…`
    byFn.set(fn, (byFn.get(fn) ?? 0) + t)
    const f = file || (name.startsWith('(') ? name : 'native code')
    byFile.set(f, (byFile.get(f) ?? 0) + t)
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, k)
      .map(([name, ms]) => ({ name, ms }))
  return [top(byFn, 14), top(byFile, 10)]
}
const [topFns, topFiles] = await profileRound()

// ---------------------------------------------------------------------------- the peer
const PEER_SQL = `
SELECT d.action_taken AS action, COUNT(*) AS count, SUM(p.pnl_e4 > 0) AS wins,
       SUM(p.pnl_e4) / 10000.0 AS total
  FROM decisions d
  JOIN positions pos ON pos.id = d.position_id AND pos.voided_at IS NULL
  JOIN (SELECT position_id, SUM(cash_e4 - fees_e4) AS pnl_e4 FROM adjustments GROUP BY position_id) p
    ON p.position_id = d.position_id
 WHERE d.id NOT IN (SELECT corrects_decision_id FROM decisions WHERE corrects_decision_id IS NOT NULL)
   AND (:closedOnly = 0 OR pos.status = 'closed')
 GROUP BY d.action_taken ORDER BY d.action_taken`
const SQLITE = '/usr/bin/sqlite3'
type PeerRow = { action: string; count: number; wins: number; total: number }
let peer: { ms: number[]; rows: PeerRow[]; version: string } | null = existsSync(SQLITE)
  ? { ms: [], rows: [], version: '' }
  : null
let peerProblem = peer ? '' : `${SQLITE} is missing`
if (peer) {
  peer.version = spawnSync(SQLITE, ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0]!
  const text = PEER_SQL.replace(':closedOnly', '0')
  for (let i = 0; i < ROUNDS + 1; i++) {
    const b = performance.now()
    const r = spawnSync(SQLITE, ['-readonly', '-json', journal.path, text], { encoding: 'utf8' })
    const dt = performance.now() - b
    if (r.status !== 0) {
      peerProblem = `sqlite3 failed (${r.status}): ${r.stderr.trim()}`
      peer = null
      break
    }
    if (i > 0) peer.ms.push(dt) // the first run warms the page cache
    peer.rows = JSON.parse(r.stdout) as PeerRow[]
  }
}
// The same query in this process (better-sqlite3), for scale: no process start, no JSON.
const inProc: number[] = []
const peerStmt = prepare(PEER_SQL)
for (let i = 0; i < ROUNDS; i++) {
  const b = performance.now()
  peerStmt.all({ closedOnly: 0 })
  inProc.push(performance.now() - b)
}
// Sanity: on decisions whose position is closed, the peer's stored P&L is the review's `actual`.
const closedIds = new Set(first.positions.filter((p) => p.status === 'closed').map((p) => p.id))
const reviewClosed = new Map<string, { count: number; wins: number; totalE4: number }>()
for (const d of first.decisions) {
  if (!closedIds.has(d.positionId) || d.actual === null) continue
  const g = reviewClosed.get(d.taken) ?? { count: 0, wins: 0, totalE4: 0 }
  g.count++
  if (d.actual > 0) g.wins++
  g.totalE4 += Math.round(d.actual * 10_000)
  reviewClosed.set(d.taken, g)
}
const peerClosed = peerStmt.all({ closedOnly: 1 }) as PeerRow[]
const agree = peerClosed.filter((p) => {
  const g = reviewClosed.get(p.action)
  return g && g.count === p.count && g.wins === p.wins && g.totalE4 === Math.round(p.total * 10_000)
}).length

// ---------------------------------------------------------------------------- report
const byAction = first.groups.action ?? []
console.log(
  `\nmachine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.versions.node}, ` +
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
)
console.log(
  `\nreview (computeReview, fresh MarkService each round): ${first.decisions.length.toLocaleString('en-US')} decisions scored ` +
    `(${scoredKnown} with an actual, ${finals} final), ${first.positions.length.toLocaleString('en-US')} positions, ` +
    `${Object.keys(first.groups).length} groupings`,
)
console.log(
  `  wall   ${ms(reviewMs)} median of ${ROUNDS} (${range(wall)} ms); first, cold call ${ms(coldMs)}`,
)
console.log(
  `  CPU    ${ms(median(cpu))} (${range(cpu)} ms) of this process (all its threads, GC included): ` +
    `on a loaded machine the steadier figure`,
)
console.log(
  `  SQL    ${ms(median(sqlMs))} = ${pct(median(shares))} of the wall time (${pct(Math.min(...shares))}–${pct(Math.max(...shares))}; ` +
    `cold call ${ms(coldSql)}), ${sqlCalls} statements run per round`,
)
console.log(
  `  with the MarkService kept warm (as the app's review:run holds it): ${ms(median(warmWall))} (${range(warmWall)} ms)`,
)
console.log(
  `  target ≤ ${TARGET_MS} ms: ${reviewMs <= TARGET_MS ? 'MET' : `NOT MET (${(reviewMs / TARGET_MS).toFixed(2)}× the target)`}`,
)
if (peer) {
  const p = median(peer.ms)
  console.log(
    `\npeer: sqlite3 ${peer.version} CLI, one query (count, wins, total by action taken over the stored ` +
      `Σ cash − fees of each decision's position; no outcome computed), process start included:`,
  )
  console.log(`  ${ms(p)} median of ${ROUNDS} (${range(peer.ms)} ms)`)
  console.log(`  ratio review / peer: ${(reviewMs / p).toFixed(0)}×`)
} else console.log(`\npeer: ${peerProblem} — no ratio (the sqlite3 CLI is needed for one)`)
console.log(
  `  the same query in-process (better-sqlite3): ${ms(median(inProc))} (${range(inProc)} ms) → review / query ${(reviewMs / median(inProc)).toFixed(0)}×`,
)
console.log(
  `  check: on closed positions the peer's groups equal the review's (count, wins, total to the cent) ` +
    `for ${agree} of ${peerClosed.length} actions`,
)
console.log(
  '\n  by action taken   review: count  wins   total $          peer: count  wins   total $',
)
for (const g of byAction) {
  const p = peer?.rows.find((r) => r.action === g.key)
  console.log(
    `  ${g.key.padEnd(18)} ${String(g.count).padStart(12)} ${String(g.wins).padStart(5)} ${g.total.toFixed(0).padStart(11)}` +
      (p
        ? `   ${String(p.count).padStart(12)} ${String(p.wins).padStart(5)} ${p.total.toFixed(0).padStart(11)}`
        : ''),
  )
}

console.log(
  '\nwhere the time goes, by phase (the steps of computeReview re-run one by one; median of 5):',
)
const phaseTotal = phaseMedians.reduce((s, p) => s + p.ms, 0)
for (const p of phaseMedians)
  console.log(
    `  ${ms(p.ms).padStart(9)} ${pct(p.ms / phaseTotal).padStart(5)}  ${p.name}${p.sql >= 0.5 ? ` — SQL ${ms(p.sql)}` : ''}`,
  )
console.log(`  ${ms(phaseTotal).padStart(9)}        sum of the phases`)
console.log('\nwhere the time goes, by function (CPU profile of 3 rounds, self time per round):')
for (const f of topFns) console.log(`  ${ms(f.ms).padStart(9)}  ${f.name}`)
console.log('  by file:')
for (const f of topFiles) console.log(`  ${ms(f.ms).padStart(9)}  ${f.name}`)
console.log('\nSQL statements (one round, top 5 by time):')
for (const [text, e] of [...lastSql].sort((x, y) => y[1].ms - x[1].ms).slice(0, 5))
  console.log(`  ${ms(e.ms).padStart(9)} ×${String(e.calls).padEnd(5)} ${text}`)
db.close()
