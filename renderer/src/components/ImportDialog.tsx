import { useEffect, useRef, useState, type FormEvent } from 'react'
import {
  DATE_FORMATS,
  type ColumnMapping,
  type DateFormat,
  type ImportReport,
} from '../../../shared/market.ts'
import { KNOWN_SERIES, symbolFromFileName } from '../../../shared/marketSeries.ts'
import { api } from '../lib/api.ts'

interface Props {
  open: boolean
  onClose: () => void
  onImported: () => void
}

type Mapping = {
  date: string
  dateFormat: DateFormat
  close: string
  open: string
  high: string
  low: string
}
const NO_MAPPING: Mapping = {
  date: '',
  dateFormat: 'YYYY-MM-DD',
  close: '',
  open: '',
  high: '',
  low: '',
}

/**
 * Import a market-data CSV. The file is read here and its text sent over the contract (the
 * renderer never hands the core a path). A file with bad rows is not imported: the dialog lists
 * the first 100 bad rows, counts the others, and offers to import the good rows instead. Unknown
 * layouts get a column mapping.
 */
export function ImportDialog({ open, onClose, onImported }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const [file, setFile] = useState<{ name: string; text: string } | null>(null)
  const [symbol, setSymbol] = useState('')
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [error, setError] = useState<string>()
  const [needsMapping, setNeedsMapping] = useState(false)
  const [mapping, setMapping] = useState<Mapping>(NO_MAPPING)

  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      setFile(null)
      setReport(null)
      setError(undefined)
      setNeedsMapping(false)
      setMapping(NO_MAPPING)
      d.showModal()
    } else if (!open && d.open) d.close()
  }, [open])

  const header = file
    ? (
        file.text
          .replace(/^\ufeff/, '')
          .split(/\r?\n/)
          .find((l) => l.trim()) ?? ''
      )
        .split(',')
        .map((h) => h.replace(/^"|"$/g, '').trim())
    : []

  async function onFile(f: File | undefined) {
    setReport(null)
    setError(undefined)
    setNeedsMapping(false)
    if (!f) return setFile(null)
    const text = await f.text()
    setFile({ name: f.name, text })
    setSymbol(symbolFromFileName(f.name) ?? '')
  }

  async function run(acceptGoodRows: boolean) {
    if (!file) return
    setBusy(true)
    setError(undefined)
    const m: ColumnMapping | undefined = needsMapping
      ? {
          date: mapping.date,
          dateFormat: mapping.dateFormat,
          close: mapping.close,
          ...(mapping.open ? { open: mapping.open } : {}),
          ...(mapping.high ? { high: mapping.high } : {}),
          ...(mapping.low ? { low: mapping.low } : {}),
        }
      : undefined
    const r = await api['market:import']({
      fileName: file.name,
      text: file.text,
      ...(symbol ? { symbol } : {}),
      ...(m ? { mapping: m } : {}),
      acceptGoodRows,
    })
    setBusy(false)
    if (r.ok) {
      setReport(r.value)
      if (r.value.applied) onImported()
    } else {
      setError(r.error.message)
      if (/unrecognised header/.test(r.error.message)) setNeedsMapping(true)
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(false)
  }
  const setM = (k: keyof Mapping) => (v: string) => setMapping((m) => ({ ...m, [k]: v }))

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="import-title"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <form onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id="import-title">Import market data</h2>
          <p className="muted">
            Cboe history, Yahoo or Stooq daily CSV, Wingman&apos;s date,open,high,low,close /
            date,close files, VX futures, NYSE breadth, event calendars (date,event) — or map the
            columns of any other CSV. Re-importing a file changes nothing.
          </p>
        </header>
        <div className="form-grid">
          <div className="field wide">
            <label htmlFor="import-file">File</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
          </div>
          <div className="field">
            <label htmlFor="import-symbol">Series</label>
            <select id="import-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
              <option value="">from the file</option>
              {KNOWN_SERIES.filter((s) => s.kind === 'index').map((s) => (
                <option key={s.symbol} value={s.symbol}>
                  {s.symbol}
                </option>
              ))}
            </select>
          </div>
          {needsMapping && (
            <>
              {(['date', 'close', 'open', 'high', 'low'] as const).map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`map-${k}`}>
                    {k === 'date' || k === 'close' ? `${k} column` : `${k} column (optional)`}
                  </label>
                  <select
                    id={`map-${k}`}
                    value={mapping[k]}
                    onChange={(e) => setM(k)(e.target.value)}
                  >
                    <option value="">—</option>
                    {header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <div className="field">
                <label htmlFor="map-format">Date format</label>
                <select
                  id="map-format"
                  value={mapping.dateFormat}
                  onChange={(e) => setM('dateFormat')(e.target.value)}
                >
                  {DATE_FORMATS.map((f) => (
                    <option key={f}>{f}</option>
                  ))}
                </select>
              </div>
            </>
          )}
        </div>
        {busy && (
          <div className="progress" role="progressbar" aria-label="Importing">
            <span />
          </div>
        )}
        {error && (
          <div className="form-alert" role="alert">
            {error}
          </div>
        )}
        {report && <ReportView report={report} />}
        <footer className="dialog-foot">
          {report && !report.applied && report.goodRows > 0 && (
            <button type="button" className="btn" disabled={busy} onClick={() => void run(true)}>
              {report.goodRows === 1
                ? 'Import the 1 good row'
                : `Import the ${report.goodRows.toLocaleString('en-US')} good rows`}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {report?.applied ? 'Done' : 'Cancel'}
          </button>
          <button
            type="submit"
            className="btn primary"
            disabled={!file || busy || (needsMapping && (!mapping.date || !mapping.close))}
          >
            Import
          </button>
        </footer>
      </form>
    </dialog>
  )
}

function ReportView({ report: r }: { report: ImportReport }) {
  const bad = r.totalRows - r.goodRows
  return (
    <div className={r.applied ? 'notice report' : 'form-alert'} role="status">
      <p>
        {r.applied
          ? `Imported ${r.fileName} into ${r.target}: ${r.counts.inserted} inserted, ${r.counts.updated} updated, ${r.counts.unchanged} unchanged.`
          : `Nothing was imported: ${bad} of ${r.totalRows} rows in ${r.fileName} are bad.`}
        {r.applied && bad > 0 && ` ${bad} bad rows were skipped.`}
      </p>
      {r.nonTradingDays.length > 0 && (
        <p className="muted small">
          {r.nonTradingDays.length} row(s) fall on days the NYSE was closed (
          {r.nonTradingDays.slice(0, 5).join(', ')}
          {r.nonTradingDays.length > 5 ? ', …' : ''}); they are kept as published.
        </p>
      )}
      {r.problems.length > 0 && (
        <ul className="problems">
          {r.problems.map((p) => (
            <li key={p.line}>
              line {p.line}: {p.reason}
            </li>
          ))}
          {r.unlistedProblems > 0 && <li>… and {r.unlistedProblems} more</li>}
        </ul>
      )}
    </div>
  )
}
