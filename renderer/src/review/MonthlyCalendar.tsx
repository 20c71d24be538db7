import { usd } from '../lib/format.ts'
import { yearTotal, type MonthlyCalendar as Calendar } from './equity.ts'
import { signOf, usdWhole } from './reviewFormat.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * The positions' P&L summed by month (a year a row), each cell coloured by its sign, in whole
 * dollars to fit; the exact sum is in the cell's tooltip.
 */
export function MonthlyCalendar({ calendar }: { calendar: Calendar }) {
  if (calendar.years.length === 0) return <p className="muted">No months to show yet.</p>
  return (
    <div className="calendar-wrap">
      <table className="calendar" aria-label="Monthly P&L">
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTHS.map((m) => (
              <th key={m} scope="col">
                {m}
              </th>
            ))}
            <th scope="col">Year</th>
          </tr>
        </thead>
        <tbody>
          {calendar.years.map((year) => {
            const total = yearTotal(calendar, year)
            return (
              <tr key={year}>
                <th scope="row">{year}</th>
                {MONTHS.map((m, i) => {
                  const key = `${year}-${String(i + 1).padStart(2, '0')}`
                  const cell = calendar.months.get(key)
                  if (!cell) return <td key={m} className="empty" />
                  const n = `${cell.count} ${cell.count === 1 ? 'position' : 'positions'}`
                  return (
                    <td
                      key={m}
                      className={`money ${signOf(cell.pnl)}`}
                      title={`${m} ${year}: ${usd(cell.pnl)} over ${n}`}
                    >
                      {usdWhole(cell.pnl)}
                    </td>
                  )
                })}
                <td className={`money total ${signOf(total)}`} title={`${year}: ${usd(total)}`}>
                  {usdWhole(total)}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
