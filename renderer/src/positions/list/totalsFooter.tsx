import type { ReactNode } from 'react'
import type { PositionTotals } from '../../../../shared/domain.ts'
import { money } from '../../lib/format.ts'
import { positionsCount, signClass, unknownNote } from './listFigures.ts'

type Part = PositionTotals['realised']

/** One sum of the totals row, with how many listed positions it leaves out. */
function Sum({ part, what, count }: { part: Part; what: string; count: number }) {
  const note = unknownNote(part)
  // A sum over no known figure is not $0.00: it is unknown.
  const none = count > 0 && part.unknown >= count
  return (
    <span
      className="total-cell"
      title={
        note
          ? `${what} of the positions whose ${what.toLowerCase()} is known; ${note}`
          : `${what} of the listed positions`
      }
    >
      <span className={`money ${what === 'Fees' || none ? '' : signClass(part.value)}`}>
        {none ? '—' : money(part.value)}
      </span>
      {note && <span className="unknown-note">{note}</span>}
    </span>
  )
}

/**
 * The totals row under the list, cells by column key: the sums the core made of what is
 * listed (`positions:list` totals) and how many positions each sum could not include.
 */
export function totalsFooter(totals: PositionTotals): Record<string, ReactNode> {
  return {
    root: <span className="totals-label">Totals · {positionsCount(totals.count)} listed</span>,
    realised: <Sum part={totals.realised} what="Realised" count={totals.count} />,
    openPnl: <Sum part={totals.openPnl} what="Open P&L" count={totals.count} />,
    fees: <Sum part={totals.fees} what="Fees" count={totals.count} />,
    total: <Sum part={totals.total} what="Total" count={totals.count} />,
  }
}
