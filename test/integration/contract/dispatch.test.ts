import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { loadMigrations } from '../../../electron/core/db/migrate.ts'
import { CHANNELS } from '../../../shared/channels.ts'
import { contract } from '../../../shared/contract.ts'
import { condorInput } from '../../helpers/builders.ts'
import { useTempDir } from '../../helpers/tmp.ts'

describe('the contract dispatcher', () => {
  const tmp = useTempDir()
  function setup() {
    const path = join(tmp(), 'journal.sqlite')
    const { db } = openJournal(path)
    const logged: string[] = []
    const dispatch = createDispatch(
      createHandlers({ db, databasePath: path, version: '9.9.9', shell: 'browser' }),
      {
        log: (m) => logged.push(m),
      },
    )
    const count = () => (db.prepare('SELECT count(*) AS n FROM positions').get() as { n: number }).n
    return { db, dispatch, count, logged }
  }

  it('has a schema for every channel name and no others', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort())
  })

  it('answers a valid request with { ok: true, value }', async () => {
    const { dispatch, db } = setup()
    expect(await dispatch('app:info', {})).toEqual({
      ok: true,
      value: {
        version: '9.9.9',
        schemaVersion: loadMigrations().length,
        databasePath: expect.stringMatching(/journal\.sqlite$/),
        shell: 'browser',
        readOnly: false,
        problem: null,
      },
    })
    const created = await dispatch('positions:createIronCondor', condorInput())
    expect(created).toEqual({ ok: true, value: { id: 1 } })
    const listed = await dispatch('positions:list', { status: 'open' })
    expect(listed.ok && (listed.value as { positions: unknown[] }).positions.length).toBe(1)
    db.close()
  })

  it('refuses unknown channels', async () => {
    const { dispatch } = setup()
    expect(await dispatch('positions:drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
    expect(await dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
    expect(await dispatch('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
  })

  const badPayloads: [string, unknown, RegExp][] = [
    ['wrong type for a field', { ...condorInput(), quantity: '2' }, /quantity/],
    ['a number where a decimal string is expected', { ...condorInput(), credit: 3.15 }, /credit/],
    ['a missing field', (({ shortCall: _s, ...rest }) => rest)(condorInput()), /shortCall/],
    ['an extra field', { ...condorInput(), isAdmin: true }, /Unrecognized key/],
    ['a huge string', { ...condorInput(), notes: 'x'.repeat(2_000_000) }, /notes/],
    ['a huge strike text', { ...condorInput(), longPut: '9'.repeat(100_000) }, /longPut/],
    ['null', null, /request/],
    ['an array', [condorInput()], /request/],
    ['a string', 'DROP TABLE positions', /request/],
    [
      'prototype pollution keys',
      JSON.parse(`{"__proto__": {"polluted": true}, "underlying": "SPX"}`),
      /./,
    ],
  ]
  for (const [what, payload, field] of badPayloads) {
    it(`refuses ${what} with a VALIDATION error and writes nothing`, async () => {
      const { dispatch, count, db } = setup()
      const r = await dispatch('positions:createIronCondor', payload)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION')
        expect(`${r.error.message} ${JSON.stringify(r.error.fields)}`).toMatch(field)
        expect(r.error.message.length).toBeLessThan(500)
        // in the trader's words: never the channel's name
        expect(r.error.message).not.toMatch(/positions:|createIronCondor/)
      }
      expect(count()).toBe(0)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      db.close()
    })
  }

  it('refuses field-level domain errors with one message per field', async () => {
    const { dispatch, db } = setup()
    const r = await dispatch(
      'positions:createIronCondor',
      condorInput({ shortPut: '6300', credit: '-1', quantity: 0 }),
    )
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          shortPut: 'Short put must be above the long put',
          credit: 'Credit must be 0 or more',
          quantity: 'Quantity must be at least 1',
        },
      },
    })
    db.close()
  })

  it('returns NOT_FOUND for a missing position and validates ids', async () => {
    const { dispatch, db } = setup()
    expect(await dispatch('positions:get', { id: 41 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await dispatch('positions:get', { id: -1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(await dispatch('positions:get', { id: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(await dispatch('positions:list', { status: 'deleted' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    db.close()
  })

  it('turns an unexpected failure into INTERNAL, logged, never a thrown exception', async () => {
    const { dispatch, db, logged } = setup()
    db.close() // every handler now fails inside better-sqlite3
    const r = await dispatch('positions:list', {})
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/^Wingman could not finish this/) },
    })
    expect(!r.ok && r.error.message).not.toMatch(/positions:list/)
    expect(logged).toHaveLength(1)
  })
})
