/**
 * Today benchmark (run by `npm run bench`; issue 16, point 6): a journal of 50 open SPX iron
 * condors, each with a VX future as its hedge layer, made through the contract
 * (`positions:createIronCondor`, `positions:create` with `hedgeOf`). Printed, for the last
 * stored session (every signal of every position computed) and for today (past the bundled
 * history on this machine: no close of its session, so no spot and no penetration):
 *   - the `today:list` service (`todayReport`, the same function the contract and
 *     `wingman today` call): the median of several calls with the range, and per position;
 *   - in headless Chromium through the browser host (`npm run build` first): the time from
 *     navigation to the 50 Today rows in the page — a load of `#/today` (the app's bundle
 *     included) and an in-app navigation (Positions → Today), with the `today:list` request's
 *     share — against the 300 ms target;
 *   - where the service's time goes (a CPU profile of a few calls, self time by function).
 * Figures only; never fails on a number. The Chromium part is skipped without a Chromium.
 */
import { Session } from 'node:inspector/promises'
import { mkdtempSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { MarkService } from '../../electron/core/services/marks.ts'
import { SignalService } from '../../electron/core/services/signals.ts'
import { todayReport } from '../../electron/core/services/today.ts'
import { spxMonthlyExpiry, vixExpiriesAfter } from '../../shared/calendar/expiries.ts'
import { nyDateOf } from '../../shared/dates.ts'
import { chromiumPath, launchChromium } from '../helpers/browser.ts'
import { condorInput } from '../helpers/builders.ts'
import { openTestJournal } from '../helpers/journal.ts'
import { serveApp } from '../helpers/serve.ts'

const POSITIONS = Number(process.env.TODAY_BENCH_POSITIONS ?? 50)
const ROUNDS = 7
const TARGET_MS = 300

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`
const ratio = (x: number) => `${(x / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target`

// ---------------------------------------------------------------------------- the journal
// The browser host runs on the machine's clock, so the positions must be open today: monthly
// expiries after today, opened in June 2026 (the bundled SPX history ends 2026-07-08 at
// 7482.71, so the latest stored session is the same whatever today is).
const today = nyDateOf(new Date())
const [y, m] = today.split('-').map(Number) as [number, number]
const expiries = [1, 2, 3].map((k) =>
  spxMonthlyExpiry(y + Math.floor((m - 1 + k) / 12), ((m - 1 + k) % 12) + 1),
)
const vxExpiry = vixExpiriesAfter(today, 1)[0]!
const dir = mkdtempSync(join(tmpdir(), 'wingman-today-bench-'))
const t0 = performance.now()
const journal = openTestJournal(dir, new Date())
for (let i = 0; i < POSITIONS; i++) {
  // Strikes spread around the last SPX close: about half of the call wings run through (the
  // tested group, sorted by penetration), the rest quiet.
  const shortCall = 7300 + 25 * (i % 20)
  const shortPut = shortCall - 600 - 25 * (i % 7)
  const { id } = await journal.call(
    'positions:createIronCondor',
    condorInput({
      underlying: 'SPX',
      entryDate: '2026-06-15',
      expiration: expiries[i % expiries.length]!,
      longPut: String(shortPut - 50),
      shortPut: String(shortPut),
      shortCall: String(shortCall),
      longCall: String(shortCall + 50),
      quantity: 1 + (i % 3),
      credit: '12.5',
      fees: '2.6',
      tags: [],
    }),
  )
  await journal.call('positions:create', {
    structure: 'future',
    entryDate: '2026-06-16',
    legs: [
      {
        instrumentType: 'future',
        root: 'VX',
        expiration: vxExpiry,
        quantity: 1,
        price: '18.25',
      },
    ],
    hedgeOf: id,
  })
}
const db = journal.db
console.log(
  `journal: ${POSITIONS} open SPX iron condors, each with a VX future hedge layer, made in ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s; today ${today}` +
    ` (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0]!.toFixed(1)})`,
)

// ---------------------------------------------------------------------------- the service
// Two dates: the last stored session, where every signal of every position is computed (spot,
// penetration, greeks from the marks), and today, which on a machine whose clock is past the
// bundled history has no close of its session (see the report below).
const signals = new SignalService(db)
const marks = new MarkService(db)
const lastSession = todayReport(db, signals, marks, { date: today }).dataDate ?? today
const dates: [string, string][] = [
  [lastSession, 'the last stored session'],
  ...(lastSession === today ? [] : [[today, 'today'] as [string, string]]),
]

function measure(date: string) {
  // A fresh SignalService and MarkService per call pay for loading the stored history (as the
  // first call of a journal session does); the app keeps them for the session.
  const coldStart = performance.now()
  const first = todayReport(db, new SignalService(db), new MarkService(db), { date })
  const coldMs = performance.now() - coldStart
  const kept: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now()
    todayReport(db, signals, marks, { date })
    kept.push(performance.now() - t)
  }
  return { first, coldMs, kept }
}

console.log(`
today:list service (todayReport), ${POSITIONS} positions, median of ${ROUNDS}:`)
for (const [date, what] of dates) {
  const { first, coldMs, kept } = measure(date)
  const groups = Object.entries(
    first.rows.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.group]: (acc[r.group] ?? 0) + 1 }),
      {},
    ),
  )
  const priced = first.rows.filter((r) => r.callWingPenetration !== null).length
  console.log(
    `  ${date} (${what}): ${first.rows.length} rows (${groups.map(([g, n]) => `${n} ${g}`).join(', ')}), ` +
      `${priced} with a spot and penetration, ${first.rows.reduce((n, r) => n + r.hedgeLayers, 0)} hedge layers`,
  )
  console.log(
    `    services kept (as the app does): ${ms(median(kept))} (${range(kept)}), ` +
      `${ms(median(kept) / POSITIONS)} per position — ${ratio(median(kept))}`,
  )
  console.log(`    fresh services (history loaded): ${ms(coldMs)}`)
}

// ---------------------------------------------------------------------------- CPU profile
interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
{
  const PROFILED = 5
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  for (let i = 0; i < PROFILED; i++) todayReport(db, signals, marks, { date: lastSession })
  const { profile } = (await session.post('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  session.disconnect()
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / PROFILED),
  )
  const byFn = new Map<string, number>()
  const byFile = new Map<string, number>()
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0
    if (!t || n.callFrame.url.startsWith('node:inspector') || n.callFrame.functionName === '(idle)')
      continue
    const file = n.callFrame.url.replace(/^.*\/(electron|shared|test)\//, '$1/')
    const name = n.callFrame.functionName
    // Frames without a script are native: SQLite inside better-sqlite3, Intl, JSON…
    const fn = n.callFrame.url
      ? `${name || '(anonymous)'} ${file.split('/').pop()}:${n.callFrame.lineNumber + 1}`
      : name.startsWith('(')
        ? name
        : `${name || '(anonymous)'} — native (SQLite in better-sqlite3, Intl, JSON…)`
    byFn.set(fn, (byFn.get(fn) ?? 0) + t)
    const f = n.callFrame.url ? file : name.startsWith('(') ? name : 'native code'
    byFile.set(f, (byFile.get(f) ?? 0) + t)
  }
  const top = (map: Map<string, number>, k: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, k)
  console.log(
    `\nwhere the service's time goes (CPU profile of ${PROFILED} calls, self time per call):`,
  )
  for (const [name, t] of top(byFn, 14)) console.log(`  ${ms(t).padStart(9)}  ${name}`)
  console.log('  by file:')
  for (const [name, t] of top(byFile, 10)) console.log(`  ${ms(t).padStart(9)}  ${name}`)
}
db.close()

