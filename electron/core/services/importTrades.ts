/**
 * Broker trades into the journal: parse (the file's broker, detected or named) → key every
 * execution and skip those already imported → plan positions, rolls, closes and hedge layers
 * against what the account holds → write it all in one transaction. A dry run, and the preview
 * the import dialog shows, run the very same write and roll it back, so what they show is
 * exactly what an import would write, figures from the journal's own ledger included.
 *
 * Never twice: fills remember each execution's key (source = broker, broker_exec_id = key).
 * Never half: one transaction; a file with unreadable rows writes nothing unless the trader
 * accepts the readable ones.
 */
import { NO_CONTROL, type JobControl } from '../jobs/control.ts'
import { nyDateOf } from '../../../shared/dates.ts'
import { computeLedger } from '../../../shared/ledger.ts'
import { formatE4 } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import { settleLeg, type BarLookup } from '../../../shared/settlement.ts'
import {
  BROKER_LABELS,
  type ImportTrades,
  type ImportTradesResult,
  type ImportedPosition,
} from '../../../shared/tradeImport.ts'
import type { Db } from '../db/connection.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import {
  heldLegs,
  importWriter,
  knownExecutionKeys,
  layerCounts,
} from '../db/repositories/tradeImport.ts'
import { writeTransaction } from '../db/transaction.ts'
import { detectBroker, parserOf } from '../io/brokers/index.ts'
import { isZone } from '../io/brokers/time.ts'
import type { Contract, Execution, ParsedTrades } from '../io/brokers/types.ts'
import { keyExecutions } from '../io/trades/executionKey.ts'
import { planImport, type ImportPlan, type PlanPosition } from '../io/trades/plan.ts'
import { resolveAccount } from './accounts.ts'

const fmt = (e4: number) => formatE4(e4)
const contractWords = (c: Contract) =>
  c.instrument === 'future'
    ? `${c.root} future ${c.expiration}`
    : `${c.root} ${c.expiration} ${formatE4(c.strikeE4 ?? 0)} ${c.right}`

class DryRunRollback extends Error {}

function parse(req: ImportTrades): { parsed: ParsedTrades; detected: boolean } {
  if (!isZone(req.zone))
    throw new DomainError('VALIDATION', `"${req.zone}" is not a time zone Wingman knows`, {
      zone: 'Use a zone name such as America/New_York or America/Chicago',
    })
  const parser = req.broker ? parserOf(req.broker) : detectBroker(req.content)
  if (!parser)
    throw new DomainError(
      'VALIDATION',
      `${req.fileName || 'The file'} is not a trade export Wingman recognises. Choose the broker by hand if it is one of: ${Object.values(BROKER_LABELS).join('; ')}`,
      { broker: 'Not recognised' },
    )
  return { parsed: parser.parse(req.content, { zone: req.zone }), detected: !req.broker }
}

/** The settlement of a cash-settled option on its expiry day, from the stored history. */
function settlementFrom(bars: BarLookup) {
  return (c: Contract) => {
    if (c.instrument !== 'option') return null
    const s = settleLeg(
      {
        instrumentType: 'option',
        root: c.root,
        optionType: c.right,
        strikeE4: c.strikeE4,
        expiration: c.expiration,
        multiplier: c.multiplier,
        quantity: 1,
      },
      bars,
    )
    return s.ok
      ? {
          levelE4: s.settlementE4,
          what: `the stored ${s.source} of ${s.date} (${formatE4(s.settlementE4)})`,
        }
      : null
  }
}

