import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import { openJournal, type Db } from '../../../electron/core/db/connection.ts'
import { getPositionDetail } from '../../../electron/core/db/repositories/positions.ts'
import { createPosition } from '../../../electron/core/services/createPosition.ts'
import { computeLedger } from '../../../shared/ledger.ts'
import { parseE4 } from '../../../shared/money.ts'
import {
  CreatePositionSchema,
  type CreatePositionInput,
  type NewLegInput,
} from '../../../shared/newPosition.ts'
import { DomainError } from '../../../shared/result.ts'
import { useTempDir } from '../../helpers/tmp.ts'

// Friday 2026-11-27, 10:00 in New York: "today" for the calendar checks.
const NOW = new Date('2026-11-27T15:00:00Z')
const DEC = '2026-12-18' // SPX monthly and SPXW expiry (third Friday)
const VIX_DEC = '2026-12-16' // VIX options and VX futures: 30 days before 2027-01-15

const opt = (
  optionType: 'call' | 'put',
  strike: string,
  quantity: number,
  over: Partial<NewLegInput> = {},
): NewLegInput => ({
  instrumentType: 'option',
  root: 'SPXW',
  optionType,
  strike,
  expiration: DEC,
  quantity,
  ...over,
})

const vx = (quantity: number, price: string): NewLegInput => ({
  instrumentType: 'future',
  root: 'VX',
  expiration: VIX_DEC,
  quantity,
  price,
})

function request(over: Partial<CreatePositionInput>): CreatePositionInput {
  return {
    structure: 'put_credit_spread',
    entryDate: '2026-11-20',
    legs: [opt('put', '6400', 2), opt('put', '6450', -2)],
    netPrice: '1.45',
    ...over,
  }
}

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

const TABLES = ['positions', 'legs', 'fills', 'adjustments', 'hedge_layers', 'decisions'] as const
const counts = (db: Db) =>
  Object.fromEntries(TABLES.map((t) => [t, count(db, t)])) as Record<
    (typeof TABLES)[number],
    number
  >

/** The position's money as the ledger sees it, from what was stored. */
function ledgerOf(db: Db, id: number) {
  const d = getPositionDetail(db, id)!
  const e4 = (s: string | null) => (s === null ? null : parseE4(s))
  return computeLedger({
    legs: d.legs.map((l) => ({
      id: l.id,
      instrumentType: l.instrumentType,
      optionType: l.optionType,
      strikeE4: e4(l.strike),
      expiration: l.expiration,
      multiplier: l.multiplier,
      quantity: l.quantity,
      hedgeLayerId: l.hedgeLayerId,
    })),
    fills: d.fills.map((f) => ({
      id: f.id,
      legId: f.legId,
      adjustmentId: f.adjustmentId,
      executedAt: f.executedAt,
      side: f.side,
      effect: f.effect,
      quantity: f.quantity,
      priceE4: e4(f.price),
      feesE4: e4(f.fees)!,
    })),
    adjustments: d.adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      occurredAt: a.occurredAt,
      netPriceE4: e4(a.netPrice),
      feesE4: e4(a.fees)!,
    })),
  })
}

