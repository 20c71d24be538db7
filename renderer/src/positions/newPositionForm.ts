import type { Structure } from '../../../shared/domain.ts'
import { ALL_ROOTS, VIX_ROOTS, instrumentTypeOf, type Root } from '../../../shared/instruments.ts'
import {
  STRUCTURES,
  type CreatePositionInput,
  type NewLegInput,
  type StructureTemplate,
} from '../../../shared/newPosition.ts'

/**
 * The New position form as plain data: what a template pre-fills, how edits keep a template's
 * shape (flipping a strangle flips both legs), the form → request mapping, and where each of
 * the request's field errors shows on the form. No React here, so all of it is unit-tested.
 *
 * With a template, the legs share the form's root, expiry and quantity (the number of
 * structures; a leg trades ratio × quantity contracts); a custom position sets them per leg.
 */

export type LegKind = 'call' | 'put' | 'future'
export type Side = 'buy' | 'sell'

export interface LegRow {
  /** Stable React key; not sent. */
  key: number
  kind: LegKind
  side: Side
  /** Contracts per structure (template), or the leg's contracts (custom), as typed. */
  quantity: string
  strike: string
  /** Per share; empty when the net price covers it. */
  price: string
  /** Custom only: template legs use the form's root and expiration. */
  root: Root
  expiration: string
  /** The template's name for the leg ("Short put"); empty for custom. */
  label: string
}

export interface NewPositionForm {
  structure: Structure
  accountId: string
  entryDate: string
  time: string
  root: Root
  expiration: string
  quantity: string
  legs: LegRow[]
  netPrice: string
  netSide: 'credit' | 'debit'
  fees: string
  /** Position id whose new hedge layer these legs become; '' for a position of its own. */
  hedgeOf: string
  tags: string
  notes: string
  thesis: string
}

export const STRUCTURE_ORDER: readonly Structure[] = [
  'iron_condor',
  'put_credit_spread',
  'call_credit_spread',
  'strangle',
  'straddle',
  'iron_butterfly',
  'broken_wing_butterfly',
  'single_option',
  'future',
  'custom',
]

let nextKey = 1
const newKey = () => nextKey++

const isCustom = (f: Pick<NewPositionForm, 'structure'>) => f.structure === 'custom'

/** The roots a leg of this kind can be on. */
export function rootsFor(kind: LegKind): Root[] {
  return ALL_ROOTS.filter((r) => (instrumentTypeOf(r) === 'future') === (kind === 'future'))
}

/** The roots the form's root select offers for a template (futures: VX only). */
export function templateRoots(structure: Structure): Root[] {
  const first = STRUCTURES[structure].legs[0]
  return rootsFor(first?.instrumentType === 'future' ? 'future' : 'call')
}

export function blankLeg(over: Partial<LegRow> = {}): LegRow {
  return {
    key: newKey(),
    kind: 'put',
    side: 'sell',
    quantity: '1',
    strike: '',
    price: '',
    root: 'SPXW',
    expiration: '',
    label: '',
    ...over,
  }
}

function rowsOf(t: StructureTemplate, prev: readonly LegRow[]): LegRow[] {
  if (t.legs.length === 0)
    return prev.length > 0 ? prev.map((r) => ({ ...r, label: '' })) : [blankLeg()]
  return t.legs.map((l) =>
    blankLeg({
      kind: l.instrumentType === 'future' ? 'future' : (l.optionType ?? 'call'),
      side: l.sign > 0 ? 'buy' : 'sell',
      quantity: String(l.ratio),
      root: t.defaultRoot,
      label: l.label,
    }),
  )
}

/** A template's credit or debit: what selling or buying its legs at a price would mean. */
function netSideOf(legs: readonly LegRow[]): 'credit' | 'debit' {
  return legs.every((l) => l.side === 'buy') ? 'debit' : 'credit'
}

/** A fresh form for a structure; `prev` keeps what the trader typed that still applies. */
export function formFor(
  structure: Structure,
  defaults: { accountId: string; entryDate: string },
  prev?: NewPositionForm,
): NewPositionForm {
  const t = STRUCTURES[structure]
  const legs = rowsOf(
    t,
    // Switching to custom keeps the legs typed so far, as custom legs.
    prev && !isCustom(prev) ? prev.legs.map((l) => ({ ...l, ...sharedOf(prev, l) })) : [],
  )
  const roots = templateRoots(structure)
  // A root the trader chose carries over; an untouched one follows the new template's default.
  const chosen = prev && prev.root !== STRUCTURES[prev.structure].defaultRoot ? prev.root : null
  const root = chosen && roots.includes(chosen) ? chosen : t.defaultRoot
  return {
    structure,
    accountId: prev?.accountId ?? defaults.accountId,
    entryDate: prev?.entryDate ?? defaults.entryDate,
    time: prev?.time ?? '16:00',
    root,
    expiration: prev?.expiration ?? '',
    quantity: prev?.quantity ?? '1',
    legs: structure === 'custom' ? legs : legs.map((l) => ({ ...l, root })),
    netPrice: prev?.netPrice ?? '',
    netSide: netSideOf(legs),
    fees: prev?.fees ?? '0',
    hedgeOf: prev?.hedgeOf ?? '',
    tags: prev?.tags ?? '',
    notes: prev?.notes ?? '',
    thesis: prev?.thesis ?? '',
  }
}

/** A template leg's root, expiry and contracts, as a custom leg would hold them. */
function sharedOf(f: NewPositionForm, l: LegRow): Partial<LegRow> {
  const units = wholeNumber(f.quantity)
  const ratio = wholeNumber(l.quantity)
  return {
    root: f.root,
    expiration: f.expiration,
    quantity: units !== null && ratio !== null ? String(units * ratio) : l.quantity,
  }
}

