/// <reference lib="dom" />
import { expect, it } from 'vitest'
import { tradingDaysBetween } from '../../shared/calendar/index.ts'
import { nyDateOf } from '../../shared/dates.ts'
import type { MarketStaleness } from '../../shared/marketUpdate.ts'
import { sessionOf } from '../../renderer/src/decision/liveValues.ts'
import { condorInput } from '../helpers/builders.ts'
import { e2eSuite } from '../helpers/e2e.ts'

/**
 * Issue 12, points 2 and 4, in the decision panel (headless Chromium, `wingman serve` on a new
 * journal with the bundled history): opened on today, past the stored history, one banner at the
 * top names the stale series the signals read with their last day and sessions behind, and the
 * two ways to fix it; the day's closes typed in the panel's market fields are kept as history
 * entered by hand, and the banner asks again.
 *
 * The host runs on the machine's clock (2026-11-27 when this was written, a half-day session):
 * the bundled SPX ends 2026-07-08 (100 sessions behind it), VIX/VIX9D/VIX3M 2026-07-22 (90), the
 * VX futures 2021-12-23, NYSE breadth 2015-11-11. The numbers are worked from the NYSE calendar
 * for whatever today is, so the test holds on a later day too (any day after 2026-07-22).
 *
 * What "no longer stale" means: staleness counts the sessions after a series' last stored day
 * up to the panel's date, so a close kept for today makes SPX current for today (0 behind) even
 * though the 99 sessions between 2026-07-08 and today stay without a close. That hole is real
 * for the signals — RSI(14), MACD and realised volatility then read today's close as the one
 * after 2026-07-08 — so the banner keeps saying it, as a hole, not as staleness; and a panel date
 * inside the hole (2026-07-22) has no SPX close at all, which the banner names too.
 */
const today = nyDateOf(new Date())
const session = sessionOf(today)!
const behind = (last: string) => tradingDaysBetween(last, today)
const between = (a: string, b: string) => tradingDaysBetween(a, b) - 1
const n = (x: number) => x.toLocaleString('en-US')

