import type { Leg } from '../../../shared/domain.ts'
import { legLabel } from './format.ts'
import type { CloseRow } from './logAdjustmentForm.ts'

/**
 * The open legs, each with a tick to close it, the contracts (at most those still open) and the
 * price per share; a refusal shows under its row.
 */
export function CloseLegsTable(props: {
  rows: CloseRow[]
  legs: readonly Leg[]
  errors: ReadonlyMap<number, string>
  onChange: (rows: CloseRow[]) => void
}) {
  const legById = new Map(props.legs.map((l) => [l.id as number, l]))
  const set = (i: number, patch: Partial<CloseRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <table className="grid-table compact close-legs">
      <thead>
        <tr>
          <th className="tick">Close</th>
          <th>Leg</th>
          <th className="num">Contracts</th>
          <th className="num">Price</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((c, i) => {
          const leg = legById.get(c.legId)
          if (!leg) return null
          const name = legLabel(leg)
          const error = props.errors.get(c.legId)
          return (
            <tr key={c.legId} className={error ? 'has-error' : undefined}>
              <td className="tick">
                <input
                  type="checkbox"
                  aria-label={`Close ${name}`}
                  checked={c.on}
                  onChange={(e) => set(i, { on: e.target.checked })}
                />
              </td>
              <td>
                {name}
                {error && (
                  <span className="field-error row-error" role="alert">
                    {error}
                  </span>
                )}
              </td>
              <td className="num">
                <input
                  aria-label={`Contracts to close of ${name}`}
                  className="narrow"
                  inputMode="numeric"
                  value={c.quantity}
                  disabled={!c.on}
                  onChange={(e) => set(i, { quantity: e.target.value })}
                />
              </td>
              <td className="num">
                <input
                  aria-label={`Close price of ${name}`}
                  className="narrow"
                  inputMode="decimal"
                  placeholder="per share"
                  value={c.price}
                  disabled={!c.on}
                  aria-invalid={Boolean(error)}
                  onChange={(e) => set(i, { price: e.target.value })}
                />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
