/**
 * One Cboe daily index history (VIX_History.csv and its siblings) into the journal. Cboe serves
 * each index's whole history as one file, so the whole file is downloaded, but only the rows
 * after the last stored published date go on — verbatim, header included — to the same importer
 * as a CSV the trader picks (services/marketImport.ts): it validates every row, reports the bad
 * ones with their line in Cboe's file, and writes the good ones in one transaction.
 *
 * Left out on purpose, with a note: a last row without a close or cut short (the day is not over,
 * or the download ended mid-line) and a row of today before the close — the next update takes
 * them.
 */
import { tradingDaysBetween } from '../../../../../shared/calendar/index.ts'
import { DomainError } from '../../../../../shared/result.ts'
import type { SourceResult } from '../../../../../shared/marketUpdate.ts'
import type { Db } from '../../../db/connection.ts'
import { lastBarDate } from '../../../db/repositories/market.ts'
import { importMarketFile } from '../../../services/marketImport.ts'
import { CsvSyntaxError, parseCsvLines, type CsvRecord } from '../../csv.ts'
import { quoteCell, toIsoDate } from '../parseMarketCsv.ts'
import { baseOf, failedResult, isFinalDay, resultOf, type UpdateContext } from './common.ts'
import { DownloadError, fetchText } from './fetchText.ts'
import { indexUrl, type IndexSource } from './sources.ts'

const isBlank = (r: CsvRecord) => r.cells.every((c) => c == null || c.trim() === '')

/** Nothing can be newer: no NYSE session after the last stored date up to `until`. */
export function nothingToAsk(since: string | null, until: string): boolean {
  return since !== null && (since >= until || tradingDaysBetween(since, until) <= 0)
}

export async function updateIndexSource(
  db: Db,
  src: IndexSource,
  ctx: UpdateContext,
): Promise<SourceResult> {
  const since = lastBarDate(db, src.symbol, true)
  const url = indexUrl(ctx.origin, src)
  const base = { ...baseOf(src.source, src.label, lastBarDate(db, src.symbol)), urls: [url] }
  if (nothingToAsk(since, ctx.until)) {
    ctx.progress({ source: src.source, step: 'done', done: 1, total: 1 })
    return {
      ...resultOf(base, null, base.before, 'close', since),
      message: `already up to date (${since})`,
    }
  }
  try {
    ctx.progress({ source: src.source, step: 'fetch', done: 0, total: 1 })
    const text = await fetchText(url, ctx)
    ctx.progress({ source: src.source, step: 'store', done: 1, total: 1 })
    const records = parseCsvLines(text)
    const header = records.find((r) => !isBlank(r))
    if (!header || (header.cells[0] ?? '').trim().replace(/^\uFEFF/, '') !== 'DATE')
      throw new DomainError(
        'VALIDATION',
        `the file does not start with Cboe's header DATE,…${header ? ` (its first line is ${quoteCell(header.cells.join(','))})` : ' (it is empty)'}`,
      )
    const body = records.filter((r) => r !== header && r.line > header.line && !isBlank(r))
    const dateOf = (r: CsvRecord) => toIsoDate(r.cells[0] ?? '', 'MM/DD/YYYY')
    // Oldest first: the new rows are those after the last one the journal already has.
    let cut = -1
    if (since !== null)
      body.forEach((r, i) => {
        const d = dateOf(r)
        if (d !== null && d <= since) cut = i
      })
    const tail = body.slice(cut + 1)
    const width = header.cells.length
    const last = tail[tail.length - 1]
    if (last && (last.cells.length < width || (last.cells[width - 1] ?? '').trim() === '')) {
      tail.pop()
      base.notes.push(
        `line ${last.line} (${(last.cells[0] ?? '').trim() || 'no date'}): no close yet — the day is not over, or the file was cut short; the next update takes it`,
      )
    }
    const kept = tail.filter((r) => {
      const d = dateOf(r)
      if (d === null) return true // the importer names the bad date
      if (d > ctx.until) {
        base.notes.push(`line ${r.line} (${d}): after ${ctx.until}, left for a later update`)
        return false
      }
      if (!isFinalDay(d, ctx.now)) {
        base.notes.push(
          `line ${r.line} (${d}): today's value before the close is not final; the next update takes it`,
        )
        return false
      }
      return true
    })
    if (kept.length === 0) {
      ctx.progress({ source: src.source, step: 'done', done: 1, total: 1 })
      return resultOf(base, null, base.before, 'close', since)
    }
    const slice = [header, ...kept].map((r) => r.cells.map((c) => c ?? '').join(',')).join('\n')
    const report = importMarketFile(db, {
      text: `${slice}\n`,
      fileName: src.file,
      symbol: src.symbol,
      acceptGoodRows: true,
      source: 'publisher',
    })
    // Lines in the slice → lines in Cboe's file.
    const lineOf = (l: number) => (l === 1 ? header.line : (kept[l - 2]?.line ?? l))
    const mapped = {
      ...report,
      problems: report.problems.map((p) => ({ ...p, line: lineOf(p.line) })),
    }
    ctx.progress({ source: src.source, step: 'done', done: 1, total: 1 })
    return resultOf(base, mapped, lastBarDate(db, src.symbol), 'close', since)
  } catch (e) {
    ctx.progress({ source: src.source, step: 'failed', done: 1, total: 1 })
    if (e instanceof DownloadError) return failedResult(base, `${src.file} ${e.reason}`)
    if (e instanceof CsvSyntaxError)
      return failedResult(base, `${src.file} is not a readable CSV file (${e.message})`)
    if (e instanceof DomainError)
      return failedResult(
        base,
        `${src.file}: ${e.message.replace(new RegExp(`^${src.file}: `), '')}`,
      )
    throw e
  }
}
