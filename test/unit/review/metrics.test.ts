import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  EVENT_BUCKETS,
  NOT_RECORDED,
  VIX_BUCKETS,
  eventBucket,
  groupBy,
  summarize,
  termStructureBucket,
  testedSideBucket,
  vixBucket,
  vixFuturesRsiBucket,
  type GroupMetrics,
  type MetricItem,
  type SignalValues,
} from '../../../shared/review/metrics.ts'

/** e4 units from dollars written as a decimal literal in the test. */
const e4 = (dollars: number) => Math.round(dollars * 10_000)

/** An outcome on day `day` of June 2026 (the date alone, read as 00:00 UTC). */
function item(pnlDollars: number, day = 1, edges: Partial<MetricItem> = {}): MetricItem {
  return {
    at: `2026-06-${String(day).padStart(2, '0')}`,
    pnlE4: e4(pnlDollars),
    edgeVsClosedE4: null,
    edgeVsHeldE4: null,
    ...edges,
  }
}

/** Items whose P&L is given directly in e4 units, all at the same instant. */
const rawItems = (pnls: number[]): MetricItem[] =>
  pnls.map((pnlE4) => ({ at: '2026-06-01', pnlE4, edgeVsClosedE4: null, edgeVsHeldE4: null }))

describe('summarize: a worked example', () => {
  // P&L in time order: +300, −120, +80, −500, +40 (dollars).
  const items = [item(300, 1), item(-120, 2), item(80, 3), item(-500, 4), item(40, 5)]
  const m = summarize(items)

  it('counts, rates, means and total', () => {
    // total = 300 − 120 + 80 − 500 + 40 = −200
    // wins: 300, 80, 40 → 3; losses: −120, −500 → 2; win rate 3 / 5 = 0.6
    // avg win = (300 + 80 + 40) / 3 = 420 / 3 = 140; avg loss = (−120 − 500) / 2 = −310
    // expectancy = −200 / 5 = −40 (= 0.6 × 140 + 0.4 × −310 = 84 − 124 = −40)
    expect(m).toMatchObject({
      count: 5,
      wins: 3,
      losses: 2,
      winRate: 0.6,
      avgWinE4: e4(140),
      avgLossE4: e4(-310),
      expectancyE4: e4(-40),
      totalE4: e4(-200),
      small: false,
    })
  })

  it('profit factor = gross wins / |gross losses|', () => {
    // 420 / 620 = 0.677419…
    expect(m.profitFactor).toBeCloseTo(0.677419, 6)
    expect(m.profitFactor).toBe(4_200_000 / 6_200_000)
  })

  it('max drawdown from the running peak of the cumulative P&L', () => {
    // cumulative: 300, 180, 260, −240, −200
    // peak:       300, 300, 300,  300,  300
    // drop:         0, −120, −40, −540, −500 → worst −540
    expect(m.maxDrawdownE4).toBe(e4(-540))
  })

  it('takes the time order from `at`, not from the input order', () => {
    // Same five, given backwards: the figures do not change.
    expect(summarize([...items].reverse())).toEqual(m)
  })

  it('no edges known: sums are null, every item counted as unknown', () => {
    expect(m).toMatchObject({
      edgeVsClosedE4: null,
      edgeVsClosedUnknown: 5,
      edgeVsHeldE4: null,
      edgeVsHeldUnknown: 5,
    })
  })
})

