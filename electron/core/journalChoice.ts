import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'

/**
 * The journal the desktop app opened last with "Open another journal…", remembered in the data
 * folder (`journal.json`) so the next start opens it again. $WINGMAN_DB still wins; a remembered
 * file that is gone is forgotten (the default journal opens, nothing is created in its place).
 */
const CHOICE_FILE = 'journal.json'

export function rememberedJournal(dataDir: string): string | null {
  try {
    const { path } = JSON.parse(readFileSync(join(dataDir, CHOICE_FILE), 'utf8')) as {
      path?: unknown
    }
    if (typeof path !== 'string' || !isAbsolute(path)) return null
    return statSync(path, { throwIfNoEntry: false })?.isFile() ? path : null
  } catch {
    return null
  }
}

export function rememberJournal(dataDir: string, path: string): void {
  const file = join(dataDir, CHOICE_FILE)
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ path })}\n`, 'utf8')
  renameSync(`${file}.tmp`, file)
}
