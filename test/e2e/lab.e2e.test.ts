/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import type { LabRunResults, LabRunSummary, LabTradeReplay } from '../../shared/lab.ts'
import { e2eSuite, type E2eContext } from '../helpers/e2e.ts'

/**
 * The Lab page end to end (issue 14, points 4 and 5): a two-ruleset comparison (alvh against
 * hold-to-expiry over the first four months of 2024) set up and run through the page against the
 * real lab service, both curves and both metrics rows read off it and checked against lab:get,
 * a disagreement's day-by-day replay opened from its link; a setup refused before sending, a run
 * cancelled from its progress bar, and a stored run deleted.
 */

/** `usd` of renderer/src/lib/format.ts for an e4 amount, to compare page text with lab:get. */
function usdE4(e4: number): string {
  const cents = Math.floor((Math.abs(e4) + 50) / 100)
  if (cents === 0) return '$0.00'
  const whole = Math.floor(cents / 100).toLocaleString('en-US')
  return `${e4 < 0 ? '−' : ''}$${whole}.${String(cents % 100).padStart(2, '0')}`
}

async function value<T>(ctx: E2eContext, channel: string, body: unknown): Promise<T> {
  const r = await ctx.api(channel, body)
  if (!r.body.ok) throw new Error(`${channel}: ${r.body.error?.message}`)
  return r.body.value as T
}

