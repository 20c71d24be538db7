/**
 * A CSV file written as its rows come — in chunks of about 1 MB, so memory stays flat whatever
 * the row count — to a temporary name that is renamed only when the file is complete: an
 * interrupted export never leaves a partial CSV under the final name. UTF-8 with a BOM, CRLF.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { encodeRow, type Cell } from './csv.ts'

const CHUNK = 1 << 20

/** Returns the number of data rows written. */
export function writeCsvFile(
  file: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): number {
  const tmp = `${file}.tmp-${process.pid}`
  const fd = openSync(tmp, 'w')
  let n = 0
  try {
    let chunk = `\ufeff${encodeRow(header)}`
    for (const cells of rows) {
      chunk += encodeRow(cells)
      n++
      if (chunk.length >= CHUNK) {
        writeSync(fd, chunk)
        chunk = ''
      }
    }
    writeSync(fd, chunk)
  } catch (e) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  closeSync(fd)
  renameSync(tmp, file)
  return n
}
