import { useState } from 'react'
import { ExportDialog } from '../export/ExportDialog.tsx'
import { JOURNAL_CHOICE } from '../export/exportChoices.ts'

/**
 * Settings → Export: the whole journal as CSV files for a spreadsheet (the Positions list
 * exports what it lists, a position's page its own fills).
 */
export function ExportPanel() {
  const [open, setOpen] = useState(false)
  return (
    <section className="settings-section" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted small settings-text">
        Every position’s summary, every fill and every table of the journal as CSV files a
        spreadsheet opens. To export only some positions, filter the Positions list and use its
        “Export…”; a position’s own page exports its fills and decisions.
      </p>
      <div className="settings-actions">
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          Export everything…
        </button>
      </div>
      <ExportDialog open={open} choices={[JOURNAL_CHOICE]} onClose={() => setOpen(false)} />
    </section>
  )
}
