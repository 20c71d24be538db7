import type { PositionDetail } from '../../../../shared/domain.ts'
import { money } from '../../lib/format.ts'
import { legName, signed } from './detailFormat.ts'

/**
 * Each hedge layer with its legs and its realised, open and total P&L from the ledger
 * (`figures.layers`): a VX future moves no premium, so its open P&L is its mark against entry.
 */
export function HedgeLayersTable({ d }: { d: PositionDetail }) {
  const figures = new Map((d.summary.figures?.layers ?? []).map((l) => [l.hedgeLayerId, l]))
  return (
    <section aria-labelledby="layers-title">
      <h2 id="layers-title">Hedge layers</h2>
      <div className="table-wrap">
        <table className="grid-table" aria-label="Hedge layers">
          <thead>
            <tr>
              <th>Layer</th>
              <th>Status</th>
              <th>Legs</th>
              <th className="num">Realised</th>
              <th className="num">Open P&amp;L</th>
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {d.hedgeLayers.map((h) => {
              const f = figures.get(h.id)
              const legs = d.legs.filter((l) => l.hedgeLayerId === h.id)
              return (
                <tr key={h.id}>
                  <td>#{h.layerNo}</td>
                  <td>{h.status}</td>
                  <td className="wrap">
                    {legs
                      .map(
                        (l) =>
                          `${signed(l.quantity)} ${legName(l)}${l.openQuantity === 0 ? ' (closed)' : ''}`,
                      )
                      .join(', ')}
                  </td>
                  <td className="num">{money(f?.realised)}</td>
                  <td
                    className="num"
                    title={
                      f && f.openPnl === null ? 'No mark for an open leg: enter one' : undefined
                    }
                  >
                    {money(f?.openPnl)}
                  </td>
                  <td className="num">{money(f?.total)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
