/**
 * Executions → positions and adjustments: the one matcher every broker import goes through.
 *
 * - **Orders.** Executions with the same `orderId ?? groupKey` are one order, and one order
 *   touching one position is one adjustment. Orders are processed in time order (ties by their
 *   key, so shuffled rows give the same result).
 * - **Matching is per contract, never per order.** A closing execution (BTC/STC, expiration,
 *   assignment, cash settlement) closes open contracts of the same symbol and opposite sign in
 *   the account, oldest leg first, across positions if it must; a partial close leaves the rest
 *   open. Contracts the journal does not hold are not invented: the row is rejected with why.
 * - **Rolls.** An order that closes legs of an open position and opens others on the same
 *   underlying is a roll of that position; each new leg replaces a closed leg of the same right
 *   and side (roll lineage).
 * - **Hedges.** An order that only opens VIX options or VX futures is proposed as a new hedge
 *   layer of the SPX (non-VIX) position open at that moment — the latest opened — when the
 *   trader lets it (`hedges: 'attach'`); otherwise it stands alone.
 * - **New positions.** Any other opening order is a new position, its structure recognised.
 * - **Wingman's own fills CSV** carries its position / adjustment / hedge layer: that grouping
 *   is kept as exported.
 *
 * Pure: the caller supplies the account's open legs and a settlement lookup.
 */
import { nyDateOf } from '../../../../shared/dates.ts'
import type { AdjustmentKind, LegRole, Structure } from '../../../../shared/domain.ts'
import { mulE4 } from '../../../../shared/money.ts'
import type { Contract, Execution, RejectedRow } from '../brokers/types.ts'
import { recogniseStructure } from './structure.ts'

/** An execution with its never-twice key (see executionKey.ts). */
export interface KeyedExecution extends Execution {
  key: string
}

/** An open leg the journal already holds, in the import's account. */
export interface HeldLeg {
  legId: number
  positionId: number
  /** The position's underlying (SPX, VIX…) and when it was opened. */
  underlying: string
  positionOpenedAt: string
  hedgeLayerId: number | null
  hedgeLayerNo: number | null
  contract: Contract
  /** Signed contracts as opened. */
  quantity: number
  /** Signed contracts still open. */
  openQuantity: number
  openedAt: string
}

export interface PlanInput {
  executions: readonly KeyedExecution[]
  held: readonly HeldLeg[]
  /** Hedge layers the held positions already have (their highest layer number). */
  heldLayerCount: ReadonlyMap<number, number>
  /** VIX / VX openings: a hedge layer of the SPX position open then, or positions of their own. */
  hedges: 'attach' | 'standalone'
  /**
   * The settlement level (e4) of a cash-settled option on its expiry, from the stored history,
   * for assignments whose file shows no cash; null when none is stored.
   */
  settle: (contract: Contract) => { levelE4: number; what: string } | null
}

export interface PlanFill {
  leg: string
  side: 'buy' | 'sell'
  effect: 'open' | 'close'
  quantity: number
  priceE4: number | null
  feesE4: number
  executedAt: string
  orderId: string | null
  /** The execution's key; the 2nd, 3rd… part of a close split across legs gets `~2`, `~3`. */
  key: string
  execution: KeyedExecution
}

export interface PlanAdjustment {
  kind: AdjustmentKind
  occurredAt: string
  netPriceE4: number | null
  /** Adjustment-level fees (Wingman's own export); broker costs sit on the fills. */
  feesE4: number
  /** Premium moved, + received (futures move none). */
  cashE4: number
  fills: PlanFill[]
  /** Hedge layers this adjustment opens / closes. */
  opensLayer: string | null
  closesLayers: string[]
}

export interface PlanLeg {
  ref: string
  contract: Contract
  role: LegRole
  quantity: number
  openedAt: string
  replaces: string | null
  layer: string | null
  closedAt: string | null
}

export interface PlanLayer {
  ref: string
  layerNo: number
}

