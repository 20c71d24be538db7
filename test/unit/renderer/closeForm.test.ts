import { describe, expect, it } from 'vitest'
import {
  closeErrors,
  closeFormFor,
  closeKind,
  closeRequest,
  legsOf,
  scopesOf,
} from '../../../renderer/src/positions/detail/closeForm.ts'
import { buildDetail } from '../../helpers/positionDetail.ts'

/** A 2-lot condor with a VX future as hedge layer 1, all open. */
const condorWithHedge = () =>
  buildDetail({
    legs: [
      { key: 'lp', optionType: 'put', strike: '7150', quantity: 2, role: 'long_put' },
      { key: 'sp', optionType: 'put', strike: '7200', quantity: -2, role: 'short_put' },
      { key: 'sc', optionType: 'call', strike: '7500', quantity: -2, role: 'short_call' },
      { key: 'lc', optionType: 'call', strike: '7550', quantity: 2, role: 'long_call' },
      {
        key: 'vx',
        instrumentType: 'future',
        root: 'VX',
        expiration: '2026-07-22',
        quantity: 1,
        role: 'hedge',
        hedgeLayerId: 1,
      },
    ],
    trades: [
      {
        kind: 'open',
        at: '2026-06-01T14:30:00.000Z',
        netPrice: '17.85',
        opens: [{ leg: 'lp' }, { leg: 'sp' }, { leg: 'sc' }, { leg: 'lc' }],
      },
      { kind: 'hedge_add', at: '2026-06-22T19:45:00.000Z', opens: [{ leg: 'vx', price: '18.25' }] },
    ],
    hedgeLayers: [{ id: 1, layerNo: 1, status: 'open' }],
  })

const strikes = (legs: { strike: string | null; root: string }[]) =>
  legs.map((l) => l.strike ?? l.root)

describe('close without Evaluate', () => {
  it('closes every open leg for the position, hedges included, and only core calls or puts for a side', () => {
    const d = condorWithHedge()
    expect(strikes(legsOf(d, 'all'))).toEqual(['7150', '7200', '7500', '7550', 'VX'])
    expect(strikes(legsOf(d, 'call'))).toEqual(['7500', '7550'])
    expect(strikes(legsOf(d, 'put'))).toEqual(['7150', '7200'])
    expect(scopesOf(d)).toEqual(['all', 'call', 'put'])
  })

  it('offers no side that is the whole position, and nothing for a flat one', () => {
    const d = condorWithHedge()
    const onlyCalls = {
      ...d,
      legs: d.legs.map((l) => (l.optionType === 'call' ? l : { ...l, openQuantity: 0 })),
    }
    expect(scopesOf(onlyCalls)).toEqual(['all'])
    const flat = { ...d, legs: d.legs.map((l) => ({ ...l, openQuantity: 0 })) }
    expect(scopesOf(flat)).toEqual([])
  })

  it('pre-fills each leg with its open quantity and leaves the prices to type', () => {
    const f = closeFormFor(condorWithHedge(), 'call', '2026-06-22')
    expect(f.rows).toEqual([
      { legId: 3, label: 'SPX 7500 call 2026-07-17', openQuantity: -2, quantity: '2', price: '' },
      { legId: 4, label: 'SPX 7550 call 2026-07-17', openQuantity: 2, quantity: '2', price: '' },
    ])
    expect(f).toMatchObject({ occurredOn: '2026-06-22', time: '16:00', fees: '0' })
  })

  it('maps the form to a trade without a decision: a side is a partial close, everything a close', () => {
    const d = condorWithHedge()
    const side = closeFormFor(d, 'call', '2026-06-22')
    side.rows[0]!.price = '40.10'
    side.rows[1]!.price = ' 22.40 '
    side.fees = '5.20'
    expect(closeRequest(d, side)).toEqual({
      positionId: 1,
      kind: 'partial_close',
      occurredOn: '2026-06-22',
      time: '16:00',
      closes: [
        { legId: 3, quantity: 2, price: '40.10' },
        { legId: 4, quantity: 2, price: '22.40' },
      ],
      fees: '5.20',
      note: '',
    })
    expect(closeErrors(d, side)).toEqual({})

    const all = closeFormFor(d, 'all', '2026-06-22')
    expect(closeKind(d, all)).toBe('close')
    all.rows[0]!.quantity = '1'
    expect(closeKind(d, all)).toBe('partial_close')
  })

  it('names every missing price and a quantity beyond what is open, on their fields', () => {
    const d = condorWithHedge()
    const f = closeFormFor(d, 'put', '2026-06-22')
    f.rows[0]!.quantity = '3'
    f.rows[1]!.price = 'abc'
    f.fees = '-1'
    expect(closeErrors(d, f)).toEqual({
      'closes.0.quantity': 'A whole number from 1 to 2',
      'closes.0.price': 'Enter the price of this leg',
      'closes.1.price': 'Price must be a number ≥ 0 with at most 4 decimals',
      fees: 'Fees must be a number ≥ 0 with at most 4 decimals',
    })
  })
})
