import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  detectFormat,
  MarketFileError,
  parseMarketCsv,
  toIsoDate,
} from '../../../electron/core/io/market/parseMarketCsv.ts'

describe('market CSV formats', () => {
  it('recognises each layout by its header', () => {
    expect(detectFormat(['DATE', 'OPEN', 'HIGH', 'LOW', 'CLOSE'])).toBe('cboe')
    expect(detectFormat(['DATE', 'VVIX'])).toBe('cboe')
    expect(detectFormat(['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'])).toBe(
      'yahoo',
    )
    expect(detectFormat(['Date', 'Open', 'High', 'Low', 'Close', 'Volume'])).toBe('stooq')
    expect(detectFormat(['date', 'open', 'high', 'low', 'close'])).toBe('ohlc')
    expect(detectFormat(['date', 'close'])).toBe('close')
    expect(detectFormat(['date', 'vx1', 'vx2', 'vx3'])).toBe('vx_futures')
    expect(detectFormat(['date', 'advancing', 'declining', 'unchanged'])).toBe('breadth')
    expect(detectFormat(['date', 'event'])).toBe('events')
    expect(detectFormat(['when', 'price'])).toBeNull()
  })

  it('reads Cboe history (MM/DD/YYYY, 6 decimals)', () => {
    const f = parseMarketCsv(
      'DATE,OPEN,HIGH,LOW,CLOSE\r\n03/16/2020,57.830000,83.560000,57.830000,82.690000\r\n',
    )
    expect(f).toMatchObject({ kind: 'bars', format: 'cboe', problems: [] })
    expect(f.rows).toEqual([
      { date: '2020-03-16', open: 57.83, high: 83.56, low: 57.83, close: 82.69, volume: null },
    ])
  })

  it('reads Yahoo with volume and refuses its "null" rows', () => {
    const f = parseMarketCsv(
      'Date,Open,High,Low,Close,Adj Close,Volume\n2020-03-16,2508.59,2562.98,2380.94,2386.13,2386.13,7781540000\n2020-03-17,null,null,null,null,null,null\n',
    )
    expect(f.rows).toEqual([
      {
        date: '2020-03-16',
        open: 2508.59,
        high: 2562.98,
        low: 2380.94,
        close: 2386.13,
        volume: 7_781_540_000,
      },
    ])
    expect(f.problems).toEqual([{ line: 3, reason: 'open is not a number: "null"' }])
  })

  it('reports every bad row with its line number and reason', () => {
    const text = [
      'date,open,high,low,close',
      '2020-03-16,1,2,1,1.5',
      '2020-02-30,1,2,1,1.5', // no such day
      '2020-03-17,1,2,1,abc',
      '2020-03-18,1,1,2,1.5', // high < low
      '2020-03-16,1,2,1,1.6', // duplicate date
      '2020-03-19,1,2,1',
      '',
      '2020-03-20,1,2,1,',
    ].join('\n')
    const f = parseMarketCsv(text)
    expect(f.rows.map((r) => r.date)).toEqual(['2020-03-16'])
    expect(f.totalRows).toBe(7)
    expect(f.problems).toEqual([
      { line: 3, reason: 'bad date "2020-02-30" (expected YYYY-MM-DD)' },
      { line: 4, reason: 'close is not a number: "abc"' },
      { line: 5, reason: 'high 1 is below low 2' },
      { line: 6, reason: 'duplicate date 2020-03-16 (first on line 2)' },
      { line: 7, reason: 'expected 5 columns, found 4' },
      { line: 9, reason: 'close is missing' },
    ])
  })

  it('handles quoted fields, BOM, CRLF and blank lines', () => {
    const f = parseMarketCsv(
      '\ufeff\r\ndate,event\r\n\r\n2024-01-31,"FOMC decision, scheduled"\r\n"2024-03-20","FOMC decision"\r\n\r\n',
    )
    expect(f.rows).toEqual([
      { date: '2024-01-31', description: 'FOMC decision, scheduled' },
      { date: '2024-03-20', description: 'FOMC decision' },
    ])
  })

  it('maps columns of any other layout', () => {
    const f = parseMarketCsv(
      'Zeit,Schluss,Hoch\n16.03.2020,2386.13,2562.98\n17.03.2020,2529.19,x\n',
      {
        date: 'Zeit',
        dateFormat: 'DD.MM.YYYY',
        close: 'Schluss',
        high: 'Hoch',
      },
    )
    expect(f).toMatchObject({ kind: 'bars', format: 'generic' })
    expect(f.rows).toEqual([
      { date: '2020-03-16', open: null, high: 2562.98, low: null, close: 2386.13, volume: null },
    ])
    expect(f.problems).toEqual([{ line: 3, reason: 'high is not a number: "x"' }])
  })

  it('refuses files it cannot read at all, with the line', () => {
    expect(() => parseMarketCsv('')).toThrow(MarketFileError)
    expect(() => parseMarketCsv('when,price\n2020-01-01,1\n')).toThrow(
      /line 1: unrecognised header/,
    )
    expect(() => parseMarketCsv('date,close\n2020-01-01,"1\n')).toThrow(
      /line 2: unterminated quoted field/,
    )
    expect(() =>
      parseMarketCsv('a,b\n1,2\n', { date: 'when', dateFormat: 'YYYY-MM-DD', close: 'b' }),
    ).toThrow(/date column "when"/)
  })

  it('converts the supported date formats and rejects impossible dates', () => {
    expect(toIsoDate('3/6/2020', 'MM/DD/YYYY')).toBe('2020-03-06')
    expect(toIsoDate('06/03/2020', 'DD/MM/YYYY')).toBe('2020-03-06')
    expect(toIsoDate('20200306', 'YYYYMMDD')).toBe('2020-03-06')
    expect(toIsoDate('02/29/2021', 'MM/DD/YYYY')).toBeNull()
    expect(toIsoDate('2020-03-06', 'MM/DD/YYYY')).toBeNull()
  })
})

describe('market CSV parser properties', () => {
  const row = fc.record({
    date: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    close: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  })

  it('never throws anything but MarketFileError on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('', 'date,close\n', 'DATE,OPEN,HIGH,LOW,CLOSE\n', 'date,event\n'),
        (junk, header) => {
          try {
            const f = parseMarketCsv(header + junk)
            expect(f.rows.length + f.problems.length).toBe(f.totalRows)
          } catch (e) {
            expect(e).toBeInstanceOf(MarketFileError)
          }
        },
      ),
    )
  })

  it('gives the same rows for LF and CRLF files, with or without a BOM', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        (rows, crlf, bom) => {
          const eol = crlf ? '\r\n' : '\n'
          const lf = ['date,close', ...rows.map((r) => `${r.date},${r.close}`)].join('\n') + '\n'
          const variant = (bom ? '\ufeff' : '') + lf.replace(/\n/g, eol)
          expect(parseMarketCsv(variant)).toEqual(parseMarketCsv(lf))
        },
      ),
    )
  })
})
