import type { IsoDate, PositionSummary, PositionTotals } from '../../../shared/domain.ts'
import { NO_CONTROL, type JobControl } from '../jobs/control.ts'
import type { PositionPage, PositionListTotals, PositionSort } from '../../../shared/listPaging.ts'
import { formatE4, parseE4 } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import {
  allTags,
  dropListRow,
  hasStaleListRows,
  listOpenPnlDates,
  listPageRows,
  listTableExists,
  listTotals,
  staleListIds,
  writeListRow,
  type Bucket,
  type ListFilterParams,
  type ListRow,
  type PageRow,
  type SortKey,
} from '../db/repositories/positionList.ts'
import { positionSummariesByIds, type PositionFilter } from '../db/repositories/positions.ts'
import type { MarkService } from './marks.ts'
import { listPositions, summaryWithFigures } from './positionView.ts'

/**
 * The positions list in keyset pages, sorted, filtered and totalled in SQL over the
 * `position_list` cache (migration 008). The cache holds what `summaryWithFigures` — the one
 * place a position's money is computed — said about each position; rows the triggers marked
 * stale, and open P&L valued for another day, are recomputed here before any read.
 *
 * A journal open read-only (damaged, or too old to have the cache) cannot refresh the cache:
 * its pages come from the full list computed in memory, in the same order.
 */

export const SORT_KEYS: Record<PositionSort, SortKey> = {
  status: { column: 'bucket', index: 'position_list_by_id', nullable: false },
  openedOn: { column: 'opened_on', index: 'position_list_by_opened', nullable: false },
  expiration: { column: 'expiration', index: 'position_list_by_expiration', nullable: true },
  dte: { column: 'expiration', index: 'position_list_by_expiration', nullable: true },
  root: { column: 'root', index: 'position_list_by_root', nullable: false },
  structure: { column: 'structure', index: 'position_list_by_structure', nullable: false },
  account: { column: 'account_name', index: 'position_list_by_account', nullable: false },
  quantity: { column: 'quantity', index: 'position_list_by_quantity', nullable: true },
  credit: { column: 'credit_e4', index: 'position_list_by_credit', nullable: true },
  realised: { column: 'realised_e4', index: 'position_list_by_realised', nullable: true },
  openPnl: { column: 'open_pnl_e4', index: 'position_list_by_open_pnl', nullable: true },
  fees: { column: 'fees_e4', index: 'position_list_by_fees', nullable: true },
  total: { column: 'total_e4', index: 'position_list_by_total', nullable: true },
}

/** Positions refreshed per batch (each batch loads its ledger records in three queries). */
const REFRESH_BATCH = 2000

const e4 = (v: string | null | undefined) => (v == null ? null : parseE4(v))

/** The cache row of a summary: every key read from the summary the ledger computation made. */
export function listRowOf(summary: PositionSummary, valuedOn: IsoDate | null): ListRow {
  const f = summary.figures
  return {
    positionId: summary.id,
    bucket: summary.voidedAt ? 'voided' : summary.status,
    valuedOn,
    underlying: summary.underlying,
    structure: summary.structure,
    accountId: summary.accountId,
    openedOn: summary.openedOn,
    root: summary.root,
    accountName: summary.accountName,
    expiration: summary.expiration,
    quantity: summary.quantity,
    creditE4: e4(summary.credit),
    premiumE4: f ? e4(f.premium) : null,
    feesE4: f ? e4(f.fees) : null,
    realisedE4: f ? e4(f.realised) : null,
    openPnlE4: f ? e4(f.openPnl) : null,
    totalE4: f ? e4(f.total) : null,
    summary,
  }
}

/** The value a row sorts by under `sort` (the column of `SORT_KEYS` as the row holds it). */
function sortValue(row: ListRow, sort: PositionSort): string | number | null {
  switch (sort) {
    case 'status':
      return row.bucket
    case 'openedOn':
      return row.openedOn
    case 'expiration':
    case 'dte':
      return row.expiration
    case 'root':
      return row.root
    case 'structure':
      return row.structure
    case 'account':
      return row.accountName
    case 'quantity':
      return row.quantity
    case 'credit':
      return row.creditE4
    case 'realised':
      return row.realisedE4
    case 'openPnl':
      return row.openPnlE4
    case 'fees':
      return row.feesE4
    case 'total':
      return row.totalE4
  }
}

