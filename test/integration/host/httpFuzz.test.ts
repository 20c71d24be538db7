import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveApp, type ServedApp } from '../../helpers/serve.ts'
import { rawExchange, rawGet } from './rawHttp.ts'

/**
 * Issue 15, point 4: no input can end `wingman serve`. fast-check writes raw request lines,
 * headers and bodies to one live host over plain TCP (node:net, so nothing tidies them up):
 * valid and broken request lines, absolute-form and %-mangled targets, Host and token headers
 * right and wrong, hostile framing (Content-Length off, duplicated, chunked and broken chunked,
 * Expect, Upgrade), JSON and binary bodies to real channels. After every request the client
 * half-closes; the host must answer only statuses it defines, never a stack, close within the
 * time allowed, and still be running and serving at the end.
 */
const DEFINED_STATUSES = new Set([
  100, // interim answer to `Expect: 100-continue`
  200,
  400,
  401,
  403,
  404,
  405,
  408,
  413,
  417, // Node's answer to an Expect it does not know
  431,
])
const STACK_LINE = /\n\s+at .+[(:]\d+|TypeError|URIError|RangeError/
const RUNS = Number(process.env.FUZZ_RUNS ?? 400)

const CHANNELS = [
  'app:info',
  'positions:list',
  'positions:get',
  'positions:createIronCondor',
  'accounts:create',
  'rulesets:validate',
  'market:import',
  'market:series',
  'nope',
  '',
]

describe('wingman serve under a raw-HTTP fuzz', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wingman-fuzz-'))
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

  /** Any text, printable or not; written as latin1, so every code unit below 256 is one byte. */
  const anyBytes = (maxLength: number) =>
    fc.string({ unit: 'binary', maxLength }).map((s) => Buffer.from(s, 'utf8').toString('latin1'))

  const method = fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom('GET', 'POST') },
    {
      weight: 2,
      arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT'),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z-]{1,12}$/) },
    { weight: 1, arbitrary: anyBytes(12) },
  )

  const pieces = [
    '%',
    '%2',
    '%zz',
    '%E0%A4',
    '%E0%A4%A',
    '%00',
    '%2e%2e',
    '..',
    '/',
    'a',
    ':',
    '?',
    '#',
  ]
  const target = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '/',
        '/index.html',
        '/?token=x',
        '/%',
        '/%E0%A4%A',
        'http://127.0.0.1:99999/',
        'http://[zz]/',
        'http://%/',
        '*',
        '//evil.example/x',
        '/../../../../etc/passwd',
        '/assets/',
      ),
    },
    { weight: 4, arbitrary: fc.constantFrom(...CHANNELS).map((c) => `/api/${c}`) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...pieces), { maxLength: 8 })
        .map((p) => `/${p.join('')}`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `/${s}`) },
    { weight: 1, arbitrary: anyBytes(40) },
  )

  const version = fc.oneof(
    { weight: 20, arbitrary: fc.constant('HTTP/1.1') },
    { weight: 2, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', 'http/1.1', '') },
    { weight: 1, arbitrary: anyBytes(10) },
  )

  /** An optional header, present in about one request in `1 + absentWeight`. */
  const sometimes = (lines: string[], absentWeight = 5) =>
    fc.oneof(
      { weight: absentWeight, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...lines) },
    )

  const headers = (): fc.Arbitrary<string[]> =>
    fc
      .tuple(
        fc.oneof(
          { weight: 16, arbitrary: fc.constant(`Host: 127.0.0.1:${port}`) },
          {
            weight: 2,
            arbitrary: fc.constantFrom('Host: localhost', 'Host: evil.example', 'Host: [::1]', ''),
          },
          { weight: 1, arbitrary: anyBytes(30).map((h) => `Host: ${h}`) },
        ),
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(`Authorization: Bearer ${app.token}`) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('Authorization: Bearer x', 'Authorization: ', ''),
          },
        ),
        sometimes(['Content-Type: application/json', 'Content-Type: text/plain'], 1),
        sometimes(['Expect: 100-continue', 'Expect: something-else']),
        sometimes(['Connection: close', 'Connection: keep-alive', 'Connection: Upgrade']),
        sometimes(['Upgrade: websocket', 'Upgrade: h2c']),
        fc.oneof(
          { weight: 12, arbitrary: fc.constant([]) },
          {
            weight: 2,
            arbitrary: fc.array(
              fc
                .tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), fc.string({ maxLength: 30 }))
                .map(([n, v]) => `${n}: ${v}`),
              { maxLength: 3 },
            ),
          },
          {
            weight: 1,
            arbitrary: fc.array(
              fc.tuple(anyBytes(12), anyBytes(30)).map(([n, v]) => `${n}: ${v}`),
              { maxLength: 3 },
            ),
          },
        ),
      )
      .map(([host, auth, type, expect, connection, upgrade, extra]) =>
        [host, auth, type, expect, connection, upgrade, ...extra].filter((h): h is string => !!h),
      )

  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.json({ maxDepth: 4 }) },
    {
      weight: 2,
      arbitrary: fc
        .record({ text: fc.string({ maxLength: 200 }), id: fc.anything({ maxDepth: 2 }) })
        .map((r) => JSON.stringify(r) ?? ''),
    },
    { weight: 2, arbitrary: anyBytes(300) },
  )

  type Framing =
    | 'length'
    | 'wrong-length'
    | 'two-lengths'
    | 'huge-length'
    | 'none'
    | 'chunked'
    | 'broken-chunked'
  const framing = fc.constantFrom<Framing>(
    'length',
    'length',
    'length',
    'length',
    'length',
    'length',
    'wrong-length',
    'two-lengths',
    'huge-length',
    'none',
    'chunked',
    'broken-chunked',
  )

  function frame(
    kind: Framing,
    payload: string,
    delta: number,
  ): { headers: string[]; body: string } {
    const bytes = Buffer.byteLength(payload, 'latin1')
    switch (kind) {
      case 'length':
        return { headers: [`Content-Length: ${bytes}`], body: payload }
      case 'wrong-length':
        return { headers: [`Content-Length: ${Math.max(0, bytes + delta)}`], body: payload }
      case 'two-lengths':
        return {
          headers: [`Content-Length: ${bytes}`, `Content-Length: ${bytes + 1}`],
          body: payload,
        }
      case 'huge-length':
        // Declared far past the host's limit: refused before the (short) body is read.
        return { headers: ['Content-Length: 400000000'], body: payload }
      case 'none':
        return { headers: [], body: payload }
      case 'chunked':
        return {
          headers: ['Transfer-Encoding: chunked'],
          body: (bytes ? `${bytes.toString(16)}\r\n${payload}\r\n` : '') + '0\r\n\r\n',
        }
      case 'broken-chunked':
        return {
          headers: ['Transfer-Encoding: chunked'],
          body: `${(bytes + delta).toString(16)}\r\n${payload}\r\n`,
        }
    }
  }

  const newline = fc.oneof(
    { weight: 9, arbitrary: fc.constant('\r\n') },
    { weight: 1, arbitrary: fc.constant('\n') },
  )
  // (A function: the port is known only once the host runs.)
  const pipelined = () =>
    fc.option(fc.constant(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`), { freq: 6 })

  /** Any part may be broken: the request line, the line endings, the headers, the framing. */
  const hostile = () =>
    fc.record({
      method,
      target,
      version,
      headers: headers(),
      body,
      framing,
      delta: fc.integer({ min: -20, max: 20 }),
      newline,
      pipelined: pipelined(),
    })

  /**
   * Framed as HTTP/1.1 says, so it reaches the host's own handling: any method and target,
   * right and wrong Host and token, any JSON or bytes as the body.
   */
  const wellFramed = () =>
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'OPTIONS'),
      target: fc.oneof(
        target,
        fc.constantFrom(...CHANNELS).map((c) => `/api/${c}`),
      ),
      version: fc.constant('HTTP/1.1'),
      headers: headers().map((h) => h.filter((line) => /^[\w-]+: [\x20-\x7e]*$/.test(line))),
      body,
      framing: fc.constantFrom<Framing>('length', 'length', 'chunked', 'huge-length'),
      delta: fc.constant(0),
      newline: fc.constant('\r\n'),
      pipelined: pipelined(),
    })

  const request = () =>
    fc.oneof(hostile(), wellFramed()).map((r) => {
      const framed = frame(r.framing, Buffer.from(r.body, 'utf8').toString('latin1'), r.delta)
      const head = [
        `${r.method} ${r.target} ${r.version}`.trimEnd(),
        ...r.headers,
        ...framed.headers,
      ]
      return head.join(r.newline) + r.newline + r.newline + framed.body + (r.pipelined ?? '')
    })

  it(`answers ${RUNS} raw requests with defined statuses only, and stays up`, async () => {
    const seen = new Map<number | 'none', number>()
    // Once the host is gone every later case fails too, so shrinking would name the wrong one:
    // keep the request after which it was first seen gone.
    let fatal: string | undefined
    const property = fc.asyncProperty(request(), async (bytes) => {
      const reply = await rawExchange(port, bytes)
      // A dying host drops the connection unanswered; its exit is reported a moment later.
      if (!reply.statuses.length && app.process.exitCode === null)
        await Promise.race([once(app.process, 'exit'), delay(300)])
      if (app.process.exitCode !== null) fatal ??= bytes
      const first = reply.statuses.find((s) => s !== 100) ?? reply.statuses[0] ?? 'none'
      seen.set(first, (seen.get(first) ?? 0) + 1)
      expect(app.process.exitCode, 'the host process ended').toBeNull()
      // The host ends every exchange itself once the client has said all it will say.
      expect(reply.closed, 'the host left the connection hanging').toBe(true)
      // Whatever it sent is made of responses with statuses it defines.
      if (reply.text.length) expect(reply.text).toMatch(/^HTTP\/1\.1 \d{3} /)
      for (const status of reply.statuses) expect(DEFINED_STATUSES).toContain(status)
      expect(reply.text).not.toMatch(STACK_LINE)
    })
    try {
      await fc.assert(property, { numRuns: RUNS })
    } catch (e) {
      if (fatal !== undefined)
        throw new Error(`The host process ended after this request: ${JSON.stringify(fatal)}`, {
          cause: e,
        })
      throw e
    }
    expect(app.process.exitCode).toBeNull()
    expect(app.process.signalCode).toBeNull()
    expect((await rawGet(port, '/')).statuses).toEqual([200])
    expect(log).not.toMatch(STACK_LINE)
    const summary = [...seen].sort(([a], [b]) => String(a).localeCompare(String(b)))
    console.log(
      `HTTP fuzz: ${RUNS} raw requests to one live host, 0 host exits; first answer by status: ` +
        summary.map(([s, n]) => `${s}×${n}`).join(', '),
    )
  }, 60_000)
})
