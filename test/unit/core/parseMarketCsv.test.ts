import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  detectFormat,
  MAX_LISTED_PROBLEMS,
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
            expect(f.rows.length + f.problems.length + f.unlistedProblems).toBe(f.totalRows)
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
        fc.array(row, { minLength: 1, maxLength: 30 }),
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

describe('market CSV: hostile files give bounded work and a bounded report (issue 15)', () => {
  /** A close-only file, one row per cell, and its rows and problems. */
  const closes = (cells: string[]) => {
    const f = parseMarketCsv(
      ['date,close', ...cells.map((c, i) => `2020-01-${String(i + 2).padStart(2, '0')},${c}`)].join(
        '\n',
      ),
    )
    if (f.kind !== 'bars') throw new Error(`read as ${f.kind}`)
    return f
  }

  it('refuses closes of -5, 0 and 1e300, and accepts up to 10,000,000', () => {
    const f = closes(['-5', '0', '1e300', '10000000', '10000000.01', '0.05'])
    expect(f.rows.map((r) => r.close)).toEqual([10_000_000, 0.05])
    expect(f.problems).toEqual([
      { line: 2, reason: 'close -5 is not a price (above 0, at most 10,000,000)' },
      { line: 3, reason: 'close 0 is not a price (above 0, at most 10,000,000)' },
      { line: 4, reason: 'close 1e+300 is not a price (above 0, at most 10,000,000)' },
      { line: 6, reason: 'close 10000000.01 is not a price (above 0, at most 10,000,000)' },
    ])
  })

  it('bounds open, high, low, volume, VX settlements and breadth the same way', () => {
    const ohlc = parseMarketCsv(
      'Date,Open,High,Low,Close,Adj Close,Volume\n' +
        '2020-03-16,-1,2,1,1.5,1.5,100\n' +
        '2020-03-17,1,2,1,1.5,1.5,-100\n' +
        '2020-03-18,1,2,1,1.5,1.5,0\n',
    )
    expect(ohlc.problems).toEqual([
      { line: 2, reason: 'open -1 is not a price (above 0, at most 10,000,000)' },
      { line: 3, reason: 'volume -100 is out of range (0 to 1,000,000,000,000,000)' },
    ])
    expect(ohlc.rows.map((r) => r.date)).toEqual(['2020-03-18'])
    const vx = parseMarketCsv('date,vx1,vx2\n2020-03-16,72.625,\n2020-03-17,-3,59\n')
    expect(vx.problems).toEqual([
      { line: 3, reason: 'VX1 -3 is not a price (above 0, at most 10,000,000)' },
    ])
    const breadth = parseMarketCsv(
      'date,advancing,declining,advancing_volume\n2020-03-16,1e300,1,5\n2020-03-17,1,1,-5\n',
    )
    expect(breadth.problems).toEqual([
      { line: 2, reason: 'issue counts must be whole numbers from 0 to 1,000,000' },
      { line: 3, reason: 'advancing_volume -5 is out of range (0 to 1,000,000,000,000,000)' },
    ])
  })

  it('refuses a header without rows instead of reading it as an empty series', () => {
    expect(() => parseMarketCsv('date,close\n')).toThrow(
      /^line 1: the file has a header but no rows$/,
    )
    expect(() => parseMarketCsv('\n\ndate,event\r\n\r\n')).toThrow(/line 3: .* no rows/)
  })

  it('lists the first 100 bad rows and counts the rest: the report does not grow with the file', () => {
    // The original: 1,000,000 bad rows answered with a 72.9 MB report.
    const report = (n: number) => {
      const f = parseMarketCsv(`date,close\n${'x,1\n'.repeat(n)}`)
      return { f, size: JSON.stringify(f).length }
    }
    const small = report(20_000)
    const large = report(40_000)
    expect(large.f.problems).toHaveLength(MAX_LISTED_PROBLEMS)
    expect(large.f.problems[0]).toEqual({
      line: 2,
      reason: 'bad date "x" (expected YYYY-MM-DD)',
    })
    expect(large.f.unlistedProblems).toBe(40_000 - MAX_LISTED_PROBLEMS)
    expect(small.f.unlistedProblems).toBe(20_000 - MAX_LISTED_PROBLEMS)
    expect(large.size).toBeLessThan(10_000)
    expect(large.size - small.size).toBeLessThan(10)
  })

  it('quotes at most 40 characters of a header or cell back', () => {
    // The original: a 40 MB header line came back whole in the error.
    const header = 'h'.repeat(1_000_000)
    let message = ''
    try {
      parseMarketCsv(`${header}\n1,2\n`)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toBe(
      `line 1: unrecognised header "${'h'.repeat(40)}…" (1,000,000 characters); expected e.g. date,open,high,low,close or DATE,OPEN,HIGH,LOW,CLOSE, or map the columns`,
    )
    const f = parseMarketCsv(
      `date,close\n${'2'.repeat(500_000)},1\n2020-01-02,${'9'.repeat(500_000)}\n`,
    )
    expect(f.problems.map((p) => p.reason)).toEqual([
      `bad date "${'2'.repeat(40)}…" (500,000 characters) (expected YYYY-MM-DD)`,
      `close is not a number: "${'9'.repeat(40)}…" (500,000 characters)`,
    ])
    expect(() =>
      parseMarketCsv(`${'c'.repeat(100_000)},b\n1,2\n`, {
        date: 'when',
        dateFormat: 'YYYY-MM-DD',
        close: 'b',
      }),
    ).toThrow(
      /^line 1: the date column "when" is not in the header \("c{40}…" \(100,003 characters\)\)$/,
    )
  })

  it('reads a long run of digits without backtracking', () => {
    // `\d+\.?\d*` tried every split of the run: 20,000 digits and an "x" took 1.3 s, a million
    // would take hours. Each cell is now matched once, and a cell over 40 characters is junk.
    const f = closes(['1'.repeat(1_000_000) + 'x', '1'.repeat(39) + 'x'])
    expect(f.problems.map((p) => p.reason)).toEqual([
      `close is not a number: "${'1'.repeat(40)}…" (1,000,001 characters)`,
      `close is not a number: "${'1'.repeat(39)}x"`,
    ])
  })

  it('reads numbers exactly as the former pattern did (property)', () => {
    const FORMER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789.eE+- '), minLength: 1, maxLength: 12 }),
        (cell) => {
          const t = cell.trim()
          fc.pre(t !== '')
          const f = closes([cell])
          const notANumber = f.problems.some((p) => p.reason.startsWith('close is not a number'))
          expect(notANumber).toBe(!(FORMER.test(t) && Number.isFinite(Number(t))))
        },
      ),
      { numRuns: 500 },
    )
  })
})
