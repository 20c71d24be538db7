import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { STRUCTURES, type PositionSummary } from '../../../shared/domain.ts'
import { money } from '../../../renderer/src/lib/format.ts'
import { parseRoute, routeQuery } from '../../../renderer/src/lib/router.ts'
import {
  decimalSortKey,
  figureSortKey,
  legsText,
  minRowWidth,
  sortOf,
  openPnlTitle,
  signClass,
  unknownNote,
} from '../../../renderer/src/positions/list/listFigures.ts'
import {
  activeFilterCount,
  emptyText,
  filtersFromQuery,
  NO_FILTERS,
  queryFromFilters,
  requestOf,
  STATUSES,
  structureLabel,
  type ListFilters,
} from '../../../renderer/src/positions/list/listFilters.ts'

const q = (text: string) => new URLSearchParams(text)

function summary(over: Partial<PositionSummary> = {}): PositionSummary {
  return {
    id: 1,
    accountId: 1,
    accountName: 'Default',
    underlying: 'SPX',
    root: 'SPXW',
    strategy: 'iron_condor',
    structure: 'iron_condor',
    status: 'open',
    voidedAt: null,
    voidReason: '',
    openedOn: '2026-11-02',
    closedOn: null,
    expiration: '2026-12-18',
    longPut: '6400',
    shortPut: '6450',
    shortCall: '7000',
    longCall: '7050',
    quantity: 2,
    credit: '3.15',
    legsLabel: '+2×6400P −2×6450P −2×7000C +2×7050C',
    tags: [],
    figures: null,
    figuresError: null,
    ...over,
  } as PositionSummary
}

const withFigures = (over: Partial<NonNullable<PositionSummary['figures']>>) =>
  summary({
    figures: {
      premium: '630',
      fees: '5.2',
      realised: '-5.2',
      realisedNote: null,
      openPnl: '100',
      openPnlAsOf: '2026-07-08',
      openPnlNote: 'model value',
      total: '94.8',
      structure: { ok: false, reason: 'n/a' },
      openContracts: 2,
      layers: [],
      ...over,
    },
  })

describe('positions list filters in the address', () => {
  it('reads every filter from the route query', () => {
    expect(
      filtersFromQuery(
        q(
          'status=closed&underlying=spx&structure=put_credit_spread&tag=core&account=2&from=2026-01-02&to=2026-03-31&q=wide%20wings',
        ),
      ),
    ).toEqual({
      status: 'closed',
      underlying: 'SPX',
      structure: 'put_credit_spread',
      tag: 'core',
      accountId: '2',
      from: '2026-01-02',
      to: '2026-03-31',
      text: 'wide wings',
    })
  })

  it('drops what the core would refuse instead of failing the page', () => {
    expect(
      filtersFromQuery(
        q(
          'status=deleted&underlying=S%20P%20X&structure=condor&account=-1&from=2026-02-30&to=yesterday',
        ),
      ),
    ).toEqual(NO_FILTERS)
  })

  it('writes only what differs from the default, so no filter is the bare route', () => {
    expect(queryFromFilters(NO_FILTERS).toString()).toBe('')
    expect(
      queryFromFilters({ ...NO_FILTERS, status: 'all', tag: 'core', text: 'roll' }).toString(),
    ).toBe('status=all&tag=core&q=roll')
  })

  it('round-trips any valid set of filters through the address', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,12}$/)
    const date = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    const filters = fc.record<ListFilters>({
      status: fc.constantFrom(...STATUSES),
      underlying: fc.constantFrom('', 'SPX', 'XSP', 'VIX'),
      structure: fc.constantFrom('', ...STRUCTURES),
      tag: fc.oneof(fc.constant(''), word),
      accountId: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 9999 }).map(String)),
      from: fc.oneof(fc.constant(''), date),
      to: fc.oneof(fc.constant(''), date),
      text: fc.oneof(
        fc.constant(''),
        word,
        fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
      ),
    })
    fc.assert(
      fc.property(filters, (f) => {
        // Through the hash as the browser keeps it: "#/positions?…".
        const hash = `#/positions?${queryFromFilters(f).toString()}`
        expect(parseRoute(hash)).toEqual({ page: 'positions' })
        expect(filtersFromQuery(routeQuery(hash))).toEqual(f)
      }),
    )
  })

  it('asks the core only for the filters that are set', () => {
    expect(requestOf(NO_FILTERS)).toEqual({ status: 'open' })
    expect(
      requestOf({ ...NO_FILTERS, status: 'voided', accountId: '3', tag: ' core ', text: '  ' }),
    ).toEqual({ status: 'voided', accountId: 3, tag: 'core' })
  })

  it('counts the active filters and says why a list is empty', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0)
    expect(activeFilterCount({ ...NO_FILTERS, status: 'all', tag: 'core' })).toBe(2)
    expect(emptyText({ ...NO_FILTERS, tag: 'core' })).toMatch(/No positions match/)
    expect(emptyText({ ...NO_FILTERS, status: 'voided' })).toMatch(/No voided positions/)
  })

  it('names structures in words', () => {
    expect(structureLabel('broken_wing_butterfly')).toBe('Broken wing butterfly')
    expect(structureLabel('iron_condor')).toBe('Iron condor')
  })
})

