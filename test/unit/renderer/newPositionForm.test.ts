import { describe, expect, it } from 'vitest'
import {
  addLeg,
  canHedge,
  fieldOrder,
  formErrors,
  formFor,
  removeLeg,
  setRoot,
  toRequest,
  updateLeg,
  type NewPositionForm,
} from '../../../renderer/src/positions/newPositionForm.ts'
import { fieldErrors } from '../../../shared/ironCondor.ts'
import { CreatePositionSchema, STRUCTURES } from '../../../shared/newPosition.ts'

const defaults = { accountId: '1', entryDate: '2026-11-20' }

/** Strikes that fit each template's shape. */
const STRIKES: Record<string, string[]> = {
  iron_condor: ['6400', '6450', '7000', '7050'],
  put_credit_spread: ['6400', '6450'],
  call_credit_spread: ['7000', '7050'],
  strangle: ['6400', '7000'],
  straddle: ['6700', '6700'],
  iron_butterfly: ['6600', '6700', '6700', '6800'],
  broken_wing_butterfly: ['6300', '6400', '6450'],
  single_option: ['25'],
  future: [],
}

function filled(structure: keyof typeof STRIKES): NewPositionForm {
  const f = formFor(structure as NewPositionForm['structure'], defaults)
  const isFuture = structure === 'future'
  return {
    ...f,
    expiration: f.root === 'SPXW' ? '2026-12-18' : '2026-12-16',
    quantity: '2',
    netPrice: isFuture ? '' : '1.5',
    legs: f.legs.map((l, i) => ({
      ...l,
      strike: STRIKES[structure]![i] ?? '',
      price: isFuture ? '18.2' : '',
    })),
  }
}

describe('New position form', () => {
  it('pre-fills every template so that, with strikes typed, the shared schema accepts it', () => {
    for (const structure of Object.keys(STRIKES)) {
      const request = toRequest(filled(structure))
      const r = CreatePositionSchema.safeParse(request)
      expect(r.success ? {} : fieldErrors(r.error), structure).toEqual({})
    }
  })

  it('maps a template to signed leg quantities: ratio × the number of structures', () => {
    const r = toRequest(filled('broken_wing_butterfly'))
    expect(r.legs.map((l) => [l.optionType, l.strike, l.quantity])).toEqual([
      ['put', '6300', 2],
      ['put', '6400', -4],
      ['put', '6450', 2],
    ])
    expect(r).toMatchObject({ structure: 'broken_wing_butterfly', netPrice: '1.5', fees: '0' })
    expect(r.legs.every((l) => l.root === 'SPXW' && l.expiration === '2026-12-18')).toBe(true)
  })

  it('flips a strangle as a whole and turns its credit into a debit', () => {
    const f = updateLeg(filled('strangle'), 1, { side: 'buy' })
    expect(f.legs.map((l) => l.side)).toEqual(['buy', 'buy'])
    expect(f.netSide).toBe('debit')
    expect(toRequest(f)).toMatchObject({ netPrice: '-1.5' })
    expect(toRequest(f).legs.map((l) => l.quantity)).toEqual([2, 2])
  })

  it('switches a butterfly between puts and calls together', () => {
    const f = updateLeg(filled('broken_wing_butterfly'), 0, { kind: 'call' })
    expect(f.legs.map((l) => l.kind)).toEqual(['call', 'call', 'call'])
  })

  it('a template follows the form root; futures are VX', () => {
    const f = setRoot(filled('put_credit_spread'), 'SPX')
    expect(toRequest(f).legs.map((l) => l.root)).toEqual(['SPX', 'SPX'])
    expect(formFor('future', defaults).root).toBe('VX')
    expect(toRequest(filled('future')).legs).toEqual([
      {
        instrumentType: 'future',
        root: 'VX',
        expiration: '2026-12-16',
        quantity: 2,
        price: '18.2',
      },
    ])
    expect(toRequest(filled('future')).netPrice).toBeUndefined()
  })

  it("a template's default root, unless the trader chose one", () => {
    const condor = formFor('iron_condor', defaults)
    expect(formFor('single_option', defaults, condor).root).toBe('VIX')
    const spx = setRoot(condor, 'SPX')
    expect(formFor('put_credit_spread', defaults, spx).root).toBe('SPX')
    expect(formFor('future', defaults, spx).root).toBe('VX')
  })

  it('switching to custom keeps the legs typed so far, with their contracts', () => {
    const c = formFor('custom', defaults, filled('put_credit_spread'))
    expect(c.legs.map((l) => [l.kind, l.side, l.quantity, l.strike, l.root, l.expiration])).toEqual(
      [
        ['put', 'buy', '2', '6400', 'SPXW', '2026-12-18'],
        ['put', 'sell', '2', '6450', 'SPXW', '2026-12-18'],
      ],
    )
    const more = addLeg(c)
    expect(more.legs).toHaveLength(3)
    expect(removeLeg(more, 0).legs.map((l) => l.strike)).toEqual(['6450', ''])
    // a custom leg made a future moves to VX
    const fut = updateLeg(c, 0, { kind: 'future' })
    expect(fut.legs[0]!.root).toBe('VX')
    expect(fut.legs[1]!.kind).toBe('put')
  })

  it('offers the hedge option for VIX-family legs only, and then sends no position text', () => {
    expect(canHedge(filled('put_credit_spread'))).toBe(false)
    const vix = {
      ...filled('single_option'),
      hedgeOf: '7',
      tags: 'x',
      thesis: 'why',
      accountId: '1',
    }
    expect(canHedge(vix)).toBe(true)
    const r = toRequest(vix)
    expect(r).toMatchObject({ hedgeOf: 7, tags: [], thesis: '' })
    expect(r.accountId).toBeUndefined()
    // SPX legs with a stale hedge choice are a position of their own
    expect(toRequest({ ...filled('put_credit_spread'), hedgeOf: '7' }).hedgeOf).toBeUndefined()
  })

  it('shows request errors on the form field that holds the value', () => {
    const t = filled('put_credit_spread')
    expect(
      formErrors(t, {
        'legs.0.expiration': 'A',
        'legs.1.expiration': 'B',
        'legs.1.strike': 'C',
        'legs.0.quantity': 'D',
        'legs.0.optionType': 'E',
        'tags.2': 'F',
        entryDate: 'G',
      }),
    ).toEqual({
      expiration: 'A',
      'legs.1.strike': 'C',
      quantity: 'D',
      'legs.0.kind': 'E',
      tags: 'F',
      entryDate: 'G',
    })
    const c = formFor('custom', defaults, t)
    expect(formErrors(c, { 'legs.1.expiration': 'B', 'legs.0.root': 'R' })).toEqual({
      'legs.1.expiration': 'B',
      'legs.0.root': 'R',
    })
  })

  it('lists fields in screen order for focusing the first error', () => {
    const order = fieldOrder(filled('put_credit_spread'))
    expect(order.indexOf('entryDate')).toBeLessThan(order.indexOf('legs.0.strike'))
    expect(order.indexOf('legs.1.price')).toBeLessThan(order.indexOf('netPrice'))
  })

  it('every template has a label, a hint and a root its legs can use', () => {
    for (const t of Object.values(STRUCTURES)) {
      expect(t.label.length * t.hint.length, t.id).toBeGreaterThan(0)
      const f = formFor(t.id, defaults)
      expect(f.legs.length, t.id).toBe(Math.max(t.legs.length, 1))
    }
  })
})
