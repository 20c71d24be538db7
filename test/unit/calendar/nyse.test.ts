import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  calendarDaysBetween,
  calendarDte,
  closeTime,
  easterSunday,
  holidayName,
  isCoveredDate,
  isEarlyClose,
  isTradingDay,
  nextTradingDay,
  nyseEarlyCloses,
  nyseHolidays,
  previousTradingDay,
  tradingDaysBetween,
  tradingDte,
} from '../../../shared/calendar/index.ts'
import { isoOfDayNumber } from '../../../shared/calendar/civil.ts'

const MARKET_DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'market')

describe('NYSE holidays as published by the exchange (nyse.com "Holidays & Trading Hours")', () => {
  it('2025: ten rule holidays plus the National Day of Mourning for President Carter', () => {
    expect(nyseHolidays(2025).map((h) => h.date)).toEqual([
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ])
  })

  it('2026: Independence Day on a Saturday is observed on Friday July 3', () => {
    expect(nyseHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ])
  })

  it('2027: Juneteenth (Sat) on Fri Jun 18, July 4 (Sun) on Mon Jul 5, Christmas (Sat) on Fri Dec 24', () => {
    expect(nyseHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-11-25',
      '2027-12-24',
    ])
  })

  it('does not observe a Saturday New Year on the Friday before (NYSE Rule 7.2): 2021-12-31 and 2027-12-31 trade', () => {
    expect(isTradingDay('2021-12-31')).toBe(true)
    expect(isTradingDay('2027-12-31')).toBe(true)
    expect(nyseHolidays(2022).map((h) => h.name)).not.toContain("New Year's Day")
    expect(nyseHolidays(2028)[0]).toEqual({
      date: '2028-01-17',
      name: 'Martin Luther King Jr. Day',
    })
  })

  it('moves a Sunday New Year to Monday (2023-01-02) and starts Juneteenth in 2022 on Monday June 20', () => {
    expect(holidayName('2023-01-02')).toBe("New Year's Day (observed)")
    expect(holidayName('2022-06-20')).toBe('Juneteenth')
    expect(holidayName('2021-06-18')).toBeNull()
    expect(isTradingDay('2021-06-18')).toBe(true)
  })

  it('has no MLK Day before 1998 (first closed 1998-01-19)', () => {
    expect(isTradingDay('1997-01-20')).toBe(true)
    expect(holidayName('1998-01-19')).toBe('Martin Luther King Jr. Day')
  })

  it('names one-off closures', () => {
    expect(holidayName('2012-10-29')).toBe('Hurricane Sandy')
    expect(holidayName('2018-12-05')).toMatch(/Bush/)
    expect(holidayName('1994-04-27')).toMatch(/Nixon/)
  })

  it('is closed on weekends and says null for a weekend holiday name', () => {
    expect(isTradingDay('2026-11-21')).toBe(false)
    expect(holidayName('2026-11-21')).toBeNull()
  })
})