describe('createPosition on a real journal file', () => {
  const tmp = useTempDir()
  const open = () => openJournal(join(tmp(), 'journal.sqlite')).db
  const create = (db: Db, over: Partial<CreatePositionInput>) =>
    createPosition(db, CreatePositionSchema.parse(request(over)), NOW)
  const structureOf = (db: Db, id: number) =>
    db.prepare('SELECT structure, strategy FROM positions WHERE id = ?').get(id)

  it('records a put credit spread at a net price: the combo covers unpriced fills', () => {
    const db = open()
    const { id, warnings } = create(db, { fees: '2.6', tags: ['weekly'], thesis: 'support 6500' })
    expect(warnings).toEqual([])
    expect(structureOf(db, id)).toEqual({ structure: 'put_credit_spread', strategy: 'custom' })
    const d = getPositionDetail(db, id)!
    expect(d.summary).toMatchObject({ underlying: 'SPX', root: 'SPXW', openedOn: '2026-11-20' })
    expect(d.thesis).toBe('support 6500')
    expect(d.legs.map((l) => [l.role, l.optionType, l.strike, l.quantity, l.multiplier])).toEqual([
      ['long_put', 'put', '6400', 2, 100],
      ['short_put', 'put', '6450', -2, 100],
    ])
    // 16:00 New York on 2026-11-20 (EST) is 21:00Z.
    expect(d.adjustments).toEqual([
      expect.objectContaining({
        kind: 'open',
        occurredAt: '2026-11-20T21:00:00.000Z',
        netPrice: '1.45',
        cash: '290',
        fees: '2.6',
      }),
    ])
    expect(d.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['buy', 2, null],
      ['sell', 2, null],
    ])
    expect(ledgerOf(db, id).premiumE4).toBe(290 * 10_000)
    expect(count(db, 'decisions')).toBe(0)
    db.close()
  })

  it('records a strangle with per-leg prices and keeps the net they add up to', () => {
    const db = open()
    const { id } = create(db, {
      structure: 'strangle',
      time: '10:30',
      legs: [
        opt('put', '6000', -1, { root: 'SPX', price: '12.30' }),
        opt('call', '7000', -1, { root: 'SPX', price: '9.80' }),
      ],
      netPrice: undefined,
    })
    const d = getPositionDetail(db, id)!
    expect(d.legs.map((l) => l.role)).toEqual(['short_put', 'short_call'])
    expect(d.fills.map((f) => [f.side, f.price])).toEqual([
      ['sell', '12.3'],
      ['sell', '9.8'],
    ])
    expect(d.adjustments[0]).toMatchObject({
      occurredAt: '2026-11-20T15:30:00.000Z',
      netPrice: '22.1',
      cash: '2210',
    })
    expect(ledgerOf(db, id).premiumE4).toBe(2210 * 10_000)
    db.close()
  })

  it('per-leg prices and a net price must agree; agreeing, both are kept', async () => {
    const db = open()
    const { id } = create(db, {
      legs: [opt('put', '6400', 2, { price: '2.10' }), opt('put', '6450', -2, { price: '3.55' })],
      netPrice: '1.45',
    })
    const d = getPositionDetail(db, id)!
    expect(d.fills.map((f) => f.price)).toEqual(['2.1', '3.55'])
    expect(d.adjustments[0]).toMatchObject({ netPrice: '1.45', cash: '290' })
    db.close()

    const { dispatch } = setup(tmp)
    const r = await dispatch(
      'positions:create',
      request({
        legs: [opt('put', '6400', 2, { price: '2.10' }), opt('put', '6450', -2, { price: '3.55' })],
        netPrice: '1.50',
      }),
    )
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          netPrice: 'The leg prices add up to a credit of 1.45 per share, not a credit of 1.5',
        },
      },
    })
  })

  it('records a broken wing butterfly 1/−2/1 for a net credit per fly', () => {
    const db = open()
    const { id } = create(db, {
      structure: 'broken_wing_butterfly',
      legs: [opt('put', '6300', 3), opt('put', '6400', -6), opt('put', '6450', 3)],
      netPrice: '0.80',
    })
    expect(structureOf(db, id)).toEqual({ structure: 'broken_wing_butterfly', strategy: 'custom' })
    const d = getPositionDetail(db, id)!
    expect(d.legs.map((l) => [l.role, l.strike, l.quantity])).toEqual([
      ['long_put', '6300', 3],
      ['short_put', '6400', -6],
      ['long_put', '6450', 3],
    ])
    // 0.80 per fly × 100 × 3 flies (the ratio unit of 3/−6/3)
    expect(d.adjustments[0]).toMatchObject({ netPrice: '0.8', cash: '240' })
    expect(ledgerOf(db, id).premiumE4).toBe(240 * 10_000)
    db.close()
  })

  it('records a standalone VIX call on VIX, paid for', () => {
    const db = open()
    const { id } = create(db, {
      structure: 'single_option',
      legs: [opt('call', '25', 10, { root: 'VIX', expiration: VIX_DEC, price: '1.25' })],
      netPrice: undefined,
    })
    const d = getPositionDetail(db, id)!
    expect(d.summary).toMatchObject({ underlying: 'VIX', root: 'VIX', longCall: '25' })
    expect(d.legs.map((l) => [l.role, l.root, l.multiplier, l.quantity])).toEqual([
      ['long_call', 'VIX', 100, 10],
    ])
    expect(d.adjustments[0]).toMatchObject({ netPrice: '-1.25', cash: '-1250' })
    db.close()
  })

  it('records a standalone VX future: multiplier 1000, its price on the fill, no cash moved', () => {
    const db = open()
    const { id } = create(db, {
      structure: 'future',
      legs: [vx(-1, '18.25')],
      netPrice: undefined,
      fees: '2.02',
    })
    expect(structureOf(db, id)).toEqual({ structure: 'future', strategy: 'custom' })
    const d = getPositionDetail(db, id)!
    expect(d.summary.underlying).toBe('VIX')
    expect(d.legs.map((l) => [l.role, l.instrumentType, l.root, l.multiplier, l.quantity])).toEqual(
      [['other', 'future', 'VX', 1000, -1]],
    )
    expect(d.fills.map((f) => [f.side, f.price])).toEqual([['sell', '18.25']])
    expect(d.adjustments[0]).toMatchObject({ netPrice: null, cash: '0', fees: '2.02' })
    const ledger = ledgerOf(db, id)
    expect(ledger.premiumE4).toBe(0)
    expect(ledger.realisedE4).toBe(-20_200)
    db.close()
  })

  it('attaches a VX future to an open condor as a new hedge layer, with no decision', () => {
    const db = open()
    const condor = create(db, {
      structure: 'iron_condor',
      entryDate: '2026-11-02',
      legs: [
        opt('put', '6400', 1),
        opt('put', '6450', -1),
        opt('call', '7000', -1),
        opt('call', '7050', 1),
      ],
      netPrice: '3.15',
    }).id
    expect(structureOf(db, condor)).toEqual({ structure: 'iron_condor', strategy: 'iron_condor' })
    const before = counts(db)
    const r = create(db, {
      structure: 'future',
      entryDate: '2026-11-24',
      legs: [vx(2, '17.50')],
      netPrice: undefined,
      hedgeOf: condor,
      notes: 'layer 1 against a vol spike',
    })
    expect(r).toEqual({ id: condor, warnings: [] })
    expect(counts(db)).toEqual({
      ...before,
      legs: before.legs + 1,
      fills: before.fills + 1,
      adjustments: before.adjustments + 1,
      hedge_layers: 1,
    })
    const d = getPositionDetail(db, condor)!
    expect(d.hedgeLayers).toEqual([expect.objectContaining({ layerNo: 1, status: 'open' })])
    const hedgeLeg = d.legs.find((l) => l.hedgeLayerId !== null)!
    expect(hedgeLeg).toMatchObject({ role: 'hedge', root: 'VX', quantity: 2, multiplier: 1000 })
    expect(hedgeLeg.hedgeLayerId).toBe(d.hedgeLayers[0]!.id)
    expect(d.adjustments.map((a) => [a.kind, a.cash, a.note])).toEqual([
      ['open', '315', ''],
      ['hedge_add', '0', 'layer 1 against a vol spike'],
    ])
    // the condor's own line is unchanged by its hedge
    expect(d.summary).toMatchObject({ shortPut: '6450', credit: '3.15', root: 'SPXW' })
    expect(count(db, 'decisions')).toBe(0)
    // a second hedge is layer 2
    create(db, {
      structure: 'single_option',
      entryDate: '2026-11-25',
      legs: [opt('call', '30', 5, { root: 'VIXW', expiration: '2026-12-09', price: '0.65' })],
      netPrice: undefined,
      hedgeOf: condor,
    })
    expect(getPositionDetail(db, condor)!.hedgeLayers.map((l) => l.layerNo)).toEqual([1, 2])
    db.close()
  })

  it('refuses an entry on an NYSE holiday, naming the holiday, and writes nothing', () => {
    const db = open()
    const before = counts(db)
    const err = catchDomain(() => create(db, { entryDate: '2026-11-26' }))
    expect(err.code).toBe('VALIDATION')
    expect(err.fields).toEqual({
      entryDate:
        '2026-11-26 is Thanksgiving Day; the NYSE is closed, so nothing was filled that day',
    })
    expect(err.message).toBe(err.fields!.entryDate)
    expect(counts(db)).toEqual(before)
    db.close()
  })

  it('names the field of each calendar and journal refusal', () => {
    const db = open()
    const fieldsOf = (over: Partial<CreatePositionInput>) =>
      catchDomain(() => create(db, over)).fields
    // an expiry SPX does not list, and an entry after today, all at once
    const both = catchDomain(() =>
      create(db, {
        entryDate: '2026-11-30',
        legs: [
          opt('put', '6400', 2, { root: 'SPX', expiration: '2026-12-17' }),
          opt('put', '6450', -2, { root: 'SPX', expiration: '2026-12-17' }),
        ],
      }),
    )
    expect(Object.keys(both.fields!)).toEqual([
      'entryDate',
      'legs.0.expiration',
      'legs.1.expiration',
    ])
    expect(both.fields!.entryDate).toBe('An entry on 2026-11-30 is after today (2026-11-27)')
    expect(both.message).toBe(
      'An entry on 2026-11-30 is after today (2026-11-27) (and 2 more problems)',
    )
    expect(
      fieldsOf({
        legs: [
          opt('put', '6400', 2, { root: 'SPX', expiration: '2026-12-17' }),
          opt('put', '6450', -2, { root: 'SPX', expiration: '2026-12-17' }),
        ],
      }),
    ).toEqual({
      'legs.0.expiration': expect.stringMatching(/^SPX monthly options expire on the third Friday/),
      'legs.1.expiration': expect.stringMatching(/^SPX monthly options expire on the third Friday/),
    })
    expect(
      fieldsOf({
        structure: 'future',
        legs: [{ ...vx(1, '18'), expiration: '2026-12-17' }],
        netPrice: undefined,
      }),
    ).toEqual({ 'legs.0.expiration': expect.stringMatching(/^VX futures expire on the Wednesday/) })
    expect(
      fieldsOf({ hedgeOf: 42, structure: 'future', legs: [vx(1, '18')], netPrice: undefined }),
    ).toEqual({ hedgeOf: 'No such position' })
    db.close()
  })

  it('refuses a hedge of a closed position, or dated before the position was opened', () => {
    const db = open()
    const a = create(db, { entryDate: '2026-11-20' }).id
    const hedge = (entryDate: string) =>
      catchDomain(() =>
        create(db, {
          structure: 'future',
          entryDate,
          legs: [vx(1, '18')],
          netPrice: undefined,
          hedgeOf: a,
        }),
      ).fields
    expect(hedge('2026-11-19')).toEqual({
      entryDate: 'The position was opened on 2026-11-20; an entry on 2026-11-19 is before that',
    })
    db.prepare("UPDATE positions SET status = 'closed', closed_on = '2026-11-25' WHERE id = ?").run(
      a,
    )
    expect(hedge('2026-11-24')).toEqual({
      hedgeOf: `Position ${a} is closed: a hedge layer attaches to an open position`,
    })
    db.close()
  })

  it('returns strike-grid warnings without refusing', () => {
    const db = open()
    const r = create(db, { legs: [opt('put', '6402.5', 2), opt('put', '6450', -2)] })
    expect(r.warnings).toEqual([
      'Leg 1: SPXW strikes are listed 5 points apart; 6402.5 is not one of them (nearest: 6400 or 6405)',
    ])
    expect(getPositionDetail(db, r.id)!.legs[0]!.strike).toBe('6402.5')
    db.close()
  })

  it('writes nothing when a write fails part-way', () => {
    const db = open()
    create(db, {})
    const before = counts(db)
    db.exec(`CREATE TEMP TRIGGER fail_fill BEFORE INSERT ON fills
             WHEN (SELECT count(*) FROM fills) >= 3
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    expect(() => create(db, {})).toThrow(/injected failure/)
    expect(counts(db)).toEqual(before)
    db.close()
  })

  it('answers through the contract with field errors worded for the trader', async () => {
    const { dispatch } = setup(tmp)
    const ok = await dispatch('positions:create', request({}))
    expect(ok).toEqual({ ok: true, value: { id: 1, warnings: [] } })
    const bad = await dispatch(
      'positions:create',
      request({
        legs: [opt('put', '6500', 2), opt('put', '6450', -2, { expiration: '2026-11-19' })],
      }),
    )
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          'legs.1.strike': 'Short put must be above the long put',
          'legs.1.expiration': 'Expiration cannot be before the entry date',
        },
      },
    })
    const holiday = await dispatch('positions:create', request({ entryDate: '2026-11-26' }))
    expect(holiday).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/^2026-11-26 is Thanksgiving Day/),
      },
    })
  })
})

function setup(tmp: () => string) {
  const path = join(tmp(), 'contract.sqlite')
  const { db } = openJournal(path)
  const dispatch = createDispatch(
    createHandlers({ db, databasePath: path, version: '0', shell: 'browser', now: () => NOW }),
    { log: () => {} },
  )
  return { db, dispatch }
}

function catchDomain(f: () => unknown): DomainError {
  try {
    f()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('expected a DomainError')
}
