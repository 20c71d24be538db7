import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { MarkService } from '../../../electron/core/services/marks.ts'
import { SignalService } from '../../../electron/core/services/signals.ts'
import { useTempDir } from '../../helpers/tmp.ts'

const spxCsv = (rows: [string, number][]) =>
  `Date,Open,High,Low,Close\n${rows.map(([d, c]) => `${d},${c},${c},${c},${c}`).join('\n')}\n`

describe('caches across connections', () => {
  const tmp = useTempDir()

  it('the signal and mark caches of one host see SPX bars another host imports', async () => {
    const path = join(tmp(), 'journal.sqlite')
    const a = openJournal(path).db
    const b = openJournal(path).db
    const signals = new SignalService(a)
    const marks = new MarkService(a)
    // Host B is a second process in real life; here a second connection to the same file.
    const hostB = createDispatch(
      createHandlers({ db: b, databasePath: path, version: 't', shell: 'browser' }),
    )
    const importSpx = async (rows: [string, number][]) =>
      expect(
        await hostB('market:import', { fileName: 'spx.csv', symbol: 'SPX', text: spxCsv(rows) }),
      ).toMatchObject({ ok: true, value: { applied: true } })

    // A reads (and caches) an empty history.
    expect(signals.snapshot('2026-11-20').values.spot).toBeNull()
    expect(marks.dataDate('2026-11-20')).toBeNull()

    await importSpx([
      ['2026-11-19', 6600],
      ['2026-11-20', 6650],
    ])
    expect(signals.snapshot('2026-11-20').values.spot).toBe(6650)
    expect(marks.dataDate('2026-11-20')).toBe('2026-11-20')

    // A corrected close replaces a row A has already cached.
    await importSpx([['2026-11-20', 6655.5]])
    expect(signals.snapshot('2026-11-20').values.spot).toBe(6655.5)
    expect(marks.market().bar('SPX', '2026-11-20')?.close).toBe(6655.5)

    a.close()
    b.close()
  })
})
