/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'

/** Positions end to end through the real browser host in headless Chromium (see helpers/e2e.ts). */
e2eSuite('positions in Chromium through the browser host', (ctx) => {
  const api = (channel: string, body: unknown, token?: string) => ctx.api(channel, body, token)
  const positionCount = async () =>
    ((await api('positions:list', { status: 'all' })).body.value as { positions: unknown[] })
      .positions.length

  const active0 = (page: Page) =>
    page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '')

  async function openPage(): Promise<Page> {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    // the list's own address: with open positions the app would land on Today
    await page.goto(`${ctx.app.url}#/positions`)
    await page.getByRole('heading', { name: 'Positions' }).waitFor()
    ;(page as Page & { jsErrors: string[] }).jsErrors = errors
    return page
  }

  // The New position dialog opens on the iron condor template; its legs are labelled groups.
  const strike = (dialog: Locator, leg: number) =>
    dialog.getByRole('group', { name: new RegExp(`^Leg ${leg}\\b`) }).getByLabel('Strike')

  it('creates an iron condor through the form, lists it, and still lists it after a reload', async () => {
    const page = await openPage()
    await page.getByRole('button', { name: 'New position' }).click()
    const dialog = page.getByRole('dialog', { name: 'New position' })
    await dialog.getByLabel('Root').selectOption('SPX')
    await dialog.getByLabel('Entry date').fill('2026-11-20')
    await dialog.getByLabel('Expiration').fill('2026-12-18')
    await strike(dialog, 1).fill('6400')
    await strike(dialog, 2).fill('6450')
    await strike(dialog, 3).fill('7000')
    await strike(dialog, 4).fill('7050')
    await dialog.getByLabel('Quantity').fill('3')
    await dialog.getByLabel('Net price').fill('3.15')
    await dialog.getByLabel('Tags').fill('e2e, monthly')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    const table = page.getByRole('table', { name: 'Positions' })
    const row = table.getByRole('row').filter({ hasText: '6450' })
    await row.waitFor()
    // every value typed is on the row, in whatever columns the list shows them
    const text = await row.innerText()
    for (const v of ['SPX', '2026-11-20', '2026-12-18', '6400', '6450', '7000', '7050', '3.15'])
      expect(text).toContain(v)

    await page.reload()
    await table.getByRole('row').filter({ hasText: '7050' }).waitFor()
    expect(await positionCount()).toBe(1)

    // the detail page shows the legs and fills
    await table.getByRole('row').filter({ hasText: '7050' }).click()
    // the structure in words and its open legs
    await page
      .getByRole('heading', { name: 'SPX iron condor +3×6400P −3×6450P −3×7000C +3×7050C' })
      .waitFor()
    expect(await page.getByRole('table', { name: 'Legs' }).getByRole('row').count()).toBe(5)
    expect(await page.getByRole('table', { name: 'Fills' }).getByRole('row').count()).toBe(5)
    expect(await page.locator('.facts').getByText('$14,055.00').count()).toBe(1) // max loss (50 − 3.15) × 100 × 3
    expect((page as Page & { jsErrors: string[] }).jsErrors).toEqual([])
    await page.close()
  })

  it('shows field errors for a bad form and saves nothing', async () => {
    const before = await positionCount()
    const page = await openPage()
    await page.getByRole('button', { name: 'New position' }).click()
    const dialog = page.getByRole('dialog', { name: 'New position' })
    await dialog.getByLabel('Entry date').fill('2026-11-20')
    await dialog.getByLabel('Expiration').fill('2026-11-19')
    await strike(dialog, 1).fill('6500')
    await strike(dialog, 2).fill('6450')
    await strike(dialog, 3).fill('7000')
    await strike(dialog, 4).fill('7050')
    await dialog.getByLabel('Quantity').fill('1.5')
    await dialog.getByLabel('Net price').fill('2')
    await dialog.getByLabel('Fees').fill('-1')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.getByRole('alert').waitFor()
    expect(await dialog.getByRole('alert').innerText()).toMatch(/Nothing was saved/)
    expect(await dialog.getByText('Short put must be above the long put').count()).toBe(1)
    expect(await dialog.getByText('Expiration cannot be before the entry date').count()).toBe(1)
    expect(await dialog.getByText(/^Quantity must be a whole number/).count()).toBe(1)
    expect(await dialog.getByText('Fees must be 0 or more').count()).toBe(1)
    expect(await strike(dialog, 2).getAttribute('aria-invalid')).toBe('true')
    // focus moves to the first invalid field
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('expiration')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(await positionCount()).toBe(before)
    await page.close()
  })

  it('can be filled and saved with the keyboard alone', async () => {
    const before = await positionCount()
    const page = await openPage()
    await page.keyboard.press('n') // shortcut for "New position"
    const dialog = page.getByRole('dialog', { name: 'New position' })
    await dialog.waitFor()
    expect(await active0(page)).toBe('structure') // the dialog focuses its first field
    // Tab walks the fields in visual order; a date field has one tab stop per part (mm/dd/yyyy).
    const active = () =>
      page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '')
    const tabTo = async (name: string) => {
      for (let i = 0; i < 12 && (await active()) !== name; i++) await page.keyboard.press('Tab')
      expect(await active()).toBe(name)
    }
    // The entry date is today's, a session or not: make it a known Friday.
    await tabTo('entryDate')
    await page.keyboard.type('11202026')
    await tabTo('expiration')
    await page.keyboard.type('12182026') // typed digits advance through month, day and year
    const strikes: [string, string][] = [
      ['legs.0.strike', '6300'],
      ['legs.1.strike', '6350'],
      ['legs.2.strike', '7100'],
      ['legs.3.strike', '7150'],
    ]
    await tabTo('quantity')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2')
    for (const [name, value] of strikes) {
      await tabTo(name)
      await page.keyboard.type(value)
    }
    await tabTo('netPrice')
    await page.keyboard.type('2.40')
    await page.keyboard.press('Enter') // submits the form
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(await positionCount()).toBe(before + 1)
    await page
      .getByRole('table', { name: 'Positions' })
      .getByRole('row')
      .filter({ hasText: '7150' })
      .waitFor()
    await page.close()
  })

  it('refuses API requests without the token', async () => {
    const r = await api('positions:list', {}, '')
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    // and a page opened without the token cannot read the journal
    const page = await ctx.browser.newPage()
    await page.goto(`${ctx.app.origin}/`)
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').innerText()).toMatch(/Missing or wrong token/)
    await page.close()
  })

  it('scrolls 10,000 positions while keeping only a screenful of rows in the page', async () => {
    const input = {
      underlying: 'SPXW',
      entryDate: '2026-01-02',
      expiration: '2026-02-20',
      longPut: '5000',
      shortPut: '5050',
      shortCall: '6000',
      longCall: '6050',
      quantity: 1,
      credit: '2',
    }
    const existing = await positionCount()
    for (let i = existing; i < 10_000; i++)
      await api('positions:createIronCondor', { ...input, credit: String(1 + (i % 40) / 10) })
    const page = await openPage()
    await page.getByText('10,000 positions', { exact: true }).waitFor({ timeout: 30_000 })
    const rowsInDom = await page
      .getByRole('table', { name: 'Positions' })
      .locator('.vtable-row')
      .count()
    expect(rowsInDom).toBeLessThan(60)
    // sorting by credit puts the largest credit first when descending
    await page.getByRole('button', { name: /^Credit/ }).click()
    await page.getByRole('button', { name: /^Credit/ }).click()
    expect(await page.getByRole('columnheader', { name: /Credit/ }).getAttribute('aria-sort')).toBe(
      'descending',
    )
    const credit = (await page.getByRole('columnheader').allInnerTexts()).findIndex((t) =>
      t.startsWith('Credit'),
    )
    // the core sorts: the first row changes when the sorted page comes back
    await expect
      .poll(() =>
        page.locator('.vtable-row[aria-rowindex="2"] [role=cell]').nth(credit).innerText(),
      )
      .toBe('4.90')
    // the table knows the whole count; the rows come in keyset pages as it scrolls
    expect(await page.getByRole('table', { name: 'Positions' }).getAttribute('aria-rowcount')).toBe(
      '10002',
    )
    // keyboard: End goes to the last row loaded, which loads the next page; End again goes on
    await page.locator('.vtable-body').focus()
    await page.keyboard.press('End')
    const selected = page.locator('.vtable-row[aria-selected="true"]')
    const at = async () => Number(await selected.getAttribute('aria-rowindex'))
    const first = await at()
    expect(first).toBeGreaterThan(50)
    await expect
      .poll(async () => {
        await page.keyboard.press('End')
        return at()
      })
      .toBeGreaterThan(first)
    expect(await selected.locator('[role=cell]').nth(credit).innerText()).toMatch(/^\d\.\d0$/)
    expect(await page.locator('.vtable-row').count()).toBeLessThan(60)
    await page.close()
  }, 180_000)
})
