import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { MAX_IMPORT_CHARS } from '../../../shared/contract.ts'
import { DEFAULT_MAX_BODY_BYTES } from '../../../electron/host/server.ts'
import { serveApp, type ServedApp } from '../../helpers/serve.ts'
import { firstBody as bodyOf, rawExchange, rawGet } from './rawHttp.ts'

/**
 * Issue 15's reproductions against a real `wingman serve` process: each of these inputs used to
 * end the process (exit 1, `TypeError: Invalid URL`) or answer 500 with a stack in the log. The
 * process must stay up, answer a defined status in plain words, and log one line without a stack.
 */
const STACK_LINE = /\n\s+at .+[(:]\d+/

describe('wingman serve against hostile requests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wingman-hostile-'))
  let app: ServedApp
  let port: number
  let log = ''

  beforeAll(async () => {
    app = await serveApp(join(dir, 'journal.sqlite'))
    port = Number(new URL(app.origin).port)
    app.process.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  })
  afterAll(async () => {
    await app?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The process is still running and still serves the app page. */
  async function expectStillServing(): Promise<void> {
    expect(app.process.exitCode).toBeNull()
    expect(app.process.signalCode).toBeNull()
    expect((await rawGet(port, '/')).statuses).toEqual([200])
  }

  it.each(['http://127.0.0.1:99999/', 'http://[zz]/', 'http://%/'])(
    'GET %s (absolute form, as `curl --request-target` sends it) answers 400 and the host stays up',
    async (target) => {
      const reply = await rawGet(port, target)
      expect(reply.statuses).toEqual([400])
      expect(JSON.parse(bodyOf(reply))).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'This address is not valid; open the link printed by `wingman serve`',
        },
      })
      await expectStillServing()
    },
  )

  it.each(['/%', '/%E0%A4%A', '/assets/%zz.js', '/a%00b'])(
    'GET %s (a broken %%-escape) answers 400, not 500',
    async (target) => {
      const reply = await rawGet(port, target)
      expect(reply.statuses).toEqual([400])
      expect(bodyOf(reply)).not.toMatch(STACK_LINE)
      expect(JSON.parse(bodyOf(reply)).error.message).toMatch(/address is not valid/)
      await expectStillServing()
    },
  )

  it('logs refused requests as one line each, never with a stack', async () => {
    const before = log.length
    await rawGet(port, '/%')
    await rawGet(port, 'http://127.0.0.1:99999/')
    await vi.waitFor(() =>
      expect(log.slice(before).split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2),
    )
    const lines = log.slice(before).split('\n').filter(Boolean)
    expect(lines).toEqual([
      '[wingman] 400 "GET" "/%": This address is not valid; open the link printed by `wingman serve`',
      '[wingman] 400 "GET" "http://127.0.0.1:99999/": This address is not valid; open the link printed by `wingman serve`',
    ])
    expect(log).not.toMatch(STACK_LINE)
    expect(log).not.toMatch(/TypeError|URIError/)
  })

  it('refuses a body declared larger than the limit with 413 before reading it', async () => {
    const reply = await rawExchange(
      port,
      `POST /api/market:import HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Authorization: Bearer ${app.token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 400000000\r\n\r\n{"text":"`,
    )
    expect(reply.statuses).toEqual([413])
    expect(JSON.parse(bodyOf(reply))).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          `This request is larger than the ${Math.floor(DEFAULT_MAX_BODY_BYTES / 1e6)} MB Wingman ` +
          `accepts; files up to ${MAX_IMPORT_CHARS / 1e6} MB can be imported`,
      },
    })
    await expectStillServing()
  })

  it('answers requests its HTTP parser cannot read with a status, not silence', async () => {
    expect((await rawExchange(port, 'GARBAGE\r\n\r\n')).statuses).toEqual([400])
    expect(
      (await rawExchange(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\0b\r\n\r\n')).statuses,
    ).toEqual([400])
    const hugeHeader = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`
    expect((await rawExchange(port, hugeHeader)).statuses).toEqual([431])
    const tunnel = `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`
    expect((await rawExchange(port, tunnel)).statuses).toEqual([405])
    await expectStillServing()
  })

  it('answers a request whose body can never end once the client says it is done (found by the fuzz)', async () => {
    // With Upgrade and no upgrade handler, Node reads the rest of the connection as the body:
    // a broken chunk then never completes, and the half-closed connection used to hang.
    const reply = await rawExchange(
      port,
      `POST /api/app:info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Authorization: Bearer ${app.token}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Transfer-Encoding: chunked\r\n\r\n1\r\n\r\n`,
    )
    expect(reply.closed).toBe(true)
    expect(reply.statuses).toEqual([400])
    expect(JSON.parse(bodyOf(reply)).error.message).toBe(
      'The request ended before all of it arrived',
    )
    await expectStillServing()
  })

  it('survives a client that leaves in the middle of a body', async () => {
    const before = log.length
    const reply = await rawExchange(
      port,
      `POST /api/positions:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Authorization: Bearer ${app.token}\r\nContent-Length: 1000\r\n\r\n{"a":`,
    )
    expect(reply.closed).toBe(true)
    await expectStillServing()
    expect(log.slice(before)).not.toMatch(STACK_LINE)
  })
})
