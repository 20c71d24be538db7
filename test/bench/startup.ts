/**
 * Startup benchmark (run by `npm run bench`; issue 13, point 6). Printed:
 *   - the renderer's initial JS — the scripts index.html loads before the first paint, with the
 *     chunks they import statically — raw and gzip, against the 200 kB gzip target, and all of
 *     the renderer's JS beside it (`npm run build` first; skipped without out/renderer);
 *   - `wingman --help`: wall time of the process, median of several runs;
 *   - `wingman serve --db <new journal> --port 0`: time from spawn until the URL line is
 *     printed (the process is then stopped), median of several runs;
 * each also as a ratio to `node -e 0` measured in the same run. Figures only; never fails.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = join(import.meta.dirname, '..', '..')
const ASSETS = join(ROOT, 'out', 'renderer', 'assets')
const CLI = join(ROOT, 'bin', 'wingman.mjs')
const RUNS = Math.max(3, Number(process.env.STARTUP_BENCH_RUNS ?? 7))
const TARGET_GZIP = 200_000

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`

function rendererFigures(): void {
  const html = join(ROOT, 'out', 'renderer', 'index.html')
  if (!existsSync(html)) {
    console.log('renderer: out/renderer is missing (run npm run build); skipped')
    return
  }
  const size = (file: string) => {
    const bytes = readFileSync(join(ASSETS, file))
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  }
  // The entry scripts and, transitively, what they import statically (not import()).
  const initial = new Set<string>()
  const visit = (file: string) => {
    if (initial.has(file) || !existsSync(join(ASSETS, file))) return
    initial.add(file)
    const text = readFileSync(join(ASSETS, file), 'utf8')
    for (const m of text.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(m[1]!)
  }
  for (const m of readFileSync(html, 'utf8').matchAll(/<script[^>]*src="\.\/assets\/([^"]+)"/g))
    visit(m[1]!)
  const sum = (files: Iterable<string>) =>
    [...files].map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), {
      raw: 0,
      gzip: 0,
    })
  const first = sum(initial)
  const all = sum(readdirSync(ASSETS).filter((f) => f.endsWith('.js')))
  const chunks = readdirSync(ASSETS).filter((f) => f.endsWith('.js')).length
  console.log(
    `renderer initial JS (${[...initial].join(', ')}): ${kb(first.raw)} raw, ${kb(first.gzip)} gzip` +
      ` — ${(first.gzip / TARGET_GZIP).toFixed(2)}× the ${kb(TARGET_GZIP)} gzip target`,
  )
  console.log(`renderer all JS (${chunks} chunks): ${kb(all.raw)} raw, ${kb(all.gzip)} gzip`)
}

function timeProcess(args: string[]): number {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const t = performance.now() - t0
  if (r.status !== 0) console.log(`(${args.join(' ')} exited with ${r.status}: ${r.stderr})`)
  return t
}

/** Spawn to the line carrying the URL; the server is stopped right after. */
function timeServe(db: string): Promise<number> {
  return new Promise((done, fail) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (/https?:\/\/\S+/.test(out)) {
        const t = performance.now() - t0
        child.once('exit', () => done(t))
        child.kill('SIGTERM')
      }
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.once('exit', (code) => {
      if (!/https?:\/\//.test(out)) fail(new Error(`serve exited with ${code}: ${err.trim()}`))
    })
  })
}

rendererFigures()

const node0: number[] = []
const help: number[] = []
for (let i = 0; i < RUNS; i++) {
  // interleaved, so a busy moment of the machine touches both alike
  node0.push(timeProcess(['-e', '0']))
  help.push(timeProcess([CLI, '--help']))
}
const base = median(node0)
console.log(`node -e 0: ${base.toFixed(0)} ms (${range(node0)}), ${RUNS} runs`)
console.log(
  `wingman --help: ${median(help).toFixed(0)} ms (${range(help)}) — ${(median(help) / base).toFixed(1)}× node -e 0`,
)

if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
  console.log('wingman serve: the app is not built (npm run build); skipped')
} else {
  const dir = mkdtempSync(join(tmpdir(), 'wingman-startup-'))
  try {
    const db = join(dir, 'journal.db')
    // The first start creates the journal and loads the bundled market history: timed apart.
    const first = await timeServe(db)
    const serve: number[] = []
    for (let i = 0; i < RUNS; i++) serve.push(await timeServe(db))
    console.log(
      `wingman serve to URL, new journal (creates it, loads the market history): ${first.toFixed(0)} ms`,
    )
    console.log(
      `wingman serve to URL, existing journal: ${median(serve).toFixed(0)} ms (${range(serve)})` +
        ` — ${(median(serve) / base).toFixed(1)}× node -e 0`,
    )
  } catch (e) {
    console.log(`wingman serve: ${(e as Error).message}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
