// Screenshots of the Market page's market-data parts (issue 12) in both themes through the browser
// host, for a person to look at: build the renderer (`npx electron-vite build`), then
// node scripts/screenshots-market.ts [outDir] (default /tmp/shots-market). "Update market data"
// downloads from a stand-in for Cboe's CDN on 127.0.0.1 (test/helpers/publisherServer.ts), never
// the internet. Each theme gets a throwaway journal with the bundled history: the stored series
// with how far behind each is, Today's market with a session typed by hand, the update refused
// while the Settings switch is off, the switch in Settings, and the per-source report of an
// update where one source fails.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { indexPath, startPublisherServer } from '../test/helpers/publisherServer.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots-market')
mkdirSync(outDir, { recursive: true })
const work = mkdtempSync(join(tmpdir(), 'wingman-shots-market-'))
const publisher = await startPublisherServer()
publisher.set(indexPath('VIX6M'), { status: 404, body: 'Not Found' })
process.env.WINGMAN_MARKET_SOURCE_BASE = publisher.origin
process.env.WINGMAN_MARKET_TIMEOUT_MS = '5000'

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const app = await serveApp(join(mkdtempSync(join(work, `${theme}-`)), 'journal.sqlite'))
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`))
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  const shot = (name: string) =>
    page.screenshot({ path: join(outDir, `market-${name}-${theme}.png`) })
  const side = page.getByRole('complementary', { name: 'Stored series' })
  await page.goto(`${app.url}#/market`)
  await page.getByText(/24,745 SPX bars/).waitFor({ timeout: 30_000 })
  await side.getByRole('row', { name: /^VX1 / }).waitFor()
  await shot('stored-series')

  const form = page.getByRole('form', { name: 'Today’s market' })
  await form.getByLabel('Session').fill('2026-07-23')
  for (const [label, value] of [
    ['SPX', '7455.20'],
    ['VIX', '17.85'],
    ['VIX9D', '16.40'],
    ['VIX3M', '19.95'],
    ['VX1', '18.60'],
    ['VX2', '19.70'],
    ['VX3', '20.45'],
    ['NYSE advancing', '1,612'],
    ['NYSE declining', '1,184'],
  ] as const)
    await form.getByLabel(label, { exact: true }).fill(value)
  await form.getByRole('button', { name: 'Keep as the session’s closes' }).click()
  await form.getByText(/Kept as 2026-07-23’s close/).waitFor()
  await page.getByText(/24,746 SPX bars/).waitFor()
  await form.scrollIntoViewIfNeeded()
  await shot('todays-market')

  await page.getByRole('button', { name: 'Update market data' }).click()
  await page.getByText(/Updating market data is switched off/).waitFor()
  await shot('update-off')

  await page.goto(`${app.url}#/settings`)
  const heading = page.getByRole('heading', { name: 'Market data' })
  await heading.waitFor()
  await page.getByText('The files').waitFor()
  await page.getByRole('switch', { name: 'Update market data from the publishers' }).check()
  await page.getByText(/On: “Update market data”/).waitFor()
  await page.getByText('The files').click()
  await heading.scrollIntoViewIfNeeded()
  await shot('settings-switch')

  await page.goto(`${app.url}#/market`)
  await page.getByRole('button', { name: 'Update market data' }).click()
  await page.getByRole('table').filter({ hasText: 'What happened' }).waitFor({ timeout: 60_000 })
  await side.getByRole('row', { name: /^VIX 2026-11-24|^VIX / }).waitFor()
  await page.waitForTimeout(300)
  await shot('update-report')
  await page.close()
  await app.stop()
}
await browser.close()
await publisher.close()
console.log(`screenshots in ${outDir}`)