// ---------------------------------------------------------------------------- the page
if (!chromiumPath()) {
  console.log('\nToday page: skipped (no Chromium; apt-get install chromium)')
  process.exit(0)
}
const app = await serveApp(join(dir, 'journal.sqlite'))
const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  // Records, in the page's own clock (0 = navigation start), when the Today table first holds
  // every row: a MutationObserver runs right after the DOM change that adds the last one.
  await page.addInitScript((n: number) => {
    const w = window as unknown as { __rowsAt: number | null; __from: number }
    w.__rowsAt = null
    w.__from = 0
    new MutationObserver(() => {
      if (w.__rowsAt === null && document.querySelectorAll('tr[data-position]').length >= n)
        w.__rowsAt = performance.now()
    }).observe(document, { childList: true, subtree: true })
  }, POSITIONS)
  const rowsAt = () =>
    page.waitForFunction(
      () => {
        const w = window as unknown as { __rowsAt: number | null; __from: number }
        return w.__rowsAt === null ? null : w.__rowsAt - w.__from
      },
      undefined,
      { timeout: 60_000 },
    )
  /** The page's last `today:list` request (resource timing), in ms. */
  const requestMs = () =>
    page.evaluate(() => {
      const r = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/today:list'))
        .at(-1)
      return r ? r.duration : NaN
    })
  console.log(
    `\nToday page in Chromium, ${POSITIONS} rows (median of 5, range; in brackets the today:list request):`,
  )
  for (const [date, what] of dates) {
    const hash = date === today ? '#/today' : `#/today?date=${date}`
    const loads: number[] = []
    const loadRequests: number[] = []
    const navigations: number[] = []
    const navRequests: number[] = []
    for (let i = 0; i < 5; i++) {
      await page.goto(`${app.url}${hash}`)
      loads.push((await (await rowsAt()).jsonValue()) as number)
      loadRequests.push(await requestMs())
      await page.evaluate(() => (window.location.hash = '#/positions'))
      await page.locator('.vtable-row').first().waitFor()
      await page.evaluate((h) => {
        const w = window as unknown as { __rowsAt: number | null; __from: number }
        performance.clearResourceTimings()
        w.__rowsAt = null
        w.__from = performance.now()
        window.location.hash = h
      }, hash)
      navigations.push((await (await rowsAt()).jsonValue()) as number)
      navRequests.push(await requestMs())
    }
    console.log(`  ${date} (${what}):`)
    console.log(
      `    load of ${hash} → rows rendered:  ${ms(median(loads))} (${range(loads)}) [${ms(median(loadRequests))}] — ${ratio(median(loads))}`,
    )
    console.log(
      `    Positions → Today → rows rendered: ${ms(median(navigations))} (${range(navigations)}) [${ms(median(navRequests))}] — ${ratio(median(navigations))}`,
    )
  }
} finally {
  await browser.close()
  await app.stop()
}
