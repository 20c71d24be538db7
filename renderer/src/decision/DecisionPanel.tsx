import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import {
  DISCRETIONARY_FLAGS,
  type DecisionInputs,
  type Evaluation,
  type FlagId,
  type Tri,
} from '../../../shared/decisions.ts'
import type { PositionDetail } from '../../../shared/domain.ts'
import { api } from '../lib/api.ts'
import { todayNy } from '../lib/format.ts'
import { useApi } from '../lib/useApi.ts'
import { LogAdjustmentDialog } from './LogAdjustmentDialog.tsx'
import { DecisionResult } from './DecisionResult.tsx'
import { legLabel } from './format.ts'
import { JUDGEMENT_HELP } from './judgement.ts'
import { KeepCloses } from './KeepCloses.tsx'
import { LIVE_FIELDS, type LiveKey, type LiveText } from './liveValues.ts'
import { StaleMarketBanner } from './StaleMarketBanner.tsx'
import './decision.css'

/**
 * "Evaluate now": the trader's live values, leg marks and judgement flags go to the core, which
 * builds the signal snapshot (position signals from the options math, market signals from the
 * stored history plus the live values) and runs the chosen ruleset. Every signal is shown, the
 * missing ones highlighted with the reason, next to the recommendation and the rules tried.
 */
