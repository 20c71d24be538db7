import type {
  Adjustment,
  AdjustmentId,
  AdjustmentKind,
  Fill,
  FillId,
  Leg,
  LegId,
  LegRole,
  PositionDetail,
  PositionId,
  AccountId,
} from '../../shared/domain.ts'
import { computeLedger } from '../../shared/ledger.ts'
import { formatE4 } from '../../shared/money.ts'
import { ledgerInputOf } from '../../shared/positionFigures.ts'

/**
 * Builders for a PositionDetail as `positions:get` returns it, for renderer tests that need one
 * without a journal: describe the trades, and the open quantities and adjustment cash follow
 * from the ledger, as in the core.
 */

export interface LegSpec {
  key: string
  optionType?: 'call' | 'put'
  strike?: string
  /** Signed contracts as opened. */
  quantity: number
  expiration?: string
  root?: string
  role?: LegRole
  instrumentType?: 'option' | 'future'
  multiplier?: number
  hedgeLayerId?: number | null
}

export interface TradeSpec {
  kind: AdjustmentKind
  /** ISO instant. */
  at: string
  /** Combo price per share (+ credit) for fills without a price. */
  netPrice?: string
  fees?: string
  /** Opens of new legs, by key, with their prices (omitted = combo). */
  opens?: { leg: string; quantity?: number; price?: string }[]
  closes?: { leg: string; quantity: number; price: string }[]
}

/** A position from its legs and trades (in order); ids are 1, 2, 3… per kind. */
export function buildDetail(p: {
  root?: string
  legs: LegSpec[]
  trades: TradeSpec[]
  model?: PositionDetail['model']
  hedgeLayers?: PositionDetail['hedgeLayers']
}): PositionDetail {
  const root = p.root ?? 'SPX'
  const legId = new Map(p.legs.map((l, i) => [l.key, i + 1]))
  const openedAt = new Map<string, string>()
  const fills: Fill[] = []
  const adjustments: Adjustment[] = []
  p.trades.forEach((t, ai) => {
    const adjustmentId = (ai + 1) as AdjustmentId
    for (const o of t.opens ?? []) {
      const spec = p.legs.find((l) => l.key === o.leg)!
      openedAt.set(o.leg, openedAt.get(o.leg) ?? t.at)
      fills.push(
        fill(fills.length + 1, legId.get(o.leg)!, adjustmentId, t.at, {
          side: spec.quantity < 0 ? 'sell' : 'buy',
          effect: 'open',
          quantity: o.quantity ?? Math.abs(spec.quantity),
          price: o.price ?? null,
        }),
      )
    }
    for (const c of t.closes ?? []) {
      const spec = p.legs.find((l) => l.key === c.leg)!
      fills.push(
        fill(fills.length + 1, legId.get(c.leg)!, adjustmentId, t.at, {
          side: spec.quantity < 0 ? 'buy' : 'sell',
          effect: 'close',
          quantity: c.quantity,
          price: c.price,
        }),
      )
    }
    adjustments.push({
      id: adjustmentId,
      kind: t.kind,
      occurredAt: t.at,
      netPrice: t.netPrice ?? null,
      cash: '0',
      fees: t.fees ?? '0',
      note: '',
      original: null,
    })
  })
  const legs: Leg[] = p.legs.map((l) => ({
    id: legId.get(l.key)! as LegId,
    role: l.role ?? 'other',
    instrumentType: l.instrumentType ?? 'option',
    root: l.root ?? root,
    optionType: l.instrumentType === 'future' ? null : (l.optionType ?? 'call'),
    strike: l.instrumentType === 'future' ? null : (l.strike ?? '7000'),
    expiration: l.expiration ?? '2026-07-17',
    multiplier: l.multiplier ?? (l.instrumentType === 'future' ? 1000 : 100),
    quantity: l.quantity,
    openQuantity: 0,
    openedAt: openedAt.get(l.key) ?? '2026-06-01T20:00:00.000Z',
    closedAt: null,
    replacesLegId: null,
    hedgeLayerId: l.hedgeLayerId ?? null,
  }))
  const detail: PositionDetail = {
    summary: {
      id: 1 as PositionId,
      accountId: 1 as AccountId,
      accountName: 'Default',
      underlying: 'SPX',
      rulesetId: null,
      root,
      strategy: 'custom',
      structure: 'custom',
      status: 'open',
      voidedAt: null,
      voidReason: '',
      openedOn: (p.trades[0]?.at ?? '2026-06-01').slice(0, 10),
      closedOn: null,
      expiration: null,
      longPut: null,
      shortPut: null,
      shortCall: null,
      longCall: null,
      quantity: null,
      credit: null,
      legsLabel: '',
      tags: [],
      figures: null,
      figuresError: null,
    },
    thesis: '',
    notes: '',
    legs,
    fills,
    adjustments,
    hedgeLayers: p.hedgeLayers ?? [],
    history: [],
    enteredMarks: [],
    model: p.model ?? { asOf: null, legs: [] },
  }
  // What the core derives: open quantities, closing instants and each adjustment's premium.
  const ledger = computeLedger(ledgerInputOf(detail))
  for (const l of legs) {
    l.openQuantity = ledger.legs.get(l.id)!.openQuantity
    if (l.openQuantity === 0)
      l.closedAt = fills.filter((f) => f.legId === l.id).at(-1)?.executedAt ?? null
  }
  for (const a of adjustments)
    a.cash = formatE4(ledger.flows.find((f) => f.adjustmentId === a.id)?.premiumE4 ?? 0)
  return detail
}

function fill(
  id: number,
  legId: number,
  adjustmentId: AdjustmentId,
  at: string,
  f: Pick<Fill, 'side' | 'effect' | 'quantity' | 'price'>,
): Fill {
  return {
    id: id as FillId,
    legId: legId as LegId,
    adjustmentId,
    executedAt: at,
    fees: '0',
    source: 'test',
    brokerOrderId: null,
    brokerExecId: null,
    original: null,
    ...f,
  }
}
