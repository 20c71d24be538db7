import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Duplex } from 'node:stream'
import { isChannel } from '../../shared/channels.ts'
import { MAX_IMPORT_CHARS } from '../../shared/contract.ts'
import type { ErrorCode } from '../../shared/result.ts'
import type { Dispatch } from '../core/contract/dispatch.ts'
import type { EventHub } from '../core/jobs/events.ts'
import { CSP } from '../core/security.ts'

/**
 * The browser host: serves the built renderer and answers `POST /api/<channel>` through the same
 * dispatcher as Electron's IPC. Bound to 127.0.0.1 only; every API call must carry the token made
 * at start (header `Authorization: Bearer <token>`), and a Host header naming anything but a
 * loopback address is refused, which defeats DNS-rebinding pages that would otherwise reach
 * the port from a browser.
 */
export interface HostOptions {
  dispatch: Dispatch
  /** The built renderer (out/renderer). */
  staticDir: string
  port?: number
  token?: string
  /** Largest accepted request body, bytes (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number
  /** Job progress pushed to the page: `GET /api/events?token=…` (server-sent events). */
  events?: EventHub
}

export interface RunningHost {
  server: Server
  port: number
  token: string
  url: string
  close: () => Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

function isLoopbackHost(header: string | undefined, port: number): boolean {
  if (!header) return false
  const m = /^(\[::1\]|[^:]+)(?::(\d+))?$/.exec(header)
  if (!m || !LOOPBACK_HOSTS.has(m[1] ?? '')) return false
  return m[2] === undefined || Number(m[2]) === port
}

/**
 * Default body limit: a market-data file at the contract's largest size still fits once
 * JSON-encoded (at most 3 UTF-8 bytes per UTF-16 unit of ordinary text, plus quoting and the
 * other fields); anything larger is refused before it is buffered.
 */
export const DEFAULT_MAX_BODY_BYTES = MAX_IMPORT_CHARS * 3 + 1_000_000

const MB = 1_000_000
const describeBytes = (n: number) =>
  n >= MB ? `${Math.floor(n / MB)} MB` : n >= 1000 ? `${Math.floor(n / 1000)} kB` : `${n} bytes`

/**
 * A request refused on its face (a broken address, a body too large, a wrong method): answered
 * with its status and a message in the trader's words, and logged as one line, never a stack.
 */
class ClientError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly headers: Record<string, string>
  constructor(status: number, code: ErrorCode, message: string, headers = {}) {
    super(message)
    this.status = status
    this.code = code
    this.headers = headers
  }
}

const BAD_ADDRESS = 'This address is not valid; open the link printed by `wingman serve`'

/**
 * The path of a request target. Only the origin form (`/path?query`) is served: this is not a
 * proxy, so the absolute form (`http://host:99999/`) and anything else is refused rather than
 * parsed (parsing it with `new URL` used to throw outside the error handling and end the process).
 */
