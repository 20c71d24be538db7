import type { PositionSummary } from '../../../../shared/domain.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

/**
 * The `position_list` cache (migration 008): one row per position with what the list shows and
 * the keys it is sorted, filtered and totalled by, all written from the ledger computation
 * (services/positionList.ts). Pages are keyset ranges of one index each.
 */

/** The keys of one cache row (the money keys are the figures' e4 integers, null when unknown). */
export interface ListRow {
  positionId: number
  bucket: 'open' | 'closed' | 'voided'
  valuedOn: string | null
  underlying: string
  structure: string
  accountId: number
  openedOn: string
  root: string
  accountName: string
  expiration: string | null
  quantity: number | null
  creditE4: number | null
  premiumE4: number | null
  feesE4: number | null
  realisedE4: number | null
  openPnlE4: number | null
  totalE4: number | null
  summary: PositionSummary
}

/** A sortable key: its column and the index whose order it is. */
export interface SortKey {
  column: string
  index: string
  /** Whether the column can be NULL (unknown): only then is there a page of unknowns. */
  nullable: boolean
}

export type Bucket = ListRow['bucket']

/** The filters of a page or of the totals; null = not narrowed. */
export interface ListFilterParams {
  underlying: string | null
  structure: string | null
  account: number | null
  tag: string | null
  from: string | null
  to: string | null
  /** Lower-cased words, each of which must appear in the notes or thesis (JSON array). */
  words: string | null
}

/** No filter: every row of the list. */
export const NO_LIST_FILTERS: ListFilterParams = {
  underlying: null,
  structure: null,
  account: null,
  tag: null,
  from: null,
  to: null,
  words: null,
}

export function listTableExists(db: Db): boolean {
  return (
    stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'position_list'", {
      pluck: true,
    }).get() === 1
  )
}

/** The rows to refresh: stale ones and open P&L valued for another date than `today`. */
export function staleListIds(db: Db, today: string): number[] {
  return stmt(
    db,
    `SELECT position_id FROM position_list WHERE stale = 1
     UNION
     SELECT position_id FROM position_list WHERE valued_on IS NOT NULL AND valued_on <> ?`,
    { pluck: true },
  ).all(today) as number[]
}

