import { describe, expect, it } from 'vitest'
import { isFinalDay } from '../../../electron/core/io/market/update/common.ts'
import {
  parseContractFile,
  vxExpiriesFrom,
} from '../../../electron/core/io/market/update/vxFutures.ts'

describe('VX ranks by expiry (the bundled file’s convention)', () => {
  // November 2026 settles Wed 2026-11-18 (30 days before Fri 2026-12-18); December on Wed
  // 2026-12-16 (30 days before Fri 2027-01-15); January 2027 on Wed 2027-01-20 (30 days before
  // Fri 2027-02-19).
  it('keeps the expiring contract as VX1 on its final settlement day and rolls the day after', () => {
    expect(vxExpiriesFrom('2026-11-18', 3)).toEqual(['2026-11-18', '2026-12-16', '2027-01-20'])
    expect(vxExpiriesFrom('2026-11-19', 2)).toEqual(['2026-12-16', '2027-01-20'])
    expect(vxExpiriesFrom('2026-11-17', 1)).toEqual(['2026-11-18'])
  })
})

describe('a publisher’s row is final', () => {
  it('on any earlier day, on today only a quarter of an hour after the close', () => {
    // Tue 2026-11-24 closes at 16:00 New York (EST, UTC−5): final from 16:15 = 21:15Z.
    expect(isFinalDay('2026-11-24', new Date('2026-11-24T21:10:00Z'))).toBe(false)
    expect(isFinalDay('2026-11-24', new Date('2026-11-24T21:16:00Z'))).toBe(true)
    // Fri 2026-11-27 (the day after Thanksgiving) closes at 13:00: final from 13:15 = 18:15Z.
    expect(isFinalDay('2026-11-27', new Date('2026-11-27T18:10:00Z'))).toBe(false)
    expect(isFinalDay('2026-11-27', new Date('2026-11-27T18:20:00Z'))).toBe(true)
    expect(isFinalDay('2026-11-23', new Date('2026-11-24T14:00:00Z'))).toBe(true)
    expect(isFinalDay('2026-11-25', new Date('2026-11-24T23:00:00Z'))).toBe(false)
  })
})

describe('CFE contract files', () => {
  it('reads the current layout (ISO dates) and the older one (a disclaimer line, US dates)', () => {
    const current = parseContractFile(
      'Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest\n' +
        '2026-01-15,F (Jan 2026),0,0,0,0,0,0,0,0,0\n' +
        '2026-01-16,F (Jan 2026),16.43,16.91,16.20,16.65,16.6389,0.13,64804,0,58018\n' +
        '2026-01-20,F (Jan 2026),17.20,20.95,17.05,19.90,20.2228,3.58,150333,360,33407\n' +
        '2026-01-21,F (Jan 2026),0,0,0,0,,0,0,0,0\n',
      'VX_2026-01-21.csv',
    )
    expect([...current.settles]).toEqual([
      ['2026-01-16', 16.6389],
      ['2026-01-20', 20.2228],
    ])
    expect(current.problems).toEqual([])
    const legacy = parseContractFile(
      'CFE data is compiled for the convenience of site visitors and is furnished without responsibility for accuracy.\n' +
        'Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest\n' +
        '01/02/2013,F (Jan 13),16.80,16.80,15.50,15.60,15.60,-2.10,97535,3632,120663\n' +
        '01/16/2013,F (Jan 13),0.00,14.25,14.40,0.00,13.69,-0.51,0,0,50051\n' +
        '13/01/2013,F (Jan 13),1,1,1,1,1,0,0,0,0\n' +
        '01/17/2013,F (Jan 13),1,1,1,1,n/a,0,0,0,0\n',
      'VX_2013-01-16.csv',
    )
    expect([...legacy.settles]).toEqual([
      ['2013-01-02', 15.6],
      ['2013-01-16', 13.69],
    ])
    expect(legacy.problems).toEqual([
      { line: 5, reason: 'VX_2013-01-16.csv: bad trade date "13/01/2013"' },
      { line: 6, reason: 'VX_2013-01-16.csv: Settle is not a number: "n/a"' },
    ])
  })

  it('refuses a file without CFE’s header, saying what it found', () => {
    expect(() => parseContractFile('<Error>NoSuchKey</Error>\n', 'VX_2030-01-16.csv')).toThrow(
      `VX_2030-01-16.csv does not have CFE's header Trade Date,Futures,…,Settle,… (its first line is "<Error>NoSuchKey</Error>")`,
    )
  })
})
