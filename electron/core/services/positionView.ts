import type {
  IsoDate,
  PositionDetail,
  PositionSummary,
  PositionTotals,
} from '../../../shared/domain.ts'
import { computeLedger, LedgerError, type LedgerInput } from '../../../shared/ledger.ts'
import { formatE4, parseE4 } from '../../../shared/money.ts'
import { positionFigures } from '../../../shared/positionFigures.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import {
  getPositionDetail,
  listPositionSummaries,
  type PositionFilter,
} from '../db/repositories/positions.ts'
import type { MarkService } from './marks.ts'

/**
 * "+2×7150P −2×7200P −2×7500C +2×7550C": the open core legs, puts before calls, by strike (a
 * single contract has no count: "−7200P").
 */
export function legsLabel(input: LedgerInput, openQty: (legId: number) => number): string {
  const parts = input.legs
    .filter((l) => l.hedgeLayerId === null && openQty(l.id) !== 0)
    .sort(
      (a, b) =>
        (a.instrumentType === b.instrumentType ? 0 : a.instrumentType === 'future' ? 1 : -1) ||
        (a.optionType ?? '').localeCompare(b.optionType ?? '') * -1 ||
        (a.strikeE4 ?? 0) - (b.strikeE4 ?? 0),
    )
    .map((l) => {
      const q = openQty(l.id)
      const n = Math.abs(q) === 1 ? '' : `${Math.abs(q)}×`
      const sign = q > 0 ? '+' : '−'
      const what =
        l.instrumentType === 'future'
          ? `${l.root ?? ''} fut ${l.expiration}`
          : `${formatE4(l.strikeE4!)}${l.optionType === 'put' ? 'P' : 'C'}`
      return `${sign}${n}${what}`
    })
  return parts.join(' ')
}

/**
 * Figures and the legs label of a summary, from its ledger records and today's marks;
 * `valuedOn` is the date its open P&L was valued for, null when nothing is open (the figures
 * then do not depend on the date).
 */
export function summaryWithFigures(
  s: PositionSummary,
  input: LedgerInput | undefined,
  marks: MarkService,
  today: IsoDate,
  entered?: ReadonlyMap<number, { date: string; priceE4: number }>,
): { summary: PositionSummary; valuedOn: IsoDate | null } {
  if (!input) return { summary: s, valuedOn: null }
  try {
    // the ledger says which legs are open; the figures are computed once, with their marks
    const ledger = computeLedger(input)
    const anyOpen = [...ledger.legs.values()].some((l) => l.openQuantity !== 0)
    const full = positionFigures(
      input,
      anyOpen ? marks.marks(input, ledger, today, entered) : new Map(),
    )
    const summary = {
      ...s,
      quantity: full.wire.openContracts || s.quantity,
      legsLabel: legsLabel(input, (id) => full.ledger.legs.get(id)?.openQuantity ?? 0),
      figures: full.wire,
      figuresError: null,
    }
    return { summary, valuedOn: anyOpen ? today : null }
  } catch (e) {
    if (e instanceof LedgerError)
      return {
        summary: {
          ...s,
          figures: null,
          figuresError: `The records of this position contradict each other: ${e.message}`,
        },
        valuedOn: null,
      }
    throw e
  }
}

const withFigures = (...args: Parameters<typeof summaryWithFigures>): PositionSummary =>
  summaryWithFigures(...args).summary

/** Sums of what is listed; a figure that is unknown for some positions is counted, not guessed. */
export function totalsOf(rows: readonly PositionSummary[]): PositionTotals {
  const sum = (pick: (s: PositionSummary) => string | null | undefined) => {
    let total = 0
    let unknown = 0
    for (const r of rows) {
      const v = r.figures ? pick(r) : null
      const e = v == null ? null : parseE4(v)
      if (e === null) unknown++
      else total += e
    }
    return { value: formatE4(total), unknown }
  }
  return {
    count: rows.length,
    premium: sum((r) => r.figures?.premium),
    fees: sum((r) => r.figures?.fees),
    realised: sum((r) => r.figures?.realised),
    openPnl: sum((r) => r.figures?.openPnl),
    total: sum((r) => r.figures?.total),
  }
}

export function listPositions(
  db: Db,
  marks: MarkService,
  filter: PositionFilter,
  today: IsoDate,
): { positions: PositionSummary[]; totals: PositionTotals } {
  const rows = listPositionSummaries(db, filter)
  const inputs = loadLedgerInputs(
    db,
    rows.map((r) => r.id),
  )
  // the entered marks of every listed leg in one query, not one per position
  const entered = marks.entered(
    [...inputs.values()].flatMap((i) => i.legs.map((l) => l.id)),
    today,
  )
  const positions = rows.map((r) => withFigures(r, inputs.get(r.id), marks, today, entered))
  return { positions, totals: totalsOf(positions) }
}

/** A position as its page shows it: records, figures, and the model behind its open P&L. */
export function getPosition(
  db: Db,
  marks: MarkService,
  id: number,
  today: IsoDate,
  /** The position's ledger inputs when the caller has already loaded them (in bulk). */
  loaded?: LedgerInput,
): PositionDetail {
  const detail = getPositionDetail(db, id)
  if (!detail) throw new DomainError('NOT_FOUND', `Position ${id} does not exist`)
  const input = loaded ?? loadLedgerInputs(db, [id]).get(id)
  const summary = withFigures(detail.summary, input, marks, today)
  const asOf = marks.dataDate(today)
  const model =
    input && asOf
      ? input.legs
          .filter((l) => l.instrumentType === 'option')
          .map((l) => {
            const m = marks.legIv(l, input, asOf)
            return { legId: l.id, iv: m.iv, ivSource: m.ivSource }
          })
      : []
  return { ...detail, summary, model: { asOf, legs: model } }
}
