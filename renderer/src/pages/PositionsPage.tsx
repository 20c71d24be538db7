import { useEffect, useMemo, useRef, useState } from 'react'
import { JobProgressBar } from '../jobs/JobProgressBar.tsx'
import type { Account, PositionId } from '../../../shared/domain.ts'
import { NewPositionDialog } from '../positions/NewPositionDialog.tsx'
import { VirtualTable, type SortState } from '../components/VirtualTable.tsx'
import { api } from '../lib/api.ts'
import { navigate, parseRoute, replaceRouteQuery, routeQuery } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'
import { AccountsDialog } from '../positions/list/AccountsDialog.tsx'
import { ExpireDialog, type ExpireResult } from '../positions/list/ExpireDialog.tsx'
import { ExpiryNotice } from '../positions/list/ExpiryNotice.tsx'
import { minRowWidth, positionsCount, sortOf } from '../positions/list/listFigures.ts'
import { usePositionPages } from '../positions/list/usePositionPages.ts'
import {
  emptyText,
  filtersFromQuery,
  NO_FILTERS,
  queryFromFilters,
  requestOf,
  type ListFilters,
  type StatusFilter,
} from '../positions/list/listFilters.ts'
import { PositionFilters, StatusRadios } from '../positions/list/PositionFilters.tsx'
import { ImportTradesDialog } from '../positions/import/ImportTradesDialog.tsx'
import { ExportDialog } from '../export/ExportDialog.tsx'
import {
  filterWords,
  JOURNAL_CHOICE,
  listedChoice,
  REVIEW_CHOICE,
} from '../export/exportChoices.ts'
import { importedLine } from '../positions/import/importText.ts'
import { positionColumns } from '../positions/list/positionColumns.tsx'
import { totalsFooter } from '../positions/list/totalsFooter.tsx'
import '../positions/list/positionsList.css'

/** The list's filters live in its address ("#/positions?status=closed&tag=core"). */
const LIST_ROUTE = '#/positions'
const filtersInAddress = () => filtersFromQuery(routeQuery(window.location.hash))

const ids = (list: readonly number[]) =>
  [...list]
    .sort((a, b) => a - b)
    .map((id) => `#${id}`)
    .join(', ')

/** The sentence after an expiry: what was booked and what was left, never silent. */
function expiredText(r: ExpireResult): string {
  const parts = [
    r.expired.length
      ? `Expired ${r.expired.length === 1 ? 'position' : 'positions'} ${ids(r.expired)} at settlement.`
      : 'No position was expired.',
  ]
  if (r.skipped.length)
    parts.push(`Not expired: ${ids(r.skipped.map((c) => c.positionId))} (a settlement is missing).`)
  return parts.join(' ')
}

