/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { MarketStaleness } from '../../shared/marketUpdate.ts'
import { e2eSuite } from '../helpers/e2e.ts'
import {
  LAST,
  indexPath,
  startPublisherServer,
  type PublisherServer,
} from '../helpers/publisherServer.ts'

/**
 * The Market page's market data (issue 12) through `wingman serve` in headless Chromium: closes
 * typed in Today's market, and "Update market data" against a stand-in for Cboe's CDN on
 * 127.0.0.1 (the host is started with WINGMAN_MARKET_SOURCE_BASE pointing at it) — never the
 * internet.
 */
let publisher: PublisherServer
beforeAll(async () => {
  publisher = await startPublisherServer()
  publisher.set(indexPath('VIX6M'), { status: 404, body: 'Not Found' })
  process.env.WINGMAN_MARKET_SOURCE_BASE = publisher.origin
  process.env.WINGMAN_MARKET_TIMEOUT_MS = '10000'
})
afterAll(async () => {
  delete process.env.WINGMAN_MARKET_SOURCE_BASE
  delete process.env.WINGMAN_MARKET_TIMEOUT_MS
  await publisher?.close()
})

e2eSuite('market data in Chromium', (ctx) => {
  const staleness = async () =>
    (await ctx.api('market:staleness', {})).body.value as MarketStaleness
  const lastOf = async (series: string) =>
    (await staleness()).series.find((s) => s.series === series)

  it('Today’s market: the typed closes extend each series and its last date moves; a day stored from a file is shown and kept', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${ctx.app.url}#/market`)
    await page.getByText(/24,745 SPX bars/).waitFor({ timeout: 30_000 })
    const side = page.getByRole('complementary', { name: 'Stored series' })
    const row = (name: RegExp) => side.getByRole('row', { name })
    await row(/^VIX 9,234/).waitFor()
    // The bundled VIX ends 2026-07-22, SPX 2026-07-08: both far behind today.
    expect(await row(/^VIX 9,234/).innerText()).toMatch(/2026-07-22\s+\d+/)
    expect(await row(/^SPX /).innerText()).toMatch(/2026-07-08/)

    const form = page.getByRole('form', { name: 'Today’s market' })
    // 2026-07-22 is in the bundled VIX file (close 16.64): shown, read-only, not typed over.
    await form.getByLabel('Session').fill('2026-07-22')
    const vix = form.getByLabel('VIX', { exact: true })
    await expect.poll(() => vix.inputValue()).toBe('16.64')
    expect(await vix.getAttribute('readonly')).not.toBeNull()
    expect(await form.getByText('from a file').count()).toBeGreaterThan(0)

    await form.getByLabel('Session').fill('2026-07-23')
    await expect.poll(() => vix.inputValue()).toBe('')
    const typed: [string, string][] = [
      ['SPX', '7455.20'],
      ['VIX', '17.85'],
      ['VIX9D', 'abc'],
      ['VIX3M', '19.95'],
      ['VX1', '18.60'],
      ['VX2', '19.70'],
      ['VX3', '20.45'],
      ['NYSE advancing', '1,612'],
      ['NYSE declining', '1184'],
    ]
    for (const [label, value] of typed) await form.getByLabel(label, { exact: true }).fill(value)
    const keep = form.getByRole('button', { name: 'Keep as the session’s closes' })
    await keep.click()
    await form.getByText('Not a number above 0').waitFor()
    expect((await lastOf('VIX'))?.lastDate).toBe('2026-07-22') // nothing was stored
    await form.getByLabel('VIX9D', { exact: true }).fill('16.40')
    await keep.click()
    await form
      .getByText(
        'Kept as 2026-07-23’s close, entered by hand: SPX 7,455.2, VIX 17.85, VIX9D 16.4, VIX3M 19.95, VX1 18.6, VX2 19.7, VX3 20.45, NYSE advancing 1,612, NYSE declining 1,184.',
      )
      .waitFor()
    // The page reads the history again: one more SPX bar, each series' last day moved.
    await page.getByText(/24,746 SPX bars/).waitFor()
    await expect.poll(() => row(/^VIX 9,235/).innerText()).toMatch(/2026-07-23\s*hand/i)
    expect(await row(/^SPX /).innerText()).toMatch(/2026-07-23\s*hand/i)
    expect(await row(/^VX1 /).innerText()).toMatch(/2026-07-23\s*hand/i)
    expect(await row(/^NYSE A\/D /).innerText()).toMatch(/2026-07-23\s*hand/i)
    expect(await lastOf('VX1')).toMatchObject({
      lastDate: '2026-07-23',
      lastSource: 'hand',
      handDays: 1,
    })
    expect(await page.locator('.chart-legend').innerText()).toMatch(/2026-07-23[\s\S]*7455\.20/)
    expect(errors).toEqual([])
    await page.close()
  })

  it('Update market data: refused while the Settings switch is off; switched on, each source’s result and the series at the fixtures’ last day', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(`${ctx.app.url}#/market`)
    await page.getByText(/SPX bars/).waitFor({ timeout: 30_000 })
    const requests = publisher.requests.length
    await page.getByRole('button', { name: 'Update market data' }).click()
    const refusal = page
      .getByRole('alert')
      .filter({ hasText: 'Updating market data is switched off' })
    await refusal.waitFor()
    expect(publisher.requests.length).toBe(requests) // nothing was asked for
    await refusal.getByRole('link', { name: 'Open Settings' }).click()

    const toggle = page.getByRole('switch', { name: 'Update market data from the publishers' })
    await page.getByText('The files').waitFor()
    expect(await toggle.isChecked()).toBe(false)
    await toggle.check()
    await page.getByText('On: “Update market data” on the Market page can download.').waitFor()
    expect((await ctx.api('market:updateSettings', {})).body.value).toMatchObject({
      enabled: true,
    })

    await page.getByRole('link', { name: 'Market' }).click()
    await page.getByRole('button', { name: 'Update market data' }).click()
    const report = page.getByRole('region', { name: 'Market data update' })
    const sources = report.getByRole('table')
    await sources.waitFor({ timeout: 60_000 })
    await report
      .getByText(/^Asked the publishers for every day up to \d{4}-\d\d-\d\d: 1 source failed/)
      .waitFor()
    const result = (src: string) => sources.getByRole('row', { name: new RegExp(`^${src} `) })
    expect(await result('VIX6M').innerText()).toMatch(
      /failed\s+nothing stored: VIX6M_History\.csv answered 404 Not Found/,
    )
    // The hand-typed 2026-07-23 is replaced by the publisher's, and the rest added.
    expect(await result('VIX').innerText()).toMatch(
      /updated\s+stored \d+ closes up to 2026-11-24 \(1 close typed by hand replaced\)/,
    )
    expect(await result('VX').innerText()).toMatch(/updated\s+stored [\d,]+ days of VX1–VX8/)
    const side = page.getByRole('complementary', { name: 'Stored series' })
    await expect.poll(() => side.getByRole('row', { name: /^VIX / }).innerText()).toMatch(LAST)
    expect(await side.getByRole('row', { name: /^VX8 / }).innerText()).toMatch(LAST)
    expect(await side.getByRole('row', { name: /^VIX6M / }).innerText()).toMatch('2026-04-24')
    expect(await lastOf('VIX')).toMatchObject({ lastDate: LAST, lastSource: 'publisher' })
    await report.getByRole('button', { name: 'Close' }).click()
    await report.waitFor({ state: 'detached' })
    await page.close()
  })
})
