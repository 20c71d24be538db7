// Screenshots of the Review page for a person to look at: `npx electron-vite build`, then
// node scripts/screenshots-review.ts [outDir] (default /tmp/shots/review). A throwaway journal
// gets issue 10's scenario (a roll, an overridden close, a hold to a real expiry) and a few more
// condors across 2025–2026 — a loss closed in the April 2025 sell-off, a profit taken early, one
// still open (model values) — so the curve and the calendar have some shape. The page is shot in
// both themes at 1280 and 1024 px wide: the top, a selected decision with its paths, the groups;
// then the first content while the review runs (its decisions' first page) and the empty state
// of a new journal.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../test/helpers/browser.ts'
import { condorInput } from '../test/helpers/builders.ts'
import { httpCall, reviewScenario, type Call } from '../test/helpers/reviewScenario.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots/review')
mkdirSync(outDir, { recursive: true })
const tmp = mkdtempSync(join(tmpdir(), 'wingman-shots-review-'))
const app = await serveApp(join(tmp, 'j.sqlite'))
const empty = await serveApp(join(tmp, 'empty.sqlite'))
const call = httpCall(app.origin, app.token)

await reviewScenario(call)

/** A condor × 1 with one decision logged on `date` (marks per strike), optionally closed there. */
async function condorWithDecision(
  c: Call,
  o: {
    entry: string
    expiry: string
    strikes: [string, string, string, string]
    credit: string
    date: string
    marks: [number, number, number, number]
    taken: 'HOLD' | 'CLOSE_ALL'
    tags: string[]
  },
): Promise<number> {
  const { id } = await c(
    'positions:createIronCondor',
    condorInput({
      entryDate: o.entry,
      expiration: o.expiry,
      longPut: o.strikes[0],
      shortPut: o.strikes[1],
      shortCall: o.strikes[2],
      longCall: o.strikes[3],
      quantity: 1,
      credit: o.credit,
      fees: '2.6',
      tags: o.tags,
    }),
  )
  const legs = (await c('positions:get', { id })).legs
  const marks = Object.fromEntries(legs.map((l) => [l.id, o.marks[o.strikes.indexOf(l.strike!)]!]))
  await c('adjustments:log', {
    kind: o.taken === 'HOLD' ? 'other' : 'close',
    occurredOn: o.date,
    closes:
      o.taken === 'HOLD'
        ? []
        : legs.map((l) => ({ legId: l.id, quantity: 1, price: String(marks[l.id]) })),
    decision: {
      inputs: { positionId: id, date: o.date, rulesetId: 'mechanical-wing', marks },
      actionTaken: o.taken,
      ...(o.taken === 'HOLD' ? {} : { reason: 'Stop at 2× credit' }),
    },
  })
  return id
}

// Closed in the April 2025 sell-off, the put side deep in the money.
await condorWithDecision(call, {
  entry: '2025-03-03',
  expiry: '2025-04-17',
  strikes: ['5500', '5550', '6150', '6200'],
  credit: '4.5',
  date: '2025-04-04',
  marks: [430, 478, 0.05, 0.05],
  taken: 'CLOSE_ALL',
  tags: ['monthly'],
})
// Held to a June 2025 expiry, out of the money.
const held = await condorWithDecision(call, {
  entry: '2025-06-02',
  expiry: '2025-06-20',
  strikes: ['5600', '5650', '6250', '6300'],
  credit: '3',
  date: '2025-06-13',
  marks: [0.2, 0.35, 0.4, 0.15],
  taken: 'HOLD',
  tags: ['weekly'],
})
await call('positions:expire', { positionIds: [held] })
// Profit taken early in September 2025.
await condorWithDecision(call, {
  entry: '2025-09-02',
  expiry: '2025-09-19',
  strikes: ['6100', '6150', '6700', '6750'],
  credit: '3.5',
  date: '2025-09-05',
  marks: [0.5, 0.8, 1.2, 0.4],
  taken: 'CLOSE_ALL',
  tags: ['weekly'],
})
// Still open past the last stored session: every figure of its decision is a model value.
await condorWithDecision(call, {
  entry: '2026-06-15',
  expiry: '2026-07-17',
  strikes: ['7200', '7250', '7800', '7850'],
  credit: '4.2',
  date: '2026-06-23',
  marks: [3.1, 4.3, 1.1, 0.5],
  taken: 'HOLD',
  tags: ['monthly'],
})

const browser = await launchChromium()
/** Scrolls the page so that `selector` is at the top of the view. */
const scrollTo = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'start' }))

for (const theme of ['dark', 'light']) {
  for (const width of [1280, 1024]) {
    const page = await browser.newPage({ viewport: { width, height: width === 1024 ? 768 : 800 } })
    await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
    const shot = (name: string) =>
      page.screenshot({ path: join(outDir, `${name}-${width}-${theme}.png`) })
    await page.goto(`${app.url}#/review`)
    await page
      .getByRole('table', { name: 'Decisions', exact: true })
      .getByRole('row')
      .nth(3)
      .waitFor()
    await page.locator('.equity-chart canvas').first().waitFor()
    await page.waitForTimeout(300)
    await shot('review-top')
    await scrollTo(page, '.equity')
    await shot('review-equity')
    // The roll: the row whose action taken is ROLL_UP_CALL.
    await page
      .getByRole('table', { name: 'Decisions', exact: true })
      .getByRole('row')
      .filter({ hasText: 'ROLL_UP_CALL' })
      .click()
    await page.mouse.move(0, 0) // no crosshair in the shot
    await page.locator('.path-chart canvas').first().waitFor()
    await page.waitForTimeout(300)
    await scrollTo(page, '.review-decisions')
    await shot('review-decision')
    await scrollTo(page, '.decision-detail')
    await shot('review-paths')
    await page.getByLabel('Group decisions by').selectOption('followed')
    await scrollTo(page, '.review-groups')
    await shot('review-groups')
    if (width === 1024) {
      await page.locator('.vtable-body').evaluate((el) => (el.scrollLeft = 600))
      await scrollTo(page, '.review-decisions')
      await shot('review-decisions-scrolled')
    }
    await page.close()
  }
  // The first content while the review's job runs (held back here): the headline, the groups
  // and the decisions' first page from the cache (the review above filled it).
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
    await page.route('**/api/review:run', () => {})
    await page.goto(`${app.url}#/review`)
    await page.locator('.review-decisions .vtable-row').first().waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(outDir, `review-first-1280-${theme}.png`) })
    await page.close()
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(`${empty.url}#/review`)
  await page.locator('.review-empty').waitFor()
  await page.screenshot({ path: join(outDir, `review-empty-1280-${theme}.png`) })
  await page.goto(`${app.url}#/review?from=2026-01-01&to=2026-03-01&action=HOLD`)
  await page.reload()
  await page.locator('.review-empty').waitFor()
  await page.screenshot({ path: join(outDir, `review-empty-range-1280-${theme}.png`) })
  await page.close()
}
await browser.close()
await app.stop()
await empty.stop()
console.log(`screenshots in ${outDir}`)