function refreshBatch(db: Db, marks: MarkService, today: IsoDate, ids: number[]): void {
  const summaries = positionSummariesByIds(db, ids)
  const inputs = loadLedgerInputs(db, ids)
  const entered = marks.entered(
    [...inputs.values()].flatMap((i) => i.legs.map((l) => l.id)),
    today,
  )
  const seen = new Set<number>()
  for (const s of summaries) {
    const { summary, valuedOn } = summaryWithFigures(s, inputs.get(s.id), marks, today, entered)
    writeListRow(db, listRowOf(summary, valuedOn))
    seen.add(s.id)
  }
  for (const id of ids) if (!seen.has(id)) dropListRow(db, id)
}

/**
 * Recomputes the stale rows of the cache (all of them the first time after migration 008 or a
 * bulk import); returns how many. One write transaction; nothing to do is two index probes.
 */
export function refreshPositionList(
  db: Db,
  marks: MarkService,
  today: IsoDate,
  control: JobControl = NO_CONTROL,
): number {
  let refreshed = 0
  // Another connection may commit between the check and the write: look again (bounded).
  for (let round = 0; round < 3 && hasStaleListRows(db, today); round++) {
    db.transaction(() => {
      const ids = staleListIds(db, today)
      for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
        control.checkCancelled()
        control.progress('Updating the positions list', i, ids.length)
        refreshBatch(db, marks, today, ids.slice(i, i + REFRESH_BATCH))
      }
      refreshed += ids.length
    }).immediate()
  }
  return refreshed
}

/** Whether the list can be read from the cache (a writable journal at schema 8 or later). */
const usesCache = (db: Db) => !db.readonly && listTableExists(db)

function filterParams(f: PositionFilter): ListFilterParams {
  const words = (f.text ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
  return {
    underlying: f.underlying || null,
    structure: f.structure ?? null,
    account: f.accountId ?? null,
    tag: f.tag || null,
    from: f.from ?? null,
    to: f.to ?? null,
    words: words.length ? JSON.stringify(words) : null,
  }
}

const bucketsOf = (status: PositionFilter['status']): Bucket[] =>
  status === 'all' ? ['open', 'closed'] : [status]

/** Where a page starts: in the rows whose key is known ('v') or the unknowns after them ('n'). */
interface Cursor {
  p: 'v' | 'n'
  k: string | number | null
  /** null: from the start of the phase. */
  id: number | null
}

const BAD_CURSOR = 'The page cursor is not one this list gave; start again from the first page'

export function encodeCursor(c: Cursor): string {
  return JSON.stringify([c.p, c.k, c.id])
}

export function decodeCursor(text: string): Cursor {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    throw new DomainError('VALIDATION', BAD_CURSOR)
  }
  if (!Array.isArray(v) || v.length !== 3) throw new DomainError('VALIDATION', BAD_CURSOR)
  const [p, k, id] = v as unknown[]
  const keyOk = k === null || typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k))
  const idOk = id === null || (typeof id === 'number' && Number.isSafeInteger(id))
  if ((p !== 'v' && p !== 'n') || !keyOk || !idOk) throw new DomainError('VALIDATION', BAD_CURSOR)
  return { p, k: k as Cursor['k'], id: id as number | null }
}

/** Row order within a phase: by (key, id), or by id among unknown keys; reversed when desc. */
function compareIn(phase: 'v' | 'n', dir: 'asc' | 'desc') {
  const sign = dir === 'asc' ? 1 : -1
  return (a: { k: string | number | null; id: number }, b: typeof a): number => {
    if (phase === 'v' && a.k !== b.k) return (a.k! < b.k! ? -1 : 1) * sign
    return (a.id - b.id) * sign
  }
}

export interface PageRequest {
  filter: PositionFilter
  sort: { column: PositionSort; direction: 'asc' | 'desc' }
  after?: string
  limit: number
}

/**
 * One page of the positions list: up to `limit` rows after the cursor, in the order of the sort
 * column with the position id breaking ties; unknown values (null) come last either way.
 */
export function pagePositions(
  db: Db,
  marks: MarkService,
  req: PageRequest,
  today: IsoDate,
): PositionPage {
  const start = req.after === undefined ? null : decodeCursor(req.after)
  if (!usesCache(db)) return pageInMemory(db, marks, req, start, today)
  refreshPositionList(db, marks, today)
  return db.transaction(() => readPage(db, req, start))()
}

