import { describe, expect, it } from 'vitest'
import {
  blankHedge,
  checkRequest,
  chooseAction,
  DEFAULT_TIME,
  fillSummary,
  KIND_OF,
  legsFor,
  openLegsOf,
  placeErrors,
  prefill,
  toRequest,
  type LogForm,
} from '../../../renderer/src/decision/logAdjustmentForm.ts'
import { ACTIONS, LogAdjustmentSchema, type DecisionInputs } from '../../../shared/decisions.ts'
import { buildDetail, type LegSpec } from '../../helpers/positionDetail.ts'

/** 7150/7200/7500/7550 × 2 for 17.85 with 1 lot closed, and a VX future as hedge layer 1. */
const CONDOR: LegSpec[] = [
  { key: 'lp', optionType: 'put', strike: '7150', quantity: 2, role: 'long_put' },
  { key: 'sp', optionType: 'put', strike: '7200', quantity: -2, role: 'short_put' },
  { key: 'sc', optionType: 'call', strike: '7500', quantity: -2, role: 'short_call' },
  { key: 'lc', optionType: 'call', strike: '7550', quantity: 2, role: 'long_call' },
]
const detail = buildDetail({
  legs: [
    ...CONDOR,
    {
      key: 'vx',
      instrumentType: 'future',
      root: 'VX',
      quantity: 1,
      expiration: '2026-07-22',
      role: 'hedge',
      hedgeLayerId: 7,
    },
  ],
  trades: [
    {
      kind: 'open',
      at: '2026-06-01T20:00:00.000Z',
      netPrice: '17.85',
      opens: CONDOR.map((l) => ({ leg: l.key })),
    },
    {
      kind: 'partial_close',
      at: '2026-06-10T19:00:00.000Z',
      closes: CONDOR.map((l) => ({ leg: l.key, quantity: 1, price: '1' })),
    },
    { kind: 'hedge_add', at: '2026-06-12T19:00:00.000Z', opens: [{ leg: 'vx', price: '18.25' }] },
  ],
  hedgeLayers: [{ id: 7, layerNo: 1, status: 'open' }],
})
const legId = (strike: string) => detail.legs.find((l) => l.strike === strike)!.id as number
const vxId = detail.legs.find((l) => l.root === 'VX')!.id as number

const inputs: DecisionInputs = {
  positionId: 1,
  date: '2026-06-22',
  rulesetId: 'alvh',
  live: { spot: 7545 },
}

describe('log adjustment form: prefill', () => {
  it('defaults to 16:00, the time the shared schema defaults to', () => {
    expect(DEFAULT_TIME).toBe('16:00')
    expect(prefill('HOLD', detail.legs, '2026-06-22')).toMatchObject({
      action: 'HOLD',
      kind: 'other',
      date: '2026-06-22',
      time: '16:00',
      fees: '0',
      opens: [],
    })
  })

  it('maps every action to an adjustment kind', () => {
    for (const a of ACTIONS)
      expect(LogAdjustmentSchema.shape.kind.safeParse(KIND_OF[a]).success).toBe(true)
    expect(KIND_OF.ROLL_OUT).toBe('roll')
    expect(KIND_OF.CLOSE_CALL_SPREAD).toBe('close')
    expect(KIND_OF.ADD_HEDGE_LAYER).toBe('hedge_add')
  })

  it('offers to close what is still open: 1 of the 2 contracts after the partial close', () => {
    const f = prefill('CLOSE_CALL_SPREAD', detail.legs, '2026-06-22')
    expect(f.closes.map((c) => [c.legId, c.on, c.quantity])).toEqual([
      [legId('7150'), false, '1'],
      [legId('7200'), false, '1'],
      [legId('7500'), true, '1'],
      [legId('7550'), true, '1'],
      [vxId, false, '1'],
    ])
  })

  it('a roll reopens the side it closes with the same role and open size, strike and expiry to edit', () => {
    const f = prefill('ROLL_UP_CALL', detail.legs, '2026-06-22')
    expect(f.kind).toBe('roll')
    expect(
      f.opens.map((o) => [o.role, o.contract, o.strike, o.side, o.quantity, o.replacesLegId]),
    ).toEqual([
      ['short_call', 'call', '7500', 'sell', '1', String(legId('7500'))],
      ['long_call', 'call', '7550', 'buy', '1', String(legId('7550'))],
    ])
    expect(f.opens.every((o) => o.expiration === '')).toBe(true)
  })

  it('CLOSE_ALL ticks every open leg, hedges included; a new layer starts with a VIX call', () => {
    expect(legsFor('CLOSE_ALL', openLegsOf(detail.legs)).length).toBe(5)
    const f = prefill('ADD_HEDGE_LAYER', detail.legs, '2026-06-22')
    expect(f.opens).toHaveLength(1)
    expect(f.opens[0]).toMatchObject({
      role: 'hedge',
      root: 'VIX',
      contract: 'call',
      hedgeLayer: 'new',
    })
  })

  it('choosing another action keeps what was typed and re-prefills the legs', () => {
    const f = {
      ...prefill('HOLD', detail.legs, '2026-06-22'),
      fees: '3.10',
      note: 'n',
      reason: 'r',
      time: '15:30',
    }
    const g = chooseAction(f, 'CLOSE_PUT_SPREAD', detail.legs)
    expect(g).toMatchObject({
      action: 'CLOSE_PUT_SPREAD',
      kind: 'close',
      fees: '3.10',
      note: 'n',
      reason: 'r',
      time: '15:30',
    })
    expect(g.closes.filter((c) => c.on).map((c) => c.legId)).toEqual([legId('7150'), legId('7200')])
  })
})

