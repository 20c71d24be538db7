/// <reference lib="dom" />
import { expect, it } from 'vitest'
import type { DecisionRecord } from '../../shared/decisions.ts'
import type { PositionDetail } from '../../shared/domain.ts'
import type { TodayReport } from '../../shared/today.ts'
import { condorInput } from '../helpers/builders.ts'
import { e2eSuite } from '../helpers/e2e.ts'

/**
 * Issue 16 in Chromium: the app lands on Today once a position is open; a tested condor comes
 * first with the recommendation of its own ruleset; one click (or Enter) opens its decision
 * panel prefilled with exactly the row's inputs — after a reload too; a HOLD logged over the
 * recommendation (with the reason it needs) marks the row as decided.
 *
 * Worked by hand from the bundled history (resources/market/spx_daily.csv), which ends on
 * 2026-07-08 with SPX at 7482.71 — the last stored session, and the data of every date after it:
 *   tested: SPX 6900/6950/7400/7450 × 2, call-wing penetration (7482.71 − 7400) / 50 = 1.6542
 *           ≥ 0.8 → mechanical-wing: CLOSE_CALL_SPREAD; DTE 2026-07-08 → 2026-12-18 = 163;
 *   quiet:  SPX 6500/6550/8000/8050, call wing (7482.71 − 8000) / 50 = −10.35, put wing
 *           (6550 − 7482.71) / 50 = −18.65 → not tested.
 * The host runs on the machine's clock, whose today is after that history: the page opens on
 * today with the stale-data banner, and the banner's button shows the last stored session.
 */
const LAST_SESSION = '2026-07-08'

