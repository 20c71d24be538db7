import { describe, expect, it } from 'vitest'
import { describeProblem } from '../../../shared/fieldErrors.ts'

describe('describeProblem', () => {
  it('names list items by their place, counting from 1', () => {
    expect(describeProblem('legs.2.strike', 'Strike must be above 0')).toBe(
      'Leg 3: Strike must be above 0',
    )
    expect(describeProblem('closes.0.price', 'Price must be a number')).toBe(
      'Closed leg 1: Price must be a number',
    )
  })
  it('keeps a plain message as it is and never shows a schema path', () => {
    expect(describeProblem('fees', 'Fees must be 0 or more')).toBe('Fees must be 0 or more')
    expect(describeProblem('decision.reason', 'Say why')).toBe('Say why')
  })
  it('replaces zod’s own wording', () => {
    expect(describeProblem('_', 'Invalid input: expected object, received null')).toBe(
      'Wingman could not read this request',
    )
    expect(describeProblem('opens.1.quantity', 'Invalid input: expected number')).toBe(
      'New leg 2: this value is not one Wingman can use',
    )
  })
})

describe('fieldErrors', () => {
  it('names at most 100 fields and counts the rest (a request with many bad entries)', async () => {
    const { z } = await import('zod')
    const { fieldErrors, MAX_FIELD_ERRORS } = await import('../../../shared/fieldErrors.ts')
    const schema = z.record(z.string(), z.number())
    const bad = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 'x']))
    const r = schema.safeParse(bad)
    expect(r.success).toBe(false)
    const fields = fieldErrors(r.error!)
    expect(Object.keys(fields)).toHaveLength(MAX_FIELD_ERRORS + 1)
    expect(fields._more).toBe('4,900 more problems not listed')
  })
})
