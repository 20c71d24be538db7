/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'
import { REPO_ROOT } from '../helpers/serve.ts'

/**
 * "Import trades…" on the Positions page in Chromium, with the tastytrade export of the broker
 * scenario (test/fixtures/brokers/SCENARIO.md): an SPXW iron condor rolled, partly closed,
 * expired and closed with a VX future as its hedge, and a call spread ending in a cash-settled
 * assignment. The preview writes nothing; Import writes it; the same file again adds nothing.
 */
const FIXTURE = resolve(REPO_ROOT, 'test/fixtures/brokers/tastytrade/current-21.csv')

/** The fixture with one unreadable row (a date without a time) right under the header. */
function withUnreadableRow(): string {
  const [header, ...rows] = readFileSync(FIXTURE, 'utf8').split('\n')
  const bad =
    'yesterday,Trade,Sell to Open,SELL_TO_OPEN,SPXW  250613C06000000,Equity Option,Sold 2,' +
    '1.00,2,0.50,-2.00,-1.32,100,SPXW,SPX,6/13/25,6000,CALL,381229999,-2.32,USD'
  const path = join(mkdtempSync(join(tmpdir(), 'wingman-e2e-import-')), 'broken.csv')
  writeFileSync(path, [header, bad, ...rows].join('\n'))
  return path
}