const wholeNumber = (s: string): number | null => {
  const t = s.trim()
  return /^\d+$/.test(t) ? Number(t) : null
}

/** Sets the form's root; template legs follow it. */
export function setRoot(f: NewPositionForm, root: Root): NewPositionForm {
  return { ...f, root, legs: isCustom(f) ? f.legs : f.legs.map((l) => ({ ...l, root })) }
}

/** Edits one leg. A template keeps its shape: a side or a type changes every leg with it. */
export function updateLeg(
  f: NewPositionForm,
  index: number,
  patch: Partial<LegRow>,
): NewPositionForm {
  const t = STRUCTURES[f.structure]
  const legs = f.legs.map((l, i) => {
    if (i === index) {
      const next = { ...l, ...patch }
      // A custom leg that becomes a future (or stops being one) moves to a root that lists it.
      if (patch.kind && !rootsFor(patch.kind).includes(next.root))
        next.root = rootsFor(patch.kind)[0]!
      return next
    }
    if (isCustom(f)) return l
    let next = l
    if (patch.side && patch.side !== f.legs[index]!.side && t.flip)
      next = { ...next, side: next.side === 'buy' ? 'sell' : 'buy' }
    if (patch.kind && patch.kind !== 'future' && t.eitherType) next = { ...next, kind: patch.kind }
    return next
  })
  const netSide = !isCustom(f) && patch.side && t.flip ? netSideOf(legs) : f.netSide
  return { ...f, legs, netSide }
}

export function addLeg(f: NewPositionForm): NewPositionForm {
  const last = f.legs[f.legs.length - 1]
  return {
    ...f,
    legs: [
      ...f.legs,
      blankLeg(last ? { kind: last.kind, root: last.root, expiration: last.expiration } : {}),
    ],
  }
}

export function removeLeg(f: NewPositionForm, index: number): NewPositionForm {
  return { ...f, legs: f.legs.filter((_, i) => i !== index) }
}

/** Hedge layers hold the VIX family only: the option is offered when every leg is on it. */
export function canHedge(f: NewPositionForm): boolean {
  return f.legs.length > 0 && f.legs.every((l) => (VIX_ROOTS as readonly string[]).includes(l.root))
}

/** The leg's signed contracts as the request carries them, or NaN when not a whole number. */
export function legQuantity(f: NewPositionForm, l: LegRow): number {
  const count = wholeNumber(l.quantity)
  const units = isCustom(f) ? 1 : wholeNumber(f.quantity)
  if (count === null || units === null) return Number.NaN
  return (l.side === 'buy' ? 1 : -1) * count * units
}

const trimmed = (s: string) => s.trim()

/** Form text → the contract request. Numbers stay exact decimal strings, except quantities. */
export function toRequest(f: NewPositionForm): CreatePositionInput {
  const hedge = f.hedgeOf !== '' && canHedge(f)
  const legs: NewLegInput[] = f.legs.map((l) => {
    const future = l.kind === 'future'
    return {
      instrumentType: future ? 'future' : 'option',
      root: isCustom(f) ? l.root : f.root,
      ...(future ? {} : { optionType: l.kind as 'call' | 'put', strike: trimmed(l.strike) }),
      expiration: isCustom(f) ? l.expiration : f.expiration,
      quantity: legQuantity(f, l),
      ...(trimmed(l.price) ? { price: trimmed(l.price) } : {}),
    }
  })
  const net = trimmed(f.netPrice)
  const onlyFutures = f.legs.every((l) => l.kind === 'future')
  return {
    ...(f.accountId && !hedge ? { accountId: Number(f.accountId) } : {}),
    structure: f.structure,
    entryDate: f.entryDate,
    time: f.time,
    legs,
    ...(net && !onlyFutures ? { netPrice: f.netSide === 'debit' ? negate(net) : net } : {}),
    fees: trimmed(f.fees) === '' ? '0' : trimmed(f.fees),
    ...(hedge ? { hedgeOf: Number(f.hedgeOf) } : {}),
    tags: hedge
      ? []
      : f.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
    notes: f.notes,
    thesis: hedge ? '' : f.thesis,
  }
}

const negate = (s: string) => (s.startsWith('-') ? s.slice(1) : `-${s}`)

/**
 * Where a request field's error shows on the form. With a template, the legs' shared root,
 * expiry and quantity are the form's own fields; a leg's type and kind are its "kind" select.
 */
export function formFieldOf(f: NewPositionForm, path: string): string {
  const m = /^legs\.(\d+)\.(\w+)$/.exec(path)
  if (m) {
    const [, i, field] = m
    if (field === 'optionType' || field === 'instrumentType') return `legs.${i}.kind`
    if (!isCustom(f) && (field === 'root' || field === 'expiration' || field === 'quantity'))
      return field
    return `legs.${i}.${field}`
  }
  if (path.startsWith('tags.')) return 'tags'
  if (path === '_') return 'form'
  return path
}

/** The request's field errors, keyed by form field (the first message for a field wins). */
export function formErrors(
  f: NewPositionForm,
  errors: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(errors)) {
    const field = formFieldOf(f, path)
    if (!(field in out)) out[field] = message
  }
  return out
}

/** The form's fields in the order they appear, for moving focus to the first error. */
export function fieldOrder(f: NewPositionForm): string[] {
  const legFields = f.legs.flatMap((_, i) =>
    ['kind', 'side', 'root', 'expiration', 'quantity', 'strike', 'price'].map(
      (x) => `legs.${i}.${x}`,
    ),
  )
  return [
    'structure',
    'root',
    'entryDate',
    'time',
    'expiration',
    'quantity',
    'hedgeOf',
    'accountId',
    'legs',
    ...legFields,
    'netPrice',
    'fees',
    'tags',
    'notes',
    'thesis',
  ]
}
