import { describe, expect, it } from 'vitest'
import { daysBetween, isIsoDate, nyDateOf, nyWallTimeToInstant } from '../../../shared/dates.ts'

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-12-18')).toBe(true)
    expect(isIsoDate('2024-02-29')).toBe(true) // leap year
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2026-13-01')).toBe(false)
    expect(isIsoDate('2026-1-1')).toBe(false)
    expect(isIsoDate('12/18/2026')).toBe(false)
  })
})

describe('New York time', () => {
  it('puts the 16:00 close at 20:00Z in summer (EDT) and 21:00Z in winter (EST)', () => {
    expect(nyWallTimeToInstant('2026-07-01', 16).toISOString()).toBe('2026-07-01T20:00:00.000Z')
    expect(nyWallTimeToInstant('2026-12-01', 16).toISOString()).toBe('2026-12-01T21:00:00.000Z')
  })

  it('handles the DST switch days (2026-03-08 spring forward, 2026-11-01 fall back)', () => {
    expect(nyWallTimeToInstant('2026-03-08', 16).toISOString()).toBe('2026-03-08T20:00:00.000Z')
    expect(nyWallTimeToInstant('2026-11-01', 16).toISOString()).toBe('2026-11-01T21:00:00.000Z')
    expect(nyWallTimeToInstant('2026-03-06', 9, 30).toISOString()).toBe('2026-03-06T14:30:00.000Z')
  })

  it('gives the New York date of an instant, which lags UTC in the evening', () => {
    expect(nyDateOf(new Date('2026-11-24T02:00:00Z'))).toBe('2026-11-23')
    expect(nyDateOf(new Date('2026-11-24T05:00:00Z'))).toBe('2026-11-24')
  })

  it('counts calendar days across DST and year ends', () => {
    expect(daysBetween('2026-11-23', '2026-12-18')).toBe(25)
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('2026-12-18', '2026-12-01')).toBe(-17)
  })
})
