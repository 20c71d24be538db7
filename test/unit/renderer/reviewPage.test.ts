import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ReviewDecisionRow, ReviewPositionRow } from '../../../shared/review/report.ts'
import { summarize } from '../../../shared/review/metrics.ts'
import { usd } from '../../../renderer/src/lib/format.ts'
import { parseRoute } from '../../../renderer/src/lib/router.ts'
import {
  datedPositions,
  equityCurve,
  monthlyCalendar,
  worstDate,
  yearTotal,
  type DatedPnl,
} from '../../../renderer/src/review/equity.ts'
import {
  activeReviewFilterCount,
  decisionDate,
  decisionMatches,
  NO_REVIEW_FILTERS,
  queryFromReviewFilters,
  reviewFiltersFromQuery,
  reviewRequestOf,
} from '../../../renderer/src/review/reviewFilters.ts'
import {
  decisionsCount,
  percent,
  profitFactor,
  signOf,
  usdWhole,
} from '../../../renderer/src/review/reviewFormat.ts'

const q = (text: string) => new URLSearchParams(text)

describe('usd', () => {
  it('writes dollars to the cent with separators and a true minus', () => {
    expect(usd(-2230)).toBe('−$2,230.00')
    expect(usd(1234567.8)).toBe('$1,234,567.80')
    expect(usd(0)).toBe('$0.00')
    expect(usd(null)).toBe('—')
  })
  it('rounds the core’s fourth decimal half away from zero, and never shows −$0.00', () => {
    expect(usd(403.725)).toBe('$403.73')
    expect(usd(-403.725)).toBe('−$403.73')
    expect(usd(-1661.3049)).toBe('−$1,661.30')
    expect(usd(-0.004)).toBe('$0.00')
  })
  it('signs a gain when asked (edges), not zero', () => {
    expect(usd(450, true)).toBe('+$450.00')
    expect(usd(-800, true)).toBe('−$800.00')
    expect(usd(0, true)).toBe('$0.00')
  })
})

describe('review figures in words', () => {
  it('rates, profit factors and whole dollars', () => {
    expect(percent(1 / 3)).toBe('33.3%')
    expect(percent(1)).toBe('100%')
    expect(percent(null)).toBe('—')
    expect(profitFactor({ profitFactor: 0.0317, count: 4, wins: 1 })).toBe('0.03')
    expect(profitFactor({ profitFactor: null, count: 3, wins: 3 })).toBe('no losses')
    expect(profitFactor({ profitFactor: null, count: 0, wins: 0 })).toBe('—')
    expect(usdWhole(-2230.5)).toBe('−$2,231')
    expect(usdWhole(0.4)).toBe('$0')
    expect(usdWhole(12345.49)).toBe('$12,345')
    expect(signOf(-0.001)).toBe('')
    expect(signOf(-5)).toBe('neg')
    expect(decisionsCount(2, 5)).toBe('2 of 5 decisions')
    expect(decisionsCount(1, 1)).toBe('1 decision')
  })
})

const position = (over: Partial<ReviewPositionRow>): ReviewPositionRow => ({
  id: 1,
  status: 'closed',
  openedOn: '2024-12-02',
  closedOn: '2024-12-20',
  realised: 0,
  open: 0,
  fees: 0,
  pnl: 0,
  final: true,
  ...over,
})

describe('datedPositions', () => {
  it('puts a closed position on its closed date, an open one at the as-of, and leaves unknowns out', () => {
    const { items, unknown, start } = datedPositions(
      [
        position({ id: 1, pnl: 500 }),
        position({ id: 2, status: 'open', pnl: 413.76, final: false }),
        position({ id: 3, pnl: null }),
        position({ id: 4, pnl: 10 }), // not in the list: its dates are unknown
      ],
      [
        { id: 1, openedOn: '2024-12-02', closedOn: '2024-12-20' },
        { id: 2, openedOn: '2026-06-15', closedOn: null },
        { id: 3, openedOn: '2024-11-01', closedOn: '2024-12-01' },
      ],
      '2026-07-08',
    )
    expect(items).toEqual([
      { id: 1, date: '2024-12-20', pnl: 500, final: true },
      { id: 2, date: '2026-07-08', pnl: 413.76, final: false },
    ])
    expect(unknown).toEqual([3, 4])
    expect(start).toBe('2024-12-02')
  })
})

