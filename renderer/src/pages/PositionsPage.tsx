import { useEffect, useMemo, useState } from 'react'
import type { Account, PositionId, PositionSummary } from '../../../shared/domain.ts'
import { summaryFigures } from '../../../shared/ironCondorMath.ts'
import { parseE4 } from '../../../shared/money.ts'
import { NewPositionDialog } from '../positions/NewPositionDialog.tsx'
import { sortRows, VirtualTable, type Column, type SortState } from '../components/VirtualTable.tsx'
import { api } from '../lib/api.ts'
import { dash, dollars, dte } from '../lib/format.ts'
import { navigate } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'

type StatusFilter = 'open' | 'closed' | 'all'
const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
]

const strikeNum = (s: string | null) => (s == null ? null : parseE4(s))

const COLUMNS: Column<PositionSummary>[] = [
  {
    key: 'root',
    title: 'Underlying',
    width: '84px',
    render: (p) => <strong>{p.root}</strong>,
    sortValue: (p) => p.root,
  },
  {
    key: 'status',
    title: 'Status',
    width: '72px',
    render: (p) => <span className={`badge ${p.status}`}>{p.status}</span>,
    sortValue: (p) => p.status,
  },
  {
    key: 'openedOn',
    title: 'Opened',
    width: '92px',
    render: (p) => p.openedOn,
    sortValue: (p) => p.openedOn,
  },
  {
    key: 'expiration',
    title: 'Expiration',
    width: '92px',
    render: (p) => dash(p.expiration),
    sortValue: (p) => p.expiration,
  },
  {
    key: 'dte',
    title: 'DTE',
    width: '44px',
    align: 'right',
    render: (p) => {
      if (p.status !== 'open') return '—'
      const d = dte(p.expiration)
      // An open position past its expiry is waiting to be closed or marked expired.
      return d != null && d < 0 ? <span title={`expired ${-d} days ago`}>exp.</span> : dash(d)
    },
    sortValue: (p) => dte(p.expiration),
  },
  {
    key: 'longPut',
    title: 'Long put',
    width: '76px',
    align: 'right',
    render: (p) => dash(p.longPut),
    sortValue: (p) => strikeNum(p.longPut),
  },
  {
    key: 'shortPut',
    title: 'Short put',
    width: '76px',
    align: 'right',
    render: (p) => dash(p.shortPut),
    sortValue: (p) => strikeNum(p.shortPut),
  },
  {
    key: 'shortCall',
    title: 'Short call',
    width: '76px',
    align: 'right',
    render: (p) => dash(p.shortCall),
    sortValue: (p) => strikeNum(p.shortCall),
  },
  {
    key: 'longCall',
    title: 'Long call',
    width: '76px',
    align: 'right',
    render: (p) => dash(p.longCall),
    sortValue: (p) => strikeNum(p.longCall),
  },
  {
    key: 'quantity',
    title: 'Qty',
    width: '44px',
    align: 'right',
    render: (p) => dash(p.quantity),
    sortValue: (p) => p.quantity,
  },
  {
    key: 'credit',
    title: 'Credit',
    width: '60px',
    align: 'right',
    render: (p) => dash(p.credit),
    sortValue: (p) => strikeNum(p.credit),
  },
  {
    key: 'maxLoss',
    title: 'Max loss',
    width: '96px',
    align: 'right',
    render: (p) => {
      const f = summaryFigures(p)
      return f ? dollars(f.maxLossE4) : '—'
    },
    sortValue: (p) => summaryFigures(p)?.maxLossE4 ?? null,
  },
  {
    key: 'account',
    title: 'Account',
    width: 'minmax(90px, 1fr)',
    render: (p) => p.accountName,
    sortValue: (p) => p.accountName,
  },
  {
    key: 'tags',
    title: 'Tags',
    width: 'minmax(90px, 1.5fr)',
    render: (p) =>
      p.tags.map((t) => (
        <span key={t} className="tag">
          {t}
        </span>
      )),
    sortValue: (p) => p.tags.join(','),
  },
]

export function PositionsPage() {
  const [filter, setFilter] = useState<StatusFilter>(
    () => (sessionStorage.getItem('wingman.filter') as StatusFilter) || 'open',
  )
  const [sort, setSort] = useState<SortState>({ key: 'expiration', dir: 'asc' })
  const [selected, setSelected] = useState<PositionId | null>(null)
  const [dialogOpen, setDialogOpen] = useState(false)
  const [notice, setNotice] = useState<string>()
  const positions = useApi(() => api['positions:list']({ status: filter }), filter)
  const accounts = useApi(() => api['accounts:list']({}), 'accounts')

  useEffect(() => sessionStorage.setItem('wingman.filter', filter), [filter])

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
        !dialogOpen
      ) {
        e.preventDefault()
        setDialogOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [dialogOpen])

  const rows = useMemo(
    () => sortRows(positions.data?.positions ?? [], COLUMNS, sort),
    [positions.data, sort],
  )

  return (
    <section className="page positions-page" aria-labelledby="positions-title">
      <div className="toolbar">
        <h1 id="positions-title">Positions</h1>
        <div className="segmented" role="radiogroup" aria-label="Show positions">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              role="radio"
              aria-checked={filter === f.value}
              className={filter === f.value ? 'on' : ''}
              onClick={() => setFilter(f.value)}
            >
              {f.label}
            </button>
          ))}
        </div>
        <span className="muted count" aria-live="polite">
          {positions.loading && !positions.data
            ? 'Loading…'
            : `${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'position' : 'positions'}`}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => setDialogOpen(true)}
          aria-keyshortcuts="n"
        >
          New position
        </button>
      </div>
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      {positions.error ? (
        <div className="form-alert" role="alert">
          Could not load positions: {positions.error.message}
        </div>
      ) : (
        <VirtualTable
          label="Positions"
          rows={rows}
          columns={COLUMNS}
          rowKey={(p) => p.id}
          sort={sort}
          onSort={setSort}
          selectedKey={selected}
          onSelect={(p) => setSelected(p.id)}
          onOpen={(p) => navigate(`#/positions/${p.id}`)}
          emptyText={
            filter === 'closed'
              ? 'No closed positions yet.'
              : 'No positions yet. Press "New position" (or N) to record your first trade.'
          }
        />
      )}
      <NewPositionDialog
        open={dialogOpen}
        accounts={(accounts.data ?? []) as Account[]}
        onClose={() => setDialogOpen(false)}
        onSaved={(id, warnings) => {
          setDialogOpen(false)
          setSelected(id)
          setNotice([`Saved position #${id}.`, ...warnings].join(' '))
          if (filter === 'closed') setFilter('open')
          positions.reload()
        }}
      />
    </section>
  )
}
