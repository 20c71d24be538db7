/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'

/** The New position dialog end to end: any structure through the browser host in Chromium. */
e2eSuite('new position of any structure in Chromium', (ctx) => {
  interface Listed {
    positions: { id: number; root: string; structure: string }[]
  }
  const listed = async () =>
    ((await ctx.api('positions:list', { status: 'all' })).body.value as Listed).positions
  const detail = async (id: number) =>
    (await ctx.api('positions:get', { id })).body.value as {
      legs: { role: string; root: string; quantity: number; hedgeLayerId: number | null }[]
      adjustments: { kind: string; netPrice: string | null; cash: string }[]
      hedgeLayers: { layerNo: number }[]
    }

  async function openDialog(structure: string): Promise<{ page: Page; dialog: Locator }> {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    ;(page as Page & { jsErrors: string[] }).jsErrors = errors
    // the list's own address: with open positions the app would land on Today
    await page.goto(`${ctx.app.url}#/positions`)
    await page.getByRole('button', { name: 'New position' }).click()
    const dialog = page.getByRole('dialog', { name: 'New position' })
    await dialog.getByLabel('Structure').selectOption(structure)
    return { page, dialog }
  }
  const leg = (dialog: Locator, n: number) =>
    dialog.getByRole('group', { name: new RegExp(`^Leg ${n}\\b`) })
  const saved = async (page: Page, dialog: Locator) => {
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect((page as Page & { jsErrors: string[] }).jsErrors).toEqual([])
  }

  it('creates a put credit spread and lists it', async () => {
    const { page, dialog } = await openDialog('put_credit_spread')
    await dialog.getByLabel('Entry date').fill('2026-11-20')
    await dialog.getByLabel('Expiration').fill('2026-12-18')
    await dialog.getByLabel('Quantity').fill('2')
    // the contracts each leg trades follow the quantity
    expect(await leg(dialog, 2).innerText()).toMatch(/Short put[\s\S]*−2/)
    await leg(dialog, 1).getByLabel('Strike').fill('6400')
    await leg(dialog, 2).getByLabel('Strike').fill('6450')
    await dialog.getByLabel('Net price').fill('1.45')
    await saved(page, dialog)
    await page
      .getByRole('status')
      .filter({ hasText: /Saved position #\d+/ })
      .waitFor()
    const row = page.getByRole('table', { name: 'Positions' }).getByRole('row').filter({
      hasText: '6450',
    })
    await row.waitFor()
    // the list's own layout is not this test's business: the row names the root and strikes
    expect(await row.innerText()).toMatch(/SPXW[\s\S]*6400[\s\S]*6450/)
    const [p] = (await listed()).filter((x) => x.structure === 'put_credit_spread')
    expect(p).toMatchObject({ root: 'SPXW' })
    const d = await detail(p!.id)
    expect(d.legs.map((l) => [l.role, l.quantity])).toEqual([
      ['long_put', 2],
      ['short_put', -2],
    ])
    expect(d.adjustments[0]).toMatchObject({ kind: 'open', netPrice: '1.45', cash: '290' })
    await page.close()
  })

  it('creates a standalone VIX call priced per leg and lists it', async () => {
    const { page, dialog } = await openDialog('single_option')
    expect(await dialog.getByLabel('Root').inputValue()).toBe('VIX')
    await dialog.getByLabel('Entry date').fill('2026-11-24')
    await dialog.getByLabel('Expiration').fill('2026-12-16')
    await dialog.getByLabel('Quantity').fill('10')
    await leg(dialog, 1).getByLabel('Type').selectOption('call')
    await leg(dialog, 1).getByLabel('Side').selectOption('buy')
    await leg(dialog, 1).getByLabel('Strike').fill('25')
    await leg(dialog, 1).getByLabel('Price').fill('1.25')
    // "Attach to" is offered for VIX legs; left at "a position of its own"
    expect(await dialog.getByLabel('Attach to').inputValue()).toBe('')
    await saved(page, dialog)
    const row = page.getByRole('table', { name: 'Positions' }).getByRole('row').filter({
      hasText: 'VIX',
    })
    await row.waitFor()
    expect(await row.innerText()).toMatch(/VIX[\s\S]*25/)
    const [p] = (await listed()).filter((x) => x.structure === 'single_option')
    const d = await detail(p!.id)
    expect(d.legs.map((l) => [l.role, l.root, l.quantity])).toEqual([['long_call', 'VIX', 10]])
    expect(d.adjustments[0]).toMatchObject({ netPrice: '-1.25', cash: '-1250' })
    await page.close()
  })

  it('attaches a VX future to the put spread as its first hedge layer', async () => {
    const spread = (await listed()).find((x) => x.structure === 'put_credit_spread')!
    const before = (await listed()).length
    const { page, dialog } = await openDialog('future')
    await dialog.getByLabel('Attach to').selectOption(String(spread.id))
    // tags and thesis belong to the hedged position: not offered
    expect(await dialog.getByLabel('Thesis').count()).toBe(0)
    await dialog.getByLabel('Entry date').fill('2026-11-24')
    await dialog.getByLabel('Expiration').fill('2026-12-16')
    await leg(dialog, 1).getByLabel('Entry price').fill('18.25')
    await saved(page, dialog)
    expect((await listed()).length).toBe(before)
    const d = await detail(spread.id)
    expect(d.hedgeLayers.map((l) => l.layerNo)).toEqual([1])
    expect(d.adjustments.map((a) => [a.kind, a.cash])).toEqual([
      ['open', '290'],
      ['hedge_add', '0'],
    ])
    expect(d.legs.find((l) => l.hedgeLayerId !== null)).toMatchObject({ role: 'hedge', root: 'VX' })
    await page.close()
  })

  it('refuses an entry on a holiday next to the entry date, and saves nothing', async () => {
    const before = (await listed()).length
    const { page, dialog } = await openDialog('future')
    await dialog.getByLabel('Entry date').fill('2026-11-26')
    await dialog.getByLabel('Expiration').fill('2026-12-17')
    await leg(dialog, 1).getByLabel('Entry price').fill('18')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.getByRole('alert').waitFor()
    await dialog.getByText(/^2026-11-26 is Thanksgiving Day; the NYSE is closed/).waitFor()
    await dialog.getByText(/^VX futures expire on the Wednesday/).waitFor()
    expect(await dialog.getByLabel('Entry date').getAttribute('aria-invalid')).toBe('true')
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('entryDate')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect((await listed()).length).toBe(before)
    await page.close()
  })
})
