import { strToU8, zipSync } from 'fflate'
import type { ExportResult } from '../../../shared/exportFiles.ts'
import { downloadName, type ExportOutcome } from './exportText.ts'

/**
 * The browser host's half of an export: the core returns the CSV text (there is no save dialog
 * in a browser) and the page downloads it — one file as it is (its text already starts with the
 * UTF-8 BOM a spreadsheet needs), several as one zip. In the desktop app the main process has
 * saved them already and only says where.
 */

/** The download an export makes in the browser: its name and bytes. */
export function downloadOf(r: ExportResult): { name: string; blob: Blob } {
  const texts = r.files.map((f) => {
    if (f.content === null) throw new Error(`${f.name} came back without its content`)
    return { name: f.name, content: f.content }
  })
  if (texts.length === 0) throw new Error('there was nothing to export')
  const name = downloadName(r)
  if (texts.length === 1)
    return { name, blob: new Blob([texts[0]!.content], { type: 'text/csv;charset=utf-8' }) }
  const zip = zipSync(Object.fromEntries(texts.map((f) => [f.name, strToU8(f.content)])))
  return { name, blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }) }
}

/** Hands a file to the browser's downloads through an `<a download>` click. */
export function saveDownload(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  // The click starts the download; the address is released once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}

/**
 * Delivers an answered export: downloads it in the browser, or reads where the desktop app
 * saved it (or that the trader closed its dialog). Throws when a download cannot be made.
 */
export function deliver(r: ExportResult): ExportOutcome {
  if (r.canceled) return { kind: 'canceled' }
  if (r.savedTo !== null) return { kind: 'saved', to: r.savedTo, files: r.files }
  const { name, blob } = downloadOf(r)
  saveDownload(name, blob)
  return { kind: 'downloaded', name, files: r.files }
}
