import { describe, expect, it } from 'vitest'
import { formatFutureSymbol, formatOcc, parseFutureSymbol, parseOcc } from '../../../shared/occ.ts'

describe('parseOcc / formatOcc', () => {
  it('reads the padded form: XSP 570 put of 2025-06-20', () => {
    expect(parseOcc('XSP   250620P00570000')).toEqual({
      root: 'XSP',
      expiration: '2025-06-20',
      right: 'put',
      strikeE4: 570_0000, // 00570000 thousandths = 570.000
    })
  })

  it('reads the padded form: SPXW 5700 call of 2026-03-18', () => {
    expect(parseOcc('SPXW  260318C05700000')).toEqual({
      root: 'SPXW',
      expiration: '2026-03-18',
      right: 'call',
      strikeE4: 5700_0000,
    })
  })

  it('reads the compact form and writes it back padded', () => {
    const c = parseOcc('SPXW250702P06185000')
    expect(c).toEqual({ root: 'SPXW', expiration: '2025-07-02', right: 'put', strikeE4: 6185_0000 })
    expect(formatOcc(c!)).toBe('SPXW  250702P06185000')
  })

  it('keeps a half-point strike exact: 157.5', () => {
    const c = parseOcc('IWM   250620C00157500')
    expect(c!.strikeE4).toBe(157_5000)
    expect(
      formatOcc({ root: 'IWM', expiration: '2025-06-20', right: 'call', strikeE4: 157_5000 }),
    ).toBe('IWM   250620C00157500')
  })

  it('round-trips padded and compact symbols', () => {
    for (const symbol of [
      'XSP   250620P00570000',
      'SPXW  260318C05700000',
      'SPX   250620C05950000',
      'VIX   240117C00015000',
      'VIXW  250611P00017500',
      'IWM   250620C00157500',
    ]) {
      expect(formatOcc(parseOcc(symbol)!)).toBe(symbol)
      expect(formatOcc(parseOcc(symbol.replace(/ +/, ''))!)).toBe(symbol)
    }
  })

  it('accepts lower case and surrounding spaces', () => {
    expect(formatOcc(parseOcc('  spxw  260318c05700000 ')!)).toBe('SPXW  260318C05700000')
  })

  it('returns null for text that is not an OSI symbol', () => {
    for (const text of [
      '',
      'SPXW',
      'SPXW  261318C05700000', // month 13
      'SPXW  260300C05700000', // day 0
      'SPXW  260318X05700000', // neither C nor P
      'SPXW  260318C0570000', // 7 strike digits
      'SPXW  260318C057000000', // 9 strike digits
      'SPX   260318C00000000', // strike 0
      'TOOLONG260318C05700000', // root of 7
      '.SPXW260318C5700', // the dxFeed streamer form
      'SPXW 03/18/2026 5700.00 C', // Schwab's form
    ])
      expect(parseOcc(text)).toBeNull()
  })

  it('refuses to format what OSI cannot carry', () => {
    const c = {
      root: 'SPXW',
      expiration: '2026-03-18',
      right: 'call' as const,
      strikeE4: 5700_0001,
    }
    expect(() => formatOcc(c)).toThrow(RangeError) // a 4th strike decimal
    expect(() => formatOcc({ ...c, strikeE4: 5700_0000, root: 'SPX-W' })).toThrow(RangeError)
    expect(() => formatOcc({ ...c, strikeE4: 100_000_0000 })).toThrow(RangeError) // > 99999.999
  })
})

describe('futures symbols', () => {
  it('parses /VXM5 with the year nearest the trade date, and writes it back', () => {
    expect(parseFutureSymbol('/VXM5', '2025-05-05')).toEqual({ root: 'VX', month: '2025-06' })
    expect(parseFutureSymbol('VXM25', '2031-01-01')).toEqual({ root: 'VX', month: '2025-06' })
    expect(parseFutureSymbol('/VXF6', '2025-12-10')).toEqual({ root: 'VX', month: '2026-01' })
    expect(formatFutureSymbol('VX', '2025-06-18')).toBe('/VXM5')
  })

  it('returns null for text that is not a futures symbol', () => {
    for (const text of ['', '/VX', '/VXA5', 'SPXW  260318C05700000', '/VXM'])
      expect(parseFutureSymbol(text, '2025-05-05')).toBeNull()
  })
})
