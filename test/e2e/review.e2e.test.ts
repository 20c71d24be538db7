/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'
import { httpCall, reviewScenario } from '../helpers/reviewScenario.ts'

/**
 * The Review page end to end (issue 10, points 4 and 6): issue 10's scenario built through the
 * API — a condor rolled once, one overridden close, one held to a real expiry (see
 * test/helpers/reviewScenario.ts and the hand computations in
 * test/integration/review/review.test.ts) — and the same figures read off the page, the CSV
 * downloaded from it, and a row's position link followed.
 */

/** A row's cells as the page writes them, in column order. */
const cells = async (row: Locator): Promise<string[]> =>
  (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())

const COLUMNS = [
  'date',
  'position',
  'ruleset',
  'recommended',
  'taken',
  'followed',
  'actual',
  'closedAtDecision',
  'heldToExpiry',
  'recommendedPath',
  'edgeVsClosed',
  'edgeVsHeld',
  'final',
] as const
const byColumn = (texts: string[]) => Object.fromEntries(COLUMNS.map((c, i) => [c, texts[i]]))

e2eSuite('the Review page in Chromium', (ctx) => {
  let ids: { a: number; b: number; c: number }

  async function openReview(hash = '#/review'): Promise<Page & { errors: string[] }> {
    ids ??= await reviewScenario(httpCall(ctx.app.origin, ctx.app.token))
    const page = (await ctx.browser.newPage({
      viewport: { width: 1280, height: 1000 },
    })) as Page & { errors: string[] }
    // A step that hangs fails with its locator, well inside the test's own timeout.
    page.setDefaultTimeout(10_000)
    page.errors = []
    page.on('pageerror', (e) => page.errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()))
    await page.goto(`${ctx.app.url}${hash}`)
    await decisions(page).getByRole('row').nth(1).waitFor()
    return page
  }
  const decisions = (page: Page) => page.getByRole('table', { name: 'Decisions', exact: true })
  const row = (page: Page, taken: string) =>
    decisions(page).getByRole('row').filter({ hasText: taken })

  it('says how to log a decision while the journal has none', async () => {
    const page = (await ctx.browser.newPage()) as Page
    await page.goto(`${ctx.app.url}#/review`)
    const empty = page.locator('.review-empty')
    await empty.waitFor()
    expect(await empty.innerText()).toMatch(
      /No decisions logged yet[\s\S]*Evaluate now[\s\S]*Log adjustment/,
    )
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true)
    await page.close()
  })

  it('shows the logged roll and the overridden close with their hand-computed figures', async () => {
    const page = await openReview()
    expect(await page.getByText('Model values as of').innerText()).toMatch(/\d{4}-\d\d-\d\d/)
    expect(await page.locator('.review-meaning').innerText()).toMatch(
      /Actual: what was done\. Closed at decision: .* Held to expiry: /,
    )

    // C rolled the call side: −$300 done, −$750 closing at the marks, +$500 held (the
    // recommended HOLD); edges +$450 and −$800.
    expect(byColumn(await cells(row(page, 'ROLL_UP_CALL')))).toEqual({
      date: '2024-12-04',
      position: `#${ids.c}`,
      ruleset: 'mechanical-wing v1',
      recommended: 'HOLD',
      taken: 'ROLL_UP_CALL',
      followed: 'overridden',
      actual: '−$300.00',
      closedAtDecision: '−$750.00',
      heldToExpiry: '$500.00',
      recommendedPath: '$500.00',
      edgeVsClosed: '+$450.00',
      edgeVsHeld: '−$800.00',
      final: 'final',
    })
    // B closed against a HOLD: −$2,230 both ways, +$600 had it been held.
    expect(byColumn(await cells(row(page, 'CLOSE_ALL')))).toMatchObject({
      position: `#${ids.b}`,
      recommended: 'HOLD',
      followed: 'overridden',
      actual: '−$2,230.00',
      closedAtDecision: '−$2,230.00',
      heldToExpiry: '$600.00',
      recommendedPath: '$600.00',
      edgeVsClosed: '$0.00',
      edgeVsHeld: '−$2,830.00',
    })
    // A followed its HOLD: +$500, +$300 closed at the marks.
    expect(byColumn(await cells(row(page, 'followed')))).toMatchObject({
      position: `#${ids.a}`,
      actual: '$500.00',
      closedAtDecision: '$300.00',
      edgeVsClosed: '+$200.00',
      edgeVsHeld: '$0.00',
      recommendedPath: '—',
    })

    // Headline: the decisions in time order C, A, B: total −$2,030, drawdown −$2,230.
    const fact = async (set: string, label: string) =>
      (
        await page
          .getByLabel(`${set}: headline figures`)
          .locator('.fact')
          .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
          .locator('dd')
          .innerText()
      ).trim()
    expect(await fact('Decisions', 'Count')).toBe('3')
    expect(await fact('Decisions', 'Total')).toBe('−$2,030.00')
    expect(await fact('Decisions', 'Max drawdown')).toBe('−$2,230.00')
    expect(await fact('Decisions', 'Win rate')).toBe('33.3%')
    expect(await fact('Decisions', 'Edge vs closed')).toBe('+$650.00')
    expect(await fact('Decisions', 'Edge vs held')).toBe('−$3,630.00')
    expect(await fact('Positions', 'Total')).toBe('−$2,030.00')
    // The curve and the calendar: December 2024 sums the three positions.
    await page.locator('.equity-chart canvas').first().waitFor()
    expect(
      await page
        .getByRole('table', { name: 'Monthly P&L' })
        .getByRole('row', { name: /2024/ })
        .innerText(),
    ).toMatch(/−\$2,030/)
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('selects a decision: its figures, the chart of both paths with their worst points, its notes', async () => {
    const page = await openReview()
    await row(page, 'ROLL_UP_CALL').click()
    expect(page.url()).toMatch(/#\/review\?decision=\d+$/)
    const detail = page.locator('.decision-detail')
    await detail.locator('.path-chart canvas').first().waitFor()
    const figures = await detail.getByLabel("This decision's figures").innerText()
    expect(figures).toMatch(/Actual\s+−\$300\.00/)
    expect(figures).toMatch(/Closed at decision\s+−\$750\.00/)
    expect(figures).toMatch(/Held to expiry\s+\$500\.00/)
    expect(figures).toMatch(/Edge vs closed\s+\+\$450\.00/)
    expect(figures).toMatch(/Edge vs held\s+−\$800\.00/)
    const legend = await detail.locator('.path-legend').innerText()
    expect(legend).toMatch(/actual, worst −\$[\d,]+\.\d\d on 2024-12-\d\d/)
    expect(legend).toMatch(/held to expiry, worst −?\$[\d,]+\.\d\d on 2024-12-\d\d/)
    // Reloading keeps the selection (it is in the address).
    await page.reload()
    await page.locator('.decision-detail .path-chart canvas').first().waitFor()
    expect(await page.locator('.decision-detail h3').innerText()).toContain(`position #${ids.c}`)
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('groups the decisions, small groups marked, and shows rule adherence', async () => {
    const page = await openReview()
    await page.getByLabel('Group decisions by').selectOption('followed')
    const groups = page.getByRole('table', { name: 'Decisions by followed vs overridden' })
    const followed = await groups.getByRole('row', { name: /^followed fewer/ }).innerText()
    expect(followed).toMatch(/fewer than 5/)
    expect(followed).toMatch(/\$500\.00/)
    const overridden = await groups.getByRole('row', { name: /^overridden fewer/ }).innerText()
    expect(overridden.replace(/\s+/g, ' ')).toMatch(
      /overridden fewer than 5 2 0 0% — −\$1,265\.00 −\$1,265\.00 −\$2,530\.00 0\.00 −\$2,530\.00 \+\$450\.00 −\$3,630\.00/,
    )
    const adherence = page.getByRole('table', { name: 'Rule adherence' })
    expect(
      (await adherence.getByRole('row', { name: /Overrode/ }).innerText()).replace(/\s+/g, ' '),
    ).toMatch(/2 0% −\$2,530\.00 \+\$450\.00 −\$3,630\.00/)
    expect(page.url()).toContain('group=followed')
    await page.close()
  })

  it('shows the last review’s headline, groups and first decisions at once, before the report arrives', async () => {
    // a review of the whole journal has run (openReview): its summary is kept
    const first = await openReview()
    await first.close()
    const page = (await ctx.browser.newPage({ viewport: { width: 1280, height: 1000 } })) as Page
    page.setDefaultTimeout(10_000)
    // the whole report never arrives: what shows is the summary alone
    await page.route('**/api/review:run', () => {})
    await page.goto(`${ctx.app.url}#/review?group=followed`)
    const headline = page.getByRole('region', { name: 'Headline figures' })
    await headline.waitFor()
    expect((await headline.innerText()).replace(/\s+/g, ' ')).toMatch(/Decisions Count 3/)
    expect(
      await page.getByRole('status').filter({ hasText: 'Loading the equity curve' }).count(),
    ).toBe(1)
    const groups = page.getByRole('table', { name: 'Decisions by followed vs overridden' })
    expect(await groups.getByRole('row', { name: /^overridden fewer/ }).innerText()).toMatch(
      /−\$2,530\.00/,
    )
    // the decisions table's first page, from the same cache, in the review's order
    await decisions(page).waitFor()
    await expect.poll(() => row(page, 'CLOSE_ALL').count()).toBe(1)
    expect(await decisions(page).getByRole('row').count()).toBe(4) // the header and 3 rows
    expect(await page.getByText('3 decisions', { exact: true }).count()).toBe(1)
    // sorted by date only until the report is here; the other headers do not sort
    expect(
      await page.getByRole('region', { name: 'Equity and drawdown (positions)' }).count(),
    ).toBe(0)
    await page.close()
  })

  it('filters the decisions from the address and exports the CLI’s CSV', async () => {
    const page = await openReview('#/review?followed=overridden')
    await expect.poll(() => page.getByText('2 of 3 decisions').count()).toBe(1)
    await page.getByLabel('Action taken', { exact: true }).selectOption('CLOSE_ALL')
    await expect.poll(() => page.getByText('1 of 3 decisions').count()).toBe(1)
    expect(page.url()).toMatch(/action=CLOSE_ALL/)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^wingman-review-asof-\d{4}-\d\d-\d\d\.csv$/)
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'id,positionId,decidedAt,rulesetId,rulesetVersion,recommended,taken,followed,actual,closedAtDecision,heldToExpiry,recommendedPath,edgeVsClosed,edgeVsHeld,final,notes,as_of',
    )
    // the whole review of the date range, as `wingman review --format csv` writes it
    expect(lines).toHaveLength(4)
    expect(
      lines.some((l) => l.includes(',CLOSE_ALL,false,-2230,-2230,600,600,0,-2830,true,')),
    ).toBe(true)
    expect(
      lines.some((l) => l.includes(',ROLL_UP_CALL,false,-300,-750,500,500,450,-800,true,')),
    ).toBe(true)

    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => page.getByText('3 decisions', { exact: true }).count()).toBe(1)
    await page.close()
  })

  it('opens the position from a row’s link', async () => {
    const page = await openReview()
    await row(page, 'ROLL_UP_CALL')
      .getByRole('link', { name: `Position ${ids.c}` })
      .click()
    await page.locator('.figure-cards').waitFor()
    expect(new URL(page.url()).hash).toBe(`#/positions/${ids.c}`)
    expect(page.errors).toEqual([])
    await page.close()
  })

  it('says how to log a decision when there is none in the range', async () => {
    const page = (await ctx.browser.newPage()) as Page
    await page.goto(`${ctx.app.url}#/review?from=2030-01-01`)
    const empty = page.locator('.review-empty')
    await empty.waitFor()
    expect(await empty.innerText()).toMatch(/No decisions on positions opened in this date range/)
    await page.close()
  })
})
