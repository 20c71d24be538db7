import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkExpiry,
  checkStrikeIncrement,
  checkTradeDate,
  isSpxMonthlyExpiry,
  spxMonthlyExpiry,
  strikeIncrement,
  thirdFriday,
  vixExpiriesAfter,
  vixExpiry,
} from '../../../shared/calendar/expiries.ts'
import { dayNumber, weekdayOf } from '../../../shared/calendar/civil.ts'
import { isTradingDay } from '../../../shared/calendar/nyse.ts'

const weekday = (date: string) => weekdayOf(dayNumber(date))

describe('thirdFriday', () => {
  it('matches hand counts from the first of the month', () => {
    // 2024-01-01 was a Monday → Fridays 5, 12, 19.
    expect(thirdFriday(2024, 1)).toBe('2024-01-19')
    // 2026-12-01 is a Tuesday → Fridays 4, 11, 18.
    expect(thirdFriday(2026, 12)).toBe('2026-12-18')
    // 2024-03-01 was a Friday → Fridays 1, 8, 15: the earliest a third Friday can be.
    expect(thirdFriday(2024, 3)).toBe('2024-03-15')
    // 2024-06-01 was a Saturday → Fridays 7, 14, 21: the latest a third Friday can be.
    expect(thirdFriday(2024, 6)).toBe('2024-06-21')
  })

  it('is always a Friday between the 15th and the 21st', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const d = thirdFriday(y, m)
        const day = Number(d.slice(8))
        return weekday(d) === 5 && day >= 15 && day <= 21 && d.startsWith(`${y}-`)
      }),
    )
  })

  it('refuses a month that is not 1–12', () => {
    expect(() => thirdFriday(2026, 13)).toThrow(RangeError)
    expect(() => thirdFriday(2026, 0)).toThrow(RangeError)
  })
})

describe('SPX monthly expiry (AM-settled, root SPX)', () => {
  it('is the third Friday on an ordinary month', () => {
    expect(spxMonthlyExpiry(2026, 12)).toBe('2026-12-18')
    expect(isSpxMonthlyExpiry('2026-12-18')).toBe(true)
  })

  it('moves to the Thursday before when the third Friday is an NYSE holiday', () => {
    // April 2025: 04-01 a Tuesday → Fridays 4, 11, 18; Easter Sunday 04-20 → Good Friday 04-18.
    expect(spxMonthlyExpiry(2025, 4)).toBe('2025-04-17')
    expect(isSpxMonthlyExpiry('2025-04-17')).toBe(true)
    expect(isSpxMonthlyExpiry('2025-04-18')).toBe(false)
    // April 2014: 04-01 a Tuesday → third Friday 04-18; Easter 04-20 → Good Friday again.
    expect(spxMonthlyExpiry(2014, 4)).toBe('2014-04-17')
    // June 2026: 06-01 a Monday → Fridays 5, 12, 19, and 06-19 is Juneteenth.
    expect(spxMonthlyExpiry(2026, 6)).toBe('2026-06-18')
  })

  it('keeps a Friday June 19 before Juneteenth became an NYSE holiday (2022)', () => {
    // June 2020: 06-01 a Monday → third Friday 06-19, an ordinary session then.
    expect(spxMonthlyExpiry(2020, 6)).toBe('2020-06-19')
  })

  it('is false for text that is not a covered date', () => {
    expect(isSpxMonthlyExpiry('2026-02-30')).toBe(false)
    expect(isSpxMonthlyExpiry('1985-01-18')).toBe(false)
  })
})

