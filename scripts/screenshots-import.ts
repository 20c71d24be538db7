// Screenshots of the "Import trades…" dialog in both themes through the browser host, for a
// person to look at: build the renderer (`npx electron-vite build`), then
// node scripts/screenshots-import.ts [outDir] (default /tmp/shots-import). Each theme gets a
// throwaway journal: the preview of the tastytrade scenario file, the same file with an
// unreadable row, the dialog after Import and the same file again.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { REPO_ROOT, serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots-import')
mkdirSync(outDir, { recursive: true })
const fixture = resolve(REPO_ROOT, 'test/fixtures/brokers/tastytrade/current-21.csv')
const work = mkdtempSync(join(tmpdir(), 'wingman-shots-import-'))
const broken = join(work, 'tastytrade-with-bad-rows.csv')
{
  const [header, ...rows] = readFileSync(fixture, 'utf8').split('\n')
  const bad = (date: string, order: string) =>
    `${date},Trade,Sell to Open,SELL_TO_OPEN,SPXW  250613C06000000,Equity Option,Sold 2,1.00,2,` +
    `0.50,-2.00,-1.32,100,SPXW,SPX,6/13/25,6000,CALL,${order},-2.32,USD`
  writeFileSync(
    broken,
    [header, bad('yesterday', '1'), bad('2025-13-40T10:00:00-0400', '2'), ...rows].join('\n'),
  )
}

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const app = await serveApp(join(mkdtempSync(join(work, `${theme}-`)), 'journal.sqlite'))
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`))
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(app.url)
  const shot = (name: string) =>
    page.screenshot({ path: join(outDir, `import-${name}-${theme}.png`) })
  const dialog = page.getByRole('dialog', { name: 'Import trades' })
  const open = async () => {
    await page.getByRole('button', { name: 'Import trades…' }).click()
    await dialog.waitFor()
  }

  await open()
  // a zone typed by hand (any file's times without an offset would be read in it)
  await dialog.getByLabel('Time zone of the statement').selectOption('other')
  await dialog.getByLabel('Time zone name').fill('America/Phoenix')
  await shot('empty')
  await page.keyboard.press('Enter')
  await dialog.getByLabel('Trade file').setInputFiles(broken)
  await dialog.getByRole('list', { name: 'Rows that could not be read' }).waitFor()
  await shot('rejected')
  await dialog.getByLabel('Trade file').setInputFiles(fixture)
  await dialog.getByText(/^Detected: /).waitFor()
  await dialog.getByText(/0 not readable$/).waitFor()
  await shot('preview')
  await dialog.getByRole('button', { name: 'Import' }).click()
  await dialog.getByText(/^Imported /).waitFor()
  await shot('imported')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await open()
  await dialog.getByLabel('Trade file').setInputFiles(fixture)
  await dialog.getByText(/^0 new executions/).waitFor()
  await shot('again')
  await page.close()
  await app.stop()
}
await browser.close()
console.log(`screenshots in ${outDir}`)
