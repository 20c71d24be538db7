import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { isIsoDate } from '../../../shared/dates.ts'
import type { SourceResult, UpdateProgress } from '../../../shared/marketUpdate.ts'
import { DomainError } from '../../../shared/result.ts'
import { openJournal } from '../../core/db/connection.ts'
import { updateMarketData } from '../../core/io/market/update/index.ts'
import { originOf } from '../../core/io/market/update/sources.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

function line(r: SourceResult): string {
  const head = `${r.source.padEnd(6)} ${r.status === 'failed' ? 'FAILED ' : r.status === 'updated' ? 'updated' : 'current'}  ${r.message}`
  const extra = [
    ...r.problems.slice(0, 5).map((p) => `         refused line ${p.line}: ${p.reason}`),
    ...(r.problems.length > 5 ? [`         … ${r.problems.length - 5} more refused rows`] : []),
    ...r.notes.slice(0, 3).map((n) => `         note: ${n}`),
    ...(r.notes.length > 3 ? [`         … ${r.notes.length - 3} more notes`] : []),
  ]
  return [head, ...extra].join('\n')
}

/**
 * `wingman update-market --db PATH [--source-base URL]`: downloads what is missing from the
 * publishers' public daily files into the journal. The command is explicit, so it does not ask
 * for the app's Settings switch.
 */
export const updateMarketCommand: Command = {
  summary: "download the days missing from Cboe's and CFE's public daily files",
  usage: `wingman update-market --db PATH [--source-base URL] [--until DATE] [--timeout SECONDS] [--format text|json]

Brings the journal's market history up to DATE (default today, New York) from the publishers'
own public files — nothing about the journal is sent, only plain GET requests:
  SPX, VIX, VIX9D, VIX3M, VIX6M, VVIX, SKEW
      https://cdn.cboe.com/api/global/us_indices/daily_prices/<SYMBOL>_History.csv
      (DATE,OPEN,HIGH,LOW,CLOSE or DATE,<SYMBOL>; dates MM/DD/YYYY)
  VX1–VX8
      https://cdn.cboe.com/data/us/futures/market_statistics/historical_data/VX/VX_<expiry>.csv
      one file per monthly contract (Trade Date,Futures,…,Settle,…), assembled by expiry:
      VXn on a day is the n-th monthly contract settling on or after that day, so on an
      expiration day VX1 is still the expiring contract and the day after it rolls.
Only the days after the last stored published day are stored, through the same checks as a
CSV import: bad rows are listed and left out, each source is written in one transaction, a
day not over yet (or a file cut short) waits for the next run. A source that fails is named
with the reason; the others keep what they brought. NYSE advancing/declining issues have no
public daily file: enter them in the app's Today's market (or import a CSV).

Exit code 0 when every source answered, 2 when any failed.

Options:
  --db PATH           journal file
  --source-base URL   use another origin with the same paths (a mirror, or a test server)
  --until DATE        store days up to DATE (YYYY-MM-DD; default today in New York)
  --timeout SECONDS   per file, from the request to its last byte (default 30)
  --format F          text (default): one line per source; json: the whole report
  -h, --help          show this help`,
  options: {
    db: { type: 'string' },
    'source-base': { type: 'string' },
    until: { type: 'string' },
    timeout: { type: 'string' },
    format: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    const dbPath = typeof values.db === 'string' ? values.db : ''
    if (!dbPath) throw new UsageError('--db is required')
    const base = typeof values['source-base'] === 'string' ? values['source-base'] : undefined
    if (base !== undefined) {
      try {
        originOf(base)
      } catch (e) {
        throw new UsageError((e as Error).message)
      }
    }
    const until = typeof values.until === 'string' ? values.until : undefined
    if (until !== undefined && !isIsoDate(until))
      throw new UsageError(`--until must be a date as YYYY-MM-DD, got "${until}"`)
    const timeoutText = typeof values.timeout === 'string' ? values.timeout : '30'
    const timeout = Number(timeoutText)
    if (!/^\d+(\.\d+)?$/.test(timeoutText) || !(timeout > 0) || timeout > 600)
      throw new UsageError(
        `--timeout must be a number of seconds from 0 to 600, got "${timeoutText}"`,
      )
    const format = values.format ?? 'text'
    if (format !== 'json' && format !== 'text')
      throw new UsageError(`--format must be json or text, got "${String(format)}"`)
    const path = resolve(dbPath)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const { db } = openJournal(path)
    try {
      let lastStep = ''
      const onProgress = (p: UpdateProgress) => {
        if (format !== 'text') return
        // One line per change of step; VX counts its contract files.
        const key = `${p.source}:${p.step}`
        if (p.step === 'fetch' && p.total > 1 && p.done > 0 && p.done < p.total) {
          if (p.done % 10 === 0) io.err(`${p.source}: ${p.done}/${p.total} files\n`)
          return
        }
        if (key === lastStep || p.step === 'done' || p.step === 'failed') return
        lastStep = key
        io.err(
          `${p.source}: ${p.step === 'fetch' ? `downloading${p.total > 1 ? ` ${p.total} files` : ''}` : 'storing'}\n`,
        )
      }
      const report = await updateMarketData(db, {
        ...(base ? { sourceBase: base } : {}),
        ...(until ? { until } : {}),
        timeoutMs: Math.round(timeout * 1000),
        onProgress,
      })
      if (format === 'json') io.out(`${JSON.stringify(report)}\n`)
      else {
        io.out(`Market data up to ${report.until}:\n`)
        for (const r of report.sources) io.out(`${line(r)}\n`)
      }
      return report.sources.some((s) => s.status === 'failed') ? EXIT_DATA : EXIT_OK
    } finally {
      db.close()
    }
  },
}
