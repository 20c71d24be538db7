import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { vi } from 'vitest'

/**
 * A recording stand-in for the `electron` module (no Electron binary can run on this machine):
 * what the shell registers (IPC handlers, window options, event listeners, session handlers) is
 * kept so tests can call it the way Electron would.
 */
export type Listener = (...args: unknown[]) => unknown

export interface FakeContents {
  openHandler?: () => unknown
  listeners: Map<string, Listener>
  setWindowOpenHandler(handler: () => unknown): void
  on(name: string, listener: Listener): FakeContents
  /** What the main process pushed to the page (webContents.send), in order. */
  sent: { channel: string; payload: unknown }[]
  send(channel: string, payload: unknown): void
}

export interface FakeWindow {
  options: Record<string, unknown>
  webContents: FakeContents
  loadedUrl?: string
}

export interface FakeElectronOptions {
  userData: string
  isPackaged: boolean
}

export function createFakeElectron(options: FakeElectronOptions) {
  const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>()
  const windows: FakeWindow[] = []
  const appListeners = new Map<string, Listener>()
  const headersHooks: Listener[] = []
  const sessionListeners = new Map<string, Listener>()
  let ready: () => void = () => {}
  const whenReady = new Promise<void>((r) => (ready = r))

  const makeContents = (): FakeContents => {
    const contents: FakeContents = {
      listeners: new Map(),
      setWindowOpenHandler(handler) {
        contents.openHandler = handler
      },
      on(name, listener) {
        contents.listeners.set(name, listener)
        return contents
      },
      sent: [],
      send(channel, payload) {
        contents.sent.push({ channel, payload })
      },
    }
    return contents
  }

  class BrowserWindow implements FakeWindow {
    options: Record<string, unknown>
    webContents = makeContents()
    listeners = new Map<string, Listener>()
    loadedUrl?: string
    constructor(windowOptions: Record<string, unknown>) {
      this.options = windowOptions
      // Electron announces every new web contents to the app, as here.
      appListeners.get('web-contents-created')?.({}, this.webContents)
      windows.push(this)
    }
    once() {}
    isDestroyed() {
      return false
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener)
    }
    loadURL(url: string) {
      this.loadedUrl = url
      return Promise.resolve()
    }
    static getAllWindows() {
      return windows
    }
  }

  // Plain records, not vi.fn(): vitest clears mock calls before each test, and these are set
  // once at start-up.
  const sessionHandlers = new Map<string, Listener>()
  const recordHandler = (name: string) => (handler: Listener) => sessionHandlers.set(name, handler)
  const defaultSession = {
    webRequest: { onHeadersReceived: (l: Listener) => headersHooks.push(l) },
    setPermissionRequestHandler: recordHandler('permissionRequest'),
    setPermissionCheckHandler: recordHandler('permissionCheck'),
    setDevicePermissionHandler: recordHandler('devicePermission'),
    setBluetoothPairingHandler: recordHandler('bluetoothPairing'),
    setDisplayMediaRequestHandler: recordHandler('displayMediaRequest'),
    on: (name: string, listener: Listener) => sessionListeners.set(name, listener),
  }

  const module = {
    app: {
      isPackaged: options.isPackaged,
      requestSingleInstanceLock: () => true,
      whenReady: () => whenReady,
      on: (name: string, l: Listener) => appListeners.set(name, l),
      getPath: (name: string) => (name === 'userData' ? options.userData : tmpdir()),
      getVersion: () => '0.1.0-test',
      getAppPath: () => resolve(import.meta.dirname, '../../..'),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBoxSync: vi.fn(),
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
    },
    ipcMain: {
      handle: (channel: string, h: (e: unknown, p: unknown) => unknown) => handlers.set(channel, h),
    },
    session: { defaultSession },
  }

  return {
    module,
    handlers,
    windows,
    appListeners,
    headersHooks,
    sessionListeners,
    sessionHandlers,
    ready: () => ready(),
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