e2eSuite('decision panel staleness and kept closes in Chromium', (ctx) => {
  const call = async <T>(channel: string, body: unknown): Promise<T> => {
    const r = await ctx.api(channel, body)
    expect(r.body.ok, `${channel}: ${JSON.stringify(r.body.error)}`).toBe(true)
    return r.body.value as T
  }

  it('names the stale series at the top, keeps the typed closes as entered by hand, and asks again', async () => {
    expect(session > '2026-07-22', `today (${today}) must be after the bundled history`).toBe(true)
    const { id } = await call<{ id: number }>(
      'positions:createIronCondor',
      condorInput({
        underlying: 'SPX',
        entryDate: '2026-06-15',
        expiration: '2026-12-18',
        longPut: '6500',
        shortPut: '6550',
        shortCall: '8000',
        longCall: '8050',
        credit: '6.10',
      }),
    )
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${ctx.app.url}#/positions/${id}`)
    const panel = page.getByRole('region', { name: 'Decision' })
    expect(await panel.getByLabel('Date', { exact: true }).inputValue()).toBe(today)

    // One banner, first in the panel, naming every stale series the signals read.
    const banner = panel.getByRole('note', { name: 'Stale market data' })
    const stale = banner.getByTestId('stale-series')
    await stale.waitFor()
    expect(await panel.getByRole('note', { name: 'Stale market data' }).count()).toBe(1)
    expect(
      await panel.evaluate(
        (p) =>
          p.querySelector('h2')?.nextElementSibling?.getAttribute('aria-label') ??
          'no element after the heading',
      ),
    ).toBe('Stale market data')
    const staleText = await stale.innerText()
    expect(staleText).toContain(`The stored market data ends before ${today}.`)
    expect(staleText).toContain(`SPX ends 2026-07-08 (${n(behind('2026-07-08'))} sessions behind)`)
    expect(staleText).toContain(
      `VIX, VIX9D and VIX3M end 2026-07-22 (${n(behind('2026-07-22'))} sessions behind)`,
    )
    expect(staleText).toContain(
      `VX1, VX2 and VX3 end 2021-12-23 (${n(behind('2021-12-23'))} sessions behind)`,
    )
    expect(staleText).toContain(
      `NYSE breadth ends 2015-11-11 (${n(behind('2015-11-11'))} sessions behind)`,
    )
    expect(staleText).not.toMatch(/VIX6M|VVIX|SKEW/) // stored, but no signal reads them
    // The same series and numbers as the core's own staleness for the date.
    const core = await call<MarketStaleness>('market:staleness', { date: today })
    for (const s of core.series.filter((x) => x.usedBySignals && x.sessionsBehind))
      expect(staleText).toContain(`${s.lastDate} (${n(s.sessionsBehind!)} sessions behind)`)

    // The two ways to fix it: the update (switched off: the way to Settings), or typing here.
    expect(
      await banner.getByRole('link', { name: 'Update market data' }).getAttribute('href'),
    ).toBe('#/market')
    expect(
      await banner.getByRole('link', { name: 'Settings → Market data' }).getAttribute('href'),
    ).toBe('#/settings')
    const closesWord = session === today ? 'today’s closes' : `the closes of ${session}`
    await banner.getByRole('button', { name: `type ${closesWord}` }).click()
    expect(
      await panel.getByLabel('Spot (SPX)').evaluate((el) => el === document.activeElement),
    ).toBe(true)

    // Nothing typed: nothing to keep.
    const keep = panel.getByRole('button', { name: /^Keep as / })
    expect(await keep.innerText()).toBe(`Keep as ${closesWord}`)
    expect(await keep.isDisabled()).toBe(true)

    // A value that is not a number is refused in words, before anything is stored.
    await panel.getByLabel('Spot (SPX)').fill('6850.25')
    await panel.getByLabel('VIX', { exact: true }).fill('17,2')
    expect(await keep.isDisabled()).toBe(false)
    await keep.click()
    const refused = panel.getByRole('alert').filter({ hasText: /^Not kept/ })
    await refused.waitFor()
    expect(await refused.innerText()).toBe('Not kept: VIX must be a positive number')
    expect(await call('market:closesOn', { date: session })).toEqual([])

    const typed = {
      'Spot (SPX)': ['SPX', 6850.25],
      VIX: ['VIX', 17.2],
      VIX9D: ['VIX9D', 15.9],
      VIX3M: ['VIX3M', 19.4],
      VX1: ['VX1', 18.35],
      VX2: ['VX2', 19.6],
      VX3: ['VX3', 20.3],
    } as const
    for (const [label, [, v]] of Object.entries(typed))
      await panel.getByLabel(label, { exact: true }).fill(String(v))
    await keep.click()
    const said = panel.getByRole('status').filter({ hasText: /^Kept as/ })
    await said.waitFor()
    const day = session === today ? `today’s closes (${session})` : `the closes of ${session}`
    expect(await said.innerText()).toBe(
      `Kept as ${day}, entered by hand: SPX 6,850.25, VIX 17.2, VIX9D 15.9, VIX3M 19.4, VX1 18.35, VX2 19.6, VX3 20.3.`,
    )
    // Stored through the contract as the session's closes, entered by hand.
    expect(await call('market:closesOn', { date: session })).toEqual(
      Object.values(typed).map(([series, value]) => ({ series, value, source: 'hand' })),
    )

    // The banner asks again: none of the typed series is behind today any more, NYSE breadth
    // (not typeable in the panel) still is; the hole before today is named instead.
    await expect.poll(() => stale.innerText()).not.toContain('SPX')
    const after = await stale.innerText()
    expect(after).not.toMatch(/VIX|VX\d/)
    expect(after).toContain(`NYSE breadth ends 2015-11-11 (${n(behind('2015-11-11'))} sessions`)
    const gaps = banner.getByTestId('history-gaps')
    await gaps.waitFor()
    expect(await gaps.innerText()).toBe(
      'Sessions missing in the stored history. ' +
        `SPX: none between 2026-07-08 and ${session} (${n(between('2026-07-08', session))} sessions) · ` +
        `VIX: none between 2026-07-22 and ${session} (${n(between('2026-07-22', session))} sessions) · ` +
        `VX1: none between 2021-12-23 and ${session} (${n(between('2021-12-23', session))} sessions). ` +
        'RSI(14), MACD, realised volatility and the VIX 1-day change read the close after the hole as the next one.',
    )
    const coreAfter = await call<MarketStaleness>('market:staleness', { date: today })
    expect(coreAfter.series.find((s) => s.series === 'SPX')).toMatchObject({
      lastDate: session,
      sessionsBehind: 0,
      lastSource: 'hand',
      handDays: 1,
    })

    // A date inside the hole: 2026-07-22 has no SPX close (and the VX futures none since 2021),
    // VIX is stored from a file — typed again, it is kept as it was.
    await panel.getByLabel('Date', { exact: true }).fill('2026-07-22')
    await expect
      .poll(() => gaps.innerText())
      .toContain(
        `No close stored for 2026-07-22 — SPX: none between 2026-07-08 and ${session} (${n(between('2026-07-08', session))} sessions) · ` +
          `VX1, VX2 and VX3: none between 2021-12-23 and ${session} (${n(between('2021-12-23', session))} sessions); the signals that read them are missing.`,
      )
    expect(await keep.innerText()).toBe('Keep as the closes of 2026-07-22')
    for (const label of Object.keys(typed))
      if (label !== 'VIX') await panel.getByLabel(label, { exact: true }).fill('')
    await keep.click()
    const kept = panel.getByRole('status').filter({ hasText: /^Not changed/ })
    await kept.waitFor()
    expect(await kept.innerText()).toBe(
      'Not changed — 2026-07-22 is already stored from a file: VIX 16.64 (you typed 17.2).',
    )
    expect(await call('market:closesOn', { date: '2026-07-22' })).toContainEqual({
      series: 'VIX',
      value: 16.64,
      source: 'file',
    })
    expect(errors).toEqual([])
    await page.close()
  })
})
