import { useEffect, useState } from 'react'
import type { ExpiringLegView, ExpiryCandidateView } from '../../../../shared/contract.ts'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { api } from '../../lib/api.ts'
import { money } from '../../lib/format.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'
import { contractName, price, signed } from './detailFormat.ts'

/** Legs that settle on one value: one root on one expiry date. */
interface SettlementGroup {
  key: string
  root: string
  expiration: string
  future: boolean
  legIds: number[]
}

/** The expired legs without a stored settlement, grouped by what they settle on. */
function missingGroups(legs: readonly ExpiringLegView[]): SettlementGroup[] {
  const groups = new Map<string, SettlementGroup>()
  for (const l of legs) {
    if (l.price !== null) continue
    const key = `${l.root}:${l.expiration}`
    const g = groups.get(key) ?? {
      key,
      root: l.root,
      expiration: l.expiration,
      future: l.optionType === null,
      legIds: [],
    }
    g.legIds.push(l.legId)
    groups.set(key, g)
  }
  return [...groups.values()]
}

const valid = (v: string | undefined) =>
  v !== undefined && parseE4(v.trim()) !== null && !v.trim().startsWith('-')

/**
 * Book the expiry of the position's expired legs, each at its value at the settlement: from the
 * stored history where it covers the date, else at the settlement you type (the index level for
 * options, the price for a future) — the core works out each leg's value and premium, asked
 * again as you type (that question writes nothing).
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
  const groups = missingGroups(candidate.legs)
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [preview, setPreview] = useState(candidate)
  const action = useAction()
  const id = d.summary.id
  const settlements: Record<string, string> = {}
  for (const g of groups)
    if (valid(typed[g.key])) for (const legId of g.legIds) settlements[legId] = typed[g.key]!.trim()
  const key = JSON.stringify(settlements)

  useEffect(() => {
    let live = true
    const entered = JSON.parse(key) as Record<string, string>
    void api['positions:expiryCandidates']({ positionIds: [id], settlements: entered }).then(
      (r) => {
        const c = r.ok ? r.value.find((x) => x.positionId === id) : undefined
        if (live && c) setPreview(c)
      },
    )
    return () => {
      live = false
    }
  }, [id, key])

  async function submit() {
    const errors: Record<string, string> = {}
    for (const g of groups)
      if (!valid(typed[g.key])) errors[g.key] = 'Enter the settlement (a number, 0 or more)'
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
      description="An “expire” trade closes each expired leg at its value at the settlement: an option at its intrinsic value, a future at the settlement price."
      busy={action.busy}
      error={action.error}
      submitLabel="Book expiry"
      busyLabel="Booking…"
      className="expire-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      {groups.length > 0 && (
        <div className="form-grid two">
          {groups.map((g) => (
            <Field
              key={g.key}
              label={`${g.root} settlement on ${g.expiration}`}
              name={g.key}
              error={action.fields[g.key]}
              hint={
                g.future
                  ? 'The future’s settlement price'
                  : 'The index level it settled at; each option’s value follows'
              }
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={typed[g.key] ?? ''}
                  onChange={(e) => setTyped((t) => ({ ...t, [g.key]: e.target.value }))}
                />
              )}
            </Field>
          ))}
        </div>
      )}
      <table className="grid-table" aria-label="Expiring legs">
        <thead>
          <tr>
            <th>Leg</th>
            <th className="num">Open</th>
            <th className="num" title="Per share (options) or the future’s price">
              Value at expiry
            </th>
            <th className="num" title="Premium the expiry moves, + received">
              Premium
            </th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {candidate.legs.map((l) => {
            const now = byLeg.get(l.legId) ?? l
            return (
              <tr key={l.legId}>
                <td>{contractName(l)}</td>
                <td className="num">{signed(l.openQuantity)}</td>
                <td className="num">{price(now.price)}</td>
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
