import type { Leg, PositionDetail } from '../../../../shared/domain.ts'
import { legName, nyDateTime, price, signed } from './detailFormat.ts'

const ROLE_LABEL: Record<Leg['role'], string> = {
  long_put: 'Long put',
  short_put: 'Short put',
  short_call: 'Short call',
  long_call: 'Long call',
  hedge: 'Hedge',
  other: 'Other',
}

/**
 * The legs with what is still open of each, roll lineage, and the mark you entered; an open
 * leg can be given a mark (e.g. a VX future past the stored history, a VIX option).
 */
export function LegsTable({
  d,
  onMark,
}: {
  d: PositionDetail
  onMark: ((legId: number) => void) | null
}) {
  const byId = new Map(d.legs.map((l) => [l.id as number, l]))
  const replacedBy = new Map(
    d.legs.filter((l) => l.replacesLegId != null).map((l) => [l.replacesLegId as number, l]),
  )
  const layerNo = new Map(d.hedgeLayers.map((h) => [h.id, h.layerNo]))
  const marks = new Map(d.enteredMarks.map((m) => [m.legId as number, m]))
  return (
    <section aria-labelledby="legs-title">
      <h2 id="legs-title">Legs</h2>
      <div className="table-wrap">
        <table className="grid-table" aria-label="Legs">
          <thead>
            <tr>
              <th>Role</th>
              <th>Contract</th>
              <th className="num">Strike</th>
              <th>Expiration</th>
              <th className="num" title="Signed contracts open now, of those opened">
                Open
              </th>
              <th className="num">×</th>
              <th>Opened – closed</th>
              <th>Lineage</th>
              <th className="num" title="The last mark you entered (its date)">
                Mark
              </th>
              {onMark && (
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {d.legs.map((l) => {
              const m = marks.get(l.id)
              const lineage = [
                l.replacesLegId != null ? `replaces ${legName(byId.get(l.replacesLegId))}` : '',
                replacedBy.has(l.id) ? `replaced by ${legName(replacedBy.get(l.id))}` : '',
              ]
                .filter(Boolean)
                .join(' · ')
              return (
                <tr key={l.id} className={l.openQuantity === 0 ? 'closed-leg' : ''}>
                  <td>
                    {ROLE_LABEL[l.role]}
                    {l.hedgeLayerId != null && ` · layer ${layerNo.get(l.hedgeLayerId) ?? '?'}`}
                  </td>
                  <td>
                    {l.root} {l.instrumentType === 'option' ? l.optionType : 'future'}
                  </td>
                  <td className="num">{l.strike ?? '—'}</td>
                  <td>{l.expiration}</td>
                  <td className="num">
                    {signed(l.openQuantity)}
                    {l.openQuantity !== l.quantity && (
                      <span className="muted"> of {signed(l.quantity)}</span>
                    )}
                  </td>
                  <td className="num">{l.multiplier}</td>
                  <td className="wrap held">
                    {nyDateTime(l.openedAt).date}
                    {l.closedAt && ` – ${nyDateTime(l.closedAt).date}`}
                  </td>
                  <td className="lineage wrap">{lineage || '—'}</td>
                  <td className="num" title={m ? `entered for ${m.date}` : undefined}>
                    {m ? `${price(m.price)} (${m.date.slice(5)})` : '—'}
                  </td>
                  {onMark && (
                    <td className="row-action">
                      {l.openQuantity !== 0 && (
                        <button
                          type="button"
                          className="btn small"
                          onClick={() => onMark(l.id)}
                          aria-label={`Enter mark for ${legName(l)}`}
                        >
                          Mark…
                        </button>
                      )}
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