/** A filled-in roll of the call side up to 7650/7700 on 2026-08-21. */
function rollForm(): LogForm {
  const f = prefill('ROLL_UP_CALL', detail.legs, '2026-06-22')
  return {
    ...f,
    fees: '5.20',
    closes: f.closes.map((c) =>
      c.on ? { ...c, price: c.legId === legId('7500') ? '40' : '20' } : c,
    ),
    opens: f.opens.map((o, i) => ({
      ...o,
      strike: i === 0 ? '7650' : '7700',
      expiration: '2026-08-21',
      price: i === 0 ? '9' : '4.20',
    })),
  }
}

describe('log adjustment form: the request', () => {
  it('maps the form to the request the core takes, signed by side, with the decision', () => {
    const req = toRequest(rollForm(), inputs)
    expect(req).toEqual({
      kind: 'roll',
      occurredOn: '2026-06-22',
      time: '16:00',
      closes: [
        { legId: legId('7500'), quantity: 1, price: '40' },
        { legId: legId('7550'), quantity: 1, price: '20' },
      ],
      opens: [
        {
          role: 'short_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7650',
          expiration: '2026-08-21',
          quantity: -1,
          price: '9',
          replacesLegId: legId('7500'),
        },
        {
          role: 'long_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7700',
          expiration: '2026-08-21',
          quantity: 1,
          price: '4.20',
          replacesLegId: legId('7550'),
        },
      ],
      fees: '5.20',
      note: '',
      decision: { inputs, actionTaken: 'ROLL_UP_CALL', reason: '' },
    })
    expect(checkRequest(req)).toEqual({})
  })

  it('a VX future goes without strike or option type, into the layer chosen', () => {
    const hedge = {
      ...blankHedge(),
      contract: 'future' as const,
      root: 'vx',
      strike: '25',
      expiration: '2026-07-22',
      price: '18.5',
      hedgeLayer: '1',
    }
    const req = toRequest(
      { ...prefill('ADJUST_HEDGE_LAYER', detail.legs, '2026-06-22'), opens: [hedge] },
      inputs,
    )
    expect(req.opens).toEqual([
      {
        role: 'hedge',
        instrumentType: 'future',
        root: 'VX',
        expiration: '2026-07-22',
        quantity: 1,
        price: '18.5',
        hedgeLayer: 1,
      },
    ])
    expect(checkRequest(req)).toEqual({})
  })

  it('refuses empty fields before sending, in words, on the rows they belong to', () => {
    const f = rollForm()
    const bad: LogForm = {
      ...f,
      closes: f.closes.map((c) =>
        c.legId === legId('7550') ? { ...c, price: '', quantity: 'two' } : c,
      ),
      opens: f.opens.map((o, i) => (i === 1 ? { ...o, expiration: '', price: '' } : o)),
    }
    const fields = checkRequest(toRequest(bad, inputs))
    expect(fields).toEqual({
      'closes.1.quantity': 'Contracts must be a whole number above 0',
      'closes.1.price': 'Enter the price',
      'opens.1.expiration': 'Enter the expiration date',
      'opens.1.price': 'Enter the price',
    })
    const placed = placeErrors(bad, fields)
    // closes.1 is the second *ticked* row: the 7550 call
    expect(placed.closes).toEqual(
      new Map([
        [
          legId('7550'),
          'Contracts: Contracts must be a whole number above 0 · Price: Enter the price',
        ],
      ]),
    )
    expect(placed.opens).toEqual(
      new Map([
        [bad.opens[1]!.key, 'Expiration: Enter the expiration date · Price: Enter the price'],
      ]),
    )
    expect(placed.other).toEqual({})
  })

  it('places the core’s own refusals the same way; the rest stay by their path', () => {
    const f = rollForm()
    const placed = placeErrors(f, {
      'decision.reason': 'Required when overriding the recommendation (CLOSE_CALL_SPREAD)',
      'closes.0.quantity': 'Only 1 contract of this leg is open',
    })
    expect(placed.closes.get(legId('7500'))).toBe('Contracts: Only 1 contract of this leg is open')
    expect(placed.other).toEqual({
      'decision.reason': 'Required when overriding the recommendation (CLOSE_CALL_SPREAD)',
    })
  })

  it('says what will be recorded', () => {
    expect(fillSummary(rollForm())).toBe('2 legs closed, 2 legs opened')
    expect(fillSummary(prefill('HOLD', detail.legs, '2026-06-22'))).toBe(
      'No fills: only the decision is recorded',
    )
  })
})
