import { useMemo, type ReactNode } from 'react'
import type { ReviewDecisionRow, ReviewReport } from '../../../shared/review/report.ts'
import { sortRows, VirtualTable, type SortState } from '../components/VirtualTable.tsx'
import { minRowWidth } from '../positions/list/listFigures.ts'
import { DecisionDetail } from './DecisionDetail.tsx'
import { decisionColumns } from './decisionColumns.tsx'
import { decisionMatches, type ReviewFilters } from './reviewFilters.ts'
import { decisionsCount } from './reviewFormat.ts'

const ROW = 34
/** Rows in view before the table scrolls; the header (two lines) and borders take the rest. */
const VISIBLE_ROWS = 10
const HEAD = 44

/** The table's order before any header is pressed: the review's own (oldest first). */
export const DECISIONS_BY_DATE: SortState = { key: 'date', dir: 'asc' }

interface Props {
  report: ReviewReport
  filters: ReviewFilters
  sort: SortState
  onSort: (sort: SortState) => void
  /** Selects a decision (its id as text, '' for none): kept in the address. */
  onSelect: (decision: string) => void
}

/**
 * The decisions against their alternatives: a sortable table narrowed by the page's filters; a
 * row's position link opens the position, selecting a row shows its paths and notes below.
 */
export function DecisionsSection({ report, filters, sort, onSort, onSelect }: Props) {
  const columns = useMemo(() => decisionColumns(report.asOf), [report.asOf])
  const rows = useMemo(
    () =>
      sortRows(
        report.decisions.filter((d) => decisionMatches(d, filters)),
        columns,
        sort,
      ),
    [report.decisions, filters, columns, sort],
  )
  return (
    <DecisionsTable
      rows={rows}
      matching={rows.length}
      count={decisionsCount(rows.length, report.decisions.length)}
      columns={columns}
      asOf={report.asOf}
      filters={filters}
      sort={sort}
      onSort={onSort}
      onSelect={onSelect}
    />
  )
}

/** A page of the decisions (review:decisionsPage), as the core pages them from its cache. */
export interface DecisionsFirstPageData {
  asOf: string | null
  rows: ReviewDecisionRow[]
  total: number
}

/**
 * The table's first rows from the core's cache while the review's job runs: sorted by date
 * only (the core pages that order); the other columns sort when the whole report is here.
 */
export function DecisionsFirstPage({
  page,
  decisions,
  filters,
  sort,
  onSort,
  onSelect,
}: Omit<Props, 'report'> & { page: DecisionsFirstPageData; decisions: number }) {
  const columns = useMemo(
    () =>
      decisionColumns(page.asOf).map((c) => {
        if (c.key === DECISIONS_BY_DATE.key) return c
        const { sortValue: _, ...unsorted } = c
        return unsorted
      }),
    [page.asOf],
  )
  return (
    <DecisionsTable
      rows={page.rows}
      matching={page.total}
      count={decisionsCount(page.total, decisions)}
      columns={columns}
      asOf={page.asOf}
      filters={filters}
      sort={sort}
      onSort={(s) => s.key === DECISIONS_BY_DATE.key && onSort(s)}
      onSelect={onSelect}
      note={
        page.rows.length < page.total
          ? `The first ${page.rows.length.toLocaleString('en-US')} shown; the rest follow the review.`
          : null
      }
    />
  )
}

function DecisionsTable({
  rows,
  matching,
  count,
  columns,
  asOf,
  filters,
  sort,
  onSort,
  onSelect,
  note = null,
}: {
  rows: ReviewDecisionRow[]
  /** How many decisions pass the filters (the table's height). */
  matching: number
  count: string
  columns: ReturnType<typeof decisionColumns>
  asOf: string | null
  filters: ReviewFilters
  sort: SortState
  onSort: (sort: SortState) => void
  onSelect: (decision: string) => void
  note?: ReactNode
}) {
  const selected = rows.find((d) => String(d.id) === filters.decision) ?? null
  const height = Math.max(3, Math.min(matching, VISIBLE_ROWS)) * ROW + HEAD
  return (
    <section className="review-decisions" aria-labelledby="decisions-title">
      <div className="section-head">
        <h2 id="decisions-title">Decisions against the paths not taken</h2>
        <span className="muted count" aria-live="polite">
          {count}
        </span>
        {note && <span className="muted small">{note}</span>}
      </div>
      <div className="decisions-table" style={{ height }}>
        <VirtualTable
          label="Decisions"
          rows={rows}
          columns={columns}
          minWidth={minRowWidth(columns)}
          rowKey={(d) => d.id}
          sort={sort}
          onSort={onSort}
          selectedKey={selected?.id ?? null}
          onSelect={(d) => onSelect(String(d.id))}
          onOpen={(d) => onSelect(String(d.id))}
          emptyText="No decision matches these filters. “Clear filters” shows them all again."
        />
      </div>
      {selected ? (
        <DecisionDetail key={selected.id} d={selected} asOf={asOf} />
      ) : (
        <p className="muted small">
          Select a decision (click a row, or the arrow keys) to see its actual and held-to-expiry
          paths and its notes.
        </p>
      )}
    </section>
  )
}