e2eSuite('import trades in Chromium', (ctx) => {
  const listed = async () =>
    (
      (await ctx.api('positions:list', { status: 'all' })).body.value as {
        positions: { id: number; structure: string }[]
      }
    ).positions

  async function openDialog(): Promise<{ page: Page; dialog: Locator; errors: string[] }> {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })
    // a missing element fails here, naming it, before the test's own timeout
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // the list's own address: with open positions the app would land on Today
    await page.goto(`${ctx.app.url}#/positions`)
    const opener = page.getByRole('button', { name: 'Import trades…' })
    // keyboard accessible: focus the button and press Enter
    await opener.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Import trades' })
    await dialog.waitFor()
    return { page, dialog, errors }
  }
  const bodyRows = (table: Locator) => table.locator('tbody tr')
  const importButton = (dialog: Locator) => dialog.getByRole('button', { name: 'Import' })

  it('asks before importing the readable rows of a file with an unreadable one', async () => {
    const { page, dialog, errors } = await openDialog()
    await dialog.getByLabel('Trade file').setInputFiles(withUnreadableRow())
    const rejected = dialog.getByRole('list', { name: 'Rows that could not be read' })
    await rejected.waitFor()
    expect(await rejected.innerText()).toMatch(/^line 2\s+the date "yesterday" is not a time/)
    expect(
      await dialog.getByText(/^21 executions: 20 new, 0 already imported, 1 not/).count(),
    ).toBe(1)
    // Import waits for the trader's consent
    expect(await importButton(dialog).isDisabled()).toBe(true)
    const consent = dialog.getByLabel('Import the 20 readable executions anyway')
    await consent.check()
    expect(await importButton(dialog).isEnabled()).toBe(true)
    await consent.uncheck()
    expect(await importButton(dialog).isDisabled()).toBe(true)
    // the preview wrote nothing
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(await listed()).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('says in words when a file is not a trade export it knows', async () => {
    const { page, dialog, errors } = await openDialog()
    const path = join(mkdtempSync(join(tmpdir(), 'wingman-e2e-import-')), 'groceries.csv')
    writeFileSync(path, 'item,price\nbread,3.20\n')
    await dialog.getByLabel('Trade file').setInputFiles(path)
    const alert = dialog.getByRole('alert')
    await alert.waitFor()
    const text = await alert.innerText()
    expect(text).toMatch(/^groceries\.csv is not a trade export Wingman recognises/)
    expect(text).not.toMatch(/trades:import|VALIDATION/)
    expect(await importButton(dialog).isDisabled()).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it('previews the tastytrade file, imports it and lists the positions with the roll', async () => {
    const { page, dialog, errors } = await openDialog()
    await dialog.getByLabel('Trade file').setInputFiles(FIXTURE)
    await dialog.getByText('Detected: tastytrade (History → Transactions CSV)').waitFor()
    await dialog.getByText('20 executions: 20 new, 0 already imported, 0 not readable').waitFor()
    await dialog.getByText(/times carry their own offset/).waitFor()
    expect(await dialog.getByLabel('Broker').inputValue()).toBe('')

    const table = dialog.getByRole('table', { name: 'Positions to import' })
    await expect.poll(() => bodyRows(table).count()).toBe(2)
    const condor = bodyRows(table).filter({ hasText: 'iron condor' })
    const condorText = await condor.innerText()
    // A's P&L 1198.48 with its VX hedge (−1756.50) attached as layer 1
    // (the badges are upper case on screen)
    expect(condorText).toMatch(/^new\s+SPX\s+iron condor\s+\+ hedge layer 1: VX future 2025-06-18/i)
    expect(condorText).toMatch(/2 legs rolled\s+closed\s+2025-05-05\s+2025-06-20/i)
    expect(condorText).toMatch(/roll\s+2025-05-19 14:05 ET\s+\+\$320\.00/)
    expect(condorText).toMatch(/partial close\s+2025-06-02 11:15 ET\s+−\$105\.00/)
    expect(condorText).toMatch(/−\$558\.02$/)
    const spread = bodyRows(table).filter({ hasText: 'call credit spread' })
    expect(await spread.innerText()).toMatch(/closed\s+2025-06-09\s+2025-06-20[\s\S]*\$412\.68$/i)

    // hedges on their own: the condor's P&L alone, the future a position of its own
    const attach = dialog.getByLabel(/^Attach VIX\/VX trades to the SPX position open that day/)
    await attach.uncheck()
    await expect.poll(() => bodyRows(table).count()).toBe(3)
    expect(await bodyRows(table).filter({ hasText: 'iron condor' }).innerText()).toMatch(
      /\$1,198\.48$/,
    )
    const future = bodyRows(table).filter({ hasText: 'VX future 2025-06-18' })
    expect(await future.innerText()).toMatch(/^new\s+VIX\s+future[\s\S]*−\$1,756\.50$/i)
    await attach.check()
    await expect.poll(() => bodyRows(table).count()).toBe(2)
    expect(await listed()).toEqual([])

    await importButton(dialog).click()
    await dialog
      .getByText('Imported 20 executions into 2 positions (0 already in the journal)')
      .waitFor()
    expect(await importButton(dialog).count()).toBe(0)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    // the list shows them (under "All": both are closed)
    const list = page.getByRole('table', { name: 'Positions' })
    const condorRow = list.getByRole('row').filter({ hasText: 'Iron condor' })
    await condorRow.waitFor()
    expect(await condorRow.innerText()).toMatch(/−\$558\.02/)
    await list
      .getByRole('row')
      .filter({ hasText: /call credit spread/i })
      .waitFor()
    expect((await listed()).map((p) => p.structure).sort()).toEqual([
      'call_credit_spread',
      'iron_condor',
    ])

    // the condor's page: the roll in its adjustments
    await condorRow.click()
    const adjustments = page.getByRole('table', { name: 'Adjustments' })
    await adjustments.waitFor()
    const kinds = await adjustments.locator('tbody tr td:nth-child(2)').allInnerTexts()
    expect(kinds).toEqual([
      'open',
      'hedge add',
      'roll',
      'hedge remove',
      'partial close',
      'expire',
      'close',
    ])
    const roll = adjustments.locator('tbody tr').filter({ hasText: 'roll' })
    expect(await roll.innerText()).toMatch(/2025-05-19 14:05 ET[\s\S]*\$320\.00/)
    expect(errors).toEqual([])
    await page.close()
  })

  it('finds nothing new in the same file a second time', async () => {
    const before = await listed()
    const { page, dialog, errors } = await openDialog()
    await dialog.getByLabel('Trade file').setInputFiles(FIXTURE)
    await dialog.getByText('20 executions: 0 new, 20 already imported, 0 not readable').waitFor()
    await dialog
      .getByText('0 new executions — everything in this file is already in the journal')
      .waitFor()
    expect(await importButton(dialog).isDisabled()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(await listed()).toEqual(before)
    expect(errors).toEqual([])
    await page.close()
  })
})
