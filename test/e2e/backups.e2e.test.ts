/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { e2eSuite } from '../helpers/e2e.ts'
import { condorInput } from '../helpers/builders.ts'

/**
 * Settings → Data & backups in Chromium through the real browser host: back up, change the
 * journal, restore the backup through the dialog, and see the change gone everywhere.
 * WINGMAN_SHOTS=DIR saves screenshots of the screen in both themes.
 */
const SHOTS = process.env.WINGMAN_SHOTS

e2eSuite('Settings → Data & backups in Chromium', (ctx) => {
  async function openSettings(theme: 'light' | 'dark' = 'dark'): Promise<Page> {
    const page = await ctx.browser.newPage({
      viewport: { width: 1280, height: 860 },
      colorScheme: theme,
    })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(ctx.app.url)
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Data & backups' }).waitFor()
    ;(page as Page & { jsErrors: string[] }).jsErrors = errors
    return page
  }
  const backupRows = (page: Page) =>
    page
      .getByRole('table', { name: 'Backups' })
      .getByRole('row')
      .filter({ hasNot: page.locator('th') })

  it('backs up, restores the backup through the dialog, and the change made since is gone', async () => {
    const page = await openSettings()
    const info = (await ctx.api('app:info', {})).body.value as { databasePath: string }
    await expect
      .poll(() => page.locator('.settings-facts').innerText())
      .toContain(info.databasePath)
    // a journal made just now has no daily backup yet
    await page.getByText('No backups yet').waitFor()
    // the browser host cannot open a file dialog: it says where that is done instead
    expect(await page.getByRole('button', { name: 'Open another journal…' }).count()).toBe(0)
    await page.getByText('Opening another journal is done in the desktop app').waitFor()

    await page.getByRole('button', { name: 'Back up now' }).click()
    await page.getByRole('status').filter({ hasText: 'Backed up: “Backed up by you' }).waitFor()
    await expect.poll(() => backupRows(page).count()).toBe(1)
    expect(await backupRows(page).first().innerText()).toMatch(
      /Backed up by you[\s\S]*\d+(\.\d)? (MB|kB)/i,
    )

    // a change after the backup: a position, seen on the Positions page
    const created = await ctx.api(
      'positions:createIronCondor',
      condorInput({ notes: 'after the backup' }),
    )
    expect(created.body.ok).toBe(true)
    await page.getByRole('link', { name: 'Positions' }).click()
    const positions = page.getByRole('table', { name: 'Positions' })
    await positions.getByRole('row').filter({ hasText: '6450' }).waitFor()

    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('button', { name: /^Restore the backup of/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' })
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain(
      'Your current journal is kept as a backup first, so you can go back to it from this list.',
    )
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true })
      await page.screenshot({ path: join(SHOTS, 'settings-restore-dialog.png') })
    }
    await dialog.getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await page
      .getByRole('status')
      .filter({
        hasText:
          /^Restored the backup “Backed up by you, .* ET”\. The journal it replaced is kept as the newest backup/,
      })
      .waitFor()
    // the journal it replaced is now the newest backup
    await expect.poll(() => backupRows(page).count()).toBe(2)
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'settings-restored.png') })
    // (badges are upper-cased by CSS, which innerText reflects)
    expect(await backupRows(page).first().innerText()).toMatch(/before a restore/i)

    // the position made after the backup is gone from the list
    await page.getByRole('link', { name: 'Positions' }).click()
    await page.getByRole('heading', { name: 'Positions' }).waitFor()
    await expect
      .poll(
        async () =>
          (
            (await ctx.api('positions:list', { status: 'all' })).body.value as {
              positions: unknown[]
            }
          ).positions.length,
      )
      .toBe(0)
    await expect.poll(() => positions.getByRole('row').filter({ hasText: '6450' }).count()).toBe(0)
    expect((page as Page & { jsErrors: string[] }).jsErrors).toEqual([])
    await page.close()
  })

  it('shows the screen in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openSettings(theme)
      await expect.poll(() => backupRows(page).count()).toBeGreaterThan(0)
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true })
        await page.screenshot({
          path: join(SHOTS, `settings-backups-${theme}.png`),
          fullPage: true,
        })
      }
      await page.close()
    }
  })
})
