import { z } from 'zod'
import { checkExpiry, checkStrikeIncrement, checkTradeDate } from './calendar/expiries.ts'
import { isIsoDate } from './dates.ts'
import { STRUCTURES as STRUCTURE_IDS, type IsoDate, type Structure } from './domain.ts'
import { ALL_ROOTS, VIX_ROOTS, instrumentTypeOf, isRoot, type Root } from './instruments.ts'
import { formatE4, parseE4 } from './money.ts'

/**
 * The "New position" request for any structure, and the templates the form pre-fills from.
 * The form and the core validate with this same schema, so a message the user sees before
 * saving is the message the core would return; every problem is reported at once, on the
 * field it concerns (`legs.2.strike`).
 *
 * Prices are per share (per VIX point for VX), as exact decimal strings. A leg's quantity is
 * signed: + bought (long), − sold (short). The net price is the combo's price per share with
 * + = credit, covering the option legs only: a future is not premium and always carries its
 * own entry price.
 */

export const MAX_LEGS = 12
const MAX_QUANTITY = 10_000

// An empty field says "enter it" rather than "not a number": the first message wins.
const isoDate = (label: string) =>
  z
    .string({ message: `${label} must be a date (YYYY-MM-DD)` })
    .min(1, { message: `Enter the ${label.toLowerCase()}` })
    .max(10)
    .refine(isIsoDate, { message: `${label} must be a date (YYYY-MM-DD)` })

const decimal = (label: string) =>
  z
    .string({ message: `${label} must be a number` })
    .min(1, { message: `Enter the ${label.toLowerCase()}` })
    .max(24)
    .refine((s) => parseE4(s) !== null, {
      message: `${label} must be a number with at most 4 decimals`,
    })

const atLeastZero = (label: string) =>
  decimal(label).refine((s) => (parseE4(s) ?? -1) >= 0, { message: `${label} must be 0 or more` })

export const LegSchema = z.strictObject({
  instrumentType: z.enum(['option', 'future'], { message: 'Choose option or future' }),
  root: z.enum(ALL_ROOTS, { message: `Root must be one of ${ALL_ROOTS.join(', ')}` }),
  optionType: z.enum(['call', 'put'], { message: 'Choose call or put' }).optional(),
  strike: decimal('Strike')
    .refine((s) => (parseE4(s) ?? 0) > 0, { message: 'Strike must be above 0' })
    .optional(),
  expiration: isoDate('Expiration'),
  // Refinements, not .int(): a failed .int() aborts and would hide the cross-field messages.
  quantity: z
    .number({ message: 'Quantity must be a whole number (+ bought, − sold)' })
    .refine(Number.isInteger, { message: 'Quantity must be a whole number (+ bought, − sold)' })
    .refine((n) => n !== 0, { message: 'Quantity cannot be 0 (+ bought, − sold)' })
    .refine((n) => Math.abs(n) <= MAX_QUANTITY, {
      message: `Quantity must be at most ${MAX_QUANTITY} contracts`,
    }),
  price: atLeastZero('Price').optional(),
})