describe('equityCurve', () => {
  const scenario: DatedPnl[] = [
    { id: 1, date: '2024-12-20', pnl: 500, final: true },
    { id: 2, date: '2024-12-11', pnl: -2230, final: true },
    { id: 3, date: '2024-12-20', pnl: -300, final: true },
  ]
  it('adds up in time order, one point a day, from 0 on the start date', () => {
    expect(equityCurve(scenario, '2024-12-02')).toEqual([
      { date: '2024-12-02', equity: 0, drawdown: 0 },
      { date: '2024-12-11', equity: -2230, drawdown: -2230 },
      { date: '2024-12-20', equity: -2030, drawdown: -2030 },
    ])
  })
  it('is exact on the fourth decimal (sums in e4, not floats)', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      id: i,
      date: `2025-01-${String(i + 1).padStart(2, '0')}`,
      pnl: 0.1,
      final: true,
    }))
    expect(equityCurve(items).at(-1)?.equity).toBe(1)
  })
  it('ends at the core’s total and reaches its max drawdown when each day has one position', () => {
    const item = fc.record({
      day: fc.integer({ min: 0, max: 3000 }),
      e4: fc.integer({ min: -5e9, max: 5e9 }),
    })
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (x) => x.day, maxLength: 40 }), (xs) => {
        const date = (d: number) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10)
        const items = xs.map((x, i) => ({ id: i, date: date(x.day), pnl: x.e4 / 1e4, final: true }))
        const m = summarize(
          xs.map((x) => ({
            at: date(x.day),
            pnlE4: x.e4,
            edgeVsClosedE4: null,
            edgeVsHeldE4: null,
          })),
        )
        const curve = equityCurve(items)
        expect(curve.at(-1)?.equity ?? 0).toBe(m.totalE4 / 1e4)
        expect(Math.min(0, ...curve.map((p) => p.drawdown))).toBe(m.maxDrawdownE4 / 1e4)
      }),
    )
  })
})

describe('monthlyCalendar', () => {
  it('sums by month and year exactly', () => {
    const cal = monthlyCalendar([
      { id: 1, date: '2024-12-11', pnl: -2230, final: true },
      { id: 2, date: '2024-12-20', pnl: 200, final: true },
      { id: 3, date: '2025-04-04', pnl: -4352.6, final: true },
      { id: 4, date: '2025-06-20', pnl: 297.4, final: true },
    ])
    expect(cal.years).toEqual([2024, 2025])
    expect(cal.months.get('2024-12')).toEqual({ pnl: -2030, count: 2 })
    expect(cal.months.get('2025-05')).toBeUndefined()
    expect(yearTotal(cal, 2025)).toBe(-4055.2)
  })
})

describe('worstDate', () => {
  it('finds the first day a path reaches its worst value', () => {
    const points = [
      { date: '2024-12-04', actual: -750, held: -750 },
      { date: '2024-12-18', actual: -1604.08, held: -804.08 },
      { date: '2024-12-19', actual: -1604.08, held: null },
    ]
    expect(worstDate(points, 'actual', -1604.08)).toBe('2024-12-18')
    expect(worstDate(points, 'held', -804.08)).toBe('2024-12-18')
    expect(worstDate(points, 'held', null)).toBeNull()
  })
})

const decision = (over: Partial<ReviewDecisionRow> = {}): ReviewDecisionRow => ({
  id: 7,
  positionId: 3,
  decidedAt: '2024-12-05T02:30:00.000Z',
  rulesetId: 'mechanical-wing',
  rulesetVersion: 2,
  recommended: 'HOLD',
  taken: 'ROLL_UP_CALL',
  followed: false,
  rule: null,
  actual: null,
  closedAtDecision: null,
  heldToExpiry: null,
  recommendedPath: null,
  edgeVsClosed: null,
  edgeVsHeld: null,
  final: true,
  notes: [],
  ...over,
})

describe('review filters in the address', () => {
  it('has a route of its own', () => {
    expect(parseRoute('#/review')).toEqual({ page: 'review' })
    expect(parseRoute('#/review?followed=overridden')).toEqual({ page: 'review' })
  })
  it('round-trips through the query and drops what the page cannot use', () => {
    const f = reviewFiltersFromQuery(
      q(
        'from=2024-12-01&to=2024-13-01&ruleset=Bad!&action=ROLL_UP_CALL&followed=no&group=vix&decision=12',
      ),
    )
    expect(f).toEqual({
      from: '2024-12-01',
      to: '',
      ruleset: '',
      action: 'ROLL_UP_CALL',
      followed: '',
      group: 'vix',
      decision: '12',
    })
    expect(reviewFiltersFromQuery(queryFromReviewFilters(f))).toEqual(f)
    expect(queryFromReviewFilters(NO_REVIEW_FILTERS).toString()).toBe('')
    expect(reviewFiltersFromQuery(q('group=nope&action=DANCE'))).toEqual(NO_REVIEW_FILTERS)
  })
  it('sends the date range to the core and keeps the rest for the table', () => {
    const f = {
      ...NO_REVIEW_FILTERS,
      from: '2024-01-01',
      action: 'HOLD',
      followed: 'followed' as const,
    }
    expect(reviewRequestOf(f)).toEqual({ from: '2024-01-01' })
    expect(activeReviewFilterCount(f)).toBe(3)
  })
  it('narrows the decisions by ruleset, action taken and followed', () => {
    const d = decision()
    expect(decisionMatches(d, NO_REVIEW_FILTERS)).toBe(true)
    expect(decisionMatches(d, { ...NO_REVIEW_FILTERS, ruleset: 'mechanical-wing' })).toBe(true)
    expect(decisionMatches(d, { ...NO_REVIEW_FILTERS, ruleset: 'other' })).toBe(false)
    expect(decisionMatches(d, { ...NO_REVIEW_FILTERS, action: 'HOLD' })).toBe(false)
    expect(decisionMatches(d, { ...NO_REVIEW_FILTERS, followed: 'overridden' })).toBe(true)
    expect(decisionMatches(d, { ...NO_REVIEW_FILTERS, followed: 'followed' })).toBe(false)
  })
  it('dates a decision in New York', () => {
    expect(decisionDate(decision())).toBe('2024-12-04')
  })
})