describe('positions list figures', () => {
  it('sorts money on the exact decimal, not a float', () => {
    // 0.1 + 0.2 style traps: these differ in the fourth decimal only.
    expect(decimalSortKey('1234567.0001')).toBe(12345670001)
    expect(decimalSortKey('-0.0001')).toBe(-1)
    expect(decimalSortKey(null)).toBeNull()
    const rows = [
      withFigures({ total: '100.0002' }),
      withFigures({ total: null }),
      withFigures({ total: '100.0001' }),
      withFigures({ total: '-2500' }),
    ].map((p, i) => ({ ...p, id: (i + 1) as PositionSummary['id'] }))
    // As the list sorts (VirtualTable's sortRows): unknown last either way.
    const sorted = (dir: 1 | -1) =>
      rows
        .map((p) => ({ id: p.id, k: figureSortKey(p, 'total') }))
        .sort((a, b) => (a.k === null ? 1 : b.k === null ? -1 : (a.k - b.k) * dir))
        .map((x) => x.id)
    expect(sorted(-1)).toEqual([1, 3, 4, 2])
    expect(sorted(1)).toEqual([4, 3, 1, 2])
  })

  it('formats money with two decimals and thousands separators, unknown as a dash', () => {
    expect(money('-7338.5')).toBe('−$7,338.50')
    expect(money('1234567')).toBe('$1,234,567.00')
    expect(money('0.0125')).toBe('$0.0125') // sub-cent digits are kept, never rounded away
    expect(money(null)).toBe('—')
    expect(signClass('-0.01')).toBe('neg')
    expect(signClass('0')).toBe('')
  })

  it('asks the core to sort by the column clicked, the expiration for a column it cannot sort', () => {
    expect(sortOf({ key: 'total', dir: 'desc' })).toEqual({ column: 'total', direction: 'desc' })
    expect(sortOf({ key: 'account', dir: 'asc' })).toEqual({ column: 'account', direction: 'asc' })
    expect(sortOf({ key: 'tags', dir: 'asc' })).toEqual({ column: 'expiration', direction: 'asc' })
  })

  it('dates the open P&L and explains an unknown one', () => {
    const a = withFigures({ openPnlAsOf: '2026-07-08' })
    expect(openPnlTitle(a)).toBe('model value, as of 2026-07-08')
    expect(openPnlTitle(summary({ figuresError: 'The records contradict' }))).toBe(
      'The records contradict',
    )
    expect(unknownNote({ value: '0', unknown: 3 })).toBe('3 unknown')
    expect(unknownNote({ value: '0', unknown: 0 })).toBe('')
  })

  it('shows a condor as its strikes and anything else as the core label', () => {
    expect(legsText(summary())).toBe('6400/6450/7000/7050')
    // a side closed: the open legs are what counts
    expect(legsText(summary({ legsLabel: '+2×6400P −2×6450P' }))).toBe('+2×6400P −2×6450P')
    expect(
      legsText(
        summary({
          structure: 'put_credit_spread',
          shortCall: null,
          longCall: null,
          legsLabel: '+6400P −6450P',
        }),
      ),
    ).toBe('+6400P −6450P')
  })

  it('sizes a row to fit its narrowest tracks, gaps and padding', () => {
    expect(minRowWidth([{ width: '80px' }, { width: 'minmax(56px, 1fr)' }])).toBe(80 + 56 + 8 + 24)
  })
})
