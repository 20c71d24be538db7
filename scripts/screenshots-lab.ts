// Screenshots of the Lab page and a trade replay for a person to look at: `npm run build`, then
// node scripts/screenshots-lab.ts [outDir] (default /tmp/shots/lab). A throwaway journal; the
// run is set up and started through the page (alvh, mechanical-wing and hold-to-expiry over
// 2022, a year with a bear market in it): the setup with its progress bar, the results top to
// bottom, the trade the rulesets disagreed most on replayed, then a refused setup — each in
// both themes at 1280 px (and the results at 1024 px).
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots/lab')
mkdirSync(outDir, { recursive: true })
const tmp = mkdtempSync(join(tmpdir(), 'wingman-shots-lab-'))
const app = await serveApp(join(tmp, 'j.sqlite'))
const browser = await launchChromium()

/** Scrolls the page so that `selector` is at the top of the view. */
const scrollTo = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }))

let runId: number | null = null
for (const theme of ['dark', 'light']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(120_000)
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  const shot = (name: string, width = 1280) =>
    page.screenshot({ path: join(outDir, `${name}-${width}-${theme}.png`) })
  await page.goto(`${app.url}#/lab`)
  await page.getByRole('form', { name: 'Set up a run' }).waitFor()
  if (runId === null) {
    // The first theme runs it through the page, and shoots the bar while it works.
    await page.getByLabel('First entry').fill('2022-01-03')
    await page.getByLabel('Last day').fill('2022-12-30')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await page.getByRole('progressbar', { name: 'Lab run' }).waitFor()
    await page.waitForTimeout(700)
    await shot('lab-running')
    await page.waitForURL(/#\/lab\?run=\d+/)
    runId = Number(/run=(\d+)/.exec(page.url())![1])
  } else {
    await page.goto(`${app.url}#/lab?run=${runId}`)
    await page.reload()
  }
  await page.locator('.lab-equity-chart canvas').first().waitFor()
  await page.mouse.move(0, 0)
  await page.waitForTimeout(400)
  await page.locator('.lab-page').evaluate((el) => el.scrollTo(0, 0))
  await shot('lab-top')
  for (const [name, selector] of [
    ['lab-results', '.lab-results'],
    ['lab-equity', '.lab-equity'],
    ['lab-groups', '.lab-groups'],
    ['lab-distribution', '.lab-distribution'],
    ['lab-disagreements', '.lab-disagreements'],
  ] as const) {
    await scrollTo(page, selector)
    await page.evaluate(() => document.querySelector('.lab-page')?.scrollBy(0, -40))
    await shot(name)
  }
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.waitForTimeout(300)
  await scrollTo(page, '.lab-results')
  await shot('lab-results', 1024)
  await page.setViewportSize({ width: 1280, height: 900 })

  // The widest disagreement, replayed.
  await page.locator('.lab-disagreements tbody a').first().click()
  await page.locator('.lab-replay-chart canvas').first().waitFor()
  await page.mouse.move(0, 0)
  await page.waitForTimeout(400)
  await shot('lab-replay-top')
  await scrollTo(page, '.lab-replay-charts')
  await shot('lab-replay-charts')
  await scrollTo(page, '.lab-days')
  await shot('lab-replay-days')

  // A refused setup: no ruleset ticked, the period backwards.
  await page.goto(`${app.url}#/lab`)
  await page.getByRole('form', { name: 'Set up a run' }).waitFor()
  const ticked = page.getByRole('checkbox', { checked: true })
  while ((await ticked.count()) > 0) await ticked.first().uncheck()
  await page.getByLabel('First entry').fill('2023-06-01')
  await page.getByLabel('Last day').fill('2023-01-01')
  await page.getByLabel('Wing width (points)').fill('52')
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await page.locator('.field-error').first().waitFor()
  await shot('lab-refused')
  await page.close()
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
