import { rmSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { BackupInfo, RestoreResult } from '../../../shared/backups.ts'
import { CHANNELS } from '../../../shared/channels.ts'
import type { Handlers } from '../../../shared/contract.ts'
import { DomainError } from '../../../shared/result.ts'
import { journalState } from '../db/journalState.ts'
import {
  assertNotInUse,
  installCopy,
  keepCurrentJournal,
  openRestorable,
  stageCopy,
} from '../io/restore.ts'
import { NO_CONTROL } from '../jobs/control.ts'
import { JobPool, type EmitEvent } from '../jobs/pool.ts'
import { stageRestore, type StagedRestore } from '../jobs/restoreStage.ts'
import { ensureDailyBackup } from '../services/backups.ts'
import { openAppJournal, type AppJournal } from '../services/journal.ts'
import type { PickTarget } from '../services/exportFiles.ts'
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
  /** Desktop only: asks where export files go (a native dialog; the worker then writes them). */
  pickExportTarget?: PickTarget
  /** Called with the path of each journal opened after the first (the desktop remembers it). */
  onOpened?: (path: string) => void
  /** Where problems that must not stop the app are reported (a daily backup that failed). */
  log?: (line: string) => void
  /**
   * Long work in worker threads (electron/core/jobs): the worker script and where job progress
   * is pushed. Without it the long channels run on the calling thread (tests of the handlers).
   */
  jobs?: { workerUrl: URL | string; emit: EmitEvent; maxWorkers?: number; cancelGraceMs?: number }
}

export interface JournalSession {
  /** Forwards every channel to the open journal's handlers. */
  handlers: Handlers
  /** The open journal and its path. */
  current: () => { journal: AppJournal; path: string }
  /** The daily backup taken when the journal was opened, if one was due. */
  dailyBackup: () => BackupInfo | null
  restore: (name: string) => Promise<RestoreResult>
  /** The jobs of the open journal (null without options.jobs). */
  jobs: () => JobPool | null
  /** Closes the journal now; the promise settles when the job workers have stopped. */
  close: () => Promise<void>
}

interface Open {
  journal: AppJournal
  path: string
  handlers: Handlers
  daily: BackupInfo | null
  pool: JobPool | null
}

const BUSY_WITH_JOBS =
  'A long job (an import, export, review or backup) is running: wait for it or cancel it, then try again. Nothing was changed.'

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
    const jobs = options.jobs
    const pool = jobs
      ? new JobPool({
          path,
          state: journalState(journal.db),
          version: options.version,
          shell: options.shell,
          workerUrl: jobs.workerUrl,
          emit: jobs.emit,
          warm: true,
          now,
          ...(jobs.maxWorkers ? { maxWorkers: jobs.maxWorkers } : {}),
          ...(jobs.cancelGraceMs ? { cancelGraceMs: jobs.cancelGraceMs } : {}),
        })
      : null
    const handlers = createHandlers({
      ...(pool ? { jobs: pool } : {}),
      db: journal.db,
      databasePath: path,
      version: options.version,
      shell: options.shell,
      now,
      journal: control,
      ...(options.pickExportTarget ? { pickExportTarget: options.pickExportTarget } : {}),
    })
    return { journal, path, handlers, daily: backup, pool }
  }

  let state = open(resolve(options.path), true)

  /**
   * Restores the backup `name` of the open journal (io/restore.ts): checked, copied beside the
   * journal, the journal closed, refused if anyone else has it open, kept as a before-restore
   * backup, replaced, opened again (which upgrades an older schema). If the new file cannot be
   * opened, the kept journal is put back.
   */
  async function restore(name: string): Promise<RestoreResult> {
    const { path, journal, pool } = state
    if (pool?.busy()) throw new DomainError('CONFLICT', BUSY_WITH_JOBS)
    // The checks and the copy (the long part) in a worker when there are workers.
    const { staged, schemaVersion } = pool
      ? ((await pool.run('backups:restore', { name })) as StagedRestore)
      : stageRestore(path, name, now(), NO_CONTROL)
    if (state.journal !== journal) {
      rmSync(staged, { force: true })
      throw new DomainError(
        'CONFLICT',
        'Another journal was opened meanwhile. Nothing was changed.',
      )
    }
    // The workers' connections go first, then this one: the file is replaced only when no
    // connection of this process has it open.
    await pool?.close()
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
      schemaVersion,
      migratedTo: from < to ? to : null,
    }
  }

  async function openAnother(): Promise<{ path: string } | null> {
    const picked = await options.pickJournal?.()
    if (!picked) return null
    const path = resolve(picked)
    if (path === state.path) return { path }
    if (state.pool?.busy()) throw new DomainError('CONFLICT', BUSY_WITH_JOBS)
    // Opened before the current one is closed: a file that is refused leaves things as they were.
    const next = open(path, true)
    const previous = state
    state = next
    await previous.pool?.close()
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
    jobs: () => state.pool,
    // This thread's connection closes now; the workers' as they stop (the promise).
    close: () => {
      state.journal.db.close()
      return state.pool?.close() ?? Promise.resolve()
    },
  }
}
