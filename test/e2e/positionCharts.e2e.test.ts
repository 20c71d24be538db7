/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'
import { REPO_ROOT } from '../helpers/serve.ts'

/**
 * The position page's payoff and SPX charts, end to end through `wingman serve` in headless
 * Chromium (skipped with a notice when no Chromium is installed, unless WINGMAN_E2E=required).
 */

/** The SPX close of `date` in the bundled history the journal was initialised from. */
function bundledSpxClose(date: string): string {
  const csv = readFileSync(join(REPO_ROOT, 'resources/market/spx_daily.csv'), 'utf8')
  const row = csv.split('\n').find((l) => l.startsWith(`${date},`))
  if (!row) throw new Error(`no SPX bar on ${date}`)
  return Number(row.split(',')[4]).toFixed(2)
}

e2eSuite('position charts in Chromium', (ctx) => {
  beforeAll(async () => {
    // Uneven wings so the max loss must use the wider one: put wing 75, call wing 50.
    const res = await ctx.api('positions:createIronCondor', {
      underlying: 'SPX',
      entryDate: '2026-06-01',
      expiration: '2026-07-17',
      longPut: '7125',
      shortPut: '7200',
      shortCall: '7900',
      longCall: '7950',
      quantity: 3,
      credit: '9.65',
    })
    expect(res.body.ok).toBe(true)
  }, 60_000)

  async function openPosition(): Promise<{ page: Page; errors: string[] }> {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 1600 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${ctx.app.url}#/positions/1`)
    await page.getByRole('table', { name: 'Payoff figures' }).waitFor()
    return { page, errors }
  }

  const figure = (page: Page, name: string | RegExp) =>
    page
      .getByRole('table', { name: 'Payoff figures' })
      .getByRole('row', { name })
      .locator('td')
      .innerText()

  it('shows the hand-checked breakevens and max loss of the condor', async () => {
    const { page, errors } = await openPosition()
    // K2 − C = 7200 − 9.65; K3 + C = 7900 + 9.65
    expect(await figure(page, /^Breakevens/)).toBe('7190.35 / 7909.65')
    // (max(7200 − 7125, 7950 − 7900) − 9.65) × 100 × 3 = 65.35 × 300
    expect(await figure(page, /^Max loss/)).toBe('$19,605.00')
    // 9.65 × 100 × 3
    expect(await figure(page, /^Max profit/)).toBe('$2,895.00')
    // an expired trade opens on its entry day, at that day's SPX close from the market data
    const payoff = page.getByRole('region', { name: 'Payoff' })
    expect(await payoff.getByLabel('Spot').inputValue()).toBe(bundledSpxClose('2026-06-01'))
    // entered at one net price: each leg's IV comes from the VIX term structure of the date
    expect(await payoff.getByTestId('iv-source').innerText()).toBe(
      'IV from the VIX term structure of 2026-06-01',
    )
    expect(await payoff.getByTestId('date-source').innerText()).toMatch(
      /replays the stored SPX closes; IV moves with the VIX of each date/,
    )
    expect(await page.getByRole('table', { name: 'Greeks' }).innerText()).toMatch(
      /Delta[\s\S]*Gamma[\s\S]*Theta[\s\S]*Vega/,
    )
    expect(errors).toEqual([])
    await page.close()
  })

  it('moves the model value with the date and IV-shift sliders without re-creating the chart', async () => {
    const { page, errors } = await openPosition()
    const pnl = page.getByTestId('model-pnl')
    const dateSlider = page.getByRole('slider', { name: /^Date/ })
    // Tag the chart's canvas: a re-created chart would bring new canvases without the tag.
    await page.evaluate(() => {
      document.querySelector<HTMLCanvasElement>('.payoff-chart canvas')!.dataset.mark = 'first'
    })
    const before = await pnl.innerText()
    const dateBefore = await dateSlider.getAttribute('aria-valuetext')

    await dateSlider.focus()
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight')
    expect(await dateSlider.getAttribute('aria-valuetext')).not.toBe(dateBefore)
    const tenDaysOn = await pnl.innerText()
    expect(tenDaysOn).not.toBe(before)
    // the replay: ten days on is 2026-06-11, and the spot is that day's stored close
    expect(await dateSlider.getAttribute('aria-valuetext')).toMatch(/^2026-06-11,/)
    const payoff = page.getByRole('region', { name: 'Payoff' })
    expect(await payoff.getByLabel('Spot').inputValue()).toBe(bundledSpxClose('2026-06-11'))
    expect(await payoff.getByTestId('iv-source').innerText()).toBe(
      'IV from the VIX term structure of 2026-06-11',
    )

    // A short condor with spot between the shorts is short vega: more IV, lower value.
    const parse = (t: string) => Number(t.replace(/[$,]/g, '').replace('−', '-'))
    await page.getByRole('slider', { name: /^IV shift/ }).focus()
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
    expect(parse(await pnl.innerText())).toBeLessThan(parse(tenDaysOn))

    // On the expiry date the model value is the payoff; the history ends 2026-07-08, whose close
    // (7482.71) is the spot from then on and lies between the shorts: the whole credit.
    await dateSlider.focus()
    await page.keyboard.press('End')
    expect(await dateSlider.getAttribute('aria-valuetext')).toMatch(/^2026-07-17, 0 days/)
    expect(await pnl.innerText()).toBe('$2,895.00')

    expect(await page.locator('.payoff-chart canvas[data-mark="first"]').count()).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('draws the SPX price chart around the trade', async () => {
    const { page, errors } = await openPosition()
    const chart = page.getByRole('img', { name: /^SPX daily candles/ })
    await chart.locator('canvas').first().waitFor()
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0)
    const box = await chart.boundingBox()
    expect(box?.height).toBeGreaterThan(200)
    // 60 sessions before the entry through the last bar before expiry
    expect(await chart.getAttribute('aria-label')).toMatch(/from 2026-03-\d\d to 2026-07-08/)
    expect(
      await page.getByText(/expiry 2026-07-17 \(after the last bar, 2026-07-08\)/).count(),
    ).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })
})
