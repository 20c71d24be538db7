/// <reference lib="dom" />
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { june2026Condor } from '../helpers/builders.ts'
import { e2eSuite } from '../helpers/e2e.ts'

/**
 * Issue 5's "done when": evaluate a tested condor, log a roll that overrides the recommendation
 * (with a reason), reload, and find it on the timeline with its frozen snapshot.
 */
const SHOTS = process.env.WINGMAN_SHOTS

e2eSuite('decision panel and adjustment logging in Chromium', (ctx) => {
  const api = async (channel: string, body: unknown) => (await ctx.api(channel, body)).body

  it('evaluates, logs a roll with an override reason, and shows it on the timeline after a reload', async () => {
    const created = await api('positions:createIronCondor', june2026Condor())
    const id = (created.value as { id: number }).id
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${ctx.app.url}#/positions/${id}`)
    const panel = page.getByRole('region', { name: 'Decision' })
    await panel.getByLabel('Date').fill('2026-06-22')
    await panel.getByLabel('Ruleset').selectOption('mechanical-wing')
    await panel.getByLabel('Spot (SPX)').fill('7545')
    await panel.getByLabel(/7500 call/).fill('62')
    await panel.getByLabel(/7550 call/).fill('34')
    await panel.getByLabel(/7150 put/).fill('0.5')
    await panel.getByLabel(/7200 put/).fill('0.9')
    await panel.getByRole('button', { name: 'Evaluate now' }).click()
    const action = panel.getByTestId('recommended-action')
    await action.waitFor()
    expect(await action.innerText()).toBe('CLOSE_CALL_SPREAD')
    // the signals used, with values computed from the inputs: penetration (7545 − 7500) / 50,
    // written with 2 decimals like every other non-integer value
    expect(await panel.getByRole('row', { name: /^call_wing_penetration/ }).innerText()).toMatch(
      /0\.90\b/,
    )
    // the ruleset's full name shows: the longest option's text fits the select (with its arrow)
    expect(
      await panel.getByLabel('Ruleset').evaluate((s: HTMLSelectElement) => {
        const probe = document.createElement('span')
        probe.style.cssText = `position:absolute;white-space:nowrap;font:${getComputedStyle(s).font}`
        document.body.append(probe)
        const widths = [...s.options].map((o) => {
          probe.textContent = o.text
          return probe.getBoundingClientRect().width
        })
        probe.remove()
        return Math.max(...widths) + 24 <= s.clientWidth
      }),
    ).toBe(true)
    expect(
      await panel.getByText(/Is the dollar strengthening as money leaves risk assets\?/).count(),
    ).toBe(1)
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'decision-panel.png'), fullPage: true })

    await panel.getByRole('button', { name: 'Log adjustment…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Log adjustment' })
    await dialog.getByLabel('Action taken').selectOption('ROLL_OUT')
    // the form is checked with the shared schema before anything is sent: the empty fields of
    // the new legs are named on their rows
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog
      .getByText('New leg 1 · Expiration: Enter the expiration date · Price: Enter the price')
      .waitFor()
    await dialog.getByText('Price: Enter the price', { exact: true }).first().waitFor() // a close
    // the dialog stays inside its edges at this width
    expect(
      await dialog.evaluate((d: HTMLDialogElement) => {
        const right = d.getBoundingClientRect().right
        return [...d.querySelectorAll('table')].every(
          (t) => t.getBoundingClientRect().right <= right,
        )
      }),
    ).toBe(true)
    await dialog.getByLabel(/Close price of .*7500 call/).fill('60.10')
    await dialog.getByLabel(/Close price of .*7550 call/).fill('32.40')
    await dialog.getByLabel('Strike of new leg 1').fill('7650')
    await dialog.getByLabel('Strike of new leg 2').fill('7700')
    await dialog.getByLabel('Expiration of new leg 1').fill('2026-08-21')
    await dialog.getByLabel('Expiration of new leg 2').fill('2026-08-21')
    await dialog.getByLabel('Price of new leg 1').fill('48')
    await dialog.getByLabel('Price of new leg 2').fill('35.5')
    await dialog.getByLabel('Fees (total, $)').fill('10.40')
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'log-adjustment.png') })
    // overriding without a reason: the core refuses and nothing is written
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog
      .getByText('Say why you chose ROLL_OUT over the recommended CLOSE_CALL_SPREAD')
      .waitFor()
    await dialog
      .getByLabel('Reason for overriding the recommendation')
      .fill('Vol expansion is not genuine: buy time instead of closing')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)

    await page.reload()
    const timeline = page.getByRole('list', { name: 'Adjustment timeline' })
    const entry = timeline.getByRole('listitem').first()
    await entry.waitFor()
    const text = await entry.innerText()
    expect(text).toMatch(/recommended CLOSE_CALL_SPREAD · did ROLL_OUT/)
    expect(text).toMatch(/overridden/i) // the badge is upper-cased by CSS
    expect(text).toMatch(/Vol expansion is not genuine/)
    expect(text).toMatch(/roll · cash −\$3,040\.00 · fees \$10\.40/)
    expect(text).toMatch(/spot\s*7545/)
    await entry.getByRole('button', { name: /frozen snapshot/ }).click()
    expect(await entry.getByRole('table').getByRole('row', { name: /^spot/ }).innerText()).toMatch(
      /7545/,
    )
    // the header and the cards follow the roll: the new call strikes, the roll's fees; the
    // calls now expire 2026-08-21 and the puts 2026-07-17, so no single at-expiry figure
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(
      /\+2×7150P −2×7200P −2×7650C \+2×7700C/,
    )
    const cards = await page.getByRole('definition').allInnerTexts()
    const figures = await page.locator('dl[aria-label="Figures"]').innerText()
    expect(figures).toMatch(/Fees\s*\$10\.40/)
    expect(figures).toMatch(/different dates/)
    expect(cards.length).toBeGreaterThan(4)
    // roll lineage on the legs table
    const legs = page.getByRole('table', { name: 'Legs' })
    const newShortCall = legs
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '7650', exact: true }) })
    expect(await newShortCall.innerText()).toMatch(/replaces 7500 call 2026-07-17/)
    const oldShortCall = legs
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '7500', exact: true }) })
    expect(await oldShortCall.innerText()).toMatch(/replaced by 7650 call 2026-08-21/)
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'timeline.png'), fullPage: true })
    // a correction is a new record pointing at the original, which stays as it was
    await entry.getByRole('button', { name: 'Correct…' }).click()
    const form = entry.getByRole('form', { name: /Correct decision/ })
    await form.getByLabel('Action actually taken').selectOption('ROLL_UP_CALL')
    await form.getByLabel('What the correction is').fill('It was a roll up, not out')
    await form.getByRole('button', { name: 'Record correction' }).click()
    const entries = timeline.getByRole('listitem')
    await expect.poll(() => entries.count()).toBe(2)
    expect(await entries.nth(0).innerText()).toMatch(/did ROLL_OUT/)
    expect(await entries.nth(1).innerText()).toMatch(
      /did ROLL_UP_CALL[\s\S]*corrects decision #\d+[\s\S]*It was a roll up, not out/,
    )
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows a hedge layer with its legs and P&L on the position page', async () => {
    const created = await api('positions:createIronCondor', june2026Condor({ quantity: 1 }))
    const id = (created.value as { id: number }).id
    const logged = await api('adjustments:log', {
      kind: 'hedge_add',
      occurredOn: '2026-06-22',
      opens: [
        {
          role: 'hedge',
          instrumentType: 'future',
          root: 'VX',
          expiration: '2026-07-22',
          quantity: 1,
          price: '18.25',
          hedgeLayer: 'new',
        },
      ],
      decision: {
        inputs: {
          positionId: id,
          date: '2026-06-22',
          rulesetId: 'mechanical-wing',
          live: { spot: 7545 },
        },
        actionTaken: 'ADD_HEDGE_LAYER',
        reason: 'layer 1 before CPI',
      },
    })
    expect(logged.ok, JSON.stringify(logged)).toBe(true)
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${ctx.app.url}#/positions/${id}`)
    const layers = page.getByRole('table', { name: 'Hedge layers' })
    await layers.waitFor()
    // One VX future bought at 18.25: a future moves no premium, so nothing is realised (no
    // fees), and it has no value until marked (the stored VX settlements end before the model's
    // date) — realised $0.00, open and total unknown.
    expect(await layers.getByRole('row').nth(1).innerText()).toMatch(
      /#1\s+open\s+\+1 VX future 2026-07-22\s+\$0\.00\s+—\s+—/,
    )
    await page.close()
  })
})
