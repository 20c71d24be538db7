// Screenshots of the New position dialog in both themes through the browser host, for a person
// to look at: `npx electron-vite build`, then node scripts/screenshots-newposition.ts [outDir].
// A throwaway journal gets one condor, so the hedge-layer choice has a position to offer.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'
import { condorInput } from '../test/helpers/builders.ts'

const outDir = resolve(process.argv[2] ?? '.tmp/screens')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(join(mkdtempSync(join(tmpdir(), 'wingman-shots-np-')), 'journal.sqlite'))
await fetch(`${app.origin}/api/positions:createIronCondor`, {
  method: 'POST',
  headers: { authorization: `Bearer ${app.token}` },
  body: JSON.stringify(condorInput()),
})

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  // the list's own address: with open positions the app lands on Today
  await page.goto(`${app.url}#/positions`)
  const shot = (name: string) => page.screenshot({ path: join(outDir, `${name}-${theme}.png`) })
  const dialog = page.getByRole('dialog', { name: 'New position' })
  const leg = (n: number) => dialog.getByRole('group', { name: new RegExp(`^Leg ${n}\\b`) })
  const openDialog = async (structure: string) => {
    await page.getByRole('button', { name: 'New position' }).click()
    await dialog.getByLabel('Structure').selectOption(structure)
  }
  const close = async (p: Page) => {
    await p.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  }

  // A put credit spread with an off-grid strike (a warning) typed in.
  await openDialog('put_credit_spread')
  await dialog.getByLabel('Entry date').fill('2026-11-20')
  await dialog.getByLabel('Expiration').fill('2026-12-18')
  await dialog.getByLabel('Quantity').fill('3')
  await leg(1).getByLabel('Strike').fill('6402.5')
  await leg(2).getByLabel('Strike').fill('6450')
  await dialog.getByLabel('Net price').fill('1.45')
  await shot('put-spread')

  // The same spread refused: a holiday, strikes out of order, a net price above the width.
  await dialog.getByLabel('Entry date').fill('2026-11-26')
  await leg(1).getByLabel('Strike').fill('6500')
  await dialog.getByLabel('Net price').fill('60')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await dialog.getByRole('alert').first().waitFor()
  await shot('errors')
  await close(page)

  // A broken wing butterfly: the 1/−2/1 ratios shown per leg.
  await openDialog('broken_wing_butterfly')
  await dialog.getByLabel('Expiration').fill('2026-12-18')
  await shot('bwb')
  await close(page)

  // A VX future as a hedge layer of the condor.
  await openDialog('future')
  await dialog.getByLabel('Attach to').selectOption({ index: 1 })
  await dialog.getByLabel('Expiration').fill('2026-12-16')
  await leg(1).getByLabel('Entry price').fill('18.25')
  await shot('vx-hedge')
  await close(page)

  // Custom: a VIX call and a VX future, legs added by hand.
  await openDialog('custom')
  await leg(1).getByLabel('Type').selectOption('call')
  await leg(1).getByLabel('Root').selectOption('VIX')
  await dialog.getByRole('button', { name: '+ Add leg' }).click()
  await leg(2).getByLabel('Type').selectOption('future')
  await shot('custom')
  await close(page)
  await page.close()
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