export interface PlanPosition {
  ref: string
  /** The journal's id when the import extends a position it already holds. */
  positionId: number | null
  underlying: string
  structure: Structure
  shape: string
  openedOn: string
  legs: PlanLeg[]
  layers: PlanLayer[]
  adjustments: PlanAdjustment[]
  /** Set when the import closes the position's last open contract. */
  closedOn: string | null
  /** Held legs this import closes (legId → instant). */
  closedHeldLegs: Map<number, string>
}

export interface ImportPlan {
  positions: PlanPosition[]
  rejected: RejectedRow[]
  warnings: string[]
  /** Executions placed into the plan (not rejected). */
  placed: number
}

const VIX_FAMILY = new Set(['VIX'])
const isHedgeContract = (c: Contract) => VIX_FAMILY.has(c.underlying)
const isClosing = (e: Execution) => e.action === 'BTC' || e.action === 'STC'
const sideOf = (e: Execution): 'buy' | 'sell' =>
  e.action === 'BTO' || e.action === 'BTC' ? 'buy' : 'sell'
/** The sign of the contracts an opening execution creates (+ long, − short). */
const openSign = (e: Execution) => (e.action === 'BTO' ? 1 : -1)

function roleOf(c: Contract, signed: number, hedge: boolean): LegRole {
  if (hedge) return 'hedge'
  if (c.instrument === 'future') return 'other'
  return `${signed > 0 ? 'long' : 'short'}_${c.right}` as LegRole
}

/** Premium of one fill, + received; a future moves none. */
function premiumOf(c: Contract, side: 'buy' | 'sell', qty: number, priceE4: number | null): number {
  if (c.instrument === 'future' || priceE4 === null) return 0
  return (side === 'sell' ? 1 : -1) * mulE4(priceE4, qty * c.multiplier)
}

const describe = (c: Contract) =>
  c.instrument === 'future'
    ? `${c.symbol.trim()} future`
    : `${c.root} ${c.expiration} ${Number(c.strikeE4) / 10_000} ${c.right}`

interface LiveLeg {
  ref: string
  positionRef: string
  contract: Contract
  /** Signed contracts as opened, and still open. */
  sign: number
  open: number
  openedAt: string
  layer: string | null
}

interface LivePosition {
  ref: string
  underlying: string
  openedAt: string
  plan: PlanPosition
  /** Layer refs → layer no, with their open state. */
  layers: Map<string, { no: number; open: boolean }>
  layerCount: number
  journalKey: string | null
}

/** Orders in time order: the earliest execution's instant, then the key (stable under shuffling). */
function ordersOf(executions: readonly KeyedExecution[]): KeyedExecution[][] {
  const groups = new Map<string, KeyedExecution[]>()
  for (const e of executions) {
    const k = e.journal ? `j:${e.orderId}` : e.orderId ? `o:${e.orderId}` : `g:${e.groupKey}`
    const g = groups.get(k)
    if (g) g.push(e)
    else groups.set(k, [e])
  }
  const sorted = [...groups.entries()].map(([k, g]) => {
    g.sort((a, b) =>
      a.executedAt < b.executedAt ? -1 : a.executedAt > b.executedAt ? 1 : a.key < b.key ? -1 : 1,
    )
    return { k, g, at: g[0]!.executedAt }
  })
  sorted.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
  return sorted.map((s) => s.g)
}

/**
 * Date-only formats (Schwab, Fidelity) group by date + underlying + expiration, which splits a
 * roll to a new expiry into a closing group and an opening group. On the same date and
 * underlying, an all-closing group and an all-opening group with the same rights, sides and
 * quantities are one roll order again.
 */
