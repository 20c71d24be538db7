import type {
  LabAction,
  LabEquityPoint,
  LabRulesetRef,
  LabRunParams,
  LabStrikes,
  LabTrade,
} from '../../../../shared/lab.ts'
import type { ActionId } from '../../../../shared/ruleset/schema.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

/** A stored lab run (migration 007): its parameters, ruleset versions and per-ruleset rows. */
export interface LabRunRow {
  id: number
  createdAt: string
  params: LabRunParams
  from: string
  to: string
  entries: number
}

export interface LabRulesetRow {
  position: number
  ref: LabRulesetRef
  actionCounts: Partial<Record<ActionId, number>>
  notAvailable: number
}

/** What one ruleset of a run stores: its trades and its daily equity. */
export interface LabRulesetRecord extends LabRulesetRow {
  trades: LabTrade[]
  /** Equity at each close (e4); the drawdown is derived when read. */
  equity: { date: string; equityE4: number }[]
}

export function insertLabRun(
  db: Db,
  run: Omit<LabRunRow, 'id'>,
  rulesets: readonly LabRulesetRecord[],
): number {
  const id = Number(
    stmt(
      db,
      'INSERT INTO lab_runs (created_at, params, from_date, to_date, entries) VALUES (?, ?, ?, ?, ?)',
    ).run(run.createdAt, JSON.stringify(run.params), run.from, run.to, run.entries).lastInsertRowid,
  )
  const rs = stmt(
    db,
    `INSERT INTO lab_run_rulesets (run_id, position, ruleset_id, ruleset_version, name, action_counts, not_available)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const trade = stmt(
    db,
    `INSERT INTO lab_trades (run_id, position, trade_key, entry_date, expiry, final_expiry, strikes, final_strikes,
       credit_e4, exit_date, exit_kind, pnl_e4, costs_e4, vix_at_entry, actions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const equity = stmt(
    db,
    'INSERT INTO lab_equity (run_id, position, date, equity_e4) VALUES (?, ?, ?, ?)',
  )
  for (const r of rulesets) {
    rs.run(
      id,
      r.position,
      r.ref.id,
      r.ref.version,
      r.ref.name,
      JSON.stringify(r.actionCounts),
      r.notAvailable,
    )
    for (const t of r.trades)
      trade.run(
        id,
        r.position,
        t.key,
        t.entryDate,
        t.expiry,
        t.finalExpiry,
        JSON.stringify(t.strikes),
        JSON.stringify(t.finalStrikes),
        t.creditE4,
        t.exitDate,
        t.exitKind,
        t.pnlE4,
        t.costsE4,
        t.vixAtEntry,
        JSON.stringify(t.actions),
      )
    for (const e of r.equity) equity.run(id, r.position, e.date, e.equityE4)
  }
  return id
}

interface RunDbRow {
  id: number
  createdAt: string
  params: string
  fromDate: string
  toDate: string
  entries: number
}

const runOf = (r: RunDbRow): LabRunRow => ({
  id: r.id,
  createdAt: r.createdAt,
  params: JSON.parse(r.params) as LabRunParams,
  from: r.fromDate,
  to: r.toDate,
  entries: r.entries,
})

const RUN_COLUMNS =
  'id, created_at AS createdAt, params, from_date AS fromDate, to_date AS toDate, entries'

/** Stored runs, newest first. */
export function listLabRunRows(db: Db): LabRunRow[] {
  return (stmt(db, `SELECT ${RUN_COLUMNS} FROM lab_runs ORDER BY id DESC`).all() as RunDbRow[]).map(
    runOf,
  )
}

export function getLabRunRow(db: Db, id: number): LabRunRow | null {
  const r = stmt(db, `SELECT ${RUN_COLUMNS} FROM lab_runs WHERE id = ?`).get(id) as
    RunDbRow | undefined
  return r ? runOf(r) : null
}

/** The ruleset rows of a run, in position order, with each one's total P&L (e4). */
export function listLabRulesets(db: Db, runId: number): (LabRulesetRow & { totalE4: number })[] {
  return (
    stmt(
      db,
      `SELECT r.position, r.ruleset_id AS id, r.ruleset_version AS version, r.name, r.action_counts AS actionCounts,
              r.not_available AS notAvailable,
              (SELECT coalesce(sum(t.pnl_e4), 0) FROM lab_trades t WHERE t.run_id = r.run_id AND t.position = r.position) AS totalE4
         FROM lab_run_rulesets r WHERE r.run_id = ? ORDER BY r.position`,
    ).all(runId) as {
      position: number
      id: string
      version: number
      name: string
      actionCounts: string
      notAvailable: number
      totalE4: number
    }[]
  ).map((r) => ({
    position: r.position,
    ref: { id: r.id, version: r.version, name: r.name },
    actionCounts: JSON.parse(r.actionCounts) as Partial<Record<ActionId, number>>,
    notAvailable: r.notAvailable,
    totalE4: r.totalE4,
  }))
}

interface TradeDbRow {
  key: string
  entryDate: string
  expiry: string
  finalExpiry: string
  strikes: string
  finalStrikes: string
  creditE4: number
  exitDate: string
  exitKind: LabTrade['exitKind']
  pnlE4: number
  costsE4: number
  vixAtEntry: number | null
  actions: string
}

const TRADE_COLUMNS = `trade_key AS key, entry_date AS entryDate, expiry, final_expiry AS finalExpiry, strikes,
  final_strikes AS finalStrikes, credit_e4 AS creditE4, exit_date AS exitDate, exit_kind AS exitKind,
  pnl_e4 AS pnlE4, costs_e4 AS costsE4, vix_at_entry AS vixAtEntry, actions`

const tradeOf = (r: TradeDbRow): LabTrade => ({
  ...r,
  strikes: JSON.parse(r.strikes) as LabStrikes,
  finalStrikes: JSON.parse(r.finalStrikes) as LabStrikes,
  actions: JSON.parse(r.actions) as LabAction[],
})

/** The trades of one ruleset of a run, by entry date. */
export function listLabTrades(db: Db, runId: number, position: number): LabTrade[] {
  return (
    stmt(
      db,
      `SELECT ${TRADE_COLUMNS} FROM lab_trades WHERE run_id = ? AND position = ? ORDER BY trade_key`,
    ).all(runId, position) as TradeDbRow[]
  ).map(tradeOf)
}

export function getLabTrade(db: Db, runId: number, position: number, key: string): LabTrade | null {
  const r = stmt(
    db,
    `SELECT ${TRADE_COLUMNS} FROM lab_trades WHERE run_id = ? AND position = ? AND trade_key = ?`,
  ).get(runId, position, key) as TradeDbRow | undefined
  return r ? tradeOf(r) : null
}

export function listLabEquity(
  db: Db,
  runId: number,
  position: number,
): Pick<LabEquityPoint, 'date' | 'equityE4'>[] {
  return stmt(
    db,
    'SELECT date, equity_e4 AS equityE4 FROM lab_equity WHERE run_id = ? AND position = ? ORDER BY date',
  ).all(runId, position) as Pick<LabEquityPoint, 'date' | 'equityE4'>[]
}

/** Deletes a run with its rows; false when there was none. */
export function deleteLabRunRow(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM lab_runs WHERE id = ?').run(id).changes > 0
}
