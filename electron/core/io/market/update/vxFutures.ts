/**
 * VX1…VX8 from the Cboe Futures Exchange's settlement files, one file per monthly contract
 * (VX_<final settlement date>.csv). The continuous series are assembled by expiry rank, the way
 * the bundled vix_futures_daily.csv (VIX Central's compilation) defines them:
 *
 *   VXn on a trading day D is the daily settlement of the n-th monthly contract whose final
 *   settlement date is on or after D. On a contract's final settlement day VX1 is still that
 *   contract (its final settlement price, the VRO-based value CFE prints in Settle); the next day
 *   VX1 rolls to the following month.
 *
 * The final settlement dates come from Wingman's calendar (shared/calendar/expiries.ts: the
 * Wednesday 30 days before the next month's third Friday, holiday-adjusted), which also names
 * each file. Weekly contracts are not used. A Settle of 0 or empty (CFE's placeholder before a
 * contract's first settlement, or a day not settled yet) is no value.
 *
 * Only the contracts the missing days need are downloaded. Every one must arrive: a contract
 * that fails makes the whole source fail with its file named (a curve assembled from the
 * contracts that did arrive would put the wrong month under VXn). The assembled rows go through
 * the importer as a `date,vx1,…,vx8` file, in one transaction.
 */
import { nextTradingDay } from '../../../../../shared/calendar/index.ts'
import { vixExpiriesAfter } from '../../../../../shared/calendar/expiries.ts'
import { addDays } from '../../../../../shared/dates.ts'
import type { RowProblem } from '../../../../../shared/market.ts'
import type { SourceResult } from '../../../../../shared/marketUpdate.ts'
import type { Db } from '../../../db/connection.ts'
import { lastBarDate } from '../../../db/repositories/market.ts'
import { importMarketFile } from '../../../services/marketImport.ts'
import { CsvSyntaxError, parseCsvLines } from '../../csv.ts'
import { quoteCell, toIsoDate } from '../parseMarketCsv.ts'
import { nothingToAsk } from './cboeIndex.ts'
import { baseOf, failedResult, isFinalDay, resultOf, type UpdateContext } from './common.ts'
import { DownloadError, fetchText } from './fetchText.ts'
import { VX_LABEL, vxFileName, vxUrl } from './sources.ts'

/** Continuous ranks stored, as in the bundled file. */
export const VX_RANKS = 8
/** Contract files downloaded at once. */
const CONCURRENCY = 4
/** Without any stored VX history, this many calendar days back are fetched (RSI needs 15 closes). */
const FIRST_RUN_DAYS = 365

/** The first `n` monthly VX final settlement dates on or after `date`. */
export function vxExpiriesFrom(date: string, n = VX_RANKS): string[] {
  return vixExpiriesAfter(addDays(date, -1), n)
}

export interface ContractSettles {
  settles: Map<string, number>
  problems: RowProblem[]
}

/**
 * A CFE contract file → its settlements by ISO date. Older files carry a disclaimer line above
 * the header and US dates (MM/DD/YYYY); current ones start with the header and use ISO dates.
 */
export function parseContractFile(text: string, file: string): ContractSettles {
  let records
  try {
    records = parseCsvLines(text)
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw new Error(`${file} is not a readable CSV file (${e.message})`, { cause: e })
    throw e
  }
  const header = records.find(
    (r) => (r.cells[0] ?? '').trim().replace(/^\uFEFF/, '') === 'Trade Date',
  )
  const settleAt = header?.cells.findIndex((c) => (c ?? '').trim() === 'Settle') ?? -1
  if (!header || settleAt < 0)
    throw new Error(
      `${file} does not have CFE's header Trade Date,Futures,…,Settle,…${records[0] ? ` (its first line is ${quoteCell(records[0].cells.join(','))})` : ' (it is empty)'}`,
    )
  const settles = new Map<string, number>()
  const problems: RowProblem[] = []
  for (const r of records) {
    if (r.line <= header.line || r.cells.every((c) => (c ?? '').trim() === '')) continue
    const cell = (r.cells[0] ?? '').trim()
    const date = toIsoDate(cell, 'YYYY-MM-DD') ?? toIsoDate(cell, 'MM/DD/YYYY')
    if (!date) {
      problems.push({ line: r.line, reason: `${file}: bad trade date ${quoteCell(cell)}` })
      continue
    }
    const text = (r.cells[settleAt] ?? '').trim()
    if (text === '') continue // a row cut short, or not settled yet
    const v = Number(text)
    if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(v)) {
      problems.push({ line: r.line, reason: `${file}: Settle is not a number: ${quoteCell(text)}` })
      continue
    }
    if (v > 0) settles.set(date, v)
  }
  return { settles, problems }
}

