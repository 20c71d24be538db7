import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../electron/core/db/connection.ts'
import { exportJournal, journalTables } from '../../../electron/core/io/exportJournal.ts'
import { importJournal } from '../../../electron/core/io/importJournal.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import { runCli } from '../../../electron/host/cli.ts'
import { june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal } from '../../helpers/journal.ts'
import { reviewScenario } from '../../helpers/reviewScenario.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * `wingman export` then `wingman import-journal` into a new journal gives back the same journal,
 * row for row: a rich journal made through the contract, and journals fast-check makes up
 * (text with formulas, quotes, newlines and any Unicode; decimals over the whole e4 range;
 * NULL beside empty text).
 */
const NOW = new Date('2026-11-24T15:00:00Z')

/**
 * Every row of every table, in key order: rowid tables by rowid (for all but rulesets and
 * ruleset_versions that is their INTEGER PRIMARY KEY `id`), the rest by their primary key. The
 * hidden rowid of a table keyed otherwise is not journal data and an export does not carry it.
 */
function allRows(db: Db): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {}
  for (const table of journalTables(db)) {
    const cols = db.pragma(`table_info("${table}")`) as { name: string; type: string; pk: number }[]
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
    const integerKey = pk.length === 1 && pk[0]?.type === 'INTEGER'
    const order = integerKey || pk.length === 0 ? 'rowid' : pk.map((c) => `"${c.name}"`).join(', ')
    out[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().all() as unknown[][]
  }
  return out
}

function emptyJournal(dir: string, name = 'new.sqlite'): Db {
  return openAppJournal(join(dir, name), { marketDir: null, now: () => NOW }).db
}

const io = () => {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    io: {
      out: (t: string) => void out.push(t),
      err: (t: string) => void err.push(t),
      input: process.stdin,
      env: {},
      stopSignal: () => Promise.resolve(),
    },
  }
}

const NASTY = [
  '=HYPERLINK("http://evil.example","x")',
  '+1, -2 and "quotes"',
  'line\nbreak\r\nCRLF and a lone\rCR',
  "'already apostrophed",
  '@SUM(A1)',
  'unicode: Δ θ — 期权 🦅 e\u0301',
  '  spaces around  ',
].join(' | ')