/** Writes the plan; returns the journal id of every planned position. */
function writePlan(
  db: Db,
  plan: ImportPlan,
  accountId: number,
  source: string,
  note: string,
  now: string,
  control: JobControl,
): Map<PlanPosition, number> {
  const w = importWriter(db)
  const ids = new Map<PlanPosition, number>()
  const total = plan.positions.length
  let done = 0
  for (const p of plan.positions) {
    // inside the transaction: a cancel here rolls back every position written before it
    if (done++ % 256 === 0) {
      control.checkCancelled()
      control.progress('Writing positions', done - 1, total)
    }
    const positionId =
      p.positionId ??
      w.position({
        accountId,
        underlying: p.underlying,
        structure: p.structure,
        openedOn: p.openedOn,
        closedOn: p.closedOn,
        notes: note,
        now,
      })
    ids.set(p, positionId)
    const legIds = new Map<string, number>()
    const layerIds = new Map<string, number>()
    const legOf = (ref: string) => (ref.startsWith('L') ? Number(ref.slice(1)) : legIds.get(ref)!)
    const layerOf = (ref: string) =>
      ref.startsWith('H') ? Number(ref.slice(1)) : layerIds.get(ref)!
    const legsByRef = new Map(p.legs.map((l) => [l.ref, l]))
    const written = new Set<string>()
    for (const a of p.adjustments) {
      const adjustmentId = w.adjustment({
        positionId,
        kind: a.kind,
        occurredAt: a.occurredAt,
        netPriceE4: a.netPriceE4,
        cashE4: a.cashE4,
        feesE4: a.feesE4,
        note: '',
        now,
      })
      // Layers opened here (a journal import can open a layer in any adjustment).
      for (const f of a.fills) {
        const leg = legsByRef.get(f.leg)
        if (leg?.layer && !leg.layer.startsWith('H') && !layerIds.has(leg.layer)) {
          const layerNo = p.layers.find((l) => l.ref === leg.layer)!.layerNo
          layerIds.set(leg.layer, w.layer(positionId, layerNo, adjustmentId))
        }
      }
      for (const f of a.fills) {
        const leg = legsByRef.get(f.leg)
        if (leg && !written.has(leg.ref)) {
          written.add(leg.ref)
          legIds.set(
            leg.ref,
            w.leg({
              positionId,
              layerId: leg.layer ? layerOf(leg.layer) : null,
              role: leg.role,
              contract: leg.contract,
              quantity: leg.quantity,
              openedAt: leg.openedAt,
              closedAt: leg.closedAt,
              replacesLegId: leg.replaces ? legOf(leg.replaces) : null,
            }),
          )
        }
        w.fill({
          legId: legOf(f.leg),
          adjustmentId,
          executedAt: f.executedAt,
          side: f.side,
          effect: f.effect,
          quantity: f.quantity,
          priceE4: f.priceE4,
          feesE4: f.feesE4,
          source,
          orderId: f.orderId,
          key: f.key,
        })
      }
      for (const layer of a.closesLayers) w.closeLayer(layerOf(layer), adjustmentId)
    }
    for (const [legId, at] of p.closedHeldLegs) w.closeLeg(legId, at)
    if (p.closedOn && p.positionId !== null) w.closePosition(positionId, p.closedOn, now)
  }
  return ids
}

function describePositions(
  db: Db,
  plan: ImportPlan,
  ids: Map<PlanPosition, number>,
  keep: boolean,
): ImportedPosition[] {
  const ledgers = loadLedgerInputs(db, [...ids.values()])
  return plan.positions.map((p) => {
    const id = ids.get(p)!
    const input = ledgers.get(id)
    const figures = input ? computeLedger(input) : null
    const layerNo = new Map(p.layers.map((l) => [l.ref, l.layerNo]))
    const occOf = new Map(p.legs.map((l) => [l.ref, l.contract.symbol]))
    return {
      id: keep || p.positionId !== null ? id : null,
      extends: p.positionId !== null,
      structure: p.structure,
      shape: p.shape,
      underlying: p.underlying,
      status: p.closedOn ? 'closed' : 'open',
      openedOn: p.openedOn,
      closedOn: p.closedOn,
      legs: p.legs.map((l) => ({
        occ: l.contract.symbol,
        contract: contractWords(l.contract),
        role: l.role,
        quantity: l.quantity,
        replaces: l.replaces
          ? (occOf.get(l.replaces) ??
            (input?.legs.find((x) => x.id === Number(l.replaces!.slice(1)))
              ? `leg ${l.replaces.slice(1)}`
              : null))
          : null,
        hedgeLayer: l.layer ? (layerNo.get(l.layer) ?? null) : null,
        closed: l.closedAt !== null,
      })),
      adjustments: p.adjustments.map((a) => ({
        kind: a.kind,
        occurredAt: a.occurredAt,
        cash: fmt(a.cashE4),
        fees: fmt(a.feesE4 + a.fills.reduce((s, f) => s + f.feesE4, 0)),
      })),
      pnl: figures?.realisedE4 == null ? null : fmt(figures.realisedE4),
    }
  })
}

