/**
 * Export from the app: what the trader asks for, and what came out. The renderer never sends a
 * path: in the desktop app the main process asks where to save (a native dialog) and writes the
 * files; in the browser host the files come back as text and the page downloads them.
 */
export type ExportScope = 'listed' | 'position' | 'journal' | 'review'

export interface ExportedFile {
  /** File name, e.g. position_summary.csv. */
  name: string
  /** Data rows (the header not counted). */
  rows: number
  /** The CSV text (UTF-8 with BOM, CRLF) when the page is to download it; null when saved. */
  content: string | null
}

export interface ExportResult {
  /** A name for the download or the folder: wingman-positions-2026-11-27. */
  title: string
  files: ExportedFile[]
  /** Where the desktop app saved the files; null in the browser (the page downloads them). */
  savedTo: string | null
  /** True when the trader closed the save dialog: nothing was written. */
  canceled: boolean
}
