import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../../shared/channels.ts'
import { DomainError, err } from '../../shared/result.ts'
import { createDispatch } from '../core/contract/dispatch.ts'
import { createHandlers } from '../core/contract/handlers.ts'
import type { Db } from '../core/db/connection.ts'
import { resolveDatabasePath } from '../core/paths.ts'
import { describeMarketLoad, openAppJournal } from '../core/services/journal.ts'
import { CSP } from '../core/security.ts'

/**
 * The Electron shell: lifecycle, the window, and the IPC wiring of the contract. Everything else
 * lives in the Electron-free core so it is tested under plain Node.
 */
const here = dirname(fileURLToPath(import.meta.url))
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererFile = join(here, '..', 'renderer', 'index.html')
const rendererUrl = devServerUrl ?? pathToFileURL(rendererFile).href

let mainWindow: BrowserWindow | null = null
let db: Db | null = null

/** Only our own renderer page may call the contract. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!frame || !mainWindow || event.sender !== mainWindow.webContents) return false
  const url = new URL(frame.url)
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin
  return url.protocol === 'file:' && fileURLToPath(url) === rendererFile
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
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  // No pop-ups and no navigation away from the app page.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).href.split('#')[0] !== rendererUrl.split('#')[0]) event.preventDefault()
  })
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

function registerContract(database: Db, databasePath: string): void {
  const dispatch = createDispatch(
    createHandlers({ db: database, databasePath, version: app.getVersion(), shell: 'desktop' }),
  )
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event)) return err('FORBIDDEN', `IPC sender not allowed for ${channel}`)
      return dispatch(channel, payload)
    })
  }
}

async function start(): Promise<void> {
  const databasePath = resolveDatabasePath(app.getPath('userData'))
  try {
    // The bundled market history ships as an extra resource (see electron-builder.yml).
    const marketDir = app.isPackaged
      ? join(process.resourcesPath, 'market')
      : join(app.getAppPath(), 'resources', 'market')
    const opened = openAppJournal(databasePath, { marketDir })
    db = opened.db
    if (opened.market.length) console.log(`[wingman] ${describeMarketLoad(opened.market)}`)
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
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  registerContract(db, databasePath)
  mainWindow = createWindow()
  mainWindow.on('closed', () => (mainWindow = null))
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => db?.close())
  app.on('activate', () => {
    if (db && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  void app.whenReady().then(start)
}
