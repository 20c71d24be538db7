/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import type { PositionDetail } from '../../shared/domain.ts'
import { e2eSuite } from '../helpers/e2e.ts'
import { condorInput, june2026Condor } from '../helpers/builders.ts'

/**
 * The positions list in Chromium: filters kept in the address across a reload, the money
 * columns and their totals checked against hand-computed dollars, voided positions only under
 * "Voided", expired legs booked through the Expire dialog, accounts created and renamed.
 */
e2eSuite('positions list in Chromium', (ctx) => {
  async function call<T>(channel: string, body: unknown): Promise<T> {
    const r = await ctx.api(channel, body)
    if (!r.body.ok) throw new Error(`${channel}: ${JSON.stringify(r.body.error)}`)
    return r.body.value as T
  }
  const condor = async (body: unknown) =>
    (await call<{ id: number }>('positions:createIronCondor', body)).id
  /** Closes every leg of a condor at the given per-share prices (long put … long call). */
  async function closeCondor(id: number, on: string, prices: string[], fees: string) {
    const { legs } = await call<PositionDetail>('positions:get', { id })
    await call('adjustments:log', {
      kind: 'close',
      positionId: id,
      occurredOn: on,
      fees,
      closes: legs.map((l, i) => ({
        legId: l.id,
        quantity: Math.abs(l.quantity),
        price: prices[i],
      })),
    })
  }

  const ids = { wide: 0, monthly: 0, open: 0, voided: 0 }

  beforeAll(async () => {
    await call('accounts:create', { name: 'IRA', broker: 'tastytrade' })
    // A: 2 × 3.15 credit = $630 received, $5.20 fees to open; closed for a 1.20 debit
    // (0.90 + 0.60 − 0.20 − 0.10) = $240, $5.20 fees to close.
    // Realised = 630 − 240 − 5.20 − 5.20 = $379.60.
    ids.wide = await condor(
      condorInput({
        credit: '3.15',
        quantity: 2,
        fees: '5.2',
        tags: ['core'],
        notes: 'Wide wings',
      }),
    )
    await closeCondor(ids.wide, '2026-11-20', ['0.2', '0.9', '0.6', '0.1'], '5.2')
    // B: 1 × 4.10 = $410, $2.60 to open; closed for 1.40 (0.50 + 1.25 − 0.05 − 0.30) = $140,
    // $2.60 to close. Realised = 410 − 140 − 2.60 − 2.60 = $264.80.
    ids.monthly = await condor(
      condorInput({
        entryDate: '2026-09-01',
        expiration: '2026-10-16',
        longPut: '6300',
        shortPut: '6350',
        shortCall: '7100',
        longCall: '7150',
        credit: '4.1',
        quantity: 1,
        fees: '2.6',
        tags: ['core', 'monthly'],
        accountId: 2,
      }),
    )
    await closeCondor(ids.monthly, '2026-10-01', ['0.05', '0.5', '1.25', '0.3'], '2.6')
    ids.open = await condor(
      condorInput({ entryDate: '2026-11-16', tags: ['weekly'], notes: 'roll candidate' }),
    )
    ids.voided = await condor(
      condorInput({ entryDate: '2026-11-10', longPut: '6100', tags: ['core'] }),
    )
    await call('positions:void', { id: ids.voided, reason: 'Entered twice' })
  })

  // The list's own address: with open positions the app would land on Today.
  async function openList(hash = '#/positions'): Promise<Page & { jsErrors: string[] }> {
    const page = (await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })) as Page & {
      jsErrors: string[]
    }
    page.jsErrors = []
    page.on('pageerror', (e) => page.jsErrors.push(e.message))
    await page.goto(`${ctx.app.url}${hash}`)
    await page.getByRole('heading', { name: 'Positions' }).waitFor()
    return page
  }
  const table = (page: Page) => page.getByRole('table', { name: 'Positions' })
  const bodyRows = (page: Page) => table(page).locator('.vtable-row')
  const footer = (page: Page) =>
    table(page).getByRole('row', { name: 'Totals of the listed positions' })
  const hashOf = (page: Page) => page.evaluate(() => window.location.hash)
  const rowOf = (page: Page, strike: string) => bodyRows(page).filter({ hasText: strike })

  it('lists closed positions with realised, fees and totals that match a hand computation', async () => {
    const page = await openList()
    await page.getByRole('radio', { name: 'Closed' }).click()
    await expect.poll(() => bodyRows(page).count()).toBe(2)
    const columns = await table(page).getByRole('columnheader').allInnerTexts()
    const at = (title: string) => columns.findIndex((c) => c.startsWith(title))
    const cell = async (strike: string, title: string) =>
      rowOf(page, strike).getByRole('cell').nth(at(title)).innerText()
    expect(columns.some((c) => /^Open P&L \(model\)/.test(c))).toBe(true)
    // Condor A (6400/…): realised $379.60; fees 5.20 + 5.20 = $10.40.
    expect(await cell('6400/6450', 'Realised')).toBe('$379.60')
    expect(await cell('6400/6450', 'Fees')).toBe('$10.40')
    expect(await cell('6400/6450', 'Total')).toBe('$379.60')
    expect(await cell('6400/6450', 'Account')).toBe('Default')
    expect(await cell('6300/6350', 'Realised')).toBe('$264.80')
    expect(await cell('6300/6350', 'Account')).toBe('IRA')
    // Totals row: 379.60 + 264.80 = $644.40 realised; 10.40 + 5.20 = $15.60 fees.
    const totals = await footer(page).innerText()
    expect(totals).toMatch(/2 positions listed/)
    expect(totals).toContain('$644.40')
    expect(totals).toContain('$15.60')
    expect(totals).not.toMatch(/unknown/)
    // Sorting by Realised, largest first, puts A on top (the core sorts: the rows come back).
    await page.getByRole('button', { name: /^Realised/ }).click()
    await expect.poll(() => bodyRows(page).first().innerText()).toContain('$264.80')
    await page.getByRole('button', { name: /^Realised/ }).click()
    await expect.poll(() => bodyRows(page).first().innerText()).toContain('$379.60')
    expect(await hashOf(page)).toBe('#/positions?status=closed')
    expect(page.jsErrors).toEqual([])
    await page.close()
  })

  it('filters by tag and text, keeps the filter in the address, and shows the same after a reload', async () => {
    const page = await openList()
    await page.getByRole('radio', { name: 'All' }).click()
    await expect.poll(() => bodyRows(page).count()).toBe(3) // the voided one is not listed
    await page.getByLabel('Tag', { exact: true }).fill('core')
    await expect.poll(() => bodyRows(page).count()).toBe(2)
    await page.getByLabel('Notes and thesis').fill('wings')
    await expect.poll(() => bodyRows(page).count()).toBe(1)
    await expect.poll(() => hashOf(page)).toBe('#/positions?status=all&tag=core&q=wings')
    expect(await footer(page).innerText()).toMatch(/1 position listed[\s\S]*\$379\.60/)

    await page.reload()
    await page.getByRole('heading', { name: 'Positions' }).waitFor()
    await expect.poll(() => bodyRows(page).count()).toBe(1)
    expect(await bodyRows(page).first().innerText()).toContain('$379.60')
    expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe('core')
    expect(await page.getByLabel('Notes and thesis').inputValue()).toBe('wings')
    expect(await page.getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true')

    // Account and structure filters narrow too; an address typed by hand is read back.
    await page.goto(`${ctx.app.url}#/positions?status=all&account=2`)
    await expect.poll(() => bodyRows(page).count()).toBe(1)
    expect(await page.getByLabel('Account', { exact: true }).inputValue()).toBe('2')
    await page.getByLabel('Structure').selectOption('put_credit_spread')
    await expect.poll(() => bodyRows(page).count()).toBe(0)
    await page.getByText('No positions match these filters').waitFor()

    await page.getByRole('button', { name: /Clear filters/ }).click()
    await expect.poll(() => hashOf(page)).toBe('#/positions')
    await expect.poll(() => bodyRows(page).count()).toBe(1) // the open condor
    expect(await bodyRows(page).first().innerText()).toContain('2026-11-16')
    await page.close()
  })

  it('shows voided positions only under "Voided"', async () => {
    const page = await openList('#/positions?status=voided')
    await expect.poll(() => bodyRows(page).count()).toBe(1)
    expect(await bodyRows(page).first().innerText()).toContain('6100/6450/7000/7050')
    for (const [status, listed] of [
      ['Open', 1],
      ['Closed', 2],
      ['All', 3],
    ] as const) {
      await page.getByRole('radio', { name: status }).click()
      // The previous rows stay while the next answer loads: wait for the voided one to go.
      await expect.poll(() => table(page).getByText('6100/6450').count()).toBe(0)
      await expect.poll(() => bodyRows(page).count()).toBe(listed)
    }
    await page.close()
  })

  it('offers expired legs and books them only when confirmed', async () => {
    // Inside the stored history: SPXW settles at the SPX close of 2026-06-26.
    const stored = await condor(
      june2026Condor({
        underlying: 'SPXW',
        expiration: '2026-06-26',
        longPut: '5800',
        shortPut: '5850',
        shortCall: '6300',
        longCall: '6350',
      }),
    )
    // Past the stored history: its settlement must be typed.
    const typed = await condor(june2026Condor())
    const page = await openList()
    await page.getByText('2 positions have expired legs').waitFor()
    await page.getByRole('button', { name: 'Expire…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Expire positions' })
    await dialog.getByText(`#${stored}`).waitFor()
    expect(await dialog.getByText('stored history of 2026-06-26').count()).toBe(4)
    const confirm = dialog.getByRole('button', { name: /^Expire \d/ })
    expect(await confirm.innerText()).toBe('Expire 1 position')
    // A bad value is refused in words and not sent.
    const inputs = dialog.getByRole('textbox')
    expect(await inputs.count()).toBe(4)
    await inputs.nth(0).fill('abc')
    await dialog.getByText('A settlement ≥ 0, with at most 4 decimals').waitFor()
    // SPX settled at 7400 (typed): every leg of 7150/7200/7500/7550 expired worthless
    for (let i = 0; i < 4; i++) await inputs.nth(i).fill('7400')
    await expect.poll(() => confirm.innerText()).toBe('Expire 2 positions')
    expect(await positionStatus(stored)).toBe('open') // nothing is booked before the confirm
    await confirm.click()
    await page.getByText(`Expired positions #${stored}, #${typed} at settlement.`).waitFor()
    await expect.poll(() => page.getByText(/have expired legs|has expired legs/).count()).toBe(0)
    expect(await positionStatus(stored)).toBe('closed')
    expect(await positionStatus(typed)).toBe('closed')
    const detail = await call<PositionDetail>('positions:get', { id: typed })
    expect(detail.adjustments.map((a) => a.kind)).toContain('expire')
    // worthless at 7400: the 17.85 × 100 × 2 = $3,570 credit is all realised (no fees)
    expect(detail.summary.figures).toMatchObject({ realised: '3570', total: '3570' })
    await page.close()
  })

  async function positionStatus(id: number) {
    return (await call<PositionDetail>('positions:get', { id })).summary.status
  }

  it('creates and renames accounts, with refusals in words', async () => {
    const page = await openList('#/positions?status=all')
    await page.getByRole('button', { name: 'Accounts…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Accounts' })
    await dialog.getByRole('button', { name: 'Add account' }).click()
    expect(await dialog.getByRole('alert').innerText()).toBe('Give the account a name')
    await dialog.getByLabel('New account').fill('ira')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await dialog.getByText('There is already an account named "ira"').waitFor()
    await dialog.getByLabel('New account').fill('Roth')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await dialog.getByText('Added account "Roth".').waitFor()
    await dialog.getByLabel('Name of account Default').fill('Main')
    await dialog
      .getByRole('listitem')
      .filter({ has: page.getByLabel('Name of account Default') })
      .getByRole('button', { name: 'Rename' })
      .click()
    await dialog.getByText('Account renamed.').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    // The list shows the new name, and the account filter offers both new names.
    await expect.poll(() => table(page).getByText('Main').count()).toBeGreaterThan(0)
    const options = await page
      .getByLabel('Account', { exact: true })
      .locator('option')
      .allInnerTexts()
    expect(options).toEqual(['Any', 'IRA', 'Main', 'Roth'])
    const names = (await call<{ name: string }[]>('accounts:list', {})).map((a) => a.name)
    expect(names).toEqual(['IRA', 'Main', 'Roth'])
    await page.close()
  })

  it('is not clipped at 1024 px: the money columns scroll into view with their header', async () => {
    const page = await openList('#/positions?status=closed&tag=core')
    await page.setViewportSize({ width: 1024, height: 768 })
    await expect.poll(() => bodyRows(page).count()).toBe(2)
    const body = page.locator('.vtable-body')
    const tags = page.getByRole('columnheader', { name: 'Tags' })
    // At 1024 px the last columns start beyond the window: the table scrolls, it does not clip.
    const before = (await tags.boundingBox())!
    expect(before.x + before.width).toBeGreaterThan(1024)
    await body.focus()
    await page.keyboard.press('End') // keys still move the selection…
    await body.evaluate((el) => (el.scrollLeft = el.scrollWidth)) // …and the table scrolls sideways
    // The header follows the body on its scroll event (a frame later): wait for it, on a busy
    // machine too.
    await expect
      .poll(async () => {
        const after = (await tags.boundingBox())!
        return after.x + after.width
      })
      .toBeLessThanOrEqual(1024)
    // Header, rows and totals move together: the Total column lines up in all three.
    const header = (await page.getByRole('columnheader', { name: /^Total/ }).boundingBox())!
    const columns = await table(page).getByRole('columnheader').allInnerTexts()
    const at = columns.findIndex((c) => c === 'Total')
    const cell = (await bodyRows(page).first().getByRole('cell').nth(at).boundingBox())!
    const total = (await footer(page).getByRole('cell').nth(at).boundingBox())!
    expect(Math.abs(cell.x + cell.width - (header.x + header.width))).toBeLessThan(2)
    expect(Math.abs(total.x + total.width - (header.x + header.width))).toBeLessThan(2)
    expect(header.x + header.width).toBeLessThanOrEqual(1024)
    await page.close()
  })
})
