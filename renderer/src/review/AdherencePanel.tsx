import type { ReviewGroupRow } from '../../../shared/review/report.ts'
import { usd } from '../lib/format.ts'
import { SmallMark } from './GroupTable.tsx'
import { percent, signOf } from './reviewFormat.ts'

const SIDES = [
  ['followed', 'Followed the ruleset'],
  ['overridden', 'Overrode the ruleset'],
] as const

/**
 * Rule adherence: the decisions that did what the ruleset recommended against those that did
 * something else — how many, what they made, and what they made against the paths not taken.
 */
export function AdherencePanel({ rows }: { rows: readonly ReviewGroupRow[] | undefined }) {
  const byKey = new Map((rows ?? []).map((r) => [r.key, r]))
  return (
    <section className="adherence" aria-labelledby="adherence-title">
      <h2 id="adherence-title">Rule adherence</h2>
      <table className="grid-table" aria-label="Rule adherence">
        <thead>
          <tr>
            <th scope="col">Decisions</th>
            <th className="num">Count</th>
            <th className="num">Win rate</th>
            <th className="num">P&L</th>
            <th className="num" title="Sum of actual − closed at decision">
              Edge vs closed
            </th>
            <th className="num" title="Sum of actual − held to expiry">
              Edge vs held
            </th>
          </tr>
        </thead>
        <tbody>
          {SIDES.map(([key, label]) => {
            const g = byKey.get(key)
            return (
              <tr key={key}>
                <th scope="row">
                  {label} {g && <SmallMark row={g} />}
                </th>
                <td className="num">{g?.count ?? 0}</td>
                <td className="num">{percent(g?.winRate)}</td>
                <td className={`num money ${signOf(g?.total)}`}>{usd(g?.total ?? 0)}</td>
                <td className={`num money ${signOf(g?.edgeVsClosed)}`}>
                  {usd(g?.edgeVsClosed, true)}
                </td>
                <td className={`num money ${signOf(g?.edgeVsHeld)}`}>{usd(g?.edgeVsHeld, true)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="muted small">
        A positive edge means what was done beat that path. Decisions whose P&L is unknown are not
        counted.
      </p>
    </section>
  )
}