describe('summarize: edge cases', () => {
  it('an empty group: zeros where a sum, null where a ratio or mean', () => {
    expect(summarize([])).toEqual({
      count: 0,
      wins: 0,
      losses: 0,
      winRate: null,
      avgWinE4: null,
      avgLossE4: null,
      expectancyE4: null,
      totalE4: 0,
      profitFactor: null,
      maxDrawdownE4: 0,
      edgeVsClosedE4: null,
      edgeVsClosedUnknown: 0,
      edgeVsHeldE4: null,
      edgeVsHeldUnknown: 0,
      small: true,
    } satisfies GroupMetrics)
  })

  it('a zero P&L is neither a win nor a loss, but counts in the rate and the expectancy', () => {
    // +50, 0, −20: wins 1, losses 1, win rate 1/3; expectancy = 30 / 3 = 10
    const m = summarize([item(50, 1), item(0, 2), item(-20, 3)])
    expect(m).toMatchObject({ count: 3, wins: 1, losses: 1, expectancyE4: e4(10) })
    expect(m.winRate).toBe(1 / 3)
  })

  it('profit factor: null without losses (no "∞"), 0 with losses and no wins', () => {
    expect(summarize([item(100), item(50)]).profitFactor).toBeNull()
    expect(summarize([item(0), item(0)]).profitFactor).toBeNull() // 0 / 0
    expect(summarize([item(-100), item(0)]).profitFactor).toBe(0)
  })

  it('means round half away from zero to a whole e4 unit, never to −0', () => {
    // wins 1 + 2 = 3 over 2 → 1.5 → 2; losses −1 − 2 = −3 over 2 → −1.5 → −2
    const m = summarize(rawItems([1, 2, -1, -2]))
    expect(m.avgWinE4).toBe(2)
    expect(m.avgLossE4).toBe(-2)
    expect(m.expectancyE4).toBe(0) // 0 / 4
    // 1 / 2 = 0.5 → 1 and −1 / 2 = −0.5 → −1 (away from zero, not to even)
    expect(summarize(rawItems([1, 0])).expectancyE4).toBe(1)
    expect(summarize(rawItems([-1, 0])).expectancyE4).toBe(-1)
    // −1 / 3 = −0.33… → 0, and a positive 0
    expect(Object.is(summarize(rawItems([-1, 0, 0])).expectancyE4, 0)).toBe(true)
    // 5 / 3 = 1.67 → 2; −5 / 3 = −1.67 → −2; 4 / 3 = 1.33 → 1
    expect(summarize(rawItems([5, 0, 0])).expectancyE4).toBe(2)
    expect(summarize(rawItems([-5, 0, 0])).expectancyE4).toBe(-2)
    expect(summarize(rawItems([4, 0, 0])).expectancyE4).toBe(1)
  })

  it('rounds exactly where a float quotient would not', () => {
    // a = 3 × 2^51 + 1 = 6_755_399_441_055_745 over 3 items is 2^51 + ⅓ = 2_251_799_813_685_248.33…
    // → 2_251_799_813_685_248. Between 2^51 and 2^52 floats step by ½, so a / 3 in floats is
    // …248.5, and Math.round of it would give …249.
    const a = 3 * 2 ** 51 + 1
    expect(summarize(rawItems([a, 0, 0])).expectancyE4).toBe(2_251_799_813_685_248)
    expect(summarize(rawItems([-a, 0, 0])).expectancyE4).toBe(-2_251_799_813_685_248)
    // (2^53 − 1) / 2 = 4_503_599_627_370_495.5 → …496, away from zero
    const max = Number.MAX_SAFE_INTEGER
    expect(summarize(rawItems([max, 0])).expectancyE4).toBe(4_503_599_627_370_496)
  })

  it('the first item is measured against a peak of 0: an opening loss is a drawdown', () => {
    // −100, +250, −50: cumulative −100, 150, 100; peak 0, 150, 150; drops −100, 0, −50 → −100
    expect(summarize([item(-100, 1), item(250, 2), item(-50, 3)]).maxDrawdownE4).toBe(e4(-100))
  })

  it('the drawdown follows `at` when the input is out of time order', () => {
    // Given: +200 on the 2nd, −100 on the 1st, −100 on the 3rd.
    // Time order −100, +200, −100: cumulative −100, 100, 0; peak 0, 100, 100 → worst −100.
    // (Read in input order it would be 200, 100, 0 → −200.)
    const m = summarize([item(200, 2), item(-100, 1), item(-100, 3)])
    expect(m.maxDrawdownE4).toBe(e4(-100))
  })

  it('equal times keep the input order', () => {
    // A = +100, B = −100 at the same instant, C = −100 a day later.
    // A, B, C: cumulative 100, 0, −100; peak 100 → −200.
    // B, A, C: cumulative −100, 0, −100; peak 0 → −100.
    const a = item(100, 1)
    const b = item(-100, 1)
    const c = item(-100, 2)
    expect(summarize([a, b, c]).maxDrawdownE4).toBe(e4(-200))
    expect(summarize([b, a, c]).maxDrawdownE4).toBe(e4(-100))
  })

  it('instants with offsets are ordered by the moment they name', () => {
    // 22:00 at −04:00 is 02:00Z on the 2nd: after 01:00Z on the 2nd, though its text sorts first.
    const late = { ...item(-100), at: '2026-06-01T22:00:00-04:00' }
    const early = { ...item(100), at: '2026-06-02T01:00:00.000Z' }
    // in time order: +100 then −100 → cumulative 100, 0 → drawdown −100
    expect(summarize([late, early]).maxDrawdownE4).toBe(e4(-100))
  })

  it('refuses a zone-less local time, a non-date and a non-integer amount', () => {
    expect(() => summarize([{ ...item(1), at: '2026-06-01T10:00:00' }])).toThrow(RangeError)
    expect(() => summarize([{ ...item(1), at: 'June 1' }])).toThrow(RangeError)
    expect(() => summarize([{ ...item(1), at: '2026-13-45' }])).toThrow(RangeError)
    expect(() => summarize([{ ...item(1), pnlE4: 1.5 }])).toThrow(RangeError)
    expect(() => summarize([item(1, 1, { edgeVsHeldE4: Number.NaN })])).toThrow(RangeError)
  })

  it('a total past 2^53 throws rather than lose units', () => {
    const max = Number.MAX_SAFE_INTEGER
    expect(() => summarize(rawItems([max, 1]))).toThrow(/overflow/)
  })

  it('sums the known edges and counts the unknown ones', () => {
    // vs closed: +100, unknown, −40 → 60 with 1 unknown; vs held: unknown, −25, unknown → −25, 2
    const m = summarize([
      item(10, 1, { edgeVsClosedE4: e4(100) }),
      item(10, 2, { edgeVsHeldE4: e4(-25) }),
      item(10, 3, { edgeVsClosedE4: e4(-40) }),
    ])
    expect(m).toMatchObject({
      edgeVsClosedE4: e4(60),
      edgeVsClosedUnknown: 1,
      edgeVsHeldE4: e4(-25),
      edgeVsHeldUnknown: 2,
    })
  })

  it('a known edge of 0 is a sum of 0, not null', () => {
    expect(summarize([item(1, 1, { edgeVsClosedE4: 0 })]).edgeVsClosedE4).toBe(0)
  })

  it('fewer than 5 members is small; 5 is not', () => {
    expect(summarize([1, 2, 3, 4].map((d) => item(1, d))).small).toBe(true)
    expect(summarize([1, 2, 3, 4, 5].map((d) => item(1, d))).small).toBe(false)
  })
})

