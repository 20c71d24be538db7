import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  computeLedger,
  totalPnlE4,
  valueOpenLegs,
  type LedgerFill,
  type LedgerInput,
  type LedgerLeg,
  type LegMark,
} from '../../../shared/ledger.ts'
import { positionFigures } from '../../../shared/positionFigures.ts'

/** e4 units from dollars or points written as a decimal literal in the test. */
const e4 = (v: number) => Math.round(v * 10_000)
const $ = (e: number | null) => (e === null ? null : e / 10_000)

let nextId = 1
function leg(p: Partial<LedgerLeg> & Pick<LedgerLeg, 'quantity'>): LedgerLeg {
  return {
    id: nextId++,
    instrumentType: 'option',
    optionType: 'put',
    strikeE4: e4(5000),
    expiration: '2026-07-17',
    multiplier: 100,
    hedgeLayerId: null,
    ...p,
  }
}
function fill(
  l: LedgerLeg,
  p: Partial<LedgerFill> & Pick<LedgerFill, 'effect' | 'quantity'>,
): LedgerFill {
  const side =
    p.effect === 'open' ? (l.quantity > 0 ? 'buy' : 'sell') : l.quantity > 0 ? 'sell' : 'buy'
  return {
    id: nextId++,
    legId: l.id,
    adjustmentId: null,
    executedAt: '2026-06-01T20:00:00.000Z',
    side,
    priceE4: null,
    feesE4: 0,
    ...p,
  }
}
const mark = (price: number, date = '2026-06-20'): LegMark => ({
  priceE4: e4(price),
  date,
  source: 'model',
})

/** June 2026 SPX condor 7150/7200/7500/7550 × 2 for 17.85 (combo price only), fees $5.20. */
function june2026Condor(perLeg?: [number, number, number, number]) {
  const lp = leg({ optionType: 'put', strikeE4: e4(7150), quantity: 2 })
  const sp = leg({ optionType: 'put', strikeE4: e4(7200), quantity: -2 })
  const sc = leg({ optionType: 'call', strikeE4: e4(7500), quantity: -2 })
  const lc = leg({ optionType: 'call', strikeE4: e4(7550), quantity: 2 })
  const open = {
    id: 1,
    kind: 'open' as const,
    occurredAt: '2026-06-01T20:00:00.000Z',
    netPriceE4: perLeg ? null : e4(17.85),
    feesE4: e4(5.2),
  }
  const legs = [lp, sp, sc, lc]
  const fills = legs.map((l, i) =>
    fill(l, {
      effect: 'open',
      quantity: 2,
      adjustmentId: 1,
      priceE4: perLeg ? e4(perLeg[i]!) : null,
    }),
  )
  return { lp, sp, sc, lc, legs, fills, adjustments: [open] }
}

