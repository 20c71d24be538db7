import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../../helpers/serve.ts'

export interface Child {
  process: ChildProcess
  /** Resolves with the first stdout line matching `re` (rejects if the child exits first). */
  line: (re: RegExp, timeoutMs?: number) => Promise<string>
  /** Resolves with the exit code (or the signal that ended it). */
  exit: Promise<number | string>
  stderr: () => string
}

/** Runs a script of ./children with the Node that runs the tests (the pinned Node 24). */
export function runChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'children', script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const waiters: { re: RegExp; ok: (l: string) => void }[] = []
  const scan = () => {
    const lines = out.split('\n')
    for (const w of [...waiters]) {
      const hit = lines.find((l) => w.re.test(l))
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1)
        w.ok(hit)
      }
    }
  }
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    scan()
  })
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exit = new Promise<number | string>((ok) =>
    child.once('exit', (code, signal) => ok(code ?? signal ?? -1)),
  )
  return {
    process: child,
    exit,
    stderr: () => err,
    line: (re, timeoutMs = 30_000) =>
      new Promise<string>((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`no line ${re} in ${timeoutMs} ms: ${out}\n${err}`)),
          timeoutMs,
        )
        void exit.then((code) =>
          fail(new Error(`${script} exited (${code}) before ${re}: ${out}\n${err}`)),
        )
        waiters.push({
          re,
          ok: (l) => {
            clearTimeout(timer)
            ok(l)
          },
        })
        scan()
      }),
  }
}
