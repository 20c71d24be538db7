import type { Channel } from '../../shared/channels.ts'
import type { RequestOf, ResponseOf } from '../../shared/contract.ts'
import { condorInput } from './builders.ts'

/** A contract call over any transport (HTTP in e2e and scripts) that throws on failure. */
export type Call = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>

/**
 * Issue 10's review scenario (as test/integration/review/review.test.ts builds it): three SPXW
 * condors × 1 opened 2024-12-02 expiring 2024-12-20, when SPX closed 5930.85 in the bundled
 * history, so every leg held to expiry settles at 0.
 *
 * - A 5700/5750/6150/6200 for 5.00: HOLD on 2024-12-10, followed; expired: +$500.
 * - B 5800/5850/6050/6100 for 6.00: HOLD recommended on 2024-12-11, closed everything anyway
 *   (CLOSE_ALL, overridden) at 0.30 / 0.60 / 40.00 / 12.00: −$2,230 (held: +$600).
 * - C 5800/5850/6100/6150 for 5.00: HOLD recommended on 2024-12-04, the call side rolled up for
 *   an 8.00 debit (ROLL_UP_CALL); expired: −$300. Closed at the marks 0.50 / 1.00 / 20.00 /
 *   8.00: −$750; held: +$500; edges +$450 vs closed, −$800 vs held.
 */
export async function reviewScenario(call: Call): Promise<{ a: number; b: number; c: number }> {
  const condor = async (strikes: [string, string, string, string], credit: string) =>
    (
      await call(
        'positions:createIronCondor',
        condorInput({
          entryDate: '2024-12-02',
          expiration: '2024-12-20',
          longPut: strikes[0],
          shortPut: strikes[1],
          shortCall: strikes[2],
          longCall: strikes[3],
          quantity: 1,
          credit,
          fees: '0',
          tags: [],
        }),
      )
    ).id
  const legIds = async (id: number) =>
    Object.fromEntries((await call('positions:get', { id })).legs.map((l) => [l.strike!, l.id]))
  const inputs = (positionId: number, date: string, marks: Record<number, number>) => ({
    positionId,
    date,
    rulesetId: 'mechanical-wing',
    marks,
  })

  const a = await condor(['5700', '5750', '6150', '6200'], '5')
  const al = await legIds(a)
  await call('adjustments:log', {
    kind: 'other',
    occurredOn: '2024-12-10',
    decision: {
      inputs: inputs(a, '2024-12-10', {
        [al['5700']!]: 0.4,
        [al['5750']!]: 0.9,
        [al['6150']!]: 2.5,
        [al['6200']!]: 1,
      }),
      actionTaken: 'HOLD',
    },
  })

  const b = await condor(['5800', '5850', '6050', '6100'], '6')
  const bl = await legIds(b)
  const bMarks = { [bl['5800']!]: 0.3, [bl['5850']!]: 0.6, [bl['6050']!]: 40, [bl['6100']!]: 12 }
  await call('adjustments:log', {
    kind: 'close',
    occurredOn: '2024-12-11',
    closes: Object.entries(bMarks).map(([legId, p]) => ({
      legId: Number(legId),
      quantity: 1,
      price: String(p),
    })),
    decision: {
      inputs: inputs(b, '2024-12-11', bMarks),
      actionTaken: 'CLOSE_ALL',
      reason: 'FOMC next week',
    },
  })

  const c = await condor(['5800', '5850', '6100', '6150'], '5')
  const cl = await legIds(c)
  const cMarks = { [cl['5800']!]: 0.5, [cl['5850']!]: 1, [cl['6100']!]: 20, [cl['6150']!]: 8 }
  const callLeg = (strike: string, q: number, price: string, replaces: number) => ({
    role: q < 0 ? ('short_call' as const) : ('long_call' as const),
    instrumentType: 'option' as const,
    root: 'SPXW' as const,
    optionType: 'call' as const,
    strike,
    expiration: '2024-12-20',
    quantity: q,
    price,
    replacesLegId: replaces,
  })
  await call('adjustments:log', {
    kind: 'roll',
    occurredOn: '2024-12-04',
    closes: [
      { legId: cl['6100']!, quantity: 1, price: '20' },
      { legId: cl['6150']!, quantity: 1, price: '8' },
    ],
    opens: [callLeg('6200', -1, '6', cl['6100']!), callLeg('6250', 1, '2', cl['6150']!)],
    decision: {
      inputs: inputs(c, '2024-12-04', cMarks),
      actionTaken: 'ROLL_UP_CALL',
      reason: 'keep the long wing',
    },
  })

  await call('positions:expire', { positionIds: [a, c] })
  return { a, b, c }
}

/** A `Call` over the browser host's HTTP API (POST /api/<channel> with the bearer token). */
export function httpCall(origin: string, token: string): Call {
  return (async (channel: string, body: unknown) => {
    const res = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    })
    const r = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown }
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`)
    return r.value
  }) as Call
}
