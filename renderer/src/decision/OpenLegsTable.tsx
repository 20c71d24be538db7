import { LEG_ROLES, type Leg, type LegRole } from '../../../shared/domain.ts'
import { legShort } from './format.ts'
import type { OpenRow } from './logAdjustmentForm.ts'

const ROLE_TEXT: Record<LegRole, string> = {
  long_put: 'long put',
  short_put: 'short put',
  short_call: 'short call',
  long_call: 'long call',
  hedge: 'hedge',
  other: 'other',
}

/**
 * The legs opened by the adjustment, one row each, in a fixed-width table whose fields shrink
 * with the dialog (it never runs past its edge). A refusal shows on a line under its row.
 */
export function OpenLegsTable(props: {
  rows: OpenRow[]
  /** Every leg of the position, for "replaces". */
  legs: readonly Leg[]
  /** Open hedge layers by number. */
  layers: readonly number[]
  errors: ReadonlyMap<number, string>
  onChange: (rows: OpenRow[]) => void
}) {
  const set = (i: number, patch: Partial<OpenRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <table className="grid-table compact open-legs">
      <colgroup>
        <col className="c-role" />
        <col className="c-contract" />
        <col className="c-root" />
        <col className="c-strike" />
        <col className="c-expiry" />
        <col className="c-side" />
        <col className="c-qty" />
        <col className="c-price" />
        <col className="c-replaces" />
        <col className="c-layer" />
        <col className="c-remove" />
      </colgroup>
      <thead>
        <tr>
          <th>Role</th>
          <th>Contract</th>
          <th>Root</th>
          <th>Strike</th>
          <th>Expiration</th>
          <th>Side</th>
          <th>Qty</th>
          <th>Price</th>
          <th>Replaces</th>
          <th>Layer</th>
          <th aria-label="Remove" />
        </tr>
      </thead>
      {props.rows.map((o, i) => {
        const n = `new leg ${i + 1}`
        const error = props.errors.get(o.key)
        return (
          <tbody key={o.key} className={error ? 'has-error' : undefined}>
            <tr>
              <td>
                <select
                  aria-label={`Role of ${n}`}
                  value={o.role}
                  onChange={(e) => {
                    const role = e.target.value as LegRole
                    set(i, { role, hedgeLayer: role === 'hedge' ? o.hedgeLayer || 'new' : '' })
                  }}
                >
                  {LEG_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_TEXT[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`Contract of ${n}`}
                  value={o.contract}
                  onChange={(e) => set(i, { contract: e.target.value as OpenRow['contract'] })}
                >
                  <option value="call">call</option>
                  <option value="put">put</option>
                  <option value="future">future</option>
                </select>
              </td>
              <td>
                <input
                  aria-label={`Root of ${n}`}
                  value={o.root}
                  onChange={(e) => set(i, { root: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Strike of ${n}`}
                  inputMode="decimal"
                  value={o.contract === 'future' ? '' : o.strike}
                  disabled={o.contract === 'future'}
                  onChange={(e) => set(i, { strike: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Expiration of ${n}`}
                  type="date"
                  value={o.expiration}
                  onChange={(e) => set(i, { expiration: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Side of ${n}`}
                  value={o.side}
                  onChange={(e) => set(i, { side: e.target.value as 'buy' | 'sell' })}
                >
                  <option value="sell">sell</option>
                  <option value="buy">buy</option>
                </select>
              </td>
              <td>
                <input
                  aria-label={`Contracts of ${n}`}
                  inputMode="numeric"
                  value={o.quantity}
                  onChange={(e) => set(i, { quantity: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Price of ${n}`}
                  inputMode="decimal"
                  placeholder="per share"
                  value={o.price}
                  onChange={(e) => set(i, { price: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Leg replaced by ${n}`}
                  value={o.replacesLegId}
                  onChange={(e) => set(i, { replacesLegId: e.target.value })}
                >
                  <option value="">—</option>
                  {props.legs.map((l) => (
                    <option key={l.id} value={l.id}>
                      {legShort(l)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`Hedge layer of ${n}`}
                  value={o.hedgeLayer}
                  disabled={o.role !== 'hedge'}
                  onChange={(e) => set(i, { hedgeLayer: e.target.value })}
                >
                  <option value="">—</option>
                  <option value="new">new</option>
                  {props.layers.map((no) => (
                    <option key={no} value={String(no)}>
                      #{no}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="btn ghost small-btn"
                  aria-label={`Remove ${n}`}
                  onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
            {error && (
              <tr className="row-error-line">
                <td colSpan={11}>
                  <span className="field-error" role="alert">
                    New leg {i + 1} · {error}
                  </span>
                </td>
              </tr>
            )}
          </tbody>
        )
      })}
    </table>
  )
}
