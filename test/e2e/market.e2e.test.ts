/// <reference lib="dom" />
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'

/** The Market page of a brand-new journal, through `wingman serve` in headless Chromium. */
e2eSuite('market page in Chromium', (ctx) => {
  const overview = async () =>
    (
      (await ctx.api('market:overview', {})).body.value as {
        instruments: { symbol: string; bars: number; last: string }[]
      }
    ).instruments

  it('shows the real SPX and VIX history of a new journal at once', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${ctx.app.url}#/market`)
    await page.getByText(/24,745 SPX bars · drawn in \d+ ms/).waitFor({ timeout: 30_000 })
    expect(await page.locator('.market-chart canvas').count()).toBeGreaterThan(4)
    // the legend shows the last session's values straight from the bundled files
    expect(await page.locator('.chart-legend').innerText()).toMatch(
      /2026-07-08[\s\S]*SPX\s+\d{4}\.\d{2}/,
    )
    const table = page.getByRole('complementary', { name: 'Stored series' })
    expect(await table.getByRole('row', { name: /^VIX3M/ }).innerText()).toMatch(
      /4,235[\s\S]*2009-09-18[\s\S]*2026-07-22/,
    )
    await page.getByRole('radio', { name: 'All' }).click()
    expect(await page.getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true')
    expect(errors).toEqual([])
    await page.close()
  })

  it('"Skip to content" (the first Tab stop) focuses the page and keeps the route', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${ctx.app.url}#/market`)
    await page.getByText(/24,745 SPX bars/).waitFor({ timeout: 30_000 })
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    expect(page.url()).toMatch(/#\/market$/)
    expect(await page.getByRole('link', { name: 'Market' }).getAttribute('aria-current')).toBe(
      'page',
    )
    await page.close()
  })

  it('explains a bad file line by line, imports nothing, then imports the good rows when asked', async () => {
    const before = await overview()
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${ctx.app.url}#/market`)
    await page.getByRole('button', { name: 'Import CSV…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import market data' })
    await dialog.getByLabel('File').setInputFiles({
      name: 'VIX_History.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\ufeffDATE,OPEN,HIGH,LOW,CLOSE\r\n07/23/2026,16,17,15,16.5\r\n07/24/2026,16,15,17,16\r\n13/01/2026,1,2,1,1\r\n07/27/2026,16,17,15,abc\r\n',
      ),
    })
    await expect.poll(() => dialog.getByLabel('Series').inputValue()).toBe('VIX')
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await dialog.getByText(/Nothing was imported: 3 of 4 rows/).waitFor()
    for (const line of [
      'line 3: high 15 is below low 17',
      'line 4: bad date "13/01/2026" (expected MM/DD/YYYY)',
      'line 5: close is not a number: "abc"',
    ])
      expect(await dialog.getByText(line).count(), line).toBe(1)
    expect(await overview()).toEqual(before)
    await dialog.getByRole('button', { name: 'Import the 1 good row' }).click()
    await dialog
      .getByText(/Imported VIX_History.csv into VIX: 1 inserted, 0 updated, 0 unchanged/)
      .waitFor()
    const after = await overview()
    expect(after.find((i) => i.symbol === 'VIX')).toMatchObject({ bars: 9_235, last: '2026-07-23' })
    await page.close()
  })
})