function pairDateOnlyRolls(orders: KeyedExecution[][]): KeyedExecution[][] {
  const shape = (g: KeyedExecution[], closing: boolean) =>
    g
      .map(
        (e) => `${e.contract.right}|${closing ? -openSignOfClose(e) : openSign(e)}|${e.quantity}`,
      )
      .sort()
      .join(',')
  const out: (KeyedExecution[] | null)[] = [...orders]
  const byDate = new Map<string, number[]>()
  out.forEach((g, i) => {
    if (g![0]!.hasTime) return
    const list = byDate.get(g![0]!.tradeDate)
    if (list) list.push(i)
    else byDate.set(g![0]!.tradeDate, [i])
  })
  for (let i = 0; i < out.length; i++) {
    const c = out[i]
    if (!c || c[0]!.hasTime || c[0]!.journal || !c.every((e) => isClosing(e) && e.kind === 'trade'))
      continue
    for (const j of byDate.get(c[0]!.tradeDate) ?? []) {
      const o = out[j]
      if (!o || j === i || o[0]!.hasTime || o.some(isClosing)) continue
      if (o[0]!.contract.underlying !== c[0]!.contract.underlying) continue
      if (shape(o, false) !== shape(c, true)) continue
      out[i] = [...c, ...o]
      out[j] = null
      break
    }
  }
  return out.filter((g): g is KeyedExecution[] => g !== null)
}
/** The sign of the contracts a closing execution closes: BTC closes shorts (−1). */
const openSignOfClose = (e: Execution) => (e.action === 'BTC' ? -1 : 1)

