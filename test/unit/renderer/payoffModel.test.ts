import { describe, expect, it } from 'vitest'
import {
  expiryExtremes,
  expiryPnl,
  modelPnl,
  payoffBasis,
  riskLegsOn,
  shortStrikes,
  type PayoffBasis,
} from '../../../renderer/src/charts/payoff/payoffModel.ts'
import { gridPrices, priceGrid } from '../../../renderer/src/charts/payoff/priceGrid.ts'
import type { PositionDetail } from '../../../shared/domain.ts'
import { ledgerInputOf, positionFigures } from '../../../shared/positionFigures.ts'
import { buildDetail, type LegSpec } from '../../helpers/positionDetail.ts'

/**
 * The payoff chart's money comes from the ledger: its curve at expiry and its max profit, max
 * loss and breakevens must be the position's structure figures (the cards) to the cent.
 */

const CONDOR: LegSpec[] = [
  { key: 'lp', optionType: 'put', strike: '7150', quantity: 2, role: 'long_put' },
  { key: 'sp', optionType: 'put', strike: '7200', quantity: -2, role: 'short_put' },
  { key: 'sc', optionType: 'call', strike: '7500', quantity: -2, role: 'short_call' },
  { key: 'lc', optionType: 'call', strike: '7550', quantity: 2, role: 'long_call' },
]
/** 7150/7200/7500/7550 × 2 opened for 17.85 (combo price only), fees $5.20. */
const OPEN = {
  kind: 'open' as const,
  at: '2026-06-01T20:00:00.000Z',
  netPrice: '17.85',
  fees: '5.2',
  opens: CONDOR.map((l) => ({ leg: l.key })),
}

function basisOf(d: PositionDetail): PayoffBasis {
  const b = payoffBasis(d)
  if (!b.ok) throw new Error(b.reason)
  return b.basis
}

/** The cards' structure figures, as the core computes them for the same records. */
const structureOf = (d: PositionDetail) =>
  positionFigures(ledgerInputOf(d), new Map()).wire.structure

/** The chart's figures written as the structure figures are (decimal strings). */
function chartFigures(b: PayoffBasis) {
  const grid = priceGrid(b.legs.map((l) => l.strikeE4 / 10_000))
  const curve = gridPrices(grid).map((price) => ({ price, pnl: expiryPnl(b, price, [], 0) }))
  const x = expiryExtremes(b, curve)!
  const text = (v: number | null) => (v === null ? null : String(v))
  return {
    maxProfit: text(x.maxProfit),
    maxLoss: text(x.maxLoss),
    breakevens: x.breakevens.map(String),
    method: x.method,
  }
}

describe('payoff model: a condor rolled for a debit', () => {
  // Roll the call side up on 2026-06-25: buy back 7500C at 40.00 and sell 7550C at 20.00
  // (20.00 debit), sell 7600C at 9.00 and buy 7650C at 4.20 (4.80 credit): 15.20 debit × 100 × 2
  // = −$3,040, fees $5.20. A VIX call hedge layer bought for 1.50 × 100 × 1 = −$150 is not in the
  // SPX payoff.
  const d = buildDetail({
    legs: [
      ...CONDOR,
      { key: 'nsc', optionType: 'call', strike: '7600', quantity: -2, role: 'short_call' },
      { key: 'nlc', optionType: 'call', strike: '7650', quantity: 2, role: 'long_call' },
      {
        key: 'vix',
        root: 'VIX',
        optionType: 'call',
        strike: '25',
        quantity: 1,
        expiration: '2026-07-22',
        role: 'hedge',
        hedgeLayerId: 9,
      },
    ],
    trades: [
      OPEN,
      {
        kind: 'hedge_add',
        at: '2026-06-10T19:00:00.000Z',
        opens: [{ leg: 'vix', price: '1.5' }],
      },
      {
        kind: 'roll',
        at: '2026-06-25T18:30:00.000Z',
        fees: '5.2',
        closes: [
          { leg: 'sc', quantity: 2, price: '40' },
          { leg: 'lc', quantity: 2, price: '20' },
        ],
        opens: [
          { leg: 'nsc', price: '9' },
          { leg: 'nlc', price: '4.2' },
        ],
      },
    ],
    hedgeLayers: [{ id: 9, layerNo: 1, status: 'open' }],
  })
  const b = basisOf(d)

  it('starts from the core cash: 3,570 − 3,040 − fees 10.40 = $519.60, the hedge left out', () => {
    expect(b.cashE4).toBe(5_196_000)
    expect(b.legs.map((l) => [l.strikeE4 / 10_000, l.openQuantity])).toEqual([
      [7150, 2],
      [7200, -2],
      [7600, -2],
      [7650, 2],
    ])
    expect(b.since).toBe('2026-06-25')
    expect(shortStrikes(b)).toEqual([7200, 7600])
  })

  it('draws the curve at expiry from that cash and the legs as they stand', () => {
    // between the shorts: the cash
    expect(expiryPnl(b, 7400, [], 0)).toBeCloseTo(519.6, 9)
    // below the long put: 519.60 − 50 × 100 × 2
    expect(expiryPnl(b, 7000, [], 0)).toBeCloseTo(-9480.4, 9)
    // 7625: 519.60 − 25 × 100 × 2
    expect(expiryPnl(b, 7625, [], 0)).toBeCloseTo(-4480.4, 9)
  })

  it('agrees with the structure figures: max profit 519.60, max loss 9,480.40, 7197.402 / 7602.598', () => {
    // per share 519.60 / 200 = 2.598: breakevens 7200 − 2.598 and 7600 + 2.598
    const s = structureOf(d)
    expect(s).toEqual({
      ok: true,
      maxProfit: '519.6',
      maxLoss: '9480.4',
      breakevens: ['7197.402', '7602.598'],
      netCredit: '519.6',
    })
    expect(chartFigures(b)).toEqual({
      maxProfit: '519.6',
      maxLoss: '9480.4',
      breakevens: ['7197.402', '7602.598'],
      method: 'exact',
    })
  })
})

