import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium), or $CHROMIUM_PATH. */
export function chromiumPath(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean) as string[]
  return candidates.find((p) => existsSync(p)) ?? null
}

/**
 * Headless Chromium with the flags this offline machine needs (see ARCHITECTURE.md). Playwright's
 * launch() gives every browser a fresh temporary profile, so no --user-data-dir is passed.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!executablePath)
    throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH')
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
