/**
 * Paging benchmark (run by `npm run bench`; issue 13, point 4) on the 100,000-position demo
 * journal (test/bench/demoJournal.ts, about a million fills):
 *   - the first fill of the `position_list` cache (once per journal: after migration 008, or
 *     when a bulk import made every row stale), or that it was already filled;
 *   - 100-row pages of `positions:page` through the contract's dispatcher (zod, handler,
 *     service, the JSON a host would send), p50/p95 over a walk of pages for each sort column
 *     and direction under "All", against the same page's SQL run by raw better-sqlite3 and by
 *     the sqlite3 CLI (`.timer on`): the ratios say what the layers above SQL cost;
 *   - `positions:totals` (one aggregate query), `decisions:page` and the dry-run's first page and
 *     summary (`rulesets:dryRunPage`, `rulesets:dryRunSummary`) over the journal's decisions;
 *   - in headless Chromium through the browser host (`npm run build` first): navigation to the
 *     first row in view for each status list and for a money sort, with the `positions:page`
 *     request's share; against the 500 ms target.
 * Figures only; never fails on a number.
 */
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import Database from 'better-sqlite3'
import { createDispatch } from '../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../electron/core/contract/handlers.ts'
import { NO_LIST_FILTERS, pageSql } from '../../electron/core/db/repositories/positionList.ts'
import { refreshPositionList, SORT_KEYS } from '../../electron/core/services/positionList.ts'
import { MarkService } from '../../electron/core/services/marks.ts'
import { openAppJournal } from '../../electron/core/services/journal.ts'
import { nyDateOf } from '../../shared/dates.ts'
import { POSITION_SORTS, type PositionSort } from '../../shared/listPaging.ts'
import { chromiumPath, launchChromium } from '../helpers/browser.ts'
import { serveApp } from '../helpers/serve.ts'
import { demoJournal } from './demoJournal.ts'

const PAGES = 30
const LIMIT = 100
const TARGET_PAGE_MS = 20
const TARGET_FIRST_ROWS_MS = 500

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`

const path = demoJournal()
const { db } = openAppJournal(path, { marketDir: null })
const now = () => new Date()
const today = nyDateOf(now())
const dispatch = createDispatch(
  createHandlers({ db, databasePath: path, version: 'bench', shell: 'browser', now }),
  { log: () => {} },
)
async function call(channel: string, request: unknown): Promise<unknown> {
  const r = (await dispatch(channel as never, request)) as
    { ok: true; value: unknown } | { ok: false; error: { message: string } }
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`)
  // The host sends JSON: its cost is part of a page's.
  return JSON.parse(JSON.stringify(r.value))
}
const count = (sql: string) => db.prepare(sql).pluck().get() as number
console.log(
  `journal: ${count('SELECT count(*) FROM positions').toLocaleString('en-US')} positions, ` +
    `${count('SELECT count(*) FROM fills').toLocaleString('en-US')} fills, ` +
    `${count('SELECT count(*) FROM decisions').toLocaleString('en-US')} decisions ` +
    `(${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0]!.toFixed(1)})`,
)

// ------------------------------------------------------------------------- the cache's fill
{
  const t = performance.now()
  const n = refreshPositionList(db, new MarkService(db), today)
  const s = (performance.now() - t) / 1000
  console.log(
    n === 0
      ? 'position_list: already filled (nothing stale)'
      : `position_list: ${n.toLocaleString('en-US')} rows computed from the ledger and written in ${s.toFixed(1)} s (once per journal)`,
  )
}

// ------------------------------------------------------------------ pages through the host
/** Walks PAGES pages of a sort under "All"; returns each page's time and the cursors used. */
async function walk(sort: PositionSort, direction: 'asc' | 'desc') {
  const times: number[] = []
  const cursors: (string | undefined)[] = []
  let after: string | undefined
  for (let i = 0; i < PAGES; i++) {
    cursors.push(after)
    const t = performance.now()
    const page = (await call('positions:page', {
      filter: { status: 'all' },
      sort: { column: sort, direction },
      limit: LIMIT,
      ...(after ? { after } : {}),
    })) as { rows: unknown[]; nextCursor: string | null }
    times.push(performance.now() - t)
    if (!page.nextCursor) break
    after = page.nextCursor
  }
  return { times, cursors }
}

