import type { Decimal, PositionSummary } from '../../../../shared/domain.ts'
import type { Column } from '../../components/VirtualTable.tsx'
import { dash, dte, money, price } from '../../lib/format.ts'
import { decimalSortKey, figureSortKey, legsText, openPnlTitle, signClass } from './listFigures.ts'
import { structureLabel, type StatusFilter } from './listFilters.ts'

/** A money figure from the core; unknown shows "—" with the reason as its tooltip. */
function Money({ value, title }: { value: Decimal | null | undefined; title?: string | null }) {
  return (
    <span className={`money ${signClass(value)}`} title={title ?? undefined}>
      {money(value)}
    </span>
  )
}

function StatusBadge({ p }: { p: PositionSummary }) {
  if (p.voidedAt)
    return (
      <span className="badge voided" title={p.voidReason ? `Voided: ${p.voidReason}` : 'Voided'}>
        voided
      </span>
    )
  return <span className={`badge ${p.status}`}>{p.status}</span>
}

const figure = (p: PositionSummary, key: 'realised' | 'openPnl' | 'fees' | 'total') =>
  p.figures ? p.figures[key] : null

/** Why a figure is unknown: the ledger's note, else why the position has no figures. */
const whyUnknown = (p: PositionSummary, note: string | null | undefined) =>
  p.figuresError ?? note ?? undefined

/**
 * The list's columns. A column is sortable when the core sorts by its key (shared/listPaging.ts
 * POSITION_SORTS); `sortValue` marks it so and says what it sorts by. The status column appears only where statuses mix ("All"); the open
 * P&L header names its data date (`asOf`), since it is a model value of that day.
 */
export function positionColumns(status: StatusFilter, asOf: string[]): Column<PositionSummary>[] {
  const columns: (Column<PositionSummary> | false)[] = [
    {
      key: 'root',
      title: 'Underlying',
      width: '70px',
      render: (p) => <strong title={p.underlying}>{p.root}</strong>,
      sortValue: (p) => p.root,
    },
    {
      key: 'structure',
      title: 'Structure',
      width: '88px',
      render: (p) => <span title={structureLabel(p.structure)}>{structureLabel(p.structure)}</span>,
      sortValue: (p) => structureLabel(p.structure),
    },
    {
      key: 'legs',
      title: 'Legs',
      width: 'minmax(140px, 1.6fr)',
      hint: 'The open legs: + long, − short, the count when more than one',
      render: (p) => (
        <span className="legs" title={p.legsLabel || undefined}>
          {legsText(p)}
        </span>
      ),
    },
    // Under "Voided", why each one was voided (restoring is on its page).
    status === 'voided' && {
      key: 'voidReason',
      title: 'Void reason',
      width: 'minmax(120px, 1.4fr)',
      render: (p) => (
        <span title={p.voidedAt ? `Voided ${p.voidedAt.slice(0, 10)}: ${p.voidReason}` : undefined}>
          {p.voidReason || '—'}
        </span>
      ),
    },
    status === 'all' && {
      key: 'status',
      title: 'Status',
      width: '64px',
      render: (p) => <StatusBadge p={p} />,
      sortValue: (p) => p.status,
    },
    {
      key: 'openedOn',
      title: 'Opened',
      width: '80px',
      render: (p) => p.openedOn,
      sortValue: (p) => p.openedOn,
    },
    {
      key: 'expiration',
      title: 'Expiration',
      width: '80px',
      render: (p) => dash(p.expiration),
      sortValue: (p) => p.expiration,
    },
    {
      key: 'dte',
      title: 'DTE',
      width: '36px',
      align: 'right',
      hint: 'Calendar days to expiration (New York)',
      render: (p) => {
        if (p.status !== 'open') return '—'
        const d = dte(p.expiration)
        // An open position past its expiry is waiting to be closed or marked expired.
        return d != null && d < 0 ? <span title={`expired ${-d} days ago`}>exp.</span> : dash(d)
      },
      sortValue: (p) => dte(p.expiration),
    },
    {
      key: 'quantity',
      title: 'Qty',
      width: '32px',
      align: 'right',
      hint: 'Contracts still open',
      render: (p) => dash(p.quantity),
      sortValue: (p) => p.quantity,
    },
    {
      key: 'credit',
      title: 'Credit',
      width: '48px',
      align: 'right',
      hint: 'Opening credit per share',
      render: (p) => price(p.credit),
      sortValue: (p) => decimalSortKey(p.credit),
    },
    {
      key: 'realised',
      title: 'Realised',
      width: '84px',
      align: 'right',
      hint: 'Cash of the closed part, after fees',
      render: (p) => (
        <Money value={figure(p, 'realised')} title={whyUnknown(p, p.figures?.realisedNote)} />
      ),
      sortValue: (p) => figureSortKey(p, 'realised'),
    },
    {
      key: 'openPnl',
      title: 'Open P&L (model)',
      width: '112px',
      align: 'right',
      subtitle: asOf[0] ? `as of ${asOf[0]}${asOf.length > 1 ? ' …' : ''}` : undefined,
      hint: asOf.length
        ? `Model value of the open legs on the data of ${asOf.join(', ')}`
        : 'Model value of the open legs',
      render: (p) => <Money value={figure(p, 'openPnl')} title={openPnlTitle(p)} />,
      sortValue: (p) => figureSortKey(p, 'openPnl'),
    },
    {
      key: 'fees',
      title: 'Fees',
      width: '68px',
      align: 'right',
      // Fees are a cost whatever their sign: not coloured as a gain.
      render: (p) => <span title={whyUnknown(p, null)}>{money(figure(p, 'fees'))}</span>,
      sortValue: (p) => figureSortKey(p, 'fees'),
    },
    {
      key: 'total',
      title: 'Total',
      width: '88px',
      align: 'right',
      hint: 'Realised plus open P&L',
      render: (p) => (
        <Money
          value={figure(p, 'total')}
          title={whyUnknown(p, p.figures?.openPnlNote ?? p.figures?.realisedNote)}
        />
      ),
      sortValue: (p) => figureSortKey(p, 'total'),
    },
    {
      key: 'account',
      title: 'Account',
      width: 'minmax(56px, 1fr)',
      render: (p) => <span title={p.accountName}>{p.accountName}</span>,
      sortValue: (p) => p.accountName,
    },
    {
      key: 'tags',
      title: 'Tags',
      width: 'minmax(56px, 1fr)',
      render: (p) => (
        <span title={p.tags.join(', ')}>
          {p.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </span>
      ),
    },
  ]
  return columns.filter((c): c is Column<PositionSummary> => c !== false)
}