export const CreatePositionSchema = z
  .strictObject({
    accountId: z.number().int().positive().optional(),
    structure: z.enum(STRUCTURE_IDS, { message: 'Choose a structure' }),
    entryDate: isoDate('Entry date'),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Time must be HH:MM (24-hour, New York)' })
      .default('16:00'),
    legs: z
      .array(LegSchema, { message: 'Add at least one leg' })
      .min(1, { message: 'Add at least one leg' })
      .max(MAX_LEGS, { message: `At most ${MAX_LEGS} legs` }),
    netPrice: decimal('Net price').optional(),
    fees: atLeastZero('Fees').default('0'),
    hedgeOf: z.number().int().positive().optional(),
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
    thesis: z.string().max(10_000, { message: 'Thesis is at most 10000 characters' }).default(''),
  })
  // Runs even when a field is invalid (`when`), so the form shows every problem at once; each
  // rule reads only the values it needs and skips those that are unusable.
  .superRefine(
    (raw, ctx) =>
      crossCheck(raw, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
    {
      when: () => true,
    },
  )

export type CreatePositionInput = z.input<typeof CreatePositionSchema>
export type CreatePosition = z.output<typeof CreatePositionSchema>
export type NewLegInput = z.input<typeof LegSchema>

type Issue = (path: (string | number)[], message: string) => void

/** A leg as far as its values are usable (null where a value is missing or invalid). */
interface LegView {
  index: number
  instrumentType: 'option' | 'future' | null
  root: Root | null
  optionType: 'call' | 'put' | null
  strikeE4: number | null
  expiration: IsoDate | null
  quantity: number | null
  /** Whether a price was given at all (valid or not). */
  hasPrice: boolean
  priceE4: number | null
}

function viewLeg(raw: unknown, index: number): LegView {
  const v = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null)
  const e4 = (k: string) => {
    const s = str(k)
    return s === null ? null : parseE4(s)
  }
  const q = v.quantity
  const root = str('root')
  const exp = str('expiration')
  return {
    index,
    instrumentType:
      v.instrumentType === 'option' || v.instrumentType === 'future' ? v.instrumentType : null,
    root: root !== null && isRoot(root) ? root : null,
    optionType: v.optionType === 'call' || v.optionType === 'put' ? v.optionType : null,
    strikeE4: e4('strike'),
    expiration: exp !== null && isIsoDate(exp) ? exp : null,
    quantity:
      typeof q === 'number' && Number.isInteger(q) && q !== 0 && Math.abs(q) <= MAX_QUANTITY
        ? q
        : null,
    hasPrice: v.price !== undefined,
    priceE4: e4('price'),
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/**
 * The combo price per share (+ = credit) that the option legs' own prices add up to, or null
 * when a leg lacks a usable price or quantity. The ledger books a combo as net price ×
 * multiplier × its ratio unit (the gcd of the quantities: 1 for a 1×2×1 fly, q for a q-lot
 * condor), so the net price is the premium divided by that unit — always a whole e4 number.
 */
export function impliedNetPriceE4(
  legs: readonly {
    instrumentType: string | null
    quantity: number | null
    priceE4: number | null
  }[],
): number | null {
  const options = legs.filter((l) => l.instrumentType === 'option')
  if (options.length === 0) return null
  let unit = 0
  let sum = 0
  for (const l of options) {
    if (l.quantity === null || l.priceE4 === null) return null
    unit = gcd(unit, Math.abs(l.quantity))
    // Selling (a negative quantity) receives the price.
    sum += -Math.sign(l.quantity) * l.priceE4 * Math.abs(l.quantity)
  }
  return sum / unit
}

const creditText = (e4: number) =>
  e4 >= 0 ? `a credit of ${formatE4(e4)}` : `a debit of ${formatE4(-e4)}`

function crossCheck(raw: unknown, issue: Issue): void {
  if (typeof raw !== 'object' || raw === null) return
  const v = raw as Record<string, unknown>
  const legs = Array.isArray(v.legs) ? v.legs.map(viewLeg) : []
  const entryDate = typeof v.entryDate === 'string' && isIsoDate(v.entryDate) ? v.entryDate : null
  const hedge = v.hedgeOf !== undefined

  const seen = new Map<string, number>()
  for (const l of legs) {
    const at = (field: string, message: string) => issue(['legs', l.index, field], message)
    if (l.instrumentType === 'option') {
      if (!hasKey(v.legs, l.index, 'optionType')) at('optionType', 'Choose call or put')
      if (!hasKey(v.legs, l.index, 'strike')) at('strike', 'An option needs a strike')
    } else if (l.instrumentType === 'future') {
      if (hasKey(v.legs, l.index, 'optionType'))
        at('optionType', 'A future is neither call nor put')
      if (hasKey(v.legs, l.index, 'strike')) at('strike', 'A future has no strike')
      if (!l.hasPrice)
        at('price', "Give the future's entry price (a net price covers options only)")
    }
    if (
      l.root !== null &&
      l.instrumentType !== null &&
      instrumentTypeOf(l.root) !== l.instrumentType
    )
      at(
        'root',
        l.instrumentType === 'future'
          ? 'Futures are VX only'
          : 'VX lists futures only: VIX options are VIX (monthly) or VIXW (weekly)',
      )
    if (hedge && l.root !== null && !(VIX_ROOTS as readonly string[]).includes(l.root))
      at('root', 'A hedge layer holds VIX options or VX futures (VIX, VIXW, VX)')
    if (entryDate !== null && l.expiration !== null && l.expiration < entryDate)
      at('expiration', 'Expiration cannot be before the entry date')
    // Only a fully known contract can repeat another (two calls with no strike yet do not).
    const known = l.instrumentType === 'future' || (l.optionType !== null && l.strikeE4 !== null)
    if (known && l.instrumentType && l.root && l.expiration && l.quantity !== null) {
      const key = [l.instrumentType, l.root, l.optionType, l.strikeE4, l.expiration].join('|')
      const first = seen.get(key)
      if (first === undefined) seen.set(key, l.index)
      else at('quantity', `Same contract as leg ${first + 1}: put both quantities in one leg`)
    }
  }

  // Prices: a futures leg carries its own; the option legs are priced one by one, or all left
  // empty and covered by the net price. A mix would leave the net price covering only part of
  // the combo, which nobody reads the way it is meant.
  const options = legs.filter((l) => l.instrumentType === 'option')
  const priced = options.filter((l) => l.hasPrice)
  const netGiven = v.netPrice !== undefined
  const netE4 = typeof v.netPrice === 'string' ? parseE4(v.netPrice) : null
  if (priced.length > 0 && priced.length < options.length)
    for (const l of options)
      if (!l.hasPrice)
        issue(
          ['legs', l.index, 'price'],
          'Give every option leg a price, or none and the net price',
        )
  if (priced.length < options.length && !netGiven)
    issue(['netPrice'], 'Give the net price, or a price for every leg')
  if (options.length === 0 && legs.length > 0 && netGiven)
    issue(['netPrice'], 'Futures carry their own price: leave the net price empty')
  const implied = priced.length === options.length ? impliedNetPriceE4(options) : null
  if (implied !== null && netE4 !== null && implied !== netE4)
    issue(
      ['netPrice'],
      `The leg prices add up to ${creditText(implied)} per share, not ${creditText(netE4)}`,
    )

  if (hedge) {
    if (Array.isArray(v.tags) && v.tags.length > 0)
      issue(['tags'], 'Tags belong to the hedged position: edit them there')
    if (typeof v.thesis === 'string' && v.thesis.trim() !== '')
      issue(['thesis'], 'The thesis belongs to the hedged position: edit it there')
  }

  const structure = typeof v.structure === 'string' ? v.structure : null
  if (structure !== null && structure in STRUCTURES && legs.length > 0)
    checkStructure(STRUCTURES[structure as Structure], legs, netE4 ?? implied, issue)
}

function hasKey(legs: unknown, index: number, key: string): boolean {
  const leg = Array.isArray(legs) ? (legs[index] as unknown) : undefined
  return (
    typeof leg === 'object' && leg !== null && (leg as Record<string, unknown>)[key] !== undefined
  )
}

/** One leg of a template: what the form pre-fills, and what the structure check expects. */
export interface LegTemplate {
  instrumentType: 'option' | 'future'
  /** Pre-filled type (see StructureTemplate.eitherType); null for a future. */
  optionType: 'call' | 'put' | null
  /** Pre-filled side: +1 bought, −1 sold. */
  sign: 1 | -1
  /** Contracts per unit of the structure (2 for the body of a 1/−2/1 butterfly). */
  ratio: number
  label: string
}

export interface StructureTemplate {
  id: Structure
  label: string
  /** "an iron condor": for messages. */
  noun: string
  hint: string
  /** The legs in the order the form lists them and the check expects; empty for custom. */
  legs: readonly LegTemplate[]
  /** Every side may be flipped together (a long strangle is still a strangle). */
  flip: boolean
  /** The option legs may all be calls or all be puts (a call or a put butterfly). */
  eitherType: boolean
  defaultRoot: Root
  /** The shape beyond types, sides and ratios: strike order, credit bounds. */
  check?: (strikes: readonly (number | null)[], netE4: number | null, issue: Issue) => void
}

const leg = (
  label: string,
  instrumentType: 'option' | 'future',
  optionType: 'call' | 'put' | null,
  sign: 1 | -1,
  ratio = 1,
): LegTemplate => ({ label, instrumentType, optionType, sign, ratio })

const strikeAt = (i: number) => ['legs', i, 'strike']

/** `strikes[hi]` must be above `strikes[lo]`; false when it is not (or is unknown). */
function above(
  strikes: readonly (number | null)[],
  lo: number,
  hi: number,
  message: string,
  issue: Issue,
): boolean {
  const a = strikes[lo]
  const b = strikes[hi]
  if (a == null || b == null) return false
  if (b > a) return true
  issue(strikeAt(hi), message)
  return false
}

/** A credit spread's net price: a credit, below the width (or the trade could not lose). */
function creditBelow(widthE4: number, netE4: number | null, what: string, issue: Issue): void {
  if (netE4 === null) return
  if (netE4 <= 0)
    issue(['netPrice'], `${what} is opened for a credit: enter the net price as a credit`)
  else if (netE4 >= widthE4)
    issue(
      ['netPrice'],
      'The credit must be below the width of the spread (otherwise the trade could not lose)',
    )
}

function condorLike(
  strikes: readonly (number | null)[],
  netE4: number | null,
  issue: Issue,
  fly: boolean,
) {
  const [k1, k2, k3, k4] = strikes
  const putOk = above(strikes, 0, 1, 'Short put must be above the long put', issue)
  let bodyOk: boolean
  if (fly) {
    bodyOk = k2 != null && k3 != null && k2 === k3
    if (k2 != null && k3 != null && !bodyOk)
      issue(
        strikeAt(2),
        "The short call shares the short put's strike (apart, it is an iron condor)",
      )
  } else bodyOk = above(strikes, 1, 2, 'Short call must be above the short put', issue)
  const callOk = above(strikes, 2, 3, 'Long call must be above the short call', issue)
  if (putOk && bodyOk && callOk && netE4 !== null) {
    const wing = Math.max(k2! - k1!, k4! - k3!)
    if (netE4 < 0)
      issue(['netPrice'], `${fly ? 'An iron butterfly' : 'An iron condor'} is opened for a credit`)
    else if (netE4 >= wing)
      issue(
        ['netPrice'],
        'The credit must be below the width of the wider wing (otherwise the trade could not lose)',
      )
  }
}

/** The templates of the New position form, by structure id. */
export const STRUCTURES: Record<Structure, StructureTemplate> = {
  iron_condor: {
    id: 'iron_condor',
    label: 'Iron condor',
    noun: 'an iron condor',
    hint: 'Long put < short put < short call < long call, one expiry.',
    legs: [
      leg('Long put', 'option', 'put', 1),
      leg('Short put', 'option', 'put', -1),
      leg('Short call', 'option', 'call', -1),
      leg('Long call', 'option', 'call', 1),
    ],
    flip: false,
    eitherType: false,
    defaultRoot: 'SPXW',
    check: (k, net, issue) => condorLike(k, net, issue, false),
  },
  put_credit_spread: {
    id: 'put_credit_spread',
    label: 'Put credit spread',
    noun: 'a put credit spread',
    hint: 'Sell a put, buy a lower put, one expiry.',
    legs: [leg('Long put', 'option', 'put', 1), leg('Short put', 'option', 'put', -1)],
    flip: false,
    eitherType: false,
    defaultRoot: 'SPXW',
    check: (k, net, issue) => {
      if (above(k, 0, 1, 'Short put must be above the long put', issue))
        creditBelow(k[1]! - k[0]!, net, 'A credit spread', issue)
    },
  },
  call_credit_spread: {
    id: 'call_credit_spread',
    label: 'Call credit spread',
    noun: 'a call credit spread',
    hint: 'Sell a call, buy a higher call, one expiry.',
    legs: [leg('Short call', 'option', 'call', -1), leg('Long call', 'option', 'call', 1)],
    flip: false,
    eitherType: false,
    defaultRoot: 'SPXW',
    check: (k, net, issue) => {
      if (above(k, 0, 1, 'Long call must be above the short call', issue))
        creditBelow(k[1]! - k[0]!, net, 'A credit spread', issue)
    },
  },
  strangle: {
    id: 'strangle',
    label: 'Strangle',
    noun: 'a strangle',
    hint: 'A put and a higher call, both sold (or both bought), one expiry.',
    legs: [leg('Put', 'option', 'put', -1), leg('Call', 'option', 'call', -1)],
    flip: true,
    eitherType: false,
    defaultRoot: 'SPXW',
    check: (k, _net, issue) => {
      above(
        k,
        0,
        1,
        'The call strike must be above the put strike (the same strike is a straddle)',
        issue,
      )
    },
  },
  straddle: {
    id: 'straddle',
    label: 'Straddle',
    noun: 'a straddle',
    hint: 'A put and a call at one strike, both sold (or both bought), one expiry.',
    legs: [leg('Put', 'option', 'put', -1), leg('Call', 'option', 'call', -1)],
    flip: true,
    eitherType: false,
    defaultRoot: 'SPXW',
    check: (k, _net, issue) => {
      if (k[0] != null && k[1] != null && k[0] !== k[1])
        issue(strikeAt(1), "A straddle's call and put share one strike (apart, it is a strangle)")
    },
  },
  iron_butterfly: {
    id: 'iron_butterfly',
    label: 'Iron butterfly',
    noun: 'an iron butterfly',
    hint: 'A short put and a short call at one strike, with long wings, one expiry.',
    legs: [
      leg('Long put', 'option', 'put', 1),
      leg('Short put', 'option', 'put', -1),
      leg('Short call', 'option', 'call', -1),
      leg('Long call', 'option', 'call', 1),
    ],
    flip: false,
    eitherType: false,
    defaultRoot: 'SPXW',
    check: (k, net, issue) => condorLike(k, net, issue, true),
  },
  broken_wing_butterfly: {
    id: 'broken_wing_butterfly',
    label: 'Broken wing butterfly',
    noun: 'a broken wing butterfly',
    hint: 'Buy 1, sell 2 higher, buy 1 higher still, with wings of different widths; all puts or all calls.',
    legs: [
      leg('Lower long', 'option', 'put', 1),
      leg('Short body', 'option', 'put', -1, 2),
      leg('Upper long', 'option', 'put', 1),
    ],
    flip: false,
    eitherType: true,
    defaultRoot: 'SPXW',
    check: (k, _net, issue) => {
      const low = above(k, 0, 1, 'The short strike must be above the lower long strike', issue)
      const high = above(k, 1, 2, 'The upper long strike must be above the short strike', issue)
      if (low && high && k[1]! - k[0]! === k[2]! - k[1]!)
        issue(
          strikeAt(0),
          `Both wings are ${formatE4(k[1]! - k[0]!)} wide: a broken wing has one wider wing (use Custom for a plain butterfly)`,
        )
    },
  },
  single_option: {
    id: 'single_option',
    label: 'Single option',
    noun: 'a single option',
    hint: 'One call or put, bought or sold.',
    legs: [leg('Option', 'option', 'call', 1)],
    flip: true,
    eitherType: true,
    defaultRoot: 'VIX',
  },
  future: {
    id: 'future',
    label: 'Future',
    noun: 'a future',
    hint: 'One VX futures contract month, bought or sold. Opening a future moves no premium.',
    legs: [leg('Future', 'future', null, 1)],
    flip: true,
    eitherType: false,
    defaultRoot: 'VX',
  },
  custom: {
    id: 'custom',
    label: 'Custom',
    noun: 'a custom position',
    hint: 'Any legs: options and futures, any roots and expiries.',
    legs: [],
    flip: false,
    eitherType: false,
    defaultRoot: 'SPXW',
  },
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four']

/** The shape a template asks for: leg count, types, sides, ratios, one root and expiry, strikes. */
function checkStructure(
  t: StructureTemplate,
  legs: readonly LegView[],
  netE4: number | null,
  issue: Issue,
): void {
  if (t.id === 'custom') return
  const n = t.legs.length
  if (legs.length !== n) {
    issue(['legs'], `${cap(t.noun)} has ${COUNT_WORDS[n] ?? n} ${n === 1 ? 'leg' : 'legs'}`)
    return
  }
  let ok = true
  const bad = (i: number, field: string, message: string) => {
    ok = false
    issue(['legs', i, field], message)
  }
  const first = legs[0]!
  const flipped =
    t.flip && first.quantity !== null && Math.sign(first.quantity) !== t.legs[0]!.sign ? -1 : 1
  const unit =
    first.quantity !== null && Math.abs(first.quantity) % t.legs[0]!.ratio === 0
      ? Math.abs(first.quantity) / t.legs[0]!.ratio
      : null
  legs.forEach((l, i) => {
    const want = t.legs[i]!
    if (l.instrumentType !== null && l.instrumentType !== want.instrumentType)
      bad(
        i,
        'instrumentType',
        `Leg ${i + 1} of ${t.noun} is ${want.instrumentType === 'future' ? 'a future' : 'an option'}`,
      )
    if (want.instrumentType === 'option' && l.optionType !== null) {
      if (t.eitherType) {
        if (first.optionType !== null && l.optionType !== first.optionType)
          bad(i, 'optionType', `All legs of ${t.noun} are calls, or all are puts`)
      } else if (l.optionType !== want.optionType)
        bad(i, 'optionType', `Leg ${i + 1} of ${t.noun} is a ${want.optionType}`)
    }
    if (l.quantity !== null) {
      const sign = want.sign * flipped
      if (Math.sign(l.quantity) !== sign)
        bad(
          i,
          'quantity',
          t.flip
            ? `Every leg of ${t.noun} is bought, or every leg sold`
            : `Leg ${i + 1} of ${t.noun} is ${sign > 0 ? 'bought (a positive quantity)' : 'sold (a negative quantity)'}`,
        )
      else if (unit !== null && Math.abs(l.quantity) !== unit * want.ratio)
        issue(
          ['legs', i, 'quantity'],
          t.legs.every((x) => x.ratio === 1)
            ? `Every leg of ${t.noun} has the same number of contracts (${unit})`
            : `Leg ${i + 1} of ${t.noun} has ${want.ratio}× the contracts of leg 1 (${unit * want.ratio})`,
        )
    }
    // A ratio, a root or an expiry that differs does not change what the strikes mean: the
    // strike order is still checked. A wrong type or side does, and skips it.
    if (i > 0 && l.root !== null && first.root !== null && l.root !== first.root)
      issue(['legs', i, 'root'], `All legs of ${t.noun} are on one root`)
    if (
      i > 0 &&
      l.expiration !== null &&
      first.expiration !== null &&
      l.expiration !== first.expiration
    )
      issue(
        ['legs', i, 'expiration'],
        `All legs of ${t.noun} expire on one day (use Custom for a calendar)`,
      )
  })
  if (ok && t.check)
    t.check(
      legs.map((l) => l.strikeE4),
      netE4,
      issue,
    )
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** What the exchange calendar says about a request: refusals by field, and warnings. */
export interface CalendarReview {
  errors: Record<string, string>
  warnings: string[]
}

/**
 * Checks a request against the exchange calendar, which needs to know what day it is: the
 * entry date must be an NYSE session, not after `today` and (for a hedge layer) not before the
 * hedged position was opened; every expiry must be one the root lists. Strikes off the listed
 * grid are warnings only. Skips values the schema refuses, so it can run on any form state.
 */
export function reviewCalendar(
  input: Partial<Pick<CreatePositionInput, 'entryDate'>> & { legs?: readonly unknown[] },
  ctx: { today: IsoDate; openedOn?: IsoDate | null },
): CalendarReview {
  const errors: Record<string, string> = {}
  const warnings: string[] = []
  if (typeof input.entryDate === 'string' && isIsoDate(input.entryDate)) {
    const problem = checkTradeDate(input.entryDate, ctx)
    // The calendar words it for any fill; this one is the entry.
    if (problem)
      errors.entryDate = cap(
        problem.replace('fill date', 'entry date').replace('a fill on', 'an entry on'),
      )
  }
  ;(input.legs ?? []).forEach((raw, i) => {
    const l = viewLeg(raw, i)
    if (l.root !== null && l.expiration !== null) {
      const problem = checkExpiry(l.root, l.expiration)
      if (problem) errors[`legs.${i}.expiration`] = problem
    }
    if (l.root !== null && l.instrumentType === 'option' && l.strikeE4 !== null && l.strikeE4 > 0) {
      const warning = checkStrikeIncrement(l.root, l.strikeE4)
      if (warning) warnings.push(`Leg ${i + 1}: ${warning}`)
    }
  })
  return { errors, warnings }
}

export { describeProblem } from './fieldErrors.ts'
