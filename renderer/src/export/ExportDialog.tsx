import { useEffect, useId, useRef, useState } from 'react'
import { JobProgressBar } from '../jobs/JobProgressBar.tsx'
import { api } from '../lib/api.ts'
import { useApi } from '../lib/useApi.ts'
import { ModalDialog } from '../ui/ModalDialog.tsx'
import { useAction } from '../ui/useAction.ts'
import { deliver } from './download.ts'
import type { ExportChoice } from './exportChoices.ts'
import { fileLine, outcomeHeadline, type ExportOutcome } from './exportText.ts'
import './export.css'

interface Props {
  open: boolean
  /** What this place can export; the first one that can be chosen is preselected. */
  choices: ExportChoice[]
  onClose: () => void
}

const DESCRIPTION = {
  desktop:
    'CSV files for a spreadsheet, every amount from the same ledger as the screens. You choose where to save them; several files go into a new folder.',
  browser:
    'CSV files for a spreadsheet, every amount from the same ledger as the screens. Your browser downloads them; several files come as one zip.',
  unknown: 'CSV files for a spreadsheet, every amount from the same ledger as the screens.',
}

/**
 * "Export…": CSV files of the listed positions, one position, the whole journal or the review.
 * In the desktop app the main process asks where to save and writes them; in the browser the
 * files come back as text and are downloaded here. Afterwards the dialog says where they went
 * and how many rows each holds. Mounted only while open, so every opening starts afresh.
 */
export function ExportDialog(props: Props) {
  return props.open ? <ExportModal {...props} /> : null
}

function ExportModal({ choices, onClose }: Props) {
  const uid = useId()
  const action = useAction()
  const shell = useApi(() => api['app:info']({}), 'export-app-info').data?.shell
  const [key, setKey] = useState(() => choices.find((c) => !c.unavailable)?.key)
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null)
  const chosen = choices.find((c) => c.key === key && !c.unavailable)
  /** Written or downloaded: the dialog only informs from here on. */
  const done = outcome !== null && outcome.kind !== 'canceled'
  const outcomeRef = useRef<HTMLDivElement>(null)
  const choicesRef = useRef<HTMLFieldSetElement>(null)
  useEffect(() => {
    if (done) outcomeRef.current?.focus()
  }, [done])
  // The choices are locked while a request runs, which drops the focus; it comes back to the
  // chosen one when the request ends without a result (refused, or the save dialog closed).
  useEffect(() => {
    if (!action.busy && !done && !choicesRef.current?.contains(document.activeElement))
      choicesRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus()
  }, [action.busy, done])

  async function exportNow() {
    if (!chosen) return
    setOutcome(null)
    const result = await action.run(() => api['export:files'](chosen.request))
    if (!result) return
    try {
      setOutcome(deliver(result))
    } catch (e) {
      action.refuse(`The download could not be made: ${(e as Error).message}.`)
    }
  }

  return (
    <ModalDialog
      open
      title="Export"
      description={DESCRIPTION[shell ?? 'unknown']}
      busy={action.busy}
      error={action.error && `Could not export: ${action.error}`}
      submitLabel="Export"
      busyLabel="Exporting…"
      submitDisabled={!chosen}
      noSubmit={done}
      className="export-dialog"
      onClose={onClose}
      onSubmit={() => void exportNow()}
    >
      <fieldset ref={choicesRef} className="export-choices" disabled={action.busy || done}>
        <legend>What to export</legend>
        {choices.map((c) => (
          <label key={c.key} className="export-choice">
            <input
              type="radio"
              name={`${uid}-choice`}
              value={c.key}
              checked={c.key === key}
              disabled={!!c.unavailable}
              onChange={() => {
                setKey(c.key)
                setOutcome(null)
                action.reset()
              }}
              data-autofocus={c.key === key ? '' : undefined}
            />
            <span className="export-choice-text">
              <span className="export-choice-label">{c.label}</span>
              <span className="muted small">{c.unavailable ?? c.files}</span>
              {c.hint && !c.unavailable && <span className="muted small">{c.hint}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {/* In the desktop app the bar also covers the time the save dialog is open. */}
      <JobProgressBar kind="export:files" busy={action.busy} label="Exporting" />
      {outcome && (
        <div
          className={`export-outcome${done ? ' done' : ''}`}
          role="status"
          tabIndex={-1}
          ref={outcomeRef}
        >
          <p>{outcomeHeadline(outcome)}</p>
          {outcome.kind !== 'canceled' && (
            <ul
              aria-label="Exported files"
              className={outcome.files.length > 4 ? 'export-files many' : 'export-files'}
            >
              {outcome.files.map((f) => (
                <li key={f.name}>{fileLine(f)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </ModalDialog>
  )
}
