import { spawnSync } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, writeSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from '../helpers/browser.ts'
import { REPO_ROOT, serveApp, type ServedApp } from '../helpers/serve.ts'
import type { Browser } from 'playwright-core'

const SHOTS = process.env.WINGMAN_SHOTS
const skip = !chromiumPath() && process.env.WINGMAN_E2E !== 'required'

/** A real journal with 20 pages in its middle overwritten (issue 15's corruption). */
function corruptJournal(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wingman-e2e-corrupt-')), 'journal.sqlite')
  const r = spawnSync(
    process.execPath,
    [resolve(REPO_ROOT, 'bin/wingman.mjs'), 'init', '--db', path],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  if (r.status !== 0) throw new Error(r.stderr)
  const pages = Math.floor(statSync(path).size / 4096)
  const fd = openSync(path, 'r+')
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (let i = 0; i < 20; i++) {
    const page = Math.floor(pages / 3) + (next() % Math.floor(pages / 3))
    const junk = Buffer.alloc(4096, next() % 256)
    writeSync(fd, junk, 0, junk.length, page * 4096)
  }
  closeSync(fd)
  return path
}

describe.skipIf(skip)('a damaged journal in Chromium', () => {
  let app: ServedApp
  let browser: Browser
  beforeAll(async () => {
    app = await serveApp(corruptJournal())
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('opens read-only with a banner that says how to salvage it', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 800 },
        colorScheme: theme,
      })
      await page.goto(app.url)
      const banner = page.getByRole('alert').filter({ hasText: 'read-only' })
      await banner.waitFor()
      const text = await banner.innerText()
      expect(text).toMatch(/This journal is open read-only/)
      expect(text).toMatch(/wingman salvage --db ".*journal\.sqlite" --out NEW\.sqlite/)
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `journal-banner-${theme}.png`) })
      await page.close()
    }
  })
})
