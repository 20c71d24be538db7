import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { condorInput } from '../../helpers/builders.ts'
import { openTestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

function wingman(...args: string[]) {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('wingman expire', () => {
  const tmp = useTempDir()

  it('shows with --dry-run, then books, the expiry of a past SPXW condor at the stored close', async () => {
    const dir = tmp()
    const j = openTestJournal(dir, new Date('2026-11-24T15:00:00Z'))
    // SPXW 5800/5850/5900/5950 × 1 for 10.00, expired 2024-12-20 (SPX closed 5930.85)
    const { id } = await j.call(
      'positions:createIronCondor',
      condorInput({
        entryDate: '2024-12-02',
        expiration: '2024-12-20',
        longPut: '5800',
        shortPut: '5850',
        shortCall: '5900',
        longCall: '5950',
        quantity: 1,
        credit: '10',
        fees: '0',
      }),
    )
    j.db.close()
    const path = join(dir, 'journal.sqlite')
    const dry = wingman('expire', '--db', path, '--dry-run')
    expect(dry.code, dry.err).toBe(0)
    const shown = JSON.parse(dry.out) as {
      dryRun: boolean
      expired: number[]
      positions: {
        positionId: number
        ready: boolean
        legs: { strike: string; price: string; cash: string }[]
      }[]
    }
    expect(shown).toMatchObject({ dryRun: true, expired: [] })
    expect(shown.positions).toHaveLength(1)
    // the short 5900 call settles at 5930.85 − 5900 = 30.85: −30.85 × 100 = −$3,085
    expect(shown.positions[0]!.legs.find((l) => l.strike === '5900')).toMatchObject({
      price: '30.85',
      cash: '-3085',
    })
    const booked = wingman('expire', '--db', path)
    expect(booked.code, booked.err).toBe(0)
    expect(JSON.parse(booked.out)).toMatchObject({ dryRun: false, expired: [id] })
    // nothing is left to expire
    expect(JSON.parse(wingman('expire', '--db', path, '--dry-run').out).positions).toEqual([])
    const again = openTestJournal(dir, new Date('2026-11-24T15:00:00Z'))
    const page = await again.call('positions:get', { id })
    // 1000 received − 3085 at expiry
    expect(page.summary).toMatchObject({ status: 'closed', figures: { realised: '-2085' } })
    again.db.close()
  })

  it('is listed in wingman --help', () => {
    expect(wingman('--help').out).toMatch(/^ {2}expire /m)
    expect(wingman('expire', '--help').out).toContain('wingman expire --db PATH [--dry-run]')
  })
})