export function PositionsPage() {
  const [filters, setFilters] = useState<ListFilters>(filtersInAddress)
  const filter = filters.status
  const setFilter = (status: StatusFilter) => setFilters((f) => ({ ...f, status }))
  const [sort, setSort] = useState<SortState>({ key: 'expiration', dir: 'asc' })
  const [selected, setSelected] = useState<PositionId | null>(null)
  const [dialogOpen, setDialogOpen] = useState(false)
  const [notice, setNotice] = useState<string>()
  const [accountsOpen, setAccountsOpen] = useState(false)
  const [expireOpen, setExpireOpen] = useState(false)
  const [importOpen, setImportOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  const request = requestOf(filters)
  const requestKey = JSON.stringify(request)
  // Rows in keyset pages, sorted and filtered by the core; the totals from one query beside.
  const positions = usePositionPages(request, sortOf(sort))
  const totals = useApi(() => api['positions:totals'](request), requestKey)
  const accounts = useApi(() => api['accounts:list']({}), 'accounts')
  const expiry = useApi(() => api['positions:expiryCandidates']({}), 'expiry')

  // The address follows the filters (in place, no history entry), so a reload shows the same.
  useEffect(() => replaceRouteQuery(LIST_ROUTE, queryFromFilters(filters)), [filters])
  // …and the filters follow an address changed from outside (the Positions link, typed by hand).
  useEffect(() => {
    const onHash = () => {
      if (parseRoute(window.location.hash).page === 'positions') setFilters(filtersInAddress())
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  // The same request answered again means the journal changed (a save, an expiry): expired
  // legs may have come or gone. A new filter alone changes nothing there.
  const answered = useRef<string | null>(null)
  useEffect(() => {
    if (!totals.data) return
    if (answered.current === requestKey) expiry.reload()
    answered.current = requestKey
    // Only a new answer matters here; the key it answers is read, not watched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [totals.data])

  // "n" opens the form from anywhere on the page except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement
      if (
        e.key === 'n' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !/INPUT|TEXTAREA|SELECT/.test(t.tagName) &&
        !dialogOpen &&
        // not over another dialog (import, accounts, expiry)
        !document.querySelector('dialog[open]')
      ) {
        e.preventDefault()
        setDialogOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [dialogOpen])

  const sums = totals.data
  const columns = useMemo(
    () => positionColumns(filter, sums?.openPnlAsOf ?? []),
    [filter, sums?.openPnlAsOf],
  )
  // Tags to offer while typing: those of the journal.
  const tags = sums?.tags ?? []
  const rows = positions.rows
  const listed = totals.loading || totals.error ? null : (sums?.count ?? null)
  const reload = () => {
    positions.reload()
    totals.reload()
  }
  // "Export…" offers what the list shows now, under the very filter it was asked with.
  const accountName = (id: string) =>
    accounts.data?.find((a) => String(a.id) === id)?.name ?? `#${id}`
  const exportChoices = [
    listedChoice(listed, request, filterWords(filters, accountName)),
    JOURNAL_CHOICE,
    REVIEW_CHOICE,
  ]

  return (
    <section className="page positions-page" aria-labelledby="positions-title">
      <div className="toolbar">
        <h1 id="positions-title">Positions</h1>
        <StatusRadios value={filter} onChange={setFilter} />
        <span className="muted count" aria-live="polite">
          {listed === null ? 'Loading…' : positionsCount(listed)}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setAccountsOpen(true)}>
          Accounts…
        </button>
        <button type="button" className="btn" onClick={() => setImportOpen(true)}>
          Import trades…
        </button>
        <button type="button" className="btn" onClick={() => setExportOpen(true)}>
          Export…
        </button>
        <button
          type="button"
          className="btn primary"
          onClick={() => setDialogOpen(true)}
          aria-keyshortcuts="n"
        >
          New position
        </button>
      </div>
      <PositionFilters
        filters={filters}
        onChange={(patch) => setFilters((f) => (patch ? { ...f, ...patch } : NO_FILTERS))}
        accounts={accounts.data ?? []}
        tags={tags}
      />
      <ExpiryNotice candidates={expiry.data ?? []} onOpen={() => setExpireOpen(true)} />
      {/* When the list cannot load either, its own alert says why; one is enough. */}
      {expiry.error && !positions.error && !totals.error && (
        <div className="form-alert" role="alert">
          Could not check for expired legs: {expiry.error.message}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <JobProgressBar
        kind="positions:refresh"
        label="Updating the positions list"
        cancellable={false}
      />
      {positions.error || totals.error ? (
        <div className="form-alert" role="alert">
          Could not load positions: {(positions.error ?? totals.error)!.message}
        </div>
      ) : (
        <VirtualTable
          label="Positions"
          rows={rows}
          columns={columns}
          minWidth={minRowWidth(columns)}
          footer={sums ? totalsFooter(sums) : undefined}
          footerLabel="Totals of the listed positions"
          rowKey={(p) => p.id}
          sort={sort}
          onSort={setSort}
          selectedKey={selected}
          onSelect={(p) => setSelected(p.id)}
          onOpen={(p) => navigate(`#/positions/${p.id}`)}
          emptyText={positions.loading ? 'Loading…' : emptyText(filters)}
          onEndReached={positions.loadMore}
          rowCount={sums?.count}
        />
      )}
      <AccountsDialog
        open={accountsOpen}
        onClose={() => setAccountsOpen(false)}
        onChanged={() => {
          accounts.reload()
          reload()
        }}
      />
      <ExpireDialog
        open={expireOpen}
        candidates={expiry.data ?? []}
        onClose={() => setExpireOpen(false)}
        onExpired={(result) => {
          setExpireOpen(false)
          setNotice(expiredText(result))
          reload()
          expiry.reload()
        }}
      />
      <ImportTradesDialog
        open={importOpen}
        accounts={(accounts.data ?? []) as Account[]}
        onClose={() => setImportOpen(false)}
        onImported={(result) => {
          // The dialog stays open on what was written; the list behind it shows it already,
          // under "All" when the filter would hide some of it (history is mostly closed).
          setNotice(`${importedLine(result)}.`)
          if (filter !== 'all' && result.positions.some((p) => p.status !== filter))
            setFilter('all')
          reload()
        }}
      />
      <ExportDialog
        open={exportOpen}
        choices={exportChoices}
        onClose={() => setExportOpen(false)}
      />
      <NewPositionDialog
        open={dialogOpen}
        accounts={(accounts.data ?? []) as Account[]}
        onClose={() => setDialogOpen(false)}
        onSaved={(id, warnings) => {
          setDialogOpen(false)
          setSelected(id)
          setNotice([`Saved position #${id}.`, ...warnings].join(' '))
          if (filter === 'closed') setFilter('open')
          reload()
        }}
      />
    </section>
  )
}