export function DecisionPanel({
  detail,
  prefill,
  onLogged,
}: {
  detail: PositionDetail
  /** Exactly what to start from (a Today row's inputs); the panel is keyed on it. */
  prefill?: DecisionInputs | undefined
  onLogged: () => void
}) {
  const rulesets = useApi(() => api['rulesets:list']({}), 'rulesets')
  const settings = useApi(() => api['settings:get']({}), 'settings')
  const openLegs = useMemo(() => detail.legs.filter((l) => l.openQuantity !== 0), [detail])
  const sectionRef = useRef<HTMLElement>(null)
  const evaluateRef = useRef<HTMLButtonElement>(null)
  const spotRef = useRef<HTMLInputElement>(null)
  // Bumped when closes were kept, so the staleness banner asks again.
  const [marketVersion, setMarketVersion] = useState(0)
  const [date, setDate] = useState(() => prefill?.date ?? todayNy())
  // The ruleset the trader picked (or the prefill's); until then the position's own choice,
  // else the journal's default from Settings — followed as they change.
  const [chosenRuleset, setChosenRuleset] = useState<string | null>(prefill?.rulesetId ?? null)
  // A prefill names the exact version it was evaluated with; picking a ruleset drops it.
  const [rulesetVersion, setRulesetVersion] = useState(prefill?.rulesetVersion)
  const rulesetId =
    chosenRuleset ?? detail.summary.rulesetId ?? settings.data?.defaultRulesetId ?? ''
  const [live, setLive] = useState<LiveText>(() => {
    const given: Partial<Record<LiveKey, number>> = prefill?.live ?? {}
    return Object.fromEntries(
      LIVE_FIELDS.map(([k]) => [k, given[k] === undefined ? '' : String(given[k])]),
    ) as LiveText
  })
  const [marks, setMarks] = useState<Record<number, string>>(() =>
    Object.fromEntries(
      Object.entries(prefill?.marks ?? {}).map(([legId, v]) => [Number(legId), String(v)]),
    ),
  )
  const [iv, setIv] = useState(() =>
    prefill?.iv === undefined ? '' : String(Math.round(prefill.iv * 1e8) / 1e6),
  )
  const [flags, setFlags] = useState<Partial<Record<FlagId, Tri>>>(() => prefill?.flags ?? {})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> }>()
  const [result, setResult] = useState<{ inputs: DecisionInputs; evaluation: Evaluation }>()
  const [logOpen, setLogOpen] = useState(false)

  const versionShown = (r: { id: string; latestVersion: number }) =>
    r.id === rulesetId && rulesetVersion !== undefined ? rulesetVersion : r.latestVersion

  // Opened from a Today row: bring the panel into view, ready to evaluate with Enter.
  const prefilled = prefill !== undefined
  useEffect(() => {
    if (!prefilled) return
    sectionRef.current?.scrollIntoView({ block: 'start' })
    evaluateRef.current?.focus({ preventScroll: true })
  }, [prefilled])

  function inputs(): DecisionInputs | string {
    const liveValues: Partial<Record<LiveKey, number>> = {}
    for (const [k, label] of LIVE_FIELDS) {
      const t = live[k].trim()
      if (!t) continue
      const v = Number(t)
      if (!Number.isFinite(v) || v <= 0) return `${label} must be a positive number`
      liveValues[k] = v
    }
    const markValues: Record<string, number> = {}
    for (const leg of openLegs) {
      const t = (marks[leg.id] ?? '').trim()
      if (!t) continue
      const v = Number(t)
      if (!Number.isFinite(v) || v < 0) return `The mark of ${legLabel(leg)} must be a number ≥ 0`
      markValues[String(leg.id)] = v
    }
    const ivText = iv.trim()
    const ivValue = ivText ? Number(ivText) / 100 : undefined
    if (ivValue !== undefined && (!Number.isFinite(ivValue) || ivValue < 0.01 || ivValue > 5))
      return 'IV must be between 1 and 500 %'
    return {
      positionId: detail.summary.id,
      date,
      rulesetId,
      ...(rulesetVersion !== undefined ? { rulesetVersion } : {}),
      live: liveValues,
      marks: markValues,
      ...(ivValue !== undefined ? { iv: ivValue } : {}),
      flags,
    }
  }

  async function evaluateNow(e: FormEvent) {
    e.preventDefault()
    const req = inputs()
    if (typeof req === 'string') return setError({ message: req })
    setBusy(true)
    setError(undefined)
    const r = await api['decisions:evaluate'](req)
    setBusy(false)
    if (r.ok) setResult({ inputs: req, evaluation: r.value })
    else
      setError(
        r.error.fields
          ? { message: r.error.message, fields: r.error.fields }
          : { message: r.error.message },
      )
  }

  return (
    <section
      ref={sectionRef}
      className="chart-panel decision-panel"
      aria-labelledby="decision-title"
    >
      <h2 id="decision-title">Decision</h2>
      <StaleMarketBanner
        date={date}
        version={marketVersion}
        onTypeCloses={() => spotRef.current?.focus()}
      />
      {prefill && (
        <p className="muted small decision-prefilled" role="note">
          Prefilled from Today of {prefill.date}: its ruleset, the leg marks it used (yours, else
          the model’s) and the stored closes of its session. Change anything before you evaluate.
        </p>
      )}
      <form className="decision-form" onSubmit={evaluateNow} noValidate>
        <div className="decision-inputs">
          <fieldset>
            <legend>Market</legend>
            <label className="stacked">
              Date
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <label className="stacked">
              Ruleset
              <select
                value={rulesetId}
                onChange={(e) => {
                  setChosenRuleset(e.target.value)
                  setRulesetVersion(undefined)
                }}
              >
                {rulesetId === '' && <option value="">…</option>}
                {(rulesets.data ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} (v{versionShown(r)})
                  </option>
                ))}
              </select>
            </label>
            {LIVE_FIELDS.map(([k, label]) => (
              <label key={k}>
                {label}
                <input
                  ref={k === 'spot' ? spotRef : undefined}
                  inputMode="decimal"
                  placeholder="close"
                  value={live[k]}
                  onChange={(e) => setLive((v) => ({ ...v, [k]: e.target.value }))}
                />
              </label>
            ))}
            <KeepCloses
              date={date}
              live={live}
              prefilled={prefill?.live}
              onKept={() => setMarketVersion((n) => n + 1)}
            />
          </fieldset>
          <fieldset>
            <legend>Leg marks (mid, per share)</legend>
            {openLegs.map((l) => (
              <label key={l.id}>
                {legLabel(l)}
                <input
                  inputMode="decimal"
                  value={marks[l.id] ?? ''}
                  onChange={(e) => setMarks((m) => ({ ...m, [l.id]: e.target.value }))}
                />
              </label>
            ))}
            <label>
              IV % (legs without a mark)
              <input
                inputMode="decimal"
                value={iv}
                placeholder="e.g. 15"
                onChange={(e) => setIv(e.target.value)}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>Your judgement</legend>
            {DISCRETIONARY_FLAGS.map((f) => (
              <label key={f.id} className="flag">
                <span>{f.label}</span>
                <select
                  aria-label={f.label}
                  aria-describedby={`flag-help-${f.id}`}
                  value={flags[f.id] ?? 'unknown'}
                  onChange={(e) => setFlags((x) => ({ ...x, [f.id]: e.target.value as Tri }))}
                >
                  <option value="unknown">unknown</option>
                  <option value="yes">yes</option>
                  <option value="no">no</option>
                </select>
                <small id={`flag-help-${f.id}`} className="flag-help">
                  {JUDGEMENT_HELP[f.id]}
                </small>
              </label>
            ))}
          </fieldset>
        </div>
        <div className="decision-actions">
          <button
            ref={evaluateRef}
            type="submit"
            className="btn primary"
            disabled={busy || detail.summary.status !== 'open' || rulesetId === ''}
          >
            {busy ? 'Evaluating…' : 'Evaluate now'}
          </button>
          <button type="button" className="btn" disabled={!result} onClick={() => setLogOpen(true)}>
            Log adjustment…
          </button>
          {detail.summary.status !== 'open' && (
            <span className="muted">The position is closed.</span>
          )}
          <span className="muted small">
            Empty market fields use the stored close of the date (or the trading day before).
          </span>
        </div>
      </form>
      {error && (
        <div className="form-alert" role="alert">
          {error.message}
        </div>
      )}
      {result && <DecisionResult evaluation={result.evaluation} />}
      {result && logOpen && (
        <LogAdjustmentDialog
          detail={detail}
          inputs={result.inputs}
          evaluation={result.evaluation}
          onClose={() => setLogOpen(false)}
          onLogged={() => {
            setLogOpen(false)
            setResult(undefined)
            onLogged()
          }}
        />
      )}
    </section>
  )
}
