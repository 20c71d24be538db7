import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { isIsoDate } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import type { LiveMarketValues } from '../../../shared/signals.ts'
import { openJournal } from '../../core/db/connection.ts'
import { marketSnapshot } from '../../core/engine/marketSignals.ts'
import { loadMarketHistory } from '../../core/services/signals.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

const LIVE_FLAGS = ['spot', 'vix', 'vix9d', 'vix3m', 'vx1', 'vx2', 'vx3'] as const

/**
 * `wingman signals --db PATH --date YYYY-MM-DD [--spot N --vix N …]`: every market signal of
 * PRODUCT.md as of that date's close, as one JSON object: signal id → number | boolean | null,
 * plus "missing": { id: reason } for every null (and "notes" when a live value needs a caveat).
 */
export const signalsCommand: Command = {
  summary: 'print the market signals for a date as JSON',
  usage: `wingman signals --db PATH --date YYYY-MM-DD [--spot N] [--vix N] [--vix9d N] [--vix3m N] [--vx1 N] [--vx2 N] [--vx3 N]

Prints one JSON object: each market signal id → number | boolean | null, and "missing" with the
reason for every null. Values are as of the date's close (the previous trading day's close when
the NYSE was closed that day). Live values replace that day's close of their series.

Options:
  --db PATH          journal file (its stored market history is used)
  --date YYYY-MM-DD  the date
  --spot … --vx3 N   live values typed at decision time
  -h, --help         show this help`,
  options: {
    db: { type: 'string' },
    date: { type: 'string' },
    ...Object.fromEntries(LIVE_FLAGS.map((f) => [f, { type: 'string' as const }])),
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    const date = typeof values.date === 'string' ? values.date : ''
    if (!db) throw new UsageError('--db is required')
    if (!isIsoDate(date)) throw new UsageError(`--date must be a date as YYYY-MM-DD, got "${date}"`)
    const live: LiveMarketValues = {}
    for (const flag of LIVE_FLAGS) {
      const text = values[flag]
      if (typeof text !== 'string') continue
      const v = Number(text)
      if (text.trim() === '' || !Number.isFinite(v) || v <= 0)
        throw new UsageError(`--${flag} must be a positive number, got "${text}"`)
      live[flag] = v
    }
    const path = resolve(db)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const journal = openJournal(path).db
    try {
      const snap = marketSnapshot(loadMarketHistory(journal), date, live)
      const out: Record<string, unknown> = { ...snap.values, missing: snap.missing }
      if (snap.notes?.length) out.notes = snap.notes
      io.out(`${JSON.stringify(out)}\n`)
    } finally {
      journal.close()
    }
    return EXIT_OK
  },
}
