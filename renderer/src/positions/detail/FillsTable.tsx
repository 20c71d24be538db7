import type { Fill, PositionDetail } from '../../../../shared/domain.ts'
import { instantShort, money } from '../../lib/format.ts'
import { contractName, price } from './detailFormat.ts'
import { Was } from './Was.tsx'

/**
 * Every fill as it stands after corrections; a corrected value shows the one first recorded
 * struck through beside it. "Correct…" opens the correction form for that fill.
 */
export function FillsTable({
  d,
  onCorrect,
}: {
  d: PositionDetail
  onCorrect: ((fillId: number) => void) | null
}) {
  const legs = new Map(d.legs.map((l) => [l.id as number, l]))
  return (
    <section aria-labelledby="fills-title">
      <h2 id="fills-title">Fills</h2>
      <div className="table-wrap">
        <table className="grid-table" aria-label="Fills">
          <thead>
            <tr>
              <th>When</th>
              <th>Leg</th>
              <th>Trade</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Fees</th>
              <th>Source</th>
              {onCorrect && (
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {d.fills.map((f) => {
              const o = f.original
              const leg = legs.get(f.legId)
              return (
                <tr key={f.id} className={o ? 'corrected' : undefined}>
                  <td>
                    <Was
                      was={o && o.executedAt !== f.executedAt ? instantShort(o.executedAt) : null}
                    >
                      {instantShort(f.executedAt)}
                    </Was>
                  </td>
                  <td>{contractName(leg)}</td>
                  <td>
                    {f.side} to {f.effect}
                  </td>
                  <td className="num">
                    <Was was={o && o.quantity !== f.quantity ? String(o.quantity) : null}>
                      {f.quantity}
                    </Was>
                  </td>
                  <td
                    className="num"
                    title={
                      f.price == null
                        ? 'Only the combo net price is known: see the adjustment'
                        : undefined
                    }
                  >
                    <Was was={o && o.price !== f.price ? fillPrice(o.price) : null}>
                      {fillPrice(f.price)}
                    </Was>
                  </td>
                  <td className="num">
                    <Was was={o && o.fees !== f.fees ? money(o.fees) : null}>{money(f.fees)}</Was>
                  </td>
                  <td>{f.source}</td>
                  {onCorrect && (
                    <td className="row-action">
                      <button
                        type="button"
                        className="btn small"
                        onClick={() => onCorrect(f.id)}
                        aria-label={`Correct fill ${f.id}: ${f.side} ${contractName(leg)}`}
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

const fillPrice = (p: Fill['price']) => (p === null ? 'net' : price(p))
