/**
 * "Update market data": every source fetched at once, each stored as soon as it arrives (its own
 * transaction through the importer), a failure of one named with its reason while the others
 * keep what they brought. See sources.ts for the files and their formats.
 */
import { nyDateOf } from '../../../../../shared/dates.ts'
import type { UpdateProgress, UpdateReport } from '../../../../../shared/marketUpdate.ts'
import type { Db } from '../../../db/connection.ts'
import { updateIndexSource } from './cboeIndex.ts'
import { DEFAULT_TIMEOUT_MS } from './fetchText.ts'
import { INDEX_SOURCES, originOf } from './sources.ts'
import { updateVxSource } from './vxFutures.ts'

export interface UpdateOptions {
  /** Replaces the publishers' origin in every URL (tests, a mirror). */
  sourceBase?: string
  /** The last date to store (default: today in New York). */
  until?: string
  now?: Date
  /** Per file, from the request to its last byte (default 30 s). */
  timeoutMs?: number
  signal?: AbortSignal
  onProgress?: (p: UpdateProgress) => void
  fetchImpl?: typeof fetch
}

export async function updateMarketData(db: Db, options: UpdateOptions = {}): Promise<UpdateReport> {
  const now = options.now ?? new Date()
  const startedAt = new Date().toISOString()
  const ctx = {
    origin: originOf(options.sourceBase),
    until: options.until ?? nyDateOf(now),
    now,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    progress: options.onProgress ?? (() => {}),
  }
  const sources = await Promise.all([
    ...INDEX_SOURCES.map((s) => updateIndexSource(db, s, ctx)),
    updateVxSource(db, ctx),
  ])
  return { until: ctx.until, startedAt, finishedAt: new Date().toISOString(), sources }
}
