import { useEffect, useId, useState, type FormEvent } from 'react'
import { isTradingDay, previousTradingDay } from '../../../shared/calendar/nyse.ts'
import { isIsoDate, nyDateOf } from '../../../shared/dates.ts'
import { HAND_SERIES, type HandEntryResult } from '../../../shared/marketUpdate.ts'
import { api } from '../lib/api.ts'
import { useAction } from '../ui/useAction.ts'

const FIELDS = [
  ...HAND_SERIES.map((s) => ({ key: s, label: s })),
  { key: 'advancing', label: 'NYSE advancing' },
  { key: 'declining', label: 'NYSE declining' },
] as const
type Key = (typeof FIELDS)[number]['key']

const SERIES_OF: Record<Key, string> = {
  ...(Object.fromEntries(HAND_SERIES.map((s) => [s, s])) as Record<
    (typeof HAND_SERIES)[number],
    string
  >),
  advancing: 'NYSE advancing',
  declining: 'NYSE declining',
}

/** The latest NYSE session on or before today (New York). */
export function latestSession(now = new Date()): string {
  const today = nyDateOf(now)
  return isTradingDay(today) ? today : previousTradingDay(today)
}

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 })

/** "6,702.5" or "6702.50" → 6702.5; null when empty; NaN when not a number. */
function parseNumber(text: string): number | null {
  const t = text.trim().replace(/,/g, '')
  if (t === '') return null
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN
}

function resultText(r: HandEntryResult): string {
  const parts: string[] = []
  if (r.stored.length)
    parts.push(
      `Kept as ${r.date}’s close, entered by hand: ${r.stored.map((s) => `${s.series} ${fmt(s.value)}`).join(', ')}.`,
    )
  if (r.kept.length)
    parts.push(
      `Already stored from ${r.kept[0]!.source === 'publisher' ? 'the publisher' : 'a file'}, not changed: ${r.kept.map((k) => `${k.series} ${fmt(k.stored)}`).join(', ')}.`,
    )
  return parts.join(' ')
}

/**
 * "Today's market": the closes a trader reads off the screen — SPX, VIX, VIX9D, VIX3M, VX1–VX3
 * and NYSE advancing/declining issues — kept as the session's history, marked "entered by hand",
 * so the signals build up day by day without any download. A day the journal already has from a
 * file or the publisher shows that value and keeps it.
 */
export function TodaysMarket(props: { onStored: () => void; version: number }) {
  const id = useId()
  const [date, setDate] = useState(() => latestSession())
  const [values, setValues] = useState<Partial<Record<Key, string>>>({})
  const [stored, setStored] = useState<
    Map<string, { value: number; source: 'file' | 'publisher' | 'hand' }>
  >(new Map())
  const [result, setResult] = useState<string>()
  const save = useAction()

  useEffect(() => {
    if (!isIsoDate(date)) return
    let live = true
    void api['market:closesOn']({ date }).then((r) => {
      if (!live || !r.ok) return
      const m = new Map(r.value.map((x) => [x.series, { value: x.value, source: x.source }]))
      setStored(m)
      // A day typed before comes back into the form, to be corrected.
      setValues(
        Object.fromEntries(
          FIELDS.flatMap((f) => {
            const s = m.get(SERIES_OF[f.key])
            return s?.source === 'hand' ? [[f.key, String(s.value)]] : []
          }),
        ),
      )
    })
    return () => {
      live = false
    }
  }, [date, props.version])

  async function submit(e: FormEvent) {
    e.preventDefault()
    setResult(undefined)
    const fields: Record<string, string> = {}
    const closes: Record<string, number> = {}
    let advancing: number | undefined
    let declining: number | undefined
    for (const f of FIELDS) {
      const published = stored.get(SERIES_OF[f.key])
      if (published && published.source !== 'hand') continue
      const v = parseNumber(values[f.key] ?? '')
      if (v === null) continue
      if (
        !Number.isFinite(v) ||
        v < 0 ||
        (v === 0 && f.key !== 'advancing' && f.key !== 'declining')
      ) {
        fields[f.key] = 'Not a number above 0'
        continue
      }
      if (f.key === 'advancing') advancing = v
      else if (f.key === 'declining') declining = v
      else closes[f.key] = v
    }
    if ((advancing === undefined) !== (declining === undefined))
      fields[advancing === undefined ? 'advancing' : 'declining'] =
        'Enter advancing and declining issues together'
    if (Object.keys(fields).length) return save.refuse('Some values are not numbers', fields)
    const r = await save.run(() =>
      api['market:enterCloses']({
        date,
        closes,
        ...(advancing !== undefined ? { advancing, declining } : {}),
      }),
    )
    if (!r) return
    setResult(resultText(r))
    props.onStored()
  }

  return (
    <form
      className="todays-market"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h2 id={`${id}-title`}>Today’s market</h2>
      <p className="muted small">
        Closes typed here are kept as that session’s history, marked “entered by hand”; RSI, MACD,
        the VX curve and the A/D line read them like any close. A download or CSV import later
        replaces them with the published values.
      </p>
      <div className="field todays-date">
        <label htmlFor={`${id}-date`}>Session</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          required
          onChange={(e) => {
            setResult(undefined)
            save.reset()
            setDate(e.target.value)
          }}
        />
      </div>
      <div className="todays-grid">
        {FIELDS.map((f) => {
          const s = stored.get(SERIES_OF[f.key])
          const published = s && s.source !== 'hand' ? s : null
          const err = save.fields[f.key] ?? save.fields[`closes.${f.key}`]
          return (
            <div key={f.key} className={`field${err ? ' invalid' : ''}`}>
              <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
              <input
                id={`${id}-${f.key}`}
                name={f.key}
                inputMode={f.key === 'advancing' || f.key === 'declining' ? 'numeric' : 'decimal'}
                autoComplete="off"
                value={published ? fmt(published.value) : (values[f.key] ?? '')}
                readOnly={published !== null}
                aria-invalid={Boolean(err)}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
              {err ? (
                <span className="field-error">{err}</span>
              ) : published ? (
                <span className="hint">
                  {published.source === 'publisher' ? 'published' : 'from a file'}
                </span>
              ) : s?.source === 'hand' ? (
                <span className="hint">kept by hand</span>
              ) : null}
            </div>
          )
        })}
      </div>
      <div className="todays-actions">
        <button type="submit" className="btn primary" disabled={save.busy}>
          {save.busy ? 'Keeping…' : 'Keep as the session’s closes'}
        </button>
      </div>
      {save.error && (
        <div className="form-alert" role="alert">
          {save.error}
        </div>
      )}
      {result && (
        <p className="notice" role="status">
          {result}
        </p>
      )}
    </form>
  )
}
