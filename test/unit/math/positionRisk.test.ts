import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Leg, LegId } from '../../../shared/domain.ts'
import { condorFigures } from '../../../shared/ironCondorMath.ts'
import { bsmPrice } from '../../../shared/math/bsm.ts'
import { normCdf } from '../../../shared/math/normal.ts'
import {
  dollarGreeks,
  expectedMove,
  expiryProfile,
  payoffAtExpiry,
  positionPnl,
  positionRisk,
  probabilityBetween,
  probabilityOfTouch,
  riskLegsFromJournal,
  wingPenetration,
  type RiskLeg,
} from '../../../shared/math/positionRisk.ts'
import { parseE4 } from '../../../shared/money.ts'

const market = { rate: 0.045, div: 0.013 }
const T = 30 / 365

/** An SPX iron condor, 2 lots: 4800/4850 puts, 5150/5200 calls, 30 DTE. */
function spxCondor(): RiskLeg[] {
  const leg = (kind: 'call' | 'put', strike: number, quantity: number, entryPrice: number) => ({
    kind,
    strike,
    quantity,
    multiplier: 100,
    expiry: T,
    iv: 0.16,
    entryPrice,
  })
  return [
    leg('put', 4800, 2, 4.1),
    leg('put', 4850, -2, 9.5),
    leg('call', 5150, -2, 10.2),
    leg('call', 5200, 2, 3.25),
  ]
}

describe('SPX iron condor, checked by hand', () => {
  // Credit C = 9.50 + 10.20 − 4.10 − 3.25 = 12.35 per share.
  // Max profit = 12.35 × 100 × 2 = $2 470; max loss = (50 − 12.35) × 100 × 2 = $7 530;
  // breakevens 4850 − 12.35 = 4837.65 and 5150 + 12.35 = 5162.35.
  const legs = spxCondor()
  const p = expiryProfile(legs, market)
  it('breakevens are 4837.65 and 5162.35', () => {
    expect(p.breakevens).toHaveLength(2)
    expect(p.breakevens[0]).toBeCloseTo(4837.65, 9)
    expect(p.breakevens[1]).toBeCloseTo(5162.35, 9)
  })
  it('max profit $2 470 and max loss $7 530', () => {
    expect(p.maxProfit).toMatchObject({ kind: 'finite' })
    expect(p.maxProfit.kind === 'finite' && p.maxProfit.value).toBeCloseTo(2470, 9)
    expect(p.maxLoss.kind === 'finite' && p.maxLoss.value).toBeCloseTo(7530, 9)
  })
  it('agrees with the exact e4 figures of shared/ironCondorMath.ts', () => {
    const f = condorFigures([48_000_000, 48_500_000, 51_500_000, 52_000_000], 123_500, 100, 2)
    expect(p.breakevens[0]).toBeCloseTo(f.lowerBreakevenE4 / 1e4, 9)
    expect(p.breakevens[1]).toBeCloseTo(f.upperBreakevenE4 / 1e4, 9)
    expect(p.maxLoss.kind === 'finite' && p.maxLoss.value).toBeCloseTo(f.maxLossE4 / 1e4, 9)
    expect(p.maxProfit.kind === 'finite' && p.maxProfit.value).toBeCloseTo(f.maxProfitE4 / 1e4, 9)
  })
  it('the payoff curve is flat at max profit between the short strikes', () => {
    const curve = payoffAtExpiry(legs, 4850, 5150, 31, market)
    for (const pt of curve) expect(pt.pnl).toBeCloseTo(2470, 9)
  })
  it('wing penetration: −2 below K3 by two wings; 0.5 halfway into the call wing', () => {
    expect(wingPenetration(legs, 5175).call).toBeCloseTo(0.5, 12)
    expect(wingPenetration(legs, 5175).put).toBeCloseTo((4850 - 5175) / 50, 12)
    expect(wingPenetration(legs, 5050).call).toBeCloseTo(-2, 12)
  })
  it('T+0 value and greeks are the sums of the legs, in dollars', () => {
    const s = 5000
    const sum = legs.reduce(
      (a, l) =>
        a +
        l.quantity *
          100 *
          (bsmPrice({
            type: l.kind as 'call' | 'put',
            spot: s,
            strike: l.strike,
            t: T,
            vol: 0.16,
            ...market,
          }) -
            l.entryPrice),
      0,
    )
    expect(positionPnl(legs, s, market, { at: 0 })).toBeCloseTo(sum, 9)
    const g = dollarGreeks(legs, s, market, { at: 0 })
    // A centred condor is short gamma and vega, long theta.
    expect(g.gamma).toBeLessThan(0)
    expect(g.vegaPerPoint).toBeLessThan(0)
    expect(g.thetaPerDay).toBeGreaterThan(0)
    const dS = 0.01
    const fd =
      (positionPnl(legs, s + dS, market, { at: 0 }) -
        positionPnl(legs, s - dS, market, { at: 0 })) /
      (2 * dS)
    expect(g.delta).toBeCloseTo(fd, 6)
  })
  it('summarises: expected move, probability between breakevens, touch probabilities', () => {
    const r = positionRisk(legs, 5000, market)
    expect(r.expectedMove).toBeCloseTo(5000 * 0.16 * Math.sqrt(30 / 365), 9)
    expect(r.probabilityBetweenBreakevens).toBeGreaterThan(0.5)
    expect(r.probabilityBetweenBreakevens).toBeLessThan(0.8)
    expect(r.probabilityOfTouch.map((x) => x.strike)).toEqual([4850, 5150])
    for (const x of r.probabilityOfTouch) {
      // touching is at least as likely as finishing beyond (reflection principle)
      const beyond =
        x.strike > 5000
          ? 1 - probabilityBetween(5000, 1e-9, x.strike, T, 0.16, market)
          : probabilityBetween(5000, 1e-9, x.strike, T, 0.16, market)
      expect(x.probability).toBeGreaterThan(beyond)
      expect(x.probability).toBeLessThan(Math.min(1, 2.2 * beyond))
    }
  })
})

