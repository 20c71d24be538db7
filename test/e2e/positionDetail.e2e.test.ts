/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'

/**
 * The position page end to end (issue 9, points 1, 2, 5, 8): every card from the core's ledger,
 * a fill corrected with its original and history kept, a void and a restore, the call side
 * closed without Evaluate, and a mark entered for a VX hedge — each against hand-computed dollars.
 */

const option = (optionType: 'call' | 'put', strike: string, quantity: number, price: string) => ({
  instrumentType: 'option',
  root: 'SPX',
  optionType,
  strike,
  expiration: '2026-07-17',
  quantity,
  price,
})

/**
 * An SPX condor 7150/7200/7500/7550 × 2 opened 2026-06-01 with per-leg prices, so realised
 * and open P&L can be told apart: 20.10 paid, 25.50 and 33.40 received, 20.95 paid (net credit
 * 17.85), fees 5.20.
 */
const condor = {
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
}

/** A dollar figure as the page writes it ("−$1,060.40") in cents, to compare differences exactly. */
const cents = (text: string): number => {
  const m = /(−|-)?\$([\d,]+)\.(\d\d)\b/.exec(text)
  if (!m) throw new Error(`no dollar figure in ${JSON.stringify(text)}`)
  const v = Number(m[2]!.replace(/,/g, '')) * 100 + Number(m[3])
  return m[1] ? -v : v
}

