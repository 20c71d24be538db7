import { checkTradeDate } from '../../../shared/calendar/expiries.ts'
import { nyDateOf, nyWallTimeToInstant } from '../../../shared/dates.ts'
import { computeLedger, LedgerError } from '../../../shared/ledger.ts'
import { formatE4, requireE4 } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import { getAccount } from '../db/repositories/accounts.ts'
import { insertAdjustmentCorrection, positionOfAdjustment } from '../db/repositories/adjustments.ts'
import {
  insertFillCorrection,
  listFillsOfPosition,
  positionOfFill,
} from '../db/repositories/fills.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import { getLegBrief, listLegs, markLegClosed, markLegOpen } from '../db/repositories/legs.ts'
import { listAdjustments } from '../db/repositories/adjustments.ts'
import {
  closePosition,
  getPositionSummary,
  getPositionText,
  insertHistory,
  reopenPosition,
  setVoided,
  updatePositionText,
  upsertLegMark,
} from '../db/repositories/positions.ts'

/**
 * Fixing mistakes with an audit trail (issue 9, point 5): edits of a position's text, tags and
 * account; corrections of fills and adjustments as new records that keep the original; voiding
 * and restoring a position; marks the trader enters. Every change writes a position_history
 * entry in the same transaction. Decisions stay immutable (see services/decisions.ts).
 */

/** A leg in words: "SPX 7500 call 2026-07-17", "VX future 2026-07-22". */
function legName(db: Db, legId: number): string {
  const l = getLegBrief(db, legId)
  if (!l) return `leg ${legId}`
  return l.instrumentType === 'future'
    ? `${l.root} future ${l.expiration}`
    : `${l.root} ${formatE4(l.strikeE4!)} ${l.optionType} ${l.expiration}`
}

const KIND_WORDS: Partial<Record<string, string>> = {
  open: 'Opening trade',
  roll: 'Roll',
  close: 'Close',
  partial_close: 'Partial close',
  hedge_add: 'Hedge added',
  hedge_adjust: 'Hedge adjusted',
  hedge_time_shift: 'Hedge time-shift',
  hedge_remove: 'Hedge removed',
  expire: 'Expiry',
}

const nyClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
/** "2026-06-12 16:00" in New York. */
const nyTime = (instant: string) => nyClock.format(new Date(instant)).replace(',', '')

function requirePosition(db: Db, id: number) {
  const s = getPositionSummary(db, id)
  if (!s) throw new DomainError('NOT_FOUND', `Position ${id} does not exist`)
  return s
}

export interface PositionEdit {
  id: number
  notes?: string | undefined
  thesis?: string | undefined
  tags?: string[] | undefined
  accountId?: number | undefined
}

/** Edits notes, thesis, tags and account; the history keeps the values before and after. */
export function editPosition(db: Db, e: PositionEdit, now: Date): void {
  requirePosition(db, e.id)
  writeTransaction(db, () => {
    const before = getPositionText(db, e.id)!
    if (e.accountId !== undefined && !getAccount(db, e.accountId))
      throw new DomainError('NOT_FOUND', `Account ${e.accountId} does not exist`, {
        accountId: 'No such account',
      })
    const after = {
      notes: e.notes ?? before.notes,
      thesis: e.thesis ?? before.thesis,
      tags: e.tags ? [...new Set(e.tags.map((t) => t.trim()).filter(Boolean))].sort() : before.tags,
      accountId: e.accountId ?? before.accountId,
    }
    const changed: string[] = []
    if (after.notes !== before.notes) changed.push('notes')
    if (after.thesis !== before.thesis) changed.push('thesis')
    if (after.tags.join('\u001f') !== before.tags.join('\u001f'))
      changed.push(
        `tags ${before.tags.join(', ') || '(none)'} → ${after.tags.join(', ') || '(none)'}`,
      )
    if (after.accountId !== before.accountId) {
      const name = (id: number) => getAccount(db, id)?.name ?? `#${id}`
      changed.push(`account ${name(before.accountId)} → ${name(after.accountId)}`)
    }
    if (changed.length === 0) return
    const at = now.toISOString()
    updatePositionText(db, e.id, after, at)
    insertHistory(db, {
      positionId: e.id,
      kind: 'edit',
      detail: { summary: `Edited ${changed.join('; ')}`, before, after },
      reason: '',
      createdAt: at,
    })
  })
}

/** Hides a position from lists and statistics; nothing is deleted, and it can be restored. */
export function voidPosition(db: Db, id: number, reason: string, now: Date): void {
  const s = requirePosition(db, id)
  if (s.voidedAt) throw new DomainError('CONFLICT', `Position ${id} is already voided`)
  const at = now.toISOString()
  writeTransaction(db, () => {
    setVoided(db, id, { at, reason }, at)
    insertHistory(db, {
      positionId: id,
      kind: 'void',
      detail: { summary: 'Voided' },
      reason,
      createdAt: at,
    })
  })
}

