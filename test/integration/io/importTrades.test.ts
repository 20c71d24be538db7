import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { BrokerName } from '../../../shared/tradeImport.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'

/**
 * The broker fixtures of test/fixtures/brokers record the trades of SCENARIO.md. Imported into
 * an empty journal, every format must give the same positions and the same money, worked out by
 * hand there:
 *   A (SPXW iron condor, 2 lots): premium 2240 + 320 − 105 + 0 − 1230 = 1225.00,
 *     costs 8.00 + 5.28 + 4.00 + 5.28 + 1.32 + 2.64 = 26.52 → realised 1198.48;
 *   B (SPXW 5950/6000 call spread, 1 lot): 4200 − 2000 − 1784 (assigned at 17.84) = 416.00,
 *     costs 2.00 + 1.32 = 3.32 → realised 412.68;
 *   C (1 VX future): (18.10 − 19.85) × 1000 = −1750.00, costs 6.50 → realised −1756.50.
 */
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/brokers')
const NOW = new Date('2026-11-27T15:00:00Z')

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function journal(): TestJournal {
  const dir = mkdtempSync(join(tmpdir(), 'wingman-import-'))
  dirs.push(dir)
  return openTestJournal(dir, NOW)
}

const FORMATS: { broker: BrokerName; folder: string; futures: boolean }[] = [
  { broker: 'tastytrade', folder: 'tastytrade', futures: true },
  { broker: 'thinkorswim', folder: 'thinkorswim', futures: false },
  { broker: 'schwab', folder: 'schwab', futures: false },
  { broker: 'ibkr-flex', folder: 'ibkr-flex', futures: true },
  { broker: 'ibkr-activity', folder: 'ibkr-activity', futures: true },
  { broker: 'fidelity', folder: 'fidelity', futures: false },
]
const filesOf = (folder: string) =>
  (existsSync(join(FIXTURES, folder)) ? readdirSync(join(FIXTURES, folder)) : [])
    .filter((f) => f.endsWith('.csv'))
    .map((f) => ({ name: f, text: readFileSync(join(FIXTURES, folder, f), 'utf8') }))

/** What the Positions list shows: structure, status, realised P&L, premium, fees. */
async function positionsOf(j: TestJournal) {
  const { positions } = await j.call('positions:list', { status: 'all' })
  return positions
    .map((p) => ({
      underlying: p.underlying,
      structure: p.structure,
      status: p.status,
      premium: p.figures?.premium,
      fees: p.figures?.fees,
      realised: p.figures?.realised,
    }))
    .sort((a, b) => (a.structure < b.structure ? -1 : 1))
}

const A = {
  underlying: 'SPX',
  structure: 'iron_condor',
  status: 'closed',
  premium: '1225',
  fees: '26.52',
  realised: '1198.48',
}
const B = {
  underlying: 'SPX',
  structure: 'call_credit_spread',
  status: 'closed',
  premium: '416',
  fees: '3.32',
  realised: '412.68',
}
const C = {
  underlying: 'VIX',
  structure: 'future',
  status: 'closed',
  premium: '0',
  fees: '6.5',
  realised: '-1756.5',
}

describe('broker imports: every format gives the same positions and P&L', () => {
  for (const f of FORMATS) {
    for (const file of filesOf(f.folder)) {
      it(`${f.folder}/${file.name}`, async () => {
        const j = journal()
        const r = await j.call('trades:import', {
          fileName: file.name,
          content: file.text,
          hedges: 'standalone',
          acceptReadable: false,
        })
        expect(r.broker).toBe(f.broker)
        expect(r.detected).toBe(true)
        expect(r.rejected).toEqual([])
        expect(r.written).toBe(true)
        // Formats without expiration rows leave expired legs open: the journal's expire settles
        // them from the stored history (SPXW at the SPX close of the expiry day).
        await j.call('positions:expire', { settlements: {} })
        const got = await positionsOf(j)
        const hasFuture = got.some((p) => p.structure === 'future')
        expect(hasFuture).toBe(f.futures && file.text.includes('VX'))
        expect(got).toEqual(hasFuture ? [B, C, A] : [B, A])
      })
    }
  }
})

describe("Wingman's own fills CSV", () => {
  it('keeps the exported grouping: the VX future stays hedge layer 1 of the condor', async () => {
    const [file] = filesOf('wingman')
    const j = journal()
    const r = await j.call('trades:import', { fileName: file!.name, content: file!.text })
    expect(r.broker).toBe('wingman')
    expect(r.rejected).toEqual([])
    // A with its layer: premium 1225, costs 26.52 + 6.50 = 33.02, realised 1198.48 − 1756.50.
    expect(await positionsOf(j)).toEqual([B, { ...A, fees: '33.02', realised: '-558.02' }])
    expect(r.positions[0]!.adjustments.map((a) => a.kind)).toEqual([
      'open',
      'hedge_add',
      'roll',
      'hedge_remove',
      'partial_close',
      'expire',
      'close',
    ])
  })
})