e2eSuite('the Lab page in Chromium', (ctx) => {
  async function open(hash = '#/lab'): Promise<Page & { errors: string[] }> {
    const page = (await ctx.browser.newPage({
      viewport: { width: 1280, height: 1000 },
    })) as Page & { errors: string[] }
    page.setDefaultTimeout(20_000)
    page.errors = []
    page.on('pageerror', (e) => page.errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()))
    await page.goto(`${ctx.app.url}${hash}`)
    return page
  }
  const setup = (page: Page) => page.getByRole('form', { name: 'Set up a run' })
  /** Ticks exactly `ids`, in that order (the defaults tick the methodology's comparison). */
  async function pick(page: Page, names: string[]) {
    const ticked = setup(page).getByRole('checkbox', { checked: true })
    await setup(page).getByRole('checkbox').first().waitFor()
    while ((await ticked.count()) > 0) await ticked.first().uncheck()
    for (const name of names) await setup(page).getByRole('checkbox', { name }).check()
  }

  let run: LabRunResults

  it('runs alvh against hold-to-expiry and shows both curves and both metrics rows', async () => {
    const page = await open()
    await pick(page, ['Adaptive Layered VIX Hedge', 'Hold to expiry'])
    await page.getByLabel('First entry').fill('2024-01-02')
    await page.getByLabel('Last day').fill('2024-04-30')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await page.waitForURL(/#\/lab\?run=\d+$/, { timeout: 120_000 })
    const runId = Number(/run=(\d+)/.exec(page.url())![1])
    run = await value<LabRunResults>(ctx, 'lab:get', { runId })
    expect(run.summary.rulesets.map((r) => r.id)).toEqual(['alvh', 'hold-to-expiry'])
    expect(run.summary.from >= '2024-01-02' && run.summary.to <= '2024-04-30').toBe(true)

    // Both curves: one chart, one legend entry and one described ending per ruleset.
    const chart = page.locator('.lab-equity-chart')
    await chart.locator('canvas').first().waitFor()
    expect(await page.getByRole('list', { name: 'Rulesets' }).first().innerText()).toMatch(
      /Adaptive Layered VIX Hedge[\s\S]*alvh v1[\s\S]*Hold to expiry[\s\S]*hold-to-expiry v1/,
    )
    const label = (await chart.getAttribute('aria-label')) ?? ''
    for (const r of run.results) {
      const last = r.equity[r.equity.length - 1]!
      expect(label).toContain(
        `${r.ruleset.id} v${r.ruleset.version} ending at ${usdE4(last.equityE4)}`,
      )
    }
    expect(label).toContain('model prices, not historical option quotes')

    // Both metrics rows, the core's figures to the cent.
    const metrics = page.getByRole('table', { name: /^Metrics per ruleset/ })
    const rows = metrics.getByRole('row')
    expect(await rows.count()).toBe(3)
    for (const [i, r] of run.results.entries()) {
      const cells = (
        await rows
          .nth(i + 1)
          .getByRole('cell')
          .allInnerTexts()
      ).map((t) => t.trim())
      expect(
        await rows
          .nth(i + 1)
          .getByRole('rowheader')
          .innerText(),
      ).toContain(`${r.ruleset.id} v1`)
      expect(cells[0]).toBe(String(r.metrics.count))
      expect(cells[0]).toBe(String(run.summary.entries))
      expect(cells[5]).toBe(usdE4(r.metrics.totalE4))
      expect(cells[4]).toBe(usdE4(r.metrics.maxDrawdownE4))
    }
    // Every figure carries the model label.
    expect(await page.locator('.lab-results .lab-model-label').count()).toBeGreaterThanOrEqual(6)
    await page.getByRole('table', { name: /^Results by year/ }).waitFor()
    await page.getByRole('table', { name: /^Results by VIX regime/ }).waitFor()
    await page.getByRole('img', { name: /^Trades per P&L range/ }).waitFor()

    // The run is in the list, its totals as stored.
    const listed = page.getByRole('table', { name: 'Previous runs' }).getByRole('row').nth(1)
    expect(await listed.innerText()).toContain(usdE4(run.summary.totalsE4[1]!))
    expect(page.errors).toEqual([])
    await page.close()
  }, 150_000)

  it('opens the widest disagreement and replays it day by day under both rulesets', async () => {
    expect(run.disagreements.length).toBeGreaterThan(0)
    const d = run.disagreements[0]!
    const page = await open(`#/lab?run=${run.summary.id}`)
    const table = page.getByRole('table', { name: /^Trades where the rulesets disagreed/ })
    // By keyboard: the link takes focus and Enter follows it.
    await table.getByRole('link', { name: `Replay the trade entered ${d.entryDate}` }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: `Trade entered ${d.entryDate}` }).waitFor()
    expect(page.url()).toContain(`#/lab/${run.summary.id}/trade/${d.key}`)

    const replays = await value<LabTradeReplay[]>(ctx, 'lab:trade', {
      runId: run.summary.id,
      tradeKey: d.key,
    })
    // One outcome, one chart per ruleset; the P&L each took on this trade.
    for (const [i, r] of replays.entries()) {
      const outcome = page.getByRole('article', { name: `${r.ruleset.id} v1: outcome` })
      expect(await outcome.innerText()).toContain(usdE4(d.pnlE4[i]!))
    }
    await expect
      .poll(() => page.locator('.lab-replay-chart canvas').count())
      .toBeGreaterThanOrEqual(2)
    expect(await page.locator('.lab-replay-chart').count()).toBe(2)
    // Each session a row; the actions the rulesets took are on their days.
    const days = page.getByRole('table', { name: /^Day by day/ })
    const longest = Math.max(...replays.map((r) => r.days.length))
    expect(await days.locator('tbody tr').count()).toBe(longest)
    const acted = replays[0]!.days.find((x) => x.action !== 'HOLD')!
    expect(
      await days.getByRole('row', { name: new RegExp(`^${acted.date}`) }).innerText(),
    ).toContain(acted.action)
    // Back to the run.
    await page.getByRole('link', { name: `← Run #${run.summary.id}` }).click()
    await page.locator('.lab-equity-chart').waitFor()
    expect(page.errors).toEqual([])
    await page.close()
  }, 60_000)

  it('refuses a setup it cannot run, in words, without sending it', async () => {
    const page = await open()
    await pick(page, [])
    await page.getByLabel('First entry').fill('2024-06-01')
    await page.getByLabel('Last day').fill('2024-01-01')
    await page.getByLabel('Wing width (points)').fill('52')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const form = setup(page)
    await form.getByText('Pick at least one ruleset').waitFor()
    await form.getByText('The start is after the end').waitFor()
    await form.getByText('SPX strikes are 5 points apart').waitFor()
    expect(await page.getByLabel('Wing width (points)').getAttribute('aria-invalid')).toBe('true')
    const runs = await value<LabRunSummary[]>(ctx, 'lab:runs', {})
    expect(runs).toHaveLength(1)
    await page.close()
  })

  it('cancels a whole-history run from its progress bar: nothing is stored', async () => {
    const page = await open()
    await pick(page, ['Adaptive Layered VIX Hedge', 'Mechanical wing', 'Hold to expiry'])
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await page.getByRole('progressbar', { name: 'Lab run' }).waitFor()
    await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 30_000 })
    await page.getByRole('alert').filter({ hasText: 'Cancelled' }).waitFor({ timeout: 60_000 })
    expect(await value<LabRunSummary[]>(ctx, 'lab:runs', {})).toHaveLength(1)
    await page.close()
  }, 120_000)

  it('deletes a stored run after asking', async () => {
    const page = await open(`#/lab?run=${run.summary.id}`)
    await page.getByRole('button', { name: `Delete run ${run.summary.id}` }).click()
    await page.getByText(`Delete run #${run.summary.id} and its figures?`).waitFor()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByText('No runs yet.').waitFor()
    await page.waitForURL(/#\/lab$/)
    expect(await value<LabRunSummary[]>(ctx, 'lab:runs', {})).toEqual([])
    await page.close()
  })
})
