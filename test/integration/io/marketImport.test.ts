import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openJournal, type Db } from '../../../electron/core/db/connection.ts'
import { getBars, getEvents } from '../../../electron/core/db/repositories/market.ts'
import { eventKindOf, importMarketFile } from '../../../electron/core/services/marketImport.ts'
import { DomainError } from '../../../shared/result.ts'
import { useTempDir } from '../../helpers/tmp.ts'

const MARKET = resolve(import.meta.dirname, '../../../resources/market')
const read = (f: string) => readFileSync(join(MARKET, f), 'utf8')

function dump(db: Db): string {
  const tables = ['instruments', 'daily_bars', 'breadth_daily', 'events']
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()))
}

describe('market data import', () => {
  const tmp = useTempDir()
  const open = () => openJournal(join(tmp(), 'journal.sqlite')).db

  it('imports the real VIX history and finds 2020-03-16 as Cboe published it', () => {
    const db = open()
    const r = importMarketFile(db, { text: read('vix_daily.csv'), fileName: 'vix_daily.csv' })
    expect(r).toMatchObject({
      target: 'VIX',
      format: 'ohlc',
      totalRows: 9_234,
      goodRows: 9_234,
      problems: [],
      applied: true,
    })
    expect(r.counts).toEqual({ inserted: 9_234, updated: 0, unchanged: 0 })
    // the data README: 33 VIX rows fall on days the NYSE was closed; they are kept and flagged
    expect(r.nonTradingDays).toHaveLength(33)
    expect(r.nonTradingDays).toEqual(
      expect.arrayContaining(['2004-06-11', '2025-01-09', '2022-05-30']),
    )
    expect(getBars(db, 'VIX', '2020-03-16', '2020-03-16')).toEqual([
      { date: '2020-03-16', open: 57.83, high: 83.56, low: 57.83, close: 82.69 },
    ])
    db.close()
  })

  it('is idempotent: a re-import reports every row unchanged, a changed row as updated', () => {
    const db = open()
    const text = read('vix3m_daily.csv')
    importMarketFile(db, { text, fileName: 'vix3m_daily.csv' })
    const again = importMarketFile(db, { text, fileName: 'vix3m_daily.csv' })
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 4_235 })
    const edited = text
      .replace('2020-03-16,', '2020-03-16,')
      .replace(/^2020-03-16,.*$/m, '2020-03-16,60,70,55,67.7')
    const third = importMarketFile(db, {
      text: `${edited}2026-07-23,20,21,19,20.5\n`,
      fileName: 'vix3m_daily.csv',
    })
    expect(third.counts).toEqual({ inserted: 1, updated: 1, unchanged: 4_234 })
    db.close()
  })

  it('changes nothing when a file has bad rows, unless the good rows are accepted', () => {
    const db = open()
    importMarketFile(db, { text: read('vix9d_daily.csv'), fileName: 'vix9d_daily.csv' })
    const before = dump(db)
    const text =
      'date,open,high,low,close\n2026-07-23,1,2,1,1.5\n2026-07-24,1,1,2,1.5\n2026-07-27,1,2,1,1.7\n'
    const refused = importMarketFile(db, { text, fileName: 'vix9d_daily.csv' })
    expect(refused).toMatchObject({
      applied: false,
      goodRows: 2,
      problems: [{ line: 3, reason: 'high 1 is below low 2' }],
    })
    expect(refused.counts).toEqual({ inserted: 0, updated: 0, unchanged: 0 })
    expect(dump(db)).toBe(before)
    const accepted = importMarketFile(db, {
      text,
      fileName: 'vix9d_daily.csv',
      acceptGoodRows: true,
    })
    expect(accepted).toMatchObject({
      applied: true,
      counts: { inserted: 2, updated: 0, unchanged: 0 },
    })
    db.close()
  })

  it('refuses files it cannot place, writing nothing', () => {
    const db = open()
    const before = dump(db)
    expect(() =>
      importMarketFile(db, { text: 'date,close\n2020-01-02,1\n', fileName: 'prices.csv' }),
    ).toThrow(/which series/)
    expect(() => importMarketFile(db, { text: 'when,what\n', fileName: 'spx.csv' })).toThrow(
      DomainError,
    )
    expect(dump(db)).toBe(before)
    db.close()
  })

  it('splits the VX futures file into VX1…VX8 and the event calendars by kind', () => {
    const db = open()
    const vx = importMarketFile(db, {
      text: read('vix_futures_daily.csv'),
      fileName: 'vix_futures_daily.csv',
    })
    expect(vx.target).toBe('VX1–VX8')
    // README of the data: VX1 / VX2 on 2020-03-16 = 72.625 / 59.15
    expect(getBars(db, 'VX1', '2020-03-16', '2020-03-16')[0]?.close).toBe(72.625)
    expect(getBars(db, 'VX2', '2020-03-16', '2020-03-16')[0]?.close).toBe(59.15)
    importMarketFile(db, { text: read('fomc_dates.csv'), fileName: 'fomc_dates.csv' })
    const fomc2024 = getEvents(db, ['FOMC']).filter((e) => e.date.startsWith('2024'))
    expect(fomc2024.map((e) => e.date)).toEqual([
      '2024-01-31',
      '2024-03-20',
      '2024-05-01',
      '2024-06-12',
      '2024-07-31',
      '2024-09-18',
      '2024-11-07',
      '2024-12-18',
    ])
    expect(eventKindOf('FOMC minutes release (meeting of 2000-02-02)')).toBe('FOMC_MINUTES')
    expect(eventKindOf('Employment Situation (NFP) release (reference month 1999-12)')).toBe('NFP')
    db.close()
  })

  it('never writes part of a file: any mix of good and bad rows is all or nothing (property)', () => {
    const db = open()
    const line = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 200 }))
        .map(([d, c]) => `2021-02-${String(d).padStart(2, '0')},${c}`),
      fc.constantFrom('2021-02-30,1', 'x,1', '2021-02-01,', '2021-02-01,1,2', '2021-02-01,abc'),
    )
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const before = dump(db)
        const r = importMarketFile(db, {
          text: `date,close\n${lines.join('\n')}\n`,
          fileName: 'skew_daily.csv',
        })
        if (r.problems.length > 0) {
          expect(r.applied).toBe(false)
          expect(dump(db)).toBe(before)
        } else {
          expect(r.counts.inserted + r.counts.updated + r.counts.unchanged).toBe(r.goodRows)
        }
      }),
      { numRuns: 60 },
    )
    db.close()
  })
})