describe('unlimited risk and mixed expiries', () => {
  it('a short call has unlimited loss; a long call unlimited profit', () => {
    const short: RiskLeg = {
      kind: 'call',
      strike: 5100,
      quantity: -1,
      multiplier: 100,
      expiry: T,
      iv: 0.2,
      entryPrice: 20,
    }
    expect(expiryProfile([short], market).maxLoss).toEqual({ kind: 'unlimited' })
    expect(expiryProfile([{ ...short, quantity: 1 }], market).maxProfit).toEqual({
      kind: 'unlimited',
    })
    // short call breakeven: 5100 + 20
    expect(expiryProfile([short], market).breakevens[0]).toBeCloseTo(5120, 9)
  })
  it('a call calendar: breakevens are real zeros of the P&L at the front expiry', () => {
    const front: RiskLeg = {
      kind: 'call',
      strike: 5000,
      quantity: -1,
      multiplier: 100,
      expiry: 7 / 365,
      iv: 0.18,
      entryPrice: 45,
    }
    const back: RiskLeg = { ...front, quantity: 1, expiry: 35 / 365, entryPrice: 95 }
    const legs = [front, back]
    const p = expiryProfile(legs, market)
    expect(p.breakevens).toHaveLength(2)
    for (const b of p.breakevens)
      expect(Math.abs(positionPnl(legs, b, market, { at: 7 / 365 }))).toBeLessThan(1e-3)
    expect(p.maxLoss).toMatchObject({ kind: 'finite' })
    expect(p.maxProfit.kind === 'finite' && p.maxProfit.at).toBeCloseTo(5000, -1)
  })
})

describe('probabilities (risk-neutral lognormal)', () => {
  it('P(between) = Φ(d2(L)) − Φ(d2(U))', () => {
    const d2 = (k: number) =>
      (Math.log(5000 / k) + (market.rate - market.div - 0.5 * 0.04) * T) / (0.2 * Math.sqrt(T))
    expect(probabilityBetween(5000, 4800, 5200, T, 0.2, market)).toBeCloseTo(
      normCdf(d2(4800)) - normCdf(d2(5200)),
      14,
    )
  })
  it('with zero drift the touch probability is twice the finish-beyond probability', () => {
    const vol = 0.25
    const m = { rate: 0.5 * vol * vol, div: 0 } // r − q − σ²/2 = 0
    fc.assert(
      fc.property(fc.double({ min: 1.001, max: 1.5, noNaN: true }), (ratio) => {
        const up = probabilityOfTouch(100, 100 * ratio, 0.5, vol, m)
        const beyond = 1 - normCdf((Math.log(100 / (100 * ratio)) * -1) / (vol * Math.sqrt(0.5)))
        expect(up).toBeCloseTo(2 * (1 - normCdf(Math.log(ratio) / (vol * Math.sqrt(0.5)))), 14)
        expect(up).toBeGreaterThanOrEqual(beyond)
      }),
    )
  })
  it('expected move S·IV·√(DTE/365): 5000 at 16 % over 30 days ≈ 229.35 points (800 × 0.28669)', () => {
    expect(expectedMove(5000, 0.16, 30)).toBeCloseTo(229.35, 2)
  })
})

describe('journal legs', () => {
  it('reads strikes from decimal strings with parseE4, counts open contracts, skips closed legs', () => {
    const base: Leg = {
      id: 1 as LegId,
      role: 'short_put',
      instrumentType: 'option',
      root: 'SPXW',
      optionType: 'put',
      strike: '4850.5',
      expiration: '2026-12-24',
      multiplier: 100,
      quantity: -2,
      openQuantity: -1,
      openedAt: '2026-11-24T15:00:00.000Z',
      closedAt: null,
      replacesLegId: null,
      hedgeLayerId: null,
    }
    const legs = riskLegsFromJournal(
      [base, { ...base, id: 2 as LegId, openQuantity: 0, closedAt: '2026-11-25T15:00:00.000Z' }],
      '2026-11-24',
      () => 0.15,
      () => 9.5,
    )
    expect(legs).toHaveLength(1)
    expect(legs[0]).toMatchObject({
      kind: 'put',
      strike: (parseE4('4850.5') as number) / 1e4,
      // 2 sold, 1 bought back: the risk engine sees the 1 still open
      quantity: -1,
    })
    expect(legs[0]?.expiry).toBeCloseTo(30 / 365, 15)
  })
})
