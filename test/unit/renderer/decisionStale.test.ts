import { describe, expect, it } from 'vitest'
import {
  closesOf,
  closesToKeep,
  keptMessage,
  sessionOf,
  type LiveText,
} from '../../../renderer/src/decision/liveValues.ts'
import {
  gapCandidates,
  gapsText,
  sessionGap,
  staleGroups,
} from '../../../renderer/src/decision/marketStale.ts'
import { previousTradingDay } from '../../../shared/calendar/index.ts'
import type { MarketStaleness, SeriesStaleness } from '../../../shared/marketUpdate.ts'

const empty: LiveText = { spot: '', vix: '', vix9d: '', vix3m: '', vx1: '', vx2: '', vx3: '' }

const row = (series: string, o: Partial<SeriesStaleness> = {}): SeriesStaleness => ({
  series,
  description: '',
  lastDate: '2026-07-08',
  sessionsBehind: 100,
  lastSource: 'file',
  handDays: 0,
  usedBySignals: true,
  updatedBy: 'hand',
  ...o,
})

/** The bundled history as staleness reports it on 2026-11-27. */
const bundled: MarketStaleness = {
  date: '2026-11-27',
  series: [
    row('SPX'),
    row('VIX', { lastDate: '2026-07-22', sessionsBehind: 90 }),
    row('VIX9D', { lastDate: '2026-07-22', sessionsBehind: 90 }),
    row('VIX3M', { lastDate: '2026-07-22', sessionsBehind: 90 }),
    row('VIX6M', { lastDate: '2026-07-22', sessionsBehind: 90, usedBySignals: false }),
    row('VX1', { lastDate: '2021-12-23', sessionsBehind: 1236 }),
    row('VX2', { lastDate: '2021-12-23', sessionsBehind: 1236 }),
    row('VX3', { lastDate: '2021-12-23', sessionsBehind: 1236 }),
    row('NYSE breadth', { lastDate: '2015-11-11', sessionsBehind: 2776 }),
    row('VVIX', { lastDate: null, sessionsBehind: null, usedBySignals: false }),
  ],
  calendars: [],
  staleForSignals: [],
}

describe('the session the decision panel keeps closes for', () => {
  it('is the date on a trading day, else the session before; nothing while the date is not one', () => {
    expect(sessionOf('2026-11-27')).toBe('2026-11-27')
    expect(sessionOf('2026-11-26')).toBe('2026-11-25') // Thanksgiving
    expect(sessionOf('2026-11-28')).toBe('2026-11-27') // a Saturday
    expect(sessionOf('')).toBeNull()
    expect(closesOf('2026-11-27', '2026-11-27')).toBe('today’s closes')
    expect(closesOf('2026-07-22', '2026-11-27')).toBe('the closes of 2026-07-22')
  })
})

describe('what “keep as today’s closes” sends', () => {
  it('maps each typed live value to its series and leaves the empty ones out', () => {
    expect(closesToKeep({ ...empty, spot: ' 6850.25 ', vix: '17.2', vx1: '18.35' })).toEqual({
      closes: { SPX: 6850.25, VIX: 17.2, VX1: 18.35 },
      untouched: [],
    })
    expect(closesToKeep(empty)).toEqual({ closes: {}, untouched: [] })
  })

  it('refuses a value that is not a positive number, naming the field', () => {
    expect(closesToKeep({ ...empty, spot: '6850', vix9d: 'abc' })).toEqual({
      error: 'VIX9D must be a positive number',
    })
    expect(closesToKeep({ ...empty, vx2: '0' })).toEqual({ error: 'VX2 must be a positive number' })
  })

  it('leaves out a value still as the panel was prefilled with (a stand-in, not the day’s close)', () => {
    const r = closesToKeep({ ...empty, spot: '6900', vix: '16.64' }, { spot: 7482.71, vix: 16.64 })
    expect(r).toEqual({ closes: { SPX: 6900 }, untouched: ['VIX'] })
  })
})

describe('what the panel says after keeping', () => {
  it('names what was stored, what it replaced, and what a file already had', () => {
    const text = keptMessage(
      {
        date: '2026-11-27',
        stored: [
          { series: 'SPX', value: 6850.25, was: null },
          { series: 'VX1', value: 18.35, was: 18.1 },
        ],
        kept: [{ series: 'VIX', value: 17.2, stored: 16.64, source: 'file' }],
      },
      '2026-11-27',
      ['VIX3M'],
    )
    expect(text).toBe(
      'Kept as today’s closes (2026-11-27), entered by hand: SPX 6,850.25, VX1 18.35 (was 18.1, typed before). ' +
        'Not changed — 2026-11-27 is already stored from a file: VIX 16.64 (you typed 17.2). ' +
        'Not kept: VIX3M still holds the value the panel was prefilled with; type the day’s close to keep it.',
    )
  })

  it('says only that nothing changed when the day came from the publisher', () => {
    expect(
      keptMessage(
        {
          date: '2026-07-22',
          stored: [],
          kept: [{ series: 'VIX', value: 16.64, stored: 16.64, source: 'publisher' }],
        },
        '2026-11-27',
      ),
    ).toBe('Not changed — 2026-07-22 is already stored from the publisher’s download: VIX 16.64.')
  })
})

