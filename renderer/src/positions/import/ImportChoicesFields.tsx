import { useId, useState } from 'react'
import type { Account } from '../../../../shared/domain.ts'
import {
  BROKER_IDS,
  BROKER_LABELS,
  type ImportTradesResult,
} from '../../../../shared/tradeImport.ts'
import { ZONES, type ImportChoices } from './importText.ts'

const OTHER = 'other'
const OFFSET_IN_FILE = 'offset in file'
/** What the Schwab and Fidelity parsers report as their zone. */
const DATE_ONLY = 'date only'

/**
 * The file and the choices that shape an import: the broker (detected, or chosen), the time
 * zone of the statement's times, the account and what becomes of VIX/VX hedges. Every change
 * makes the dialog preview again; a zone typed by hand counts once it is complete (on leaving
 * the field or Enter), not at every keystroke.
 */
export function ImportChoicesFields(props: {
  file: { name: string; size: number } | null
  onFile: (file: File | undefined) => void
  choices: ImportChoices
  onChange: (patch: Partial<ImportChoices>) => void
  accounts: Account[]
  /** The last preview: what was detected and which zone was used. */
  result: ImportTradesResult | null
  /** After Import: the choices made are shown, not changed. */
  locked: boolean
}) {
  const { choices, onChange, result, locked } = props
  const id = useId()
  const listed = ZONES.some((z) => z.id === choices.zone)
  const [typing, setTyping] = useState(!listed)
  const [zoneText, setZoneText] = useState(listed ? '' : choices.zone)
  const commitZone = () => {
    const zone = zoneText.trim()
    if (zone && zone !== choices.zone) onChange({ zone })
  }

  return (
    <div className="ti-choices">
      <div className="ti-file">
        <label htmlFor={`${id}-file`}>Trade file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          disabled={locked}
          onChange={(e) => props.onFile(e.target.files?.[0])}
        />
        <span className="hint">
          {locked
            ? 'Imported. Open the dialog again for another file.'
            : props.file
              ? `${kilobytes(props.file.size)} · another file chosen or dropped here replaces it`
              : 'Choose the CSV your broker exported, or drop it onto this dialog'}
        </span>
      </div>
      {result && (
        <p className="ti-detected" role="status">
          {result.detected ? 'Detected: ' : 'Read as: '}
          <strong>{result.brokerLabel}</strong>
          {!result.detected && <span className="muted"> (chosen by hand)</span>}
        </p>
      )}
      <div className="ti-grid">
        <div className="field">
          <label htmlFor={`${id}-broker`}>Broker</label>
          <select
            id={`${id}-broker`}
            value={choices.broker}
            disabled={locked}
            onChange={(e) => onChange({ broker: e.target.value })}
          >
            <option value="">Detect from the file</option>
            {BROKER_IDS.map((b) => (
              <option key={b} value={b}>
                {BROKER_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-zone`}>Time zone of the statement</label>
          <div className="ti-zone">
            <select
              id={`${id}-zone`}
              value={typing ? OTHER : choices.zone}
              disabled={locked}
              onChange={(e) => {
                if (e.target.value === OTHER) {
                  setTyping(true)
                  setZoneText(choices.zone)
                } else {
                  setTyping(false)
                  onChange({ zone: e.target.value })
                }
              }}
            >
              {ZONES.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.label}
                </option>
              ))}
              <option value={OTHER}>Other (type it)…</option>
            </select>
            {typing && (
              <input
                aria-label="Time zone name"
                placeholder="e.g. America/Phoenix"
                value={zoneText}
                spellCheck={false}
                disabled={locked}
                onChange={(e) => setZoneText(e.target.value)}
                onBlur={commitZone}
                onKeyDown={(e) => {
                  // Enter takes the zone; it must not submit the form (that would import).
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    commitZone()
                  }
                }}
              />
            )}
          </div>
          <span className="hint">
            {typing && zoneText.trim() && zoneText.trim() !== choices.zone
              ? 'Press Enter or leave the field to use this zone.'
              : result?.zone === OFFSET_IN_FILE
                ? 'This file’s times carry their own offset: the zone is not needed.'
                : result?.zone === DATE_ONLY
                  ? 'This broker exports dates only: each trade keeps its date.'
                  : `Times without an offset are read as ${choices.zone}.`}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-account`}>Account</label>
          <select
            id={`${id}-account`}
            value={choices.accountId || String(props.accounts[0]?.id ?? '')}
            disabled={locked}
            onChange={(e) => onChange({ accountId: e.target.value })}
          >
            {props.accounts.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.broker ? `${a.name} (${a.broker})` : a.name}
              </option>
            ))}
          </select>
        </div>
        <label className="ti-check">
          <input
            type="checkbox"
            checked={choices.attachHedges}
            disabled={locked}
            onChange={(e) => onChange({ attachHedges: e.target.checked })}
          />
          Attach VIX/VX trades to the SPX position open that day as hedge layers
        </label>
      </div>
    </div>
  )
}

function kilobytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