describe('vixExpiry (VIX options and VX futures final settlement date)', () => {
  // Rule: the Wednesday 30 calendar days before the third Friday of the FOLLOWING month; when
  // that Friday is an NYSE holiday, 30 days before the trading day preceding it; when the date
  // so found is a holiday, the trading day before.
  it('matches known Wednesday expiries, counted by hand', () => {
    // Jan 2024: Feb 2024 third Friday 02-16 (02-01 a Thursday → Fridays 2, 9, 16);
    // 02-16 − 16 days = 01-31, − 14 more = 01-17.
    expect(vixExpiry(2024, 1)).toBe('2024-01-17')
    // Feb 2024: Mar 2024 third Friday 03-15; 03-15 − 15 = 02-29 (leap year), − 15 = 02-14.
    expect(vixExpiry(2024, 2)).toBe('2024-02-14')
    // Mar 2024: Apr 2024 third Friday 04-19 (04-01 a Monday); − 19 = 03-31, − 11 = 03-20.
    expect(vixExpiry(2024, 3)).toBe('2024-03-20')
    // Apr 2025: May 2025 third Friday 05-16 (05-01 a Thursday); − 16 = 04-30, − 14 = 04-16.
    expect(vixExpiry(2025, 4)).toBe('2025-04-16')
    // Dec 2021: Jan 2022 third Friday 01-21 (01-01 a Saturday); − 21 = 12-31, − 9 = 12-22.
    expect(vixExpiry(2021, 12)).toBe('2021-12-22')
    // Dec 2024: Jan 2025 third Friday 01-17 (01-01 a Wednesday); − 17 = 12-31, − 13 = 12-18.
    expect(vixExpiry(2024, 12)).toBe('2024-12-18')
    // Nov 2026: Dec 2026 third Friday 12-18; − 18 = 11-30, − 12 = 11-18.
    expect(vixExpiry(2026, 11)).toBe('2026-11-18')
    // Dec 2026: Jan 2027 third Friday 01-15 (01-01 a Friday); − 15 = 12-31, − 15 = 12-16.
    expect(vixExpiry(2026, 12)).toBe('2026-12-16')
  })

  it('counts from the Thursday when the following third Friday is Good Friday (a Tuesday expiry)', () => {
    // Mar 2025: Apr 2025 third Friday 04-18 is Good Friday → Thursday 04-17; − 17 = 03-31,
    // − 13 = 03-18, a Tuesday.
    expect(vixExpiry(2025, 3)).toBe('2025-03-18')
    // Mar 2014: Apr 2014 third Friday 04-18 is Good Friday → 04-17 − 30 = 03-18, a Tuesday.
    expect(vixExpiry(2014, 3)).toBe('2014-03-18')
  })

  it('counts from the Thursday when the following third Friday is Juneteenth', () => {
    // May 2026: June 2026 third Friday 06-19 is Juneteenth → 06-18; − 18 = 05-31, − 12 = 05-19.
    expect(vixExpiry(2026, 5)).toBe('2026-05-19')
  })

  it('moves to the trading day before when the Wednesday is a holiday', () => {
    // Jun 2024: Jul 2024 third Friday 07-19 (07-01 a Monday); − 19 = 06-30, − 11 = 06-19,
    // Juneteenth (a Wednesday) → Tuesday 06-18.
    expect(vixExpiry(2024, 6)).toBe('2024-06-18')
  })

  it('is a trading day inside its own contract month, a Wednesday unless a holiday moved it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2098 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const d = vixExpiry(y, m)
        expect(isTradingDay(d)).toBe(true)
        expect(d.slice(0, 7)).toBe(`${y}-${String(m).padStart(2, '0')}`)
        if (weekday(d) !== 3) expect(weekday(d)).toBe(2) // only ever one day earlier
      }),
    )
  })
})

