import {
  LogAdjustmentSchema,
  type Action,
  type DecisionInputs,
  type LogAdjustmentInput,
} from '../../../shared/decisions.ts'
import {
  ADJUSTMENT_KINDS,
  type AdjustmentKind,
  type Leg,
  type LegRole,
} from '../../../shared/domain.ts'
import { fieldErrors } from '../../../shared/ironCondor.ts'

/**
 * The log-adjustment form without the DOM: what an action prefills (the kind, the legs to close,
 * the legs to reopen), the request it becomes, and the checks the shared schema makes before
 * anything is sent. The dialog only renders this and sends the request; the core decides the
 * rest (an override needs a reason, a close cannot exceed what is open, dates in the calendar).
 */

export type Kind = Exclude<AdjustmentKind, 'open'>
export const KINDS: readonly Kind[] = ADJUSTMENT_KINDS.filter((k): k is Kind => k !== 'open')

/** The schema's default fill time (New York), 16:00: the close, when the day's signals are known. */
export const DEFAULT_TIME: string = LogAdjustmentSchema.shape.time.parse(undefined)

/** The adjustment an action usually means; the trader can change it. */
export const KIND_OF: Record<Action, Kind> = {
  HOLD: 'other',
  CLOSE_CALL_SPREAD: 'close',
  CLOSE_PUT_SPREAD: 'close',
  CLOSE_ALL: 'close',
  ROLL_OUT: 'roll',
  ROLL_UP_CALL: 'roll',
  ROLL_DOWN_PUT: 'roll',
  ADD_HEDGE_LAYER: 'hedge_add',
  ADJUST_HEDGE_LAYER: 'hedge_adjust',
  TIME_SHIFT_HEDGE: 'hedge_time_shift',
  REMOVE_HEDGE_LAYER: 'hedge_remove',
}

export interface CloseRow {
  legId: number
  on: boolean
  /** Contracts to close, as typed. */
  quantity: string
  price: string
}

export interface OpenRow {
  key: number
  role: LegRole
  /** The contract kind in one choice: a call or put option, or a future. */
  contract: 'call' | 'put' | 'future'
  root: string
  strike: string
  expiration: string
  side: 'sell' | 'buy'
  quantity: string
  price: string
  /** Leg id as text, '' for none. */
  replacesLegId: string
  /** '' for none, 'new', or a layer number as text. */
  hedgeLayer: string
}

export interface LogForm {
  action: Action
  kind: Kind
  reason: string
  date: string
  time: string
  fees: string
  note: string
  closes: CloseRow[]
  opens: OpenRow[]
}

/** Legs with contracts still open (after partial closes): the ones that can be closed. */
export const openLegsOf = (legs: readonly Leg[]): Leg[] => legs.filter((l) => l.openQuantity !== 0)

/** The open legs an action touches: the call or put side of the core structure, or everything. */
export function legsFor(action: Action, openLegs: readonly Leg[]): Leg[] {
  const core = openLegs.filter((l) => l.hedgeLayerId === null && l.instrumentType === 'option')
  switch (action) {
    case 'CLOSE_CALL_SPREAD':
    case 'ROLL_OUT':
    case 'ROLL_UP_CALL':
      return core.filter((l) => l.optionType === 'call')
    case 'CLOSE_PUT_SPREAD':
    case 'ROLL_DOWN_PUT':
      return core.filter((l) => l.optionType === 'put')
    case 'CLOSE_ALL':
      return [...openLegs]
    case 'HOLD':
    case 'ADD_HEDGE_LAYER':
    case 'ADJUST_HEDGE_LAYER':
    case 'TIME_SHIFT_HEDGE':
    case 'REMOVE_HEDGE_LAYER':
      return []
  }
}

let nextKey = 1

/** A new leg replacing `l`: same role, contract and size; strike and expiry to be edited. */
export const reopenOf = (l: Leg): OpenRow => ({
  key: nextKey++,
  role: l.role,
  contract: l.instrumentType === 'future' ? 'future' : (l.optionType ?? 'call'),
  root: l.root,
  strike: l.strike ?? '',
  expiration: '',
  side: l.openQuantity < 0 ? 'sell' : 'buy',
  quantity: String(Math.abs(l.openQuantity)),
  price: '',
  replacesLegId: String(l.id),
  hedgeLayer: '',
})

/** A VIX call bought into a new hedge layer, the usual first hedge. */
export const blankHedge = (): OpenRow => ({
  key: nextKey++,
  role: 'hedge',
  contract: 'call',
  root: 'VIX',
  strike: '',
  expiration: '',
  side: 'buy',
  quantity: '1',
  price: '',
  replacesLegId: '',
  hedgeLayer: 'new',
})

/** A leg on the position's own root, not part of a hedge layer. */
export const blankLeg = (root: string): OpenRow => ({
  ...blankHedge(),
  role: 'other',
  root,
  hedgeLayer: '',
})

function prefillCloses(action: Action, openLegs: readonly Leg[]): CloseRow[] {
  const chosen = new Set(legsFor(action, openLegs).map((l) => l.id as number))
  return openLegs.map((l) => ({
    legId: l.id,
    on: chosen.has(l.id),
    quantity: String(Math.abs(l.openQuantity)),
    price: '',
  }))
}

/** A roll reopens the legs it closes; a new hedge layer starts with one VIX call. */
function prefillOpens(action: Action, openLegs: readonly Leg[]): OpenRow[] {
  if (action === 'ROLL_OUT' || action === 'ROLL_UP_CALL' || action === 'ROLL_DOWN_PUT')
    return legsFor(action, openLegs).map(reopenOf)
  if (action === 'ADD_HEDGE_LAYER') return [blankHedge()]
  return []
}