e2eSuite('Today in Chromium', (ctx) => {
  const call = async <T>(channel: string, body: unknown): Promise<T> => {
    const r = await ctx.api(channel, body)
    expect(r.body.ok, `${channel}: ${JSON.stringify(r.body.error)}`).toBe(true)
    return r.body.value as T
  }

  it('lands on Today, opens the tested row’s decision prefilled, logs a hold, and marks the row decided', async () => {
    const condor = (o: Parameters<typeof condorInput>[0]) =>
      call<{ id: number }>(
        'positions:createIronCondor',
        condorInput({
          underlying: 'SPX',
          entryDate: '2026-06-15',
          expiration: '2026-12-18',
          quantity: 2,
          tags: [],
          ...o,
        }),
      )
    const quiet = await condor({
      longPut: '6500',
      shortPut: '6550',
      shortCall: '8000',
      longCall: '8050',
      credit: '6.10',
    })
    const tested = await condor({
      longPut: '6900',
      shortPut: '6950',
      shortCall: '7400',
      longCall: '7450',
      credit: '14.20',
    })
    const page = await ctx.browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    // The journal's default in Settings (ALVH), and the tested condor's own ruleset on its page.
    await page.goto(`${ctx.app.url}#/settings`)
    const defaultSelect = page.getByLabel('Default ruleset')
    await expect.poll(() => defaultSelect.inputValue()).toBe('mechanical-wing')
    await defaultSelect.selectOption('alvh')
    await page.getByText(/^Saved: .* is the default\.$/).waitFor()
    expect(await call('settings:get', {})).toEqual({ defaultRulesetId: 'alvh' })
    await page.goto(`${ctx.app.url}#/positions/${tested.id}`)
    const own = page.getByLabel('Ruleset of this position')
    await expect.poll(() => own.inputValue()).toBe('')
    await expect
      .poll(() => own.locator('option').first().innerText())
      .toBe('Journal default (Adaptive Layered VIX Hedge)')
    await own.selectOption('mechanical-wing')
    await page.getByText('Saved: judged by Mechanical wing.').waitFor()
    const detail = await call<PositionDetail>('positions:get', { id: tested.id })
    expect(detail.summary.rulesetId).toBe('mechanical-wing')
    // the decision panel starts from the position's own ruleset
    const panel = page.getByRole('region', { name: 'Decision' })
    await expect.poll(() => panel.getByLabel('Ruleset').inputValue()).toBe('mechanical-wing')

    // No page in the address: the app lands on Today.
    await page.goto(ctx.app.url)
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor()
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Today' })
        .getAttribute('aria-current'),
    ).toBe('page')
    const rows = page.locator('tr[data-position]')
    await expect.poll(() => rows.count()).toBe(2)
    const banner = page.getByRole('note', { name: 'Stale data' })
    expect(await banner.innerText()).toContain(`SPX ends ${LAST_SESSION}`)
    await banner
      .getByRole('button', { name: `Show ${LAST_SESSION}, the last stored session` })
      .click()
    await page.getByText(`data of the ${LAST_SESSION} close`).waitFor()
    expect(new URL(page.url()).hash).toBe(`#/today?date=${LAST_SESSION}`)

    // The same rows the contract gives, shown as worked out by hand above.
    const report = await call<TodayReport>('today:list', { date: LAST_SESSION })
    expect(report.rows.map((r) => r.positionId)).toEqual([tested.id, quiet.id])
    const row = report.rows[0]!
    expect(row.callWingPenetration).toBeCloseTo((7482.71 - 7400) / 50, 10)
    expect(row).toMatchObject({ group: 'tested', action: 'CLOSE_CALL_SPREAD', dte: 163 })
    expect(row.inputs).toMatchObject({ date: LAST_SESSION, rulesetId: 'mechanical-wing' })
    expect(Object.keys(row.inputs.marks ?? {})).toHaveLength(4)

    await page.reload() // the date stays in the address
    await page.getByText(`data of the ${LAST_SESSION} close`).waitFor()
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-position'))),
    ).toEqual([String(tested.id), String(quiet.id)])
    const testedRow = rows.first()
    const testedText = await testedRow.innerText()
    expect(testedText).toContain('+2×6900P −2×6950P −2×7400C +2×7450C')
    expect(testedText).toMatch(/\b163\b/)
    expect(testedText).toContain('7,482.71')
    expect(testedText).toContain('165 %')
    expect(testedText).toMatch(/CLOSE_CALL_SPREAD by rule close-call-spread/)
    expect(testedText).toMatch(/Mechanical wing v1\s+its own/)
    expect(await testedRow.locator('td.wing.deep').innerText()).toBe('165 %')
    expect(
      await page.locator('tbody.today-group.tested').getByRole('rowheader').innerText(),
    ).toMatch(/^Tested/i) // upper-cased by CSS
    const quietText = await rows.nth(1).innerText()
    expect(quietText).toContain('−1035 %')
    expect(quietText).toMatch(/Adaptive Layered VIX Hedge v1\s+journal default/)
    expect(await page.getByTestId('decided').count()).toBe(0)

    // Keyboard: the rows are tab stops; the arrows move between them; Enter opens.
    await testedRow.focus()
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-position'))).toBe(
      String(quiet.id),
    )
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`#/positions/${tested.id}\\?decide=${LAST_SESSION}$`))

    // Prefilled with exactly the row's inputs: date, ruleset, every leg's mark.
    const legIds = new Map(
      detail.legs
        .filter((l) => l.instrumentType === 'option')
        .map((l) => [`${l.strike} ${l.optionType}`, String(l.id)]),
    )
    const expectPrefilled = async () => {
      await panel.getByText(`Prefilled from Today of ${LAST_SESSION}`, { exact: false }).waitFor()
      expect(await panel.getByLabel('Date').inputValue()).toBe(LAST_SESSION)
      // (the select shows its value once the rulesets are listed)
      await expect.poll(() => panel.getByLabel('Ruleset').inputValue()).toBe('mechanical-wing')
      for (const [contract, legId] of legIds)
        expect(await panel.getByLabel(new RegExp(`^SPX ${contract}`)).inputValue()).toBe(
          String(row.inputs.marks![legId]),
        )
      expect(await panel.getByLabel('Spot (SPX)').inputValue()).toBe('')
    }
    await expectPrefilled()
    // Enter evaluates: the panel was brought into view with Evaluate focused.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Evaluate now')
    // A reload asks the core for the same row (the click's hand-off is gone).
    await page.reload()
    await expectPrefilled()

    await panel.getByRole('button', { name: 'Evaluate now' }).click()
    const action = panel.getByTestId('recommended-action')
    await action.waitFor()
    expect(await action.innerText()).toBe('CLOSE_CALL_SPREAD')
    await panel.getByRole('button', { name: 'Log adjustment…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Log adjustment' })
    await dialog.getByLabel('Action taken').selectOption('HOLD')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog
      .getByText('Say why you chose HOLD over the recommended CLOSE_CALL_SPREAD')
      .waitFor()
    expect(await call<DecisionRecord[]>('decisions:list', { positionId: tested.id })).toEqual([])
    await dialog
      .getByLabel('Reason for overriding the recommendation')
      .fill('Wait for the CPI print; the call side is still short of the long strike intraday')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    // The stored decision was made on exactly the row's inputs.
    const decisions = await call<DecisionRecord[]>('decisions:list', { positionId: tested.id })
    expect(decisions).toHaveLength(1)
    const { snapshot } = decisions[0]!
    expect(decisions[0]).toMatchObject({ actionTaken: 'HOLD', rulesetId: 'mechanical-wing' })
    expect({
      date: snapshot.inputs.date,
      rulesetId: snapshot.inputs.rulesetId,
      rulesetVersion: snapshot.inputs.rulesetVersion,
      live: snapshot.inputs.live,
      marks: snapshot.inputs.marks,
      flags: snapshot.inputs.flags,
    }).toEqual({
      date: row.inputs.date,
      rulesetId: row.inputs.rulesetId,
      rulesetVersion: row.inputs.rulesetVersion,
      live: row.inputs.live,
      marks: row.inputs.marks,
      flags: row.inputs.flags,
    })

    // Back to Today (the date kept): the row says it was decided; the other does not.
    await page.getByRole('link', { name: '← Today' }).click()
    await page.getByText(`data of the ${LAST_SESSION} close`).waitFor()
    await testedRow.getByTestId('decided').waitFor()
    expect(await testedRow.getByTestId('decided').innerText()).toMatch(
      new RegExp(`decided on ${LAST_SESSION}`, 'i'),
    )
    expect(await rows.nth(1).getByTestId('decided').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })
})
