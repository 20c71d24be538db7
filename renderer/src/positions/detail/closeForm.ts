import { LogAdjustmentSchema, type LogAdjustmentInput } from '../../../../shared/decisions.ts'
import type { Leg, PositionDetail } from '../../../../shared/domain.ts'
import { fieldErrors } from '../../../../shared/ironCondor.ts'
import { contractName } from './detailFormat.ts'

/**
 * "Close position" and "Close call / put side" without Evaluate: which legs each means, the
 * form pre-filled from them, and the `adjustments:log` request it sends (no decision). Pure, so
 * the mapping is tested without a browser.
 */

export type CloseScope = 'all' | 'call' | 'put'

export const SCOPE_TITLE: Record<CloseScope, string> = {
  all: 'Close position',
  call: 'Close call side',
  put: 'Close put side',
}

export interface CloseRow {
  legId: number
  label: string
  /** Signed contracts open now. */
  openQuantity: number
  quantity: string
  price: string
}

export interface CloseForm {
  scope: CloseScope
  occurredOn: string
  time: string
  fees: string
  note: string
  rows: CloseRow[]
}

const isOpen = (l: Leg) => l.openQuantity !== 0

/**
 * The open legs a scope closes: every open leg for the whole position (hedge layers too), the
 * open call or put options of the core structure for one side.
 */
export function legsOf(d: PositionDetail, scope: CloseScope): Leg[] {
  return d.legs.filter(
    (l) =>
      isOpen(l) &&
      (scope === 'all' ||
        (l.hedgeLayerId === null && l.instrumentType === 'option' && l.optionType === scope)),
  )
}

/** The scopes worth offering: a side only when it has open legs and is not the whole position. */
export function scopesOf(d: PositionDetail): CloseScope[] {
  const all = legsOf(d, 'all').length
  if (all === 0) return []
  const sides = (['call', 'put'] as const).filter((s) => {
    const n = legsOf(d, s).length
    return n > 0 && n < all
  })
  return ['all', ...sides]
}

/** The form as it opens: each leg's open quantity, prices left for the trader to type. */
export function closeFormFor(d: PositionDetail, scope: CloseScope, today: string): CloseForm {
  return {
    scope,
    occurredOn: today,
    time: '16:00',
    fees: '0',
    note: '',
    rows: legsOf(d, scope).map((l) => ({
      legId: l.id,
      label: contractName(l),
      openQuantity: l.openQuantity,
      quantity: String(Math.abs(l.openQuantity)),
      price: '',
    })),
  }
}

/** A full close when every open leg of the position goes flat, otherwise a partial close. */
export function closeKind(d: PositionDetail, form: CloseForm): 'close' | 'partial_close' {
  const closing = new Map(form.rows.map((r) => [r.legId, Number(r.quantity)]))
  const flat = legsOf(d, 'all').every((l) => closing.get(l.id) === Math.abs(l.openQuantity))
  return flat ? 'close' : 'partial_close'
}

export function closeRequest(d: PositionDetail, form: CloseForm): LogAdjustmentInput {
  return {
    positionId: d.summary.id,
    kind: closeKind(d, form),
    occurredOn: form.occurredOn,
    time: form.time,
    closes: form.rows.map((r) => ({
      legId: r.legId,
      quantity: Number(r.quantity),
      price: r.price.trim(),
    })),
    fees: form.fees.trim() || '0',
    note: form.note,
  }
}

/**
 * What is wrong with the form before anything is sent, keyed like the core's field errors
 * (`closes.1.price`): the shared schema's messages, plus quantities beyond what is open.
 */
export function closeErrors(d: PositionDetail, form: CloseForm): Record<string, string> {
  const errors: Record<string, string> = {}
  form.rows.forEach((r, i) => {
    const q = Number(r.quantity)
    const open = Math.abs(r.openQuantity)
    if (!Number.isInteger(q) || q < 1 || q > open)
      errors[`closes.${i}.quantity`] = `A whole number from 1 to ${open}`
    if (r.price.trim() === '') errors[`closes.${i}.price`] = 'Enter the price of this leg'
  })
  const parsed = LogAdjustmentSchema.safeParse(closeRequest(d, form))
  return parsed.success ? errors : { ...fieldErrors(parsed.error), ...errors }
}