e2eSuite('the position page in Chromium', (ctx) => {
  const call = async <T>(channel: string, body: unknown): Promise<T> => {
    const r = await ctx.api(channel, body)
    if (!r.body.ok) throw new Error(`${channel}: ${JSON.stringify(r.body.error)}`)
    return r.body.value as T
  }
  interface Detail {
    legs: { id: number; strike: string | null; root: string }[]
    fills: { id: number; legId: number; effect: string }[]
  }
  const legId = (d: Detail, strike: string) => d.legs.find((l) => l.strike === strike)!.id

  async function openPage(id: number): Promise<Page & { errors: string[] }> {
    const page = (await ctx.browser.newPage({
      viewport: { width: 1280, height: 1000 },
    })) as Page & { errors: string[] }
    page.errors = []
    page.on('pageerror', (e) => page.errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()))
    await page.goto(`${ctx.app.url}#/positions/${id}`)
    await page.locator('.figure-cards').waitFor()
    return page
  }
  /** The value line of a card ("Realised" → "−$1,060.40"). */
  const card = (page: Page, label: string) =>
    page.locator('.figure-cards .fact').filter({ has: page.locator('dt', { hasText: label }) })
  const cardValue = async (page: Page, label: string) =>
    (await card(page, label).locator('dd').first().innerText()).trim()

  it('corrects a fill: the corrected value beside the original, the history entry, and the cards move by the hand-computed amount', async () => {
    const { id } = await call<{ id: number }>('positions:create', condor)
    const d0 = await call<Detail>('positions:get', { id })
    // The call side closed on 2026-06-22: 7500 bought back at 40.10, 7550 sold at 22.40.
    await call('adjustments:log', {
      positionId: id,
      kind: 'partial_close',
      occurredOn: '2026-06-22',
      time: '15:30',
      closes: [
        { legId: legId(d0, '7500'), quantity: 2, price: '40.10' },
        { legId: legId(d0, '7550'), quantity: 2, price: '22.40' },
      ],
      fees: '5.20',
    })
    const page = await openPage(id)
    // Realised = (33.40 − 40.10 + 22.40 − 20.95) × 100 × 2 − (5.20 + 5.20) = −1050 − 10.40
    expect(await cardValue(page, 'Realised')).toBe('−$1,060.40')
    const totalBefore = cents(await cardValue(page, 'Total'))
    const openBefore = await cardValue(page, 'Open P&L')

    const fills = page.getByRole('table', { name: 'Fills' })
    const closeRow = fills.getByRole('row').filter({ hasText: /buy to close/ })
    await closeRow.getByRole('button', { name: /^Correct fill/ }).click()
    const dialog = page.getByRole('dialog', { name: /^Correct fill/ })
    // Saving without a reason is refused beside the field, nothing sent.
    await dialog.getByLabel('Price per share').fill('39.60')
    await dialog.getByRole('button', { name: 'Save correction' }).click()
    await dialog.getByText('Say why (it is kept in the history)').waitFor()
    await dialog.getByLabel('Reason for the correction').fill('Broker statement: filled at 39.60')
    await dialog.getByRole('button', { name: 'Save correction' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    // The corrected price, with the one first recorded struck through.
    await expect.poll(() => closeRow.locator('del').count()).toBe(1)
    expect(await closeRow.locator('del').innerText()).toMatch(/40\.10/)
    expect(await closeRow.locator('ins').innerText()).toBe('39.60')
    const history = page.getByRole('list', { name: 'History' })
    expect(await history.innerText()).toMatch(
      /Fill corrected[\s\S]*price 40\.10 → 39\.60[\s\S]*Reason: Broker statement: filled at 39\.60/,
    )
    // 0.50 less paid × 100 × 2 = +$100.00 realised and total; the open legs did not change.
    // Realised = (33.40 − 39.60 + 22.40 − 20.95) × 200 − 10.40 = −950 − 10.40
    expect(await cardValue(page, 'Realised')).toBe('−$960.40')
    expect(cents(await cardValue(page, 'Total')) - totalBefore).toBe(100_00)
    expect(await cardValue(page, 'Open P&L')).toBe(openBefore)

    // The close's fees corrected 5.20 → 6.20: one dollar more of fees, one less realised.
    const closeTrade = page
      .getByRole('table', { name: 'Adjustments' })
      .getByRole('row')
      .filter({ hasText: 'partial close' })
    await closeTrade.getByRole('button', { name: /^Correct the partial close/ }).click()
    const adj = page.getByRole('dialog', { name: /^Correct the partial close/ })
    await adj.getByLabel('Fees ($)').fill('6.20')
    await adj.getByLabel('Reason for the correction').fill('Regulatory fee missing')
    await adj.getByRole('button', { name: 'Save correction' }).click()
    await expect.poll(() => adj.isVisible()).toBe(false)
    await expect.poll(() => cardValue(page, 'Fees')).toBe('$11.40')
    expect(await cardValue(page, 'Realised')).toBe('−$961.40')
    expect(await closeTrade.locator('del').innerText()).toMatch(/\$5\.20/)
    expect(await closeTrade.locator('ins').innerText()).toBe('$6.20')
    expect(await history.innerText()).toMatch(
      /Trade corrected[\s\S]*fees 5\.20 → 6\.20[\s\S]*Reason: Regulatory fee missing/,
    )
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('voids a position (gone from the open list, listed under voided) and restores it', async () => {
    const { id } = await call<{ id: number }>('positions:create', condor)
    const listed = async (status: string) =>
      (await call<{ positions: { id: number }[] }>('positions:list', { status })).positions.some(
        (p) => p.id === id,
      )
    expect(await listed('open')).toBe(true)
    const page = await openPage(id)
    // An edit first: tags and thesis, kept in the history.
    await page.getByRole('button', { name: 'Edit…' }).click()
    const edit = page.getByRole('dialog', { name: 'Edit position' })
    await edit.getByLabel('Tags').fill('weekly, test')
    await edit.getByLabel('Thesis').fill('Range trade into OPEX')
    await edit.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => edit.isVisible()).toBe(false)
    await page.locator('.detail-head .tag', { hasText: 'weekly' }).waitFor()
    expect(await page.getByText('Range trade into OPEX').count()).toBe(1)

    await page.getByRole('button', { name: 'Void…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Void position' })
    await dialog.getByRole('button', { name: 'Void' }).click()
    await dialog.getByText('Say why (it is kept in the history)').waitFor()
    await dialog.getByLabel('Reason').fill('Entered twice')
    await dialog.getByRole('button', { name: 'Void' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    await page
      .getByRole('note')
      .filter({ hasText: /^Voided/ })
      .waitFor()
    expect(await page.getByRole('note').innerText()).toMatch(/Entered twice/)
    expect(await page.locator('.detail-head .badge.voided').innerText()).toMatch(/voided/i)
    expect(await listed('open')).toBe(false)
    expect(await listed('voided')).toBe(true)
    // A voided position takes no trades until it is restored.
    expect(await page.getByRole('button', { name: /^Close/ }).count()).toBe(0)

    await page.getByRole('button', { name: 'Restore…' }).click()
    const restore = page.getByRole('dialog', { name: 'Restore position' })
    await restore.getByLabel('Reason').fill('It was not a duplicate')
    await restore.getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => restore.isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Void…' }).waitFor()
    expect(await page.locator('.detail-head .badge.voided').count()).toBe(0)
    expect(await listed('open')).toBe(true)
    expect(await listed('voided')).toBe(false)
    const history = await page.getByRole('list', { name: 'History' }).innerText()
    expect(history).toMatch(
      /Edit[\s\S]*tags \(none\) → test, weekly[\s\S]*Voided[\s\S]*Reason: Entered twice[\s\S]*Restored[\s\S]*Reason: It was not a duplicate/,
    )
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('closes the call side without Evaluate: per-leg prices, Realised and Total by hand', async () => {
    const { id } = await call<{ id: number }>('positions:create', condor)
    const page = await openPage(id)
    // Before any close: only the 5.20 of fees is realised.
    expect(await cardValue(page, 'Realised')).toBe('−$5.20')
    await page.getByRole('button', { name: 'Close call side…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Close call side' })
    const legs = dialog.getByRole('table', { name: 'Legs to close' })
    expect(await legs.getByRole('row').count()).toBe(3) // header + the two call legs
    // each open leg's quantity is filled in; the prices are for the trader
    expect(await dialog.getByLabel(/Contracts of SPX 7500 call/).inputValue()).toBe('2')
    expect(await dialog.getByLabel(/Contracts of SPX 7550 call/).inputValue()).toBe('2')
    await dialog.getByRole('button', { name: 'Close call side' }).click()
    expect(await dialog.getByText('Enter the price of this leg').count()).toBe(2)

    await dialog.getByLabel(/Close price of SPX 7500 call/).fill('40.10')
    await dialog.getByLabel(/Close price of SPX 7550 call/).fill('22.40')
    await dialog.getByLabel('Time (New York)').fill('15:30')
    await dialog.getByLabel('Fees (total, $)').fill('5.20')
    // A date before the position opened: the core's refusal, in words, beside the date.
    await dialog.getByLabel('Date (New York)').fill('2026-05-29')
    await dialog.getByRole('button', { name: 'Close call side' }).click()
    const dateField = dialog.locator('.field').filter({ has: page.getByLabel('Date (New York)') })
    await dateField.locator('.field-error').waitFor()
    expect(await dateField.locator('.field-error').innerText()).toMatch(/opened on 2026-06-01/)
    await dialog.getByLabel('Date (New York)').fill('2026-06-22')
    await dialog.getByRole('button', { name: 'Close call side' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    // Realised = short 7500: (33.40 − 40.10) × 100 × 2 = −1340; long 7550: (22.40 − 20.95) × 200
    // = +290; fees 5.20 + 5.20 → −1050 − 10.40 = −1060.40
    await expect.poll(() => cardValue(page, 'Realised')).toBe('−$1,060.40')
    // Total = realised + the model value of the put spread still open
    const realised = cents(await cardValue(page, 'Realised'))
    const open = cents(await cardValue(page, 'Open P&L'))
    expect(cents(await cardValue(page, 'Total'))).toBe(realised + open)
    expect(await cardValue(page, 'Fees')).toBe('$10.40')
    // The put spread as it stands: 50 wide × 200 = 10,000 at risk against the net credit
    // 17.85 × 200 − 40.10 × 200 + 22.40 × 200 − 10.40 = 3570 − 8020 + 4480 − 10.40 = 19.60
    expect(await cardValue(page, 'Net credit so far')).toBe('$19.60')
    expect(await cardValue(page, 'Max profit')).toBe('$19.60')
    expect(await cardValue(page, 'Max loss')).toBe('$9,980.40')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(
      /SPX iron condor\s+\+2×7150P −2×7200P$/,
    )
    const callRow = page
      .getByRole('table', { name: 'Legs' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '7500', exact: true }) })
    expect(await callRow.innerText()).toMatch(/0 of −2/)
    expect(
      await page.getByRole('table', { name: 'Adjustments' }).getByRole('row').nth(2).innerText(),
    ).toMatch(/partial close[\s\S]*−\$3,540\.00[\s\S]*\$5\.20/)
    // recorded without a decision
    expect(await call<unknown[]>('decisions:list', { positionId: id })).toEqual([])
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('expires an SPXW put spread at the stored close of its expiry day', async () => {
    // SPXW is PM-settled: the 2026-06-26 SPX close, 7354.02 (resources/market/spx_daily.csv)
    const { id } = await call<{ id: number }>('positions:create', {
      structure: 'put_credit_spread',
      entryDate: '2026-06-01',
      time: '11:00',
      legs: [
        { ...option('put', '7300', 1, '5.10'), root: 'SPXW', expiration: '2026-06-26' },
        { ...option('put', '7400', -1, '9.60'), root: 'SPXW', expiration: '2026-06-26' },
      ],
      fees: '1.30',
    })
    const page = await openPage(id)
    await page.getByRole('button', { name: 'Expire…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Expire legs' })
    const rows = dialog.getByRole('table', { name: 'Expiring legs' }).getByRole('row')
    expect(await dialog.getByRole('textbox').count()).toBe(0) // nothing to type
    // 7300 put: out of the money, 0; 7400 put: 7400 − 7354.02 = 45.98 × 100 × −1 = −4598
    expect(await rows.nth(1).innerText()).toMatch(
      /SPXW 7300 put 2026-06-26\s+\+1\s+0\.00\s+\$0\.00\s+stored history of 2026-06-26/,
    )
    expect(await rows.nth(2).innerText()).toMatch(
      /SPXW 7400 put 2026-06-26\s+−1\s+45\.98\s+−\$4,598\.00\s+stored history of 2026-06-26/,
    )
    await dialog.getByRole('button', { name: 'Book expiry' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => page.locator('.detail-head .badge.closed').count()).toBe(1)
    // (9.60 − 5.10) × 100 − 4598 − 1.30 fees = 450 − 4598 − 1.30
    expect(await cardValue(page, 'Realised')).toBe('−$4,149.30')
    expect(await cardValue(page, 'Total')).toBe('−$4,149.30')
    expect(await cardValue(page, 'Open P&L')).toBe('$0.00')
    expect(await page.getByRole('button', { name: 'Expire…' }).count()).toBe(0)
    expect(await page.getByRole('table', { name: 'Adjustments' }).innerText()).toMatch(
      /expire[\s\S]*−\$4,598\.00/,
    )
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('expires past the stored history at the settlement you type', async () => {
    // 2026-07-17 lies after the bundled history (it ends 2026-07-08): the page asks for the level
    const { id } = await call<{ id: number }>('positions:create', {
      structure: 'put_credit_spread',
      entryDate: '2026-06-01',
      legs: [option('put', '7300', 1, '5.10'), option('put', '7400', -1, '9.60')],
      fees: '1.30',
    })
    const page = await openPage(id)
    await page.getByRole('button', { name: 'Expire…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Expire legs' })
    await dialog.getByRole('button', { name: 'Book expiry' }).click()
    await dialog.getByText('Enter the settlement (a number, 0 or more)').waitFor()
    await dialog.getByLabel('SPX settlement on 2026-07-17').fill('7380')
    const rows = dialog.getByRole('table', { name: 'Expiring legs' }).getByRole('row')
    // 7300 put: 0; 7400 put: 7400 − 7380 = 20 × 100 × −1 = −2000
    await expect
      .poll(() => rows.nth(2).innerText())
      .toMatch(/SPX 7400 put 2026-07-17\s+−1\s+20\.00\s+−\$2,000\.00\s+settlement 7380 you entered/)
    expect(await rows.nth(1).innerText()).toMatch(/0\.00\s+\$0\.00/)
    await dialog.getByRole('button', { name: 'Book expiry' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    // (9.60 − 5.10) × 100 − 2000 − 1.30
    await expect.poll(() => cardValue(page, 'Realised')).toBe('−$1,551.30')
    expect(await cardValue(page, 'Total')).toBe('−$1,551.30')
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('values a VX hedge layer at the mark you enter: (19.10 − 18.25) × 1000', async () => {
    const { id } = await call<{ id: number }>('positions:create', condor)
    await call('positions:create', {
      structure: 'future',
      entryDate: '2026-06-22',
      time: '15:45',
      legs: [
        {
          instrumentType: 'future',
          root: 'VX',
          expiration: '2026-07-22',
          quantity: 1,
          price: '18.25',
        },
      ],
      fees: '2.50',
      hedgeOf: id,
    })
    const page = await openPage(id)
    const layers = page.getByRole('table', { name: 'Hedge layers' })
    // a future moves no premium: only its fees are realised, and it has no value until marked
    expect(await layers.getByRole('row').nth(1).innerText()).toMatch(
      /#1\s+open\s+\+1 VX future 2026-07-22\s+−\$2\.50\s+—\s+—/,
    )
    const needed = page.getByRole('region', { name: 'Marks needed' })
    expect(await needed.innerText()).toMatch(/VX future 2026-07-22/)
    await needed.getByRole('button', { name: /Enter mark for VX future 2026-07-22/ }).click()
    const dialog = page.getByRole('dialog', { name: /^Mark for VX future/ })
    await dialog.getByLabel('Date').fill('2026-07-08')
    await dialog.getByLabel(/^Mark of VX future/).fill('19.10')
    await dialog.getByRole('button', { name: 'Save mark' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    // (19.10 − 18.25) × 1000 × +1 = 850; total 850 − 2.50
    await expect
      .poll(() => layers.getByRole('row').nth(1).innerText())
      .toMatch(/−\$2\.50\s+\$850\.00\s+\$847\.50/)
    expect(await page.getByRole('region', { name: 'Marks needed' }).count()).toBe(0)
    expect(await page.getByRole('list', { name: 'History' }).innerText()).toMatch(
      /Mark entered[\s\S]*2026-07-08[\s\S]*19\.1/,
    )
    expect(page.errors).toEqual([])
    await page.close()
  })
})
