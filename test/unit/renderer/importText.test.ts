import { describe, expect, it } from 'vitest'
import type { ImportTradesResult } from '../../../shared/tradeImport.ts'
import {
  adjustmentText,
  importedLine,
  importRequest,
  nothingNew,
  summaryLine,
  when,
} from '../../../renderer/src/positions/import/importText.ts'

function result(over: Partial<ImportTradesResult> = {}): ImportTradesResult {
  return {
    broker: 'tastytrade',
    brokerLabel: 'tastytrade (History → Transactions CSV)',
    detected: true,
    zone: 'offset in file',
    accountId: 1,
    written: false,
    notWritten: null,
    executions: [],
    positions: [],
    inserted: 0,
    duplicates: 0,
    rejected: [],
    warnings: [],
    ...over,
  }
}
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 2, reason: 'bad' }))
const positions = (n: number): ImportTradesResult['positions'] =>
  Array.from({ length: n }, () => ({
    id: 1,
    extends: false,
    structure: 'iron_condor',
    shape: 'iron condor',
    underlying: 'SPX',
    status: 'closed',
    openedOn: '2025-05-05',
    closedOn: '2025-06-20',
    legs: [],
    adjustments: [],
    pnl: '1198.48',
  }))

describe('the import dialog words', () => {
  it('counts every row of the file as new, already imported or not readable', () => {
    expect(summaryLine(result({ inserted: 38, duplicates: 4 }))).toBe(
      '42 executions: 38 new, 4 already imported, 0 not readable',
    )
    expect(summaryLine(result({ inserted: 1200, duplicates: 0, rejected: rows(3) }))).toBe(
      '1,203 executions: 1,200 new, 0 already imported, 3 not readable',
    )
    expect(summaryLine(result({ inserted: 1 }))).toBe(
      '1 execution: 1 new, 0 already imported, 0 not readable',
    )
  })

  it('says what an import wrote, and that a file imported again adds nothing', () => {
    expect(
      importedLine(result({ inserted: 20, duplicates: 2, positions: positions(2), written: true })),
    ).toBe('Imported 20 executions into 2 positions (2 already in the journal)')
    expect(importedLine(result({ inserted: 1, positions: positions(1), written: true }))).toBe(
      'Imported 1 execution into 1 position (0 already in the journal)',
    )
    expect(importedLine(result({ inserted: 5, positions: positions(1), rejected: rows(1) }))).toBe(
      'Imported 5 executions into 1 position (0 already in the journal); 1 row that could not be read was left out',
    )
    expect(importedLine(result({ inserted: 0, duplicates: 20 }))).toBe(
      '0 new executions — everything in this file is already in the journal',
    )
  })

  it('calls a file "nothing new" only when it holds executions, all already imported', () => {
    expect(nothingNew(result({ duplicates: 20 }))).toBe(true)
    expect(nothingNew(result({ duplicates: 20, inserted: 1 }))).toBe(false)
    expect(nothingNew(result())).toBe(false)
    expect(nothingNew(result({ duplicates: 3, rejected: rows(1) }))).toBe(false)
  })

  it('writes an adjustment as kind, New York time and signed premium', () => {
    expect(
      adjustmentText({
        kind: 'partial_close',
        occurredAt: '2025-06-02T15:15:03.000Z',
        cash: '-105',
        fees: '1.32',
      }),
    ).toEqual({ kind: 'partial close', at: '2025-06-02 11:15 ET', cash: '−$105.00' })
    expect(
      adjustmentText({ kind: 'roll', occurredAt: '2025-05-19', cash: '2240.5', fees: '0' }),
    ).toEqual({ kind: 'roll', at: '2025-05-19', cash: '+$2,240.50' })
    expect(
      adjustmentText({ kind: 'expire', occurredAt: '2025-06-13', cash: '0', fees: '0' }).cash,
    ).toBe('$0.00')
    expect(when('2025-12-01T15:00:00.000Z')).toBe('2025-12-01 10:00 ET')
  })

  it('sends the file text with the choices; detection and the first account by default', () => {
    const file = { name: 'a.csv', text: 'x' }
    expect(
      importRequest(file, {
        broker: '',
        zone: 'America/Chicago',
        accountId: '',
        attachHedges: false,
      }),
    ).toEqual({ fileName: 'a.csv', content: 'x', zone: 'America/Chicago', hedges: 'standalone' })
    expect(
      importRequest(file, { broker: 'schwab', zone: 'UTC', accountId: '3', attachHedges: true }),
    ).toEqual({
      fileName: 'a.csv',
      content: 'x',
      zone: 'UTC',
      hedges: 'attach',
      broker: 'schwab',
      accountId: 3,
    })
  })
})