describe('payoff model: a condor with 1 of 2 lots closed', () => {
  // Close 1 lot on 2026-06-10: sell LP 0.20, buy SP 0.90, buy SC 0.70, sell LC 0.10 = 1.30 debit
  // × 100 = −$130, fees $2.60. Cash 3,570 − 130 − 5.20 − 2.60 = $3,432.20 on 1 contract.
  const d = buildDetail({
    legs: CONDOR,
    trades: [
      OPEN,
      {
        kind: 'partial_close',
        at: '2026-06-10T19:00:00.000Z',
        fees: '2.6',
        closes: [
          { leg: 'lp', quantity: 1, price: '0.2' },
          { leg: 'sp', quantity: 1, price: '0.9' },
          { leg: 'sc', quantity: 1, price: '0.7' },
          { leg: 'lc', quantity: 1, price: '0.1' },
        ],
      },
    ],
  })
  const b = basisOf(d)

  it('counts the contracts still open, not the 2 opened', () => {
    expect(b.legs.map((l) => l.openQuantity)).toEqual([1, -1, -1, 1])
    expect(b.cashE4).toBe(34_322_000)
  })

  it('agrees with the structure figures: max profit 3,432.20, max loss 1,567.80, 7165.678 / 7534.322', () => {
    // max loss = 50 × 100 × 1 − 3,432.20; per share 34.322: 7200 − 34.322 and 7500 + 34.322
    const s = structureOf(d)
    expect(s).toEqual({
      ok: true,
      maxProfit: '3432.2',
      maxLoss: '1567.8',
      breakevens: ['7165.678', '7534.322'],
      netCredit: '3432.2',
    })
    expect(chartFigures(b)).toEqual({
      maxProfit: '3432.2',
      maxLoss: '1567.8',
      breakevens: ['7165.678', '7534.322'],
      method: 'exact',
    })
    // below the long put: 3,432.20 − 50 × 100
    expect(expiryPnl(b, 7100, [], 0)).toBeCloseTo(-1567.8, 9)
  })

  it('values the open legs on a date as cash + their model value, which at expiry is the payoff', () => {
    const legs = riskLegsOn(b, '2026-07-17', () => 0.2)
    for (const s of [7000, 7180, 7350, 7520, 7700])
      expect(modelPnl(b, legs, s, 0)).toBeCloseTo(expiryPnl(b, s, [], 0), 6)
  })
})

describe('payoff model: what it cannot chart', () => {
  it('a flat position says so', () => {
    const d = buildDetail({
      legs: CONDOR,
      trades: [
        OPEN,
        {
          kind: 'close',
          at: '2026-06-10T19:00:00.000Z',
          closes: CONDOR.map((l) => ({ leg: l.key, quantity: 2, price: '1' })),
        },
      ],
    })
    expect(payoffBasis(d)).toEqual({
      ok: false,
      reason: 'The position has no open option legs to chart.',
    })
  })

  it('a call side rolled out to a later expiry is valued at the first expiry and its extremes sampled', () => {
    const d = buildDetail({
      legs: [
        ...CONDOR,
        {
          key: 'nsc',
          optionType: 'call',
          strike: '7650',
          quantity: -2,
          expiration: '2026-08-21',
        },
        { key: 'nlc', optionType: 'call', strike: '7700', quantity: 2, expiration: '2026-08-21' },
      ],
      trades: [
        OPEN,
        {
          kind: 'roll',
          at: '2026-06-22T19:00:00.000Z',
          closes: [
            { leg: 'sc', quantity: 2, price: '60.1' },
            { leg: 'lc', quantity: 2, price: '32.4' },
          ],
          opens: [
            { leg: 'nsc', price: '48' },
            { leg: 'nlc', price: '35.5' },
          ],
        },
      ],
    })
    const b = basisOf(d)
    expect(b.oneExpiry).toBe(false)
    expect(b.expiry).toBe('2026-07-17')
    expect(structureOf(d).ok).toBe(false)
    const later = riskLegsOn(b, b.expiry, () => 0.15)
    const grid = priceGrid([7150, 7700])
    const curve = gridPrices(grid).map((price) => ({ price, pnl: expiryPnl(b, price, later, 0) }))
    const x = expiryExtremes(b, curve)!
    expect(x.method).toBe('sampled')
    // far below every strike the calls are worthless: cash − 50 × 100 × 2 on the put side
    // cash = 3,570 − 5.20 − (60.10 − 32.40) × 200 + (48 − 35.50) × 200 = 3,564.80 − 5,540 + 2,500 = 524.80
    expect(b.cashE4 / 10_000).toBeCloseTo(524.8, 9)
    expect(expiryPnl(b, 6000, later, 0)).toBeCloseTo(524.8 - 10_000, 2)
    // the rest is read off the sampled curve
    expect(x.maxLoss).toBe(-Math.min(...curve.map((p) => p.pnl)))
    expect(x.maxProfit).toBe(Math.max(...curve.map((p) => p.pnl)))
  })
})
