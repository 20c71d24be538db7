import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Dispatch } from '../core/contract/dispatch.ts'
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
  /** Largest accepted request body, bytes. */
  maxBodyBytes?: number
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

const errorBody = (code: string, message: string) => ({ ok: false, error: { code, message } })

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  // Market-data imports carry whole CSV files; the contract caps them at 50 M characters.
  const maxBody = options.maxBodyBytes ?? 200_000_000
  const root = resolve(options.staticDir)
  let port = 0

  async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const file = normalize(join(root, rel))
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end()
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

  async function serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, errorBody('VALIDATION', 'Use POST for /api/<channel>'))
      return
    }
    const auth = req.headers.authorization
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined
    if (!tokenMatches(given, token)) {
      sendJson(
        res,
        401,
        errorBody(
          'UNAUTHORIZED',
          'Missing or wrong token; open the URL printed by `wingman serve`',
        ),
      )
      return
    }
    const text = await readBody(req, maxBody)
    if (text === null) {
      sendJson(res, 413, errorBody('VALIDATION', `Request body larger than ${maxBody} bytes`))
      return
    }
    let payload: unknown
    try {
      payload = text.length ? JSON.parse(text) : {}
    } catch {
      sendJson(res, 400, errorBody('VALIDATION', 'Request body is not valid JSON'))
      return
    }
    const result = await options.dispatch(channel, payload)
    sendJson(res, !result.ok && result.error.code === 'UNKNOWN_CHANNEL' ? 404 : 200, result)
  }

  const server = createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host, port)) {
      sendJson(res, 403, errorBody('FORBIDDEN', 'Host header must name 127.0.0.1 or localhost'))
      return
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const handle = pathname.startsWith('/api/')
      ? serveApi(req, res, pathname.slice('/api/'.length))
      : serveStatic(req, res, pathname)
    handle.catch((e: unknown) => {
      console.error('[wingman] request failed', e)
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL', 'Request failed'))
      else res.end()
    })
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
