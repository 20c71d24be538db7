/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { unzipSync } from 'fflate'
import type { Download, Locator, Page, Route } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { parseCsv } from '../../electron/core/io/csv.ts'
import { condorInput } from '../helpers/builders.ts'
import { e2eSuite } from '../helpers/e2e.ts'
import { REPO_ROOT } from '../helpers/serve.ts'

/**
 * "Export…" in Chromium through the browser host, where the page downloads what the core
 * returns: the Positions list's summary under its filter (rows and realised P&L as the list
 * shows them), the whole journal from Settings as one zip, a position's fills from its page,
 * and a failure said in words. The journal: the tastytrade scenario file (a closed SPX iron
 * condor with its VX hedge, −$558.02, and a closed call credit spread, $412.68) and an open
 * condor entered by hand.
 */
const FIXTURE = resolve(REPO_ROOT, 'test/fixtures/brokers/tastytrade/current-21.csv')
const BOM = '\ufeff'

/** The CSV as a spreadsheet reads it (the core's own parser), BOM first; rows as header → value. */
function rowsOf(bytes: Buffer): Record<string, string>[] {
  const text = bytes.toString('utf8')
  expect(text.startsWith(BOM)).toBe(true)
  expect(text.endsWith('\r\n')).toBe(true)
  const [header, ...rest] = parseCsv(text)
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i] ?? ''])))
}

/** "−$558.02" on screen → -558.02 */
const screenDollars = (text: string) => Number(text.replace('−', '-').replace(/[$,]/g, ''))

