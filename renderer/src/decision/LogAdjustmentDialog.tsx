import { useMemo, useState } from 'react'
import { ACTIONS, type DecisionInputs, type Evaluation } from '../../../shared/decisions.ts'
import type { PositionDetail } from '../../../shared/domain.ts'
import { api } from '../lib/api.ts'
import { ModalDialog } from '../ui/ModalDialog.tsx'
import { useAction } from '../ui/useAction.ts'
import { CloseLegsTable } from './CloseLegsTable.tsx'
import {
  blankHedge,
  blankLeg,
  checkRequest,
  chooseAction,
  fillSummary,
  KINDS,
  openLegsOf,
  placeErrors,
  prefill,
  toRequest,
  type Kind,
  type LogForm,
} from './logAdjustmentForm.ts'
import { OpenLegsTable } from './OpenLegsTable.tsx'

/**
 * Log what was done: the action (prefilled from the recommendation), the fills of the legs
 * closed and opened, fees. The form is checked with the shared schema before it is sent; the
 * core recomputes the decision snapshot from the same inputs, refuses an override without a
 * reason, and writes everything in one transaction — or nothing.
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
  const [form, setForm] = useState<LogForm>(() => prefill(recommended, detail.legs, inputs.date))
  const action = useAction()
  const openLegs = useMemo(() => openLegsOf(detail.legs), [detail.legs])
  const errors = placeErrors(form, action.fields)
  const layers = detail.hedgeLayers.filter((l) => l.status === 'open').map((l) => l.layerNo)
  const update = (patch: Partial<LogForm>) => setForm((f) => ({ ...f, ...patch }))

  async function submit() {
    const req = toRequest(form, inputs)
    const refused = checkRequest(req)
    if (Object.keys(refused).length)
      return action.refuse('Some fields need a look: see the messages beside them.', refused)
    if (await action.run(() => api['adjustments:log'](req))) props.onLogged()
  }

  const err = (key: string) =>
    errors.other[key] ? (
      <span className="field-error" role="alert">
        {errors.other[key]}
      </span>
    ) : null

  return (
    <ModalDialog
      open
      title="Log adjustment"
      className="wide-dialog log-dialog"
      description={
        <>
          Recommended by {evaluation.ruleset.name} v{evaluation.ruleset.version}:{' '}
          <b>{recommended}</b>. The snapshot of {inputs.date} is stored with this record and can
          never be edited.
        </>
      }
      busy={action.busy}
      error={action.error}
      submitLabel="Save"
      onClose={props.onClose}
      onSubmit={() => void submit()}
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor="log-action">Action taken</label>
          <select
            id="log-action"
            value={form.action}
            onChange={(e) =>
              setForm((f) => chooseAction(f, e.target.value as typeof f.action, detail.legs))
            }
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
          <select
            id="log-kind"
            value={form.kind}
            onChange={(e) => update({ kind: e.target.value as Kind })}
          >
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
            value={form.date}
            onChange={(e) => update({ date: e.target.value })}
          />
          {err('occurredOn')}
        </div>
        <div className="field">
          <label htmlFor="log-time">Time (New York)</label>
          <input
            id="log-time"
            type="time"
            value={form.time}
            onChange={(e) => update({ time: e.target.value })}
          />
          {err('time')}
        </div>
        {form.action !== recommended && (
          <div className="field wide">
            <label htmlFor="log-reason">Reason for overriding the recommendation</label>
            <textarea
              id="log-reason"
              rows={2}
              value={form.reason}
              aria-invalid={Boolean(errors.other['decision.reason'])}
              onChange={(e) => update({ reason: e.target.value })}
            />
            {err('decision.reason')}
          </div>
        )}
      </div>

      <fieldset className="fills">
        <legend>Close</legend>
        {openLegs.length ? (
          <CloseLegsTable
            rows={form.closes}
            legs={openLegs}
            errors={errors.closes}
            onChange={(closes) => update({ closes })}
          />
        ) : (
          <p className="muted small">No contracts are open.</p>
        )}
        {err('closes')}
      </fieldset>

      <fieldset className="fills">
        <legend>Open</legend>
        {form.opens.length > 0 && (
          <OpenLegsTable
            rows={form.opens}
            legs={detail.legs}
            layers={layers}
            errors={errors.opens}
            onChange={(opens) => update({ opens })}
          />
        )}
        {err('opens')}
        <div className="row-actions">
          <button
            type="button"
            className="btn small-btn"
            onClick={() => update({ opens: [...form.opens, blankLeg(detail.summary.root)] })}
          >
            Add leg
          </button>
          <button
            type="button"
            className="btn small-btn"
            onClick={() => update({ opens: [...form.opens, blankHedge()] })}
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
            value={form.fees}
            onChange={(e) => update({ fees: e.target.value })}
          />
          {err('fees')}
        </div>
        <div className="field wide">
          <label htmlFor="log-note">Note</label>
          <input
            id="log-note"
            value={form.note}
            onChange={(e) => update({ note: e.target.value })}
          />
        </div>
      </div>
      <p className="muted small fill-summary">{fillSummary(form)}</p>
    </ModalDialog>
  )
}