describe('journal round trip: export, then import-journal into a new journal', () => {
  const tmp = useTempDir()

  it('gives back a rich journal made through the contract, row for row', async () => {
    const source = openTestJournal(tmp(), NOW)
    const { call } = source
    // three condors with decisions, an overridden close, a roll up with lineage, two expiries
    const scenario = await reviewScenario(call)
    await call('decisions:correct', {
      decisionId: (await call('decisions:list', { positionId: scenario.b }))[0]!.id,
      actionTaken: 'CLOSE_CALL_SPREAD',
      reason: 'I closed the call side first, then the rest',
    })
    const ira = (await call('accounts:create', { name: 'IRA, "Roth"', broker: '=broker' })).id

    // a June 2026 condor: partial close, a VX future hedge layer, corrections, entered marks
    const june = (await call('positions:createIronCondor', june2026Condor({ notes: NASTY }))).id
    const legs = (await call('positions:get', { id: june })).legs
    const leg = (strike: string) => legs.find((l) => l.strike === strike)!.id
    await call('adjustments:log', {
      positionId: june,
      kind: 'partial_close',
      occurredOn: '2026-06-22',
      time: '10:15',
      fees: '2.6',
      closes: [
        { legId: leg('7500'), quantity: 1, price: '40.1' },
        { legId: leg('7550'), quantity: 1, price: '20.0001' },
      ],
      note: 'half the call side, "tested"',
    })
    await call('adjustments:log', {
      kind: 'hedge_add',
      occurredOn: '2026-06-22',
      opens: [
        {
          role: 'hedge',
          instrumentType: 'future',
          root: 'VX',
          expiration: '2026-07-22',
          quantity: 1,
          price: '18.25',
          hedgeLayer: 'new',
        },
      ],
      decision: {
        inputs: { positionId: june, date: '2026-06-22', rulesetId: 'alvh', live: { spot: 7545 } },
        actionTaken: 'ADD_HEDGE_LAYER',
        reason: '=VIX spike, ∆ hedge',
      },
    })
    const detail = await call('positions:get', { id: june })
    const vx = detail.legs.find((l) => l.root === 'VX')!
    await call('legs:mark', { legId: vx.id, date: '2026-07-10', price: '19.5' })
    await call('fills:correct', {
      fillId: detail.fills[0]!.id,
      price: '2.0001',
      fees: '0',
      reason: 'broker statement, line 4',
    })
    await call('fills:correct', {
      fillId: detail.fills[1]!.id,
      price: null,
      fees: '0.65',
      reason: 'net only',
    })
    await call('adjustments:correct', {
      adjustmentId: detail.adjustments[0]!.id,
      netPrice: '-0.0001',
      fees: '1.3',
      reason: 'fees were\nwrong',
    })
    await call('positions:update', {
      id: june,
      thesis: '',
      tags: ['-hedged', '=x', 'juin 🇫🇷'],
      accountId: ira,
    })

    // other structures: a put credit spread (voided), a VIX call, a standalone VX future
    const { id: spread } = await call('positions:create', {
      structure: 'put_credit_spread',
      entryDate: '2026-06-01',
      legs: [
        {
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'put',
          strike: '7000',
          expiration: '2026-07-17',
          quantity: 1,
          price: '10.5',
        },
        {
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'put',
          strike: '7050',
          expiration: '2026-07-17',
          quantity: -1,
          price: '14',
        },
      ],
      notes: '',
      thesis: 'theta',
    })
    await call('positions:void', { id: spread, reason: 'entered twice, "oops"' })
    await call('positions:create', {
      structure: 'single_option',
      entryDate: '2026-06-01',
      legs: [
        {
          instrumentType: 'option',
          root: 'VIX',
          optionType: 'call',
          strike: '25',
          expiration: '2026-07-22',
          quantity: 3,
          price: '1.05',
        },
      ],
      fees: '3.9',
      tags: ['tail'],
    })
    await call('positions:create', {
      structure: 'future',
      entryDate: '2026-06-02',
      legs: [
        {
          instrumentType: 'future',
          root: 'VX',
          expiration: '2026-08-19',
          quantity: -2,
          price: '21.1',
        },
      ],
    })

    const out = tmp()
    exportJournal(source.db, out)
    const target = emptyJournal(tmp())
    const report = importJournal(target, out)
    const expected = allRows(source.db)
    const got = allRows(target)
    // the journal really is rich: every table but none holds rows
    for (const t of [
      'fill_corrections',
      'adjustment_corrections',
      'leg_marks',
      'hedge_layers',
      'position_history',
      'decisions',
      'position_tags',
      'daily_bars',
    ])
      expect(expected[t]!.length, t).toBeGreaterThan(0)
    expect(Object.keys(got)).toEqual(Object.keys(expected))
    for (const table of Object.keys(expected)) expect(got[table], table).toEqual(expected[table])
    expect(report.rows).toBe(Object.values(expected).reduce((n, rows) => n + rows.length, 0))
    // the imported journal reads the same through the contract
    expect(target.pragma('foreign_key_check')).toEqual([])
    expect(target.pragma('integrity_check', { simple: true })).toBe('ok')
    source.db.close()
    target.close()
  })

  it('is the identity on journals fast-check makes up', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom(
        '',
        ' ',
        '=1+1',
        '+',
        '-',
        "'",
        "''x",
        '@x',
        '\t=x',
        '\r',
        'a,b',
        '"',
        '\n',
        'NULL',
        '0',
        '1e5',
        '\u0000',
      ),
    )
    // Names and tags are checked with length(), which SQLite stops at a NUL character.
    const label = (max: number) =>
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: max })
        .filter((s) => !s.includes('\u0000'))
    const e4 = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
    const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 })
    const real = fc.double({ noNaN: true })
    const position = fc.record({
      notes: text,
      thesis: text,
      voidReason: text,
      closed: fc.boolean(),
      voided: fc.boolean(),
      tags: fc.uniqueArray(label(10), { maxLength: 3 }),
      adjustments: fc.array(
        fc.record({
          net: nullable(e4),
          cash: e4,
          fees: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
          note: text,
        }),
        { maxLength: 2 },
      ),
      legs: fc.array(
        fc.record({
          option: fc.boolean(),
          strike: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          quantity: fc.integer({ min: -1000, max: 1000 }).filter((q) => q !== 0),
          closedAt: nullable(text),
          fills: fc.array(
            fc.record({
              price: nullable(fc.nat({ max: Number.MAX_SAFE_INTEGER })),
              orderId: nullable(text),
              execId: nullable(text),
              history: text,
            }),
            { maxLength: 2 },
          ),
        }),
        { maxLength: 3 },
      ),
    })
    const journal = fc.record({
      accounts: fc.uniqueArray(
        fc.record({ name: label(20).filter((n) => n !== 'Default'), broker: text }),
        { selector: (a) => a.name.toLowerCase(), maxLength: 3 },
      ),
      positions: fc.array(position, { maxLength: 3 }),
      bars: fc.array(
        fc.record({ open: nullable(real), close: real, volume: nullable(real), description: text }),
        { maxLength: 4 },
      ),
      state: text.filter((s) => s.length <= 1000),
    })

    fc.assert(
      fc.property(journal, (j) => {
        const dir = tmp()
        const source = emptyJournal(dir, 'source.sqlite')
        fill(source, j)
        const out = join(dir, 'export')
        exportJournal(source, out)
        const target = emptyJournal(dir)
        importJournal(target, out)
        const same = JSON.stringify(allRows(target)) === JSON.stringify(allRows(source))
        if (!same) expect(allRows(target)).toEqual(allRows(source))
        source.close()
        target.close()
        rmSync(dir, { recursive: true, force: true })
      }),
      { numRuns: 40 },
    )

    type Journal = typeof journal extends fc.Arbitrary<infer T> ? T : never
    function fill(db: Db, j: Journal): void {
      const at = '2026-11-24T15:00:00Z'
      db.transaction(() => {
        const accounts = [1]
        for (const a of j.accounts)
          accounts.push(
            Number(
              db
                .prepare('INSERT INTO accounts (name, broker, created_at) VALUES (?, ?, ?)')
                .run(a.name, a.broker, at).lastInsertRowid,
            ),
          )
        let fillNo = 0
        j.positions.forEach((p, i) => {
          const pid = Number(
            db
              .prepare(
                `INSERT INTO positions (account_id, underlying, strategy, status, opened_on, closed_on,
                   thesis, notes, created_at, updated_at, structure, voided_at, void_reason)
                 VALUES (?, 'SPX', 'custom', ?, '2026-01-02', ?, ?, ?, ?, ?, 'custom', ?, ?)`,
              )
              .run(
                accounts[i % accounts.length],
                p.closed ? 'closed' : 'open',
                p.closed ? '2026-02-03' : null,
                p.thesis,
                p.notes,
                at,
                at,
                p.voided ? at : null,
                p.voidReason,
              ).lastInsertRowid,
          )
          for (const tag of p.tags)
            db.prepare('INSERT INTO position_tags (position_id, tag) VALUES (?, ?)').run(pid, tag)
          const adjustments = p.adjustments.map((a) =>
            Number(
              db
                .prepare(
                  `INSERT INTO adjustments (position_id, kind, occurred_at, net_price_e4, cash_e4, fees_e4, note, created_at)
                   VALUES (?, 'other', ?, ?, ?, ?, ?, ?)`,
                )
                .run(pid, at, a.net, a.cash, a.fees, a.note, at).lastInsertRowid,
            ),
          )
          let previous: number | null = null
          for (const l of p.legs) {
            const legId: number = Number(
              db
                .prepare(
                  `INSERT INTO legs (position_id, role, instrument_type, root, option_type, strike_e4,
                     expiration, multiplier, quantity, opened_at, closed_at, replaces_leg_id)
                   VALUES (?, 'other', ?, ?, ?, ?, '2026-03-20', 100, ?, ?, ?, ?)`,
                )
                .run(
                  pid,
                  l.option ? 'option' : 'future',
                  l.option ? 'SPX' : 'VX',
                  l.option ? 'put' : null,
                  l.option ? l.strike : null,
                  l.quantity,
                  at,
                  l.closedAt,
                  previous,
                ).lastInsertRowid,
            )
            previous = legId
            for (const f of l.fills) {
              fillNo++
              const fillId = Number(
                db
                  .prepare(
                    `INSERT INTO fills (leg_id, adjustment_id, executed_at, side, effect, quantity,
                       price_e4, fees_e4, source, broker_order_id, broker_exec_id)
                     VALUES (?, ?, ?, 'sell', 'open', 1, ?, 0, 'test', ?, ?)`,
                  )
                  .run(
                    legId,
                    adjustments[0] ?? null,
                    at,
                    f.price,
                    f.orderId,
                    f.execId === null ? null : `${fillNo}:${f.execId}`,
                  ).lastInsertRowid,
              )
              db.prepare(
                `INSERT INTO position_history (position_id, kind, detail, reason, created_at)
                 VALUES (?, 'fill_correction', ?, ?, ?)`,
              ).run(pid, JSON.stringify({ fillId, text: f.history }), f.history, at)
            }
          }
        })
        const spx = Number(
          db.prepare("INSERT INTO instruments (symbol, kind) VALUES ('SPX', 'index')").run()
            .lastInsertRowid,
        )
        j.bars.forEach((b, i) => {
          const date = `2020-01-${String(i + 10)}`
          db.prepare(
            'INSERT INTO daily_bars (instrument_id, date, open, close, volume) VALUES (?, ?, ?, ?, ?)',
          ).run(spx, date, b.open, b.close, b.volume)
          db.prepare("INSERT INTO events (date, kind, description) VALUES (?, 'OTHER', ?)").run(
            date,
            b.description,
          )
        })
        db.prepare('UPDATE app_state SET value = ? WHERE key = ?').run(j.state, 'bundled_market')
      })()
    }
  })

  it('through the CLI: import-journal refuses a journal that holds positions, and changes nothing', async () => {
    const dir = tmp()
    const source = openTestJournal(dir, NOW, false)
    await source.call('positions:createIronCondor', june2026Condor())
    const out = join(dir, 'export')
    exportJournal(source.db, out)
    source.db.close()
    const path = join(dir, 'journal.sqlite')
    const before = readFileSync(path)
    const run = io()
    expect(await runCli(['import-journal', '--db', path, out], run.io)).toBe(2)
    expect(run.err.join('')).toBe(
      'wingman import-journal: This journal already holds 1 position: import an exported journal ' +
        'only into a new, empty one (wingman init --db NEW --empty)\n',
    )
    expect(readFileSync(path).equals(before)).toBe(true)

    // into a new file it works, and prints what it did
    const fresh = join(dir, 'fresh.sqlite')
    const ok = io()
    expect(await runCli(['import-journal', '--db', fresh, out], ok.io)).toBe(0)
    expect(ok.out.join('')).toMatch(
      /^Imported [\d,]+ rows in \d+ tables from .*export into .*fresh\.sqlite\n$/,
    )
    const again = io()
    expect(await runCli(['import-journal', '--db', fresh, out], again.io)).toBe(2)
  })

  it('refuses a journal with accounts or rulesets of your own', async () => {
    const dir = tmp()
    const out = join(dir, 'export')
    const empty = emptyJournal(dir, 'a.sqlite')
    exportJournal(empty, out)
    empty
      .prepare("INSERT INTO accounts (name, created_at) VALUES ('IRA', ?)")
      .run(NOW.toISOString())
    expect(() => importJournal(empty, out)).toThrow(
      'This journal already holds 2 accounts: import an exported journal only into a new, empty one',
    )
    empty.close()
    const other = emptyJournal(dir, 'b.sqlite')
    other
      .prepare("INSERT INTO rulesets (id, name, builtin, created_at) VALUES ('mine', 'Mine', 0, ?)")
      .run(NOW.toISOString())
    expect(() => importJournal(other, out)).toThrow('already holds 1 ruleset of your own')
    other.close()
  })

  describe('refuses a folder that does not match the journal, naming the file and column, writing nothing', () => {
    async function exported() {
      const dir = tmp()
      const source = openTestJournal(dir, NOW, false)
      await source.call('positions:createIronCondor', june2026Condor({ notes: 'kept' }))
      const out = join(dir, 'export')
      exportJournal(source.db, out)
      source.db.close()
      const target = emptyJournal(dir)
      return { out, target, before: allRows(target) }
    }
    const rewrite = (file: string, fn: (text: string) => string) =>
      writeFileSync(file, fn(readFileSync(file, 'utf8')), 'utf8')

    const cases: [string, (out: string) => void, RegExp][] = [
      [
        'a missing table file',
        (out) => rmSync(join(out, 'fills.csv')),
        /^export has no fills\.csv: an export holds one file per table/,
      ],
      [
        'a column this journal does not have (a newer schema)',
        (out) =>
          rewrite(join(out, 'positions.csv'), (t) =>
            t
              .replace('void_reason', 'void_reason,broker_ref')
              .replace(/\r\n(\d+,.*)\r\n/, '\r\n$1,x\r\n'),
          ),
        /^positions\.csv has a column "broker_ref" that the positions table of this journal \(schema \d+\) does not have/,
      ],
      [
        'a table file this journal does not have (a newer schema)',
        (out) => writeFileSync(join(out, 'trade_imports.csv'), '\ufeffid\r\n1\r\n'),
        /^trade_imports\.csv is not a table of this journal \(schema \d+\): it was exported by a newer Wingman/,
      ],
      [
        'a missing column',
        (out) =>
          rewrite(join(out, 'accounts.csv'), (t) =>
            t
              .split('\r\n')
              .map((l) => l.replace(/,[^,]*$/, ''))
              .join('\r\n'),
          ),
        /^accounts\.csv lacks the column "created_at" of the accounts table/,
      ],
      [
        'a decimal that is not one',
        (out) => rewrite(join(out, 'adjustments.csv'), (t) => t.replace(',17.85,', ',17.85001,')),
        /^adjustments\.csv line 2, column "net_price": "17\.85001" is not a decimal with at most 4 places/,
      ],
      [
        'a row the schema refuses',
        (out) => rewrite(join(out, 'legs.csv'), (t) => t.replace(',short_put,', ',sideways,')),
        /^legs\.csv line \d+ cannot be stored \(CHECK constraint failed/,
      ],
      [
        'a row whose parent is missing',
        (out) =>
          rewrite(join(out, 'positions.csv'), (t) =>
            t.split('\r\n').slice(0, 1).concat('').join('\r\n'),
          ),
        /^(legs|adjustments|position_tags)\.csv has \d+ rows? that refer to positions rows missing from positions\.csv/,
      ],
      [
        'a broken CSV',
        (out) => rewrite(join(out, 'accounts.csv'), (t) => `${t}"unterminated\r\n`),
        /^accounts\.csv line \d+: unterminated quoted field/,
      ],
    ]
    for (const [what, tamper, message] of cases)
      it(what, async () => {
        const { out, target, before } = await exported()
        tamper(out)
        expect(() => importJournal(target, out)).toThrow(message)
        expect(allRows(target)).toEqual(before)
        target.close()
      })

    it('and untampered, the same folder imports', async () => {
      const { out, target } = await exported()
      expect(readdirSync(out).length).toBe(journalTables(target).length)
      renameSync(out, `${out}2`)
      expect(importJournal(target, `${out}2`).rows).toBeGreaterThan(0)
      expect(target.prepare('SELECT notes FROM positions').pluck().all()).toEqual(['kept'])
      target.close()
    })
  })
})
