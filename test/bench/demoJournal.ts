/**
 * The benches' big journal: `wingman init` + `wingman demo --positions N --seed S`, made once and
 * kept in the temp folder under a name that changes when the demo generator or the schema
 * changes (so a stale copy is never measured). About 95 s for 100,000 positions on this machine.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = join(ROOT, 'bin/wingman.mjs')

function sourceStamp(): string {
  const h = createHash('sha1')
  h.update(readFileSync(join(ROOT, 'electron/core/demo/demo.ts')))
  const migrations = join(ROOT, 'electron/core/db/migrations')
  for (const f of readdirSync(migrations).sort())
    h.update(f).update(readFileSync(join(migrations, f)))
  return h.digest('hex').slice(0, 10)
}

function wingman(args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) throw new Error(`wingman ${args.join(' ')} exited with ${r.status}`)
}

/** The path of a demo journal of `positions` positions (made now if it is not there yet). */
export function demoJournal(positions = 100_000, seed = 1): string {
  const dir = join(tmpdir(), 'wingman-bench')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `demo-${positions}-${seed}-${sourceStamp()}.db`)
  if (existsSync(path)) return path
  const building = `${path}.building`
  rmSync(building, { force: true })
  console.log(`(making the demo journal of ${positions} positions: wingman init + wingman demo)`)
  wingman(['init', '--db', building])
  wingman(['demo', '--db', building, '--positions', String(positions), '--seed', String(seed)])
  // A closed journal has no WAL left (the last connection checkpoints it): moved alone it is whole.
  if (existsSync(`${building}-wal`))
    throw new Error(`${building}-wal remains: the demo did not close`)
  renameSync(building, path)
  return path
}