export function planImport(input: PlanInput): ImportPlan {
  const rejected: RejectedRow[] = []
  const warnings: string[] = []
  const positions = new Map<string, LivePosition>()
  /** Positions with open contracts, for hedge proposals. */
  const openPositions = new Set<LivePosition>()
  /** Every leg by ref; open legs by contract symbol; open-leg counts per position and layer. */
  const legsByRef = new Map<string, LiveLeg>()
  const openBySymbol = new Map<string, LiveLeg[]>()
  const openCount = new Map<string, number>()
  const planLegs = new Map<string, PlanLeg>()
  const addLive = (l: LiveLeg) => {
    legsByRef.set(l.ref, l)
    const list = openBySymbol.get(l.contract.symbol)
    if (list) list.push(l)
    else openBySymbol.set(l.contract.symbol, [l])
    for (const k of [l.positionRef, `${l.positionRef}|${l.layer}`])
      openCount.set(k, (openCount.get(k) ?? 0) + 1)
  }
  const legClosed = (l: LiveLeg) => {
    for (const k of [l.positionRef, `${l.positionRef}|${l.layer}`])
      openCount.set(k, (openCount.get(k) ?? 0) - 1)
    const list = openBySymbol.get(l.contract.symbol)!
    list.splice(list.indexOf(l), 1)
  }
  let placed = 0
  let newLegs = 0
  let newPositions = 0
  let newLayers = 0

  // The journal's open positions and legs.
  for (const h of input.held) {
    const ref = `P${h.positionId}`
    let p = positions.get(ref)
    if (!p) {
      p = {
        ref,
        underlying: h.underlying,
        openedAt: h.positionOpenedAt,
        layers: new Map(),
        layerCount: input.heldLayerCount.get(h.positionId) ?? 0,
        journalKey: null,
        plan: {
          ref,
          positionId: h.positionId,
          underlying: h.underlying,
          structure: 'custom',
          shape: '',
          openedOn: nyDateOf(new Date(h.positionOpenedAt)),
          legs: [],
          layers: [],
          adjustments: [],
          closedOn: null,
          closedHeldLegs: new Map(),
        },
      }
      positions.set(ref, p)
      openPositions.add(p)
    }
    const layer = h.hedgeLayerId === null ? null : `H${h.hedgeLayerId}`
    if (layer && !p.layers.has(layer)) p.layers.set(layer, { no: h.hedgeLayerNo ?? 0, open: true })
    addLive({
      ref: `L${h.legId}`,
      positionRef: ref,
      contract: h.contract,
      sign: Math.sign(h.quantity),
      open: h.openQuantity,
      openedAt: h.openedAt,
      layer,
    })
  }

  const isOpen = (p: LivePosition) => (openCount.get(p.ref) ?? 0) > 0

  function newPosition(first: Execution, at: string, journalKey: string | null): LivePosition {
    const ref = `p${++newPositions}`
    const p: LivePosition = {
      ref,
      underlying: first.contract.underlying,
      openedAt: at,
      layers: new Map(),
      layerCount: 0,
      journalKey,
      plan: {
        ref,
        positionId: null,
        underlying: first.contract.underlying,
        structure: 'custom',
        shape: 'custom',
        openedOn: first.tradeDate,
        legs: [],
        layers: [],
        adjustments: [],
        closedOn: null,
        closedHeldLegs: new Map(),
      },
    }
    positions.set(ref, p)
    openPositions.add(p)
    return p
  }

  function newLayer(p: LivePosition, no?: number): string {
    const ref = `h${++newLayers}`
    const layerNo = no ?? p.layerCount + 1
    p.layerCount = Math.max(p.layerCount, layerNo)
    p.layers.set(ref, { no: layerNo, open: true })
    p.plan.layers.push({ ref, layerNo })
    return ref
  }

  /** Price of a closing event: 0 for expirations, the file's or the stored settlement otherwise. */
  function eventPrice(e: KeyedExecution): number | null {
    if (e.kind === 'expiration') return 0
    if (e.priceE4 !== null) return e.priceE4
    if (e.kind === 'assignment' || e.kind === 'exercise') {
      warnings.push(
        `Line ${e.line}: ${describe(e.contract)} was ${e.kind === 'assignment' ? 'assigned' : 'exercised'}; the stock it delivered is not journaled — the option is closed at 0`,
      )
      return 0
    }
    const s = input.settle(e.contract)
    if (!s) return null
    const k = e.contract.strikeE4 ?? 0
    const intrinsic = Math.max(0, e.contract.right === 'call' ? s.levelE4 - k : k - s.levelE4)
    warnings.push(
      `Line ${e.line}: the file gives no cash for the settlement of ${describe(e.contract)}; settled at ${s.what}`,
    )
    return intrinsic
  }

  const journalPositions = new Map<string, LivePosition>()

  for (const order of pairDateOnlyRolls(ordersOf(input.executions))) {
    // adjustments of this order, per position
    const perPosition = new Map<string, { adj: PlanAdjustment; closedLegs: LiveLeg[] }>()
    const adjustmentFor = (p: LivePosition, at: string, first: KeyedExecution) => {
      let entry = perPosition.get(p.ref)
      if (!entry) {
        entry = {
          adj: {
            kind: 'other',
            occurredAt: at,
            netPriceE4: first.journal?.adjustmentNetPriceE4 ?? null,
            feesE4: first.journal?.adjustmentFeesE4 ?? 0,
            cashE4: 0,
            fills: [],
            opensLayer: null,
            closesLayers: [],
          },
          closedLegs: [],
        }
        perPosition.set(p.ref, entry)
        p.plan.adjustments.push(entry.adj)
      }
      return entry
    }
    const at = order[0]!.executedAt
    const journal = order[0]!.journal ?? null
    const journalPosition = journal ? (journalPositions.get(journal.positionKey) ?? null) : null

    // 1. Closing executions, per contract, oldest leg first.
    for (const e of order.filter(isClosing)) {
      const priceE4 = e.kind === 'trade' ? e.priceE4 : eventPrice(e)
      if (priceE4 === null && !(e.journal && e.journal.adjustmentNetPriceE4 !== null)) {
        rejected.push({
          line: e.line,
          reason:
            e.kind === 'trade'
              ? `the fill of ${describe(e.contract)} has no price`
              : `the file gives no cash for the settlement of ${describe(e.contract)} and no settlement value is stored for ${e.contract.expiration}: enter it with Expire`,
        })
        continue
      }
      const wantSign = openSignOfClose(e)
      const candidates = (openBySymbol.get(e.contract.symbol) ?? [])
        .filter(
          (l) =>
            Math.sign(l.open) === wantSign &&
            (!journalPosition || l.positionRef === journalPosition.ref),
        )
        .sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0))
      const available = candidates.reduce((s, l) => s + Math.abs(l.open), 0)
      if (available < e.quantity) {
        rejected.push({
          line: e.line,
          reason:
            available === 0
              ? `${e.action} ${e.quantity} ${describe(e.contract)}: the journal holds no ${wantSign < 0 ? 'short' : 'long'} contracts of it (opened before this file? import that file first or enter the position)`
              : `${e.action} ${e.quantity} ${describe(e.contract)}: only ${available} are open in the journal`,
        })
        continue
      }
      let remaining = e.quantity
      let part = 0
      for (const leg of candidates) {
        if (remaining === 0) break
        const take = Math.min(remaining, Math.abs(leg.open))
        remaining -= take
        leg.open -= leg.sign * take
        const p = positions.get(leg.positionRef)!
        const entry = adjustmentFor(p, at, e)
        const side = sideOf(e)
        entry.adj.fills.push({
          leg: leg.ref,
          side,
          effect: 'close',
          quantity: take,
          priceE4,
          // Costs belong to the execution: the first part carries them.
          feesE4: part === 0 ? e.commissionE4 + e.feesE4 : 0,
          executedAt: e.executedAt,
          orderId: e.orderId,
          key: part === 0 ? e.key : `${e.key}~${part + 1}`,
          execution: e,
        })
        entry.adj.cashE4 +=
          e.kind === 'cash_settlement' && e.cashE4 !== 0 && part === 0 && take === e.quantity
            ? e.cashE4
            : premiumOf(e.contract, side, take, priceE4)
        entry.closedLegs.push(leg)
        if (leg.open === 0) {
          legClosed(leg)
          if (leg.ref.startsWith('L'))
            p.plan.closedHeldLegs.set(Number(leg.ref.slice(1)), e.executedAt)
          else planLegs.get(leg.ref)!.closedAt = e.executedAt
        }
        part++
      }
      placed++
    }

    // 2. Opening executions: a roll of the position this order closed, a hedge layer, or new.
    const opens = order.filter((e) => !isClosing(e))
    if (opens.length > 0) {
      const underlying = opens[0]!.contract.underlying
      let target: LivePosition | null = null
      let layer: string | null = null
      let kindOfNew: AdjustmentKind | null = null
      if (journal) {
        if (!journalPosition) kindOfNew = 'open'
        target = journalPosition ?? newPosition(opens[0]!, at, journal.positionKey)
        journalPositions.set(journal.positionKey, target)
        if (journal.hedgeLayer !== null) {
          layer =
            [...target.layers.entries()].find(([, v]) => v.no === journal.hedgeLayer)?.[0] ??
            newLayer(target, journal.hedgeLayer)
        }
      } else {
        const rolled = [...perPosition.keys()]
          .map((ref) => positions.get(ref)!)
          .find((p) => p.underlying === underlying)
        if (rolled) {
          target = rolled
          // New hedge contracts in a position that already closed hedge contracts stay in that layer.
          const closedLayer = perPosition.get(rolled.ref)!.closedLegs.find((l) => l.layer)?.layer
          if (closedLayer && opens.every((e) => isHedgeContract(e.contract))) layer = closedLayer
        } else if (input.hedges === 'attach' && opens.every((e) => isHedgeContract(e.contract))) {
          const hedged = [...openPositions]
            .filter((p) => !VIX_FAMILY.has(p.underlying) && isOpen(p) && p.openedAt <= at)
            .sort((a, b) => (a.openedAt > b.openedAt ? -1 : a.openedAt < b.openedAt ? 1 : 0))[0]
          if (hedged) {
            target = hedged
            layer = newLayer(hedged)
            kindOfNew = 'hedge_add'
          }
        }
        if (!target) {
          target = newPosition(opens[0]!, at, null)
          kindOfNew = 'open'
        }
      }
      const entry = adjustmentFor(target, at, opens[0]!)
      if (kindOfNew === 'hedge_add') entry.adj.opensLayer = layer
      const unused = [...entry.closedLegs]
      for (const e of opens) {
        if (e.priceE4 === null && !(e.journal && e.journal.adjustmentNetPriceE4 !== null)) {
          rejected.push({
            line: e.line,
            reason: `the fill of ${describe(e.contract)} has no price`,
          })
          continue
        }
        const signed = openSign(e) * e.quantity
        const replacedAt = unused.findIndex(
          (l) =>
            l.contract.right === e.contract.right &&
            l.sign === Math.sign(signed) &&
            l.contract.instrument === e.contract.instrument,
        )
        const replaced = replacedAt >= 0 ? unused.splice(replacedAt, 1)[0]! : null
        const legLayer =
          layer ?? (replaced?.layer && isHedgeContract(e.contract) ? replaced.layer : null)
        const ref = `n${++newLegs}`
        const planLeg: PlanLeg = {
          ref,
          contract: e.contract,
          role: roleOf(e.contract, signed, legLayer !== null),
          quantity: signed,
          openedAt: e.executedAt,
          replaces: replaced ? replaced.ref : null,
          layer: legLayer,
          closedAt: null,
        }
        target.plan.legs.push(planLeg)
        planLegs.set(ref, planLeg)
        addLive({
          ref,
          positionRef: target.ref,
          contract: e.contract,
          sign: Math.sign(signed),
          open: signed,
          openedAt: e.executedAt,
          layer: legLayer,
        })
        const side = sideOf(e)
        entry.adj.fills.push({
          leg: ref,
          side,
          effect: 'open',
          quantity: e.quantity,
          priceE4: e.priceE4,
          feesE4: e.commissionE4 + e.feesE4,
          executedAt: e.executedAt,
          orderId: e.orderId,
          key: e.key,
          execution: e,
        })
        entry.adj.cashE4 += premiumOf(e.contract, side, e.quantity, e.priceE4)
        placed++
      }
      if (kindOfNew === 'open') {
        const r = recogniseStructure(
          target.plan.legs.map((l) => ({
            instrument: l.contract.instrument,
            right: l.contract.right,
            strikeE4: l.contract.strikeE4,
            expiration: l.contract.expiration,
            quantity: l.quantity,
          })),
        )
        target.plan.structure = r.structure
        target.plan.shape = r.shape
      }
    }

    // 3. Kinds, closed layers and closed positions.
    for (const [ref, { adj, closedLegs }] of perPosition) {
      const p = positions.get(ref)!
      if (adj.fills.length === 0) {
        p.plan.adjustments.splice(p.plan.adjustments.indexOf(adj), 1)
        continue
      }
      for (const [layerRef, state] of p.layers) {
        if (!state.open) continue
        const stillOpen = (openCount.get(`${ref}|${layerRef}`) ?? 0) > 0
        if (!stillOpen && adj.fills.some((f) => legsByRef.get(f.leg)?.layer === layerRef)) {
          state.open = false
          adj.closesLayers.push(layerRef)
        }
      }
      const positionOpen = isOpen(p)
      if (!positionOpen) {
        p.plan.closedOn = nyDateOf(new Date(adj.fills.at(-1)!.executedAt))
        openPositions.delete(p)
      }
      if (journal) {
        adj.kind = journal.adjustmentKind as AdjustmentKind
        continue
      }
      const opened = adj.fills.some((f) => f.effect === 'open')
      const closed = adj.fills.some((f) => f.effect === 'close')
      const touchesHedgeOnly = adj.fills.every((f) => legsByRef.get(f.leg)?.layer !== null)
      if (adj.opensLayer) adj.kind = 'hedge_add'
      else if (opened && !closed)
        adj.kind =
          p.plan.adjustments.length === 1 && p.plan.positionId === null
            ? 'open'
            : touchesHedgeOnly
              ? 'hedge_add'
              : 'other'
      else if (closedLegs.length > 0 && adj.fills.every((f) => f.execution.kind !== 'trade'))
        adj.kind = 'expire'
      else if (touchesHedgeOnly)
        adj.kind = opened
          ? 'hedge_adjust'
          : adj.closesLayers.length > 0
            ? 'hedge_remove'
            : 'hedge_adjust'
      else if (opened) adj.kind = 'roll'
      else adj.kind = positionOpen ? 'partial_close' : 'close'
    }
  }

  const planned = [...positions.values()].map((p) => p.plan).filter((p) => p.adjustments.length > 0)
  rejected.sort((a, b) => a.line - b.line)
  return { positions: planned, rejected, warnings, placed }
}
