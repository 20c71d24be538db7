#!/usr/bin/env node
// The `wingman` command. It runs the built JavaScript (out/main/cli.js, made by `npm install` /
// `npm run build`: each command a chunk loaded only when used), or the TypeScript sources with
// Node's type stripping when there is no build, when a source file is newer than the build (a
// developer's edit), or when WINGMAN_FROM_SOURCE=1. Needs Node 22.18+ (the project pins Node 24
// through its `node` devDependency).
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `wingman: needs Node 24 (found ${process.version}); run it through npm (npx wingman, npm run) so the pinned Node is used\n`,
  )
  process.exit(1)
}

const root = join(import.meta.dirname, '..')

/** The newest modification time of any file under `dir` (a few hundred stats, ~2 ms). */
function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const t = statSync(join(entry.parentPath, entry.name)).mtimeMs
    if (t > latest) latest = t
  }
  return latest
}

function builtIsCurrent() {
  if (process.env.WINGMAN_FROM_SOURCE === '1') return false
  const built = statSync(join(root, 'out/main/cli.js'), { throwIfNoEntry: false })
  if (!built) return false
  return ['electron', 'shared'].every((d) => newest(join(root, d)) <= built.mtimeMs)
}

const { main } = await (builtIsCurrent()
  ? import('../out/main/cli.js')
  : import('../electron/host/cli.ts'))
await main()