describe('ledger: an iron condor opened for a net credit', () => {
  it('books the credit as premium, keeps it as the basis of the open legs, and marks the rest', () => {
    const c = june2026Condor()
    const input: LedgerInput = { legs: c.legs, fills: c.fills, adjustments: c.adjustments }
    const l = computeLedger(input)
    // 17.85 × 100 × 2 = $3,570 received; fees $5.20
    expect($(l.premiumE4)).toBe(3570)
    expect($(l.feesE4)).toBe(5.2)
    expect($(l.openBasisE4)).toBe(3570)
    // nothing closed: realised = 3570 − 3570 − 5.20
    expect($(l.realisedE4)).toBe(-5.2)
    // marks 1.00 / 2.50 / 9.00 / 4.20: value = 2 × 100 × (1.00 − 2.50 − 9.00 + 4.20) = −$1,260
    const marks = new Map([
      [c.lp.id, mark(1)],
      [c.sp.id, mark(2.5)],
      [c.sc.id, mark(9)],
      [c.lc.id, mark(4.2)],
    ])
    const o = valueOpenLegs(input, l, marks)
    expect($(o.optionsValueE4)).toBe(-1260)
    expect($(o.openPnlE4)).toBe(3570 - 1260) // +$2,310
    // total = 3570 − 5.20 − 1260 = 2304.80 = realised + open
    expect($(totalPnlE4(l, o))).toBe(2304.8)
    const f = positionFigures(input, marks).wire
    expect(f.structure).toEqual({
      ok: true,
      // max profit = 3570 − 5.20; max loss = 50 × 100 × 2 − 3570 + 5.20 = 6435.20
      maxProfit: '3564.8',
      maxLoss: '6435.2',
      // K2 − C and K3 + C with C = 3564.80 / 200 = 17.824 per share
      breakevens: ['7182.176', '7517.824'],
      netCredit: '3564.8',
    })
    expect(f.openContracts).toBe(2)
    expect(f.openPnlAsOf).toBe('2026-06-20')
  })

  it('a partial close of 1 of 2 lots keeps half the basis and counts 1 contract (STYLE.md bug)', () => {
    const c = june2026Condor()
    // close 1 lot: sell LP 0.20, buy SP 0.90, buy SC 0.70, sell LC 0.10 → 1.30 debit × 100 = −$130
    const closes = [
      fill(c.lp, { effect: 'close', quantity: 1, priceE4: e4(0.2), adjustmentId: 2 }),
      fill(c.sp, { effect: 'close', quantity: 1, priceE4: e4(0.9), adjustmentId: 2 }),
      fill(c.sc, { effect: 'close', quantity: 1, priceE4: e4(0.7), adjustmentId: 2 }),
      fill(c.lc, { effect: 'close', quantity: 1, priceE4: e4(0.1), adjustmentId: 2 }),
    ]
    const adj2 = {
      id: 2,
      kind: 'partial_close' as const,
      occurredAt: '2026-06-10T20:00:00.000Z',
      netPriceE4: null,
      feesE4: e4(2.6),
    }
    const input = {
      legs: c.legs,
      fills: [...c.fills, ...closes],
      adjustments: [...c.adjustments, adj2],
    }
    const l = computeLedger(input)
    expect($(l.premiumE4)).toBe(3570 - 130)
    expect($(l.openBasisE4)).toBe(1785) // half of the 3,570 combo
    // realised = 1785 (half the credit) − 130 − fees 5.20 − 2.60
    expect($(l.realisedE4)).toBe(1785 - 130 - 7.8)
    expect([...l.legs.values()].map((s) => s.openQuantity)).toEqual([1, -1, -1, 1])
    const f = positionFigures(input, new Map()).wire
    expect(f.openContracts).toBe(1)
    // one lot left, cash 3440 − 7.80 = 3432.20: max loss 50 × 100 − 3432.20 = 1567.80
    expect(f.structure).toMatchObject({ ok: true, maxProfit: '3432.2', maxLoss: '1567.8' })
  })
})

describe('ledger: a roll for a debit (STYLE.md: 15.20 debit shows max profit $3,570)', () => {
  // Close the 7500/7550 call spread for 20.00 debit (buy SC 40.00, sell LC 20.00) and open
  // 7600/7650 for 4.80 credit (sell 9.00, buy 4.20): 15.20 debit × 100 × 2 = −$3,040.
  function rolled(perLeg?: [number, number, number, number]) {
    const c = june2026Condor(perLeg)
    const sc2 = leg({ optionType: 'call', strikeE4: e4(7600), quantity: -2 })
    const lc2 = leg({ optionType: 'call', strikeE4: e4(7650), quantity: 2 })
    const at = '2026-06-25T19:00:00.000Z'
    const fills = [
      ...c.fills,
      fill(c.sc, {
        effect: 'close',
        quantity: 2,
        priceE4: e4(40),
        adjustmentId: 2,
        executedAt: at,
      }),
      fill(c.lc, {
        effect: 'close',
        quantity: 2,
        priceE4: e4(20),
        adjustmentId: 2,
        executedAt: at,
      }),
      fill(sc2, { effect: 'open', quantity: 2, priceE4: e4(9), adjustmentId: 2, executedAt: at }),
      fill(lc2, { effect: 'open', quantity: 2, priceE4: e4(4.2), adjustmentId: 2, executedAt: at }),
    ]
    const adjustments = [
      ...c.adjustments,
      { id: 2, kind: 'roll' as const, occurredAt: at, netPriceE4: null, feesE4: 0 },
    ]
    return { c, sc2, lc2, input: { legs: [...c.legs, sc2, lc2], fills, adjustments } }
  }

  it('cards show the position as it stands: net cash $530 (less fees) and the new strikes', () => {
    const { input } = rolled()
    const f = positionFigures(input, new Map()).wire
    expect(f.premium).toBe('530') // 3570 − 3040
    // cash after fees 524.80: max profit 524.80; max loss 50 × 200 − 524.80 = 9475.20;
    // breakevens 7200 − 2.624 and 7600 + 2.624 (524.80 / 200 per share)
    expect(f.structure).toEqual({
      ok: true,
      maxProfit: '524.8',
      maxLoss: '9475.2',
      breakevens: ['7197.376', '7602.624'],
      netCredit: '524.8',
    })
    // the opening was one net price and only its call side is closed: no honest split
    expect(f.realised).toBeNull()
    expect(f.realisedNote).toMatch(/per-leg prices/)
  })

  it('with per-leg opening prices, realised = the closed spread’s credit − its cost', () => {
    // −3.00 + 8.00 + 20.00 − 7.15 = 17.85
    const { c, sc2, lc2, input } = rolled([3, 8, 20, 7.15])
    const l = computeLedger(input)
    expect($(l.premiumE4)).toBe(530)
    // calls opened for 12.85 × 200 = 2570, closed for −4000 → −1430, less fees 5.20
    expect($(l.realisedE4)).toBe(-1430 - 5.2)
    // open basis: puts 5.00 × 200 = 1000, new calls 4.80 × 200 = 960
    expect($(l.openBasisE4)).toBe(1960)
    const marks = new Map([
      [c.lp.id, mark(0.5)],
      [c.sp.id, mark(1)],
      [sc2.id, mark(9)],
      [lc2.id, mark(4.2)],
    ])
    const o = valueOpenLegs(input, l, marks)
    // value = 200 × (0.50 − 1.00 − 9.00 + 4.20) = −1060; open = −1060 + 1960 = 900
    expect($(o.openPnlE4)).toBe(900)
    // total = 530 − 5.20 − 1060 = −535.20 = realised (−1435.20) + open (900)
    expect($(totalPnlE4(l, o))).toBe(-535.2)
  })
})

