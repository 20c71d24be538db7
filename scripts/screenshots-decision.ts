// Screenshots of the position page's payoff panel, decision panel and log-adjustment dialog in
// both themes at 1280 and 1024 px, for a person to look at: `npx electron-vite build`, then
// node scripts/screenshots-decision.ts [outDir]. (The rest of the page: screenshots-position.ts.)
// A throwaway journal gets a condor entered at per-leg prices (IV from its entry prices) and
// one entered at a net price (IV from the VIX term structure), both in the bundled history.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots/decision')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(
  join(mkdtempSync(join(tmpdir(), 'wingman-decision-shots-')), 'journal.sqlite'),
)
const post = async <T = unknown>(channel: string, body: unknown): Promise<T> => {
  const res = await fetch(`${app.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}` },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as { ok: boolean; value?: T; error?: unknown }
  if (!json.ok) throw new Error(`${channel}: ${JSON.stringify(json.error)}`)
  return json.value as T
}

const option = (optionType: 'call' | 'put', strike: string, quantity: number, price?: string) => ({
  instrumentType: 'option',
  root: 'SPX',
  optionType,
  strike,
  expiration: '2026-07-17',
  quantity,
  ...(price ? { price } : {}),
})
// SPX closed at 7599.96 on 2026-06-01; leg prices near Black–Scholes with a put skew.
const { id: perLeg } = await post<{ id: number }>('positions:create', {
  structure: 'iron_condor',
  entryDate: '2026-06-01',
  legs: [
    option('put', '7150', 2, '58.70'),
    option('put', '7200', -2, '61.85'),
    option('call', '7900', -2, '41.50'),
    option('call', '7950', 2, '28.70'),
  ],
  fees: '6.40',
})
// The decision e2e's condor: a net price only; its call side is tested in late June.
const { id: net } = await post<{ id: number }>('positions:create', {
  structure: 'iron_condor',
  entryDate: '2026-06-01',
  legs: [
    option('put', '7150', 2),
    option('put', '7200', -2),
    option('call', '7500', -2),
    option('call', '7550', 2),
  ],
  netPrice: '17.85',
  fees: '5.20',
})
// A live trade: entered inside the history, expiring after today and after the data's end.
const { id: live } = await post<{ id: number }>('positions:create', {
  structure: 'iron_condor',
  entryDate: '2026-06-22',
  legs: [
    { ...option('put', '6900', 1), root: 'SPXW', expiration: '2026-12-18' },
    { ...option('put', '7000', -1), root: 'SPXW', expiration: '2026-12-18' },
    { ...option('call', '8100', -1), root: 'SPXW', expiration: '2026-12-18' },
    { ...option('call', '8150', 1), root: 'SPXW', expiration: '2026-12-18' },
  ],
  netPrice: '32.85',
})

async function open(page: Page, id: number) {
  await page.goto(`${app.url}#/positions/${id}`)
  await page
    .getByRole('table', { name: 'Greeks' })
    .waitFor()
    .catch(async (e: unknown) => {
      await page.screenshot({ path: join(outDir, 'failed-open.png') })
      console.log(await page.locator('main').innerText())
      throw e
    })
  await page.waitForTimeout(400)
}
const payoff = (page: Page) => page.locator('section[aria-labelledby="payoff-title"]')

/** Names every element wider than its box or past the window's right edge. */
async function spills(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = []
    const box = document.querySelector(sel)
    if (!box) return [`${sel} not found`]
    const right = box.getBoundingClientRect().right
    for (const el of box.querySelectorAll<HTMLElement>('*')) {
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.right > right + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} +${Math.round(r.right - right)} px`)
    }
    return out.slice(0, 5)
  }, root)
}

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  for (const width of [1280, 1024]) {
    // Tall enough for each panel whole (the page scrolls inside <main>); dialogs at 900 px.
    const page = await browser.newPage({ viewport: { width, height: 3400 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
    const tag = `${width}-${theme}`

    // Payoff: the per-leg condor on its entry day, then replayed to 2026-06-22.
    await page.setViewportSize({ width, height: 3400 })
    await open(page, perLeg)
    await payoff(page).screenshot({ path: join(outDir, `payoff-entry-${tag}.png`) })
    const date = page.getByRole('slider', { name: /^Date/ })
    await date.focus()
    for (let i = 0; i < 21; i++) await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(200)
    await payoff(page).screenshot({ path: join(outDir, `payoff-replay-${tag}.png`) })
    await open(page, live)
    await payoff(page).screenshot({ path: join(outDir, `payoff-live-${tag}.png`) })
    await open(page, net)
    await payoff(page).screenshot({ path: join(outDir, `payoff-net-${tag}.png`) })

    // Decision panel: the net condor's call side tested on 2026-06-22.
    const panel = page.getByRole('region', { name: 'Decision' })
    await panel.getByLabel('Date', { exact: true }).fill('2026-06-22')
    await panel.getByLabel('Ruleset').selectOption('alvh')
    await panel.getByLabel('Spot (SPX)').fill('7545')
    await panel.getByLabel(/7500 call/).fill('62')
    await panel.getByLabel(/7550 call/).fill('34')
    await panel.getByLabel(/7150 put/).fill('0.5')
    await panel.getByLabel(/7200 put/).fill('0.9')
    await panel.getByRole('button', { name: 'Evaluate now' }).click()
    await panel.getByTestId('recommended-action').waitFor()
    await panel.getByRole('button', { name: 'Show all' }).click()
    const s = await spills(page, 'section.decision-panel')
    if (s.length) console.log(tag, 'decision panel spills:', s.join('; '))
    await panel.screenshot({ path: join(outDir, `decision-panel-${tag}.png`) })

    // Log adjustment: a roll out, overriding the recommendation.
    await page.setViewportSize({ width, height: 900 })
    await panel.getByRole('button', { name: 'Log adjustment…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Log adjustment' })
    await dialog.waitFor()
    await dialog.getByLabel('Action taken').selectOption('ROLL_OUT')
    await dialog.getByLabel(/Close price of .*7500 call/).fill('60.10')
    await dialog.getByLabel(/Close price of .*7550 call/).fill('32.40')
    await dialog.getByLabel('Strike of new leg 1').fill('7650')
    await dialog.getByLabel('Strike of new leg 2').fill('7700')
    await dialog.getByLabel('Expiration of new leg 1').fill('2026-08-21')
    await dialog.getByLabel('Price of new leg 1').fill('48')
    await dialog.getByLabel('Fees (total, $)').fill('10.40')
    const d = await spills(page, 'dialog[open] form')
    if (d.length) console.log(tag, 'dialog spills:', d.join('; '))
    await page.screenshot({ path: join(outDir, `log-dialog-${tag}.png`) })
    // Saving with a missing expiry, price and reason: the refusals beside their fields.
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.getByRole('alert').first().waitFor()
    await page.waitForTimeout(200)
    await page.screenshot({ path: join(outDir, `log-dialog-refused-${tag}.png`) })
    await page.keyboard.press('Escape')

    if (errors.length) console.log(tag, 'console errors:', errors)
    await page.close()
  }
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
