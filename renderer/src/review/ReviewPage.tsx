import { useEffect, useId, useMemo, useState } from 'react'
import { JobProgressBar } from '../jobs/JobProgressBar.tsx'
import {
  REVIEW_GROUP_KEYS,
  REVIEW_GROUP_LABELS,
  summaryOf,
  type ReviewGroupKey,
  type ReviewReport,
  type ReviewSummary,
} from '../../../shared/review/report.ts'
import { api } from '../lib/api.ts'
import { parseRoute, replaceRouteQuery, routeQuery } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'
import { AdherencePanel } from './AdherencePanel.tsx'
import type { SortState } from '../components/VirtualTable.tsx'
import {
  DECISIONS_BY_DATE,
  DecisionsFirstPage,
  DecisionsSection,
  type DecisionsFirstPageData,
} from './DecisionsSection.tsx'
import { EquityChart } from './EquityChart.tsx'
import { datedPositions, equityCurve, monthlyCalendar } from './equity.ts'
import { GroupTable } from './GroupTable.tsx'
import { Headline } from './Headline.tsx'
import { MonthlyCalendar } from './MonthlyCalendar.tsx'
import { reviewCsv, reviewCsvName } from './reviewCsv.ts'
import {
  NO_REVIEW_FILTERS,
  queryFromReviewFilters,
  reviewFiltersFromQuery,
  reviewRequestOf,
  decisionsPageRequestOf,
  type ReviewFilters,
} from './reviewFilters.ts'
import { ReviewFiltersBar } from './ReviewFiltersBar.tsx'
import './review.css'

/** The page's filters, grouping and selected decision live in its address ("#/review?…"). */
const REVIEW_ROUTE = '#/review'
const filtersInAddress = () => reviewFiltersFromQuery(routeQuery(window.location.hash))

/** Saves `text` as a file through the browser's download (the browser host). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort()

/**
 * The review against outcomes (issue 10; PRODUCT.md "Review against outcomes"): every logged
 * decision scored by the core against closing at the decision and holding to expiry, the
 * positions' equity and monthly P&L, the groups, and rule adherence. The core computes every
 * figure; the page orders, sums the curve and formats.
 */
