import { describe, expect, it } from 'vitest'
import { june2026Condor } from '../../helpers/builders.ts'
import { openTestJournal, type TestJournal } from '../../helpers/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * Issue 9's accounting rules on a real journal file, each against dollars computed by hand in
 * the comments: a roll for a debit, a partial close, an expiry from the stored history, a
 * correction, a void — through the contract, as the app does it.
 */
const NOW = new Date('2026-11-24T15:00:00Z')

describe('journal truth', () => {
  const tmp = useTempDir()
  let j: TestJournal | undefined
  const env = () => (j ??= openTestJournal(tmp(), NOW))

  async function condor(overrides = {}) {
    return (await env().call('positions:createIronCondor', june2026Condor(overrides))).id
  }
  const get = (id: number) => env().call('positions:get', { id })

  it('after a roll for a debit the cards show the position as it stands', async () => {
    const { call } = env()
    // 7150/7200/7500/7550 × 2 for 17.85: $3,570 received, no fees
    const id = await condor()
    const before = await get(id)
    const leg = (strike: string) => before.legs.find((l) => l.strike === strike)!.id
    // roll the call side up: buy back 7500C at 40.00, sell 7550C at 20.00 (20.00 debit),
    // sell 7600C at 9.00, buy 7650C at 4.20 (4.80 credit): 15.20 debit × 100 × 2 = −$3,040
    await call('adjustments:log', {
      positionId: id,
      kind: 'roll',
      occurredOn: '2026-06-25',
      time: '14:30',
      fees: '5.20',
      closes: [
        { legId: leg('7500'), quantity: 2, price: '40' },
        { legId: leg('7550'), quantity: 2, price: '20' },
      ],
      opens: [
        {
          role: 'short_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7600',
          expiration: '2026-07-17',
          quantity: -2,
          price: '9',
          replacesLegId: leg('7500'),
        },
        {
          role: 'long_call',
          instrumentType: 'option',
          root: 'SPX',
          optionType: 'call',
          strike: '7650',
          expiration: '2026-07-17',
          quantity: 2,
          price: '4.2',
          replacesLegId: leg('7550'),
        },
      ],
    })
    const after = await get(id)
    expect(after.summary).toMatchObject({
      longPut: '7150',
      shortPut: '7200',
      shortCall: '7600',
      longCall: '7650',
      quantity: 2,
      legsLabel: '+2×7150P −2×7200P −2×7600C +2×7650C',
    })
    const f = after.summary.figures!
    // premium 3570 − 3040 = 530; fees 5.20
    expect(f.premium).toBe('530')
    expect(f.fees).toBe('5.2')
    // net 524.80 over 200 shares = 2.624: max profit 524.80, max loss 50 × 200 − 524.80,
    // breakevens 7200 − 2.624 and 7600 + 2.624
    expect(f.structure).toEqual({
      ok: true,
      maxProfit: '524.8',
      maxLoss: '9475.2',
      breakevens: ['7197.376', '7602.624'],
      netCredit: '524.8',
    })
    // the opening was one net price and its call side is now closed: the split needs per-leg
    // prices, the total does not
    expect(f.realised).toBeNull()
    expect(f.realisedNote).toMatch(/per-leg prices/)
    // the original structure stays visible in the legs' lineage
    expect(after.legs.filter((l) => l.replacesLegId !== null)).toHaveLength(2)
    expect(
      after.legs
        .filter((l) => l.closedAt !== null)
        .map((l) => l.strike)
        .sort(),
    ).toEqual(['7500', '7550'])
  })

  it('a partial close counts what is left, everywhere', async () => {
    const { call } = env()
    const id = await condor({ fees: '5.2' })
    const d = await get(id)
    // close 1 of 2 lots: sell 7150P 0.20, buy 7200P 0.90, buy 7500C 0.70, sell 7550C 0.10
    // → 1.30 debit × 100 = −$130
    const price: Record<string, string> = {
      '7150': '0.2',
      '7200': '0.9',
      '7500': '0.7',
      '7550': '0.1',
    }
    await call('adjustments:log', {
      positionId: id,
      kind: 'partial_close',
      occurredOn: '2026-06-10',
      closes: d.legs.map((l) => ({ legId: l.id, quantity: 1, price: price[l.strike!]! })),
    })
    const after = await get(id)
    expect(after.legs.map((l) => l.openQuantity)).toEqual([1, -1, -1, 1])
    const f = after.summary.figures!
    expect(after.summary.quantity).toBe(1)
    expect(f.openContracts).toBe(1)
    // realised = half the $3,570 credit − $130 − $5.20 fees = 1649.80
    expect(f.realised).toBe('1649.8')
    const list = await call('positions:list', { status: 'open' })
    expect(list.positions.find((p) => p.id === id)!.quantity).toBe(1)
  })

  it('an expired SPXW condor is offered an expiry at the stored close, then closes', async () => {
    const { call } = env()
    // SPXW 5800/5850/5900/5950 × 1 for 10.00 on 2024-12-02, $2 fees, expiring 2024-12-20;
    // the bundled SPX history closed 5930.85 that day
    const id = await condor({
      underlying: 'SPXW',
      entryDate: '2024-12-02',
      expiration: '2024-12-20',
      longPut: '5800',
      shortPut: '5850',
      shortCall: '5900',
      longCall: '5950',
      quantity: 1,
      credit: '10',
      fees: '2',
    })
    // still open past its expiry: valued at the settlement, labelled as such
    const open = (await get(id)).summary.figures!
    // 5900 call settles at 30.85: −30.85 × 100 = −3085; open P&L = −3085 + 1000 = −2085
    expect(open.openPnl).toBe('-2085')
    expect(open.openPnlAsOf).toBe('2024-12-20')
    expect(open.total).toBe('-2087')
    const [candidate] = await call('positions:expiryCandidates', { positionIds: [id] })
    expect(candidate!.ready).toBe(true)
    expect(candidate!.legs.find((l) => l.strike === '5900')).toMatchObject({
      price: '30.85',
      cash: '-3085',
      source: 'stored history of 2024-12-20',
    })
    const done = await call('positions:expire', { positionIds: [id] })
    expect(done.expired).toEqual([id])
    const after = await get(id)
    expect(after.summary).toMatchObject({ status: 'closed', closedOn: '2024-12-20' })
    // realised = 1000 − 3085 − 2 = −2087, the same total as before expiring
    expect(after.summary.figures).toMatchObject({ realised: '-2087', openPnl: '0', total: '-2087' })
    expect(after.adjustments.at(-1)!.kind).toBe('expire')
  })

  it('a corrected fill keeps its original, changes the money, and shows in the history', async () => {
    const { call, db } = env()
    const id = await condor()
    const d = await get(id)
    await call('adjustments:log', {
      positionId: id,
      kind: 'close',
      occurredOn: '2026-06-12',
      closes: d.legs.map((l) => ({
        legId: l.id,
        quantity: 2,
        price: l.strike === '7500' ? '3' : '1',
      })),
    })
    // closes: +200 (7150P sold at 1) −200 (7200P bought at 1) −600 (7500C bought at 3)
    // +200 (7550C sold at 1) = −400; realised = 3570 − 400 = 3170
    expect((await get(id)).summary.figures!.realised).toBe('3170')
    const fill = (await get(id)).fills.find(
      (f) => f.effect === 'close' && d.legs.find((l) => l.id === f.legId)!.strike === '7500',
    )!
    await call('fills:correct', {
      fillId: fill.id,
      price: '3.5',
      reason: 'broker statement says 3.50',
    })
    const after = await get(id)
    // 0.50 more per share on 2 contracts × 100: −$100 → realised 3070
    expect(after.summary.figures!.realised).toBe('3070')
    const corrected = after.fills.find((f) => f.id === fill.id)!
    expect(corrected).toMatchObject({ price: '3.5', original: { price: '3' } })
    expect(after.history.at(-1)).toMatchObject({
      kind: 'fill_correction',
      reason: 'broker statement says 3.50',
      summary: 'Closing fill of SPX 7500 call 2026-07-17: price 3.00 → 3.50',
    })
    // the recorded fill itself never changes
    expect(() => db.prepare('UPDATE fills SET price_e4 = 1 WHERE id = ?').run(fill.id)).toThrow(
      /correction/,
    )
    // correcting the quantity below what was closed reopens the leg and the position
    await call('fills:correct', { fillId: fill.id, quantity: 1, reason: 'only one was filled' })
    const reopened = await get(id)
    expect(reopened.summary.status).toBe('open')
    expect(reopened.legs.find((l) => l.strike === '7500')!.openQuantity).toBe(-1)
  })

  it('voids and restores a position with its reason, hidden from lists meanwhile', async () => {
    const { call } = env()
    const id = await condor({ tags: ['typo'] })
    await call('positions:void', { id, reason: 'entered twice' })
    expect(
      (await call('positions:list', { status: 'all' })).positions.some((p) => p.id === id),
    ).toBe(false)
    const voided = await call('positions:list', { status: 'voided' })
    expect(voided.positions.find((p) => p.id === id)).toMatchObject({ voidReason: 'entered twice' })
    await call('positions:restore', { id, reason: 'it was a second lot after all' })
    expect(
      (await call('positions:list', { status: 'all' })).positions.some((p) => p.id === id),
    ).toBe(true)
    expect((await get(id)).history.map((h) => [h.kind, h.reason])).toEqual([
      ['void', 'entered twice'],
      ['restore', 'it was a second lot after all'],
    ])
  })

  it('filters the list and totals what is listed', async () => {
    const { call } = env()
    const a = await condor({ tags: ['filter-a'], notes: 'Fed week, wide wings', fees: '1.5' })
    const b = await condor({ tags: ['filter-a'], credit: '10', fees: '0.5' })
    await condor({ tags: ['filter-b'] })
    await call('positions:update', { id: b, thesis: 'mean reversion after CPI' })
    const listed = await call('positions:list', { status: 'open', tag: 'filter-a' })
    expect(listed.positions.map((p) => p.id).sort()).toEqual([a, b].sort())
    // premium 17.85 × 200 + 10 × 200 = 3570 + 2000; fees 1.50 + 0.50
    expect(listed.totals).toMatchObject({
      count: 2,
      premium: { value: '5570', unknown: 0 },
      fees: { value: '2', unknown: 0 },
    })
    expect(
      (await call('positions:list', { status: 'all', text: 'fed WIDE' })).positions.map(
        (p) => p.id,
      ),
    ).toEqual([a])
    expect(
      (await call('positions:list', { status: 'all', text: 'cpi' })).positions.map((p) => p.id),
    ).toEqual([b])
    expect(
      (await call('positions:list', { status: 'all', structure: 'strangle' })).positions,
    ).toEqual([])
    expect(
      (await call('positions:list', { status: 'all', from: '2026-06-02' })).positions.map(
        (p) => p.id,
      ),
    ).not.toContain(a)
  })

  it('does not value a position with market data from before it was opened', async () => {
    // opened 2026-11-02; the bundled SPX history ends in July 2026
    const id = await condor({ entryDate: '2026-11-02', expiration: '2026-12-18' })
    const f = (await get(id)).summary.figures!
    expect(f.openPnl).toBeNull()
    expect(f.total).toBeNull()
    expect(f.openPnlNote).toMatch(/before this leg was opened \(2026-11-02\)/)
    // a mark the trader enters values it instead: 4 legs at 1.00 / 2.00 / 2.50 / 1.00 →
    // 200 × (1 − 2 − 2.5 + 1) = −$500; open P&L = −500 + 3570 received
    const legs = (await get(id)).legs
    const marks: Record<string, string> = { '7150': '1', '7200': '2', '7500': '2.5', '7550': '1' }
    for (const l of legs)
      await env().call('legs:mark', { legId: l.id, date: '2026-11-20', price: marks[l.strike!]! })
    const marked = (await get(id)).summary.figures!
    expect(marked).toMatchObject({ openPnl: '3070', openPnlAsOf: '2026-11-20', total: '3070' })
    expect(marked.openPnlNote).toMatch(/marks you entered/)
  })

  it('refuses dates that cannot be, in the trader’s words', async () => {
    const { raw } = env()
    const id = await condor()
    const d = await get(id)
    const close = (occurredOn: string) =>
      raw('adjustments:log', {
        positionId: id,
        kind: 'close',
        occurredOn,
        closes: [{ legId: d.legs[0]!.id, quantity: 1, price: '1' }],
      })
    const before = await close('2020-03-16')
    expect(before).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(!before.ok && before.error.message).toMatch(/opened on 2026-06-01/)
    const holiday = await close('2026-07-03')
    expect(!holiday.ok && holiday.error.message).toMatch(/Independence Day/)
    const future = await close('2026-12-01')
    expect(!future.ok && future.error.message).toMatch(/after today|future|2026-11-24/)
  })
})
