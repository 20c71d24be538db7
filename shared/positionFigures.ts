import type { LayerFigures, PositionDetail, PositionFigures } from './domain.ts'
import { expiryFigures, type ExpiryLeg } from './expiryFigures.ts'
import {
  computeLedger,
  LedgerError,
  totalPnlE4,
  valueOpenLegs,
  type LedgerFigures,
  type LedgerInput,
  type LegMark,
  type OpenValuation,
} from './ledger.ts'
import { formatE4, parseE4 } from './money.ts'

export type Marks = ReadonlyMap<number, LegMark | { missing: string }>

const dec = (v: number | null) => (v === null ? null : formatE4(v))

/**
 * Splits a position's records by hedge layer (null = the core structure). An adjustment's fees
 * go to the core when any of its fills is a core fill, otherwise to the layer of its fills.
 */
export function splitByLayer(input: LedgerInput): Map<number | null, LedgerInput> {
  const layerOfLeg = new Map(input.legs.map((l) => [l.id, l.hedgeLayerId]))
  const adjLayer = new Map<number, number | null>()
  for (const f of input.fills) {
    if (f.adjustmentId === null) continue
    const layer = layerOfLeg.get(f.legId) ?? null
    const cur = adjLayer.get(f.adjustmentId)
    if (cur === undefined || layer === null) adjLayer.set(f.adjustmentId, layer)
  }
  const groups = new Map<
    number | null,
    {
      legs: LedgerInput['legs'][number][]
      fills: LedgerInput['fills'][number][]
      adjustments: LedgerInput['adjustments'][number][]
    }
  >()
  const group = (k: number | null) => {
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { legs: [], fills: [], adjustments: [] }))
    return g
  }
  group(null)
  for (const l of input.legs) group(l.hedgeLayerId).legs.push(l)
  for (const f of input.fills) group(layerOfLeg.get(f.legId) ?? null).fills.push(f)
  for (const a of input.adjustments) group(adjLayer.get(a.id) ?? null).adjustments.push(a)
  return groups
}

export interface ComputedFigures {
  ledger: LedgerFigures
  open: OpenValuation
  totalE4: number | null
  wire: PositionFigures
}

function describeOpen(open: OpenValuation, anyOpen: boolean): string | null {
  if (!anyOpen) return null
  if (open.missing.length)
    return `No mark for ${open.missing.length} open leg(s): ${open.missing[0]!.reason}`
  const s = open.sources
  if (s.includes('model')) return 'model value (Black–Scholes on the stored close and VIX-based IV)'
  if (s.includes('user')) return 'at the marks you entered'
  return 'at the stored settlement'
}

/** Every figure of a position from its records and the marks of its open legs. */
export function positionFigures(input: LedgerInput, marks: Marks): ComputedFigures {
  const ledger = computeLedger(input)
  const open = valueOpenLegs(input, ledger, marks)
  const totalE4 = totalPnlE4(ledger, open)
  const anyOpen = [...ledger.legs.values()].some((l) => l.openQuantity !== 0)

  const parts = splitByLayer(input)
  const core = parts.get(null)!
  const coreLedger = computeLedger(core)
  const coreOpts = core.legs.filter((l) => l.instrumentType === 'option')
  const coreOpen = coreOpts.filter((l) => coreLedger.legs.get(l.id)!.openQuantity !== 0)
  const expiries = new Set(coreOpen.map((l) => l.expiration))
  let structure: PositionFigures['structure']
  if (coreOpen.length === 0)
    structure = {
      ok: false,
      reason: anyOpen ? 'Only hedge legs are open.' : 'The position is flat.',
    }
  else if (expiries.size > 1)
    structure = {
      ok: false,
      reason: 'Legs expire on different dates: see the payoff chart for the model curve.',
    }
  else if (
    coreLedger.futuresRealisedE4 === null ||
    core.legs.some(
      (l) => l.instrumentType === 'future' && coreLedger.legs.get(l.id)!.openQuantity !== 0,
    )
  )
    structure = { ok: false, reason: 'A futures leg has no fixed payoff at the options’ expiry.' }
  else {
    const cash = coreLedger.premiumE4 - coreLedger.feesE4 + coreLedger.futuresRealisedE4
    const legs: ExpiryLeg[] = coreOpen.map((l) => ({
      optionType: l.optionType!,
      strikeE4: l.strikeE4!,
      openQuantity: coreLedger.legs.get(l.id)!.openQuantity,
      multiplier: l.multiplier,
    }))
    const f = expiryFigures(legs, cash)
    structure = f.ok
      ? {
          ok: true,
          maxProfit: dec(f.maxProfitE4),
          maxLoss: dec(f.maxLossE4),
          breakevens: f.breakevensE4.map((b) => formatE4(b)),
          netCredit: formatE4(cash),
        }
      : f
  }
  const openContracts = Math.max(
    0,
    ...coreOpts.map((l) => Math.abs(coreLedger.legs.get(l.id)!.openQuantity)),
  )

  const layers: LayerFigures[] = []
  for (const [layerId, part] of parts) {
    if (layerId === null) continue
    const l = computeLedger(part)
    const o = valueOpenLegs(part, l, marks)
    layers.push({
      hedgeLayerId: layerId,
      realised: dec(l.realisedE4),
      openPnl: dec(o.openPnlE4),
      total: dec(totalPnlE4(l, o)),
    })
  }
  layers.sort((a, b) => a.hedgeLayerId - b.hedgeLayerId)

  return {
    ledger,
    open,
    totalE4,
    wire: {
      premium: formatE4(ledger.premiumE4),
      fees: formatE4(ledger.feesE4),
      realised: dec(ledger.realisedE4),
      realisedNote: ledger.realisedNote,
      openPnl: anyOpen ? dec(open.openPnlE4) : '0',
      openPnlAsOf: anyOpen ? open.asOf : null,
      // marks all there but no basis to split: the note says why the split is missing
      openPnlNote:
        anyOpen && open.openPnlE4 === null && open.missing.length === 0
          ? ledger.realisedNote
          : describeOpen(open, anyOpen),
      total: dec(totalE4),
      structure,
      openContracts,
      layers,
    },
  }
}

/**
 * The ledger's inputs from a position as the contract carries it (decimal strings). Throws on a
 * value that is not an exact decimal: the core never sends one.
 */
export function ledgerInputOf(
  d: Pick<PositionDetail, 'legs' | 'fills' | 'adjustments'>,
): LedgerInput {
  const e4 = (v: string) => {
    const n = parseE4(v)
    if (n === null) throw new LedgerError(`not an exact decimal: ${v}`)
    return n
  }
  return {
    legs: d.legs.map((l) => ({
      id: l.id,
      root: l.root,
      instrumentType: l.instrumentType,
      optionType: l.optionType,
      strikeE4: l.strike === null ? null : e4(l.strike),
      expiration: l.expiration,
      multiplier: l.multiplier,
      quantity: l.quantity,
      hedgeLayerId: l.hedgeLayerId,
    })),
    fills: d.fills.map((f) => ({
      id: f.id,
      legId: f.legId,
      adjustmentId: f.adjustmentId,
      executedAt: f.executedAt,
      side: f.side,
      effect: f.effect,
      quantity: f.quantity,
      priceE4: f.price === null ? null : e4(f.price),
      feesE4: e4(f.fees),
    })),
    adjustments: d.adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      occurredAt: a.occurredAt,
      netPriceE4: a.netPrice === null ? null : e4(a.netPrice),
      feesE4: e4(a.fees),
    })),
  }
}
