import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openJournal, type Db } from '../../../electron/core/db/connection.ts'
import { parseCsv } from '../../../electron/core/io/csv.ts'
import {
  decodeValue,
  exportJournal,
  headerOf,
  journalTables,
  tableColumns,
} from '../../../electron/core/io/exportJournal.ts'
import { createIronCondor } from '../../../electron/core/services/positions.ts'
import { CreateIronCondorSchema } from '../../../shared/ironCondor.ts'
import { condorInput } from '../../helpers/builders.ts'
import { useTempDir } from '../../helpers/tmp.ts'

const NASTY_NOTES = [
  '=HYPERLINK("http://evil.example","click")',
  '+1 and -2, "quoted", line\nbreak\r\nand CRLF',
  '@SUM(A1:A9)',
  "'already quoted",
  'unicode: Δ θ ν — 期权 🦅',
  '  leading and trailing spaces  ',
  '',
].join('|')

function seed(db: Db): void {
  createIronCondor(
    db,
    CreateIronCondorSchema.parse(
      condorInput({ notes: NASTY_NOTES, tags: ['-hedged', '=x', 'plain'] }),
    ),
    new Date('2026-11-24T15:00:00Z'),
  )
  createIronCondor(
    db,
    CreateIronCondorSchema.parse(
      condorInput({
        underlying: 'XSP',
        longPut: '620.5',
        shortPut: '630.25',
        shortCall: '710',
        longCall: '720.0001',
        credit: '0.0001',
        notes: '',
      }),
    ),
    new Date('2026-11-24T15:00:01Z'),
  )
  db.prepare("INSERT INTO instruments (symbol, kind) VALUES ('SPX', 'index')").run()
  // market data is REAL: include values whose shortest text form matters
  db.prepare(
    "INSERT INTO daily_bars (instrument_id, date, open, high, low, close) VALUES (1, '2020-03-16', 2508.59, 2562.98, 2380.94, 2386.13)",
  ).run()
  db.prepare(
    "INSERT INTO daily_bars (instrument_id, date, open, high, low, close) VALUES (1, '2020-03-17', 0.1, 1e-7, NULL, 17.659999847412109)",
  ).run()
}

describe('CSV export of the whole journal', () => {
  const tmp = useTempDir()

  it('writes one file per table that parses back to exactly the stored rows', () => {
    const { db } = openJournal(join(tmp(), 'journal.sqlite'))
    seed(db)
    const out = tmp()
    const exported = exportJournal(db, out)
    const tables = journalTables(db)
    expect(exported.map((e) => e.table)).toEqual(tables)
    expect(readdirSync(out).sort()).toEqual(tables.map((t) => `${t}.csv`).sort())
    for (const table of tables) {
      const columns = tableColumns(db, table)
      const [header, ...rows] = parseCsv(readFileSync(join(out, `${table}.csv`), 'utf8'))
      expect(header).toEqual(columns.map(headerOf))
      const decoded = rows.map((r) => columns.map((c, i) => decodeValue(c, r[i] ?? null)))
      const stored = db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).raw().all()
      expect(decoded, table).toEqual(stored)
    }
    db.close()
  })

  it('writes Excel-friendly text: BOM, CRLF, decimals not scaled integers, ISO times, protected formulas', () => {
    const { db } = openJournal(join(tmp(), 'journal.sqlite'))
    seed(db)
    const out = tmp()
    exportJournal(db, out)
    const legs = readFileSync(join(out, 'legs.csv'), 'utf8')
    expect(
      legs.startsWith(
        '\ufeffid,position_id,hedge_layer_id,role,instrument_type,root,option_type,strike,expiration,',
      ),
    ).toBe(true)
    expect(legs).toContain('\r\n')
    expect(legs).toContain(',put,6400,2026-12-18,100,2,2026-11-02T21:00:00.000Z,,\r\n')
    expect(legs).toContain(',call,720.0001,')
    expect(legs).toMatch(/,-2,/) // negative numbers are numbers, never apostrophe-prefixed
    const positions = readFileSync(join(out, 'positions.csv'), 'utf8')
    expect(positions).toContain(
      `,"'=HYPERLINK(""http://evil.example"",""click"")|+1 and -2, ""quoted"", line\nbreak`,
    )
    const tags = readFileSync(join(out, 'position_tags.csv'), 'utf8')
    expect(tags).toContain("1,'-hedged\r\n")
    expect(tags).toContain("1,'=x\r\n")
    const adjustments = readFileSync(join(out, 'adjustments.csv'), 'utf8')
    expect(adjustments).toContain('net_price,cash,fees,')
    expect(adjustments).toContain(',open,2026-11-02T21:00:00.000Z,3.15,630,5.2,')
    const bars = readFileSync(join(out, 'daily_bars.csv'), 'utf8')
    expect(bars).toContain('1,2020-03-16,2508.59,2562.98,2380.94,2386.13,,file\r\n')
    expect(bars).toContain('1,2020-03-17,0.1,1e-7,,17.65999984741211,,file\r\n')
    db.close()
  })

  it('exports an empty journal as header-only files', () => {
    const { db } = openJournal(join(tmp(), 'empty.sqlite'))
    const out = tmp()
    const exported = exportJournal(db, out)
    expect(exported.every((e) => e.rows === 0)).toBe(true)
    expect(readFileSync(join(out, 'fills.csv'), 'utf8').split('\r\n')).toEqual([
      '\ufeffid,leg_id,adjustment_id,executed_at,side,effect,quantity,price,fees,source,broker_order_id,broker_exec_id',
      '',
    ])
    db.close()
  })
})
