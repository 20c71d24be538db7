import { describe, expect, it } from 'vitest'
import {
  contractName,
  expiryText,
  legName,
  level,
  nyDateTime,
  price,
  signed,
  structureName,
} from '../../../renderer/src/positions/detail/detailFormat.ts'

describe('position page formatting (issue 9, point 10)', () => {
  it('writes prices with at least two decimals, exact beyond, never in exponent notation', () => {
    expect(price('3.4')).toBe('3.40')
    expect(price('1.85')).toBe('1.85')
    expect(price('17')).toBe('17.00')
    expect(price('0.0001')).toBe('0.0001')
    expect(price('-0.0125')).toBe('−0.0125')
    expect(price(null)).toBe('—')
  })

  it('rounds an index level to the cent for display only', () => {
    expect(level('7182.176')).toBe('7182.18')
    expect(level('7517.824')).toBe('7517.82')
    expect(level('7193.5845')).toBe('7193.58')
    expect(level('5000')).toBe('5000.00')
  })

  it('names structures, legs and contracts in words', () => {
    expect(structureName({ root: 'SPXW', structure: 'put_credit_spread' })).toBe(
      'SPXW put credit spread',
    )
    expect(structureName({ root: 'SPX', structure: 'iron_condor' })).toBe('SPX iron condor')
    const call = {
      root: 'SPX',
      strike: '7500',
      optionType: 'call' as const,
      expiration: '2026-07-17',
    }
    const vx = { root: 'VX', strike: null, optionType: null, expiration: '2026-07-22' }
    expect(legName(call)).toBe('7500 call 2026-07-17')
    expect(contractName(call)).toBe('SPX 7500 call 2026-07-17')
    expect(legName(vx)).toBe('VX future 2026-07-22')
    expect(contractName(vx)).toBe('VX future 2026-07-22')
    expect(signed(2)).toBe('+2')
    expect(signed(-2)).toBe('−2')
    expect(signed(0)).toBe('0')
  })

  it('counts days to expiry in New York calendar days', () => {
    expect(expiryText('2026-07-17', '2026-07-03')).toBe('2026-07-17 (14 DTE)')
    expect(expiryText('2026-07-17', '2026-07-17')).toBe('2026-07-17 (0 DTE)')
    expect(expiryText('2026-07-17', '2026-07-18')).toBe('2026-07-17 (expired)')
  })

  it('splits an instant into the New York date and time the correction form edits', () => {
    // 14:30 UTC in June is 10:30 EDT; 21:00 UTC in December is 16:00 EST
    expect(nyDateTime('2026-06-01T14:30:00.000Z')).toEqual({ date: '2026-06-01', time: '10:30' })
    expect(nyDateTime('2026-12-18T21:00:00.000Z')).toEqual({ date: '2026-12-18', time: '16:00' })
    // after midnight UTC, still the previous day in New York
    expect(nyDateTime('2026-06-02T03:15:00.000Z')).toEqual({ date: '2026-06-01', time: '23:15' })
    // New York midnight is 00:00, not 24:00
    expect(nyDateTime('2026-06-02T04:00:00.000Z')).toEqual({ date: '2026-06-02', time: '00:00' })
  })
})
