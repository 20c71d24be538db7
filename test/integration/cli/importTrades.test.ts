import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'

function wingman(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const FIXTURE = resolve(REPO_ROOT, 'test/fixtures/brokers/tastytrade/current-21.csv')

interface Printed {
  broker: string
  written: boolean
  executions: {
    occ: string
    action: string
    price: string | null
    executedAt: string
    orderId: string | null
  }[]
  positions: {
    id: number | null
    structure: string
    underlying: string
    legs: { occ: string; replaces: string | null }[]
    adjustments: { kind: string; occurredAt: string; cash: string; fees: string }[]
    pnl: string | null
  }[]
  inserted: number
  duplicates: number
  rejected: { line: number; reason: string }[]
}

describe('wingman import-trades', () => {
  const tmp = useTempDir()

  it('--dry-run --json shows the scenario without writing; the import writes it; again adds 0', () => {
    const db = join(tmp(), 'j.sqlite')
    expect(wingman('init', '--db', db, '--empty').code).toBe(0)

    const dry = wingman('import-trades', '--db', db, FIXTURE, '--dry-run', '--json')
    expect(dry.code, dry.err).toBe(0)
    const shown = JSON.parse(dry.out) as Printed
    expect(shown.broker).toBe('tastytrade')
    expect(shown.written).toBe(false)
    // 20 executions of the scenario (A 4 + 4 + 2 + 2 + 2, B 2 + 2, C 2); money movements skipped.
    expect(shown.executions).toHaveLength(20)
    const opening = shown.executions.find(
      (e) => e.occ === 'SPXW  250613C06000000' && e.action === 'STO',
    )
    // 10:31:12 at −04:00 is 14:31:12 UTC.
    expect(opening).toMatchObject({
      price: '12.4',
      executedAt: '2025-05-05T14:31:12.000Z',
      orderId: '381220001',
    })
    expect(shown.positions.map((p) => [p.id, p.structure, p.pnl])).toEqual([
      // A with its VX layer: 1198.48 − 1756.50; B: 2200 − 1784 − 3.32.
      [null, 'iron_condor', '-558.02'],
      [null, 'call_credit_spread', '412.68'],
    ])
    const roll = shown.positions[0]!.adjustments.find((a) => a.kind === 'roll')!
    // +320 premium; costs 2 × 2.00 + 4 × 1.32.
    expect(roll).toMatchObject({
      cash: '320',
      fees: '9.28',
      occurredAt: '2025-05-19T18:05:40.000Z',
    })

    const wet = wingman('import-trades', '--db', db, FIXTURE, '--json')
    expect(wet.code, wet.err).toBe(0)
    const written = JSON.parse(wet.out) as Printed
    expect(written).toMatchObject({ written: true, inserted: 20, duplicates: 0, rejected: [] })
    expect(written.positions.map((p) => p.id)).toEqual([1, 2])

    const again = wingman('import-trades', '--db', db, FIXTURE)
    expect(again.code, again.err).toBe(0)
    expect(again.out).toMatch(/0 new, 20 already in the journal/)
  })

  it('exits 2 and writes nothing when a row cannot be read, unless --accept-readable', () => {
    const dir = tmp()
    const db = join(dir, 'j.sqlite')
    expect(wingman('init', '--db', db, '--empty').code).toBe(0)
    const file = join(dir, 'broken.csv')
    const lines = readFileSync(FIXTURE, 'utf8').split('\n')
    lines[3] = lines[3]!.replace('"-1,660.00",2,', '"-1,660.00",two,')
    writeFileSync(file, lines.join('\n'))
    const refused = wingman('import-trades', '--db', db, file)
    expect(refused.code).toBe(2)
    expect(refused.out).toMatch(/line 4: /)
    expect(refused.out).toMatch(/Nothing was written/)
    const accepted = wingman('import-trades', '--db', db, file, '--accept-readable', '--json')
    expect(accepted.code, accepted.err).toBe(0)
    expect((JSON.parse(accepted.out) as Printed).inserted).toBe(19)
  })

  it('says what is wrong in the trader’s words', () => {
    const dir = tmp()
    const db = join(dir, 'j.sqlite')
    expect(wingman('init', '--db', db, '--empty').code).toBe(0)
    const file = join(dir, 'notes.csv')
    writeFileSync(file, 'a,b,c\n1,2,3\n')
    const r = wingman('import-trades', '--db', db, file)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/notes\.csv is not a trade export Wingman recognises/)
    expect(wingman('import-trades', '--db', db, file, '--broker', 'etrade').err).toMatch(
      /--broker must be one of tastytrade, thinkorswim/,
    )
    expect(wingman('import-trades', '--db', db, FIXTURE, '--tz', 'Mars/Olympus').err).toMatch(
      /"Mars\/Olympus" is not a time zone/,
    )
    expect(wingman('import-trades', '--help').out).toMatch(/--json prints one object/)
  })
})
