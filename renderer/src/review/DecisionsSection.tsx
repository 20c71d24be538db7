import { useMemo, useState } from 'react'
import type { ReviewReport } from '../../../shared/review/report.ts'
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

interface Props {
  report: ReviewReport
  filters: ReviewFilters
  /** Selects a decision (its id as text, '' for none): kept in the address. */
  onSelect: (decision: string) => void
}

/**
 * The decisions against their alternatives: a sortable table narrowed by the page's filters; a
 * row's position link opens the position, selecting a row shows its paths and notes below.
 */
export function DecisionsSection({ report, filters, onSelect }: Props) {
  const [sort, setSort] = useState<SortState>({ key: 'date', dir: 'asc' })
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
  const selected = report.decisions.find((d) => String(d.id) === filters.decision) ?? null
  const height = Math.max(3, Math.min(rows.length, VISIBLE_ROWS)) * ROW + HEAD

  return (
    <section className="review-decisions" aria-labelledby="decisions-title">
      <div className="section-head">
        <h2 id="decisions-title">Decisions against the paths not taken</h2>
        <span className="muted count" aria-live="polite">
          {decisionsCount(rows.length, report.decisions.length)}
        </span>
      </div>
      <div className="decisions-table" style={{ height }}>
        <VirtualTable
          label="Decisions"
          rows={rows}
          columns={columns}
          minWidth={minRowWidth(columns)}
          rowKey={(d) => d.id}
          sort={sort}
          onSort={setSort}
          selectedKey={selected?.id ?? null}
          onSelect={(d) => onSelect(String(d.id))}
          onOpen={(d) => onSelect(String(d.id))}
          emptyText="No decision matches these filters. “Clear filters” shows them all again."
        />
      </div>
      {selected ? (
        <DecisionDetail key={selected.id} d={selected} asOf={report.asOf} />
      ) : (
        <p className="muted small">
          Select a decision (click a row, or the arrow keys) to see its actual and held-to-expiry
          paths and its notes.
        </p>
      )}
    </section>
  )
}