/** The first page's SQL for one list ("closed", the big one) and sort, as the service runs it. */
function rawSql(sort: PositionSort, direction: 'asc' | 'desc') {
  const sql = pageSql({ key: SORT_KEYS[sort], dir: direction, phase: 'values', after: null })
  const params = { bucket: 'closed', limit: LIMIT + 1, ...NO_LIST_FILTERS }
  return { sql, params }
}

function rawBetterSqlite(sort: PositionSort, direction: 'asc' | 'desc'): number[] {
  const { sql, params } = rawSql(sort, direction)
  const raw = new Database(path, { readonly: true })
  const s = raw.prepare(sql)
  const times: number[] = []
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now()
    s.all(params)
    times.push(performance.now() - t)
  }
  raw.close()
  return times
}

/**
 * The same SQL in the sqlite3 CLI: one process runs it REPEAT times, another none; the
 * difference over REPEAT is one query (the CLI's `.timer` rounds to the millisecond).
 */
function rawCli(sort: PositionSort, direction: 'asc' | 'desc'): number | null {
  const REPEAT = 200
  const { sql, params } = rawSql(sort, direction)
  const sets = Object.entries(params).map(
    ([k, v]) => `.param set @${k} ${v === null ? 'NULL' : typeof v === 'string' ? `"'${v}'"` : v}`,
  )
  const run = (n: number) => {
    const script = [
      ...sets,
      '.output /dev/null',
      ...Array.from({ length: n }, () => `${sql.replace(/\s+/g, ' ')};`),
    ].join('\n')
    const t = performance.now()
    const r = spawnSync('sqlite3', ['-readonly', path], { input: script, encoding: 'utf8' })
    return r.error || r.status !== 0 ? null : performance.now() - t
  }
  const base = run(0)
  const full = run(REPEAT)
  return base === null || full === null ? null : Math.max(0, full - base) / REPEAT
}

console.log(
  `\npositions:page, ${LIMIT} rows, "All", ${PAGES} pages walked per sort (p50 / p95), ` +
    `vs the first page's SQL alone (p50; raw better-sqlite3 / sqlite3 CLI):`,
)
const all95: number[] = []
const sorts = POSITION_SORTS.filter((s) => s !== 'dte')
for (const sort of sorts)
  for (const direction of ['asc', 'desc'] as const) {
    await walk(sort, direction) // warm: statements prepared, pages cached by SQLite
    const { times } = await walk(sort, direction)
    all95.push(...times)
    const raw = quantile(rawBetterSqlite(sort, direction), 0.5)
    const cliP50 = rawCli(sort, direction)
    const p50 = quantile(times, 0.5)
    console.log(
      `  ${`${sort} ${direction}`.padEnd(16)} ${ms(p50).padStart(9)} / ${ms(quantile(times, 0.95)).padStart(9)}` +
        `   raw ${ms(raw)} (×${(p50 / raw).toFixed(1)})` +
        (cliP50 === null
          ? '   sqlite3 CLI: not run'
          : `   CLI ${ms(cliP50)} (×${(p50 / Math.max(cliP50, 0.001)).toFixed(1)})`),
    )
  }
console.log(
  `  every page of every sort: p50 ${ms(quantile(all95, 0.5))}, p95 ${ms(quantile(all95, 0.95))} — ` +
    `${(quantile(all95, 0.95) / TARGET_PAGE_MS).toFixed(2)}× the ${TARGET_PAGE_MS} ms target`,
)

// ------------------------------------------------------------------ totals, decisions, dry-run
async function timed(what: string, f: () => Promise<unknown>, rounds = 5) {
  const times: number[] = []
  let last: unknown
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    last = await f()
    times.push(performance.now() - t)
  }
  console.log(
    `  ${what.padEnd(44)} p50 ${ms(quantile(times, 0.5))}  (max ${ms(Math.max(...times))})`,
  )
  return last
}
console.log('\nother lists:')
for (const status of ['open', 'closed', 'all'] as const)
  await timed(`positions:totals ${status}`, () => call('positions:totals', { status }))
await timed('positions:list open (the whole list, in memory)', () =>
  call('positions:list', { status: 'open' }),
)
await timed('decisions:page first 100', () => call('decisions:page', { limit: 100 }))
const late = (await call('decisions:page', { limit: 500 })) as { nextCursor: string | null }
if (late.nextCursor)
  await timed('decisions:page 100 after 500', () =>
    call('decisions:page', { limit: 100, after: late.nextCursor }),
  )
