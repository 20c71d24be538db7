import { useEffect, useRef, useState, type FormEvent } from 'react'
import {
  ACTIONS,
  type Action,
  type DecisionInputs,
  type Evaluation,
  type LogAdjustmentInput,
} from '../../../shared/decisions.ts'
import {
  ADJUSTMENT_KINDS,
  type AdjustmentKind,
  type Leg,
  type LegRole,
  type PositionDetail,
} from '../../../shared/domain.ts'
import { api } from '../lib/api.ts'
import { legLabel } from './format.ts'

type Kind = Exclude<AdjustmentKind, 'open'>
const KINDS = ADJUSTMENT_KINDS.filter((k): k is Kind => k !== 'open')

/** The adjustment an action usually means; the trader can change it. */
const KIND_OF: Record<Action, Kind> = {
  HOLD: 'other',
  CLOSE_CALL_SPREAD: 'close',
  CLOSE_PUT_SPREAD: 'close',
  CLOSE_ALL: 'close',
  ROLL_OUT: 'roll',
  ROLL_UP_CALL: 'roll',
  ROLL_DOWN_PUT: 'roll',
  ADD_HEDGE_LAYER: 'hedge_add',
  ADJUST_HEDGE_LAYER: 'hedge_adjust',
  TIME_SHIFT_HEDGE: 'hedge_time_shift',
  REMOVE_HEDGE_LAYER: 'hedge_remove',
}

/** The core legs an action touches, to prefill the closes. */
function legsFor(action: Action, legs: Leg[]): Leg[] {
  const core = legs.filter((l) => l.hedgeLayerId === null)
  switch (action) {
    case 'CLOSE_CALL_SPREAD':
    case 'ROLL_OUT':
    case 'ROLL_UP_CALL':
      return core.filter((l) => l.optionType === 'call')
    case 'CLOSE_PUT_SPREAD':
    case 'ROLL_DOWN_PUT':
      return core.filter((l) => l.optionType === 'put')
    case 'CLOSE_ALL':
      return legs
    default:
      return []
  }
}

interface CloseRow {
  legId: number
  on: boolean
  quantity: string
  price: string
}

interface OpenRow {
  key: number
  role: LegRole
  instrumentType: 'option' | 'future'
  root: string
  optionType: 'call' | 'put'
  strike: string
  expiration: string
  side: 'sell' | 'buy'
  quantity: string
  price: string
  replacesLegId: string
  hedgeLayer: string
}

let nextKey = 1
const openFrom = (l: Leg): OpenRow => ({
  key: nextKey++,
  role: l.role,
  instrumentType: l.instrumentType,
  root: l.root,
  optionType: l.optionType ?? 'call',
  strike: l.strike ?? '',
  expiration: '',
  side: l.quantity < 0 ? 'sell' : 'buy',
  quantity: String(Math.abs(l.quantity)),
  price: '',
  replacesLegId: String(l.id),
  hedgeLayer: '',
})
const blankHedge = (): OpenRow => ({
  key: nextKey++,
  role: 'hedge',
  instrumentType: 'option',
  root: 'VIX',
  optionType: 'call',
  strike: '',
  expiration: '',
  side: 'buy',
  quantity: '1',
  price: '',
  replacesLegId: '',
  hedgeLayer: 'new',
})

function prefillCloses(a: Action, openLegs: Leg[]): CloseRow[] {
  const chosen = new Set(legsFor(a, openLegs).map((l) => l.id as number))
  return openLegs.map((l) => ({
    legId: l.id,
    on: chosen.has(l.id),
    quantity: String(Math.abs(l.quantity)),
    price: '',
  }))
}

/** A roll reopens the legs it closes (strike and expiry to be edited); a new layer starts empty. */
function prefillOpens(a: Action, openLegs: Leg[]): OpenRow[] {
  if (a === 'ROLL_OUT' || a === 'ROLL_UP_CALL' || a === 'ROLL_DOWN_PUT')
    return legsFor(a, openLegs).map(openFrom)
  if (a === 'ADD_HEDGE_LAYER') return [blankHedge()]
  return []
}

