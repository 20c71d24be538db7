// Screenshots of the "Export…" dialog in both themes through the browser host, for a person to
// look at: build the renderer (`npx electron-vite build`), then
// node scripts/screenshots-export.ts [outDir] (default /tmp/shots-export). Each theme gets a
// throwaway journal (the tastytrade scenario file and an open condor): the Positions page's
// dialog under a filter, after the listed summary was downloaded, after the whole journal was,
// and a position's page export.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { condorInput } from '../test/helpers/builders.ts'
import { launchChromium } from '../test/helpers/browser.ts'
import { REPO_ROOT, serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots-export')
mkdirSync(outDir, { recursive: true })
const fixture = resolve(REPO_ROOT, 'test/fixtures/brokers/tastytrade/current-21.csv')
const work = mkdtempSync(join(tmpdir(), 'wingman-shots-export-'))

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const app = await serveApp(join(mkdtempSync(join(work, `${theme}-`)), 'journal.sqlite'))
  const call = async (channel: string, body: unknown) => {
    const res = await fetch(`${app.origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}` },
      body: JSON.stringify(body),
    })
    const r = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown }
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`)
    return r.value
  }
  await call('trades:import', {
    fileName: 'current-21.csv',
    content: readFileSync(fixture, 'utf8'),
  })
  await call('positions:createIronCondor', condorInput())

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`))
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(`${app.url}#/positions?status=closed&underlying=SPX`)
  const shot = (name: string) =>
    page.screenshot({ path: join(outDir, `export-${name}-${theme}.png`) })
  const dialog = page.getByRole('dialog', { name: 'Export' })
  const open = async () => {
    await page.getByRole('button', { name: 'Export…' }).click()
    await dialog.waitFor()
  }
  await page.locator('.vtable-row').first().waitFor()

  await open()
  await dialog.getByRole('radio', { name: /^The 2 listed/ }).waitFor()
  await shot('choices')
  await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  await dialog.getByRole('status').waitFor()
  await shot('listed-done')
  await page.keyboard.press('Escape')

  await open()
  await dialog.getByRole('radio', { name: /^The whole journal/ }).check()
  await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click(),
  ])
  await dialog.getByRole('status').waitFor()
  await shot('journal-done')
  await page.keyboard.press('Escape')

  await page.locator('.vtable-row').first().dblclick()
  await page.getByRole('table', { name: 'Fills' }).waitFor()
  await open()
  await shot('position')
  await page.close()
  await app.stop()
}
await browser.close()
console.log(`screenshots in ${outDir}`)
