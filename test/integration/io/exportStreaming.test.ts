import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openJournal, type Db } from '../../../electron/core/db/connection.ts'
import { encodeRow } from '../../../electron/core/io/csv.ts'
import { CSV_CHUNK_BYTES, tempNameOf, writeCsv } from '../../../electron/core/io/csvFile.ts'
import { exportJournal } from '../../../electron/core/io/exportJournal.ts'
import { cancelledError, type JobControl } from '../../../electron/core/jobs/control.ts'
import { MarkService } from '../../../electron/core/services/marks.ts'
import { buildExport, saveExport } from '../../../electron/core/services/exportFiles.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/** A journal whose daily_bars table is several chunks of CSV long. */
function bigJournal(dir: string, bars = 6000): Db {
  const { db } = openJournal(join(dir, 'journal.sqlite'))
  db.prepare("INSERT INTO instruments (symbol, kind) VALUES ('SPX', 'index')").run()
  const insert = db.prepare(
    'INSERT INTO daily_bars (instrument_id, date, open, high, low, close) VALUES (1, ?, ?, ?, ?, ?)',
  )
  db.transaction(() => {
    const day = Date.UTC(1990, 0, 1)
    for (let i = 0; i < bars; i++) {
      const date = new Date(day + i * 86_400_000).toISOString().slice(0, 10)
      insert.run(date, 1000 + i / 7, 1001 + i / 3, 999 - i / 11, 1000.5 + i / 13)
    }
  })()
  return db
}

/** A control that cancels at its `after`-th check and records what it was told. */
function cancellingAfter(after: number) {
  const seen: { phase: string; done: number }[] = []
  let checks = 0
  const control: JobControl = {
    progress: (phase, done) => seen.push({ phase, done }),
    checkCancelled: () => {
      if (++checks >= after) throw cancelledError()
    },
  }
  return { control, seen }
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8')

describe('streamed CSV files', () => {
  const tmp = useTempDir()

  it('never holds more than one chunk: the temporary file grows as the rows come', () => {
    const file = join(tmp(), 'rows.csv')
    const header = ['n', 'text']
    let given = utf8(`\ufeff${encodeRow(header)}`)
    let flushes = 0
    let lastSize = 0
    writeCsv(file, header, (out) => {
      for (let i = 0; i < 40_000; i++) {
        const line = encodeRow([String(i), `row ${i} — ${'x'.repeat(i % 50)}`])
        out.line(line)
        given += utf8(line)
        const onDisk = statSync(tempNameOf(file)).size
        if (onDisk !== lastSize) flushes++
        lastSize = onDisk
        expect(given - onDisk).toBeLessThanOrEqual(CSV_CHUNK_BYTES)
      }
    })
    expect(flushes).toBeGreaterThan(10)
    expect(statSync(file).size).toBe(given)
    expect(existsSync(tempNameOf(file))).toBe(false)
  })

  it('an export interrupted by an error leaves nothing under the final name, nor its temporary file', () => {
    const dir = tmp()
    const file = join(dir, 'rows.csv')
    expect(() =>
      writeCsv(file, ['n'], (out) => {
        for (let i = 0; i < 100_000; i++) out.line(encodeRow([String(i)]))
        throw new Error('disk went away')
      }),
    ).toThrow('disk went away')
    expect(readdirSync(dir)).toEqual([])
  })

  it('wingman export cancelled mid-table: that table has no file and no temporary file', () => {
    const dir = tmp()
    const db = bigJournal(dir)
    const out = join(dir, 'out')
    // daily_bars takes several chunks: cancel at the check after its first one
    const seen: { phase: string; done: number }[] = []
    const control: JobControl = {
      progress: (phase, done) => seen.push({ phase, done }),
      checkCancelled: () => {
        if (seen.at(-1)?.phase === 'Writing daily_bars.csv') throw cancelledError()
      },
    }
    expect(() => exportJournal(db, out, control)).toThrow(/Cancelled/)
    const files = readdirSync(out)
    expect(files.some((f) => f.startsWith('daily_bars') || f.startsWith('.daily_bars'))).toBe(false)
    expect(files.every((f) => f.endsWith('.csv') && !f.startsWith('.'))).toBe(true)
    expect(seen.some((s) => s.phase === 'Writing daily_bars.csv' && s.done > 0)).toBe(true)
    db.close()
  })

  it('reports rows written per file, the last report being the file complete', () => {
    const dir = tmp()
    const db = bigJournal(dir)
    const seen: { phase: string; done: number; total: number | null | undefined }[] = []
    const exported = exportJournal(db, join(dir, 'out'), {
      progress: (phase, done, total) => seen.push({ phase, done, total }),
      checkCancelled: () => {},
    })
    const bars = seen.filter((s) => s.phase === 'Writing daily_bars.csv')
    expect(bars.length).toBeGreaterThan(2)
    expect(bars.at(-1)).toEqual({ phase: 'Writing daily_bars.csv', done: 6000, total: 6000 })
    expect(exported.find((e) => e.table === 'daily_bars')?.rows).toBe(6000)
    db.close()
  })

  it('an app export cancelled part-way leaves no file at all under a final name', () => {
    const dir = tmp()
    const db = bigJournal(dir)
    const target = join(dir, 'exports')
    mkdirSync(target)
    const { control } = cancellingAfter(6)
    expect(() =>
      saveExport(
        db,
        new MarkService(db),
        { scope: 'journal' },
        { kind: 'folder', path: target },
        '2026-11-27',
        control,
      ),
    ).toThrow(/Cancelled/)
    expect(readdirSync(target)).toEqual([])
    db.close()
  })

  it('an app export to a folder writes every file, the same bytes as wingman export', () => {
    const dir = tmp()
    const db = bigJournal(dir, 500)
    const target = join(dir, 'exports')
    mkdirSync(target)
    const result = saveExport(
      db,
      new MarkService(db),
      { scope: 'journal' },
      { kind: 'folder', path: target },
      '2026-11-27',
    )
    expect(result.savedTo).toBe(join(target, 'wingman-journal-2026-11-27'))
    const cli = join(dir, 'cli')
    exportJournal(db, cli)
    for (const f of readdirSync(cli))
      expect(readFileSync(join(result.savedTo!, f), 'utf8'), f).toBe(
        readFileSync(join(cli, f), 'utf8'),
      )
    expect(result.files.find((f) => f.name === 'daily_bars.csv')?.rows).toBe(500)
    db.close()
  })

  it('an export for the page that would pass the text a page can take is refused in words', () => {
    const db = bigJournal(tmp(), 3000)
    const marks = new MarkService(db)
    const req = { scope: 'journal' } as const
    const whole = buildExport(db, marks, req, '2026-11-27')
    const size = whole.files.reduce((n, f) => n + f.content.length, 0)
    expect(size).toBeGreaterThan(3 * CSV_CHUNK_BYTES)
    // a budget one chunk short of the export: refused (in the middle of daily_bars.csv)
    expect(() =>
      buildExport(db, marks, req, '2026-11-27', undefined, size - CSV_CHUNK_BYTES),
    ).toThrow(/larger than a page can download \(over 0 MB of CSV\).*wingman export --db PATH/)
    // exactly enough: the same files
    const fits = buildExport(db, marks, req, '2026-11-27', undefined, size)
    expect(fits.files.map((f) => f.content)).toEqual(whole.files.map((f) => f.content))
    db.close()
  })
})
