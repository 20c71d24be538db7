import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

export interface ServedApp {
  url: string
  origin: string
  token: string
  process: ChildProcess
  stop: () => Promise<void>
}

/**
 * Starts the real CLI (`bin/wingman.mjs serve`) on a free port and waits for the one line that
 * carries its URL.
 */
export async function serveApp(
  dbPath: string,
  /** How long to wait for the URL (opening a big journal checks it first). */
  startMs = 20_000,
): Promise<ServedApp> {
  const child = spawn(
    process.execPath,
    [resolve(REPO_ROOT, 'bin/wingman.mjs'), 'serve', '--db', dbPath, '--port', '0'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  let errText = ''
  child.stderr?.on('data', (d: Buffer) => (errText += d.toString()))
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`serve did not start in ${startMs / 1000} s: ${errText}`)),
      startMs,
    )
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        ok(m[1])
      }
    })
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${errText}`)))
  })
  const u = new URL(url)
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token') ?? '',
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}
