// Screenshots of the Today page and of a decision panel opened from it, in both themes through
// the browser host, for a person to look at: build the renderer (`npx electron-vite build`),
// then node scripts/screenshots-today.ts [outDir] (default /tmp/shots-today). Each theme gets a
// throwaway journal: a condor whose short call SPX has run through (with a VX hedge layer), a
// quiet one judged by its own ruleset, and an SPXW weekly expiring the next day; the app opens on
// Today (the bundled history ends before today: the stale banner), then the last stored session,
// then the tested row's decision panel prefilled, and Today again after a HOLD was logged; the
// ruleset choice on a position's page and the default in Settings.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { condorInput } from '../test/helpers/builders.ts'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots-today')
mkdirSync(outDir, { recursive: true })
const work = mkdtempSync(join(tmpdir(), 'wingman-shots-today-'))

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
    return r.value as { id: number }
  }
  const condor = (o: Parameters<typeof condorInput>[0]) =>
    call('positions:createIronCondor', condorInput({ underlying: 'SPX', tags: [], ...o }))
  const tested = await condor({
    entryDate: '2026-06-15',
    expiration: '2026-12-18',
    longPut: '6900',
    shortPut: '6950',
    shortCall: '7400',
    longCall: '7450',
    credit: '14.20',
  })
  await call('positions:create', {
    structure: 'future',
    entryDate: '2026-06-16',
    legs: [
      {
        instrumentType: 'future',
        root: 'VX',
        expiration: '2026-07-22',
        quantity: 1,
        price: '18.25',
      },
    ],
    hedgeOf: tested.id,
  })
  const quiet = await condor({
    entryDate: '2026-06-15',
    expiration: '2026-12-18',
    longPut: '6500',
    shortPut: '6550',
    shortCall: '8000',
    longCall: '8050',
    credit: '6.10',
  })
  await call('positions:setRuleset', { id: quiet.id, rulesetId: 'alvh' })
  await condor({
    underlying: 'SPXW',
    entryDate: '2026-07-01',
    expiration: '2026-07-09',
    longPut: '7300',
    shortPut: '7350',
    shortCall: '7600',
    longCall: '7650',
    credit: '2.40',
  })

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`))
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(app.url)
  const shot = (name: string, fullPage = false) =>
    page.screenshot({ path: join(outDir, `today-${name}-${theme}.png`), fullPage })
  const rows = page.locator('tr[data-position]')
  await rows.first().waitFor()
  await shot('landing')
  await page.getByRole('button', { name: /the last stored session/ }).click()
  await page.getByText('data of the 2026-07-08 close').waitFor()
  await shot('last-session')

  await rows.first().focus()
  await page.keyboard.press('Enter')
  const panel = page.getByRole('region', { name: 'Decision' })
  await panel.getByText(/Prefilled from Today/).waitFor()
  await page.waitForTimeout(200)
  await shot('prefilled')
  await panel.getByRole('button', { name: 'Evaluate now' }).click()
  await panel.getByTestId('recommended-action').waitFor()
  await shot('evaluated')
  await panel.getByRole('button', { name: 'Log adjustment…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Log adjustment' })
  await dialog.getByLabel('Action taken').selectOption('HOLD')
  await dialog
    .getByLabel('Reason for overriding the recommendation')
    .fill('The VX layer covers the call side until the CPI print')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByRole('link', { name: '← Today' }).click()
  await page.getByTestId('decided').first().waitFor()
  await shot('decided', true)
  // the position's own ruleset (on its page) and the journal's default (Settings)
  await page.goto(`${app.url}#/positions/${quiet.id}`)
  const own = page.getByLabel('Ruleset of this position')
  await own.locator('option[value="alvh"]').waitFor({ state: 'attached' })
  await page.getByText(/Journal default \(/).waitFor({ state: 'attached' })
  await shot('position-ruleset')
  await page.goto(`${app.url}#/settings`)
  await page
    .getByLabel('Default ruleset')
    .locator('option[value="alvh"]')
    .waitFor({ state: 'attached' })
  await page.getByRole('heading', { name: 'Ruleset' }).scrollIntoViewIfNeeded()
  await shot('settings-ruleset')
  await page.close()
  await app.stop()
}
await browser.close()
console.log(`screenshots in ${outDir}`)