describe('groupBy', () => {
  interface Decision {
    id: number
    day: number
    pnl: number
    action: string
    tags: string[] | null
  }
  const decisions: Decision[] = [
    { id: 1, day: 1, pnl: 300, action: 'HOLD', tags: ['earnings', 'fomc'] },
    { id: 2, day: 2, pnl: -120, action: 'ROLL_OUT', tags: ['fomc', 'fomc'] },
    { id: 3, day: 3, pnl: 80, action: 'HOLD', tags: [] },
    { id: 4, day: 4, pnl: -500, action: 'CLOSE_ALL', tags: null },
  ]
  const outcome = (d: Decision) => item(d.pnl, d.day)

  it('one key per item: a group each, sorted by key', () => {
    const groups = groupBy(decisions, (d) => d.action, outcome)
    expect(groups.map((g) => [g.key, g.metrics.count, g.metrics.totalE4])).toEqual([
      ['CLOSE_ALL', 1, e4(-500)],
      ['HOLD', 2, e4(380)], // 300 + 80
      ['ROLL_OUT', 1, e4(-120)],
    ])
    expect(groups.every((g) => g.metrics.small)).toBe(true)
  })

  it('a list puts the item in each distinct group; null and [] go under "(not recorded)", last', () => {
    const groups = groupBy(decisions, (d) => d.tags, outcome)
    expect(groups.map((g) => [g.key, g.metrics.count, g.metrics.totalE4])).toEqual([
      ['earnings', 1, e4(300)],
      ['fomc', 2, e4(180)], // 300 − 120; decision 2 named it twice and counts once
      [NOT_RECORDED, 2, e4(-420)], // 80 − 500
    ])
  })

  it('each group is the summary of its members, in time order', () => {
    const groups = groupBy(decisions, (d) => d.tags, outcome)
    const fomc = groups.find((g) => g.key === 'fomc')!
    expect(fomc.metrics).toEqual(summarize([item(300, 1), item(-120, 2)]))
  })

  it('`order` puts its keys first, in its order', () => {
    const vix = [12, 35, 17, 22, null, 14]
    const groups = groupBy(
      vix,
      (v) => vixBucket({ vix: v }),
      () => item(1),
      VIX_BUCKETS,
    )
    // by code unit the digits would come before '<' and '≥'; the bucket order is low to high
    expect(groups.map((g) => [g.key, g.metrics.count])).toEqual([
      ['VIX < 15', 2],
      ['VIX 15–20', 1],
      ['VIX 20–30', 1],
      ['VIX ≥ 30', 1],
      [NOT_RECORDED, 1],
    ])
    expect(
      groupBy(
        vix,
        (v) => vixBucket({ vix: v }),
        () => item(1),
      ).map((g) => g.key),
    ).toEqual(['VIX 15–20', 'VIX 20–30', 'VIX < 15', 'VIX ≥ 30', NOT_RECORDED])
  })

  it('no items, no groups', () => {
    expect(
      groupBy(
        [],
        () => 'x',
        () => item(1),
      ),
    ).toEqual([])
  })
})