describe('vixExpiriesAfter', () => {
  it('lists the next expiries strictly after the date', () => {
    expect(vixExpiriesAfter('2024-01-16', 3)).toEqual(['2024-01-17', '2024-02-14', '2024-03-20'])
  })

  it('skips the contract expiring on the date itself (settled that morning on the VRO)', () => {
    expect(vixExpiriesAfter('2024-01-17', 2)).toEqual(['2024-02-14', '2024-03-20'])
  })

  it('crosses a year end', () => {
    // Jan 2025: Feb 2025 third Friday 02-21 (02-01 a Saturday); − 21 = 01-31, − 9 = 01-22.
    // Feb 2025: Mar 2025 third Friday 03-21 (03-01 a Saturday); − 21 = 02-28, − 9 = 02-19.
    expect(vixExpiriesAfter('2024-12-31', 2)).toEqual(['2025-01-22', '2025-02-19'])
  })

  it('lists nothing for n = 0 and refuses a bad count or date', () => {
    expect(vixExpiriesAfter('2024-12-31', 0)).toEqual([])
    expect(() => vixExpiriesAfter('2024-12-31', -1)).toThrow(RangeError)
    expect(() => vixExpiriesAfter('2024-13-01', 1)).toThrow(RangeError)
  })
})

describe('checkExpiry', () => {
  it('SPX monthlies: the third Friday, naming the right expiry otherwise', () => {
    expect(checkExpiry('SPX', '2026-12-18')).toBeNull()
    expect(checkExpiry('SPX', '2026-12-17')).toBe(
      'SPX monthly options expire on the third Friday (the Thursday before when that Friday is an ' +
        'NYSE holiday); 2026-12-17 is a Thursday (the December 2026 expiry is 2026-12-18)',
    )
  })

  it('SPX monthlies: the Thursday before a Good Friday, and the holiday is named', () => {
    expect(checkExpiry('SPX', '2025-04-17')).toBeNull()
    expect(checkExpiry('SPX', '2025-04-18')).toBe(
      'SPX monthly options expire on the third Friday (the Thursday before when that Friday is an ' +
        'NYSE holiday); 2025-04-18 is Good Friday and the NYSE is closed (the April 2025 expiry ' +
        'is 2025-04-17)',
    )
  })

  it('SPXW, XSP, SPY, RUT, NDX: any NYSE trading day', () => {
    for (const root of ['SPXW', 'XSP', 'SPY', 'RUT', 'NDX']) {
      expect(checkExpiry(root, '2026-12-17')).toBeNull() // a Thursday
      expect(checkExpiry(root, '2026-12-18')).toBeNull()
    }
    expect(checkExpiry('SPXW', '2026-12-25')).toBe(
      'SPXW options expire only on NYSE trading days; 2026-12-25 is Christmas Day; the NYSE is ' +
        'closed (the trading day before is 2026-12-24)',
    )
    // 2026-12-01 is a Tuesday → 12-19 is a Saturday.
    expect(checkExpiry('XSP', '2026-12-19')).toBe(
      'XSP options expire only on NYSE trading days; 2026-12-19 is a Saturday; the NYSE is ' +
        'closed (the trading day before is 2026-12-18)',
    )
  })

  it('words one-off closures as past events', () => {
    // 2012-10-29 was a Monday; the trading day before is Friday 10-26.
    expect(checkExpiry('SPY', '2012-10-29')).toBe(
      'SPY options expire only on NYSE trading days; 2012-10-29 is a Monday, but the NYSE was ' +
        'closed (Hurricane Sandy) (the trading day before is 2012-10-26)',
    )
  })

  it('VIX monthly options and VX futures: a VIX expiry only', () => {
    expect(checkExpiry('VIX', '2024-06-18')).toBeNull()
    expect(checkExpiry('VX', '2025-03-18')).toBeNull()
    // July 2024: Aug 2024 third Friday 08-16 (08-01 a Thursday); − 16 = 07-31, − 14 = 07-17.
    expect(checkExpiry('VIX', '2024-06-19')).toBe(
      "VIX monthly options expire on the Wednesday 30 days before the next month's third Friday; " +
        '2024-06-19 is Juneteenth and the NYSE is closed (the nearest VIX expiries are ' +
        '2024-06-18 and 2024-07-17)',
    )
    // Jan 2027: Feb 2027 third Friday 02-19 (02-01 a Monday); − 19 = 01-31, − 11 = 01-20.
    expect(checkExpiry('VIX', '2026-12-23')).toBe(
      "VIX monthly options expire on the Wednesday 30 days before the next month's third Friday; " +
        '2026-12-23 is a Wednesday (the nearest VIX expiries are 2026-12-16 and 2027-01-20)',
    )
    expect(checkExpiry('VX', '2025-03-19')).toBe(
      "VX futures expire on the Wednesday 30 days before the next month's third Friday; " +
        '2025-03-19 is a Wednesday (the nearest VIX expiries are 2025-03-18 and 2025-04-16)',
    )
  })

  it('VIXW: any Wednesday session, the session before a Wednesday holiday, or a monthly', () => {
    expect(checkExpiry('VIXW', '2026-12-23')).toBeNull() // a Wednesday
    expect(checkExpiry('VIXW', '2024-12-24')).toBeNull() // Tuesday before Christmas Wednesday
    expect(checkExpiry('VIXW', '2025-03-18')).toBeNull() // the March 2025 monthly, a Tuesday
    expect(checkExpiry('VIXW', '2026-12-22')).toBe(
      'VIX weekly options expire on a Wednesday (the trading day before when that Wednesday is ' +
        'an NYSE holiday); 2026-12-22 is a Tuesday',
    )
    expect(checkExpiry('VIXW', '2024-12-25')).toBe(
      'VIX weekly options expire on a Wednesday (the trading day before when that Wednesday is ' +
        'an NYSE holiday); 2024-12-25 is Christmas Day and the NYSE is closed',
    )
  })

  it('treats roots case-insensitively and unknown roots by the trading-day rule', () => {
    expect(checkExpiry('spx', '2026-12-18')).toBeNull()
    expect(checkExpiry('ES', '2026-12-18')).toBeNull()
    expect(checkExpiry('ES', '2026-12-19')).toBe(
      'Options expire only on NYSE trading days; 2026-12-19 is a Saturday; the NYSE is closed ' +
        '(the trading day before is 2026-12-18)',
    )
  })

  it('refuses text that is not a covered date instead of throwing', () => {
    expect(checkExpiry('SPX', '2026-02-30')).toBe(
      'The expiration "2026-02-30" is not a date (YYYY-MM-DD)',
    )
    expect(checkExpiry('SPX', '1985-01-18')).toBe(
      "The expiration 1985-01-18 is outside the years Wingman's NYSE calendar covers (1990–2099)",
    )
    // The hint would need 1989's calendar; it is left out rather than thrown.
    expect(checkExpiry('SPXW', '1990-01-01')).toBe(
      "SPXW options expire only on NYSE trading days; 1990-01-01 is New Year's Day; the NYSE is closed",
    )
    expect(checkExpiry('VIX', '1990-01-03')).toBe(
      "VIX monthly options expire on the Wednesday 30 days before the next month's third Friday; " +
        '1990-01-03 is a Wednesday',
    )
  })
})

