import { rmSync } from 'node:fs'
import { openRestorable, stageCopy } from '../io/restore.ts'
import { backupPathByName } from '../services/backups.ts'
import type { JobControl } from './control.ts'

/** A backup checked and copied beside the journal, ready to be put in its place. */
export interface StagedRestore {
  /** The temporary copy beside the journal. */
  staged: string
  /** The schema version of the backup (before the reopen upgrades it). */
  schemaVersion: number
}

/**
 * The long half of a restore (io/restore.ts steps 1–3: the checks, integrity_check included,
 * and the fsynced copy), run in a job worker; the open journal holder then swaps the file
 * (journalSession.ts). A cancel removes the copy: nothing is left behind.
 */
export function stageRestore(
  journalPath: string,
  name: string,
  at: Date,
  control: JobControl,
): StagedRestore {
  control.progress('Checking the backup', 0, 2)
  const checked = openRestorable(backupPathByName(journalPath, name))
  let staged: string
  try {
    control.checkCancelled()
    control.progress('Copying the backup beside the journal', 1, 2)
    staged = stageCopy(checked, journalPath, at)
  } finally {
    checked.close()
  }
  try {
    control.checkCancelled()
  } catch (e) {
    rmSync(staged, { force: true })
    throw e
  }
  control.progress('Copied', 2, 2)
  return { staged, schemaVersion: checked.schemaVersion }
}