describe('ledger: futures are not premium', () => {
  it('a long VX future moves no cash when opened; P&L = (exit − entry) × 1000 × quantity', () => {
    const vx = leg({
      instrumentType: 'future',
      optionType: null,
      strikeE4: null,
      multiplier: 1000,
      quantity: 1,
      hedgeLayerId: 7,
    })
    const open = fill(vx, { effect: 'open', quantity: 1, priceE4: e4(14.2) })
    const input = { legs: [vx], fills: [open], adjustments: [] }
    const l = computeLedger(input)
    expect(l.premiumE4).toBe(0) // not −$14,200
    expect(l.realisedE4).toBe(0)
    // marked at the stored VX settlement 15.35: (15.35 − 14.20) × 1000 = +$1,150
    const o = valueOpenLegs(
      input,
      l,
      new Map([[vx.id, { ...mark(15.35), source: 'VX settlement' as const }]]),
    )
    expect($(o.openPnlE4)).toBe(1150)
    expect($(totalPnlE4(l, o))).toBe(1150)
    // closed at 16.05: (16.05 − 14.20) × 1000 = +$1,850
    const close = fill(vx, {
      effect: 'close',
      quantity: 1,
      priceE4: e4(16.05),
      executedAt: '2026-06-05T20:00:00.000Z',
    })
    const closed = computeLedger({ ...input, fills: [open, close] })
    expect($(closed.realisedE4)).toBe(1850)
    expect(closed.premiumE4).toBe(0)
  })

  it('a short future partly bought back: realised on the closed contract, marked on the rest', () => {
    const vx = leg({
      instrumentType: 'future',
      optionType: null,
      strikeE4: null,
      multiplier: 1000,
      quantity: -2,
      hedgeLayerId: 7,
    })
    const fills = [
      fill(vx, { effect: 'open', quantity: 2, priceE4: e4(20) }),
      fill(vx, {
        effect: 'close',
        quantity: 1,
        priceE4: e4(18.5),
        feesE4: e4(2.25),
        executedAt: '2026-06-09T20:00:00.000Z',
      }),
    ]
    const input = { legs: [vx], fills, adjustments: [] }
    const l = computeLedger(input)
    // (20.00 − 18.50) × 1000 × 1 = 1500, less $2.25 fees
    expect($(l.futuresRealisedE4)).toBe(1500)
    expect($(l.realisedE4)).toBe(1497.75)
    // the other contract marked at 19.00: (20.00 − 19.00) × 1000 = +1000
    const o = valueOpenLegs(input, l, new Map([[vx.id, mark(19)]]))
    expect($(o.openPnlE4)).toBe(1000)
    expect($(totalPnlE4(l, o))).toBe(2497.75)
  })

  it('a hedge layer’s figures are its own; the position’s include them', () => {
    const c = june2026Condor()
    const vx = leg({
      instrumentType: 'future',
      optionType: null,
      strikeE4: null,
      multiplier: 1000,
      quantity: 1,
      hedgeLayerId: 3,
    })
    const hedgeAdj = {
      id: 2,
      kind: 'hedge_add' as const,
      occurredAt: '2026-06-03T20:00:00.000Z',
      netPriceE4: null,
      feesE4: e4(1.5),
    }
    const input = {
      legs: [...c.legs, vx],
      fills: [
        ...c.fills,
        fill(vx, { effect: 'open', quantity: 1, priceE4: e4(14.2), adjustmentId: 2 }),
      ],
      adjustments: [...c.adjustments, hedgeAdj],
    }
    const marks = new Map([
      [c.lp.id, mark(1)],
      [c.sp.id, mark(2.5)],
      [c.sc.id, mark(9)],
      [c.lc.id, mark(4.2)],
      [vx.id, mark(15.35)],
    ])
    const f = positionFigures(input, marks).wire
    expect(f.layers).toEqual([
      { hedgeLayerId: 3, realised: '-1.5', openPnl: '1150', total: '1148.5' },
    ])
    // condor total 2304.80 (first test) + layer 1148.50
    expect(f.total).toBe('3453.3')
    expect(f.premium).toBe('3570')
    // the core's figures ignore the layer's fee
    expect(f.structure).toMatchObject({ ok: true, maxProfit: '3564.8' })
  })
})