/** The form for `action` on the evaluated date, at the schema's default time. */
export function prefill(action: Action, legs: readonly Leg[], date: string): LogForm {
  const open = openLegsOf(legs)
  return {
    action,
    kind: KIND_OF[action],
    reason: '',
    date,
    time: DEFAULT_TIME,
    fees: '0',
    note: '',
    closes: prefillCloses(action, open),
    opens: prefillOpens(action, open),
  }
}

/** Another action: its kind and legs; the date, time, fees, note and reason stay as typed. */
export function chooseAction(form: LogForm, action: Action, legs: readonly Leg[]): LogForm {
  const p = prefill(action, legs, form.date)
  return { ...form, action, kind: p.kind, closes: p.closes, opens: p.opens }
}

/** "2" → 2; anything but a whole number → NaN, which the schema refuses. */
const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

/** The request the form stands for, with the decision it records. */
export function toRequest(form: LogForm, inputs: DecisionInputs): LogAdjustmentInput {
  return {
    kind: form.kind,
    occurredOn: form.date,
    time: form.time,
    closes: form.closes
      .filter((c) => c.on)
      .map((c) => ({ legId: c.legId, quantity: whole(c.quantity), price: c.price.trim() })),
    opens: form.opens.map((o) => ({
      role: o.role,
      instrumentType: o.contract === 'future' ? ('future' as const) : ('option' as const),
      root: o.root.trim().toUpperCase(),
      ...(o.contract === 'future' ? {} : { optionType: o.contract, strike: o.strike.trim() }),
      expiration: o.expiration,
      quantity: (o.side === 'sell' ? -1 : 1) * whole(o.quantity),
      price: o.price.trim(),
      ...(o.replacesLegId ? { replacesLegId: Number(o.replacesLegId) } : {}),
      ...(o.hedgeLayer
        ? { hedgeLayer: o.hedgeLayer === 'new' ? ('new' as const) : Number(o.hedgeLayer) }
        : {}),
    })),
    fees: form.fees.trim() || '0',
    note: form.note,
    decision: { inputs, actionTaken: form.action, reason: form.reason },
  }
}

/** The schema's refusals of a request, by field path (`closes.0.price`), in words. */
export function checkRequest(req: LogAdjustmentInput): Record<string, string> {
  const r = LogAdjustmentSchema.safeParse(req)
  if (r.success) return {}
  const out = fieldErrors(r.error)
  const EMPTY: Record<string, string> = {
    price: 'Enter the price',
    strike: 'Enter the strike',
    expiration: 'Enter the expiration date',
    root: 'Enter the root (SPX, SPXW, VIX, VX…)',
  }
  for (const key of Object.keys(out)) {
    const field = key.split('.').at(-1) ?? ''
    if (valueAt(req, key) === '' && EMPTY[field]) out[key] = EMPTY[field]
    // A quantity that is not a number reaches the schema as NaN; say what is expected instead.
    else if (field === 'quantity' && /expected number|NaN/i.test(out[key]!))
      out[key] = 'Contracts must be a whole number above 0'
  }
  return out
}

/** The value at a field path of the request ('' for an empty text field). */
function valueAt(req: LogAdjustmentInput, path: string): unknown {
  let v: unknown = req
  for (const part of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined
  return v
}

/** Field errors placed on the form's rows: closes by leg id, opens by row key, the rest as is. */
export interface RowErrors {
  closes: Map<number, string>
  opens: Map<number, string>
  other: Record<string, string>
}

/**
 * Puts refusals (from the schema or the core, which use the same paths) on the rows they are
 * about. A close path counts only the ticked rows, in order, as the request does.
 */
export function placeErrors(form: LogForm, fields: Record<string, string>): RowErrors {
  const ticked = form.closes.filter((c) => c.on)
  const out: RowErrors = { closes: new Map(), opens: new Map(), other: {} }
  for (const [key, message] of Object.entries(fields)) {
    const m = /^(closes|opens)\.(\d+)\.(\w+)/.exec(key)
    const i = m ? Number(m[2]) : -1
    if (m?.[1] === 'closes' && ticked[i]) {
      const id = ticked[i].legId
      out.closes.set(id, join(out.closes.get(id), `${label(m[3]!)}: ${message}`))
    } else if (m?.[1] === 'opens' && form.opens[i]) {
      const k = form.opens[i].key
      out.opens.set(k, join(out.opens.get(k), `${label(m[3]!)}: ${message}`))
    } else out.other[key] = message
  }
  return out
}

const join = (a: string | undefined, b: string) => (a ? `${a} · ${b}` : b)

const LABELS: Record<string, string> = {
  root: 'Root',
  strike: 'Strike',
  expiration: 'Expiration',
  quantity: 'Contracts',
  price: 'Price',
  optionType: 'Call or put',
  hedgeLayer: 'Hedge layer',
  replacesLegId: 'Replaces',
  role: 'Role',
  legId: 'Leg',
}
const label = (field: string) => LABELS[field] ?? field

/** "2 legs closed, 1 opened" / "No fills: only the decision is recorded". */
export function fillSummary(form: LogForm): string {
  const closed = form.closes.filter((c) => c.on).length
  const opened = form.opens.length
  if (!closed && !opened) return 'No fills: only the decision is recorded'
  const legs = (n: number) => `${n} leg${n === 1 ? '' : 's'}`
  return `${legs(closed)} closed, ${legs(opened)} opened`
}
