import { describe, expect, it } from 'vitest'
import { parseRoute } from '../../../renderer/src/lib/router.ts'
import {
  deltaText,
  hedgeText,
  openPnlKind,
  openPnlNote,
  penetrationLevel,
  penetrationText,
  spotText,
  staleText,
} from '../../../renderer/src/today/todayFormat.ts'

describe('Today page formatting (issue 16)', () => {
  it('writes penetration as a whole percent with a true minus', () => {
    // (7482.71 − 7400) / 50 and (6550 − 7482.71) / 50
    expect(penetrationText((7482.71 - 7400) / 50)).toBe('165 %')
    expect(penetrationText((6550 - 7482.71) / 50)).toBe('−1865 %')
    expect(penetrationText(0)).toBe('0 %')
    expect(penetrationText(-0.004)).toBe('0 %')
    expect(penetrationText(null)).toBe('—')
  })

  it('marks a wing tested from the short strike and deep from 80 % of the wing', () => {
    expect(penetrationLevel(-0.01)).toBeNull()
    expect(penetrationLevel(0)).toBe('tested')
    expect(penetrationLevel(0.7999)).toBe('tested')
    expect(penetrationLevel(0.8)).toBe('deep')
    expect(penetrationLevel(1.6542)).toBe('deep')
    expect(penetrationLevel(null)).toBeNull()
    expect(penetrationLevel(Number.NaN)).toBeNull()
  })

  it('writes deltas, spot and hedge layers for reading', () => {
    expect(deltaText(0.5912)).toBe('0.59')
    expect(deltaText(-0.0512)).toBe('−0.05')
    expect(deltaText(-0.001)).toBe('0.00')
    expect(deltaText(null)).toBe('—')
    expect(spotText(7482.71)).toBe('7,482.71')
    expect(spotText(5667.2)).toBe('5,667.20')
    expect(spotText(null)).toBe('—')
    expect(hedgeText(0)).toBe('—')
    expect(hedgeText(1)).toBe('1 layer')
    expect(hedgeText(2)).toBe('2 layers')
  })

  it('labels the open P&L by what it is, from the core’s note, with its date', () => {
    const model = 'model value (Black–Scholes on the stored close and VIX-based IV)'
    expect(openPnlKind(model)).toBe('model')
    expect(openPnlKind('at the marks you entered')).toBe('your marks')
    expect(openPnlKind('at the stored settlement')).toBe('settlement')
    expect(openPnlKind('No mark for 1 open leg(s): no stored VX settlement')).toBe('no mark')
    expect(openPnlKind(null)).toBe('')
    expect(openPnlNote({ openPnlBasis: model, openPnlDate: '2026-07-08' })).toBe(
      `${model}, as of 2026-07-08`,
    )
    expect(openPnlNote({ openPnlBasis: null, openPnlDate: null })).toBe('unknown')
  })

  it('names a stale series with its last date, or says none is stored', () => {
    expect(staleText({ series: 'SPX', lastDate: '2026-07-08' })).toBe('SPX ends 2026-07-08')
    expect(staleText({ series: 'VX futures', lastDate: null })).toBe('VX futures: none stored')
  })
})

describe('Today routes', () => {
  it('lands on the home route without a page, and reads Today and a decide date', () => {
    expect(parseRoute('')).toEqual({ page: 'home' })
    expect(parseRoute('#/')).toEqual({ page: 'home' })
    expect(parseRoute('#/today')).toEqual({ page: 'today' })
    expect(parseRoute('#/today?date=2026-07-08')).toEqual({ page: 'today' })
    expect(parseRoute('#/positions/12')).toEqual({ page: 'position', id: 12, decide: null })
    expect(parseRoute('#/positions/12?decide=2026-07-08')).toEqual({
      page: 'position',
      id: 12,
      decide: '2026-07-08',
    })
    // not a date: no prefill
    expect(parseRoute('#/positions/12?decide=2026-02-30')).toEqual({
      page: 'position',
      id: 12,
      decide: null,
    })
    expect(parseRoute('#/nowhere')).toEqual({ page: 'positions' })
  })
})
