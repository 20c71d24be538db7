import type { PositionDetail } from '../../../../shared/domain.ts'
import { instantShort, money } from '../../lib/format.ts'
import { price } from './detailFormat.ts'
import { Was } from './Was.tsx'

/** The trades (adjustments) in order; net price and fees can be corrected, the original kept. */
export function AdjustmentsTable({
  d,
  onCorrect,
}: {
  d: PositionDetail
  onCorrect: ((adjustmentId: number) => void) | null
}) {
  return (
    <section aria-labelledby="adjustments-title">
      <h2 id="adjustments-title">Adjustments</h2>
      <div className="table-wrap">
        <table className="grid-table" aria-label="Adjustments">
          <thead>
            <tr>
              <th>When</th>
              <th>Kind</th>
              <th className="num" title="Per share, + credit received, − debit paid">
                Net price
              </th>
              <th className="num" title="Premium received (+) or paid (−), before fees">
                Cash
              </th>
              <th className="num">Fees</th>
              <th>Note</th>
              {onCorrect && (
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {d.adjustments.map((a) => {
              const o = a.original
              return (
                <tr key={a.id} className={o ? 'corrected' : undefined}>
                  <td>{instantShort(a.occurredAt)}</td>
                  <td>{a.kind.replace('_', ' ')}</td>
                  <td className="num">
                    <Was was={o && o.netPrice !== a.netPrice ? price(o.netPrice) : null}>
                      {price(a.netPrice)}
                    </Was>
                  </td>
                  <td className="num">{money(a.cash)}</td>
                  <td className="num">
                    <Was was={o && o.fees !== a.fees ? money(o.fees) : null}>{money(a.fees)}</Was>
                  </td>
                  <td className="wrap note-cell">{a.note}</td>
                  {onCorrect && (
                    <td className="row-action">
                      <button
                        type="button"
                        className="btn small"
                        onClick={() => onCorrect(a.id)}
                        aria-label={`Correct the ${a.kind.replace('_', ' ')} of ${a.occurredAt.slice(0, 10)}`}
                      >
                        Correct…
                      </button>
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
