// Screenshots of long work's progress bars for a person to look at: `npx electron-vite build`,
// then node scripts/screenshots-jobs.ts DEMO_JOURNAL [outDir] (default /tmp/shots/jobs). A copy
// of a big journal (e.g. `wingman demo --positions 100000`) has its caches marked stale, so the
// Positions page shows the list being updated in a worker and the Review page its review job;
// each is shot mid-job in both themes.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const source = process.argv[2]
if (!source) throw new Error('usage: node scripts/screenshots-jobs.ts DEMO_JOURNAL [outDir]')
const outDir = resolve(process.argv[3] ?? '/tmp/shots/jobs')
mkdirSync(outDir, { recursive: true })
const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const path = join(mkdtempSync(join(tmpdir(), 'wingman-shots-jobs-')), 'j.sqlite')
  copyFileSync(source, path)
  const db = new Database(path)
  db.exec('UPDATE position_list SET stale = 1; UPDATE review_positions SET stale = 1')
  db.close()
  const app = await serveApp(path, 120_000)
  const page = await browser.newPage({ viewport: { width: 1280, height: 640 } })
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(`${app.url}#/positions?status=all`)
  await page.getByRole('progressbar', { name: 'Updating the positions list' }).waitFor()
  await page.waitForFunction(() =>
    document.querySelector('[aria-label="Updating the positions list"][aria-valuenow]'),
  )
  await page.screenshot({ path: join(outDir, `positions-updating-${theme}.png`) })
  await page.getByRole('table', { name: 'Positions' }).getByRole('row').nth(3).waitFor({
    timeout: 180_000,
  })
  await page.goto(`${app.url}#/review`)
  await page.getByRole('progressbar', { name: 'Running the review' }).waitFor()
  await page.waitForFunction(() =>
    document.querySelector('[aria-label="Running the review"][aria-valuenow]'),
  )
  await page.screenshot({ path: join(outDir, `review-running-${theme}.png`) })
  await page.close()
  await app.stop()
}
await browser.close()
console.log(`screenshots in ${outDir}`)
