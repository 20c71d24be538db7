import { z } from 'zod'
import { isIsoDate } from './dates.ts'
import { parseE4 } from './money.ts'
import { OPTION_ROOTS } from './instruments.ts'

/**
 * The "New iron condor" request. The form and the core validate with this same schema, so a
 * message the user sees before saving is the message the core would return.
 */
const isoDate = (label: string) =>
  z
    .string()
    .max(10)
    .refine(isIsoDate, { message: `${label} must be a date (YYYY-MM-DD)` })

const decimal = (label: string) =>
  z
    .string()
    .max(24)
    .refine((s) => parseE4(s) !== null, {
      message: `${label} must be a number with at most 4 decimals`,
    })

const strike = (label: string) =>
  decimal(label).refine((s) => (parseE4(s) ?? 0) > 0, { message: `${label} must be above 0` })

export const STRIKE_FIELDS = ['longPut', 'shortPut', 'shortCall', 'longCall'] as const

export const CreateIronCondorSchema = z
  .strictObject({
    accountId: z.number().int().positive().optional(),
    underlying: z.enum(OPTION_ROOTS, {
      message: `Underlying must be one of ${OPTION_ROOTS.join(', ')}`,
    }),
    expiration: isoDate('Expiration'),
    entryDate: isoDate('Entry date'),
    longPut: strike('Long put'),
    shortPut: strike('Short put'),
    shortCall: strike('Short call'),
    longCall: strike('Long call'),
    // Integer and range checks are refinements, not .int()/.positive(): zod treats a failed
    // .int() as aborting, which would hide the cross-field messages below.
    quantity: z
      .number({ message: 'Quantity must be a whole number' })
      .refine(Number.isInteger, { message: 'Quantity must be a whole number' })
      .refine((n) => n >= 1, { message: 'Quantity must be at least 1' })
      .refine((n) => n <= 10_000, { message: 'Quantity must be at most 10000' }),
    credit: decimal('Credit').refine((s) => (parseE4(s) ?? -1) >= 0, {
      message: 'Credit must be 0 or more',
    }),
    fees: decimal('Fees')
      .refine((s) => (parseE4(s) ?? -1) >= 0, { message: 'Fees must be 0 or more' })
      .default('0'),
    tags: z
      .array(
        z
          .string()
          .trim()
          .min(1, { message: 'Tags cannot be empty' })
          .max(40, { message: 'A tag is at most 40 characters' }),
      )
      .max(20, { message: 'At most 20 tags' })
      .default([]),
    notes: z.string().max(10_000, { message: 'Notes are at most 10000 characters' }).default(''),
  })
  // Cross-field rules run even when another field is invalid (`when`), so the form shows every
  // problem at once; each rule only looks at the fields it needs and skips those that are unusable.
  .superRefine(
    (raw, ctx) => {
      if (typeof raw !== 'object' || raw === null) return
      const v = raw as Partial<Record<string, unknown>>
      const num = (key: string) => (typeof v[key] === 'string' ? parseE4(v[key]) : null)
      const [k1, k2, k3, k4] = STRIKE_FIELDS.map(num)
      const bad = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message })
      if (k1 != null && k2 != null && !(k1 < k2))
        bad('shortPut', 'Short put must be above the long put')
      if (k2 != null && k3 != null && !(k2 < k3))
        bad('shortCall', 'Short call must be above the short put')
      if (k3 != null && k4 != null && !(k3 < k4))
        bad('longCall', 'Long call must be above the short call')
      const credit = num('credit')
      if (
        credit != null &&
        k1 != null &&
        k2 != null &&
        k3 != null &&
        k4 != null &&
        k1 < k2 &&
        k3 < k4
      ) {
        if (credit >= Math.max(k2 - k1, k4 - k3))
          bad(
            'credit',
            'Credit must be below the width of the wider wing (otherwise the trade could not lose)',
          )
      }
      const { expiration, entryDate } = v
      if (
        typeof expiration === 'string' &&
        typeof entryDate === 'string' &&
        isIsoDate(expiration) &&
        isIsoDate(entryDate) &&
        expiration < entryDate
      )
        bad('expiration', 'Expiration cannot be before the entry date')
    },
    { when: () => true },
  )

export type CreateIronCondorInput = z.input<typeof CreateIronCondorSchema>
export type CreateIronCondor = z.output<typeof CreateIronCondorSchema>

export { fieldErrors } from './fieldErrors.ts'
