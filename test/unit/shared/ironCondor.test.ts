import { describe, expect, it } from 'vitest'
import { CreateIronCondorSchema, fieldErrors } from '../../../shared/ironCondor.ts'
import { condorInput } from '../../helpers/builders.ts'

function errorsOf(input: unknown): Record<string, string> {
  const r = CreateIronCondorSchema.safeParse(input)
  return r.success ? {} : fieldErrors(r.error)
}

describe('New iron condor validation', () => {
  it('accepts a well-formed condor and fills defaults', () => {
    const { fees: _f, tags: _t, notes: _n, ...minimal } = condorInput()
    const r = CreateIronCondorSchema.parse(minimal)
    expect(r.fees).toBe('0')
    expect(r.tags).toEqual([])
    expect(r.notes).toBe('')
  })

  it('requires strikes strictly ordered, naming the field out of order', () => {
    expect(errorsOf(condorInput({ shortPut: '6400' }))).toEqual({
      shortPut: 'Short put must be above the long put',
    })
    expect(errorsOf(condorInput({ shortCall: '6450' }))).toEqual({
      shortCall: 'Short call must be above the short put',
    })
    expect(errorsOf(condorInput({ longCall: '6990' }))).toEqual({
      longCall: 'Long call must be above the short call',
    })
  })

  it('reports ordering problems even while another field is invalid', () => {
    const e = errorsOf(condorInput({ shortPut: '6300', shortCall: '' }))
    expect(e.shortPut).toBe('Short put must be above the long put')
    expect(e.shortCall).toMatch(/number/)
    const q = errorsOf(condorInput({ shortPut: '6300', quantity: 1.5 }))
    expect(q).toEqual({
      quantity: 'Quantity must be a whole number',
      shortPut: 'Short put must be above the long put',
    })
  })

  it('requires a positive whole quantity', () => {
    expect(errorsOf(condorInput({ quantity: 0 })).quantity).toBe('Quantity must be at least 1')
    expect(errorsOf(condorInput({ quantity: 1.5 })).quantity).toBe(
      'Quantity must be a whole number',
    )
    expect(errorsOf(condorInput({ quantity: Number.NaN })).quantity).toBe(
      'Quantity must be a whole number',
    )
  })

  it('requires credit >= 0 and below the wider wing', () => {
    expect(errorsOf(condorInput({ credit: '-1' })).credit).toBe('Credit must be 0 or more')
    expect(errorsOf(condorInput({ credit: '50' })).credit).toMatch(
      /below the width of the wider wing/,
    )
    // unequal wings: 50 wide puts, 100 wide calls → 60 is allowed
    expect(errorsOf(condorInput({ longCall: '7100', credit: '60' }))).toEqual({})
    expect(errorsOf(condorInput({ credit: '0' }))).toEqual({})
  })

  it('refuses an expiration before the entry date but allows same-day (0 DTE)', () => {
    expect(errorsOf(condorInput({ expiration: '2026-11-01' })).expiration).toBe(
      'Expiration cannot be before the entry date',
    )
    expect(errorsOf(condorInput({ expiration: '2026-11-02' }))).toEqual({})
    expect(errorsOf(condorInput({ expiration: '2026-02-30' })).expiration).toMatch(/date/)
  })

  it('refuses unknown fields, wrong types and oversized text', () => {
    expect(errorsOf({ ...condorInput(), evil: true })._).toMatch(/Unrecognized key/)
    expect(errorsOf(condorInput({ longPut: 6400 as unknown as string })).longPut).toBeDefined()
    expect(errorsOf(condorInput({ notes: 'x'.repeat(10_001) })).notes).toMatch(/at most 10000/)
    expect(errorsOf(condorInput({ tags: ['y'.repeat(41)] }))['tags.0']).toMatch(/at most 40/)
    expect(errorsOf(condorInput({ underlying: 'AAPL' as 'SPX' })).underlying).toMatch(
      /must be one of/,
    )
  })

  it('does not throw on payloads that are not objects', () => {
    for (const bad of [null, 42, 'text', [], undefined]) expect(() => errorsOf(bad)).not.toThrow()
  })
})