function readPage(db: Db, req: PageRequest, start: Cursor | null): PositionPage {
  const key = SORT_KEYS[req.sort.column]
  const dir = req.sort.direction
  const buckets = bucketsOf(req.filter.status)
  const filters = filterParams(req.filter)
  const out: PageRow[] = []
  let phase: 'v' | 'n' = start?.p ?? 'v'
  let after = start && start.id !== null ? { k: start.k, id: start.id } : null
  const fetch = (limit: number) => {
    // A column that cannot be NULL has no unknowns to list after its values.
    if (phase === 'n' && !key.nullable) return []
    const got = buckets.flatMap((bucket) =>
      listPageRows(db, {
        bucket,
        key,
        dir,
        phase: phase === 'v' ? 'values' : 'nulls',
        after,
        limit,
        filters,
      }),
    )
    // "All" reads two lists, each in order: merged here, as SQLite would merge them.
    return buckets.length > 1 ? got.sort(compareIn(phase, dir)) : got
  }
  for (;;) {
    const need = req.limit - out.length
    // One row more than needed says whether this phase goes on after the page.
    const got = fetch(need + 1)
    out.push(...got.slice(0, need))
    const last = out[out.length - 1]
    if (got.length > need && last)
      return { rows: visible(out), nextCursor: encodeCursor({ p: phase, k: last.k, id: last.id }) }
    if (phase === 'n') return { rows: visible(out), nextCursor: null }
    phase = 'n'
    after = null
    if (out.length === req.limit) {
      const more = fetch(1).length > 0
      return {
        rows: visible(out),
        nextCursor: more ? encodeCursor({ p: 'n', k: null, id: null }) : null,
      }
    }
  }
}

/** A row whose position was inserted by a connection after our refresh has no summary yet. */
const visible = (rows: PageRow[]): PositionSummary[] =>
  rows.flatMap((r) => (r.summary ? [r.summary] : []))

/** The same page from the list computed in memory (a read-only journal). */
function pageInMemory(
  db: Db,
  marks: MarkService,
  req: PageRequest,
  start: Cursor | null,
  today: IsoDate,
): PositionPage {
  const { positions } = listPositions(db, marks, req.filter, today)
  const dir = req.sort.direction
  const keyed = positions.map((s) => {
    const k = sortValue(listRowOf(s, null), req.sort.column)
    return { s, id: s.id as number, k, p: (k === null ? 'n' : 'v') as 'v' | 'n' }
  })
  const order = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    a.p !== b.p ? (a.p === 'v' ? -1 : 1) : compareIn(a.p, dir)(a, b)
  keyed.sort(order)
  let from = 0
  if (start) {
    const probe = { s: null as never, p: start.p, k: start.k, id: start.id ?? 0 }
    from =
      start.id === null
        ? keyed.findIndex((r) => r.p === start.p)
        : keyed.findIndex((r) => order(r, probe) > 0)
    if (from < 0) from = keyed.length
  }
  const page = keyed.slice(from, from + req.limit)
  const last = page[page.length - 1]
  const more = from + req.limit < keyed.length
  return {
    rows: page.map((r) => r.s),
    nextCursor: more && last ? encodeCursor({ p: last.p, k: last.k, id: last.id }) : null,
  }
}

/** The totals of what the filter lists, from one aggregate query over the cache. */
export function positionTotals(
  db: Db,
  marks: MarkService,
  filter: PositionFilter,
  today: IsoDate,
): PositionListTotals {
  if (!usesCache(db)) {
    const { positions, totals } = listPositions(db, marks, filter, today)
    const dates = new Set(positions.flatMap((p) => p.figures?.openPnlAsOf ?? []))
    return { ...totals, openPnlAsOf: [...dates].sort().reverse(), tags: allTags(db) }
  }
  refreshPositionList(db, marks, today)
  return db.transaction(() => {
    const buckets = bucketsOf(filter.status)
    const params = filterParams(filter)
    const t = listTotals(db, buckets, params)
    const part = (sum: number | null, known: number) => ({
      value: formatE4(sum ?? 0),
      unknown: t.n - known,
    })
    const totals: PositionTotals = {
      count: t.n,
      premium: part(t.premium, t.premium_n),
      fees: part(t.fees, t.fees_n),
      realised: part(t.realised, t.realised_n),
      openPnl: part(t.open_pnl, t.open_pnl_n),
      total: part(t.total, t.total_n),
    }
    return {
      ...totals,
      openPnlAsOf: listOpenPnlDates(db, buckets, params),
      tags: allTags(db),
    }
  })()
}
