import { useEffect, useState } from 'react'
import type { ExpiryCandidateView } from '../../../../shared/contract.ts'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { api } from '../../lib/api.ts'
import { money } from '../../lib/format.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'
import { contractName, price, signed } from './detailFormat.ts'

/**
 * Book the expiry of the position's expired legs: each at its settlement from the stored
 * history (and where it came from), or at the value you enter where the history ends. The
 * premium each leg moves is the core's, asked again as you type (that question writes nothing).
 */
export function ExpireDialog({
  d,
  candidate,
  onClose,
  onDone,
}: {
  d: PositionDetail
  candidate: ExpiryCandidateView
  onClose: () => void
  onDone: () => void
}) {
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [preview, setPreview] = useState(candidate)
  const action = useAction()
  const id = d.summary.id
  const settlements = Object.fromEntries(
    Object.entries(typed).filter(
      ([, v]) => parseE4(v.trim()) !== null && !v.trim().startsWith('-'),
    ),
  )
  const key = JSON.stringify(settlements)

  useEffect(() => {
    let live = true
    void api['positions:expiryCandidates']({
      positionIds: [id],
      settlements: JSON.parse(key),
    }).then((r) => {
      const c = r.ok ? r.value.find((x) => x.positionId === id) : undefined
      if (live && c) setPreview(c)
    })
    return () => {
      live = false
    }
  }, [id, key])

  async function submit() {
    const errors: Record<string, string> = {}
    for (const l of candidate.legs)
      if (l.price === null && settlements[String(l.legId)] === undefined)
        errors[`settlements.${l.legId}`] = 'Enter the settlement (0 or more)'
    if (Object.keys(errors).length)
      return action.refuse('Every expired leg needs a settlement. Nothing was booked.', errors)
    const r = await action.run(() => api['positions:expire']({ positionIds: [id], settlements }))
    if (r === undefined) return
    const skipped = r.skipped.find((c) => c.positionId === id)
    if (skipped)
      return action.refuse(
        `Not booked: no settlement for ${skipped.legs
          .filter((l) => l.price === null)
          .map((l) => contractName(l))
          .join(', ')}.`,
      )
    onDone()
  }

  const byLeg = new Map(preview.legs.map((l) => [l.legId, l]))
  return (
    <ModalDialog
      open
      title="Expire legs"
      description="An “expire” trade closes each expired leg at its settlement: options at intrinsic value, futures at the settlement price."
      busy={action.busy}
      error={action.error}
      submitLabel="Book expiry"
      busyLabel="Booking…"
      className="expire-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <table className="grid-table" aria-label="Expiring legs">
        <thead>
          <tr>
            <th>Leg</th>
            <th className="num">Open</th>
            <th>Settlement</th>
            <th className="num">Premium</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {candidate.legs.map((l) => {
            const now = byLeg.get(l.legId) ?? l
            const name = contractName(l)
            return (
              <tr key={l.legId}>
                <td>{name}</td>
                <td className="num">{signed(l.openQuantity)}</td>
                <td>
                  {l.price !== null ? (
                    price(l.price)
                  ) : (
                    <Field
                      label={`Settlement of ${name}`}
                      name={`settlements.${l.legId}`}
                      error={action.fields[`settlements.${l.legId}`]}
                      className="bare"
                    >
                      {(p) => (
                        <input
                          {...p}
                          inputMode="decimal"
                          placeholder="0.00"
                          value={typed[String(l.legId)] ?? ''}
                          onChange={(e) =>
                            setTyped((t) => ({ ...t, [String(l.legId)]: e.target.value }))
                          }
                        />
                      )}
                    </Field>
                  )}
                </td>
                <td className="num">{now.cash === null ? '—' : money(now.cash)}</td>
                <td className="wrap source-cell">{now.source}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </ModalDialog>
  )
}