describe('Easter (Good Friday is Easter − 2)', () => {
  // Easter dates from the US Naval Observatory's table of Gregorian Easter dates.
  it.each([
    [1990, '1990-04-15'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => {
    expect(isoOfDayNumber(easterSunday(year))).toBe(date)
  })
})

describe('early closes (13:00 New York)', () => {
  it('2024 and 2025: July 3, the day after Thanksgiving, Christmas Eve (NYSE published schedule)', () => {
    expect(nyseEarlyCloses(2024)).toEqual([
      { date: '2024-07-03', close: '13:00' },
      { date: '2024-11-29', close: '13:00' },
      { date: '2024-12-24', close: '13:00' },
    ])
    expect(nyseEarlyCloses(2025).map((e) => e.date)).toEqual([
      '2025-07-03',
      '2025-11-28',
      '2025-12-24',
    ])
  })

  it('has no July 3 early close when July 3 itself is the observed holiday (2026)', () => {
    expect(nyseEarlyCloses(2026).map((e) => e.date)).toEqual(['2026-11-27', '2026-12-24'])
  })

  it('closed early on Friday July 5 when July 4 was a Thursday before 2013, on Wednesday July 3 since', () => {
    expect(closeTime('2002-07-05')).toBe('13:00')
    expect(closeTime('2002-07-03')).toBe('16:00')
    expect(closeTime('2013-07-03')).toBe('13:00')
    expect(closeTime('2019-07-05')).toBe('16:00')
  })

  it('has no early close on a Christmas Eve that is a Friday holiday (2021) or a weekend', () => {
    expect(closeTime('2021-12-24')).toBeNull()
    expect(isEarlyClose('2022-12-24')).toBe(false)
  })

  it('uses 14:00 for the 1992 day after Thanksgiving and 13:00 from 1993', () => {
    expect(closeTime('1992-11-27')).toBe('14:00')
    expect(closeTime('1993-11-26')).toBe('13:00')
  })

  it('reports 16:00 on an ordinary day', () => {
    expect(closeTime('2026-11-24')).toBe('16:00')
    expect(isEarlyClose('2026-11-24')).toBe(false)
  })
})

describe('against the real SPX history (resources/market/spx_daily.csv)', () => {
  it('every weekday since 1990 is in the file exactly when the calendar says the NYSE traded', () => {
    const dates = readFileSync(join(MARKET_DIR, 'spx_daily.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.slice(0, 10))
      .filter((d) => d >= '1990-01-01')
    const inFile = new Set(dates)
    const last = dates.at(-1) ?? ''
    expect(dates.length).toBeGreaterThan(9000)
    // Known differences between the file and the calendar, each with its reason. There are none:
    // the Yahoo gap "2001-09-10 to 2001-09-17" noted in the data README lies *between* those two
    // dates (both present), i.e. it is exactly the 2001-09-11..14 closure.
    const EXCEPTIONS: Record<string, string> = {}
    const mismatches: string[] = []
    for (let d = '1990-01-01'; d <= last; d = nextDay(d)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay()
      const traded = isTradingDay(d)
      if (weekday === 0 || weekday === 6) {
        if (inFile.has(d)) mismatches.push(`${d} weekend bar`)
        continue
      }
      if (traded !== inFile.has(d) && !(d in EXCEPTIONS))
        mismatches.push(`${d} calendar=${traded} file=${inFile.has(d)} (${holidayName(d)})`)
    }
    expect(mismatches).toEqual([])
  })
})

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

describe('navigation and counting', () => {
  it('steps over weekends, holidays and the 2001 closure', () => {
    expect(nextTradingDay('2026-11-25')).toBe('2026-11-27')
    expect(previousTradingDay('2026-11-27')).toBe('2026-11-25')
    expect(nextTradingDay('2001-09-10')).toBe('2001-09-17')
    expect(previousTradingDay('2026-11-30')).toBe('2026-11-27')
    expect(nextTradingDay('2026-11-28')).toBe('2026-11-30')
  })

  it('counts sessions in (from, to], negative backwards', () => {
    expect(tradingDaysBetween('2026-11-20', '2026-11-23')).toBe(1) // Fri → Mon
    expect(tradingDaysBetween('2026-11-24', '2026-11-24')).toBe(0)
    expect(tradingDaysBetween('2026-11-23', '2026-11-30')).toBe(4) // Thanksgiving skipped
    expect(tradingDaysBetween('2026-11-30', '2026-11-23')).toBe(-4)
    // 2026: 261 weekdays (52 weeks + Thursday Jan 1) less its 10 weekday holidays.
    expect(tradingDaysBetween('2025-12-31', '2026-12-31')).toBe(251)
  })

  it('gives DTE in calendar and trading days', () => {
    expect(calendarDte('2026-11-24', '2026-12-18')).toBe(24)
    expect(tradingDte('2026-11-24', '2026-12-18')).toBe(17)
    expect(calendarDte('2026-12-18', '2026-12-18')).toBe(0)
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2)
  })

  it('refuses dates outside 1990–2099 and non-dates', () => {
    expect(() => isTradingDay('1989-12-29')).toThrow(RangeError)
    expect(() => isTradingDay('2100-01-04')).toThrow(RangeError)
    expect(() => isTradingDay('2026-02-30')).toThrow(RangeError)
    expect(isCoveredDate('1989-12-29')).toBe(false)
    expect(isCoveredDate('1990-01-02')).toBe(true)
  })
})

describe('properties', () => {
  const dayArb = fc.integer({ min: 7310, max: 47000 }).map(isoOfDayNumber) // 1990-01-01 … 2098

  it('next/previous trading day are trading days and invert each other on trading days', () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const next = nextTradingDay(d)
        const prev = previousTradingDay(d)
        expect(isTradingDay(next) && isTradingDay(prev)).toBe(true)
        expect(next > d && prev < d).toBe(true)
        expect(previousTradingDay(next) <= d).toBe(true)
        if (isTradingDay(d)) expect(previousTradingDay(nextTradingDay(d))).toBe(d)
        expect(tradingDaysBetween(d, next)).toBe(1)
      }),
    )
  })

  it('tradingDaysBetween is additive and antisymmetric, and never exceeds calendar days', () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, (a, b, c) => {
        expect(tradingDaysBetween(a, b) + tradingDaysBetween(b, c)).toBe(tradingDaysBetween(a, c))
        expect(tradingDaysBetween(b, a) + tradingDaysBetween(a, b)).toBe(0)
        expect(Math.abs(tradingDaysBetween(a, b))).toBeLessThanOrEqual(
          Math.abs(calendarDaysBetween(a, b)),
        )
      }),
      { numRuns: 50 },
    )
  })

  it('every year has 9–11 rule holidays on weekdays and 250–253 sessions, early closes are sessions', () => {
    for (let year = 1990; year <= 2099; year++) {
      const hols = nyseHolidays(year)
      const early = nyseEarlyCloses(year)
      for (const h of hols) expect(isTradingDay(h.date), h.date).toBe(false)
      for (const e of early) expect(isTradingDay(e.date), e.date).toBe(true)
      const sessions = tradingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)
      if (year > 1990) expect(sessions, String(year)).toBeGreaterThanOrEqual(248)
      expect(sessions, String(year)).toBeLessThanOrEqual(254)
    }
  })
})
