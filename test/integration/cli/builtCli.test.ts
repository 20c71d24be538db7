import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../helpers/tmp.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'bin/wingman.mjs')

/** Which modules a run of `wingman` loaded: Node prints each ESM load with NODE_DEBUG=esm. */
function loaded(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_DEBUG: 'esm', ...env },
  })
  if (r.error) throw r.error
  return { status: r.status, stdout: r.stdout, trace: r.stderr }
}

describe('the wingman command ships as built JavaScript (issue 13, point 6)', () => {
  const tmp = useTempDir()

  it('runs out/main/cli.js when the build is current, loading only the command it runs', () => {
    // npm test's pretest has just built it: newer than every source
    const help = loaded(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^wingman — offline trading journal/)
    expect(help.trace).toContain('out/main/cli.js')
    expect(help.trace).not.toContain('electron/host/cli.ts')
    // --help loads no command module and not the journal's core
    expect(help.trace).not.toMatch(/handlers-[\w-]+\.js/)
    const init = loaded(['init', '--db', join(tmp(), 'j.sqlite'), '--empty'])
    expect(init.status).toBe(0)
    expect(init.trace).toContain('out/main/cli.js')
  })

  it('runs the sources when asked to (WINGMAN_FROM_SOURCE=1)', () => {
    const r = loaded(['--help'], { WINGMAN_FROM_SOURCE: '1' })
    expect(r.status).toBe(0)
    expect(r.trace).toContain('electron/host/cli.ts')
    expect(r.trace).not.toContain('out/main/cli.js')
  })
})
