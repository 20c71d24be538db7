import { rmSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { BackupInfo, RestoreResult } from '../../../shared/backups.ts'
import { CHANNELS } from '../../../shared/channels.ts'
import type { Handlers } from '../../../shared/contract.ts'
import {
  assertNotInUse,
  installCopy,
  keepCurrentJournal,
  openRestorable,
  stageCopy,
} from '../io/restore.ts'
import { backupPathByName, ensureDailyBackup } from '../services/backups.ts'
import { openAppJournal, type AppJournal } from '../services/journal.ts'
import type { SaveFiles } from '../services/exportFiles.ts'
import { createHandlers, type JournalControl } from './handlers.ts'

/**
 * The journal a running app or `wingman serve` holds open, and the handlers over it. A restore
 * or "Open another journal…" swaps the journal under the same handlers: requests are forwarded
 * to the handlers of whichever journal is open now, so the dispatcher, the IPC registrations
 * and the HTTP routes stay as they are. better-sqlite3 is synchronous, so a swap happens
 * between two requests, never inside one.
 */
export interface JournalSessionOptions {
  path: string
  /** The bundled market history for a first run (null: none, as `init --empty`). */
  marketDir: string | null
  version: string
  shell: 'desktop' | 'browser'
  now?: () => Date
  /** Desktop only: asks for another journal file (a native dialog); null when cancelled. */
  pickJournal?: () => Promise<string | null>
  /** Desktop only: saves export files where the trader says (a native dialog). */
  saveFiles?: SaveFiles
  /** Called with the path of each journal opened after the first (the desktop remembers it). */
  onOpened?: (path: string) => void
  /** Where problems that must not stop the app are reported (a daily backup that failed). */
  log?: (line: string) => void
}

export interface JournalSession {
  /** Forwards every channel to the open journal's handlers. */
  handlers: Handlers
  /** The open journal and its path. */
  current: () => { journal: AppJournal; path: string }
  /** The daily backup taken when the journal was opened, if one was due. */
  dailyBackup: () => BackupInfo | null
  restore: (name: string) => RestoreResult
  close: () => void
}

interface Open {
  journal: AppJournal
  path: string
  handlers: Handlers
  daily: BackupInfo | null
}

export function openJournalSession(options: JournalSessionOptions): JournalSession {
  const now = options.now ?? (() => new Date())
  const log = options.log ?? ((line) => console.error(line))

  const control: JournalControl = {
    restoreBackup: (name) => restore(name),
    ...(options.pickJournal ? { openAnother: () => openAnother() } : {}),
  }

  /**
   * Opens the journal at `path` with its handlers. `daily`: when the app or host opens a journal
   * (not when it reopens one after a restore), and not a journal made just now (nothing to
   * protect yet) or a damaged one.
   */
  function open(path: string, daily = false): Open {
    const journal = openAppJournal(path, { marketDir: options.marketDir, now })
    let backup: BackupInfo | null = null
    if (daily && !journal.readOnly && !journal.created) {
      try {
        backup = ensureDailyBackup(journal.db, path, now())
      } catch (e) {
        log(`[wingman] the daily backup of ${path} failed: ${(e as Error).message}`)
      }
    }
    const handlers = createHandlers({
      db: journal.db,
      databasePath: path,
      version: options.version,
      shell: options.shell,
      now,
      journal: control,
      ...(options.saveFiles ? { saveFiles: options.saveFiles } : {}),
    })
    return { journal, path, handlers, daily: backup }
  }

  let state = open(resolve(options.path), true)

  /**
   * Restores the backup `name` of the open journal (io/restore.ts): checked, copied beside the
   * journal, the journal closed, refused if anyone else has it open, kept as a before-restore
   * backup, replaced, opened again (which upgrades an older schema). If the new file cannot be
   * opened, the kept journal is put back.
   */
  function restore(name: string): RestoreResult {
    const { path, journal } = state
    const checked = openRestorable(backupPathByName(path, name))
    let staged: string
    try {
      staged = stageCopy(checked, path, now())
    } finally {
      checked.close()
    }
    // Closed first: only then can it be seen whether anyone else has the journal open, which
    // refuses the restore before anything is written (no stray before-restore backup).
    journal.db.close()
    let keptAs: string | null
    try {
      assertNotInUse(path)
      keptAs = keepCurrentJournal(path, now())
      installCopy(staged, path)
    } catch (e) {
      rmSync(staged, { force: true })
      state = open(path) // as it was
      throw e
    }
    try {
      state = open(path)
    } catch (e) {
      if (keptAs) {
        const back = openRestorable(keptAs)
        try {
          installCopy(stageCopy(back, path, now()), path)
        } finally {
          back.close()
        }
        state = open(path)
      }
      throw e
    }
    const { from, to } = state.journal.migration
    return {
      restored: name,
      keptAs: keptAs && basename(keptAs),
      schemaVersion: checked.schemaVersion,
      migratedTo: from < to ? to : null,
    }
  }

  async function openAnother(): Promise<{ path: string } | null> {
    const picked = await options.pickJournal?.()
    if (!picked) return null
    const path = resolve(picked)
    if (path === state.path) return { path }
    // Opened before the current one is closed: a file that is refused leaves things as they were.
    const next = open(path, true)
    const previous = state
    state = next
    previous.journal.db.close()
    options.onOpened?.(path)
    return { path }
  }

  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      (request: unknown) => (state.handlers[c] as (r: unknown) => unknown)(request),
    ]),
  ) as unknown as Handlers

  return {
    handlers,
    current: () => ({ journal: state.journal, path: state.path }),
    dailyBackup: () => state.daily,
    restore,
    close: () => state.journal.db.close(),
  }
}
