/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { june2026Condor } from '../helpers/builders.ts'
import { e2eSuite } from '../helpers/e2e.ts'
import { serveApp } from '../helpers/serve.ts'

/** The Rulesets page through `wingman serve` in headless Chromium. */
e2eSuite('rulesets page in Chromium', (ctx) => {
  const post = async <T>(channel: string, body: unknown): Promise<T> => {
    const r = (await ctx.api(channel, body)).body
    if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`)
    return r.value as T
  }
  const openPage = async (hash: string) => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${ctx.app.url}${hash}`)
    return { page, errors }
  }
  const rulesList = (page: Page) => page.getByRole('list', { name: 'Rules in priority order' })
  /** The rule cards (not the condition lists nested in them). */
  const ruleCards = (page: Page) => rulesList(page).locator(':scope > li')

  it('lists both built-ins and shows the ALVH rules in priority order, read-only', async () => {
    const { page, errors } = await openPage('#/rulesets')
    const nav = page.getByRole('navigation', { name: 'Rulesets' })
    await nav.getByRole('link').first().waitFor()
    const links = await nav.getByRole('link').allInnerTexts()
    expect(links).toHaveLength(2)
    expect(links.find((t) => t.includes('Mechanical wing'))).toMatch(
      /mechanical-wing\s+v1\s+built-in/i,
    )
    expect(links.find((t) => t.includes('Adaptive Layered VIX Hedge'))).toMatch(
      /alvh\s+v1\s+built-in/i,
    )

    await nav.getByRole('link', { name: /Adaptive Layered VIX Hedge/ }).click()
    await page.waitForURL(/#\/rulesets\/alvh$/)
    const rules = rulesList(page)
    await rules.waitFor()
    const headings = await rules.getByRole('heading').allInnerTexts()
    expect(headings).toEqual([
      'close-call-rsi-usd-risk-off',
      'roll-out-pcf-fomc',
      'time-shift-big-top',
      'second-engine',
      'roll-up-call-cpi-surprise',
      'false-move-roll-out',
      'mechanical-close-call',
      'call-tested-hold',
      'put-only-close',
      'put-only-hold',
      'nothing-tested',
    ])
    const first = await ruleCards(page).first().innerText()
    expect(first).toContain(
      'first available of (vix_futures_rsi14, vix_rsi14) > param rsi_close_level (75)',
    )
    expect(first).toMatch(/CLOSE_CALL_SPREAD — keep the put side/)
    expect(first).toContain('Relative Strength Index (RSI) on the VIX futures exceeds')
    const second = await ruleCards(page).nth(1).innerText()
    expect(second).toMatch(
      /ROLL_OUT minDays = param roll_min_days \(7\), maxDays = param roll_max_days \(14\)/,
    )
    expect(second).toMatch(
      /Follow-up\s+ADJUST_HEDGE_LAYER — rebalance hedge layers toward zero net delta/i,
    )

    // Built-ins: the JSON is shown read-only with the hint, and there is nothing to save.
    await page.getByText('Built-in rulesets are read-only').waitFor()
    await page.getByRole('tab', { name: 'JSON' }).click()
    expect(await page.getByLabel('Ruleset JSON').getAttribute('readonly')).not.toBeNull()
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('duplicates, validates while typing, saves a new version and dry-runs it', async () => {
    // One decision to replay: spot 7545 is 90% through the 7500/7550 call wing.
    const { id: positionId } = await post<{ id: number }>(
      'positions:createIronCondor',
      june2026Condor({ quantity: 1, credit: '6.5' }),
    )
    await post('adjustments:log', {
      kind: 'other',
      occurredOn: '2026-06-22',
      decision: {
        inputs: {
          positionId,
          date: '2026-06-22',
          rulesetId: 'mechanical-wing',
          live: { spot: 7545 },
        },
        actionTaken: 'CLOSE_CALL_SPREAD',
      },
    })

    const { page, errors } = await openPage('#/rulesets/mechanical-wing')
    await page.getByRole('heading', { name: 'Mechanical wing' }).waitFor()
    expect(await ruleCards(page).first().innerText()).toContain(
      'call_wing_penetration ≥ param close_threshold (0.8)',
    )
    await page.getByRole('button', { name: 'Duplicate…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Duplicate Mechanical wing' })
    await dialog.getByLabel('New id').fill('wide-wing')
    await dialog.getByLabel('Name').fill('Wide wing')
    await dialog.getByRole('button', { name: 'Duplicate' }).click()
    await page.waitForURL(/#\/rulesets\/wide-wing$/)
    await page.getByRole('heading', { name: 'Wide wing' }).waitFor()

    // The copy opens in the editor; break the JSON: the error is listed and Save is disabled.
    const json = page.getByLabel('Ruleset JSON')
    const original = await json.inputValue()
    expect(JSON.parse(original)).toMatchObject({ id: 'wide-wing', name: 'Wide wing', version: 1 })
    const save = page.getByRole('button', { name: 'Save as v2' })
    await json.fill(original.replace('"call_wing_penetration"', '"call_wing_penetraton"'))
    const problems = page.getByRole('list', { name: 'Validation errors' })
    await expect
      .poll(() => problems.innerText())
      .toMatch(
        /rules\.0\.condition\.left\.signal\s+rule "close-call-spread": condition\.left\.signal: unknown signal "call_wing_penetraton"/,
      )
    expect(await json.getAttribute('aria-invalid')).toBe('true')
    expect(await save.isDisabled()).toBe(true)
    await json.fill(original.replace(/\}\s*$/, ''))
    await expect.poll(() => problems.innerText()).toMatch(/\(JSON\)/)
    expect(await save.isDisabled()).toBe(true)

    // Fix it, then change the threshold in the parameter form: the JSON follows.
    await json.fill(original)
    await page.getByText('✓ Valid ruleset').waitFor()
    expect(await json.getAttribute('aria-invalid')).toBeNull()
    await page.getByLabel('close_threshold').fill('0.95')
    await expect
      .poll(async () => JSON.parse(await json.inputValue()).parameters.close_threshold.default)
      .toBe(0.95)
    await expect.poll(() => save.isEnabled()).toBe(true)
    await save.click()
    await page.getByText('Saved as version 2.').waitFor()
    await page.getByText('viewing v2 (latest)').waitFor()
    const nav = page.getByRole('navigation', { name: 'Rulesets' })
    await expect
      .poll(() => nav.getByRole('link', { name: /Wide wing/ }).innerText())
      .toMatch(/wide-wing\s+v2/)
    expect(
      (await post<{ latestVersion: number; id: string }[]>('rulesets:list', {})).find(
        (r) => r.id === 'wide-wing',
      )?.latestVersion,
    ).toBe(2)

    // Version history: v1 is still there, unchanged.
    await page.getByRole('tab', { name: 'Rules' }).click()
    await page.getByRole('button', { name: 'View version 1' }).click()
    await page.getByText('viewing v1 of 2').waitFor()
    expect(await ruleCards(page).first().innerText()).toContain('param close_threshold (0.8)')
    await page.getByRole('button', { name: 'View version 2' }).click()
    await page.getByText('viewing v2 (latest)').waitFor()

    // Dry-run v2: 0.9 penetration closed the call spread then; at 0.95 it holds now.
    await page.getByRole('tab', { name: 'Dry run' }).click()
    await page.getByRole('button', { name: 'Dry-run v2' }).click()
    await page.getByText(/0 of 1 decision agrees/).waitFor()
    const row = page.getByRole('table').getByRole('row').nth(1)
    const cells = await row.getByRole('cell').allInnerTexts()
    expect(cells[0]).toMatch(/^2026-06-22/)
    expect(cells.slice(1, 5)).toEqual([
      `Position #${positionId}`,
      'mechanical-wing v1',
      'CLOSE_CALL_SPREAD',
      'CLOSE_CALL_SPREAD',
    ])
    expect(cells[5]).toMatch(/^HOLD/)
    expect(cells[6]).toBe('✗ differs')
    expect(await row.getByRole('link').getAttribute('href')).toBe(`#/positions/${positionId}`)
    expect(errors).toEqual([])
    await page.close()
  })

  it('dry-runs the unsaved edits and says when nothing is logged', async () => {
    const empty = await serveApp(
      join(mkdtempSync(join(tmpdir(), 'wingman-e2e-rulesets-empty-')), 'journal.sqlite'),
    )
    try {
      const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(`${empty.url}#/rulesets/alvh`)
      await page.getByRole('tab', { name: 'Dry run' }).click()
      await page.getByRole('button', { name: 'Dry-run v1' }).click()
      await page.getByText('No decisions are logged yet.', { exact: false }).waitFor()
      await page.close()
    } finally {
      await empty.stop()
    }
    // Back on the journal with a decision: the edited threshold (unsaved) is what is replayed.
    const { page, errors } = await openPage('#/rulesets/wide-wing')
    await page.getByRole('tab', { name: /Edit JSON/ }).click()
    await page.getByLabel('close_threshold').fill('0.85')
    await page.getByRole('tab', { name: /Dry run/ }).click()
    await page.getByRole('button', { name: 'Dry-run the unsaved edits' }).click()
    await page.getByText(/1 of 1 decision agrees/).waitFor()
    expect(await page.getByRole('cell', { name: '✓ agrees' }).count()).toBe(1)
    await page.getByRole('radio', { name: 'Saved v2' }).click()
    await page.getByRole('button', { name: 'Dry-run v2' }).click()
    await page.getByText(/0 of 1 decision agrees/).waitFor()
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('asks before leaving unsaved edits: in-app links, back, and leaving the page', async () => {
    await post('rulesets:duplicate', {
      fromId: 'mechanical-wing',
      newId: 'guarded',
      name: 'Guarded',
    })
    const { page, errors } = await openPage('#/rulesets')
    const listLink = (name: RegExp) =>
      page.getByRole('navigation', { name: 'Rulesets' }).getByRole('link', { name })
    await listLink(/Guarded/).click()
    await page.waitForURL(/#\/rulesets\/guarded$/)
    await page.getByRole('heading', { name: 'Guarded' }).waitFor()
    await page.getByRole('tab', { name: /Edit JSON/ }).click()
    const json = page.getByLabel('Ruleset JSON')
    const saved = await json.inputValue()
    await page.getByLabel('close_threshold').fill('0.9')
    await page.getByRole('tab', { name: 'Edit JSON •' }).waitFor()
    const edited = await json.inputValue()
    expect(edited).not.toBe(saved)

    // A top-bar link: held back, the address stays, the question names the ruleset.
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' })
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Market' })
      .click()
    await ask.waitFor()
    expect(await ask.innerText()).toContain('You have unsaved changes to “Guarded”.')
    expect(page.url()).toMatch(/#\/rulesets\/guarded$/)
    // Keep editing is the default: Enter on the focused button keeps the edits.
    await page.keyboard.press('Enter')
    await ask.waitFor({ state: 'hidden' })
    expect(await json.inputValue()).toBe(edited)

    // Back in history (to the list's first ruleset): undone at once and asked; Esc keeps the edits.
    await page.goBack()
    await ask.waitFor()
    expect(page.url()).toMatch(/#\/rulesets\/guarded$/)
    await page.keyboard.press('Escape')
    await ask.waitFor({ state: 'hidden' })
    expect(page.url()).toMatch(/#\/rulesets\/guarded$/)
    expect(await json.inputValue()).toBe(edited)

    // Leaving the page itself (another address, a reload, closing): the browser's own
    // beforeunload question; dismissing it cancels the navigation and keeps the edits.
    const questions: string[] = []
    page.once('dialog', (d) => {
      questions.push(d.type())
      void d.dismiss()
    })
    const away = await page.goto('about:blank', { timeout: 5_000 }).then(
      () => 'left',
      (e: unknown) => String(e),
    )
    expect(away).toMatch(/ERR_ABORTED/)
    expect(page.url()).toMatch(/#\/rulesets\/guarded$/)
    expect(questions).toEqual(['beforeunload'])
    expect(await json.inputValue()).toBe(edited)

    // Another ruleset from the list, and discard: the edits are gone, nothing was saved.
    await listLink(/Mechanical wing/).click()
    await ask.getByRole('button', { name: 'Discard changes' }).click()
    await page.waitForURL(/#\/rulesets\/mechanical-wing$/)
    await page.getByRole('heading', { name: 'Mechanical wing' }).waitFor()
    await listLink(/Guarded/).click()
    await page.waitForURL(/#\/rulesets\/guarded$/)
    await page.getByRole('tab', { name: 'Edit JSON' }).click()
    expect(await page.getByLabel('Ruleset JSON').inputValue()).toBe(saved)
    expect(
      (await post<{ latestVersion: number; id: string }[]>('rulesets:list', {})).find(
        (r) => r.id === 'guarded',
      )?.latestVersion,
    ).toBe(1)
    // With nothing unsaved, links just go.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Market' })
      .click()
    await page.waitForURL(/#\/market$/)
    expect(await ask.isVisible()).toBe(false)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