describe('checkTradeDate', () => {
  const today = '2026-11-24'

  it('accepts a session between the opening day and today, both included', () => {
    expect(checkTradeDate('2026-11-24', { openedOn: '2026-11-24', today })).toBeNull()
    expect(checkTradeDate('2026-11-23', { today })).toBeNull()
    expect(checkTradeDate('2026-11-23', { openedOn: null, today })).toBeNull()
  })

  it('refuses a holiday, naming it, and a weekend', () => {
    expect(checkTradeDate('2025-12-25', { today })).toBe(
      '2025-12-25 is Christmas Day; the NYSE is closed, so nothing was filled that day',
    )
    expect(checkTradeDate('2025-04-18', { today })).toBe(
      '2025-04-18 is Good Friday; the NYSE is closed, so nothing was filled that day',
    )
    // 2026-11-01 is a Sunday → 11-22 is a Sunday.
    expect(checkTradeDate('2026-11-22', { today })).toBe(
      '2026-11-22 is a Sunday; the NYSE is closed, so nothing was filled that day',
    )
    expect(checkTradeDate('2025-01-09', { today })).toBe(
      '2025-01-09 is a Thursday, but the NYSE was closed (National Day of Mourning for President ' +
        'Carter), so nothing was filled that day',
    )
  })

  it('refuses a fill before the position was opened', () => {
    expect(checkTradeDate('2020-03-16', { openedOn: '2025-07-04', today })).toBe(
      'the position was opened on 2025-07-04; a fill on 2020-03-16 is before that',
    )
  })

  it('refuses a fill after today', () => {
    expect(checkTradeDate('2026-11-25', { today })).toBe(
      'a fill on 2026-11-25 is after today (2026-11-24)',
    )
  })

  it('refuses text that is not a date', () => {
    expect(checkTradeDate('11/24/2026', { today })).toBe(
      'The fill date "11/24/2026" is not a date (YYYY-MM-DD)',
    )
  })
})

