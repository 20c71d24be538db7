/**
 * Export benchmark (issue 13, points 3 and 7): on the 100,000-position demo journal (about a
 * million fills), each in its own process, median of RUNS runs:
 *   - peer: the sqlite3 CLI's `-csv -header` of every journal table (`.once` per table, ORDER BY
 *     its first column, as Wingman orders them) — one process;
 *   - Wingman's raw tables (`exportJournal`, what `wingman export` writes first): the same tables,
 *     with a BOM, exact decimals for `_e4` columns and formula-guarded text — the ratio to the peer
 *     is the target (≤ 2×, peak memory ≤ 150 MB);
 *   - Wingman's summaries (`writeSummaries`: position_summary.csv through the ledger and
 *     fill_summary.csv): files the peer cannot produce, reported on their own;
 *   - the whole `wingman export` command (CLI process: start, open, tables, summaries).
 * Wall time of the child process from here; peak RSS from `/usr/bin/time -f %M` when the machine
 * has it, else as the Node child reports it (the sqlite3 figure is then missing). Figures only;
 * never fails on a number. Without a sqlite3 binary the peer is skipped, and the bench says so.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { demoJournal } from './demoJournal.ts'

const RUNS = Number(process.env.EXPORT_BENCH_RUNS ?? 3)
const ROOT = resolve(import.meta.dirname, '../..')
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
const SQLITE3 = (() => {
  const r = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim().split(' ')[0]! : null
})()

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

interface Run {
  ms: number
  rssMb: number | null
}

/** Runs a command once, timing it from here; peak RSS through /usr/bin/time when there is one. */
function measure(cmd: string, args: readonly string[], input?: string): Run & { stdout: string } {
  const rssFile = join(tmpdir(), `wingman-export-bench-rss-${process.pid}`)
  const [file, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args]
  const t0 = performance.now()
  const r = spawnSync(file, argv, {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`)
  let rssMb: number | null = null
  if (TIME) {
    rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024
    rmSync(rssFile, { force: true })
  }
  return { ms, rssMb, stdout: r.stdout }
}
const bytesOf = (dir: string) =>
  readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0)

function runs(label: string, once: (out: string) => Run): { label: string; runs: Run[] } {
  const all: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(join(tmpdir(), 'wingman-export-bench-'))
    try {
      all.push(once(out))
      if (i === 0) console.log(`  ${label}: ${(bytesOf(out) / 1e6).toFixed(0)} MB of CSV`)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }
  return { label, runs: all }
}

const db = demoJournal()
const journal = new Database(db, { readonly: true })
const count = (t: string) =>
  (journal.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number).toLocaleString('en-US')
const tables = journal
  .prepare(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
  .pluck()
  .all() as string[]
console.log(
  `demo journal ${db}: ${count('positions')} positions, ${count('fills')} fills, ` +
    `${count('legs')} legs, ${count('decisions')} decisions; ${tables.length} tables`,
)
journal.close()
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0]!.toFixed(1)}; ` +
    `Node ${process.version}; ${RUNS} runs each, median (range)` +
    (TIME ? '' : '; no /usr/bin/time: peak RSS of sqlite3 unknown'),
)

const node = (script: string, ...args: string[]) => [process.execPath, [script, ...args]] as const
const child = join(import.meta.dirname, 'exportChild.ts')
const results: { label: string; runs: Run[] }[] = []

// Warm up once (the positions list cache of a fresh demo journal is filled by the first export).
measure(...node(child, 'summaries', db, mkdtempSync(join(tmpdir(), 'wingman-export-bench-warm-'))))

if (SQLITE3) {
  results.push(
    runs(`sqlite3 ${SQLITE3} -csv (peer)`, (out) => {
      const script = tables
        .map((t) => `.once ${join(out, `${t}.csv`)}\nSELECT * FROM "${t}" ORDER BY 1;`)
        .join('\n')
      return measure('sqlite3', ['-csv', '-header', '-readonly', db], script)
    }),
  )
} else console.log('  sqlite3 is not installed (apt-get install sqlite3): the peer is skipped')

const selfReported = (r: Run & { stdout: string }): Run => {
  const rep = JSON.parse(r.stdout.trim().split('\n').pop()!) as { maxRssKb: number }
  return { ms: r.ms, rssMb: r.rssMb ?? rep.maxRssKb / 1024 }
}
const cli = join(ROOT, 'bin/wingman.mjs')
// What a trader runs for the same tables: the command (its work in a worker thread with a small
// heap), then the same function in one plain thread, for what the worker's limits save.
results.push(
  runs('wingman export --tables-only (CLI)', (out) =>
    measure(...node(cli, 'export', '--db', db, '--out', out, '--tables-only')),
  ),
)
results.push(
  runs('raw tables in one plain thread', (out) =>
    selfReported(measure(...node(child, 'tables', db, out))),
  ),
)
results.push(
  runs('wingman summaries (extra)', (out) =>
    selfReported(measure(...node(child, 'summaries', db, out))),
  ),
)
results.push(
  runs('wingman export (CLI, all)', (out) =>
    measure(...node(cli, 'export', '--db', db, '--out', out)),
  ),
)

const peer = results.find((r) => r.label.includes('(peer)'))
const peerMs = peer ? median(peer.runs.map((r) => r.ms)) : null
console.log('')
console.log('| | time (s) | × sqlite3 | peak RSS (MB) |')
console.log('| --- | --- | --- | --- |')
for (const { label, runs: rs } of results) {
  const ms = rs.map((r) => r.ms)
  const rss = rs.map((r) => r.rssMb).filter((x): x is number => x !== null)
  const t = `${(median(ms) / 1000).toFixed(2)} (${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)})`
  const ratio = peerMs ? `${(median(ms) / peerMs).toFixed(2)}×` : 'n/a'
  const mem = rss.length ? `${median(rss).toFixed(0)} (max ${Math.max(...rss).toFixed(0)})` : 'n/a'
  console.log(`| ${label} | ${t} | ${ratio} | ${mem} |`)
}
console.log('\ntargets: wingman export of the tables ≤ 2× sqlite3, peak RSS ≤ 150 MB (issue 13.3)')
