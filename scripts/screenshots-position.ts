// Screenshots of the position page in both themes at 1280 and 1024 px, for a person to look at:
// `npx electron-vite build`, then node scripts/screenshots-position.ts [outDir]. A throwaway
// journal gets a condor rolled up with a VX hedge layer (a mark entered, a fill corrected, notes
// edited) and a voided condor; the dialogs of the page are shot at 1024 px too.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '.tmp/screens')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(
  join(mkdtempSync(join(tmpdir(), 'wingman-pos-shots-')), 'journal.sqlite'),
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

const option = (optionType: 'call' | 'put', strike: string, quantity: number, price: string) => ({
  instrumentType: 'option',
  root: 'SPX',
  optionType,
  strike,
  expiration: '2026-07-17',
  quantity,
  price,
})
// SPX closed at 7599.96 on 2026-06-01 (resources/market/spx_daily.csv); per-leg prices, so
// realised and open P&L can be told apart after the roll.
const { id: rolled } = await post<{ id: number }>('positions:create', {
  structure: 'iron_condor',
  entryDate: '2026-06-01',
  time: '10:30',
  legs: [
    option('put', '7150', 2, '20.10'),
    option('put', '7200', -2, '25.50'),
    option('call', '7500', -2, '33.40'),
    option('call', '7550', 2, '20.95'),
  ],
  fees: '5.20',
  tags: ['monthly', 'alvh'],
  thesis: 'Range 7200–7500 into July OPEX; VIX term structure in contango.',
})
const legs = (
  await post<{ legs: { id: number; strike: string | null }[] }>('positions:get', {
    id: rolled,
  })
).legs
const legId = (strike: string) => legs.find((l) => l.strike === strike)!.id
// The call side tested: rolled up to 7650/7700 for a debit of 11.35, with a decision.
await post('adjustments:log', {
  kind: 'roll',
  occurredOn: '2026-06-22',
  time: '15:30',
  closes: [
    { legId: legId('7500'), quantity: 2, price: '40.10' },
    { legId: legId('7550'), quantity: 2, price: '22.40' },
  ],
  opens: [
    { ...option('call', '7650', -2, '16.20'), role: 'short_call', replacesLegId: legId('7500') },
    { ...option('call', '7700', 2, '9.85'), role: 'long_call', replacesLegId: legId('7550') },
  ],
  fees: '10.40',
  decision: {
    inputs: {
      positionId: rolled,
      date: '2026-06-22',
      rulesetId: 'mechanical-wing',
      live: { spot: 7545 },
    },
    actionTaken: 'ROLL_UP_CALL',
    reason: 'Keep the long wing; vol expansion not genuine',
  },
})
// A VX future as hedge layer 1 (no premium: its P&L is the mark against 18.25 × 1000).
await post('positions:create', {
  structure: 'future',
  entryDate: '2026-06-22',
  time: '15:45',
  legs: [
    { instrumentType: 'future', root: 'VX', expiration: '2026-07-22', quantity: 1, price: '18.25' },
  ],
  fees: '2.50',
  hedgeOf: rolled,
})
const detail = await post<{
  legs: { id: number; root: string }[]
  fills: { id: number; legId: number }[]
}>('positions:get', { id: rolled })
const vx = detail.legs.find((l) => l.root === 'VX')!.id
await post('legs:mark', { legId: vx, date: '2026-07-08', price: '19.10' })
await post('fills:correct', {
  fillId: detail.fills.find((f) => f.legId === legId('7550'))!.id,
  fees: '1.30',
  reason: 'Broker statement shows exchange fees on the long call',
})

// A condor whose VX hedge has no mark yet: the page asks for one.
const { id: unmarked } = await post<{ id: number }>('positions:create', {
  structure: 'iron_condor',
  entryDate: '2026-06-01',
  legs: [
    option('put', '7150', 1, '20.10'),
    option('put', '7200', -1, '25.50'),
    option('call', '7500', -1, '33.40'),
    option('call', '7550', 1, '20.95'),
  ],
})
await post('positions:create', {
  structure: 'future',
  entryDate: '2026-06-22',
  legs: [
    { instrumentType: 'future', root: 'VX', expiration: '2026-07-22', quantity: 1, price: '18.25' },
  ],
  hedgeOf: unmarked,
})