describe('signal buckets', () => {
  it('VIX: 15, 20 and 30 belong to the bucket above', () => {
    const cases: [number, string][] = [
      [9.1, 'VIX < 15'],
      [14.99, 'VIX < 15'],
      [15, 'VIX 15–20'],
      [19.99, 'VIX 15–20'],
      [20, 'VIX 20–30'],
      [29.99, 'VIX 20–30'],
      [30, 'VIX ≥ 30'],
      [82.69, 'VIX ≥ 30'],
    ]
    for (const [vix, bucket] of cases) expect(vixBucket({ vix }), String(vix)).toBe(bucket)
  })

  it('VIX missing, null, a flag or not finite: no bucket', () => {
    expect(vixBucket({})).toBeNull()
    expect(vixBucket({ vix: null })).toBeNull()
    expect(vixBucket({ vix: true })).toBeNull()
    expect(vixBucket({ vix: Number.NaN })).toBeNull()
  })

  it('RSI: 30 and 70 are in the middle band', () => {
    const band = (r: number) => vixFuturesRsiBucket({ vix_futures_rsi14: r })?.band
    expect(band(29.99)).toBe('RSI < 30')
    expect(band(30)).toBe('RSI 30–70')
    expect(band(70)).toBe('RSI 30–70')
    expect(band(70.01)).toBe('RSI > 70')
  })

  it('RSI: the futures RSI first, the VIX index RSI as the labelled fallback', () => {
    expect(vixFuturesRsiBucket({ vix_futures_rsi14: 75, vix_rsi14: 20 })).toEqual({
      band: 'RSI > 70',
      source: 'vix_futures_rsi14',
    })
    expect(vixFuturesRsiBucket({ vix_futures_rsi14: null, vix_rsi14: 20 })).toEqual({
      band: 'RSI < 30',
      source: 'vix_rsi14',
    })
    expect(vixFuturesRsiBucket({ vix_rsi14: null })).toBeNull()
  })

  it('term structure from VIX/VIX3M: < 1 contango, 1 flat, > 1 backwardation', () => {
    expect(termStructureBucket({ vix_vix3m_ratio: 0.87 })).toBe('contango')
    expect(termStructureBucket({ vix_vix3m_ratio: 1 })).toBe('flat')
    expect(termStructureBucket({ vix_vix3m_ratio: 1.12 })).toBe('backwardation')
    // the ratio wins over the futures curve when both are there
    expect(termStructureBucket({ vix_vix3m_ratio: 1.12, vx1_vx2_contango_pct: 4 })).toBe(
      'backwardation',
    )
  })

  it('term structure falls back to the sign of the VX1/VX2 contango', () => {
    expect(termStructureBucket({ vx1_vx2_contango_pct: 4.2 })).toBe('contango')
    expect(termStructureBucket({ vx1_vx2_contango_pct: 0 })).toBe('flat')
    expect(termStructureBucket({ vix_vix3m_ratio: null, vx1_vx2_contango_pct: -3 })).toBe(
      'backwardation',
    )
    expect(termStructureBucket({})).toBeNull()
  })

  it('events: CPI or FOMC within 2 calendar days (0 = today)', () => {
    const [near, far] = EVENT_BUCKETS
    expect(eventBucket({ days_to_cpi: 0, days_to_fomc: 30 })).toBe(near)
    expect(eventBucket({ days_to_cpi: 2, days_to_fomc: 30 })).toBe(near)
    expect(eventBucket({ days_to_cpi: 3, days_to_fomc: 2 })).toBe(near)
    expect(eventBucket({ days_to_cpi: 3, days_to_fomc: 3 })).toBe(far)
  })

  it('events: one near is enough; "not near" needs both known', () => {
    expect(eventBucket({ days_to_cpi: null, days_to_fomc: 1 })).toBe('CPI or FOMC ≤ 2 days')
    expect(eventBucket({ days_to_cpi: 5 })).toBeNull() // FOMC might be tomorrow
    expect(eventBucket({})).toBeNull()
  })

  it('tested side: wing penetration ≥ 0 or short delta ≥ 0.30 on each side', () => {
    const quiet: SignalValues = {
      call_wing_penetration: -0.4,
      short_call_delta: 0.12,
      put_wing_penetration: -0.6,
      short_put_delta: 0.08,
    }
    expect(testedSideBucket(quiet)).toBe('neither')
    expect(testedSideBucket({ ...quiet, call_wing_penetration: 0 })).toBe('call side tested')
    expect(testedSideBucket({ ...quiet, short_call_delta: 0.3 })).toBe('call side tested')
    expect(testedSideBucket({ ...quiet, short_call_delta: 0.29 })).toBe('neither')
    expect(testedSideBucket({ ...quiet, put_wing_penetration: 0.2 })).toBe('put side tested')
    expect(testedSideBucket({ ...quiet, short_put_delta: 0.3 })).toBe('put side tested')
    expect(testedSideBucket({ ...quiet, call_wing_penetration: 0.1, short_put_delta: 0.35 })).toBe(
      'both',
    )
  })

  it('tested side: one true test is enough for its side; an undecidable side gives null', () => {
    // call tested by penetration though its delta is missing; put known untested
    expect(
      testedSideBucket({
        call_wing_penetration: 0.5,
        short_call_delta: null,
        put_wing_penetration: -0.5,
        short_put_delta: 0.1,
      }),
    ).toBe('call side tested')
    // put delta missing and its penetration below 0: the put side could still be tested
    expect(
      testedSideBucket({
        call_wing_penetration: 0.5,
        put_wing_penetration: -0.5,
      }),
    ).toBeNull()
    expect(testedSideBucket({})).toBeNull()
  })
})

