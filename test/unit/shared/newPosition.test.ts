import { describe, expect, it } from 'vitest'
import { fieldErrors } from '../../../shared/ironCondor.ts'
import {
  CreatePositionSchema,
  impliedNetPriceE4,
  reviewCalendar,
  type CreatePositionInput,
  type NewLegInput,
} from '../../../shared/newPosition.ts'
import { multiplierOf } from '../../../shared/instruments.ts'

const putSpread = (over: Partial<CreatePositionInput> = {}): CreatePositionInput => ({
  structure: 'put_credit_spread',
  entryDate: '2026-11-20',
  legs: [
    {
      instrumentType: 'option',
      root: 'SPXW',
      optionType: 'put',
      strike: '6400',
      expiration: '2026-12-18',
      quantity: 2,
    },
    {
      instrumentType: 'option',
      root: 'SPXW',
      optionType: 'put',
      strike: '6450',
      expiration: '2026-12-18',
      quantity: -2,
    },
  ],
  netPrice: '1.45',
  ...over,
})

function errorsOf(input: unknown): Record<string, string> {
  const r = CreatePositionSchema.safeParse(input)
  return r.success ? {} : fieldErrors(r.error)
}

describe('New position validation', () => {
  it('accepts a put credit spread and fills the defaults', () => {
    const r = CreatePositionSchema.parse(putSpread())
    expect(r).toMatchObject({ time: '16:00', fees: '0', tags: [], notes: '', thesis: '' })
  })

  it('names every problem at once, on its field', () => {
    const e = errorsOf(
      putSpread({
        time: '25:00',
        legs: [
          {
            instrumentType: 'option',
            root: 'SPXW',
            optionType: 'put',
            strike: '6500',
            expiration: '2026-12-18',
            quantity: 2,
          },
          {
            instrumentType: 'option',
            root: 'SPXW',
            optionType: 'put',
            strike: '6450',
            expiration: '2026-11-19',
            quantity: 1.5,
          },
        ],
        fees: '-1',
      }),
    )
    expect(e).toMatchObject({
      time: 'Time must be HH:MM (24-hour, New York)',
      fees: 'Fees must be 0 or more',
      'legs.1.quantity': 'Quantity must be a whole number (+ bought, − sold)',
      'legs.1.expiration': 'Expiration cannot be before the entry date',
    })
  })

  it('checks the strike order of each template', () => {
    expect(
      errorsOf(
        putSpread({
          netPrice: '1',
          legs: putSpread().legs.map((l, i) => ({ ...l, strike: i === 0 ? '6500' : '6450' })),
        }),
      ),
    ).toEqual({
      'legs.1.strike': 'Short put must be above the long put',
    })
    expect(errorsOf(putSpread({ netPrice: '-0.5' }))).toEqual({
      netPrice: 'A credit spread is opened for a credit: enter the net price as a credit',
    })
    expect(errorsOf(putSpread({ netPrice: '50' }))).toEqual({
      netPrice:
        'The credit must be below the width of the spread (otherwise the trade could not lose)',
    })
  })

  it('checks sides and ratios against the template', () => {
    const [a, b] = putSpread().legs as [
      CreatePositionInput['legs'][number],
      CreatePositionInput['legs'][number],
    ]
    expect(errorsOf(putSpread({ legs: [a, { ...b, quantity: 2 }] }))).toEqual({
      'legs.1.quantity': 'Leg 2 of a put credit spread is sold (a negative quantity)',
    })
    expect(errorsOf(putSpread({ legs: [a, { ...b, quantity: -3 }] }))).toEqual({
      'legs.1.quantity': 'Every leg of a put credit spread has the same number of contracts (2)',
    })
    expect(errorsOf(putSpread({ legs: [a] }))).toEqual({ legs: 'A put credit spread has two legs' })
  })

  it('knows a broken wing butterfly: 1/−2/1, one type, unequal wings', () => {
    const fly = (k: [string, string, string], q: [number, number, number] = [1, -2, 1]) => ({
      structure: 'broken_wing_butterfly' as const,
      entryDate: '2026-11-20',
      netPrice: '0.5',
      legs: k.map((strike, i) => ({
        instrumentType: 'option' as const,
        root: 'SPXW' as const,
        optionType: 'put' as const,
        strike,
        expiration: '2026-12-18',
        quantity: q[i]!,
      })),
    })
    expect(errorsOf(fly(['6300', '6400', '6450']))).toEqual({})
    expect(errorsOf(fly(['6350', '6400', '6450']))).toEqual({
      'legs.0.strike':
        'Both wings are 50 wide: a broken wing has one wider wing (use Custom for a plain butterfly)',
    })
    expect(errorsOf(fly(['6300', '6400', '6450'], [2, -2, 2]))).toEqual({
      'legs.1.quantity': 'Leg 2 of a broken wing butterfly has 2× the contracts of leg 1 (4)',
    })
  })

  it('lets a strangle be bought or sold, but not both', () => {
    const s = (q0: number, q1: number) => ({
      structure: 'strangle' as const,
      entryDate: '2026-11-20',
      netPrice: '3',
      legs: [
        {
          instrumentType: 'option' as const,
          root: 'SPX' as const,
          optionType: 'put' as const,
          strike: '6000',
          expiration: '2026-12-18',
          quantity: q0,
        },
        {
          instrumentType: 'option' as const,
          root: 'SPX' as const,
          optionType: 'call' as const,
          strike: '7000',
          expiration: '2026-12-18',
          quantity: q1,
        },
      ],
    })
    expect(errorsOf(s(-1, -1))).toEqual({})
    expect(errorsOf(s(1, 1))).toEqual({})
    expect(errorsOf(s(1, -1))).toEqual({
      'legs.1.quantity': 'Every leg of a strangle is bought, or every leg sold',
    })
  })

  it('asks for an empty strike or expiry, and flags a repeated contract only once it is known', () => {
    const [a, b] = putSpread().legs as [NewLegInput, NewLegInput]
    expect(
      errorsOf(
        putSpread({
          legs: [
            { ...a, strike: '' },
            { ...b, expiration: '' },
          ],
        }),
      ),
    ).toEqual({
      'legs.0.strike': 'Enter the strike',
      'legs.1.expiration': 'Enter the expiration',
    })
    const custom = (legs: NewLegInput[]) =>
      errorsOf({ ...putSpread({ legs }), structure: 'custom' })
    expect(
      custom([
        { ...a, strike: '' },
        { ...b, strike: '' },
      ]),
    ).toEqual({
      'legs.0.strike': 'Enter the strike',
      'legs.1.strike': 'Enter the strike',
    })
    expect(custom([a, { ...a, quantity: -1 }])).toEqual({
      'legs.1.quantity': 'Same contract as leg 1: put both quantities in one leg',
    })
  })

  it('prices: leg prices or a net price, and they must agree', () => {
    const legs = putSpread().legs
    const priced = legs.map((l, i) => ({ ...l, price: i === 0 ? '2.10' : '3.55' }))
    expect(errorsOf(putSpread({ legs: priced, netPrice: undefined }))).toEqual({})
    expect(errorsOf(putSpread({ legs: priced, netPrice: '1.45' }))).toEqual({})
    expect(errorsOf(putSpread({ legs: priced, netPrice: '1.5' }))).toEqual({
      netPrice: 'The leg prices add up to a credit of 1.45 per share, not a credit of 1.5',
    })
    expect(errorsOf(putSpread({ netPrice: undefined }))).toEqual({
      netPrice: 'Give the net price, or a price for every leg',
    })
    expect(errorsOf(putSpread({ legs: [priced[0]!, legs[1]!] }))).toEqual({
      'legs.1.price': 'Give every option leg a price, or none and the net price',
    })
  })

  it('futures: VX only, with their own price, never a net price', () => {
    const fut = (over: Record<string, unknown> = {}) => ({
      structure: 'future',
      entryDate: '2026-11-20',
      legs: [
        {
          instrumentType: 'future',
          root: 'VX',
          expiration: '2026-12-16',
          quantity: -1,
          price: '18.25',
          ...over,
        },
      ],
    })
    expect(errorsOf(fut())).toEqual({})
    expect(errorsOf(fut({ price: undefined }))).toEqual({
      'legs.0.price': "Give the future's entry price (a net price covers options only)",
    })
    expect(errorsOf(fut({ root: 'VIX' }))).toEqual({ 'legs.0.root': 'Futures are VX only' })
    expect(errorsOf(fut({ strike: '20' }))).toEqual({ 'legs.0.strike': 'A future has no strike' })
    expect(errorsOf({ ...fut(), netPrice: '1' })).toEqual({
      netPrice: 'Futures carry their own price: leave the net price empty',
    })
  })

  it('a hedge layer holds VIX-family legs and no position text', () => {
    const e = errorsOf(putSpread({ hedgeOf: 1, tags: ['x'], thesis: 'why' }))
    expect(e).toMatchObject({
      'legs.0.root': 'A hedge layer holds VIX options or VX futures (VIX, VIXW, VX)',
      tags: 'Tags belong to the hedged position: edit them there',
      thesis: 'The thesis belongs to the hedged position: edit it there',
    })
  })
})

