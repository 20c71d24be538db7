import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeElectron, type FakeElectron } from './fakeElectron.ts'

/**
 * Which page the window loads, and which page may then call the contract: electron-vite's dev
 * server (ELECTRON_RENDERER_URL) in a development run only, never in a packaged app (issue 15:
 * the variable used to be honoured in packaged builds, so anyone who could set the environment
 * could give a page of theirs the journal). Each case starts the shell afresh against Electron
 * faked at its boundary.
 */
const REPO = resolve(import.meta.dirname, '../../..')
const appFile = pathToFileURL(join(REPO, 'electron/renderer/index.html')).href
const dirs: string[] = []

async function startShell(options: { packaged: boolean; rendererUrl: string }) {
  const userData = mkdtempSync(join(tmpdir(), 'wingman-electron-url-'))
  dirs.push(userData)
  vi.resetModules()
  const fake: FakeElectron = createFakeElectron({ userData, isPackaged: options.packaged })
  vi.doMock('electron', () => fake.module)
  vi.stubEnv('ELECTRON_RENDERER_URL', options.rendererUrl)
  // A packaged app finds its bundled market history next to app.asar, in resources/.
  ;(process as { resourcesPath?: string }).resourcesPath = join(REPO, 'resources')
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  await import('../../../electron/main/index.ts')
  fake.ready()
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 })
  const win = fake.windows[0]!
  const callFrom = (url: string) =>
    fake.handlers.get('app:info')!({ sender: win.webContents, senderFrame: { url } }, {})
  return { win, callFrom, warnings: warn.mock.calls.map((c) => String(c[0])) }
}

describe('the page the desktop window loads', () => {
  afterEach(() => {
    vi.doUnmock('electron')
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
    delete (process as { resourcesPath?: string }).resourcesPath
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('is always the packaged file in a packaged app, whatever ELECTRON_RENDERER_URL says', async () => {
    const shell = await startShell({ packaged: true, rendererUrl: 'http://localhost:5173/' })
    expect(shell.win.loadedUrl).toBe(appFile)
    expect(await shell.callFrom(appFile)).toMatchObject({ ok: true })
    expect(await shell.callFrom('http://localhost:5173/')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it("is electron-vite's dev server in a development run, which alone may call the contract", async () => {
    const shell = await startShell({ packaged: false, rendererUrl: 'http://localhost:5173/' })
    expect(shell.win.loadedUrl).toBe('http://localhost:5173/')
    expect(await shell.callFrom('http://localhost:5173/#/review')).toMatchObject({ ok: true })
    expect(await shell.callFrom(appFile)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it.each(['https://evil.example/', 'http://192.168.1.9:5173/'])(
    'is the app file when ELECTRON_RENDERER_URL is not a loopback http address (%s)',
    async (rendererUrl) => {
      const shell = await startShell({ packaged: false, rendererUrl })
      expect(shell.win.loadedUrl).toBe(appFile)
      expect(shell.warnings).toEqual([
        '[wingman] ignoring ELECTRON_RENDERER_URL: not a loopback http address',
      ])
      expect(await shell.callFrom(rendererUrl)).toMatchObject({ ok: false })
    },
  )
})
