import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  session,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron'
import { CHANNELS } from '../../shared/channels.ts'
import { DomainError, err } from '../../shared/result.ts'
import { createDispatch } from '../core/contract/dispatch.ts'
import type { EmitEvent } from '../core/jobs/pool.ts'
import { JOB_WORKER_URL } from '../core/jobs/workerUrl.ts'
import { EVENT_CHANNEL } from '../../shared/jobs.ts'
import { openJournalSession, type JournalSession } from '../core/contract/journalSession.ts'
import { rememberedJournal, rememberJournal } from '../core/journalChoice.ts'
import { DB_ENV_VAR, resolveDatabasePath } from '../core/paths.ts'
import { describeMarketLoad } from '../core/services/journal.ts'
import { CSP } from '../core/security.ts'
import type { SaveTarget } from '../core/io/saveExport.ts'

/**
 * The Electron shell: lifecycle, the window, and the IPC wiring of the contract. Everything else
 * lives in the Electron-free core so it is tested under plain Node.
 */
const here = dirname(fileURLToPath(import.meta.url))

/**
 * The renderer from electron-vite's dev server (`npm run dev` sets ELECTRON_RENDERER_URL), in a
 * development run only: a packaged app loads nothing but its own file, whatever its environment
 * says, and even in development only a loopback http address is taken, since the page it names
 * gets the contract.
 */
function devServerUrl(): string | undefined {
  const raw = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  if (!raw) return undefined
  const url = parseUrl(raw)
  if (url?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    return url.href
  console.warn(`[wingman] ignoring ELECTRON_RENDERER_URL: not a loopback http address`)
  return undefined
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

const devUrl = devServerUrl()
const rendererFile = join(here, '..', 'renderer', 'index.html')
const rendererUrl = devUrl ?? pathToFileURL(rendererFile).href

let mainWindow: BrowserWindow | null = null
let journal: JournalSession | null = null

/** Only our own renderer page may call the contract. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!frame || !mainWindow || event.sender !== mainWindow.webContents) return false
  const url = parseUrl(frame.url)
  if (!url) return false
  if (devUrl) return url.origin === new URL(devUrl).origin
  return url.protocol === 'file:' && fileURLToPath(url) === rendererFile
}

/** The app page itself (any #route of it); everything else is somewhere the app never goes. */
function isAppPage(target: string): boolean {
  return parseUrl(target)?.href.split('#')[0] === rendererUrl.split('#')[0]
}

/**
 * Every web contents, the window's and any other: no pop-ups, no navigation away from the app
 * page, no <webview>, no Bluetooth device chooser.
 */
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
}

/**
 * The journal needs no browser permission and no device: every permission request and check is
 * refused, and device choosers (HID, serial, USB, Bluetooth pairing, screen capture) pick nothing.
 */
function denyPermissionsAndDevices(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault()
    callback('')
  })
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
  })
  ses.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }))
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null))
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Wingman',
    backgroundColor: '#14171c',
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A middle click must not open a link in a new window either.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  // The page refuses to unload while it holds unsaved work (its beforeunload handler); Electron
  // would then silently keep the window open, so ask, and close only if the user says so.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Discard changes', 'Keep editing'],
      defaultId: 1,
      cancelId: 1,
      title: 'Leave without saving?',
      message: 'You have unsaved changes.',
      detail: 'Closing or reloading Wingman now discards them.',
    })
    if (choice === 0) event.preventDefault()
  })
  void win.loadURL(rendererUrl)
  return win
}

/** "Open another journal…": the main process asks; the renderer never sends a path. */
async function pickJournal(): Promise<string | null> {
  const options = {
    title: 'Open another journal',
    buttonLabel: 'Open journal',
    properties: ['openFile' as const],
    filters: [
      { name: 'Wingman journal', extensions: ['sqlite', 'sqlite3', 'db'] },
      { name: 'All files', extensions: ['*'] },
    ],
  }
  const r = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  return r.canceled ? null : (r.filePaths[0] ?? null)
}

/**
 * Export from the app: the main process asks where (one file: "Save as"; several: a folder, in
 * which they go to a new sub-folder); a job worker then writes them there. The renderer never
 * sends a path.
 */
async function pickExportTarget(
  _title: string,
  names: readonly string[],
): Promise<SaveTarget | null> {
  const documents = app.getPath('documents')
  if (names.length === 1) {
    const options = {
      title: 'Export',
      defaultPath: join(documents, names[0]!),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    }
    const r = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options)
    return r.canceled || !r.filePath ? null : { kind: 'file', path: r.filePath }
  }
  const options = {
    title: `Export ${names.length} files — choose a folder`,
    buttonLabel: 'Export here',
    defaultPath: documents,
    properties: ['openDirectory' as const, 'createDirectory' as const],
  }
  const r = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  const folder = r.canceled ? undefined : r.filePaths[0]
  return folder ? { kind: 'folder', path: folder } : null
}

/** Main → renderer pushes (job progress) to the window, on the one event channel. */
const sendEvent: EmitEvent = (name, payload) => {
  if (mainWindow && !mainWindow.isDestroyed())
    mainWindow.webContents.send(EVENT_CHANNEL, { name, payload })
}

function registerContract(opened: JournalSession): void {
  const dispatch = createDispatch(opened.handlers)
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event))
        return err('FORBIDDEN', 'This page is not allowed to use the Wingman journal')
      return dispatch(channel, payload)
    })
  }
}

async function start(): Promise<void> {
  // Before anything can load: whatever happens next, no page gets a permission or a device.
  denyPermissionsAndDevices(session.defaultSession)
  const userData = app.getPath('userData')
  // $WINGMAN_DB first, then the journal last opened with "Open another journal…", else the default.
  const databasePath = process.env[DB_ENV_VAR]
    ? resolveDatabasePath(userData)
    : (rememberedJournal(userData) ?? resolveDatabasePath(userData))
  try {
    // The bundled market history ships as an extra resource (see electron-builder.yml).
    const marketDir = app.isPackaged
      ? join(process.resourcesPath, 'market')
      : join(app.getAppPath(), 'resources', 'market')
    // The session swaps the journal under the contract on a restore or "Open another journal…".
    journal = openJournalSession({
      path: databasePath,
      marketDir,
      version: app.getVersion(),
      shell: 'desktop',
      pickJournal,
      pickExportTarget,
      onOpened: (path) => rememberJournal(userData, path),
      // Imports, exports, dry-runs, reviews, backups and lab runs run in worker threads (the
      // bundle's jobWorker.js, built from electron/core/jobs/worker.ts); progress goes to the page.
      jobs: { workerUrl: JOB_WORKER_URL, emit: sendEvent },
    })
    const { market } = journal.current().journal
    if (market.length) console.log(`[wingman] ${describeMarketLoad(market)}`)
  } catch (e) {
    const message = e instanceof DomainError ? e.message : String(e)
    dialog.showErrorBox('Wingman cannot open its journal', `${databasePath}\n\n${message}`)
    app.exit(2)
    return
  }
  // The CSP is also in index.html; sending it as a header covers every response.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  registerContract(journal)
  mainWindow = createWindow()
  mainWindow.on('closed', () => (mainWindow = null))
}

app.on('web-contents-created', (_event, contents) => lockDown(contents))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => void journal?.close())
  app.on('activate', () => {
    if (journal && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  void app.whenReady().then(start)
}