// --- Properties against naive reference implementations -------------------------------------

/** Half away from zero on plain floats: exact for the small amounts the properties draw. */
const roundAway = (x: number) => {
  const r = Math.sign(x) * Math.round(Math.abs(x))
  return r === 0 ? 0 : r
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

/** The definitions, written the slow and obvious way. */
function reference(items: MetricItem[]): GroupMetrics {
  const pnl = items.map((i) => i.pnlE4)
  const winners = pnl.filter((p) => p > 0)
  const losers = pnl.filter((p) => p < 0)
  const n = items.length
  // time order: sort copies by (moment, input position)
  const timed = items
    .map((it, i) => ({ t: new Date(it.at).getTime(), i, p: it.pnlE4 }))
    .sort((a, b) => (a.t !== b.t ? a.t - b.t : a.i - b.i))
  // drawdown at step j = cumulative_j − max(0, cumulative_0..j); O(n²) on purpose
  let drawdown = 0
  for (let j = 0; j < timed.length; j++) {
    const cumAt = (k: number) => sum(timed.slice(0, k + 1).map((x) => x.p))
    let peak = 0
    for (let k = 0; k <= j; k++) peak = Math.max(peak, cumAt(k))
    drawdown = Math.min(drawdown, cumAt(j) - peak)
  }
  const closed = items.map((i) => i.edgeVsClosedE4).filter((e): e is number => e !== null)
  const held = items.map((i) => i.edgeVsHeldE4).filter((e): e is number => e !== null)
  return {
    count: n,
    wins: winners.length,
    losses: losers.length,
    winRate: n ? winners.length / n : null,
    avgWinE4: winners.length ? roundAway(sum(winners) / winners.length) : null,
    avgLossE4: losers.length ? roundAway(sum(losers) / losers.length) : null,
    expectancyE4: n ? roundAway(sum(pnl) / n) : null,
    totalE4: sum(pnl),
    profitFactor: losers.length ? sum(winners) / Math.abs(sum(losers)) : null,
    maxDrawdownE4: drawdown,
    edgeVsClosedE4: closed.length ? sum(closed) : null,
    edgeVsClosedUnknown: n - closed.length,
    edgeVsHeldE4: held.length ? sum(held) : null,
    edgeVsHeldUnknown: n - held.length,
    small: n < 5,
  }
}

// Few distinct moments so that ties are common; dates and instants mixed.
const atArb = fc.oneof(
  fc.integer({ min: 1, max: 9 }).map((d) => `2026-06-0${d}`),
  fc
    .integer({ min: 0, max: 40 })
    .map((h) => new Date(Date.UTC(2026, 5, 1) + h * 6 * 3_600_000).toISOString()),
)
const itemArb = (pnl = fc.integer({ min: -50_000_000, max: 50_000_000 })) =>
  fc.record({
    at: atArb,
    pnlE4: fc.oneof(pnl, fc.constant(0)),
    edgeVsClosedE4: fc.option(fc.integer({ min: -10_000_000, max: 10_000_000 })),
    edgeVsHeldE4: fc.option(fc.integer({ min: -10_000_000, max: 10_000_000 })),
  })
const itemsArb = fc.array(itemArb(), { maxLength: 30 })

describe('summarize: properties', () => {
  it('matches the naive reference on every field', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        expect(summarize(items)).toEqual(reference(items))
      }),
    )
  })

  it('total, wins, losses, means, expectancy and profit factor ignore the order', () => {
    const withShuffle = itemsArb.chain((items) =>
      fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
    )
    fc.assert(
      fc.property(withShuffle, ([items, shuffled]) => {
        const a = summarize(items)
        const b = summarize(shuffled)
        for (const k of [
          'count',
          'totalE4',
          'wins',
          'losses',
          'avgWinE4',
          'avgLossE4',
          'expectancyE4',
          'profitFactor',
          'edgeVsClosedE4',
          'edgeVsHeldE4',
        ] as const)
          expect(b[k], k).toBe(a[k])
      }),
    )
  })

  it('expectancy × count = total exactly when count divides the total', () => {
    fc.assert(
      fc.property(fc.array(itemArb(), { minLength: 1, maxLength: 30 }), (items) => {
        // append one item that makes the total a multiple of the new count
        const n = items.length + 1
        const total = sum(items.map((i) => i.pnlE4))
        const fix = -(((total % n) + n) % n) || 0 // no −0 item
        const all = [...items, { ...items[0]!, pnlE4: fix }]
        const m = summarize(all)
        expect(Math.abs(m.totalE4 % n)).toBe(0)
        expect(m.expectancyE4! * m.count).toBe(m.totalE4)
      }),
    )
  })

  it('expectancy = winRate × avgWin + lossRate × avgLoss, within the roundings (≤ 1 e4)', () => {
    fc.assert(
      fc.property(fc.array(itemArb(), { minLength: 1, maxLength: 30 }), (items) => {
        const m = summarize(items)
        const lossRate = m.losses / m.count
        const identity = m.winRate! * (m.avgWinE4 ?? 0) + lossRate * (m.avgLossE4 ?? 0)
        // each mean is off by ≤ ½ (weights sum to ≤ 1), the expectancy by ≤ ½
        expect(Math.abs(m.expectancyE4! - identity)).toBeLessThanOrEqual(1 + 1e-6)
      }),
    )
  })

  it('profit factor × |gross losses| = gross wins', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const m = summarize(items)
        const grossWins = sum(items.map((i) => Math.max(i.pnlE4, 0)))
        const grossLosses = sum(items.map((i) => Math.min(i.pnlE4, 0)))
        if (grossLosses === 0) expect(m.profitFactor).toBeNull()
        else expect(m.profitFactor! * -grossLosses).toBeCloseTo(grossWins, 4)
      }),
    )
  })

  it('0 ≥ drawdown ≥ −(sum of the losses)', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const m = summarize(items)
        const grossLosses = sum(items.map((i) => Math.min(i.pnlE4, 0)))
        expect(m.maxDrawdownE4).toBeLessThanOrEqual(0)
        expect(m.maxDrawdownE4).toBeGreaterThanOrEqual(grossLosses)
      }),
    )
  })

  it('a series without losses has no drawdown', () => {
    fc.assert(
      fc.property(fc.array(itemArb(fc.integer({ min: 1, max: 50_000_000 }))), (items) => {
        expect(summarize(items).maxDrawdownE4).toBe(0)
      }),
    )
  })

  it('groupBy with one key per item: counts add up to the items, each group its summary', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', null), itemArb()), { maxLength: 30 }),
        (rows) => {
          const groups = groupBy(
            rows,
            ([k]) => k,
            ([, it]) => it,
          )
          expect(sum(groups.map((g) => g.metrics.count))).toBe(rows.length)
          for (const g of groups) {
            const members = rows.filter(([k]) => (k ?? NOT_RECORDED) === g.key).map(([, it]) => it)
            expect(g.metrics).toEqual(reference(members))
          }
        },
      ),
    )
  })
})
