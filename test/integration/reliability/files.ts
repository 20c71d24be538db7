import { createHash } from 'node:crypto'
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** Every file in a folder with its SHA-256 and mode: "untouched" means this did not change. */
export function folderState(dir: string): Record<string, { sha: string; mode: number }> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => {
        const p = join(dir, f)
        return [
          f,
          {
            sha: createHash('sha256').update(readFileSync(p)).digest('hex'),
            mode: statSync(p).mode,
          },
        ]
      }),
  )
}

/** A small seeded generator (mulberry32), so a corruption is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Overwrites `count` distinct pages chosen at random from the middle third of a closed SQLite
 * file with random bytes, the way a bad disk block or a stray write would. Returns the page
 * numbers (1-based) that were hit.
 */
export function corruptPages(path: string, count: number, seed: number): number[] {
  const pageSize = readFileSync(path).readUInt16BE(16)
  const pages = Math.floor(statSync(path).size / pageSize)
  const from = Math.floor(pages / 3)
  const span = Math.floor(pages / 3)
  const rnd = seeded(seed)
  const hit = new Set<number>()
  while (hit.size < Math.min(count, span)) hit.add(from + 1 + Math.floor(rnd() * span))
  const fd = openSync(path, 'r+')
  try {
    for (const page of hit) {
      const junk = Buffer.alloc(pageSize)
      for (let i = 0; i < pageSize; i++) junk[i] = Math.floor(rnd() * 256)
      writeSync(fd, junk, 0, pageSize, (page - 1) * pageSize)
    }
  } finally {
    closeSync(fd)
  }
  return [...hit].sort((a, b) => a - b)
}
