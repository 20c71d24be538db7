import type { PositionDetail } from '../../../../shared/domain.ts'
import { contractName } from './detailFormat.ts'

/**
 * When the open P&L lacks a mark (a VX future past the stored settlements, a VIX option the
 * model does not value), which legs need one, with a way to enter it.
 */
export function MarksNeeded({
  d,
  onMark,
}: {
  d: PositionDetail
  onMark: ((legId: number) => void) | null
}) {
  const f = d.summary.figures
  if (!f || f.openPnl !== null || !f.openPnlNote || !/^No mark/.test(f.openPnlNote)) return null
  const modelled = new Set(d.model.legs.filter((m) => m.iv !== null).map((m) => m.legId))
  const marked = new Set(d.enteredMarks.map((m) => m.legId as number))
  const open = d.legs.filter((l) => l.openQuantity !== 0 && !marked.has(l.id))
  const unmodelled = open.filter((l) => !modelled.has(l.id))
  const legs = unmodelled.length ? unmodelled : open
  return (
    <section className="marks-needed" aria-labelledby="marks-title">
      <h2 id="marks-title">Marks needed</h2>
      <p>{f.openPnlNote}</p>
      <ul>
        {legs.map((l) => (
          <li key={l.id}>
            <span>{contractName(l)}</span>
            {onMark && (
              <button
                type="button"
                className="btn small"
                onClick={() => onMark(l.id)}
                aria-label={`Enter mark for ${contractName(l)}`}
              >
                Enter mark…
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