export function hasStaleListRows(db: Db, today: string): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM position_list WHERE stale = 1)
           OR EXISTS (SELECT 1 FROM position_list WHERE valued_on IS NOT NULL AND valued_on <> ?)`,
      { pluck: true },
    ).get(today) === 1
  )
}

export function writeListRow(db: Db, r: ListRow): void {
  stmt(
    db,
    `INSERT INTO position_list (position_id, stale, bucket, valued_on, underlying, structure,
        account_id, opened_on, root, account_name, expiration, quantity, credit_e4, premium_e4,
        fees_e4, realised_e4, open_pnl_e4, total_e4, summary)
     VALUES (@positionId, 0, @bucket, @valuedOn, @underlying, @structure, @accountId, @openedOn,
        @root, @accountName, @expiration, @quantity, @creditE4, @premiumE4, @feesE4, @realisedE4,
        @openPnlE4, @totalE4, @summary)
     ON CONFLICT (position_id) DO UPDATE SET stale = 0, bucket = excluded.bucket,
        valued_on = excluded.valued_on, underlying = excluded.underlying,
        structure = excluded.structure, account_id = excluded.account_id,
        opened_on = excluded.opened_on, root = excluded.root,
        account_name = excluded.account_name, expiration = excluded.expiration,
        quantity = excluded.quantity, credit_e4 = excluded.credit_e4,
        premium_e4 = excluded.premium_e4, fees_e4 = excluded.fees_e4,
        realised_e4 = excluded.realised_e4, open_pnl_e4 = excluded.open_pnl_e4,
        total_e4 = excluded.total_e4, summary = excluded.summary`,
  ).run({ ...r, summary: JSON.stringify(r.summary) })
}

/** A row gone from `positions` (never, in practice: positions are voided, not deleted). */
export function dropListRow(db: Db, positionId: number): void {
  stmt(db, 'DELETE FROM position_list WHERE position_id = ?').run(positionId)
}

// Every filter is always in the text, bound to null when unused: one SQL text per sort, not one
// per combination of filters. The residual checks run on the rows the index range yields.
const FILTERS = `(@underlying IS NULL OR l.underlying = @underlying)
  AND (@structure IS NULL OR l.structure = @structure)
  AND (@account IS NULL OR l.account_id = @account)
  AND (@from IS NULL OR l.opened_on >= @from)
  AND (@to IS NULL OR l.opened_on <= @to)
  AND (@tag IS NULL OR EXISTS (SELECT 1 FROM position_tags t
                                WHERE t.position_id = l.position_id AND t.tag = @tag))
  AND (@words IS NULL OR NOT EXISTS (
        SELECT 1 FROM json_each(@words) w JOIN positions p ON p.id = l.position_id
         WHERE instr(lower(p.notes), w.value) = 0 AND instr(lower(p.thesis), w.value) = 0))`

export interface PageQuery {
  bucket: Bucket
  key: SortKey
  dir: 'asc' | 'desc'
  /** 'values': rows whose key is known, by (key, id); 'nulls': the unknowns after them, by id. */
  phase: 'values' | 'nulls'
  /** The last row already read (its key and id), or null from the start of the phase. */
  after: { k: string | number | null; id: number } | null
  limit: number
  filters: ListFilterParams
}

/** The SQL of one page query (exported for the EXPLAIN QUERY PLAN tests). */
export function pageSql(q: Omit<PageQuery, 'limit' | 'filters' | 'bucket'>): string {
  const { column, index } = q.key
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC'
  const op = q.dir === 'asc' ? '>' : '<'
  const from = `FROM position_list AS l INDEXED BY ${index}`
  if (q.phase === 'values')
    return `SELECT l.position_id AS id, l.${column} AS k, l.summary ${from}
      WHERE l.bucket = @bucket AND l.${column} IS NOT NULL
        ${q.after ? `AND (l.${column}, l.position_id) ${op} (@k, @id)` : ''}
        AND ${FILTERS}
      ORDER BY l.${column} ${dir}, l.position_id ${dir} LIMIT @limit`
  return `SELECT l.position_id AS id, NULL AS k, l.summary ${from}
      WHERE l.bucket = @bucket AND l.${column} IS NULL
        ${q.after ? `AND l.position_id ${op} @id` : ''}
        AND ${FILTERS}
      ORDER BY l.position_id ${dir} LIMIT @limit`
}

export interface PageRow {
  id: number
  k: string | number | null
  summary: PositionSummary
}

export function listPageRows(db: Db, q: PageQuery): PageRow[] {
  const rows = stmt(db, pageSql(q)).all({
    ...q.filters,
    bucket: q.bucket,
    limit: q.limit,
    ...(q.after
      ? q.phase === 'values'
        ? { k: q.after.k, id: q.after.id }
        : { id: q.after.id }
      : {}),
  }) as { id: number; k: string | number | null; summary: string }[]
  return rows.map((r) => ({ id: r.id, k: r.k, summary: JSON.parse(r.summary) as PositionSummary }))
}

/** The totals' one aggregate query (exported for the EXPLAIN QUERY PLAN tests). */
export const TOTALS_SQL = `
  SELECT count(*) AS n,
         sum(l.premium_e4) AS premium, count(l.premium_e4) AS premium_n,
         sum(l.fees_e4) AS fees, count(l.fees_e4) AS fees_n,
         sum(l.realised_e4) AS realised, count(l.realised_e4) AS realised_n,
         sum(l.open_pnl_e4) AS open_pnl, count(l.open_pnl_e4) AS open_pnl_n,
         sum(l.total_e4) AS total, count(l.total_e4) AS total_n
    FROM position_list AS l INDEXED BY position_list_totals
   WHERE l.bucket IN (@b1, @b2) AND ${FILTERS}`

export interface TotalsRow {
  n: number
  premium: number | null
  premium_n: number
  fees: number | null
  fees_n: number
  realised: number | null
  realised_n: number
  open_pnl: number | null
  open_pnl_n: number
  total: number | null
  total_n: number
}

export function listTotals(
  db: Db,
  buckets: readonly Bucket[],
  filters: ListFilterParams,
): TotalsRow {
  return stmt(db, TOTALS_SQL).get({
    ...filters,
    b1: buckets[0],
    b2: buckets[1] ?? buckets[0],
  }) as TotalsRow
}

/** The data dates of the listed open P&L (only rows valued on a date carry one). */
export function listOpenPnlDates(
  db: Db,
  buckets: readonly Bucket[],
  filters: ListFilterParams,
): string[] {
  return stmt(
    db,
    `SELECT DISTINCT json_extract(l.summary, '$.figures.openPnlAsOf') AS d
       FROM position_list AS l INDEXED BY position_list_valued
      WHERE l.valued_on IS NOT NULL AND l.bucket IN (@b1, @b2) AND ${FILTERS}
        AND d IS NOT NULL
      ORDER BY d DESC`,
    { pluck: true },
  ).all({ ...filters, b1: buckets[0], b2: buckets[1] ?? buckets[0] }) as string[]
}

export function allTags(db: Db): string[] {
  return stmt(db, 'SELECT DISTINCT tag FROM position_tags ORDER BY tag', {
    pluck: true,
  }).all() as string[]
}
