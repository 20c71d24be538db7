/**
 * A CSV file written as its rows come — flushed every CHUNK bytes, so memory stays flat whatever
 * the row count — to a temporary name that is renamed only when the file is complete: an
 * interrupted or cancelled export never leaves a partial CSV under the final name. UTF-8 with a
 * BOM, CRLF.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import type { JobControl } from '../jobs/control.ts'
import { encodeRow, type Cell } from './csv.ts'

/** Bytes gathered before they go to the file (one write call); the most a writer ever holds. */
export const CSV_CHUNK_BYTES = 1 << 16

/** Where a writer's lines go: a file (CsvFileWriter) or text in memory (the browser's download). */
export interface CsvSink {
  /** One encoded record, its CRLF included. */
  line(text: string): void
}

/** Reports rows written and checks for a cancel once per chunk, under the phase's name. */
export interface ChunkWatch {
  control: JobControl
  phase: string
  /** The rows expected, when known (a determinate progress bar). */
  total?: number | null
}

/**
 * The temporary name beside `file`: a dot file (hidden in a file manager), never `*.csv`, so a
 * leftover of a killed process is not mistaken for an export.
 */
export function tempNameOf(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'))
  return `${file.slice(0, slash + 1)}.${file.slice(slash + 1)}.tmp-${process.pid}`
}

/**
 * Lines are gathered as one string (V8 appends to a rope without copying) and written, UTF-8
 * encoded, in one call when the string passes CSV_CHUNK_BYTES UTF-16 units. `commit` renames the
 * complete file into place; `abort` removes the temporary file.
 */
export class CsvFileWriter implements CsvSink {
  readonly file: string
  readonly temp: string
  private fd: number | null
  private readonly buf = Buffer.allocUnsafe(CSV_CHUNK_BYTES)
  private used = 0
  private rows = 0
  private readonly watch: ChunkWatch | undefined

  constructor(file: string, header: readonly string[], watch?: ChunkWatch) {
    this.file = file
    this.temp = tempNameOf(file)
    this.watch = watch
    this.fd = openSync(this.temp, 'w')
    this.put(`\ufeff${encodeRow(header)}`)
  }

  line(text: string): void {
    this.put(text)
    this.rows++
  }

  private put(text: string): void {
    // a UTF-16 unit is at most 3 UTF-8 bytes
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush()
      if (text.length * 3 > this.buf.length) {
        writeSync(this.fd!, text)
        return
      }
    }
    this.used += this.buf.write(text, this.used)
  }

  /** Data rows written so far (the header not counted). */
  get rowCount(): number {
    return this.rows
  }

  /** Writes what is gathered; between chunks is where a cancel is noticed. */
  private flush(): void {
    if (this.fd === null) throw new Error(`${this.file}: the CSV writer is closed`)
    writeSync(this.fd, this.buf, 0, this.used)
    this.used = 0
    if (this.watch) {
      this.watch.control.checkCancelled()
      this.watch.control.progress(this.watch.phase, this.rows, this.watch.total)
    }
  }

  /** Writes the rest, closes and renames the file into place; returns the data rows written. */
  commit(): number {
    if (this.used > 0) this.flush()
    closeSync(this.fd!)
    this.fd = null
    renameSync(this.temp, this.file)
    this.watch?.control.progress(this.watch.phase, this.rows, this.rows)
    return this.rows
  }

  /** Closes and removes the temporary file (nothing appears under the final name). */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    rmSync(this.temp, { force: true })
  }
}

/**
 * Writes `file` through a CsvFileWriter: `fill` sends the lines, and whatever it throws (an
 * error, a cancel) removes the temporary file. Returns the number of data rows written.
 */
export function writeCsv(
  file: string,
  header: readonly string[],
  fill: (out: CsvSink) => void,
  watch?: ChunkWatch,
): number {
  const out = new CsvFileWriter(file, header, watch)
  try {
    fill(out)
  } catch (e) {
    out.abort()
    throw e
  }
  return out.commit()
}

/** `writeCsv` for rows of cells. */
export function writeCsvFile(
  file: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  watch?: ChunkWatch,
): number {
  return writeCsv(
    file,
    header,
    (out) => {
      for (const cells of rows) out.line(encodeRow(cells))
    },
    watch,
  )
}

/** A whole text (already CSV) to `file` through a temporary name; returns its data rows. */
export function writeTextAtomically(file: string, csv: string): number {
  const temp = tempNameOf(file)
  try {
    writeFileSync(temp, csv, 'utf8')
    renameSync(temp, file)
  } catch (e) {
    rmSync(temp, { force: true })
    throw e
  }
  return csvRowCount(csv)
}

/** Data rows of a CSV text written by Wingman: its line ends after the header's. */
export function csvRowCount(csv: string): number {
  let n = 0
  for (let i = csv.indexOf('\r\n'); i !== -1; i = csv.indexOf('\r\n', i + 2)) n++
  return Math.max(0, n - 1)
}

/**
 * The same lines as text in memory, for the browser host's download (the contract returns the
 * content). Progress and cancel are checked as often as a file's chunks.
 */
export function csvText(
  header: readonly string[],
  fill: (out: CsvSink) => void,
  watch?: ChunkWatch,
  /** Past this many characters the text is given up: `tooLarge()` is thrown. */
  budget?: { maxChars: number; tooLarge: () => Error },
): { csv: string; rows: number } {
  const parts: string[] = [`\ufeff${encodeRow(header)}`]
  let part = ''
  let rows = 0
  let chars = parts[0]!.length
  fill({
    line(text) {
      part += text
      rows++
      if (part.length >= CSV_CHUNK_BYTES) {
        chars += part.length
        if (budget && chars > budget.maxChars) throw budget.tooLarge()
        parts.push(part)
        part = ''
        if (watch) {
          watch.control.checkCancelled()
          watch.control.progress(watch.phase, rows, watch.total)
        }
      }
    },
  })
  parts.push(part)
  return { csv: parts.join(''), rows }
}
