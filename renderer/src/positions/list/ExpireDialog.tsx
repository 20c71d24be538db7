import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { ExpiringLegView, ExpiryCandidateView } from '../../../../shared/contract.ts'
import type { PositionSummary } from '../../../../shared/domain.ts'
import { parseE4 } from '../../../../shared/money.ts'
import { api } from '../../lib/api.ts'
import { money } from '../../lib/format.ts'
import { structureLabel } from './listFilters.ts'

export interface ExpireResult {
  expired: number[]
  skipped: ExpiryCandidateView[]
}

interface Props {
  open: boolean
  candidates: readonly ExpiryCandidateView[]
  onClose: () => void
  onExpired: (result: ExpireResult) => void
}

const legName = (l: ExpiringLegView) =>
  l.optionType
    ? `${l.root} ${l.strike ?? ''} ${l.optionType}`
    : `${l.root} future ${l.expiration.slice(0, 7)}`

const signed = (q: number) => (q > 0 ? `+${q}` : `−${-q}`)

/** A settlement the user typed: '' is none yet; anything else must be a price ≥ 0. */
const settlementError = (text: string) =>
  text.trim() === '' || (parseE4(text) ?? -1) >= 0
    ? null
    : 'A settlement ≥ 0, with at most 4 decimals'

/**
 * Books "expire" adjustments for open positions whose legs are past expiry: each leg with its
 * settlement from the stored history (and its source), an input where none is stored, and the
 * cash the core computes from it. Only the ticked positions whose every leg has a settlement
 * are booked; nothing happens without the confirm button.
 */
export function ExpireDialog({ open, candidates, onClose, onExpired }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [ticked, setTicked] = useState<Set<number>>(new Set())
  const [preview, setPreview] = useState<readonly ExpiryCandidateView[]>(candidates)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  // The open positions, to name each candidate (one missing is named by its number alone).
  const [positions, setPositions] = useState<readonly PositionSummary[]>([])

  useEffect(() => {
    if (!open) return
    let live = true
    void api['positions:list']({ status: 'open' }).then((r) => {
      if (live && r.ok) setPositions(r.value.positions)
    })
    return () => {
      live = false
    }
  }, [open])

  useEffect(() => {
    const d = dialogRef.current
    if (!d) return
    if (open && !d.open) {
      setTyped({})
      setTicked(new Set(candidates.map((c) => c.positionId)))
      setPreview(candidates)
      setError(undefined)
      d.showModal()
    } else if (!open && d.open) d.close()
  }, [open, candidates])

  // The settlements to send: typed, valid, keyed by leg id.
  const settlements = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(typed).filter(([, v]) => v.trim() !== '' && !settlementError(v)),
      ),
    [typed],
  )
  const settlementsKey = JSON.stringify(settlements)

  // The core recomputes cash and readiness with what was typed (the renderer does no money).
  useEffect(() => {
    if (!open) return
    const ids = candidates.map((c) => c.positionId)
    let live = true
    const t = setTimeout(() => {
      void api['positions:expiryCandidates']({
        positionIds: ids,
        settlements: JSON.parse(settlementsKey) as Record<string, string>,
      }).then((r) => {
        if (!live) return
        if (r.ok) setPreview(r.value)
        else setError(r.error.message)
      })
    }, 250)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [open, candidates, settlementsKey])

  const byId = new Map(positions.map((p) => [p.id as number, p]))
  const ready = preview.filter((c) => c.ready && ticked.has(c.positionId))
  const toggle = (id: number) =>
    setTicked((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  async function confirm(e: FormEvent) {
    e.preventDefault()
    if (busy || ready.length === 0) return
    setBusy(true)
    setError(undefined)
    const r = await api['positions:expire']({
      positionIds: ready.map((c) => c.positionId),
      settlements,
    })
    setBusy(false)
    if (r.ok) onExpired(r.value)
    else setError(r.error.message)
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog list-expire-dialog"
      aria-labelledby="expire-title"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <form onSubmit={confirm}>
        <div className="dialog-head">
          <h2 id="expire-title">Expire positions</h2>
          <p className="muted">
            Each expired leg closes at its value at expiry, per share: an option&rsquo;s intrinsic
            value at the settlement (0 when it expired out of the money), a future&rsquo;s
            settlement price. Where the stored history has no settlement, enter the settlement
            itself (the index level, or the future&rsquo;s price): Wingman works out the value.
          </p>
        </div>
        <div className="expire-body">
          {preview.length === 0 && <p className="muted">No open position has expired legs.</p>}
          {preview.map((c) => {
            const p = byId.get(c.positionId)
            const missing = c.legs.filter((l) => l.price === null).length
            return (
              <fieldset key={c.positionId} className="expire-position">
                <legend>
                  <label className="expire-pick">
                    <input
                      type="checkbox"
                      checked={ticked.has(c.positionId)}
                      onChange={() => toggle(c.positionId)}
                    />
                    <span>
                      #{c.positionId}
                      {p && ` · ${p.root} ${structureLabel(p.structure)} · opened ${p.openedOn}`}
                    </span>
                  </label>
                  <span className={c.ready ? 'ready' : 'not-ready'}>
                    {c.ready
                      ? 'ready to expire'
                      : `enter the value of ${missing} ${missing === 1 ? 'leg' : 'legs'}`}
                  </span>
                </legend>
                <table className="grid-table compact">
                  <thead>
                    <tr>
                      <th>Leg</th>
                      <th>Expired</th>
                      <th className="num">Open</th>
                      <th
                        className="num"
                        title="Per share: intrinsic value, or a future's settlement"
                      >
                        Value / share
                      </th>
                      <th className="num">Cash</th>
                      <th>Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.legs.map((l) => {
                      const key = String(l.legId)
                      const stored = candidates
                        .find((x) => x.positionId === c.positionId)
                        ?.legs.find((x) => x.legId === l.legId)?.price
                      const err = settlementError(typed[key] ?? '')
                      return (
                        <tr key={key}>
                          <td>{legName(l)}</td>
                          <td>{l.expiration}</td>
                          <td className="num">{signed(l.openQuantity)}</td>
                          <td className="num">
                            {stored != null ? (
                              l.price
                            ) : (
                              <input
                                className={`settlement-input${err ? ' invalid' : ''}`}
                                inputMode="decimal"
                                aria-label={`Settlement for ${legName(l)}, position #${c.positionId}`}
                                aria-invalid={err ? true : undefined}
                                title={err ?? undefined}
                                value={typed[key] ?? ''}
                                onChange={(e) => setTyped((t) => ({ ...t, [key]: e.target.value }))}
                                placeholder="settlement"
                              />
                            )}
                          </td>
                          <td className="num">{money(l.cash)}</td>
                          <td className="source">{err ?? l.source}</td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </fieldset>
            )
          })}
        </div>
        {error && (
          <div className="form-alert" role="alert">
            Nothing was booked: {error}
          </div>
        )}
        <div className="dialog-foot">
          <span className="muted small">
            {ready.length} of {preview.length} ready and ticked
          </span>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy || ready.length === 0}>
            {busy
              ? 'Booking…'
              : `Expire ${ready.length} ${ready.length === 1 ? 'position' : 'positions'}`}
          </button>
        </div>
      </form>
    </dialog>
  )
}