async function pool<T, R>(
  items: readonly T[],
  limit: number,
  run: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await run(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export async function updateVxSource(db: Db, ctx: UpdateContext): Promise<SourceResult> {
  const base = baseOf('VX', VX_LABEL, lastBarDate(db, 'VX1'))
  const since = lastBarDate(db, 'VX1', true)
  if (nothingToAsk(since, ctx.until)) {
    ctx.progress({ source: 'VX', step: 'done', done: 1, total: 1 })
    return {
      ...resultOf(base, null, base.before, 'day', since),
      message: `already up to date (${since})`,
    }
  }
  // The trading days to fill, and the contracts they need.
  const days: string[] = []
  let d = nextTradingDay(since ?? addDays(ctx.until, -FIRST_RUN_DAYS))
  while (d <= ctx.until) {
    days.push(d)
    d = nextTradingDay(d)
  }
  const ranks = new Map(days.map((day) => [day, vxExpiriesFrom(day)]))
  const expiries = [...new Set([...ranks.values()].flat())].sort()
  base.urls = expiries.map((e) => vxUrl(ctx.origin, e))
  let done = 0
  ctx.progress({ source: 'VX', step: 'fetch', done, total: expiries.length })
  const controller = new AbortController()
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal
  let files: ContractSettles[]
  try {
    files = await pool(expiries, CONCURRENCY, async (expiry) => {
      const file = vxFileName(expiry)
      try {
        const parsed = parseContractFile(
          await fetchText(vxUrl(ctx.origin, expiry), { ...ctx, signal }),
          file,
        )
        ctx.progress({ source: 'VX', step: 'fetch', done: ++done, total: expiries.length })
        return parsed
      } catch (e) {
        controller.abort() // one missing contract fails the source: stop the others
        if (e instanceof DownloadError) throw new Error(`${file} ${e.reason}`, { cause: e })
        throw e
      }
    })
  } catch (e) {
    ctx.progress({ source: 'VX', step: 'failed', done, total: expiries.length })
    return failedResult(base, (e as Error).message)
  }
  ctx.progress({ source: 'VX', step: 'store', done, total: expiries.length })
  const byExpiry = new Map(expiries.map((e, i) => [e, files[i]!.settles]))
  const lines = [`date,${Array.from({ length: VX_RANKS }, (_, i) => `vx${i + 1}`).join(',')}`]
  const unsettled: string[] = []
  for (const day of days) {
    if (!isFinalDay(day, ctx.now)) {
      unsettled.push(day)
      continue
    }
    const values = ranks.get(day)!.map((e) => byExpiry.get(e)!.get(day) ?? null)
    if (values[0] === null) {
      // No front-month settlement: a day CFE has not settled (yet), or a gap in its files.
      if (values.some((v) => v !== null))
        base.notes.push(
          `${day}: no VX1 settlement in ${vxFileName(ranks.get(day)![0]!)}; day left out`,
        )
      else unsettled.push(day)
      continue
    }
    const missing = values.flatMap((v, i) => (v === null ? [`VX${i + 1}`] : []))
    if (missing.length)
      base.notes.push(
        `${day}: no settlement for ${missing.join(', ')} in CFE's files; stored without`,
      )
    lines.push(`${day},${values.map((v) => (v === null ? '' : String(v))).join(',')}`)
  }
  if (unsettled.length) {
    const last = unsettled[unsettled.length - 1]!
    base.notes.push(
      unsettled.length === 1
        ? `${last}: not settled yet; the next update takes it`
        : `${unsettled.length} days up to ${last} have no settlements yet (first ${unsettled[0]}); the next update takes them`,
    )
  }
  const problems = files.flatMap((f) => f.problems)
  if (lines.length === 1) {
    ctx.progress({ source: 'VX', step: 'done', done, total: expiries.length })
    return { ...resultOf(base, null, base.before, 'day', since), problems }
  }
  const report = importMarketFile(db, {
    text: `${lines.join('\n')}\n`,
    fileName: 'CFE VX settlements',
    acceptGoodRows: true,
    source: 'publisher',
  })
  ctx.progress({ source: 'VX', step: 'done', done, total: expiries.length })
  const result = resultOf(
    base,
    { ...report, problems: [...problems, ...report.problems] },
    lastBarDate(db, 'VX1'),
    'VX1–VX8 day',
    since,
  )
  // The importer counts VX1…VX8 cells; say days.
  const daysStored = lines.length - 1
  if (result.status === 'updated')
    result.message = result.message.replace(
      /^stored [\d,]+ VX1–VX8 days?/,
      `stored ${daysStored.toLocaleString('en-US')} day${daysStored === 1 ? '' : 's'} of VX1–VX8`,
    )
  return result
}