describe('implied net price', () => {
  it('divides the premium by the ratio unit', () => {
    // 1/−2/1 fly: buy 1 at 1.00, sell 2 at 2.50, buy 1 at 3.20 → credit 0.80 per fly
    const legs = [
      { instrumentType: 'option', quantity: 1, priceE4: 10_000 },
      { instrumentType: 'option', quantity: -2, priceE4: 25_000 },
      { instrumentType: 'option', quantity: 1, priceE4: 32_000 },
    ]
    expect(impliedNetPriceE4(legs)).toBe(8_000)
    expect(impliedNetPriceE4(legs.map((l) => ({ ...l, quantity: l.quantity * 3 })))).toBe(8_000)
    expect(impliedNetPriceE4([{ instrumentType: 'future', quantity: 1, priceE4: 1 }])).toBeNull()
  })
})

describe('calendar review', () => {
  const today = '2026-11-27'
  it('refuses an entry on a holiday, naming it, and after today', () => {
    expect(reviewCalendar({ entryDate: '2026-11-26' }, { today }).errors.entryDate).toMatch(
      /^2026-11-26 is Thanksgiving/,
    )
    expect(reviewCalendar({ entryDate: '2026-11-30' }, { today }).errors.entryDate).toBe(
      'An entry on 2026-11-30 is after today (2026-11-27)',
    )
  })
  it('refuses an unlisted expiry and warns about an off-grid strike', () => {
    const r = reviewCalendar(
      {
        entryDate: '2026-11-20',
        legs: [
          {
            instrumentType: 'option',
            root: 'SPX',
            optionType: 'put',
            strike: '6402.5',
            expiration: '2026-12-17',
            quantity: 1,
          },
        ],
      },
      { today },
    )
    expect(r.errors['legs.0.expiration']).toMatch(/third Friday/)
    expect(r.warnings).toEqual([
      expect.stringMatching(/^Leg 1: SPX strikes are listed 5 points apart/),
    ])
  })
})

describe('multiplierOf', () => {
  it('is 100 for options and 1000 for VX futures', () => {
    expect(multiplierOf('SPXW', 'option')).toBe(100)
    expect(multiplierOf('VIX', 'option')).toBe(100)
    expect(multiplierOf('VX', 'future')).toBe(1000)
    expect(() => multiplierOf('ES', 'future')).toThrow(RangeError)
  })
})
