import type { ReviewGroupRow } from '../../../shared/review/report.ts'
import { usd } from '../lib/format.ts'
import { percent, profitFactor, signOf } from './reviewFormat.ts'

/** A dollars cell coloured by its sign. */
function Money({ value, signed = false }: { value: number | null; signed?: boolean }) {
  return <td className={`num money ${signOf(value)}`}>{usd(value, signed)}</td>
}

/** The mark of a group too small to read much into: shown, never hidden. */
export function SmallMark({ row }: { row: ReviewGroupRow }) {
  if (!row.small) return null
  return (
    <span className="small-group" title={`Only ${row.count}: too few to read much into`}>
      fewer than 5
    </span>
  )
}

interface Props {
  rows: readonly ReviewGroupRow[]
  /** The table's accessible name ("Decisions by action taken"). */
  label: string
  /** The first column's header. */
  keyTitle: string
}

/**
 * One group-by table: per group the core's count, wins, win rate, average win and loss,
 * expectancy, total, profit factor, max drawdown and summed edges.
 */
export function GroupTable({ rows, label, keyTitle }: Props) {
  if (rows.length === 0) return <p className="muted">No decisions with a known P&L to group.</p>
  return (
    <div className="table-scroll">
      <table className="grid-table review-groups-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{keyTitle}</th>
            <th className="num">Count</th>
            <th className="num">Wins</th>
            <th className="num">Win rate</th>
            <th className="num">Avg win</th>
            <th className="num">Avg loss</th>
            <th className="num">Expectancy</th>
            <th className="num">Total</th>
            <th className="num" title="Gross wins ÷ gross losses">
              Profit factor
            </th>
            <th className="num" title="Deepest fall below the running peak, in time order">
              Max drawdown
            </th>
            <th className="num" title="Sum of actual − closed at decision">
              Edge vs closed
            </th>
            <th className="num" title="Sum of actual − held to expiry">
              Edge vs held
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key} className={g.small ? 'small-row' : undefined}>
              <th scope="row">
                <span className="group-key">{g.key}</span> <SmallMark row={g} />
              </th>
              <td className="num">{g.count}</td>
              <td className="num">{g.wins}</td>
              <td className="num">{percent(g.winRate)}</td>
              <Money value={g.avgWin} />
              <Money value={g.avgLoss} />
              <Money value={g.expectancy} />
              <Money value={g.total} />
              <td className="num">{profitFactor(g)}</td>
              <Money value={g.maxDrawdown} />
              <Money value={g.edgeVsClosed} signed />
              <Money value={g.edgeVsHeld} signed />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