describe('strike increments', () => {
  it('lists the simplified grids', () => {
    expect(strikeIncrement('SPX', 5000)).toBe(5)
    expect(strikeIncrement('SPXW', 5000)).toBe(5)
    expect(strikeIncrement('XSP', 500)).toBe(1)
    expect(strikeIncrement('SPY', 500)).toBe(1)
    expect(strikeIncrement('RUT', 2000)).toBe(5)
    expect(strikeIncrement('NDX', 20000)).toBe(10)
    expect(strikeIncrement('VIX', 20)).toBe(1)
    expect(strikeIncrement('VIXW', 20)).toBe(1)
    expect(strikeIncrement('VX', 20)).toBeNull()
    expect(strikeIncrement('ES', 5000)).toBeNull()
  })

  it('accepts strikes on the grid', () => {
    expect(checkStrikeIncrement('SPXW', 50_050_000)).toBeNull() // 5005
    expect(checkStrikeIncrement('XSP', 5_010_000)).toBeNull() // 501
    expect(checkStrikeIncrement('NDX', 200_100_000)).toBeNull() // 20010
    expect(checkStrikeIncrement('VIX', 170_000)).toBeNull() // 17
    expect(checkStrikeIncrement('VIX', 175_000)).toBeNull() // 17.5: half points accepted
    expect(checkStrikeIncrement('ES', 50_012_500)).toBeNull() // unknown grid: no warning
  })

  it('warns about a strike off the grid, naming the nearest listed strikes', () => {
    // 5002.5 = 50_025_000 e4; 5-point grid → 5000 below, 5005 above.
    expect(checkStrikeIncrement('SPX', 50_025_000)).toBe(
      'SPX strikes are listed 5 points apart; 5002.5 is not one of them (nearest: 5000 or 5005)',
    )
    expect(checkStrikeIncrement('RUT', 20_020_000)).toBe(
      'RUT strikes are listed 5 points apart; 2002 is not one of them (nearest: 2000 or 2005)',
    )
    expect(checkStrikeIncrement('XSP', 5_005_000)).toBe(
      'XSP strikes are listed 1 point apart; 500.5 is not one of them (nearest: 500 or 501)',
    )
    expect(checkStrikeIncrement('SPY', 5_005_000)).toBe(
      'SPY strikes are listed 1 dollar apart; 500.5 is not one of them (nearest: 500 or 501)',
    )
    expect(checkStrikeIncrement('NDX', 200_050_000)).toBe(
      'NDX strikes are listed 10 points apart; 20005 is not one of them (nearest: 20000 or 20010)',
    )
    expect(checkStrikeIncrement('VIX', 172_500)).toBe(
      'VIX strikes are listed in whole or half points; 17.25 is not one of them (nearest: 17 or 17.5)',
    )
    expect(checkStrikeIncrement('SPX', 25_000)).toBe(
      'SPX strikes are listed 5 points apart; 2.5 is not one of them (nearest: 5)',
    )
  })

  it('refuses a strike that is not positive', () => {
    expect(checkStrikeIncrement('SPX', 0)).toBe('a strike must be above zero, not 0')
    expect(checkStrikeIncrement('SPX', -50_000_000)).toBe('a strike must be above zero, not -5000')
  })
})
