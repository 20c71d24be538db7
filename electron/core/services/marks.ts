import { nyDateOf } from '../../../shared/dates.ts'
import type { IsoDate } from '../../../shared/domain.ts'
import type { LedgerFigures, LedgerInput, LedgerLeg } from '../../../shared/ledger.ts'
import {
  historyOf,
  legIv,
  MODEL_SERIES,
  modelMark,
  type IvAnchor,
  type LegModel,
  type MarketHistory,
  type MarkResult,
} from '../../../shared/modelValue.ts'
import type { Db } from '../db/connection.ts'
import { dataVersionReader } from '../db/dataVersion.ts'
import { getBars } from '../db/repositories/market.ts'
import { enteredMarksAsOf } from '../db/repositories/positions.ts'

export type { LegModel, MarkResult }

/** A leg's entry: the first opening fill with its own price, as the IV's anchor. */
function entryAnchor(leg: LedgerLeg, input: LedgerInput): IvAnchor | null {
  const open = input.fills.find(
    (f) => f.legId === leg.id && f.effect === 'open' && f.priceE4 !== null,
  )
  return open ? { priceE4: open.priceE4!, date: nyDateOf(new Date(open.executedAt)) } : null
}

/**
 * Marks for open legs as of a date: the marks the trader entered, else the model value or the
 * settlement from the stored history (shared/modelValue.ts). The series are read once and again
 * when another connection has committed to the journal since (`PRAGMA data_version`, checked on
 * each use); call `invalidate` after this connection changes market data.
 */
export class MarkService {
  private history: MarketHistory | null = null
  private readAt = -1
  private readonly db: Db
  private readonly dataVersion: () => number

  constructor(db: Db) {
    this.db = db
    this.dataVersion = dataVersionReader(db)
  }

  invalidate(): void {
    this.history = null
  }

  /** The stored history the model reads. */
  market(): MarketHistory {
    const version = this.dataVersion()
    if (!this.history || version !== this.readAt) {
      this.history = historyOf(
        new Map(MODEL_SERIES.map((s) => [s, new Map(getBars(this.db, s).map((p) => [p.date, p]))])),
      )
      this.readAt = version
    }
    return this.history
  }

  /** The latest stored SPX session on or before `date` (the model's data date), or null. */
  dataDate(date: IsoDate): IsoDate | null {
    return this.market().sessionOnOrBefore(date)
  }

  /** The IV a leg is valued with on `date`, anchored at its entry price when it has one. */
  legIv(leg: LedgerLeg, input: LedgerInput, date: IsoDate): LegModel {
    return legIv(leg, entryAnchor(leg, input), date, this.market())
  }

  /** The marks the trader entered for these legs, latest on or before `date` (one query). */
  entered(
    legIds: readonly number[],
    date: IsoDate,
  ): Map<number, { date: string; priceE4: number }> {
    return enteredMarksAsOf(this.db, legIds, date)
  }

  /**
   * A mark for each open leg of a position as of `date` (a New York date, usually today).
   * `entered` may carry the entered marks of many positions, read at once by `entered()`.
   */
  marks(
    input: LedgerInput,
    ledger: LedgerFigures,
    date: IsoDate,
    entered?: ReadonlyMap<number, { date: string; priceE4: number }>,
    /** Value model marks for `date` itself (time to expiry from it), on the latest data. */
    valueOnDate = false,
  ): Map<number, MarkResult> {
    const out = new Map<number, MarkResult>()
    const openLegs = input.legs.filter((l) => (ledger.legs.get(l.id)?.openQuantity ?? 0) !== 0)
    if (openLegs.length === 0) return out
    const asOf = this.dataDate(date)
    entered ??= this.entered(
      openLegs.map((l) => l.id),
      date,
    )
    for (const leg of openLegs) {
      const mine = entered.get(leg.id)
      // A mark the trader typed wins unless the stored history is newer than it.
      if (mine && (asOf === null || mine.date >= asOf)) {
        out.set(leg.id, { priceE4: mine.priceE4, date: mine.date, source: 'user' })
        continue
      }
      const opened = input.fills
        .filter((f) => f.legId === leg.id && f.effect === 'open')
        .map((f) => nyDateOf(new Date(f.executedAt)))
        .sort()[0]
      const m = modelMark(
        leg,
        entryAnchor(leg, input),
        opened,
        asOf,
        this.market(),
        valueOnDate ? date : undefined,
      )
      if ('missing' in m && mine)
        out.set(leg.id, { priceE4: mine.priceE4, date: mine.date, source: 'user' })
      else out.set(leg.id, m)
    }
    return out
  }
}
