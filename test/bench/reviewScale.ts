/**
 * Review at scale (run by `npm run bench`; issue 13): the review against outcomes on the
 * 100,000-position demo journal (test/bench/demoJournal.ts: about 930,000 fills and 30,000
 * decisions), copied to a temporary file so that its caches start as the bench says.
 *
 * Printed:
 *   - the review computed from the records (`computeReview`, no cache: a read-only journal);
 *   - cold: every cached row stale (`runReview` computes and writes all of them), with the
 *     refresh's share;
 *   - warm: nothing changed since the last review (median of several, range) and after one
 *     position changed (one position and its decisions computed again);
 *   - `review:summary`, the page's first content (one stored row), and `review:decisionsPage`,
 *     the decisions table's first 100 rows from the cached outcomes (and a page from the middle);
 *   - the peers, in the same run: raw better-sqlite3 reading the same cached rows (the floor
 *     of a warm review: no object, no grouping), and the sqlite3 CLI grouping the cached
 *     outcomes by action taken in ONE query (count, wins, total) — what SQL alone does of the
 *     same rows, without the eleven groupings' metrics, the headline or the report;
 *   - in headless Chromium through the browser host (`npm run build` first): from navigation
 *     to the page's first content (the headline), to the decisions table's first rows (its first
 *     page) and to the whole report (the equity curve, every decision), on a warm cache, against
 *     the 500 ms target.
 * Figures only; never fails on a number. The Chromium part is skipped without a Chromium.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openJournal } from '../../electron/core/db/connection.ts'
import {
  computeReview,
  refreshReviewCache,
  reviewDecisionsPage,
  reviewSummary,
  runReview,
} from '../../electron/core/review/review.ts'
import { MarkService } from '../../electron/core/services/marks.ts'
import { chromiumPath, launchChromium } from '../helpers/browser.ts'
import { serveApp } from '../helpers/serve.ts'
import { demoJournal } from './demoJournal.ts'

const ROUNDS = 5
const TARGET_MS = 500

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`
const s = (x: number) => `${(x / 1000).toFixed(1)} s`
const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now()
  const v = f()
  return [v, performance.now() - t]
}

const dir = mkdtempSync(join(tmpdir(), 'wingman-review-scale-'))
const path = join(dir, 'journal.sqlite')
// the copy goes however the bench ends
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
// REVIEW_BENCH_JOURNAL=path measures another journal (copied too) instead of the demo one.
copyFileSync(process.env.REVIEW_BENCH_JOURNAL ?? demoJournal(), path)
const { db } = openJournal(path)
const count = (sql: string) => db.prepare(sql).pluck().get() as number
console.log(
  `journal: the demo journal, ${count('SELECT count(*) FROM positions').toLocaleString('en-US')} positions, ` +
    `${count('SELECT count(*) FROM fills').toLocaleString('en-US')} fills, ` +
    `${count('SELECT count(*) FROM decisions').toLocaleString('en-US')} decisions ` +
    `(${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0]!.toFixed(1)})`,
)

const marks = new MarkService(db)
const asOf = marks.market().sessionOnOrBefore('9999-12-31')

// ---------------------------------------------------------------------------- the core
const [uncached, uncachedMs] = timed(() => computeReview(db, marks, {}))
console.log(
  `\nreview:run on ${uncached.positions.length.toLocaleString('en-US')} positions and ` +
    `${uncached.decisions.length.toLocaleString('en-US')} decisions (as of ${asOf}):`,
)
console.log(`  computed from the records (computeReview, no cache): ${s(uncachedMs)}`)

db.prepare('UPDATE review_positions SET stale = 1').run()
const [refreshed, refreshMs] = timed(() => refreshReviewCache(db, marks, asOf))
const [cold, readMs] = timed(() => runReview(db, marks, {}))
const coldMs = refreshMs + readMs
console.log(
  `  cold (every row stale): ${s(coldMs)} — ${refreshed.toLocaleString('en-US')} positions ` +
    `computed and written in ${s(refreshMs)}, then read — ${times(coldMs, uncachedMs)} the uncached review`,
)
console.log(
  `  the same report as computeReview: ${JSON.stringify(cold) === JSON.stringify(uncached) ? 'yes' : 'NO'}`,
)

const warm: number[] = []
for (let i = 0; i < ROUNDS; i++) warm.push(timed(() => runReview(db, marks, {}))[1])
console.log(
  `  warm (nothing changed), median of ${ROUNDS}: ${ms(median(warm))} (${range(warm)}) — ` +
    `${times(uncachedMs, median(warm))} faster than uncached`,
)

const one = db.prepare('SELECT position_id FROM decisions ORDER BY id DESC LIMIT 1').pluck().get()
const changed: number[] = []
for (let i = 0; i < 3; i++) {
  db.prepare("UPDATE positions SET notes = notes || ' ' WHERE id = ?").run(one)
  changed.push(timed(() => runReview(db, marks, {}))[1])
}
console.log(
  `  after one position changed (it and its decisions computed again): ${ms(median(changed))} (${range(changed)})`,
)

// tomorrow's close: only figures valued on the last session are computed again (the demo's
// positions are all settled: none is)
{
  const spx = db.prepare("SELECT id FROM instruments WHERE symbol = 'SPX'").pluck().get()
  const next = db
    .prepare("SELECT date(max(date), '+1 day') FROM daily_bars WHERE instrument_id = ?")
    .pluck()
    .get(spx) as string
  const last = db
    .prepare('SELECT close FROM daily_bars WHERE instrument_id = ? ORDER BY date DESC LIMIT 1')
    .pluck()
    .get(spx) as number
  db.prepare(
    "INSERT INTO daily_bars (instrument_id, date, close, source) VALUES (?, ?, ?, 'hand')",
  ).run(spx, next, last)
  marks.invalidate() // this connection changed the history
  const [n] = timed(() => refreshReviewCache(db, marks, marks.market().sessionOnOrBefore(next)))
  const [kept, closeMs] = timed(() => runReview(db, marks, {}))
  const same = JSON.stringify(kept) === JSON.stringify(computeReview(db, marks, {}))
  console.log(
    `  after a new close (${next}): ${n.toLocaleString('en-US')} positions computed again, review ` +
      `${ms(closeMs)}; the same report as computeReview: ${same ? 'yes' : 'NO'}`,
  )
}

const summaries: number[] = []
for (let i = 0; i < 20; i++) summaries.push(timed(() => reviewSummary(db, {}))[1])
console.log(
  `  review:summary (the page's first content; warm): ${ms(median(summaries))} (${range(summaries)}) ` +
    `— ${(median(summaries) / TARGET_MS).toFixed(3)}× the ${TARGET_MS} ms target`,
)
{
  const pages: number[] = []
  for (let i = 0; i < 20; i++) pages.push(timed(() => reviewDecisionsPage(db, { limit: 100 }))[1])
  // a page from the middle: the cursor of the row at half the decisions
  const half = reviewDecisionsPage(db, { limit: 500 })
  let after = half?.nextCursor ?? undefined
  for (let n = 500; after && n < (half?.total ?? 0) / 2; n += 500)
    after = reviewDecisionsPage(db, { limit: 500, after })?.nextCursor ?? undefined
  const middle: number[] = []
  for (let i = 0; i < 20; i++)
    middle.push(
      timed(() =>
        reviewDecisionsPage(db, {
          limit: 100,
          sort: { column: 'date', direction: 'desc' },
          ...(after ? { after } : {}),
        }),
      )[1],
    )
  console.log(
    `  review:decisionsPage (the table's first 100 rows; warm): ${ms(median(pages))} (${range(pages)}); ` +
      `100 rows from the middle, newest first: ${ms(median(middle))} (${range(middle)}) — of ` +
      `${(half?.total ?? 0).toLocaleString('en-US')} decisions`,
  )
}
db.close()

// ---------------------------------------------------------------------------- the peers
{
  const raw = new Database(path, { readonly: true })
  const positions = raw.prepare(
    `SELECT position_id, status, opened_on, closed_on, realised_e4, open_e4, fees_e4, pnl_e4, final
       FROM review_positions WHERE voided = 0 ORDER BY opened_on DESC, position_id DESC`,
  )
  const outcomes = raw.prepare(
    `SELECT decision_id, position_id, decided_at, ruleset_id, ruleset_version, recommended, taken,
            followed, rule, actual_e4, closed_e4, held_e4, recommended_e4, edge_closed_e4,
            edge_held_e4, final, notes, vix, rsi, term, event, side
       FROM review_outcomes ORDER BY decided_at, decision_id`,
  )
  const reads: number[] = []
  for (let i = 0; i < ROUNDS; i++)
    reads.push(
      timed(() => {
        positions.raw(true).all()
        outcomes.raw(true).all()
      })[1],
    )
  raw.close()
  const sql = `SELECT taken, count(*), sum(actual_e4 > 0), sum(actual_e4) FROM review_outcomes
                WHERE actual_e4 IS NOT NULL GROUP BY taken;`
  const cli: number[] = []
  let groups = 0
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now()
    const r = spawnSync('sqlite3', ['-readonly', path, sql], { encoding: 'utf8' })
    cli.push(performance.now() - t)
    groups = r.stdout.trim().split('\n').length
  }
  console.log('\npeers, same journal, same run:')
  console.log(
    `  raw better-sqlite3, the cached rows as arrays (no objects, no grouping): ${ms(median(reads))} ` +
      `(${range(reads)}) — warm review ${times(median(warm), median(reads))} that`,
  )
  console.log(
    `  sqlite3 CLI, ONE query grouping the cached outcomes by action (${groups} groups; process start ` +
      `included): ${ms(median(cli))} (${range(cli)}) — warm review ${times(median(warm), median(cli))} that`,
  )
}

// ---------------------------------------------------------------------------- the page
if (!chromiumPath()) {
  console.log('\nReview page: skipped (no Chromium; apt-get install chromium)')
} else {
  const app = await serveApp(path, 300_000)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    // In the page's clock (0 = navigation start, or the in-app navigation below): when the
    // headline first shows, when the decisions table first has a row (its first page), and
    // when the whole report is shown (the equity curve).
    type Marks = { __first: number | null; __rows: number | null; __full: number | null }
    await page.addInitScript(() => {
      const w = window as unknown as Marks
      w.__first = null
      w.__rows = null
      w.__full = null
      new MutationObserver(() => {
        if (w.__first === null && document.querySelector('.review-headline'))
          w.__first = performance.now()
        if (w.__rows === null && document.querySelector('.review-decisions .vtable-row'))
          w.__rows = performance.now()
        if (w.__full === null && document.querySelector('.review-equity'))
          w.__full = performance.now()
      }).observe(document, { childList: true, subtree: true })
    })
    const at = (what: keyof Marks, from: number) =>
      page
        .waitForFunction(
          ([k, f]) => {
            const v = (window as unknown as Record<string, number | null>)[k as string]
            return v === null || v === undefined ? null : v - (f as number)
          },
          [what, from] as const,
          { timeout: 180_000 },
        )
        .then((h) => h.jsonValue() as Promise<number>)
    const request = (channel: string) =>
      page.evaluate(
        (c) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes(`/api/${c}`))
            .at(-1)?.duration ?? NaN,
        channel,
      )
    console.log(
      `\nReview page in Chromium through the browser host (warm cache; median of ${ROUNDS}, range):`,
    )
    const loads = {
      first: [] as number[],
      rows: [] as number[],
      full: [] as number[],
      summary: [] as number[],
      page: [] as number[],
      run: [] as number[],
    }
    const navs = { first: [] as number[], rows: [] as number[], full: [] as number[] }
    for (let i = 0; i < ROUNDS; i++) {
      // a real load each time (the same address again would only be a hash change)
      await page.goto('about:blank')
      await page.goto(`${app.url}#/review`)
      loads.first.push(await at('__first', 0))
      loads.rows.push(await at('__rows', 0))
      loads.full.push(await at('__full', 0))
      loads.summary.push(await request('review:summary'))
      loads.page.push(await request('review:decisionsPage'))
      loads.run.push(await request('review:run'))
      await page.evaluate(() => (window.location.hash = '#/settings'))
      // the Review page gone from the document before coming back to it
      await page.locator('.review-page').waitFor({ state: 'detached', timeout: 60_000 })
      const from = await page.evaluate(() => {
        const w = window as unknown as Marks
        w.__first = null
        w.__rows = null
        w.__full = null
        const t = performance.now()
        window.location.hash = '#/review'
        return t
      })
      navs.first.push(await at('__first', from))
      navs.rows.push(await at('__rows', from))
      navs.full.push(await at('__full', from))
    }
    const line = (xs: number[]) =>
      `${ms(median(xs))} (${range(xs)}) — ${(median(xs) / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target`
    console.log(`  load of #/review → headline (first content):    ${line(loads.first)}`)
    console.log(`  load of #/review → decisions table, first rows: ${line(loads.rows)}`)
    console.log(`  load of #/review → the whole report (equity):   ${line(loads.full)}`)
    console.log(
      `    requests: review:summary ${ms(median(loads.summary))}, review:decisionsPage ` +
        `${ms(median(loads.page))}, review:run (a job, the whole report) ${ms(median(loads.run))}`,
    )
    console.log(`  Settings → Review → headline (first content):    ${line(navs.first)}`)
    console.log(`  Settings → Review → decisions table, first rows: ${line(navs.rows)}`)
    console.log(`  Settings → Review → the whole report (equity):   ${line(navs.full)}`)
  } finally {
    await browser.close()
    await app.stop()
  }
}
