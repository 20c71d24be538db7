import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatE4, mulE4, parseE4 } from '../../../shared/money.ts'

describe('parseE4', () => {
  it('parses exact decimals into 1e-4 units', () => {
    expect(parseE4('2.35')).toBe(23_500)
    expect(parseE4('5000')).toBe(50_000_000)
    expect(parseE4('0.0001')).toBe(1)
    expect(parseE4('-1.25')).toBe(-12_500)
    expect(parseE4(' 7 ')).toBe(70_000)
  })

  it('is exact where binary floats are not (0.1 + 0.2)', () => {
    expect(parseE4('0.1')! + parseE4('0.2')!).toBe(parseE4('0.3'))
  })

  it('refuses text that is not a plain decimal with at most 4 places', () => {
    for (const bad of [
      '',
      '1.23456',
      '1e3',
      'abc',
      '1,000',
      '--1',
      '.5',
      '5.',
      'NaN',
      'Infinity',
      '0x10',
    ])
      expect(parseE4(bad), bad).toBeNull()
  })

  it('refuses amounts too large to stay exact', () => {
    expect(parseE4('999999999999999')).toBeNull()
  })

  it('never turns -0 into a negative zero', () => {
    expect(Object.is(parseE4('-0'), 0)).toBe(true)
  })
})

describe('formatE4', () => {
  it('writes the shortest exact decimal', () => {
    expect(formatE4(23_500)).toBe('2.35')
    expect(formatE4(50_000_000)).toBe('5000')
    expect(formatE4(-125)).toBe('-0.0125')
    expect(formatE4(0)).toBe('0')
  })

  it('pads to a minimum number of decimals for display', () => {
    expect(formatE4(50_000_000, 2)).toBe('5000.00')
    expect(formatE4(23_500, 2)).toBe('2.35')
    expect(formatE4(12_345, 2)).toBe('1.2345')
  })

  it('round-trips every e4 integer through text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -900_000_000_000_000, max: 900_000_000_000_000 }), (v) => {
        expect(parseE4(formatE4(v))).toBe(v)
      }),
    )
  })
})

describe('mulE4', () => {
  it('multiplies by contract counts and refuses overflow', () => {
    expect(mulE4(31_500, 200)).toBe(6_300_000)
    expect(() => mulE4(900_000_000_000_000, 100)).toThrow(/overflow/)
  })
})
