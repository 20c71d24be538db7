// Screenshots of the positions list for a person to look at: `npx electron-vite build`, then
// node scripts/screenshots-list.ts [outDir] (default /tmp/shots/list). A throwaway journal gets
// open, closed, voided and expired positions in two accounts; the list is shot in both themes at
// 1280 and 1024 px wide with filters applied, then the Expire and Accounts dialogs.
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/helpers/browser.ts'
import { condorInput, june2026Condor } from '../test/helpers/builders.ts'
import { serveApp } from '../test/helpers/serve.ts'

const outDir = resolve(process.argv[2] ?? '/tmp/shots/list')
mkdirSync(outDir, { recursive: true })
const app = await serveApp(join(mkdtempSync(join(tmpdir(), 'wingman-shots-list-')), 'j.sqlite'))
async function post(channel: string, body: unknown): Promise<unknown> {
  const r = (await fetch(`${app.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.token}` },
    body: JSON.stringify(body),
  }).then((res) => res.json())) as { ok: boolean; value?: unknown; error?: unknown }
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`)
  return r.value
}
const create = async (body: unknown) =>
  ((await post('positions:createIronCondor', body)) as { id: number }).id

await post('accounts:create', { name: 'IRA', broker: 'tastytrade' })
await create(condorInput({ notes: 'Core monthly, wide wings' }))
await create(
  condorInput({
    underlying: 'SPX',
    entryDate: '2026-10-20',
    longPut: '6300',
    shortPut: '6350',
    shortCall: '7100',
    longCall: '7150',
    quantity: 1,
    credit: '2.4',
    tags: ['monthly', 'alvh'],
    accountId: 2,
  }),
)
await post('positions:create', {
  structure: 'put_credit_spread',
  entryDate: '2026-11-16',
  fees: '2.6',
  tags: ['core'],
  legs: [
    {
      instrumentType: 'option',
      root: 'SPXW',
      optionType: 'put',
      strike: '6400',
      expiration: '2026-12-18',
      quantity: 2,
      price: '2.10',
    },
    {
      instrumentType: 'option',
      root: 'SPXW',
      optionType: 'put',
      strike: '6450',
      expiration: '2026-12-18',
      quantity: -2,
      price: '3.55',
    },
  ],
})
const closed = await create(
  condorInput({ entryDate: '2026-09-01', expiration: '2026-10-16', credit: '4.1', tags: ['core'] }),
)
const legs = (
  (await post('positions:get', { id: closed })) as { legs: { id: number; quantity: number }[] }
).legs
await post('adjustments:log', {
  kind: 'close',
  positionId: closed,
  occurredOn: '2026-10-01',
  fees: '5.2',
  closes: legs.map((l, i) => ({
    legId: l.id,
    quantity: Math.abs(l.quantity),
    price: ['0.2', '0.9', '0.6', '0.1'][i],
  })),
})
const voided = await create(condorInput({ entryDate: '2026-11-10', tags: ['typo'] }))
await post('positions:void', { id: voided, reason: 'Entered twice' })
// Expired: one inside the stored history (settles from it), one past it (needs a settlement).
await create(
  june2026Condor({
    underlying: 'SPXW',
    expiration: '2026-06-26',
    longPut: '5800',
    shortPut: '5850',
    shortCall: '6300',
    longCall: '6350',
    tags: ['june'],
  }),
)
await create(june2026Condor({ tags: ['june'] }))

const browser = await launchChromium()
for (const theme of ['dark', 'light']) {
  for (const width of [1280, 1024]) {
    const page = await browser.newPage({ viewport: { width, height: width === 1024 ? 768 : 800 } })
    await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
    const shot = (name: string) =>
      page.screenshot({ path: join(outDir, `${name}-${width}-${theme}.png`) })
    await page.goto(`${app.url}#/positions?status=all`)
    await page.getByRole('table', { name: 'Positions' }).getByRole('row').nth(3).waitFor()
    await shot('list-all')
    await page.goto(`${app.url}#/positions?status=open&tag=core&q=wings`)
    await page.reload()
    await page.getByText('1 position', { exact: true }).waitFor()
    await shot('list-filtered')
    if (width === 1024) {
      await page.locator('.vtable-body').evaluate((el) => (el.scrollLeft = 400))
      await shot('list-scrolled')
    }
    await page.close()
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript((t) => localStorage.setItem('wingman.theme', t), theme)
  await page.goto(`${app.url}#/positions?status=voided`)
  await page
    .getByText('Entered twice', { exact: false })
    .or(page.getByText('1 position'))
    .first()
    .waitFor()
  await page.screenshot({ path: join(outDir, `list-voided-1280-${theme}.png`) })
  await page.goto(`${app.url}#/positions`)
  await page.getByRole('button', { name: 'Expire…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Expire positions' })
  await dialog.getByText('ready to expire').first().waitFor()
  await page.screenshot({ path: join(outDir, `expire-${theme}.png`) })
  await dialog.getByRole('textbox').first().fill('abc')
  await dialog.getByRole('textbox').nth(1).fill('7300.5')
  await page.waitForTimeout(600)
  await page.screenshot({ path: join(outDir, `expire-typed-${theme}.png`) })
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Accounts…' }).click()
  const accounts = page.getByRole('dialog', { name: 'Accounts' })
  await accounts.getByRole('button', { name: 'Add account' }).click()
  await accounts.getByRole('alert').waitFor()
  await page.screenshot({ path: join(outDir, `accounts-${theme}.png`) })
  await page.close()
}
await browser.close()
await app.stop()
console.log(`screenshots in ${outDir}`)
