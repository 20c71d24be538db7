import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../../electron/core/io/csv.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

function wingman(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const NOW = new Date('2026-11-27T15:00:00Z')
const SCENARIO = readFileSync(
  resolve(REPO_ROOT, 'test/fixtures/brokers/tastytrade/current-21.csv'),
  'utf8',
)

/** A CSV file as header → value records (BOM and formula guard as written). */
function records(file: string): Record<string, string | null>[] {
  const text = readFileSync(file, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  expect(text).toContain('\r\n')
  const [header, ...rows] = parseCsv(text)
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h!, r[i] ?? null])))
}

async function positionsOf(j: TestJournal) {
  const { positions } = await j.call('positions:list', { status: 'all' })
  return positions.map((p) => ({
    structure: p.structure,
    status: p.status,
    openedOn: p.openedOn,
    closedOn: p.closedOn,
    premium: p.figures?.premium,
    fees: p.figures?.fees,
    realised: p.figures?.realised,
    total: p.figures?.total,
    layers: p.figures?.layers.map((l) => l.realised),
  }))
}

describe('wingman export: position_summary.csv and fill_summary.csv', () => {
  const tmp = useTempDir()

  it('summarises every position from the ledger, and its fills import back identical', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, NOW)
    // The SCENARIO.md trades: a condor with a roll, a partial close, an expiry and a VX hedge
    // layer; a call spread ending in a cash-settled assignment.
    await j.call('trades:import', { fileName: 'tt.csv', content: SCENARIO })
    // And one still open, valued by the model on the last stored day.
    const { id: openId } = await j.call(
      'positions:createIronCondor',
      june2026Condor({ tags: ['core', 'june'] }),
    )
    const listed = await j.call('positions:list', { status: 'all' })
    j.db.close()

    const out = join(dir, 'export')
    const r = wingman('export', '--db', join(dir, 'journal.sqlite'), '--out', out)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/position_summary\.csv: 3 rows/)
    // 20 imported fills + the open condor's 4.
    expect(r.out).toMatch(/fill_summary\.csv: 24 rows/)
    // The raw tables stay as they were, beside the summaries, and still import back.
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['fills.csv', 'positions.csv']))
    const copyDb = join(tmp(), 'copy.sqlite')
    expect(wingman('init', '--db', copyDb, '--empty').code).toBe(0)
    const restored = wingman('import-journal', '--db', copyDb, out)
    expect(restored.code, restored.err).toBe(0)

    const summary = records(join(out, 'position_summary.csv'))
    const byId = new Map(summary.map((s) => [Number(s.position_id), s]))
    // A, worked out by hand (SCENARIO.md): opening credit 2480 − 1020 + 2840 − 2060 = 2240;
    // premium 1225, costs 26.52 (+ the VX layer's 6.50); realised 1198.48 − 1756.50 = −558.02.
    expect(byId.get(1)).toMatchObject({
      structure: 'iron_condor',
      status: 'closed',
      opened_on: '2025-05-05',
      closed_on: '2025-06-20',
      opening_credit: '2240',
      realised_pnl: '-558.02',
      fees: '33.02',
      total_pnl: '-558.02',
      open_pnl: '0',
      adjustments: '7',
      decisions: '0',
    })
    // B: 4200 − 2000 − 1784 = 416 premium, costs 3.32 → 412.68.
    expect(byId.get(2)).toMatchObject({
      structure: 'call_credit_spread',
      opening_credit: '2200',
      realised_pnl: '412.68',
      fees: '3.32',
      strikes: '5950/6000',
    })
    // The open condor: exactly what the Positions list shows, labelled with its basis and date.
    const open = listed.positions.find((p) => p.id === openId)!
    expect(byId.get(openId)).toMatchObject({
      status: 'open',
      strikes: '7150/7200/7500/7550',
      open_pnl: open.figures!.openPnl,
      open_pnl_date: open.figures!.openPnlAsOf,
      open_pnl_basis: open.figures!.openPnlNote,
      total_pnl: open.figures!.total,
      tags: 'core june',
    })
    expect(open.figures!.openPnlAsOf).toMatch(/^2026-/)

    const fills = records(join(out, 'fill_summary.csv'))
    const first = fills.find((f) => f.occ === 'SPXW  250613C06000000' && f.action === 'STO')
    expect(first).toMatchObject({
      position_id: '1',
      adjustment_kind: 'open',
      occ: 'SPXW  250613C06000000',
      contract: 'SPXW 2025-06-13 6000 call',
      action: 'STO',
      quantity: '2',
      price: '12.4',
      cash: '2480',
      fees: '3.32',
      executed_at_new_york: '2025-05-05 10:31:12',
      executed_at_utc: '2025-05-05T14:31:12.000Z',
    })

    // fill_summary.csv back through the trade importer into an empty journal: same positions.
    const back = openTestJournal(tmp(), NOW)
    const imported = await back.call('trades:import', {
      fileName: 'fill_summary.csv',
      content: readFileSync(join(out, 'fill_summary.csv'), 'utf8'),
    })
    expect(imported.broker).toBe('wingman')
    expect(imported.rejected).toEqual([])
    const reopened = openTestJournal(dir, NOW)
    const original = await positionsOf(reopened)
    const copy = await positionsOf(back)
    // The open condor's open P&L is valued the same way in both journals.
    expect(copy).toEqual(original)
  })

  it('guards text against spreadsheet formulas and keeps negative numbers as numbers', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, NOW)
    await j.call('trades:import', { fileName: 'tt.csv', content: SCENARIO })
    await j.call('positions:createIronCondor', june2026Condor({ notes: '=HYPERLINK("x")' }))
    j.db.close()
    const out = join(dir, 'export')
    expect(wingman('export', '--db', join(dir, 'journal.sqlite'), '--out', out).code).toBe(0)
    const rows = records(join(out, 'position_summary.csv'))
    expect(rows.find((r) => r.position_id === '3')!.notes).toBe(`'=HYPERLINK("x")`)
    expect(rows.find((r) => r.position_id === '1')!.realised_pnl).toBe('-558.02')
    const fills = records(join(out, 'fill_summary.csv'))
    expect(fills.find((f) => f.action === 'BTO')!.cash).toBe('-2060')
    // The condor entered with its combo credit only: no per-leg price, the net price per share.
    const combo = fills.filter((f) => f.position_id === '3')
    expect(combo.map((f) => [f.price, f.cash, f.adjustment_net_price])).toEqual(
      Array(4).fill([null, null, '17.85']),
    )
  })
})
