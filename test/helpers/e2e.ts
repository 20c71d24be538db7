import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe } from 'vitest'
import { chromiumPath, launchChromium } from './browser.ts'
import { serveApp, type ServedApp } from './serve.ts'

/**
 * End-to-end suites run the real `wingman serve` (a child process on a new SQLite journal in a
 * temp folder, with the bundled market history) and Debian's headless Chromium. Without a
 * Chromium they are skipped with a notice — unless WINGMAN_E2E=required (set by .ci/run), where
 * a missing browser fails the suite instead.
 */
const browserPath = chromiumPath()
const required = process.env.WINGMAN_E2E === 'required'
const skip = !browserPath && !required
if (skip)
  console.warn('[e2e] SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)')

export interface ApiReply {
  status: number
  body: {
    ok: boolean
    value?: unknown
    error?: { code: string; message: string; fields?: Record<string, string> }
  }
}

export interface E2eContext {
  app: ServedApp
  browser: Browser
  /** POST /api/<channel> with the host's token (or another one, '' for none). */
  api: (channel: string, body: unknown, token?: string) => Promise<ApiReply>
}

/** Declares a describe block with a served app and a browser shared by its tests. */
export function e2eSuite(name: string, body: (ctx: E2eContext) => void): void {
  describe.skipIf(skip)(name, () => {
    const ctx = {
      api: async (channel: string, payload: unknown, token?: string) => {
        const t = token ?? ctx.app.token
        const res = await fetch(`${ctx.app.origin}/api/${channel}`, {
          method: 'POST',
          headers: t ? { authorization: `Bearer ${t}` } : {},
          body: JSON.stringify(payload),
        })
        return { status: res.status, body: (await res.json()) as ApiReply['body'] }
      },
    } as E2eContext
    beforeAll(async () => {
      if (!browserPath) throw new Error('WINGMAN_E2E=required but no Chromium was found')
      ctx.app = await serveApp(join(mkdtempSync(join(tmpdir(), 'wingman-e2e-')), 'journal.sqlite'))
      ctx.browser = await launchChromium()
    })
    afterAll(async () => {
      await ctx.browser?.close()
      await ctx.app?.stop()
    })
    body(ctx)
  })
}