const { id: voided } = await post<{ id: number }>('positions:createIronCondor', {
  underlying: 'SPXW',
  entryDate: '2026-06-22',
  expiration: '2026-12-18',
  longPut: '6900',
  shortPut: '7000',
  shortCall: '8100',
  longCall: '8150',
  quantity: 1,
  credit: '32.85',
})
await post('positions:void', { id: voided, reason: 'Entered twice: the broker import has it' })

async function open(page: Page, id: number) {
  await page.goto(`${app.url}#/positions/${id}`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  await page.getByRole('table', { name: 'Greeks' }).waitFor()
  await page.locator('.position-price-chart canvas').first().waitFor()
  await page.waitForTimeout(300)
}

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  for (const width of [1280, 1024]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
    for (const [name, id] of [
      ['rolled', rolled],
      ['voided', voided],
    ] as const) {
      await open(page, id)
      // Nothing may spill past the right edge; a table that has to scroll in its box is named.
      const spills = await page.evaluate(() => {
        const main = document.querySelector('.detail-page')!
        const out =
          main.scrollWidth > main.clientWidth
            ? [`page +${main.scrollWidth - main.clientWidth} px`]
            : []
        for (const w of document.querySelectorAll('.table-wrap'))
          if (w.scrollWidth > w.clientWidth)
            out.push(
              `${w.querySelector('table')?.getAttribute('aria-label')} scrolls +${w.scrollWidth - w.clientWidth} px`,
            )
        return out
      })
      if (spills.length) console.log(theme, width, name, spills.join('; '))
      // The page scrolls inside <main>: grow the window to the page's height for one full shot.
      const tall = await page.evaluate(() => {
        const main = document.querySelector('.detail-page')!
        return main.scrollHeight + main.getBoundingClientRect().top + 20
      })
      await page.setViewportSize({ width, height: Math.ceil(tall) })
      await page.waitForTimeout(300)
      await page.screenshot({
        path: join(outDir, `detail-${name}-${width}-${theme}.png`),
        fullPage: true,
      })
      await page.setViewportSize({ width, height: 900 })
    }
    if (width === 1024) {
      await open(page, rolled)
      // Parts of the page at full size, to read the figures and tables.
      const top = await page.locator('.detail-page').boundingBox()
      const cards = await page.locator('.figure-cards').boundingBox()
      if (top && cards)
        await page.screenshot({
          path: join(outDir, `part-head-cards-${theme}.png`),
          clip: { x: 0, y: top.y, width, height: cards.y + cards.height - top.y + 12 },
        })
      for (const part of ['layers', 'legs', 'adjustments', 'fills', 'history'])
        await page
          .locator(`section[aria-labelledby="${part}-title"]`)
          .screenshot({ path: join(outDir, `part-${part}-${theme}.png`) })
      const dialogShot = async (button: string | RegExp, file: string) => {
        await page.getByRole('button', { name: button }).first().click()
        const dialog = page.getByRole('dialog')
        await dialog.waitFor()
        await page.screenshot({ path: join(outDir, `${file}-${theme}.png`) })
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
      }
      await open(page, unmarked)
      const needed = await page.locator('.marks-needed').boundingBox()
      if (top && needed)
        await page.screenshot({
          path: join(outDir, `part-marks-needed-${theme}.png`),
          clip: { x: 0, y: top.y, width, height: needed.y + needed.height - top.y + 12 },
        })
      await open(page, rolled)
      await dialogShot('Close call side…', 'dialog-close-side')
      await dialogShot(/^Correct fill/, 'dialog-correct-fill')
      await dialogShot('Expire…', 'dialog-expire')
      await dialogShot(/^Correct the/, 'dialog-correct-adjustment')
      await dialogShot('Edit…', 'dialog-edit')
      await dialogShot(/^Enter mark for VX/, 'dialog-mark')
      // The refusal of an empty reason, in words beside the field.
      await page.getByRole('button', { name: 'Void…' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Void' }).click()
      await page.getByRole('dialog').getByRole('alert').waitFor()
      await page.screenshot({ path: join(outDir, `dialog-void-refused-${theme}.png`) })
      await page.keyboard.press('Escape')
    }
    if (errors.length) console.log(theme, width, 'console errors:', errors)
    await page.close()
  }
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
