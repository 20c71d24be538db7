import { describe, expect, it } from 'vitest'
import { formatSignal, legLabel, legShort } from '../../../renderer/src/decision/format.ts'
import { JUDGEMENT_HELP } from '../../../renderer/src/decision/judgement.ts'
import { DISCRETIONARY_FLAGS } from '../../../shared/signals.ts'
import { buildDetail } from '../../helpers/positionDetail.ts'

describe('signal values as the decision panel writes them', () => {
  it('gives prices and credits at least 2 decimals, so 3.40 sits beside 1.85', () => {
    expect(formatSignal(3.4)).toBe('3.40')
    expect(formatSignal(1.85)).toBe('1.85')
    expect(formatSignal(16.055)).toBe('16.06')
    expect(formatSignal(7599.96)).toBe('7599.96')
  })

  it('keeps up to 4 decimals below 1 (a delta, a ratio) and 3 significant digits below 0.01', () => {
    expect(formatSignal(0.9)).toBe('0.90')
    expect(formatSignal(0.87436)).toBe('0.8744')
    expect(formatSignal(0.001134)).toBe('0.00113')
    expect(formatSignal(-0.00004567)).toBe('−0.0000457')
  })

  it('never writes exponent notation, whatever the size', () => {
    for (const v of [1.134e-3, 2.5e-9, -7e-7, 1.5e7, 123456789.25, 1e21 / 7])
      expect(formatSignal(v)).not.toMatch(/e/i)
  })

  it('writes whole numbers (days, issues, a typed spot) as they are, and yes/no', () => {
    expect(formatSignal(7545)).toBe('7545')
    expect(formatSignal(-12)).toBe('−12')
    expect(formatSignal(0)).toBe('0')
    expect(formatSignal(true)).toBe('yes')
    expect(formatSignal(null)).toBe('—')
  })
})

describe('legs in the decision panel and log dialog', () => {
  const d = buildDetail({
    legs: [{ key: 'sc', optionType: 'call', strike: '7500', quantity: -2, role: 'short_call' }],
    trades: [
      { kind: 'open', at: '2026-06-01T20:00:00.000Z', opens: [{ leg: 'sc', price: '30' }] },
      {
        kind: 'partial_close',
        at: '2026-06-10T19:00:00.000Z',
        closes: [{ leg: 'sc', quantity: 1, price: '10' }],
      },
    ],
  })
  const leg = d.legs[0]!

  it('counts the contracts still open, not those opened', () => {
    expect(legLabel(leg)).toBe('SPX 7500 call (short call) −1 · 2026-07-17')
    expect(legLabel({ ...leg, openQuantity: 0 })).toBe(
      'SPX 7500 call (short call) −2, closed · 2026-07-17',
    )
    expect(legShort(leg)).toBe('7500C 07-17')
  })
})

describe('judgement questions', () => {
  it('explain every discretionary flag in one line', () => {
    for (const f of DISCRETIONARY_FLAGS) {
      const help = JUDGEMENT_HELP[f.id]
      expect(help).toMatch(/\?/)
      expect(help).not.toMatch(/\n/)
      expect(help.length).toBeLessThan(120)
    }
    expect(JUDGEMENT_HELP.usd_risk_off).toBe(
      'Is the dollar strengthening as money leaves risk assets? (USD real effective exchange rate)',
    )
  })
})