/**
 * Imports (or with `dryRun`, previews) a broker trade file into the journal. Refuses, writing
 * nothing, when rows could not be read and the trader did not accept the readable ones.
 */
export function importTrades(
  db: Db,
  req: ImportTrades,
  bars: BarLookup,
  now: Date,
  control: JobControl = NO_CONTROL,
): ImportTradesResult {
  control.progress('Reading the file', 0, null)
  const { parsed, detected } = parse(req)
  control.checkCancelled()
  const nowIso = now.toISOString()
  const accountId = resolveAccount(db, req.accountId, nowIso)
  const keyed = keyExecutions(parsed.executions, accountId)
  const source = parsed.broker
  const known = knownExecutionKeys(
    db,
    source,
    keyed.map((e) => e.key),
  )
  const fresh = keyed.filter((e) => !known.has(e.key))

  const executions = keyed.map((e) => ({
    line: e.line,
    occ: e.contract.symbol,
    contract: contractWords(e.contract),
    action: e.action,
    kind: e.kind,
    quantity: e.quantity,
    price: e.priceE4 === null ? null : fmt(e.priceE4),
    commission: fmt(e.commissionE4),
    fees: fmt(e.feesE4),
    executedAt: e.hasTime ? e.executedAt : e.tradeDate,
    orderId: e.orderId,
    execId: e.execId,
    duplicate: known.has(e.key),
  }))

  const base = {
    broker: parsed.broker,
    brokerLabel: BROKER_LABELS[parsed.broker],
    detected,
    zone: parsed.zone,
    accountId,
    executions,
    duplicates: keyed.length - fresh.length,
  }
  const note = `Imported from ${BROKER_LABELS[parsed.broker].split(' (')[0]}${req.fileName ? ` (${req.fileName})` : ''} on ${nyDateOf(now)}`

  let outcome: Omit<ImportTradesResult, keyof typeof base | 'written' | 'notWritten'> | null = null
  const run = (keep: boolean) =>
    writeTransaction(db, () => {
      control.progress('Matching orders into positions', 0, null)
      const plan = planImport({
        executions: fresh,
        held: heldLegs(db, accountId),
        heldLayerCount: layerCounts(db, accountId),
        hedges: req.hedges,
        settle: settlementFrom(bars),
      })
      const rejected = [...parsed.rejected, ...plan.rejected].sort((a, b) => a.line - b.line)
      const ids = writePlan(db, plan, accountId, source, note, nowIso, control)
      control.checkCancelled()
      outcome = {
        positions: describePositions(db, plan, ids, keep),
        inserted: plan.placed,
        rejected,
        warnings: [...parsed.warnings, ...plan.warnings],
      }
      if (!keep || (rejected.length > 0 && !req.acceptReadable)) throw new DryRunRollback()
    })
  try {
    run(!req.dryRun)
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e
  }
  const o = outcome!
  const refused = !req.dryRun && o.rejected.length > 0 && !req.acceptReadable
  return {
    ...base,
    ...o,
    written: !req.dryRun && !refused && o.inserted > 0,
    notWritten: refused
      ? `${o.rejected.length} ${o.rejected.length === 1 ? 'row' : 'rows'} could not be imported (first: line ${o.rejected[0]!.line}, ${o.rejected[0]!.reason}). Nothing was written: fix the file, or accept the ${o.inserted} readable ${o.inserted === 1 ? 'execution' : 'executions'}.`
      : null,
  }
}

export type { Execution }
