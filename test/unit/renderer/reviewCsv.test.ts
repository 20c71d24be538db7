import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeRow, parseCsv, protectText } from '../../../electron/core/io/csv.ts'
import type { ReviewDecisionRow, ReviewReport } from '../../../shared/review/report.ts'
import {
  REVIEW_CSV_COLUMNS,
  reviewCsv,
  reviewCsvName,
} from '../../../renderer/src/review/reviewCsv.ts'

const HEADER =
  'id,positionId,decidedAt,rulesetId,rulesetVersion,recommended,taken,followed,actual,closedAtDecision,heldToExpiry,recommendedPath,edgeVsClosed,edgeVsHeld,final,notes,as_of'

function decision(over: Partial<ReviewDecisionRow> = {}): ReviewDecisionRow {
  return {
    id: 3,
    positionId: 3,
    decidedAt: '2024-12-04T21:00:00.000Z',
    rulesetId: 'mechanical-wing',
    rulesetVersion: 1,
    recommended: 'HOLD',
    taken: 'ROLL_UP_CALL',
    followed: false,
    rule: 'hold',
    actual: -300,
    closedAtDecision: -750,
    heldToExpiry: 500,
    recommendedPath: 500,
    edgeVsClosed: 450,
    edgeVsHeld: -800,
    final: true,
    notes: [],
    ...over,
  }
}

const report = (decisions: ReviewDecisionRow[], asOf: string | null = '2026-07-08') =>
  ({
    asOf,
    decisions,
    positions: [],
    groups: {},
    headline: {} as ReviewReport['headline'],
  }) as ReviewReport

/** The CLI's file (electron/host/commands/review.ts) rebuilt from the core's CSV module. */
function cliCsv(r: ReviewReport): string {
  const rows = r.decisions.map((d) =>
    encodeRow([
      ...REVIEW_CSV_COLUMNS.map((c) => {
        const v = d[c]
        if (c === 'notes') return protectText((v as string[]).join(' | '))
        if (v === null) return null
        return typeof v === 'string' ? protectText(v) : String(v)
      }),
      r.asOf,
    ]),
  )
  return `\uFEFF${encodeRow([...REVIEW_CSV_COLUMNS, 'as_of'])}${rows.join('')}`
}

describe('reviewCsv', () => {
  it('writes the CLI’s header, a BOM and CRLF line ends, numbers as they are', () => {
    const text = reviewCsv(report([decision()]))
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.slice(1).split('\r\n')).toEqual([
      HEADER,
      // no notes: an empty text ("" — Wingman's CSV keeps '' apart from an unknown, empty field)
      '3,3,2024-12-04T21:00:00.000Z,mechanical-wing,1,HOLD,ROLL_UP_CALL,false,-300,-750,500,500,450,-800,true,"",2026-07-08',
      '',
    ])
    // no bare LF anywhere: every line ends CRLF
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('leaves unknown figures and a missing as-of empty, and says why in the notes', () => {
    const text = reviewCsv(
      report(
        [
          decision({
            recommendedPath: null,
            edgeVsHeld: null,
            heldToExpiry: null,
            final: false,
            notes: ['held to expiry: no settlement for 2026-07-17, after 2026-07-08', 'model'],
          }),
        ],
        null,
      ),
    )
    const [, row] = parseCsv(text)
    expect(row).toEqual([
      '3',
      '3',
      '2024-12-04T21:00:00.000Z',
      'mechanical-wing',
      '1',
      'HOLD',
      'ROLL_UP_CALL',
      'false',
      '-300',
      '-750',
      null,
      null,
      '450',
      null,
      'false',
      'held to expiry: no settlement for 2026-07-17, after 2026-07-08 | model',
      null,
    ])
  })

  it('prefixes text that a spreadsheet would run, never a number', () => {
    const text = reviewCsv(
      report([decision({ notes: ['=HYPERLINK("x")', 'b'], rulesetId: '@rules', actual: -1.5 })]),
    )
    const [, row] = parseCsv(text)
    expect(row?.[3]).toBe("'@rules")
    expect(row?.[8]).toBe('-1.5')
    // the notes cell is quoted (it holds quotes) and starts with the apostrophe
    expect(row?.[15]).toBe(`'=HYPERLINK("x") | b`)
    expect(text).toContain(`"'=HYPERLINK(""x"") | b"`)
  })

  it('is the same file the CLI writes, for any decisions', () => {
    const money = fc.option(
      fc.integer({ min: -9e12, max: 9e12 }).map((e4) => e4 / 10_000),
      { nil: null },
    )
    const text = fc.string({ maxLength: 12 })
    const row = fc.record({
      id: fc.nat(),
      positionId: fc.nat(),
      decidedAt: text,
      rulesetId: text,
      rulesetVersion: fc.nat(),
      recommended: text,
      taken: text,
      followed: fc.boolean(),
      rule: fc.option(text, { nil: null }),
      actual: money,
      closedAtDecision: money,
      heldToExpiry: money,
      recommendedPath: money,
      edgeVsClosed: money,
      edgeVsHeld: money,
      final: fc.boolean(),
      notes: fc.array(text, { maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), fc.option(text, { nil: null }), (ds, asOf) => {
        const r = report(ds, asOf)
        expect(reviewCsv(r)).toBe(cliCsv(r))
      }),
    )
  })
})

describe('reviewCsvName', () => {
  it('names the as-of date and the range when one is set', () => {
    expect(reviewCsvName('2026-07-08', '', '')).toBe('wingman-review-asof-2026-07-08.csv')
    expect(reviewCsvName('2026-07-08', '2025-01-01', '')).toBe(
      'wingman-review-2025-01-01_to_end-asof-2026-07-08.csv',
    )
    expect(reviewCsvName(null, '', '2025-06-30')).toBe('wingman-review-start_to_2025-06-30.csv')
  })
})