describe('the tastytrade import in detail', () => {
  const file = filesOf('tastytrade').find((x) => x.name === 'current-21.csv')!

  it('books the roll with lineage, the partial close and the hedge layer', async () => {
    const j = journal()
    const r = await j.call('trades:import', { fileName: file.name, content: file.text })
    expect(r.positions.map((p) => p.shape)).toEqual(['iron condor', 'call credit spread'])
    const condor = r.positions[0]!
    expect(condor.adjustments.map((a) => a.kind)).toEqual([
      'open',
      'hedge_add',
      'roll',
      'hedge_remove',
      'partial_close',
      'expire',
      'close',
    ])
    expect(condor.adjustments.map((a) => a.cash)).toEqual([
      '2240',
      '0',
      '320',
      '0',
      '-105',
      '0',
      '-1230',
    ])
    const rolled = condor.legs.filter((l) => l.replaces !== null)
    expect(rolled.map((l) => [l.occ, l.replaces])).toEqual([
      ['SPXW  250627C06000000', 'SPXW  250613C06000000'],
      ['SPXW  250627C06050000', 'SPXW  250613C06050000'],
    ])
    expect(condor.legs.find((l) => l.occ.startsWith('/VX'))?.hedgeLayer).toBe(1)
    // With the VX layer: 1198.48 − 1756.50 = −558.02.
    expect(condor.pnl).toBe('-558.02')
    const detail = await j.call('positions:get', { id: condor.id! })
    expect(detail.summary.figures?.realised).toBe('-558.02')
    expect(detail.summary.figures?.layers.map((l) => l.realised)).toEqual(['-1756.5'])
  })

  it('re-importing the same file adds nothing and says so', async () => {
    const j = journal()
    const first = await j.call('trades:import', { fileName: file.name, content: file.text })
    expect(first.inserted).toBe(first.executions.length)
    const again = await j.call('trades:import', { fileName: file.name, content: file.text })
    expect(again.inserted).toBe(0)
    expect(again.duplicates).toBe(first.executions.length)
    expect(again.positions).toEqual([])
    expect(again.written).toBe(false)
    expect((await j.call('positions:list', { status: 'all' })).positions).toHaveLength(2)
  })

  it('an overlapping file adds only what is new, closing what the journal holds', async () => {
    const lines = file.text.trimEnd().split('\n')
    const header = lines[0]!
    const rows = lines.slice(1)
    // Newest first: the older half, then everything.
    const older = [header, ...rows.slice(Math.floor(rows.length / 2))].join('\n')
    const j = journal()
    const first = await j.call('trades:import', { fileName: 'older.csv', content: older })
    const all = await j.call('trades:import', { fileName: file.name, content: file.text })
    expect(all.duplicates).toBe(first.inserted)
    expect(all.inserted + all.duplicates).toBe(all.executions.length)
    const got = await positionsOf(j)
    expect(got.map((p) => p.realised)).toEqual(['412.68', '-558.02'])
  })

  it('a dry run writes nothing and shows exactly what the import writes', async () => {
    const j = journal()
    const dry = await j.call('trades:import', {
      fileName: file.name,
      content: file.text,
      dryRun: true,
    })
    expect(dry.written).toBe(false)
    expect((await j.call('positions:list', { status: 'all' })).positions).toHaveLength(0)
    const wet = await j.call('trades:import', { fileName: file.name, content: file.text })
    expect(wet.positions.map((p) => ({ ...p, id: null }))).toEqual(dry.positions)
  })

  it('a file with an unreadable row writes nothing unless the readable rows are accepted', async () => {
    const lines = file.text.split('\n')
    // Break the quantity of the first trade row (line 4: BTC 2 SPXW 2025-06-27 6000 C).
    const broken = lines
      .map((l, i) => (i === 3 ? l.replace('"-1,660.00",2,', '"-1,660.00",2x,') : l))
      .join('\n')
    expect(broken).not.toBe(file.text)
    const j = journal()
    const refused = await j.call('trades:import', { fileName: 'x.csv', content: broken })
    expect(refused.written).toBe(false)
    expect(refused.rejected.map((r) => r.line)).toContain(4)
    expect(refused.notWritten).toMatch(/Nothing was written/)
    expect((await j.call('positions:list', { status: 'all' })).positions).toHaveLength(0)
    const accepted = await j.call('trades:import', {
      fileName: 'x.csv',
      content: broken,
      acceptReadable: true,
    })
    expect(accepted.written).toBe(true)
  })

  it('shuffled rows and repeated imports change nothing (fast-check)', async () => {
    const [header, ...rows] = file.text.trimEnd().split('\n')
    const reference = journal()
    await reference.call('trades:import', { fileName: file.name, content: file.text })
    const expected = await positionsOf(reference)
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        fc.integer({ min: 1, max: 3 }),
        async (shuffled, times) => {
          const j = journal()
          for (let i = 0; i < times; i++)
            await j.call('trades:import', {
              fileName: 's.csv',
              content: [header, ...shuffled].join('\n'),
            })
          expect(await positionsOf(j)).toEqual(expected)
        },
      ),
      { numRuns: 10 },
    )
    // Each run imports the file up to 3 times into a fresh journal file: generous on a busy machine.
  }, 180_000)
})
