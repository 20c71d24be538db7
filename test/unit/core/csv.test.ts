import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CsvSyntaxError,
  encodeRow,
  parseCsv,
  parseCsvLines,
  protectText,
  unprotectText,
  type Cell,
} from '../../../electron/core/io/csv.ts'

describe('CSV encoding (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(encodeRow(['a', 'b,c', 'say "hi"', 'two\nlines'])).toBe(
      'a,"b,c","say ""hi""","two\nlines"\r\n',
    )
  })

  it('writes NULL as an empty field and the empty string as ""', () => {
    expect(encodeRow([null, '', 'x'])).toBe(',"",x\r\n')
    expect(parseCsv(',"",x\r\n')).toEqual([[null, '', 'x']])
  })

  it('parses CRLF, LF, a BOM and a missing final line break alike', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
    ]
    expect(parseCsv('\ufeffa,b\r\n1,2\r\n')).toEqual(expected)
    expect(parseCsv('a,b\n1,2')).toEqual(expected)
  })

  it('reports malformed input with its line number', () => {
    expect(() => parseCsv('a,b\r\n"open,2\r\n')).toThrow(CsvSyntaxError)
    expect(() => parseCsv('a,b\r\nx"y,2\r\n')).toThrow(/line 2/)
    expect(() => parseCsv('"a"b\r\n')).toThrow(/after a closing quote/)
  })

  it('round-trips any table of text and nulls (property)', () => {
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.string({ unit: 'grapheme' }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          // A row holding a single NULL encodes as an empty line, which is indistinguishable from
          // no row at all; exported rows always have several columns, so give it a second cell.
          const table = rows.map((r) => (r.length === 1 && r[0] === null ? [null, 'x'] : r))
          expect(parseCsv(table.map(encodeRow).join(''))).toEqual(table)
        },
      ),
    )
  })
})

describe('formula protection', () => {
  it('prefixes text that a spreadsheet would execute', () => {
    for (const t of ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', "'quoted"])
      expect(protectText(t)).toBe(`'${t}`)
    expect(protectText('SPX 6400 put')).toBe('SPX 6400 put')
  })

  it('is undone exactly by unprotectText (property)', () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        expect(unprotectText(protectText(t))).toBe(t)
      }),
    )
  })
})

describe('parseCsvLines on a huge quoted field (issue 15)', () => {
  it('reads a 5 MB quoted field with quotes and line breaks in it, counting its lines', () => {
    const body = `${'x'.repeat(2_500_000)}""\n${'y'.repeat(2_500_000)}`
    const rows = parseCsvLines(`a,b\r\n"${body}",2\r\nc,d\r\n`)
    expect(rows).toHaveLength(3)
    expect(rows[1]!.cells[0]).toBe(`${'x'.repeat(2_500_000)}"\n${'y'.repeat(2_500_000)}`)
    expect(rows[1]!.cells[1]).toBe('2')
    // the line break inside the field counts: the next record starts on line 4
    expect(rows[2]).toEqual({ line: 4, cells: ['c', 'd'] })
  })
})