describe('ledger: expiry', () => {
  it('an expired condor closes at intrinsic values: SPX at 7512.37 costs the call spread 12.37', () => {
    const c = june2026Condor()
    const at = '2026-07-17T20:00:00.000Z'
    const expire = c.legs.map((l) =>
      fill(l, {
        effect: 'close',
        quantity: 2,
        adjustmentId: 2,
        executedAt: at,
        priceE4: l === c.sc ? e4(12.37) : 0,
      }),
    )
    const input = {
      legs: c.legs,
      fills: [...c.fills, ...expire],
      adjustments: [
        ...c.adjustments,
        { id: 2, kind: 'expire' as const, occurredAt: at, netPriceE4: null, feesE4: 0 },
      ],
    }
    const f = positionFigures(input, new Map()).wire
    // 3570 − 12.37 × 100 × 2 − 5.20 = 3570 − 2474 − 5.20 = 1090.80
    expect(f.realised).toBe('1090.8')
    expect(f.total).toBe('1090.8')
    expect(f.openPnl).toBe('0')
    expect(f.structure).toEqual({ ok: false, reason: 'The position is flat.' })
  })
})

describe('ledger: properties', () => {
  it('total P&L = sum of cash flows + final values, whatever order the records come in', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom('call', 'put', 'future'),
            qty: fc.integer({ min: -5, max: 5 }).filter((q) => q !== 0),
            open: fc.integer({ min: 0, max: 500_000 }),
            closeQty: fc.integer({ min: 0, max: 5 }),
            close: fc.integer({ min: 0, max: 500_000 }),
            mark: fc.integer({ min: 0, max: 500_000 }),
            fees: fc.integer({ min: 0, max: 50_000 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer(),
        (specs, seed) => {
          const legs: LedgerLeg[] = []
          const fills: LedgerFill[] = []
          const marks = new Map<number, LegMark>()
          let expected = 0
          specs.forEach((s, i) => {
            const fut = s.type === 'future'
            const mult = fut ? 1000 : 100
            const l = leg({
              instrumentType: fut ? 'future' : 'option',
              optionType: fut ? null : (s.type as 'call' | 'put'),
              strikeE4: fut ? null : e4(5000 + i),
              multiplier: mult,
              quantity: s.qty,
            })
            legs.push(l)
            const n = Math.abs(s.qty)
            const closeQty = Math.min(s.closeQty, n)
            const sign = s.qty > 0 ? 1 : -1
            fills.push(
              fill(l, {
                effect: 'open',
                quantity: n,
                priceE4: s.open,
                feesE4: s.fees,
                executedAt: `2026-06-0${1 + (i % 5)}T20:00:00.000Z`,
              }),
            )
            if (closeQty)
              fills.push(
                fill(l, {
                  effect: 'close',
                  quantity: closeQty,
                  priceE4: s.close,
                  executedAt: '2026-06-20T20:00:00.000Z',
                }),
              )
            marks.set(l.id, { priceE4: s.mark, date: '2026-06-30', source: 'model' })
            // hand rule: every contract's P&L = sign × (exit or mark − entry) × multiplier
            expected += sign * (s.close - s.open) * mult * closeQty
            expected += sign * (s.mark - s.open) * mult * (n - closeQty)
            expected -= s.fees
          })
          // shuffle the records: the ledger must not depend on their order
          const shuffled = [...fills].sort(
            (a, b) => ((a.id * 7919 + seed) % 13) - ((b.id * 7919 + seed) % 13),
          )
          const input = { legs: [...legs].reverse(), fills: shuffled, adjustments: [] }
          const l = computeLedger(input)
          const o = valueOpenLegs(input, l, marks)
          expect(totalPnlE4(l, o)).toBe(expected)
          expect(l.realisedE4! + o.openPnlE4!).toBe(expected)
        },
      ),
    )
  })
})
