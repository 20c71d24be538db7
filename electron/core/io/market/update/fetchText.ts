/**
 * One GET of a publisher's file with Node's fetch: a timeout that covers the whole answer (the
 * headers and the body), the caller's AbortSignal, a size cap, and every failure said in words a
 * trader can act on ("no answer within 30 s", "answered 404 Not Found: the file is not there").
 * Only GET, no cookies, no query built from journal data: nothing about the journal is sent.
 */

/** Largest file accepted: Cboe's full VIX history is about 0.4 MB, SPX's under 1 MB. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

/** Default time a file may take, from the request to its last byte. */
export const DEFAULT_TIMEOUT_MS = 30_000

export interface FetchOptions {
  timeoutMs: number
  /** Cancels the download (the app closing, the journal being replaced). */
  signal?: AbortSignal
  /** For tests: another fetch implementation. */
  fetchImpl?: typeof fetch
}

/** A download that failed: `reason` is the trader's sentence, without the URL. */
export class DownloadError extends Error {
  readonly url: string
  readonly reason: string
  readonly status: number | null
  constructor(url: string, reason: string, status: number | null = null) {
    super(`${url}: ${reason}`)
    this.name = 'DownloadError'
    this.url = url
    this.reason = reason
    this.status = status
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`)

/** The reason of a network-level failure, from undici's `cause` codes. */
function networkReason(e: unknown, host: string): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not find ${host} (no internet connection, or the name does not resolve)`
    case 'ECONNREFUSED':
      return `${host} refused the connection`
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection before the file was complete`
    case 'CERT_HAS_EXPIRED':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `${host}'s certificate could not be verified (${cause.code})`
    default:
      return `could not download from ${host}: ${cause?.message ?? (e as Error).message}`
  }
}

/** GETs `url` as text, or throws DownloadError with the reason. */
export async function fetchText(url: string, options: FetchOptions): Promise<string> {
  const host = new URL(url).host
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const doFetch = options.fetchImpl ?? fetch
  const failed = (e: unknown): never => {
    if (e instanceof DownloadError) throw e
    if (timeout.aborted)
      throw new DownloadError(
        url,
        `no complete answer from ${host} within ${seconds(options.timeoutMs)}`,
      )
    if (options.signal?.aborted) throw new DownloadError(url, 'the update was cancelled')
    throw new DownloadError(url, networkReason(e, host))
  }
  let res: Response
  try {
    res = await doFetch(url, {
      signal,
      redirect: 'follow',
      headers: { accept: 'text/csv, application/json;q=0.9, */*;q=0.5' },
    })
  } catch (e) {
    return failed(e)
  }
  if (res.status === 404)
    throw new DownloadError(
      url,
      'answered 404 Not Found: the file is not there (not published yet, or moved)',
      404,
    )
  if (!res.ok)
    throw new DownloadError(
      url,
      `answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} instead of the file`,
      res.status,
    )
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (declared > MAX_DOWNLOAD_BYTES)
    throw new DownloadError(
      url,
      `the file is ${declared.toLocaleString('en-US')} bytes, more than a daily history can be`,
    )
  let text: string
  try {
    const chunks: Uint8Array[] = []
    let size = 0
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength
        if (size > MAX_DOWNLOAD_BYTES) {
          await res.body.cancel().catch(() => {})
          throw new DownloadError(
            url,
            'the file is larger than 20 MB, more than a daily history can be',
          )
        }
        chunks.push(chunk)
      }
    }
    text = new TextDecoder('utf-8').decode(Buffer.concat(chunks))
  } catch (e) {
    return failed(e)
  }
  // A captcha, a login or an error page served with 200 (Stooq does this since 2026).
  const type = res.headers.get('content-type') ?? ''
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 100)
    .toLowerCase()
  if (type.includes('text/html') || head.startsWith('<!doctype') || head.startsWith('<html'))
    throw new DownloadError(
      url,
      'answered with a web page instead of the CSV file (moved, or blocked for programs)',
    )
  return text
}