/**
 * Log what was done: the action (prefilled from the recommendation; another one needs a reason),
 * the fills of the legs closed and opened, fees. The core recomputes the decision snapshot from
 * the same inputs and writes everything in one transaction — or nothing.
 */
export function LogAdjustmentDialog(props: {
  detail: PositionDetail
  inputs: DecisionInputs
  evaluation: Evaluation
  onClose: () => void
  onLogged: () => void
}) {
  const { detail, inputs, evaluation } = props
  const recommended = evaluation.recommendation.action
  const ref = useRef<HTMLDialogElement>(null)
  const openLegs = detail.legs.filter((l) => l.closedAt === null)
  const [action, setAction] = useState<Action>(recommended)
  const [kind, setKind] = useState<Kind>(KIND_OF[recommended])
  const [reason, setReason] = useState('')
  const [date, setDate] = useState(inputs.date)
  const [time, setTime] = useState('15:45')
  const [fees, setFees] = useState('0')
  const [note, setNote] = useState('')
  const [closes, setCloses] = useState<CloseRow[]>(() => prefillCloses(recommended, openLegs))
  const [opens, setOpens] = useState<OpenRow[]>(() => prefillOpens(recommended, openLegs))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    ref.current?.showModal()
  }, [])

  function chooseAction(a: Action) {
    setAction(a)
    setKind(KIND_OF[a])
    setCloses(prefillCloses(a, openLegs))
    setOpens(prefillOpens(a, openLegs))
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const req: LogAdjustmentInput = {
      kind,
      occurredOn: date,
      time,
      closes: closes
        .filter((c) => c.on)
        .map((c) => ({ legId: c.legId, quantity: Number(c.quantity), price: c.price.trim() })),
      opens: opens.map((o) => ({
        role: o.role,
        instrumentType: o.instrumentType,
        root: o.root.trim().toUpperCase(),
        ...(o.instrumentType === 'option'
          ? { optionType: o.optionType, strike: o.strike.trim() }
          : {}),
        expiration: o.expiration,
        quantity: (o.side === 'sell' ? -1 : 1) * Number(o.quantity),
        price: o.price.trim(),
        ...(o.replacesLegId ? { replacesLegId: Number(o.replacesLegId) } : {}),
        ...(o.hedgeLayer
          ? { hedgeLayer: o.hedgeLayer === 'new' ? ('new' as const) : Number(o.hedgeLayer) }
          : {}),
      })),
      fees: fees.trim() || '0',
      note,
      decision: { inputs, actionTaken: action, reason },
    }
    if (action !== recommended && !reason.trim()) {
      setErrors({
        'decision.reason': `Say why you chose ${action} over the recommended ${recommended}`,
      })
      return
    }
    setBusy(true)
    setMessage(undefined)
    const r = await api['adjustments:log'](req)
    setBusy(false)
    if (r.ok) return props.onLogged()
    setErrors(r.error.fields ?? {})
    setMessage(r.error.message)
  }

  const err = (key: string) =>
    errors[key] ? (
      <span className="field-error" role="alert">
        {errors[key]}
      </span>
    ) : null
  const closing = closes.filter((c) => c.on)
  const layers = detail.hedgeLayers.filter((l) => l.status === 'open')

  return (
    <dialog
      ref={ref}
      className="dialog wide-dialog"
      aria-labelledby="log-title"
      onCancel={(e) => {
        e.preventDefault()
        props.onClose()
      }}
    >
      <form onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id="log-title">Log adjustment</h2>
          <p className="muted">
            Recommended by {evaluation.ruleset.name} v{evaluation.ruleset.version}:{' '}
            <b>{recommended}</b>. The snapshot of {inputs.date} is stored with this record and can
            never be edited.
          </p>
        </header>
        {message && (
          <div className="form-alert" role="alert">
            {message}
          </div>
        )}
        <div className="form-grid">
          <div className="field">
            <label htmlFor="log-action">Action taken</label>
            <select
              id="log-action"
              value={action}
              onChange={(e) => chooseAction(e.target.value as Action)}
            >
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                  {a === recommended ? ' (recommended)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="log-kind">Kind</label>
            <select id="log-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="log-date">Date</label>
            <input
              id="log-date"
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="log-time">Time (New York)</label>
            <input
              id="log-time"
              type="time"
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
          </div>
          {action !== recommended && (
            <div className="field wide invalid-able">
              <label htmlFor="log-reason">Reason for overriding the recommendation</label>
              <textarea
                id="log-reason"
                rows={2}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value)
                  setErrors(({ 'decision.reason': _, ...rest }) => rest)
                }}
                aria-invalid={Boolean(errors['decision.reason'])}
              />
              {err('decision.reason')}
            </div>
          )}
        </div>

        <fieldset className="fills">
          <legend>Close</legend>
          <table className="grid-table compact">
            <thead>
              <tr>
                <th>Close</th>
                <th>Leg</th>
                <th className="num">Contracts</th>
                <th className="num">Price</th>
              </tr>
            </thead>
            <tbody>
              {closes.map((c, i) => {
                const leg = openLegs.find((l) => l.id === c.legId)!
                const set = (patch: Partial<CloseRow>) =>
                  setCloses((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
                const idx = closing.indexOf(c)
                return (
                  <tr key={c.legId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Close ${legLabel(leg)}`}
                        checked={c.on}
                        onChange={(e) => set({ on: e.target.checked })}
                      />
                    </td>
                    <td>{legLabel(leg)}</td>
                    <td className="num">
                      <input
                        aria-label={`Contracts to close of ${legLabel(leg)}`}
                        className="narrow"
                        inputMode="numeric"
                        value={c.quantity}
                        disabled={!c.on}
                        onChange={(e) => set({ quantity: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`Close price of ${legLabel(leg)}`}
                        className="narrow"
                        inputMode="decimal"
                        value={c.price}
                        disabled={!c.on}
                        onChange={(e) => set({ price: e.target.value })}
                      />
                      {idx >= 0 &&
                        (err(`closes.${idx}.price`) ??
                          err(`closes.${idx}.quantity`) ??
                          err(`closes.${idx}.legId`))}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {err('closes')}
        </fieldset>

        <fieldset className="fills">
          <legend>Open</legend>
          {opens.length > 0 && (
            <table className="grid-table compact">
              <thead>
                <tr>
                  <th>Role</th>
                  <th>Type</th>
                  <th>Root</th>
                  <th>Call/put</th>
                  <th>Strike</th>
                  <th>Expiration</th>
                  <th>Side</th>
                  <th>Qty</th>
                  <th>Price</th>
                  <th>Replaces</th>
                  <th>Layer</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {opens.map((o, i) => {
                  const set = (patch: Partial<OpenRow>) =>
                    setOpens((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
                  const n = `new leg ${i + 1}`
                  return (
                    <tr key={o.key}>
                      <td>
                        <select
                          aria-label={`Role of ${n}`}
                          value={o.role}
                          onChange={(e) =>
                            set({
                              role: e.target.value as LegRole,
                              hedgeLayer: e.target.value === 'hedge' ? o.hedgeLayer || 'new' : '',
                            })
                          }
                        >
                          {[
                            'long_put',
                            'short_put',
                            'short_call',
                            'long_call',
                            'hedge',
                            'other',
                          ].map((r) => (
                            <option key={r} value={r}>
                              {r.replace('_', ' ')}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select
                          aria-label={`Instrument of ${n}`}
                          value={o.instrumentType}
                          onChange={(e) =>
                            set({ instrumentType: e.target.value as 'option' | 'future' })
                          }
                        >
                          <option value="option">option</option>
                          <option value="future">future</option>
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`Root of ${n}`}
                          className="narrow"
                          value={o.root}
                          onChange={(e) => set({ root: e.target.value })}
                        />
                      </td>
                      <td>
                        <select
                          aria-label={`Call or put of ${n}`}
                          value={o.optionType}
                          disabled={o.instrumentType === 'future'}
                          onChange={(e) => set({ optionType: e.target.value as 'call' | 'put' })}
                        >
                          <option value="call">call</option>
                          <option value="put">put</option>
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`Strike of ${n}`}
                          className="narrow"
                          inputMode="decimal"
                          value={o.strike}
                          disabled={o.instrumentType === 'future'}
                          onChange={(e) => set({ strike: e.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`Expiration of ${n}`}
                          type="date"
                          value={o.expiration}
                          onChange={(e) => set({ expiration: e.target.value })}
                        />
                      </td>
                      <td>
                        <select
                          aria-label={`Side of ${n}`}
                          value={o.side}
                          onChange={(e) => set({ side: e.target.value as 'buy' | 'sell' })}
                        >
                          <option value="sell">sell</option>
                          <option value="buy">buy</option>
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`Contracts of ${n}`}
                          className="narrow"
                          inputMode="numeric"
                          value={o.quantity}
                          onChange={(e) => set({ quantity: e.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`Price of ${n}`}
                          className="narrow"
                          inputMode="decimal"
                          value={o.price}
                          onChange={(e) => set({ price: e.target.value })}
                        />
                      </td>
                      <td>
                        <select
                          aria-label={`Leg replaced by ${n}`}
                          value={o.replacesLegId}
                          onChange={(e) => set({ replacesLegId: e.target.value })}
                        >
                          <option value="">—</option>
                          {detail.legs.map((l) => (
                            <option key={l.id} value={l.id}>
                              {legLabel(l)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select
                          aria-label={`Hedge layer of ${n}`}
                          value={o.hedgeLayer}
                          disabled={o.role !== 'hedge'}
                          onChange={(e) => set({ hedgeLayer: e.target.value })}
                        >
                          <option value="">—</option>
                          <option value="new">new layer</option>
                          {layers.map((l) => (
                            <option key={l.id} value={String(l.layerNo)}>
                              layer {l.layerNo}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn ghost small-btn"
                          aria-label={`Remove ${n}`}
                          onClick={() => setOpens((rows) => rows.filter((_, j) => j !== i))}
                        >
                          ✕
                        </button>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
          {opens.map(
            (_, i) =>
              Object.keys(errors).some((k) => k.startsWith(`opens.${i}.`)) && (
                <div key={i}>
                  {err(Object.keys(errors).find((k) => k.startsWith(`opens.${i}.`))!)}
                </div>
              ),
          )}
          <div className="row-actions">
            <button
              type="button"
              className="btn small-btn"
              onClick={() =>
                setOpens((o) => [
                  ...o,
                  { ...blankHedge(), role: 'other', root: detail.summary.root, hedgeLayer: '' },
                ])
              }
            >
              Add leg
            </button>
            <button
              type="button"
              className="btn small-btn"
              onClick={() => setOpens((o) => [...o, blankHedge()])}
            >
              Add hedge leg (VIX option / VX future)
            </button>
          </div>
        </fieldset>

        <div className="form-grid">
          <div className="field">
            <label htmlFor="log-fees">Fees (total, $)</label>
            <input
              id="log-fees"
              inputMode="decimal"
              value={fees}
              onChange={(e) => setFees(e.target.value)}
            />
            {err('fees')}
          </div>
          <div className="field wide">
            <label htmlFor="log-note">Note</label>
            <input id="log-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
        <footer className="dialog-foot">
          <span className="muted small">
            {closing.length || opens.length
              ? `${closing.length} leg(s) closed, ${opens.length} opened`
              : 'No fills: only the decision is recorded'}
          </span>
          <span className="spacer" />
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
