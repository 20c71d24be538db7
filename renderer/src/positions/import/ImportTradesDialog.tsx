import { useEffect, useRef, useState } from 'react'
import { JobProgressBar } from '../../jobs/JobProgressBar.tsx'
import type { Account } from '../../../../shared/domain.ts'
import {
  MAX_IMPORT_CHARS,
  type ImportTradesRequest,
  type ImportTradesResult,
} from '../../../../shared/tradeImport.ts'
import { api } from '../../lib/api.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { ImportChoicesFields } from './ImportChoicesFields.tsx'
import { ImportPreview, RejectedRows } from './ImportPreview.tsx'
import {
  DEFAULT_ZONE,
  importedLine,
  importRequest,
  nothingNew,
  NOTHING_NEW,
  summaryLine,
  type ImportChoices,
} from './importText.ts'
import './importTrades.css'

interface Props {
  open: boolean
  accounts: Account[]
  onClose: () => void
  /** The journal was written (the dialog stays open on what was). */
  onImported: (result: ImportTradesResult) => void
}

type Request = Omit<ImportTradesRequest, 'dryRun' | 'acceptReadable'>

/**
 * "Import trades…": a broker's trade file into the journal. Choosing (or dropping) a file
 * previews at once — a dry run of the real write, rolled back, so the preview is exactly what
 * Import writes — and every change of broker, zone, account or hedges previews again. Nothing
 * is written until Import; a file with unreadable rows needs the trader's consent to write the
 * readable ones. Mounted only while open, so every opening starts from no file.
 */
export function ImportTradesDialog(props: Props) {
  return props.open ? <ImportTradesModal {...props} /> : null
}

function ImportTradesModal({ accounts, onClose, onImported }: Props) {
  const action = useAction()
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null)
  const [choices, setChoices] = useState<ImportChoices>({
    broker: '',
    zone: DEFAULT_ZONE,
    accountId: accounts[0] ? String(accounts[0].id) : '',
    attachHedges: true,
  })
  /** The last dry run and the request it answered: Import sends that very request. */
  const [preview, setPreview] = useState<{ request: Request; result: ImportTradesResult } | null>(
    null,
  )
  const [accept, setAccept] = useState(false)
  const [phase, setPhase] = useState<'preview' | 'import'>('preview')
  /** After Import: what was written. */
  const [done, setDone] = useState<ImportTradesResult | null>(null)
  const [dragging, setDragging] = useState(false)
  /** Import was pressed and has not answered: nothing may change under it. */
  const writing = action.busy && phase === 'import'
  // Import's button is gone once done: the focus goes to what was written.
  const outcomeRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (done) outcomeRef.current?.focus()
  }, [done])

  // Previews run one at a time; a change made while one runs is previewed when it returns,
  // and only the newest answer is shown.
  const wanted = useRef<Request | null>(null)
  const running = useRef(false)
  async function pump() {
    if (running.current) return
    running.current = true
    while (wanted.current) {
      const request = wanted.current
      wanted.current = null
      const result = await action.run(() =>
        api['trades:import']({ ...request, dryRun: true, acceptReadable: false }),
      )
      if (!wanted.current) setPreview(result ? { request, result } : null)
    }
    running.current = false
  }
  useEffect(() => {
    if (!file || done) return
    wanted.current = importRequest(file, choices)
    void pump()
    // pump reads refs and stable setters only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, choices, done])

  async function chooseFile(f: File | undefined) {
    if (!f) return
    setPreview(null)
    setAccept(false)
    const text = await f.text()
    // Checked here too, so a huge file is not sent only to be refused.
    if (text.length > MAX_IMPORT_CHARS) {
      setFile(null)
      return action.refuse(`${f.name} is larger than 40 MB: split it by date range`)
    }
    setFile({ name: f.name, size: f.size, text })
  }

  // A file dropped anywhere on the dialog (or beside it) is taken, never opened by the window.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      setDragging(false)
      if (!done && !writing) void chooseFile(e.dataTransfer.files[0])
    }
    document.addEventListener('dragover', over)
    document.addEventListener('dragleave', leave)
    document.addEventListener('drop', drop)
    return () => {
      document.removeEventListener('dragover', over)
      document.removeEventListener('dragleave', leave)
      document.removeEventListener('drop', drop)
    }
  })

  async function importNow() {
    if (!preview) return
    setPhase('import')
    const result = await action.run(() =>
      api['trades:import']({ ...preview.request, dryRun: false, acceptReadable: accept }),
    )
    setPhase('preview')
    if (!result) return
    // Refused (rows the trader did not accept): the core says why, nothing was written.
    if (result.notWritten) return action.refuse(result.notWritten)
    setDone(result)
    if (result.written) onImported(result)
  }

  const r = done ?? preview?.result ?? null
  const busy = action.busy
  const needsConsent = !!preview && preview.result.rejected.length > 0
  const canImport =
    !!preview &&
    !done &&
    // the preview answers the file now chosen (a new file's may still be on its way)
    preview.request.content === file?.text &&
    preview.result.inserted > 0 &&
    (!needsConsent || accept)

  return (
    <ModalDialog
      open
      title="Import trades"
      description="Your broker's trade history into the journal: positions, rolls, closes and fees. Nothing is written until you press Import; a file imported twice adds nothing."
      busy={busy}
      error={action.error}
      submitLabel="Import"
      busyLabel={phase === 'import' ? 'Importing…' : 'Reading…'}
      submitDisabled={!canImport}
      noSubmit={!!done}
      className={`import-trades${dragging ? ' ti-dragging' : ''}`}
      onClose={onClose}
      onSubmit={() => void importNow()}
    >
      <ImportChoicesFields
        file={file}
        onFile={(f) => void chooseFile(f)}
        choices={choices}
        onChange={(patch) => setChoices((c) => ({ ...c, ...patch }))}
        accounts={accounts}
        result={preview?.result ?? null}
        locked={!!done || writing}
      />
      <JobProgressBar
        kind="trades:import"
        busy={busy}
        label={phase === 'import' ? 'Importing' : 'Reading the file'}
      />
      {done && (
        <p className="notice ti-outcome" role="status" tabIndex={-1} ref={outcomeRef}>
          {importedLine(done)}
        </p>
      )}
      {!done && r && (
        <p className="ti-summary" role="status">
          {summaryLine(r)}
          {nothingNew(r) && <span className="ti-nothing">{NOTHING_NEW}</span>}
        </p>
      )}
      {r && r.rejected.length > 0 && <RejectedRows rows={r.rejected} />}
      {!done && needsConsent && preview.result.inserted > 0 && (
        <label className="ti-check ti-consent">
          <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
          Import the {preview.result.inserted.toLocaleString('en-US')} readable{' '}
          {preview.result.inserted === 1 ? 'execution' : 'executions'} anyway
        </label>
      )}
      {r && <ImportPreview result={r} imported={!!done} />}
    </ModalDialog>
  )
}
