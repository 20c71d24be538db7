import { useEffect, useMemo, useState } from 'react'
import { HOLD_TO_EXPIRY_ID, LAB_MODEL_LABEL } from '../../../shared/lab.ts'
import { JobProgressBar } from '../jobs/JobProgressBar.tsx'
import { api } from '../lib/api.ts'
import { navigate } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'
import { useAction } from '../ui/useAction.ts'
import { LabResults } from './results/LabResults.tsx'
import { RunsList } from './runs/RunsList.tsx'
import {
  checkLabForm,
  formFromParams,
  initialLabForm,
  type LabForm,
  type LabFormErrors,
} from './setup/labForm.ts'
import type { PickableRuleset } from './setup/RulesetPicker.tsx'
import { RunSetup } from './setup/RunSetup.tsx'
import './lab.css'

/** The built-in baseline: no rules, every day HOLD. */
const HOLD_TO_EXPIRY: PickableRuleset = {
  id: HOLD_TO_EXPIRY_ID,
  name: 'Hold to expiry',
  description: 'No management: every condor held untouched to settlement (the baseline).',
  version: null,
}

/**
 * The methodology lab (issue 14; PRODUCT.md "Methodology lab"): set up a replay of rulesets over
 * the stored history, run it with a progress bar and Cancel, reopen or delete stored runs, and
 * read a run's figures side by side. The core computes every figure; the page lays them out.
 */
export function LabPage({ runId }: { runId: number | null }) {
  const rulesets = useApi(() => api['rulesets:list']({}), 'lab-rulesets')
  const overview = useApi(() => api['market:overview']({}), 'lab-overview')
  const runs = useApi(() => api['lab:runs']({}), 'lab-runs')
  const shown = useApi(
    () =>
      runId === null
        ? Promise.resolve({ ok: true as const, value: null })
        : api['lab:get']({ runId }),
    `lab-run-${runId}`,
  )
  const run = useAction()
  const removal = useAction()
  // A run just made or opened from the list comes into view (it sits below the setup).
  const opened = shown.data
  useEffect(() => {
    if (opened) document.querySelector('.lab-results')?.scrollIntoView({ block: 'start' })
  }, [opened])

  const pickable = useMemo<PickableRuleset[]>(
    () => [
      ...(rulesets.data ?? [])
        .filter((r) => r.id !== HOLD_TO_EXPIRY_ID)
        .map((r) => ({
          id: r.id,
          name: r.name,
          description: r.description,
          version: r.latestVersion,
        })),
      HOLD_TO_EXPIRY,
    ],
    [rulesets.data],
  )
  const [form, setForm] = useState<LabForm | null>(null)
  const [errors, setErrors] = useState<LabFormErrors>({})
  // The defaults wait for the ruleset list, so that the usual comparison is ticked.
  const current = form ?? (rulesets.data ? initialLabForm(pickable.map((r) => r.id)) : null)
  // The lab starts where both SPX and VIX are stored and ends with the SPX history.
  const series = (symbol: string) => overview.data?.instruments.find((i) => i.symbol === symbol)
  const spx = series('SPX')
  const vix = series('VIX')
  const history =
    spx?.first && spx.last && vix?.first
      ? { first: spx.first > vix.first ? spx.first : vix.first, last: spx.last }
      : null

  const start = async () => {
    if (!current) return
    const checked = checkLabForm(current)
    if (!checked.ok) {
      setErrors(checked.errors)
      run.reset()
      return
    }
    setErrors({})
    const summary = await run.run(() => api['lab:run'](checked.request))
    runs.reload()
    if (summary) navigate(`#/lab?run=${summary.id}`)
  }

  const remove = async (id: number): Promise<boolean> => {
    const done = await removal.run(() => api['lab:delete']({ runId: id }))
    if (done === undefined) return false
    runs.reload()
    if (id === runId) navigate('#/lab')
    return true
  }

  return (
    <section className="page lab-page" aria-labelledby="lab-title">
      <div className="toolbar">
        <h1 id="lab-title">Lab</h1>
        <span className="muted lab-subtitle">
          Rulesets replayed over the stored history on standard condors — {LAB_MODEL_LABEL}
        </span>
      </div>
      {rulesets.error && (
        <div className="form-alert" role="alert">
          Could not read the rulesets: {rulesets.error.message}
        </div>
      )}
      {current ? (
        <RunSetup
          rulesets={pickable}
          form={current}
          errors={errors}
          onChange={setForm}
          busy={run.busy}
          onRun={() => void start()}
          history={history}
        />
      ) : (
        !rulesets.error && <p className="muted">Loading the rulesets…</p>
      )}
      {/* Also shows a run started before the page was opened (picked up from jobs:active). */}
      <JobProgressBar kind="lab:run" label="Lab run" busy={run.busy} />
      {run.error && (
        <div className="form-alert" role="alert">
          {/* A cancelled run says so itself ("Cancelled: nothing was written."). */}
          {run.error.startsWith('Cancelled') ? run.error : `The run did not finish: ${run.error}`}
        </div>
      )}
      <section className="lab-runs" aria-labelledby="lab-runs-title">
        <h2 id="lab-runs-title">Previous runs</h2>
        {removal.error && (
          <div className="form-alert" role="alert">
            Could not delete the run: {removal.error}
          </div>
        )}
        {runs.error ? (
          <div className="form-alert" role="alert">
            Could not list the stored runs: {runs.error.message}
          </div>
        ) : runs.data ? (
          <RunsList runs={runs.data} shown={runId} onDelete={remove} />
        ) : (
          <p className="muted">Loading the stored runs…</p>
        )}
      </section>
      {runId !== null &&
        (shown.error ? (
          <div className="form-alert" role="alert">
            Could not open run #{runId}: {shown.error.message}
          </div>
        ) : shown.data && !shown.loading ? (
          <LabResults
            run={shown.data}
            onSetUpAgain={() => {
              setForm(formFromParams(shown.data!.summary.params))
              setErrors({})
              document.querySelector('.lab-setup')?.scrollIntoView({ block: 'start' })
            }}
          />
        ) : (
          <p className="muted">Opening run #{runId}…</p>
        ))}
    </section>
  )
}