function targetPath(target: string | undefined): string {
  if (!target?.startsWith('/')) throw new ClientError(400, 'VALIDATION', BAD_ADDRESS)
  const end = target.search(/[?#]/)
  return end === -1 ? target : target.slice(0, end)
}

/** Percent-decodes a static path; a broken escape (`/%`, `/%E0%A4%A`) is the client's error. */
function decodePath(pathname: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    throw new ClientError(400, 'VALIDATION', BAD_ADDRESS)
  }
  if (decoded.includes('\0')) throw new ClientError(400, 'VALIDATION', BAD_ADDRESS)
  return decoded
}

/** A request the client gave up on (closed the connection mid-body): nothing left to answer. */
function isClientGone(req: IncomingMessage, e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') return true
  // (`req.destroyed` says nothing: a body read to its end is destroyed too.)
  return !req.complete || req.socket.destroyed
}

/** Log lines quote what the client sent: escaped and cut short, so no input can forge a line. */
const quoted = (text: string | undefined) => JSON.stringify((text ?? '').slice(0, 200))

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

const ignore = () => {}

const errorBody = (code: ErrorCode, message: string) => ({ ok: false, error: { code, message } })

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Reads a body of at most `limit` bytes. A declared Content-Length over the limit is refused
 * before a byte is read; a chunked body is counted as it arrives and dropped past the limit.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () =>
    new ClientError(
      413,
      'VALIDATION',
      `This request is larger than the ${describeBytes(limit)} Wingman accepts; ` +
        `files up to ${describeBytes(MAX_IMPORT_CHARS)} can be imported`,
      // The rest of an oversize body is not read: the connection ends with the answer.
      { connection: 'close' },
    )
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge())
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const settle = (error?: Error) => {
      req.off('data', onData).off('end', onEnd).off('close', onClose)
      req.socket.off('end', onSocketEnd)
      if (error) reject(error)
      else resolvePromise(Buffer.concat(chunks).toString('utf8'))
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) settle(tooLarge())
      else chunks.push(chunk)
    }
    const onEnd = () => settle()
    const onClose = () => {
      if (!req.complete)
        settle(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }))
    }
    // The client said it will send nothing more (a half-close) while the body is still
    // incomplete: it never will be. Node cannot tell every such body from a long one.
    const onSocketEnd = () => {
      if (!req.complete)
        settle(new ClientError(400, 'VALIDATION', 'The request ended before all of it arrived'))
    }
    req.on('data', onData).once('end', onEnd).once('close', onClose)
    req.socket.once('end', onSocketEnd)
  })
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const root = resolve(options.staticDir)
  let port = 0

  async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new ClientError(405, 'VALIDATION', 'Pages can only be read here', {
        allow: 'GET, HEAD',
      })
    const rel = pathname === '/' ? 'index.html' : decodePath(pathname).replace(/^\/+/, '')
    const file = normalize(join(root, rel))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      return
    }
    try {
      const s = await stat(file)
      if (!s.isFile()) throw new Error('not a file')
      const body = await readFile(file)
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    }
  }

  /**
   * Job progress as server-sent events. EventSource cannot send headers, so the token comes in
   * the query (the same token as in the page's own URL). One `data:` line per event:
   * {"name": "job:progress", "payload": {...}}; a comment every 15 s keeps proxies from closing.
   */
  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET')
      throw new ClientError(405, 'VALIDATION', 'Events are read with GET', { allow: 'GET' })
    const given = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined
    if (!tokenMatches(given, token))
      throw new ClientError(
        401,
        'UNAUTHORIZED',
        'Missing or wrong token; open the URL printed by `wingman serve`',
      )
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    res.write(': wingman events\n\n')
    const unsubscribe =
      options.events?.subscribe((name, payload) => {
        res.write(`data: ${JSON.stringify({ name, payload })}\n\n`)
      }) ?? (() => {})
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    keepAlive.unref()
    res.once('close', () => {
      clearInterval(keepAlive)
      unsubscribe()
    })
  }

  async function serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> {
    if (req.method !== 'POST')
      throw new ClientError(405, 'VALIDATION', 'Journal requests must be sent with POST', {
        allow: 'POST',
      })
    const auth = req.headers.authorization
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined
    if (!tokenMatches(given, token))
      throw new ClientError(
        401,
        'UNAUTHORIZED',
        'Missing or wrong token; open the URL printed by `wingman serve`',
      )
    // Known before the body is read, and answered without echoing what was asked for.
    if (!isChannel(channel))
      throw new ClientError(
        404,
        'UNKNOWN_CHANNEL',
        'Wingman has no such request; reload the page in case Wingman was updated',
      )
    const text = await readBody(req, maxBody)
    let payload: unknown
    try {
      payload = text.length ? JSON.parse(text) : {}
    } catch {
      throw new ClientError(400, 'VALIDATION', 'The request could not be read (it is not JSON)')
    }
    const result = await options.dispatch(channel, payload)
    sendJson(res, 200, result)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port))
      throw new ClientError(
        403,
        'FORBIDDEN',
        'Open Wingman at 127.0.0.1 or localhost, with the link printed by `wingman serve`',
      )
    const pathname = targetPath(req.url)
    if (pathname === '/api/events') return serveEvents(req, res)
    await (pathname.startsWith('/api/')
      ? serveApi(req, res, pathname.slice('/api/'.length))
      : serveStatic(req, res, pathname))
  }

  /** Every failure ends here, so no request can end the process; only bugs are logged in full. */
  function fail(req: IncomingMessage, res: ServerResponse, e: unknown): void {
    try {
      if (e instanceof ClientError) {
        console.error(
          `[wingman] ${e.status} ${quoted(req.method)} ${quoted(req.url)}: ${e.message}`,
        )
        if (!res.headersSent) sendJson(res, e.status, errorBody(e.code, e.message), e.headers)
        else res.destroy()
        return
      }
      if (isClientGone(req, e)) {
        console.error(`[wingman] ${quoted(req.method)} ${quoted(req.url)}: the client went away`)
        res.destroy()
        return
      }
      console.error(`[wingman] ${quoted(req.method)} ${quoted(req.url)} failed`, e)
      if (!res.headersSent)
        sendJson(
          res,
          500,
          errorBody(
            'INTERNAL',
            'Wingman could not answer this request; the details are in its log',
          ),
        )
      else res.destroy()
    } catch {
      res.destroy()
    }
  }

  /** The response being written on each connection, so a parse error cannot interleave with it. */
  const inFlight = new WeakMap<Duplex, ServerResponse>()
  const server = createServer(
    // Slow or stalled clients cannot hold a connection open for long.
    { headersTimeout: 20_000, requestTimeout: 120_000 },
    (req, res) => {
      // A broken connection surfaces in the handler (or nowhere), never as an 'error' event
      // nobody listens to, which would end the process.
      req.on('error', ignore)
      res.on('error', ignore)
      inFlight.set(req.socket, res)
      res.once('close', () => {
        if (inFlight.get(req.socket) === res) inFlight.delete(req.socket)
      })
      handle(req, res).catch((e: unknown) => fail(req, res, e))
    },
  )
  // A client that half-closes after its request ("that is all I send") still gets its answer;
  // Node's default would abort a request still being answered. The connection ends after it.
  ;(server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
  // Requests Node's parser rejects (bad request line, oversize headers, timeouts) get a plain
  // answer and a closed connection; nothing is logged for them.
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Duplex) => {
    // Bytes after a response has begun would corrupt it: such a connection is only closed.
    if (e.code === 'ECONNRESET' || !socket.writable || inFlight.get(socket)?.headersSent) {
      socket.destroy()
      return
    }
    const [status, reason] =
      e.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request']
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`)
    // Half-open sockets stay until the client closes its side; do not wait long for it.
    setTimeout(() => socket.destroy(), 2_000).unref()
  })
  // CONNECT is not served: refuse it instead of dropping the socket unanswered. (Upgrade
  // requests need no listener: without one, Node serves them as ordinary requests.)
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy())
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
    setTimeout(() => socket.destroy(), 2_000).unref()
  })

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolvePromise({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections()
            server.close(() => r())
          }),
      })
    })
  })
}