await timed('rulesets:dryRunPage alvh, first 100 rows', () =>
  call('rulesets:dryRunPage', { id: 'alvh', limit: 100 }),
)
await timed(
  'rulesets:dryRunSummary alvh (every decision)',
  () => call('rulesets:dryRunSummary', { id: 'alvh' }),
  2,
)
db.close()

// ------------------------------------------------------------------------------ Chromium
if (!chromiumPath()) {
  console.log('\nChromium: skipped (no Chromium found; apt-get install chromium)')
  process.exit(0)
}
const app = await serveApp(path)
const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  // Records, in the page's clock, when the list first shows a row, or says it has none (a
  // MutationObserver runs right after the DOM change that adds it).
  await page.addInitScript(() => {
    const w = window as unknown as { __rowAt: number | null; __from: number }
    w.__rowAt = null
    w.__from = 0
    new MutationObserver(() => {
      // the first row, or the sentence of an empty list (the demo's "Open" is empty)
      const empty = document.querySelector('.positions-page .vtable-empty')
      const answered = empty && empty.textContent !== 'Loading…'
      if (w.__rowAt === null && (document.querySelector('.vtable-row') || answered))
        w.__rowAt = performance.now()
    }).observe(document, { childList: true, subtree: true })
  })
  const rowAt = async () =>
    (await (
      await page.waitForFunction(
        () => {
          const w = window as unknown as { __rowAt: number | null; __from: number }
          return w.__rowAt === null ? null : w.__rowAt - w.__from
        },
        undefined,
        { timeout: 120_000 },
      )
    ).jsonValue()) as number
  const requestMs = () =>
    page.evaluate(() => {
      const r = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/positions:page'))
        .at(-1)
      return r ? r.duration : NaN
    })
  console.log(`\nPositions page in Chromium (median of 5; in brackets the positions:page request):`)
  const lists = [
    '#/positions',
    '#/positions?status=closed',
    '#/positions?status=all',
    '#/positions?status=voided',
  ]
  for (const hash of lists) {
    const loads: number[] = []
    const navs: number[] = []
    const reqs: number[] = []
    for (let i = 0; i < 5; i++) {
      await page.goto(`${app.url}${hash}`)
      loads.push(await rowAt())
      // in-app: from Rulesets to this list
      await page.evaluate(() => (window.location.hash = '#/rulesets'))
      await page.waitForFunction(() => !document.querySelector('.positions-page'))
      await page.evaluate((h) => {
        const w = window as unknown as { __rowAt: number | null; __from: number }
        performance.clearResourceTimings()
        w.__rowAt = null
        w.__from = performance.now()
        window.location.hash = h
      }, hash)
      navs.push(await rowAt())
      reqs.push(await requestMs())
    }
    const m = quantile(navs, 0.5)
    console.log(
      `  ${hash.padEnd(28)} load → first row ${ms(quantile(loads, 0.5))}; in-app navigation → first row ${ms(m)} ` +
        `[${ms(quantile(reqs, 0.5))}] — ${(m / TARGET_FIRST_ROWS_MS).toFixed(2)}× the ${TARGET_FIRST_ROWS_MS} ms target`,
    )
  }
  // A sort by a money column: the click to the first row of the new order.
  await page.goto(`${app.url}#/positions?status=all`)
  await rowAt()
  const sortTimes: number[] = []
  for (let i = 0; i < 5; i++) {
    const first = await page.locator('.vtable-row').first().innerText()
    const t = performance.now()
    await page.getByRole('button', { name: /^Total/ }).click()
    await page.waitForFunction(
      (before) => document.querySelector('.vtable-row')?.textContent !== before,
      first.replace(/\n/g, ''),
      { timeout: 60_000 },
    )
    sortTimes.push(performance.now() - t)
  }
  console.log(
    `  "All", click on Total → first row of the new order: ${ms(quantile(sortTimes, 0.5))} (median of 5)`,
  )
  console.log(
    '  peer: no bare React + virtual list page was built; the request share above is the part ' +
      'that is not the page',
  )
} finally {
  await browser.close()
  await app.stop()
}