describe('the staleness banner', () => {
  it('groups the stale series the signals read by their last day, leaving out the others', () => {
    expect(staleGroups(bundled).map((g) => g.text)).toEqual([
      'SPX ends 2026-07-08 (100 sessions behind)',
      'VIX, VIX9D and VIX3M end 2026-07-22 (90 sessions behind)',
      'VX1, VX2 and VX3 end 2021-12-23 (1,236 sessions behind)',
      'NYSE breadth ends 2015-11-11 (2,776 sessions behind)',
    ])
    const current = {
      ...bundled,
      series: bundled.series.map((s) => ({ ...s, sessionsBehind: 0 })),
    }
    expect(staleGroups(current)).toEqual([])
    const none = {
      ...bundled,
      series: [row('NYSE breadth', { lastDate: null, sessionsBehind: null })],
    }
    expect(staleGroups(none).map((g) => g.text)).toEqual(['NYSE breadth: none stored'])
  })

  it('looks for holes only in signal series typed by hand up to the session or later', () => {
    const kept: MarketStaleness = {
      ...bundled,
      series: bundled.series.map((s) =>
        ['SPX', 'VX1'].includes(s.series)
          ? { ...s, lastDate: '2026-11-27', sessionsBehind: 0, lastSource: 'hand', handDays: 1 }
          : s,
      ),
    }
    expect(gapCandidates(kept, '2026-11-27')).toEqual(['SPX', 'VX1'])
    expect(gapCandidates(kept, '2026-11-30')).toEqual([])
    expect(gapCandidates(bundled, '2026-07-08')).toEqual([])
  })
})

describe('holes in the stored history around the session', () => {
  it('finds the sessions between an old last close and a close typed for today', () => {
    const g = sessionGap('SPX', ['2026-07-07', '2026-07-08', '2026-11-27'], '2026-11-27')
    expect(g).toEqual({
      series: 'SPX',
      kind: 'indicators',
      before: '2026-07-08',
      after: '2026-11-27',
    })
    expect(gapsText([g!], '2026-11-27')).toEqual([
      'SPX: none between 2026-07-08 and 2026-11-27 (99 sessions). RSI(14), MACD and realised volatility read the close after the hole as the next one.',
    ])
  })

  it('says nothing when the sessions the indicators read are all stored, or for a series they do not read', () => {
    const days = ['2026-11-27']
    for (let i = 0; i < 40; i++) days.unshift(previousTradingDay(days[0]!))
    expect(sessionGap('SPX', days, '2026-11-27')).toBeNull()
    // a hole 36 sessions back is past what RSI and MACD lean on
    expect(sessionGap('SPX', [...days.slice(0, 3), ...days.slice(5)], '2026-11-27')).toBeNull()
    expect(sessionGap('SPX', [...days.slice(0, 37), ...days.slice(38)], '2026-11-27')?.after).toBe(
      days[38],
    )
    expect(sessionGap('VIX9D', ['2026-07-22', '2026-11-27'], '2026-11-27')).toBeNull()
  })

  it('finds a session inside the hole for every series the signals read, grouped by hole', () => {
    const spx = sessionGap('SPX', ['2026-07-08', '2026-11-27'], '2026-07-22')
    const vx1 = sessionGap('VX1', ['2026-11-27'], '2026-07-22')
    const vx2 = sessionGap('VX2', ['2021-12-23', '2026-11-27'], '2026-07-22')
    expect(spx).toEqual({
      series: 'SPX',
      kind: 'session',
      before: '2026-07-08',
      after: '2026-11-27',
    })
    // the close before the hole is not among the dates: the caller looks further back
    expect(vx1?.before).toBeNull()
    expect(gapsText([spx!, { ...vx1!, before: '2021-12-23' }, vx2!], '2026-07-22')).toEqual([
      'No close stored for 2026-07-22 — SPX: none between 2026-07-08 and 2026-11-27 (99 sessions) · ' +
        'VX1 and VX2: none between 2021-12-23 and 2026-11-27 (1,235 sessions); the signals that read them are missing.',
    ])
    // a session after every stored day is "behind", not a hole
    expect(sessionGap('SPX', ['2026-07-08'], '2026-07-22')).toBeNull()
  })
})
