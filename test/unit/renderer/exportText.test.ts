import { strToU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { ExportResult } from '../../../shared/exportFiles.ts'
import { deliver, downloadOf } from '../../../renderer/src/export/download.ts'
import {
  filterWords,
  listedChoice,
  positionChoice,
} from '../../../renderer/src/export/exportChoices.ts'
import { outcomeText, rowsText } from '../../../renderer/src/export/exportText.ts'
import { NO_FILTERS } from '../../../renderer/src/positions/list/listFilters.ts'

const BOM = '\ufeff'
const summary = `${BOM}position_id,realised_pnl\r\n1,-558.02\r\n2,412.68\r\n`
const fills = `${BOM}date,symbol\r\n2025-05-05,SPXW\r\n`

function result(over: Partial<ExportResult> = {}): ExportResult {
  return {
    title: 'wingman-journal-2026-11-27',
    files: [
      { name: 'position_summary.csv', rows: 2, content: summary },
      { name: 'fill_summary.csv', rows: 1, content: fills },
    ],
    savedTo: null,
    canceled: false,
    ...over,
  }
}

describe('export words', () => {
  it('names each file’s rows by what they are', () => {
    expect(rowsText('position_summary.csv', 12)).toBe('12 positions')
    expect(rowsText('position_summary.csv', 1)).toBe('1 position')
    expect(rowsText('fill_summary.csv', 1_250)).toBe('1,250 fills')
    expect(rowsText('position_7_fills.csv', 3)).toBe('3 fills')
    expect(rowsText('position_7_decisions.csv', 0)).toBe('0 decisions')
    expect(rowsText('review_decisions.csv', 1)).toBe('1 decision')
    expect(rowsText('fill_corrections.csv', 2)).toBe('2 rows')
    expect(rowsText('accounts.csv', 1)).toBe('1 row')
  })

  it('says where the files went and how many rows each holds', () => {
    const r = result()
    expect(
      outcomeText({ kind: 'downloaded', name: 'wingman-journal-2026-11-27.zip', files: r.files }),
    ).toBe(
      'Downloaded wingman-journal-2026-11-27.zip to your browser’s downloads: ' +
        'position_summary.csv — 2 positions; fill_summary.csv — 1 fill.',
    )
    expect(
      outcomeText({ kind: 'saved', to: '/home/t/Documents/x.csv', files: r.files.slice(0, 1) }),
    ).toBe('Saved to /home/t/Documents/x.csv: position_summary.csv — 2 positions.')
    expect(outcomeText({ kind: 'canceled' })).toBe(
      'Nothing was written: the save dialog was closed.',
    )
  })

  it('describes the list’s filter and offers nothing to export when nothing is listed', () => {
    const words = filterWords(
      {
        ...NO_FILTERS,
        status: 'closed',
        structure: 'iron_condor',
        tag: ' core ',
        accountId: '2',
        from: '2025-01-01',
      },
      (id) => (id === '2' ? 'IRA' : '?'),
    )
    expect(words).toBe(
      'Closed positions · Iron condor · tag “core” · account IRA · opened from 2025-01-01',
    )
    const filter = { status: 'closed' as const }
    expect(listedChoice(3, filter, words)).toMatchObject({
      label: 'The 3 listed positions — summary',
      request: { scope: 'listed', filter },
      unavailable: undefined,
    })
    expect(listedChoice(1, filter, words).label).toBe('The 1 listed position — summary')
    expect(listedChoice(null, filter, words).label).toBe('The listed positions — summary')
    expect(listedChoice(0, filter, words).unavailable).toBe('No position is listed.')
    expect(positionChoice(7).request).toEqual({ scope: 'position', positionId: 7 })
  })
})

describe('export delivery', () => {
  it('downloads one file as it is, BOM first, under its own name', async () => {
    const one = result({ files: [{ name: 'position_summary.csv', rows: 2, content: summary }] })
    const { name, blob } = downloadOf(one)
    expect(name).toBe('position_summary.csv')
    expect(blob.type).toBe('text/csv;charset=utf-8')
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(summary)
  })

  it('zips several files under the export’s title', async () => {
    const { name, blob } = downloadOf(result())
    expect(name).toBe('wingman-journal-2026-11-27.zip')
    expect(blob.type).toBe('application/zip')
    const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()))
    expect(Object.keys(entries).sort()).toEqual(['fill_summary.csv', 'position_summary.csv'])
    // byte for byte, the BOM kept (a decoder would hide it)
    expect(entries['position_summary.csv']).toEqual(strToU8(summary))
    expect(entries['fill_summary.csv']).toEqual(strToU8(fills))
  })

  it('refuses a download without content, and reads what the desktop app did', () => {
    expect(() =>
      downloadOf(result({ files: [{ name: 'a.csv', rows: 0, content: null }] })),
    ).toThrow('a.csv came back without its content')
    const files = result().files.map((f) => ({ ...f, content: null }))
    expect(deliver(result({ files, savedTo: '/tmp/out' }))).toEqual({
      kind: 'saved',
      to: '/tmp/out',
      files,
    })
    expect(deliver(result({ files, canceled: true }))).toEqual({ kind: 'canceled' })
  })
})
