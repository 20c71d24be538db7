import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../shared/channels.ts'

/**
 * The Electron shell, with Electron itself replaced by a recording fake (Electron is the true
 * boundary here: no binary can run on this machine). The core behind it is real: the shell
 * opens a real journal in a temp "userData" folder and the IPC handlers dispatch into it.
 */
const userData = mkdtempSync(join(tmpdir(), 'wingman-electron-'))
const rendererFile = resolve(import.meta.dirname, '../../../electron/renderer/index.html')

type Listener = (...args: unknown[]) => void
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>()
  const windows: {
    options: Record<string, unknown>
    webContents: Record<string, unknown>
    listeners: Map<string, Listener>
  }[] = []
  let ready: () => void = () => {}
  const whenReady = new Promise<void>((r) => (ready = r))
  return {
    handlers,
    windows,
    ready: () => ready(),
    whenReady,
    appListeners: new Map<string, Listener>(),
    headersHook: [] as Listener[],
  }
})

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>
    listeners = new Map<string, Listener>()
    options: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      this.options = options
      const wcListeners = new Map<string, Listener>()
      this.webContents = {
        openHandler: undefined as unknown,
        setWindowOpenHandler(h: unknown) {
          this.openHandler = h
        },
        on: (name: string, l: Listener) => wcListeners.set(name, l),
        listeners: wcListeners,
      }
      fake.windows.push(this as never)
    }
    once() {}
    on(name: string, l: Listener) {
      this.listeners.set(name, l)
    }
    loadURL() {
      return Promise.resolve()
    }
    static getAllWindows() {
      return fake.windows
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: () => fake.whenReady,
      on: (name: string, l: Listener) => fake.appListeners.set(name, l),
      getPath: (name: string) => (name === 'userData' ? userData : tmpdir()),
      getVersion: () => '0.1.0-test',
      getAppPath: () => resolve(import.meta.dirname, '../../..'),
      isPackaged: false,
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn() },
    ipcMain: {
      handle: (channel: string, h: (e: unknown, p: unknown) => unknown) =>
        fake.handlers.set(channel, h),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: Listener) => fake.headersHook.push(l) },
        setPermissionRequestHandler: vi.fn(),
      },
    },
  }
})

describe('Electron main process (with Electron faked at the boundary)', () => {
  beforeAll(async () => {
    delete process.env.ELECTRON_RENDERER_URL
    delete process.env.WINGMAN_DB
    await import('../../../electron/main/index.ts')
    fake.ready()
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
  })

  const win = () => fake.windows[0]!
  const trustedEvent = () => ({
    sender: win().webContents,
    senderFrame: { url: pathToFileURL(rendererFile).href },
  })

  it('registers one ipcMain handler per contract channel', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('opens a hardened window', () => {
    expect(win().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    const openHandler = (win().webContents as { openHandler: () => unknown }).openHandler
    expect(openHandler()).toEqual({ action: 'deny' })
    const willNavigate = (win().webContents as { listeners: Map<string, Listener> }).listeners.get(
      'will-navigate',
    )!
    const prevent = vi.fn()
    willNavigate({ preventDefault: prevent }, 'https://evil.example/')
    expect(prevent).toHaveBeenCalledOnce()
  })

  it('asks before a page holding unsaved work unloads, and unloads only on "Discard changes"', async () => {
    const { dialog } = await import('electron')
    const ask = vi.mocked(dialog.showMessageBoxSync)
    const willPreventUnload = (
      win().webContents as { listeners: Map<string, Listener> }
    ).listeners.get('will-prevent-unload')!
    const discard = vi.fn()
    ask.mockReturnValueOnce(0)
    willPreventUnload({ preventDefault: discard })
    expect(discard).toHaveBeenCalledOnce() // preventDefault here lets the page unload
    const keep = vi.fn()
    ask.mockReturnValueOnce(1)
    willPreventUnload({ preventDefault: keep })
    expect(keep).not.toHaveBeenCalled()
    expect(ask).toHaveBeenCalledTimes(2)
    expect((ask.mock.calls[0] as unknown[])[1]).toMatchObject({
      buttons: ['Discard changes', 'Keep editing'],
      cancelId: 1,
    })
  })

  it('creates the journal in userData on first run, with the bundled market history', async () => {
    const Database = (await import('better-sqlite3')).default
    const db = new Database(join(userData, 'wingman.sqlite'), { readonly: true })
    const spx = db
      .prepare(
        "SELECT count(*) AS n FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id WHERE i.symbol = 'SPX'",
      )
      .get()
    expect(spx).toEqual({ n: 24_745 })
    db.close()
  })

  it('answers contract calls from its own page, against the journal in userData', async () => {
    const info = (await fake.handlers.get('app:info')!(trustedEvent(), {})) as {
      ok: boolean
      value: { databasePath: string }
    }
    expect(info).toMatchObject({
      ok: true,
      value: { databasePath: join(userData, 'wingman.sqlite'), shell: 'desktop' },
    })
    const bad = await fake.handlers.get('positions:createIronCondor')!(trustedEvent(), {
      quantity: 'many',
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('refuses IPC from any other page or frame', async () => {
    const foreignFrame = {
      sender: win().webContents,
      senderFrame: { url: 'https://evil.example/' },
    }
    expect(await fake.handlers.get('positions:list')!(foreignFrame, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const otherContents = { sender: {}, senderFrame: { url: pathToFileURL(rendererFile).href } }
    expect(await fake.handlers.get('positions:list')!(otherContents, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const noFrame = { sender: win().webContents, senderFrame: null }
    expect(await fake.handlers.get('positions:list')!(noFrame, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('sends the CSP header on every response', () => {
    const callback = vi.fn()
    fake.headersHook[0]!({ responseHeaders: { 'X-Other': ['1'] } }, callback)
    const headers = callback.mock.calls[0]![0].responseHeaders
    expect(headers['Content-Security-Policy'][0]).toMatch(/script-src 'self'/)
    expect(headers['X-Other']).toEqual(['1'])
  })
})