export function ReviewPage() {
  const [filters, setFilters] = useState<ReviewFilters>(filtersInAddress)
  const request = reviewRequestOf(filters)
  const requestKey = JSON.stringify(request)
  // First content at once from the core's cache when nothing changed since the last review
  // (null otherwise); the whole report — decisions, positions — follows from the review's job.
  const summary = useApi(() => api['review:summary'](request), requestKey)
  const report = useApi(() => api['review:run'](request), requestKey)
  // The decisions table's order, kept from its first page to the whole report's table.
  const [sort, setSort] = useState<SortState>(DECISIONS_BY_DATE)
  // Its first rows at once too, from the same cache, until the report is here (null when the
  // cache is not current: the table waits for the report).
  const pageRequest = decisionsPageRequestOf(filters, sort.key === 'date' ? sort.dir : 'asc')
  const firstPage = useApi(
    () =>
      report.data
        ? Promise.resolve({ ok: true as const, value: null })
        : api['review:decisionsPage'](pageRequest),
    JSON.stringify([pageRequest, report.data === undefined]),
  )

  useEffect(() => replaceRouteQuery(REVIEW_ROUTE, queryFromReviewFilters(filters)), [filters])
  useEffect(() => {
    const onHash = () => {
      if (parseRoute(window.location.hash).page === 'review') setFilters(filtersInAddress())
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  const data = report.data
  const first = summary.data ?? undefined
  const asOf = data ? data.asOf : first?.asOf
  const change = (patch: Partial<ReviewFilters> | null) =>
    setFilters((f) =>
      patch ? { ...f, ...patch } : { ...NO_REVIEW_FILTERS, group: f.group, decision: f.decision },
    )

  return (
    <section className="page review-page" aria-labelledby="review-title">
      <div className="toolbar">
        <h1 id="review-title">Review</h1>
        {asOf !== undefined && (
          <span
            className="muted as-of"
            title="The last stored SPX session: the date of every model value"
          >
            Model values as of {asOf ?? '— (no market history stored)'}
          </span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          disabled={!data || data.decisions.length === 0}
          title="Every decision of this date range as CSV, the columns of `wingman review --format csv`"
          onClick={() =>
            data && download(reviewCsvName(data.asOf, filters.from, filters.to), reviewCsv(data))
          }
        >
          Export CSV
        </button>
      </div>
      <ReviewFiltersBar
        filters={filters}
        onChange={change}
        rulesets={sorted((data?.decisions ?? []).map((d) => d.rulesetId))}
        actions={sorted((data?.decisions ?? []).map((d) => d.taken))}
      />
      <JobProgressBar kind="review:run" label="Running the review" />
      {report.error && (
        <div className="form-alert" role="alert">
          Could not run the review: {report.error.message}
        </div>
      )}
      {data ? (
        <ReviewBody
          report={data}
          filters={filters}
          sort={sort}
          onSort={setSort}
          onChange={change}
        />
      ) : report.error ? null : first ? (
        <ReviewFirst
          summary={first}
          page={firstPage.data ?? null}
          filters={filters}
          sort={sort.key === 'date' ? sort : DECISIONS_BY_DATE}
          onSort={setSort}
          onChange={change}
        />
      ) : (
        <p className="muted">Running the review…</p>
      )}
    </section>
  )
}

interface BodyProps {
  report: ReviewReport
  filters: ReviewFilters
  sort: SortState
  onSort: (sort: SortState) => void
  onChange: (patch: Partial<ReviewFilters>) => void
}

const MEANING = (
  <p className="review-meaning">
    Every figure is the whole position’s P&L in dollars (all cash, + received, fees subtracted).{' '}
    <b>Actual</b>: what was done. <b>Closed at decision</b>: every leg closed at the marks recorded
    with the decision. <b>Held to expiry</b>: the legs open at the decision held untouched and
    settled. <b>Edge</b> = actual − that path. <i>Model</i> marks a figure valued by the model on
    the last stored close.
  </p>
)

/**
 * The page's first content, from the summary and the decisions' first page, while the whole
 * report (the equity curve, every decision) loads.
 */
function ReviewFirst({
  summary,
  page,
  filters,
  sort,
  onSort,
  onChange,
}: Omit<BodyProps, 'report'> & { summary: ReviewSummary; page: DecisionsFirstPageData | null }) {
  const ranged = filters.from !== '' || filters.to !== ''
  if (summary.decisions === 0 && summary.positions === 0) return <EmptyState ranged={ranged} />
  return (
    <div className="review-body">
      {MEANING}
      <Headline summary={summary} />
      <p className="muted" role="status">
        {page
          ? 'Loading the equity curve and the whole table…'
          : `Loading the ${summary.decisions.toLocaleString('en-US')} decisions and the equity curve…`}
      </p>
      {summary.decisions > 0 && (
        <>
          {page && (
            <DecisionsFirstPage
              page={page}
              decisions={summary.decisions}
              filters={filters}
              sort={sort}
              onSort={onSort}
              onSelect={(decision) => onChange({ decision })}
            />
          )}
          <GroupsSection groups={summary.groups} filters={filters} onChange={onChange} />
          <AdherencePanel rows={summary.groups.followed} />
        </>
      )}
    </div>
  )
}

function ReviewBody({ report, filters, sort, onSort, onChange }: BodyProps) {
  const summary = useMemo(() => summaryOf(report), [report])
  // each position's P&L at its closed date (the report carries its dates)
  const dated = useMemo(
    () => datedPositions(report.positions, report.positions, report.asOf),
    [report],
  )
  const curve = useMemo(() => equityCurve(dated.items, dated.start), [dated])
  const calendar = useMemo(() => monthlyCalendar(dated.items), [dated])
  const ranged = filters.from !== '' || filters.to !== ''

  if (report.decisions.length === 0 && report.positions.length === 0)
    return <EmptyState ranged={ranged} />
  return (
    <div className="review-body">
      {MEANING}
      <Headline summary={summary} />
      <section className="review-equity" aria-labelledby="equity-title">
        <h2 id="equity-title">Equity and drawdown (positions)</h2>
        <EquityChart points={curve} unknown={dated.unknown.length} />
        <h2>Monthly P&L (positions)</h2>
        <MonthlyCalendar calendar={calendar} />
      </section>
      {report.decisions.length === 0 ? (
        <EmptyState ranged={ranged} />
      ) : (
        <>
          <DecisionsSection
            report={report}
            filters={filters}
            sort={sort}
            onSort={onSort}
            onSelect={(decision) => onChange({ decision })}
          />
          <GroupsSection groups={report.groups} filters={filters} onChange={onChange} />
          <AdherencePanel rows={report.groups.followed} />
        </>
      )}
    </div>
  )
}

/** The group-by table with its key picker. */
function GroupsSection({
  groups,
  filters,
  onChange,
}: {
  groups: ReviewReport['groups']
  filters: ReviewFilters
  onChange: (patch: Partial<ReviewFilters>) => void
}) {
  const groupId = useId()
  return (
    <section className="review-groups" aria-labelledby="groups-title">
      <div className="section-head">
        <h2 id="groups-title">Groups</h2>
        <label htmlFor={groupId} className="muted">
          Group decisions by
        </label>
        <select
          id={groupId}
          value={filters.group}
          onChange={(e) => onChange({ group: e.target.value as ReviewGroupKey })}
        >
          {REVIEW_GROUP_KEYS.map((k) => (
            <option key={k} value={k}>
              {REVIEW_GROUP_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <GroupTable
        rows={groups[filters.group] ?? []}
        label={`Decisions by ${REVIEW_GROUP_LABELS[filters.group]}`}
        keyTitle={REVIEW_GROUP_LABELS[filters.group]}
      />
      <p className="muted small">
        Groups of fewer than 5 decisions are marked: too few to read much into.
      </p>
    </section>
  )
}

/** Nothing to review yet: how a decision gets logged. */
function EmptyState({ ranged }: { ranged: boolean }) {
  return (
    <div className="review-empty" role="status">
      {ranged ? (
        <p>No decisions on positions opened in this date range. “Clear filters” widens it.</p>
      ) : (
        <>
          <p>
            <b>No decisions logged yet.</b> The review scores each logged decision against closing
            everything at that moment and holding to expiry.
          </p>
          <p>
            To log one: open a position on the <a href="#/positions">Positions</a> page, press{' '}
            <b>Evaluate now</b> in its decision panel with the day’s marks, then{' '}
            <b>Log adjustment…</b> to record what you did (followed or overridden).
          </p>
        </>
      )}
    </div>
  )
}
