// Screenshots of the position page's payoff and SPX charts in both themes, for a person to look
// at: node scripts/screenshots-position.ts [outDir]. Run `npx electron-vite build` first (the
// browser host serves out/renderer). Uses a throwaway journal with real-looking SPX condors.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '.tmp/screens')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(
  join(mkdtempSync(join(tmpdir(), 'wingman-pos-shots-')), 'journal.sqlite'),
)
const post = async (channel: string, body: unknown) => {
  const res = await fetch(`${app.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}` },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as { ok: boolean; error?: unknown }
  if (!json.ok) throw new Error(`${channel}: ${JSON.stringify(json.error)}`)
  return json
}

// SPX closed at 7599.96 on 2026-06-01 (resources/market/spx_daily.csv): shorts ~5 % away, 46 DTE;
// the credits are the flat-15 %-IV model values, so the model line starts near zero at spot.
await post('positions:createIronCondor', {
  underlying: 'SPX',
  entryDate: '2026-06-01',
  expiration: '2026-07-17',
  longPut: '7150',
  shortPut: '7200',
  shortCall: '7900',
  longCall: '7950',
  quantity: 2,
  credit: '17.85',
  tags: ['monthly'],
})
// A live trade whose expiry lies beyond the bundled data (it ends 2026-07-08).
await post('positions:createIronCondor', {
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

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1900 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  for (const id of [1, 2]) {
    await page.goto(`${app.url}#/positions/${id}`)
    await page.getByRole('heading', { name: /iron condor/ }).waitFor()
    await page.getByRole('table', { name: 'Greeks' }).waitFor()
    await page.locator('.position-price-chart canvas').first().waitFor()
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(outDir, `position${id}-${theme}.png`), fullPage: true })
  }
  // Move the sliders with the keyboard and time one redraw (input event → next painted frame).
  await page.goto(`${app.url}#/positions/1`)
  await page.getByRole('table', { name: 'Greeks' }).waitFor()
  const date = page.getByRole('slider', { name: /^Date/ })
  await date.focus()
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight')
  const shift = page.getByRole('slider', { name: /^IV shift/ })
  await shift.focus()
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight')
  const ms = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        const input = document.querySelector<HTMLInputElement>('input[type=range]')!
        const t0 = performance.now()
        input.value = String(Number(input.value) - 1)
        input.dispatchEvent(new Event('input', { bubbles: true }))
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)))
      }),
  )
  console.log(theme, `slider redraw to the second frame: ${ms.toFixed(1)} ms`)
  // Hover the payoff chart to show the crosshair read-out.
  const box = await page.locator('.payoff-chart').boundingBox()
  if (box) await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5)
  await page.waitForTimeout(100)
  await page
    .locator('.chart-panels')
    .screenshot({ path: join(outDir, `panels-moved-${theme}.png`) })
  if (errors.length) console.log(theme, 'console errors:', errors)
  await page.close()
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
