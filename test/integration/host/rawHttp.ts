import { connect } from 'node:net'

/** What came back for bytes written straight to the host's TCP port. */
export interface RawReply {
  /** Everything the host sent, as latin1 text (byte for byte). */
  text: string
  /** The status of each response in `text`, in order (interim 100s included). */
  statuses: number[]
  /** False when the host neither answered in full nor closed within the time allowed. */
  closed: boolean
}

/**
 * Writes `bytes` as they are to 127.0.0.1:`port` (no client library to tidy them up), then
 * half-closes, so the host sees the end of input, and collects everything until it closes.
 * Responses are told apart by their status lines: a JSON or HTML body never holds a raw CRLF
 * followed by `HTTP/1.1`.
 */
export function rawExchange(
  port: number,
  bytes: string | Uint8Array,
  timeoutMs = 5_000,
): Promise<RawReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1')
    let settled = false
    const finish = (closed: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/g)].map((m) =>
        Number(m[1]),
      )
      resolve({ text, statuses, closed })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.on('connect', () => {
      socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
      socket.end()
    })
    socket.on('data', (d: Buffer) => chunks.push(d))
    // The host may reset a connection it refused mid-write; what it sent before still counts.
    socket.on('error', () => finish(true))
    socket.on('close', () => finish(true))
  })
}

/** The body of the first response in a reply, with a chunked transfer coding undone. */
export function firstBody(reply: RawReply): string {
  const headEnd = reply.text.indexOf('\r\n\r\n')
  if (headEnd === -1) return ''
  const head = reply.text.slice(0, headEnd)
  let rest = reply.text.slice(headEnd + 4)
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)
    return Buffer.from(length ? rest.slice(0, Number(length[1])) : rest, 'latin1').toString()
  }
  let body = ''
  for (;;) {
    const lineEnd = rest.indexOf('\r\n')
    const size = parseInt(rest.slice(0, lineEnd), 16)
    if (lineEnd === -1 || !(size > 0)) break
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    rest = rest.slice(lineEnd + 2 + size + 2)
  }
  return Buffer.from(body, 'latin1').toString()
}

/** One GET request written by hand, with the Host header a local browser would send. */
export const rawGet = (port: number, target: string) =>
  rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
