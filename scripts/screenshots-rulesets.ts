// Screenshots of the Rulesets page in both themes through the browser host, for a person to look
// at: `npx electron-vite build`, then node scripts/screenshots-rulesets.ts [outDir]. A throwaway
// journal gets one iron condor and one logged decision so the dry-run has something to replay.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'
import { june2026Condor } from '../test/helpers/builders.ts'

const outDir = resolve(process.argv[2] ?? '.tmp/screens')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(join(mkdtempSync(join(tmpdir(), 'wingman-shots-rs-')), 'journal.sqlite'))
const post = async (channel: string, body: unknown) => {
  const r = (await (
    await fetch(`${app.origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}` },
      body: JSON.stringify(body),
    })
  ).json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
  return r.value
}

const { id: positionId } = (await post(
  'positions:createIronCondor',
  june2026Condor({ quantity: 1, credit: '6.5' }),
)) as { id: number }
// Spot 7545 puts the call side 90% through its wing: the mechanical rule closes the call spread.
await post('adjustments:log', {
  kind: 'other',
  occurredOn: '2026-06-22',
  decision: {
    inputs: { positionId, date: '2026-06-22', rulesetId: 'mechanical-wing', live: { spot: 7545 } },
    actionTaken: 'CLOSE_CALL_SPREAD',
  },
})

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[${theme}] console: ${m.text()}`)
  })
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)

  await page.goto(`${app.url}#/rulesets`)
  await page.getByRole('heading', { name: 'Adaptive Layered VIX Hedge' }).waitFor()
  await page.screenshot({ path: join(outDir, `rulesets-list-${theme}.png`) })

  await page.getByRole('link', { name: /Mechanical wing/ }).click()
  await page.getByRole('heading', { name: 'Mechanical wing' }).waitFor()
  await page.getByRole('link', { name: /Adaptive Layered VIX Hedge/ }).click()
  await page.getByRole('heading', { name: 'Adaptive Layered VIX Hedge' }).waitFor()
  await page.screenshot({ path: join(outDir, `rulesets-alvh-${theme}.png`) })
  // The page scrolls inside its main column: show the last rules and the predicates too.
  await page.locator('.rs-main').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await page.screenshot({ path: join(outDir, `rulesets-alvh-end-${theme}.png`) })

  // A copy to edit (one per theme: ids must be unique).
  await page.getByRole('link', { name: /Mechanical wing/ }).click()
  await page.getByRole('button', { name: 'Duplicate…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('New id').fill(`my-wing-${theme}`)
  await dialog.getByLabel('Name').fill(`My wing (${theme})`)
  await page.screenshot({ path: join(outDir, `rulesets-duplicate-${theme}.png`) })
  await dialog.getByRole('button', { name: 'Duplicate' }).click()
  const json = page.getByLabel('Ruleset JSON')
  await json.waitFor()
  const text = await json.inputValue()
  await json.fill(
    text
      .replace('"call_wing_penetration"', '"call_wing_penetraton"')
      .replace('"priority": 20', '"priority": 10'),
  )
  await page.getByText('✗ 2 problems').waitFor()
  await page.screenshot({ path: join(outDir, `rulesets-edit-error-${theme}.png`) })

  await json.fill(text)
  await page.getByText('✓ Valid ruleset').waitFor()
  await page.getByLabel('close_threshold').fill('0.95')
  await page.getByRole('button', { name: 'Save as v2' }).click()
  await page.getByText('Saved as version 2.').waitFor()

  await page.getByRole('tab', { name: 'Dry run' }).click()
  await page.getByRole('button', { name: 'Dry-run v2' }).click()
  await page.getByText(/0 of 1 decision agrees/).waitFor()
  await page.screenshot({ path: join(outDir, `rulesets-dryrun-${theme}.png`) })

  // Unsaved edits, then a click on another page: the question before leaving.
  await page.getByRole('tab', { name: /Edit JSON/ }).click()
  await page.getByLabel('close_threshold').fill('0.9')
  await page.getByRole('link', { name: 'Market' }).click()
  await page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor()
  await page.screenshot({ path: join(outDir, `rulesets-leave-${theme}.png`) })
  await page.close()
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
