import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../electron/host/commands/catalog.ts'
import { labCommand } from '../../electron/host/commands/lab.ts'
import { UsageError, type CliIo } from '../../electron/host/commands/types.ts'
import type { LabRunResults } from '../../shared/lab.ts'
import { openTestJournal } from '../helpers/journal.ts'
import { useTempDir } from '../helpers/tmp.ts'

const tempDir = useTempDir()

async function lab(flags: Record<string, string | string[]>) {
  let out = ''
  const io: CliIo = {
    out: (t) => (out += t),
    err: () => {},
    input: Readable.from([]),
    env: {},
    stopSignal: () => new Promise(() => {}),
  }
  const code = await labCommand.run(flags as Record<string, string>, io)
  return { code, out }
}

describe('wingman lab', () => {
  it('prints the stored run as JSON, then as CSV, with the same figures', async () => {
    const dir = tempDir()
    const j = openTestJournal(dir, new Date('2026-11-27T12:00:00Z'))
    j.db.close()
    const db = `${dir}/journal.sqlite`
    const flags = {
      db,
      ruleset: ['hold-to-expiry', 'mechanical-wing'],
      from: '2015-07-01',
      to: '2015-09-30',
      every: '10',
      flag: ['usd_risk_off=no'],
    }
    const json = await lab({ ...flags, format: 'json' })
    expect(json.code).toBe(0)
    const r = JSON.parse(json.out) as LabRunResults
    expect(r.label).toBe('model prices, not historical option quotes')
    expect(r.summary.params).toMatchObject({ entryEvery: 10, targetDte: 45, shortDelta: 0.16 })
    expect(r.summary.params.flags).toEqual({ usd_risk_off: 'no' })
    expect(r.results.map((x) => x.ruleset.id)).toEqual(['hold-to-expiry', 'mechanical-wing'])
    expect(r.results[0]!.trades.length).toBeGreaterThan(3)
    const csv = await lab({ ...flags, format: 'csv' })
    const lines = csv.out
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toMatch(/^ruleset,version,trade,entry_date,/)
    const trades = r.results.flatMap((x) => x.trades)
    expect(lines.length - 1).toBe(trades.length)
    const t = r.results[0]!.trades[0]!
    expect(lines[1]).toContain(`hold-to-expiry,1,${t.key},${t.entryDate},`)
  })

  it('refuses bad flags with a usage error, and is in the catalog', async () => {
    await expect(lab({ db: 'x.sqlite' })).rejects.toThrow(UsageError)
    await expect(lab({ db: 'x.sqlite', ruleset: 'alvh', wing: '52' })).rejects.toThrow(/5 points/)
    expect(COMMANDS.lab!.summary).toBe(labCommand.summary)
    expect(labCommand.usage).toContain('--flag NAME=VALUE')
  })
})
