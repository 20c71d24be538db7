/**
 * Writes an export's files where the trader chose in the desktop app's dialog: one file under
 * the name they typed, several into a new folder named after the export inside the folder they
 * picked (`wingman-journal-2026-11-27`, then `…-2`, never over an existing one). Each file is
 * written to a temporary name and renamed when complete; a failure removes what was written.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

export type SaveTarget = { kind: 'file'; path: string } | { kind: 'folder'; path: string }

export interface ExportDestination {
  /** Where the export went (the file, or the new folder). */
  savedTo: string
  pathOf(name: string): string
  /** Removes the new folder if it was made (after its files were removed). */
  discard(): void
}

/** The path of each file of an export of `count` files to `target` (making the new folder). */
export function exportDestination(
  target: SaveTarget,
  title: string,
  count: number,
): ExportDestination {
  if (target.kind === 'file') {
    if (count !== 1) throw new Error('a single file target needs exactly one file')
    return { savedTo: target.path, pathOf: () => target.path, discard: () => {} }
  }
  let dir = join(target.path, title)
  for (let n = 2; existsSync(dir); n++) dir = join(target.path, `${title}-${n}`)
  mkdirSync(dir, { recursive: true })
  return {
    savedTo: dir,
    pathOf: (name) => join(dir, name),
    discard: () => rmSync(dir, { recursive: true, force: true }),
  }
}
