/**
 * Writes an export's files where the trader chose in the desktop app's dialog: one file under
 * the name they typed, several into a new folder named after the export inside the folder they
 * picked (`wingman-journal-2026-11-27`, then `…-2`, never over an existing one). Each file is
 * written to a temporary name and renamed when complete.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FileToSave } from '../services/exportFiles.ts'

export type SaveTarget = { kind: 'file'; path: string } | { kind: 'folder'; path: string }

function writeAtomically(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}`
  writeFileSync(tmp, content, 'utf8')
  renameSync(tmp, path)
}

/** Returns the file or the folder the export went to. */
export function writeExportFiles(
  target: SaveTarget,
  title: string,
  files: readonly FileToSave[],
): string {
  if (target.kind === 'file') {
    if (files.length !== 1) throw new Error('a single file target needs exactly one file')
    writeAtomically(target.path, files[0]!.content)
    return target.path
  }
  let dir = join(target.path, title)
  for (let n = 2; existsSync(dir); n++) dir = join(target.path, `${title}-${n}`)
  mkdirSync(dir, { recursive: true })
  for (const f of files) writeAtomically(join(dir, f.name), f.content)
  return dir
}