e2eSuite('export in Chromium', (ctx) => {
  async function call<T>(channel: string, body: unknown): Promise<T> {
    const r = await ctx.api(channel, body)
    if (!r.body.ok) throw new Error(`${channel}: ${JSON.stringify(r.body.error)}`)
    return r.body.value as T
  }
  type Listed = { id: number; structure: string; status: string }
  const listed = async (status: string) =>
    (await call<{ positions: Listed[] }>('positions:list', { status })).positions

  let openId = 0
  beforeAll(async () => {
    const imported = await call<{ written: boolean }>('trades:import', {
      fileName: 'current-21.csv',
      content: readFileSync(FIXTURE, 'utf8'),
    })
    expect(imported.written).toBe(true)
    openId = (await call<{ id: number }>('positions:createIronCondor', condorInput())).id
  })

  // The list's own address: with open positions the app would land on Today.
  async function openPage(hash = '#/positions'): Promise<Page & { jsErrors: string[] }> {
    const page = (await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } })) as Page & {
      jsErrors: string[]
    }
    // a missing element fails here, naming it, before the test's own timeout
    page.setDefaultTimeout(10_000)
    page.jsErrors = []
    page.on('pageerror', (e) => page.jsErrors.push(e.message))
    await page.goto(`${ctx.app.url}${hash}`)
    return page
  }
  const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export' })
  /** Opens "Export…" from the keyboard: focus the button, press Enter. */
  async function openExport(page: Page): Promise<Locator> {
    await page.getByRole('button', { name: 'Export…' }).focus()
    await page.keyboard.press('Enter')
    const dialog = exportDialog(page)
    await dialog.waitFor()
    return dialog
  }
  /** Runs `act` and returns the download it starts, read from disk. */
  async function downloaded(page: Page, act: () => Promise<void>) {
    const [download] = (await Promise.all([page.waitForEvent('download'), act()])) as [
      Download,
      void,
    ]
    const path = await download.path()
    return { name: download.suggestedFilename(), bytes: readFileSync(path) }
  }
  const outcome = (dialog: Locator) => dialog.getByRole('status')

  it('exports the listed positions under the list’s filter, with the realised P&L the list shows', async () => {
    const page = await openPage()
    const table = page.getByRole('table', { name: 'Positions' })
    const rows = table.locator('.vtable-row')
    await page.getByRole('radio', { name: 'Closed' }).click()
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe('#/positions?status=closed')
    await expect.poll(() => rows.count()).toBe(2)
    // what the list shows: each row's structure and realised P&L, read from the screen
    const columns = await table.getByRole('columnheader').allInnerTexts()
    const at = (title: string) => columns.findIndex((c) => c.startsWith(title))
    const onScreen = new Map<string, number>()
    for (const row of await rows.all()) {
      const cells = row.getByRole('cell')
      const structure = (await cells.nth(at('Structure')).innerText()).toLowerCase()
      onScreen.set(structure, screenDollars(await cells.nth(at('Realised')).innerText()))
    }
    expect(onScreen).toEqual(
      new Map([
        ['iron condor', -558.02],
        ['call credit spread', 412.68],
      ]),
    )

    const dialog = await openExport(page)
    // three choices; the listed summary chosen and focused, its filter in words
    const choices = dialog.getByRole('radio')
    expect(await choices.count()).toBe(3)
    const listedChoice = dialog.getByRole('radio', {
      name: /^The 2 listed positions — summary position_summary\.csv As filtered now: Closed positions$/,
    })
    expect(await listedChoice.isChecked()).toBe(true)
    expect(await listedChoice.evaluate((e) => e === document.activeElement)).toBe(true)
    await dialog
      .getByRole('radio', { name: /^The whole journal — summaries and every table/ })
      .waitFor()
    await dialog
      .getByRole('radio', { name: /^Review — every decision scored review_decisions\.csv/ })
      .waitFor()

    // Enter on the chosen radio submits the form
    const file = await downloaded(page, () => page.keyboard.press('Enter'))
    expect(file.name).toBe('position_summary.csv')
    const csv = rowsOf(file.bytes)
    // exactly the listed (closed) positions — not the open condor
    const closed = await listed('closed')
    expect(closed).toHaveLength(2)
    expect(csv.map((r) => Number(r.position_id)).sort()).toEqual(closed.map((p) => p.id).sort())
    expect(csv.map((r) => Number(r.position_id))).not.toContain(openId)
    for (const r of csv) {
      expect(r.status).toBe('closed')
      expect(Number(r.realised_pnl)).toBe(onScreen.get(r.structure!.replaceAll('_', ' ')))
    }

    // where it went and how many rows; the dialog now only informs, focus on the message
    await expect
      .poll(async () => (await outcome(dialog).innerText()).replace(/\n+/g, '\n'))
      .toBe(
        'Downloaded position_summary.csv to your browser’s downloads\nposition_summary.csv — 2 positions',
      )
    expect(await outcome(dialog).evaluate((e) => e === document.activeElement)).toBe(true)
    expect(await dialog.getByRole('button', { name: 'Export' }).count()).toBe(0)
    expect(await listedChoice.isDisabled()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(page.jsErrors).toEqual([])
    await page.close()
  })

  it('exports the whole journal from Settings as one zip, showing progress while it runs', async () => {
    const page = await openPage('#/settings')
    await page.getByRole('heading', { name: 'Export' }).waitFor()
    // the request is held until the busy state has been seen, then let through
    let release!: () => void
    const held = new Promise<void>((ok) => (release = ok))
    let requested = false
    await page.route('**/api/export:files', async (route: Route) => {
      requested = true
      await held
      await route.continue()
    })
    await page.getByRole('button', { name: 'Export everything…' }).click()
    const dialog = exportDialog(page)
    await dialog.waitFor()
    const only = dialog.getByRole('radio')
    expect(await only.count()).toBe(1)
    await dialog
      .getByRole('radio', { name: /^The whole journal — summaries and every table/ })
      .waitFor()

    const downloading = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export' }).click()
    await dialog.getByRole('progressbar', { name: 'Exporting' }).waitFor()
    await expect.poll(() => requested).toBe(true)
    expect(await dialog.getByRole('button', { name: 'Exporting…' }).isDisabled()).toBe(true)
    expect(await dialog.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true)
    expect(await only.isDisabled()).toBe(true)
    release()
    const download = await downloading
    await page.unroute('**/api/export:files')
    expect(download.suggestedFilename()).toMatch(/^wingman-journal-\d{4}-\d{2}-\d{2}\.zip$/)
    const zip = unzipSync(readFileSync(await download.path()))
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining(['position_summary.csv', 'fill_summary.csv', 'fills.csv']),
    )
    const positions = rowsOf(Buffer.from(zip['position_summary.csv']!))
    const all = await listed('all')
    expect(positions.map((r) => Number(r.position_id)).sort()).toEqual(all.map((p) => p.id).sort())
    expect(all.map((p) => p.id)).toContain(openId)
    const fills = rowsOf(Buffer.from(zip['fill_summary.csv']!))
    expect(fills.length).toBeGreaterThan(0)

    // the message names the zip and each file's rows, as counted in the files themselves
    await dialog.getByRole('progressbar').waitFor({ state: 'detached' })
    const text = await outcome(dialog).innerText()
    expect(text).toMatch(
      /^Downloaded wingman-journal-\d{4}-\d{2}-\d{2}\.zip to your browser’s downloads\n/,
    )
    expect(text).toContain(`position_summary.csv — ${all.length} positions`)
    expect(text).toContain(`fill_summary.csv — ${fills.length} fills`)
    const items = await dialog
      .getByRole('list', { name: 'Exported files' })
      .getByRole('listitem')
      .count()
    expect(items).toBe(Object.keys(zip).length)
    expect(page.jsErrors).toEqual([])
    await page.close()
  })

  it('exports a position’s fills and decisions from its page, as a zip', async () => {
    const condor = (await listed('closed')).find((p) => p.structure === 'iron_condor')!
    const page = await openPage(`#/positions/${condor.id}`)
    const fillsTable = page.getByRole('table', { name: 'Fills' })
    await fillsTable.waitFor()
    const onScreen = await fillsTable.locator('tbody tr').count()
    const dialog = await openExport(page)
    await dialog.getByRole('radio', { name: /^This position’s fills and decisions/ }).waitFor()
    const file = await downloaded(page, () => page.keyboard.press('Enter'))
    expect(file.name).toMatch(
      new RegExp(`^wingman-position-${condor.id}-\\d{4}-\\d{2}-\\d{2}\\.zip$`),
    )
    const zip = unzipSync(file.bytes)
    expect(Object.keys(zip).sort()).toEqual([
      `position_${condor.id}_decisions.csv`,
      `position_${condor.id}_fills.csv`,
    ])
    const fills = rowsOf(Buffer.from(zip[`position_${condor.id}_fills.csv`]!))
    expect(onScreen).toBeGreaterThan(0)
    expect(fills).toHaveLength(onScreen)
    await outcome(dialog).getByText(`position_${condor.id}_fills.csv — ${onScreen} fills`).waitFor()
    expect(page.jsErrors).toEqual([])
    await page.close()
  })

  it('says in words when the export cannot be made, and lets the trader try again', async () => {
    const page = await openPage('#/positions?status=all')
    await expect.poll(() => page.locator('.vtable-row').count()).toBe(3)
    const dialog = await openExport(page)
    await dialog.getByRole('radio', { name: /^The 3 listed positions/ }).waitFor()
    // the host goes away mid-session
    await page.route('**/api/export:files', (route) => route.abort('connectionrefused'))
    await dialog.getByRole('button', { name: 'Export' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor()
    const text = await alert.innerText()
    expect(text).toMatch(/^Could not export: Cannot reach the Wingman host/)
    expect(text).not.toMatch(/export:files|INTERNAL/)
    // nothing came out; the choice is back under the focus and Export can be pressed again
    expect(await outcome(dialog).count()).toBe(0)
    const choice = dialog.getByRole('radio', { name: /^The 3 listed positions/ })
    await expect.poll(() => choice.evaluate((e) => e === document.activeElement)).toBe(true)
    await page.unroute('**/api/export:files')
    const file = await downloaded(page, () =>
      dialog.getByRole('button', { name: 'Export' }).click(),
    )
    expect(rowsOf(file.bytes)).toHaveLength(3)
    await dialog.getByText('position_summary.csv — 3 positions').waitFor()
    expect(await dialog.getByRole('alert').count()).toBe(0)
    expect(page.jsErrors).toEqual([])
    await page.close()
  })
})
