// Screenshots of the decision panel's staleness banner and "Keep as today's closes" (issue 12)
// in both themes through the browser host, for a person to look at: build the renderer
// (`npm run build`), then node scripts/screenshots-decision-stale.ts [outDir] (default
// /tmp/shots-decision-stale). Each theme gets a throwaway journal with the bundled history (SPX
// ends 2026-07-08, VX futures 2021) and a condor open past it; the panel opens on today (the
// machine's clock): the banner naming the stale series, then the day's closes typed and kept,
// the banner left with what is still behind and the hole RSI and MACD read across; then a date
// inside that hole, with a close the journal already has from a file typed again and kept.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { condorInput } from '../test/helpers/builders.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots-decision-stale')
mkdirSync(outDir, { recursive: true })
const work = mkdtempSync(join(tmpdir(), 'wingman-shots-decision-stale-'))

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const app = await serveApp(join(mkdtempSync(join(work, `${theme}-`)), 'journal.sqlite'))
  const res = await fetch(`${app.origin}/api/positions:createIronCondor`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}` },
    body: JSON.stringify(
      condorInput({
        underlying: 'SPX',
        entryDate: '2026-06-15',
        expiration: '2026-12-18',
        longPut: '6500',
        shortPut: '6550',
        shortCall: '8000',
        longCall: '8050',
        credit: '6.10',
      }),
    ),
  })
  const { value } = (await res.json()) as { value: { id: number } }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`))
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(`${app.url}#/positions/${value.id}`)
  const panel = page.getByRole('region', { name: 'Decision' })
  const banner = panel.getByRole('note', { name: 'Stale market data' })
  await banner.waitFor({ timeout: 30_000 })
  await panel.scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  await panel.screenshot({ path: join(outDir, `decision-stale-${theme}.png`) })

  for (const [label, v] of [
    ['Spot (SPX)', '6850.25'],
    ['VIX', '17.2'],
    ['VIX9D', '15.9'],
    ['VIX3M', '19.4'],
    ['VX1', '18.35'],
    ['VX2', '19.6'],
    ['VX3', '20.3'],
  ] as const)
    await panel.getByLabel(label, { exact: true }).fill(v)
  await panel.getByRole('button', { name: /^Keep as / }).click()
  await panel
    .getByRole('status')
    .filter({ hasText: /^Kept as/ })
    .waitFor()
  await banner.getByTestId('history-gaps').waitFor()
  await page.waitForTimeout(300)
  await panel.screenshot({ path: join(outDir, `decision-kept-${theme}.png`) })

  // A date inside the hole: no SPX or VX close on 2026-07-22; VIX is stored from a file and kept.
  await panel.getByLabel('Date', { exact: true }).fill('2026-07-22')
  await banner.getByText(/No close stored for 2026-07-22/).waitFor()
  for (const label of ['Spot (SPX)', 'VIX9D', 'VIX3M', 'VX1', 'VX2', 'VX3'])
    await panel.getByLabel(label, { exact: true }).fill('')
  await panel.getByRole('button', { name: /^Keep as / }).click()
  await panel
    .getByRole('status')
    .filter({ hasText: /^Not changed/ })
    .waitFor()
  await page.waitForTimeout(300)
  await panel.screenshot({ path: join(outDir, `decision-hole-${theme}.png`) })
  await page.close()
  await app.stop()
}
await browser.close()
console.log(`screenshots in ${outDir}`)