export function restorePosition(db: Db, id: number, reason: string, now: Date): void {
  const s = requirePosition(db, id)
  if (!s.voidedAt) throw new DomainError('CONFLICT', `Position ${id} is not voided`)
  const at = now.toISOString()
  writeTransaction(db, () => {
    setVoided(db, id, null, at)
    insertHistory(db, {
      positionId: id,
      kind: 'restore',
      detail: { summary: `Restored (voided ${s.voidedAt!.slice(0, 10)}: ${s.voidReason})` },
      reason,
      createdAt: at,
    })
  })
}

/**
 * Re-derives each leg's closed state and the position's status from the corrected records, and
 * refuses a correction that leaves them contradictory (a close of more than was opened).
 */
function reconcile(db: Db, positionId: number, at: string): void {
  const input = loadLedgerInputs(db, [positionId]).get(positionId)!
  let ledger
  try {
    ledger = computeLedger(input)
  } catch (e) {
    if (e instanceof LedgerError)
      throw new DomainError(
        'VALIDATION',
        'With this correction a leg would close more contracts than it opened',
        { quantity: 'More than the leg has open' },
      )
    throw e
  }
  const fills = listFillsOfPosition(db, positionId)
  for (const leg of listLegs(db, positionId)) {
    const open = ledger.legs.get(leg.id)!.openQuantity !== 0
    if (open && leg.closedAt) markLegOpen(db, leg.id)
    if (!open && !leg.closedAt) {
      const last = fills
        .filter((f) => f.legId === leg.id)
        .map((f) => f.executedAt)
        .sort()
        .at(-1)
      markLegClosed(db, leg.id, last ?? at)
    }
  }
  const anyOpen = [...ledger.legs.values()].some((l) => l.openQuantity !== 0)
  const s = getPositionSummary(db, positionId)!
  if (anyOpen && s.status === 'closed') reopenPosition(db, positionId, at)
  if (!anyOpen && s.status === 'open') {
    const last = fills
      .map((f) => f.executedAt)
      .sort()
      .at(-1)
    closePosition(db, positionId, last ? nyDateOf(new Date(last)) : s.openedOn, at)
  }
}

export interface FillCorrection {
  fillId: number
  /** New York date and time of the fill. */
  executedOn?: string | undefined
  time?: string | undefined
  quantity?: number | undefined
  /** Per-share price; null = unknown (the adjustment's net price covers it). */
  price?: string | null | undefined
  fees?: string | undefined
  reason: string
}

/** Records corrected values of a fill; the fill as first recorded stays and the history says what changed. */
export function correctFill(db: Db, c: FillCorrection, now: Date, today: string): number {
  const positionId = positionOfFill(db, c.fillId)
  if (positionId === null) throw new DomainError('NOT_FOUND', `Fill ${c.fillId} does not exist`)
  const s = requirePosition(db, positionId)
  const fill = listFillsOfPosition(db, positionId).find((f) => f.id === c.fillId)!
  let executedAt = fill.executedAt
  if (c.executedOn !== undefined || c.time !== undefined) {
    const date = c.executedOn ?? nyDateOf(new Date(fill.executedAt))
    const problem = checkTradeDate(date, {
      openedOn: fill.effect === 'open' ? null : s.openedOn,
      today,
    })
    if (problem) throw new DomainError('VALIDATION', problem, { executedOn: problem })
    const [h, m] = (c.time ?? '16:00').split(':').map(Number) as [number, number]
    executedAt = nyWallTimeToInstant(date, h, m).toISOString()
    // A close cannot come before the fills that opened its leg.
    const fills = listFillsOfPosition(db, positionId).filter((f) => f.legId === fill.legId)
    const firstOpen = fills
      .filter((f) => f.effect === 'open')
      .map((f) => f.executedAt)
      .sort()[0]
    const lastClose = fills
      .filter((f) => f.effect === 'close')
      .map((f) => f.executedAt)
      .sort()
      .at(-1)
    if (fill.effect === 'close' && firstOpen && executedAt < firstOpen)
      throw new DomainError(
        'VALIDATION',
        `The leg was opened on ${nyDateOf(new Date(firstOpen))}; a close cannot be earlier`,
        { executedOn: 'Before the leg was opened' },
      )
    if (fill.effect === 'open' && lastClose && executedAt > lastClose)
      throw new DomainError(
        'VALIDATION',
        `The leg was closed on ${nyDateOf(new Date(lastClose))}; its opening cannot be later`,
        { executedOn: 'After the leg was closed' },
      )
  }
  const next = {
    executedAt,
    quantity: c.quantity ?? fill.quantity,
    priceE4:
      c.price === undefined
        ? fill.price === null
          ? null
          : requireE4(fill.price)
        : c.price === null
          ? null
          : requireE4(c.price),
    feesE4: c.fees === undefined ? requireE4(fill.fees) : requireE4(c.fees),
  }
  const changes: string[] = []
  if (next.executedAt !== fill.executedAt)
    changes.push(`time ${nyTime(fill.executedAt)} → ${nyTime(next.executedAt)} (New York)`)
  if (next.quantity !== fill.quantity) changes.push(`quantity ${fill.quantity} → ${next.quantity}`)
  const shown = (e4: number | null) => (e4 === null ? 'net price only' : formatE4(e4, 2))
  const oldPriceE4 = fill.price === null ? null : requireE4(fill.price)
  if (next.priceE4 !== oldPriceE4)
    changes.push(`price ${shown(oldPriceE4)} → ${shown(next.priceE4)}`)
  if (next.feesE4 !== requireE4(fill.fees))
    changes.push(`fees ${formatE4(requireE4(fill.fees), 2)} → ${formatE4(next.feesE4, 2)}`)
  if (changes.length === 0)
    throw new DomainError('VALIDATION', 'The correction changes nothing', { _: 'Change a value' })
  const at = now.toISOString()
  return writeTransaction(db, () => {
    const id = insertFillCorrection(db, {
      fillId: c.fillId,
      ...next,
      reason: c.reason,
      createdAt: at,
    })
    insertHistory(db, {
      positionId,
      kind: 'fill_correction',
      detail: {
        summary: `${fill.effect === 'open' ? 'Opening' : 'Closing'} fill of ${legName(db, fill.legId)}: ${changes.join('; ')}`,
        fillId: c.fillId,
        correctionId: id,
      },
      reason: c.reason,
      createdAt: at,
    })
    reconcile(db, positionId, at)
    return id
  })
}

