// Takes screenshots of the main screens in both themes through the browser host, for a person
// to look at: node scripts/screenshots.ts [outDir]. Uses a throwaway journal with sample trades.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '.tmp/screens')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(join(mkdtempSync(join(tmpdir(), 'wingman-shots-')), 'journal.sqlite'))
const post = (channel: string, body: unknown) =>
  fetch(`${app.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}` },
    body: JSON.stringify(body),
  }).then((r) => r.json())
const samples = [
  ['SPXW', '2026-11-02', '2026-12-18', '6400', '6450', '7000', '7050', 2, '3.15', ['core']],
  [
    'SPX',
    '2026-10-20',
    '2026-12-18',
    '6300',
    '6350',
    '7100',
    '7150',
    1,
    '2.4',
    ['monthly', 'alvh'],
  ],
  ['SPXW', '2026-11-16', '2026-12-04', '6500', '6525', '6900', '6925', 4, '1.85', []],
  ['XSP', '2026-11-18', '2027-01-15', '620', '630', '710', '720', 10, '1.1', ['small']],
] as const
for (const [
  underlying,
  entryDate,
  expiration,
  longPut,
  shortPut,
  shortCall,
  longCall,
  quantity,
  credit,
  tags,
] of samples)
  await post('positions:createIronCondor', {
    underlying,
    entryDate,
    expiration,
    longPut,
    shortPut,
    shortCall,
    longCall,
    quantity,
    credit,
    tags,
  })

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  // the list's own address: with open positions the app lands on Today
  await page.goto(`${app.url}#/positions`)
  await page.getByRole('button', { name: 'New position' }).waitFor()
  await page.screenshot({ path: join(outDir, `positions-${theme}.png`) })
  // The New position dialog opens on the iron condor template (more in screenshots-newposition.ts).
  await page.getByRole('button', { name: 'New position' }).click()
  const leg = (n: number) => page.getByRole('group', { name: new RegExp(`^Leg ${n}\\b`) })
  await page.getByLabel('Expiration').fill('2026-12-31')
  await leg(1).getByLabel('Strike').fill('6500')
  await leg(2).getByLabel('Strike').fill('6450')
  await page.getByLabel('Net price').fill('60')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.screenshot({ path: join(outDir, `form-errors-${theme}.png`) })
  await page.keyboard.press('Escape')
  await page.goto(`${app.url}#/positions/1`)
  await page.getByRole('heading', { name: /iron condor/ }).waitFor()
  await page.screenshot({ path: join(outDir, `detail-${theme}.png`), fullPage: true })
  await page.goto(`${app.url}#/market`)
  await page.getByText(/drawn in \d+ ms/).waitFor({ timeout: 30_000 })
  console.log(theme, await page.getByText(/SPX bars/).innerText())
  await page.screenshot({ path: join(outDir, `market-${theme}.png`) })
  await page.getByRole('radio', { name: 'All' }).click()
  await page.screenshot({ path: join(outDir, `market-all-${theme}.png`) })
  await page.getByRole('button', { name: 'Import CSV…' }).click()
  await page.getByLabel('File').setInputFiles({
    name: 'vix_daily.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'DATE,OPEN,HIGH,LOW,CLOSE\n07/23/2026,16,17,15,16.5\n07/24/2026,16,15,17,16\n13/01/2026,1,2,1,1\n',
    ),
  })
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByText(/Nothing was imported/).waitFor()
  await page.screenshot({ path: join(outDir, `import-errors-${theme}.png`) })
  await page.close()
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
