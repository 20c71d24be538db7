import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../shared/channels.ts'
import type { FakeElectron, Listener } from './fakeElectron.ts'

/**
 * The Electron shell, with Electron itself replaced by a recording fake (fakeElectron.ts;
 * Electron is the true boundary here: no binary can run on this machine). The core behind it is real: the shell
 * opens a real journal in a temp "userData" folder and the IPC handlers dispatch into it.
 */
const userData = mkdtempSync(join(tmpdir(), 'wingman-electron-'))
const rendererFile = resolve(import.meta.dirname, '../../../electron/renderer/index.html')

const fake = vi.hoisted(() => ({ electron: undefined as unknown as FakeElectron }))
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fakeElectron.ts')
  fake.electron = createFakeElectron({ userData, isPackaged: false })
  return fake.electron.module
})

describe('Electron main process (with Electron faked at the boundary)', () => {
  const e = () => fake.electron
  beforeAll(async () => {
    delete process.env.ELECTRON_RENDERER_URL
    delete process.env.WINGMAN_DB
    await import('../../../electron/main/index.ts')
    e().ready()
    await vi.waitFor(() => expect(e().windows).toHaveLength(1))
  })

  const win = () => e().windows[0]!
  const contentsListener = (name: string) => win().webContents.listeners.get(name)!
  const trustedEvent = () => ({
    sender: win().webContents,
    senderFrame: { url: pathToFileURL(rendererFile).href },
  })

  it('registers one ipcMain handler per contract channel', () => {
    expect([...e().handlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('opens a hardened window on its own page file', () => {
    expect(win().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(win().loadedUrl).toBe(pathToFileURL(rendererFile).href)
  })

  it('locks every web contents down: no pop-up, no navigation or redirect away, no webview', () => {
    expect(win().webContents.openHandler!()).toEqual({ action: 'deny' })
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = vi.fn()
      contentsListener(name)({ preventDefault: away }, 'https://evil.example/')
      expect(away, name).toHaveBeenCalledOnce()
      const unparsable = vi.fn()
      contentsListener(name)({ preventDefault: unparsable }, 'not a url')
      expect(unparsable, name).toHaveBeenCalledOnce()
      const home = vi.fn()
      contentsListener(name)(
        { preventDefault: home },
        `${pathToFileURL(rendererFile).href}#/review`,
      )
      expect(home, name).not.toHaveBeenCalled()
    }
    const webview = vi.fn()
    contentsListener('will-attach-webview')({ preventDefault: webview })
    expect(webview).toHaveBeenCalledOnce()
  })

  it('refuses every permission request and check, and picks no device', () => {
    const handler = (name: string) => e().sessionHandlers.get(name)!
    const answer = vi.fn()
    const request = handler('permissionRequest')
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ])
      request(win().webContents, permission, answer)
    expect(answer.mock.calls).toEqual(Array(5).fill([false]))
    const check = handler('permissionCheck')
    for (const permission of [
      'media',
      'hid',
      'serial',
      'usb',
      'clipboard-sanitized-write',
      'fullscreen',
    ])
      expect(check(win().webContents, permission, 'file://', {}), permission).toBe(false)
    const device = handler('devicePermission')
    expect(device({ deviceType: 'usb', origin: 'file://', device: {} })).toBe(false)

    // Device choosers: Electron's default is the first device; each is cancelled instead.
    const choosers: [Listener, unknown[], unknown[]][] = [
      [e().sessionListeners.get('select-hid-device')!, [{ deviceList: [{ deviceId: 'h' }] }], []],
      [
        e().sessionListeners.get('select-serial-port')!,
        [[{ portId: 's' }], win().webContents],
        [''],
      ],
      [e().sessionListeners.get('select-usb-device')!, [{ deviceList: [{ deviceId: 'u' }] }], []],
      [contentsListener('select-bluetooth-device'), [[{ deviceId: 'b' }]], ['']],
    ]
    for (const [listener, args, cancelled] of choosers) {
      const event = { preventDefault: vi.fn() }
      const callback = vi.fn()
      listener(event, ...args, callback)
      expect(event.preventDefault).toHaveBeenCalledOnce()
      expect(callback.mock.calls).toEqual([cancelled])
    }
    const pairing = handler('bluetoothPairing')
    const pair = vi.fn()
    pairing({ deviceId: 'b', pairingKind: 'confirm' }, pair)
    expect(pair).toHaveBeenCalledWith({ confirmed: false })
    const capture = handler('displayMediaRequest')
    const stream = vi.fn()
    capture({ frame: null, securityOrigin: 'file://' }, stream)
    expect(stream).toHaveBeenCalledWith(null)
  })

  it('asks before a page holding unsaved work unloads, and unloads only on "Discard changes"', async () => {
    const { dialog } = await import('electron')
    const ask = vi.mocked(dialog.showMessageBoxSync)
    const willPreventUnload = contentsListener('will-prevent-unload')
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
    const info = (await e().handlers.get('app:info')!(trustedEvent(), {})) as {
      ok: boolean
      value: { databasePath: string }
    }
    expect(info).toMatchObject({
      ok: true,
      value: { databasePath: join(userData, 'wingman.sqlite'), shell: 'desktop' },
    })
    const bad = await e().handlers.get('positions:createIronCondor')!(trustedEvent(), {
      quantity: 'many',
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('refuses IPC from any other page or frame, without naming the channel', async () => {
    const refused = {
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This page is not allowed to use the Wingman journal' },
    }
    const senders = [
      { sender: win().webContents, senderFrame: { url: 'https://evil.example/' } },
      { sender: {}, senderFrame: { url: pathToFileURL(rendererFile).href } },
      { sender: win().webContents, senderFrame: null },
      { sender: win().webContents, senderFrame: { url: '' } },
      { sender: win().webContents, senderFrame: { url: 'file:///etc/passwd' } },
    ]
    for (const event of senders)
      expect(
        await e().handlers.get('positions:list')!(event, {}),
        JSON.stringify(event.senderFrame),
      ).toEqual(refused)
  })

  it('sends the CSP header on every response', () => {
    const callback = vi.fn()
    e().headersHooks[0]!({ responseHeaders: { 'X-Other': ['1'] } }, callback)
    const headers = callback.mock.calls[0]![0].responseHeaders
    expect(headers['Content-Security-Policy'][0]).toMatch(/script-src 'self'/)
    expect(headers['X-Other']).toEqual(['1'])
  })

  it('opens another journal picked in a native dialog of the main process, and remembers it', async () => {
    const { dialog } = await import('electron')
    const pick = vi.mocked(dialog.showOpenDialog)
    const call = (channel: string) => e().handlers.get(channel)!(trustedEvent(), {})
    const other = join(userData, 'other.sqlite')
    const home = join(userData, 'wingman.sqlite')
    pick.mockResolvedValueOnce({ canceled: true, filePaths: [] })
    expect(await call('journal:openAnother')).toEqual({ ok: true, value: null })
    pick.mockResolvedValueOnce({ canceled: false, filePaths: [other] })
    expect(await call('journal:openAnother')).toEqual({ ok: true, value: { path: other } })
    expect(pick.mock.calls[1]).toEqual([
      win(),
      expect.objectContaining({ title: 'Open another journal', properties: ['openFile'] }),
    ])
    expect(await call('app:info')).toMatchObject({ ok: true, value: { databasePath: other } })
    expect(await call('journal:location')).toMatchObject({
      ok: true,
      value: { path: other, canOpenAnother: true, canRestore: true },
    })
    // the next start opens it again
    expect(JSON.parse(readFileSync(join(userData, 'journal.json'), 'utf8'))).toEqual({
      path: other,
    })
    pick.mockResolvedValueOnce({ canceled: false, filePaths: [home] })
    expect(await call('journal:openAnother')).toEqual({ ok: true, value: { path: home } })
    expect(await call('app:info')).toMatchObject({ ok: true, value: { databasePath: home } })
  })

  it('exports through native save dialogs of the main process: one file, or a folder of several', async () => {
    const { dialog } = await import('electron')
    const save = vi.mocked(dialog.showSaveDialog)
    const pick = vi.mocked(dialog.showOpenDialog)
    const call = (channel: string, req: unknown) => e().handlers.get(channel)!(trustedEvent(), req)
    const file = join(userData, 'mine.csv')
    save.mockResolvedValueOnce({ canceled: true, filePath: '' })
    expect(await call('export:files', { scope: 'listed', filter: {} })).toMatchObject({
      ok: true,
      value: { canceled: true, savedTo: null },
    })
    save.mockResolvedValueOnce({ canceled: false, filePath: file })
    const one = (await call('export:files', { scope: 'listed', filter: {} })) as {
      value: { savedTo: string; files: { name: string; content: string | null }[] }
    }
    expect(one.value.savedTo).toBe(file)
    // The page gets no content back: the main process wrote it.
    expect(one.value.files).toEqual([{ name: 'position_summary.csv', rows: 0, content: null }])
    expect(readFileSync(file, 'utf8')).toMatch(/^\ufeffposition_id,account,underlying/)
    pick.mockResolvedValueOnce({ canceled: false, filePaths: [userData] })
    const all = (await call('export:files', { scope: 'journal' })) as {
      value: { savedTo: string; files: { name: string }[] }
    }
    expect(all.value.savedTo).toMatch(/wingman-journal-\d{4}-\d{2}-\d{2}$/)
    expect(readdirSync(all.value.savedTo)).toEqual(
      expect.arrayContaining(['position_summary.csv', 'fill_summary.csv', 'fills.csv']),
    )
    // A second export never writes over the first.
    pick.mockResolvedValueOnce({ canceled: false, filePaths: [userData] })
    const again = (await call('export:files', { scope: 'journal' })) as {
      value: { savedTo: string }
    }
    expect(again.value.savedTo).toBe(`${all.value.savedTo}-2`)
    // The files were built in a job worker; its progress and end went to the window.
    const pushed = win().webContents.sent.filter((m) => m.channel === 'wingman:event')
    expect(pushed.map((m) => (m.payload as { name: string }).name)).toEqual(
      expect.arrayContaining(['job:progress', 'job:finished']),
    )
    expect(pushed.at(-1)?.payload).toMatchObject({
      name: 'job:finished',
      payload: { kind: 'export:files', outcome: 'done' },
    })
  })
})