export interface AdjustmentCorrection {
  adjustmentId: number
  /** Combo price per share, + = credit; null = none (every fill has its own price). */
  netPrice?: string | null | undefined
  fees?: string | undefined
  reason: string
}

export function correctAdjustment(db: Db, c: AdjustmentCorrection, now: Date): number {
  const positionId = positionOfAdjustment(db, c.adjustmentId)
  if (positionId === null)
    throw new DomainError('NOT_FOUND', `Adjustment ${c.adjustmentId} does not exist`)
  const adj = listAdjustments(db, positionId).find((a) => a.id === c.adjustmentId)!
  const next = {
    netPriceE4:
      c.netPrice === undefined
        ? adj.netPrice === null
          ? null
          : requireE4(adj.netPrice)
        : c.netPrice === null
          ? null
          : requireE4(c.netPrice),
    feesE4: c.fees === undefined ? requireE4(adj.fees) : requireE4(c.fees),
  }
  const changes: string[] = []
  const np = (e4: number | null) => (e4 === null ? 'none' : formatE4(e4, 2))
  const oldNet = adj.netPrice === null ? null : requireE4(adj.netPrice)
  if (next.netPriceE4 !== oldNet) changes.push(`net price ${np(oldNet)} → ${np(next.netPriceE4)}`)
  if (next.feesE4 !== requireE4(adj.fees))
    changes.push(`fees ${formatE4(requireE4(adj.fees), 2)} → ${formatE4(next.feesE4, 2)}`)
  if (changes.length === 0)
    throw new DomainError('VALIDATION', 'The correction changes nothing', { _: 'Change a value' })
  const at = now.toISOString()
  return writeTransaction(db, () => {
    const id = insertAdjustmentCorrection(db, {
      adjustmentId: c.adjustmentId,
      ...next,
      reason: c.reason,
      createdAt: at,
    })
    insertHistory(db, {
      positionId,
      kind: 'adjustment_correction',
      detail: {
        summary: `${KIND_WORDS[adj.kind] ?? adj.kind} of ${nyDateOf(new Date(adj.occurredAt))}: ${changes.join('; ')}`,
        adjustmentId: c.adjustmentId,
        correctionId: id,
      },
      reason: c.reason,
      createdAt: at,
    })
    reconcile(db, positionId, at)
    return id
  })
}

/** A mark the trader enters for an open leg on a date (e.g. a VX future past the stored history). */
export function enterMark(
  db: Db,
  m: { legId: number; date: string; price: string },
  now: Date,
): void {
  const leg = getLegBrief(db, m.legId)
  if (!leg) throw new DomainError('NOT_FOUND', `Leg ${m.legId} does not exist`)
  const at = now.toISOString()
  writeTransaction(db, () => {
    upsertLegMark(db, { legId: m.legId, date: m.date, priceE4: requireE4(m.price), createdAt: at })
    insertHistory(db, {
      positionId: leg.positionId,
      kind: 'mark',
      detail: {
        summary: `Mark for ${legName(db, m.legId)} on ${m.date}: ${formatE4(requireE4(m.price), 2)}`,
      },
      reason: '',
      createdAt: at,
    })
  })
}
