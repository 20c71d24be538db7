/**
 * The journal as a spreadsheet reads it: `position_summary.csv` — one row per position with
 * every money column from the ledger the screens use (shared/ledger.ts via positionView's
 * figures), open P&L labelled with its basis and date — and `fill_summary.csv`, one row per fill
 * (corrections applied) in the layout Wingman's own trade importer reads back
 * (io/brokers/wingmanFills.ts). RFC 4180, UTF-8 with a BOM, CRLF; text a spreadsheet would run
 * as a formula carries a leading apostrophe, numbers never; dates YYYY-MM-DD; times with their
 * zone in the column name.
 */
import { DateTime } from 'luxon'
import { join } from 'node:path'
import type { PositionFilter } from '../db/repositories/positions.ts'
import { NY_TZ } from '../../../shared/dates.ts'
import type { IsoDate, PositionSummary } from '../../../shared/domain.ts'
import { MAX_PAGE } from '../../../shared/listPaging.ts'
import { computeLedger } from '../../../shared/ledger.ts'
import { formatE4, mulE4 } from '../../../shared/money.ts'
import { formatFutureSymbol, formatOcc } from '../../../shared/occ.ts'
import type { Db } from '../db/connection.ts'
import { EFFECTIVE_ADJUSTMENTS_SQL } from '../db/repositories/adjustments.ts'
import { EFFECTIVE_FILLS_SQL } from '../db/repositories/fills.ts'
import { loadLedgerInputs } from '../db/repositories/ledgerRecords.ts'
import type { JobControl } from '../jobs/control.ts'
import { pagePositions, refreshPositionList } from '../services/positionList.ts'
import { listPositions } from '../services/positionView.ts'
import type { MarkService } from '../services/marks.ts'
import { WINGMAN_FILLS_HEADER } from './brokers/wingmanFills.ts'
import { encodeRow, protectText, type Cell } from './csv.ts'
import { writeCsv, type ChunkWatch, type CsvSink } from './csvFile.ts'

export const POSITION_SUMMARY_HEADER: readonly string[] = [
  'position_id',
  'account',
  'underlying',
  'structure',
  'status',
  'opened_on',
  'closed_on',
  'expiration',
  'quantity',
  'strikes',
  'opening_credit',
  'realised_pnl',
  'open_pnl',
  'open_pnl_date',
  'open_pnl_basis',
  'fees',
  'total_pnl',
  'adjustments',
  'decisions',
  'ruleset',
  'tags',
  'notes',
]

const text = (v: string | null | undefined): Cell => (v == null ? null : protectText(v))
const num = (v: number | string | null | undefined): Cell => (v == null ? null : String(v))

interface PositionExtras {
  notes: string
  adjustments: number
  decisions: number
  ruleset: string | null
}

function extrasOf(db: Db, ids: readonly number[]): Map<number, PositionExtras> {
  const out = new Map<number, PositionExtras>()
  if (ids.length === 0) return out
  const stmt = db.prepare(
    `SELECT p.id, p.notes,
            (SELECT count(*) FROM adjustments a WHERE a.position_id = p.id) AS adjustments,
            (SELECT count(*) FROM decisions d WHERE d.position_id = p.id) AS decisions,
            (SELECT d.ruleset_id || ' v' || d.ruleset_version FROM decisions d
              WHERE d.position_id = p.id ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS ruleset
       FROM positions p WHERE p.id IN (SELECT value FROM json_each(?))`,
  )
  const rows = stmt.all(JSON.stringify(ids)) as {
    id: number
    notes: string
    adjustments: number
    decisions: number
    ruleset: string | null
  }[]
  for (const r of rows) out.set(r.id, r)
  return out
}

/** Premium of the opening adjustment(s), + received, from the ledger's cash flows. */
function openingCredits(db: Db, ids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const [id, input] of loadLedgerInputs(db, ids)) {
    try {
      const flows = computeLedger(input).flows
      out.set(
        id,
        flows.filter((f) => f.kind === 'open').reduce((s, f) => s + f.premiumE4, 0),
      )
    } catch {
      // A position whose records contradict has no figures; its row says so in open_pnl_basis.
    }
  }
  return out
}

const strikesOf = (p: PositionSummary): string => {
  const strikes = [p.longPut, p.shortPut, p.shortCall, p.longCall].filter(
    (s): s is string => s !== null,
  )
  return strikes.length > 0 ? strikes.join('/') : p.legsLabel.replaceAll('−', '-')
}

/**
 * The positions the filter lists (the Positions page's, in its order: newest first), a page of
 * summaries at a time — their figures computed once by the positions list (positionView's
 * summaryWithFigures over the ledger), so memory holds one page whatever the journal's size. A
 * read-only journal (no list cache to refresh) computes its list in memory, in the same order.
 */
function* listedPositionPages(
  db: Db,
  marks: MarkService,
  filter: PositionFilter,
  today: IsoDate,
): Generator<PositionSummary[]> {
  if (db.readonly) {
    yield listPositions(db, marks, filter, today).positions
    return
  }
  let after: string | null = null
  do {
    const page = pagePositions(
      db,
      marks,
      {
        filter,
        sort: { column: 'openedOn', direction: 'desc' },
        limit: MAX_PAGE,
        ...(after === null ? {} : { after }),
      },
      today,
    )
    yield page.rows
    after = page.nextCursor
  } while (after !== null)
}

function positionCells(
  p: PositionSummary,
  x: PositionExtras | undefined,
  credit: number | undefined,
): Cell[] {
  const f = p.figures
  return [
    num(p.id),
    text(p.accountName),
    text(p.underlying),
    text(p.structure),
    text(p.status),
    num(p.openedOn),
    num(p.closedOn),
    num(p.expiration),
    num(p.quantity),
    text(strikesOf(p)),
    credit === undefined ? null : formatE4(credit),
    num(f?.realised),
    num(f?.openPnl),
    num(f?.openPnl == null ? null : f.openPnlAsOf),
    text(f ? f.openPnlNote : p.figuresError),
    num(f?.fees),
    num(f?.total),
    num(x?.adjustments ?? 0),
    num(x?.decisions ?? 0),
    text(x?.ruleset ?? null),
    text(p.tags.join(' ')),
    text(x?.notes ?? ''),
  ]
}

/** The lines of position_summary.csv for the positions the filter lists, a page at a time. */
export function positionSummaryLines(
  db: Db,
  marks: MarkService,
  filter: PositionFilter,
  today: IsoDate,
  out: CsvSink,
): void {
  for (const positions of listedPositionPages(db, marks, filter, today)) {
    const ids = positions.map((p) => p.id as number)
    const extras = extrasOf(db, ids)
    const credits = openingCredits(db, ids)
    for (const p of positions)
      out.line(encodeRow(positionCells(p, extras.get(p.id as number), credits.get(p.id as number))))
  }
}

const summaryWatch = (control: JobControl | undefined, name: string): ChunkWatch | undefined =>
  control && { control, phase: `Writing ${name}`, total: null }

interface FillRow {
  id: number
  position_id: number
  adjustment_id: number | null
  kind: string | null
  layer_no: number | null
  account: string
  instrument_type: 'option' | 'future'
  underlying: string
  root: string
  expiration: string
  option_type: 'call' | 'put' | null
  strike_e4: number | null
  multiplier: number
  side: 'buy' | 'sell'
  effect: 'open' | 'close'
  quantity: number
  price_e4: number | null
  fees_e4: number
  adj_fees_e4: number | null
  adj_net_price_e4: number | null
  executed_at: string
  broker_order_id: string | null
  broker_exec_id: string | null
}

/** New York wall clock of an instant; the zone offset cached per UTC hour. */
function newYorkClock() {
  /** Per UTC day: the one New York offset of that day, or null on a day the offset changes. */
  const days = new Map<string, number | null>()
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: NY_TZ }).offset
  return (utc: string): string => {
    const ms = Date.parse(utc)
    const day = utc.slice(0, 10)
    let offset = days.get(day)
    if (offset === undefined) {
      const start = Date.parse(`${day}T00:00:00Z`)
      const a = offsetAt(start)
      offset = a === offsetAt(start + 86_399_999) ? a : null
      days.set(day, offset)
    }
    const local = new Date(ms + (offset ?? offsetAt(ms)) * 60_000).toISOString()
    return `${local.slice(0, 10)} ${local.slice(11, 19)}`
  }
}

function fillCells(r: FillRow, ny: (utc: string) => string): Cell[] {
  const symbol =
    r.instrument_type === 'future'
      ? formatFutureSymbol(r.root, r.expiration)
      : formatOcc({
          root: r.root,
          expiration: r.expiration,
          right: r.option_type!,
          strikeE4: r.strike_e4!,
        })
  const words =
    r.instrument_type === 'future'
      ? `${r.root} ${r.expiration} future`
      : `${r.root} ${r.expiration} ${formatE4(r.strike_e4!)} ${r.option_type}`
  const action = `${r.side === 'buy' ? 'B' : 'S'}T${r.effect === 'open' ? 'O' : 'C'}`
  const cash =
    r.instrument_type === 'future'
      ? 0
      : r.price_e4 === null
        ? null
        : (r.side === 'sell' ? 1 : -1) * mulE4(r.price_e4, r.quantity * r.multiplier)
  const underlying = r.instrument_type === 'future' && r.root === 'VX' ? 'VIX' : r.underlying
  return [
    num(r.id),
    num(r.position_id),
    num(r.adjustment_id),
    text(r.kind),
    num(r.layer_no),
    text(r.account),
    text(words),
    text(symbol),
    text(r.instrument_type),
    text(underlying),
    text(r.root),
    num(r.expiration),
    text(r.option_type),
    r.strike_e4 === null ? null : formatE4(r.strike_e4),
    num(r.multiplier),
    text(r.side),
    text(r.effect),
    text(action),
    num(r.quantity),
    r.price_e4 === null ? null : formatE4(r.price_e4),
    formatE4(r.fees_e4),
    cash === null ? null : formatE4(cash),
    r.adj_fees_e4 === null ? null : formatE4(r.adj_fees_e4),
    r.adj_net_price_e4 === null ? null : formatE4(r.adj_net_price_e4),
    ny(r.executed_at),
    text(r.executed_at),
    text(r.broker_order_id),
    text(r.broker_exec_id),
  ]
}

const FILLS_SQL = `
  SELECT f.id, l.position_id, f.adjustment_id, a.kind, h.layer_no, acc.name AS account,
         l.instrument_type, p.underlying, l.root, l.expiration, l.option_type, l.strike_e4,
         l.multiplier, f.side, f.effect, f.quantity, f.price_e4, f.fees_e4,
         a.fees_e4 AS adj_fees_e4, a.net_price_e4 AS adj_net_price_e4,
         f.executed_at, f.broker_order_id, f.broker_exec_id
    FROM (${EFFECTIVE_FILLS_SQL}) f
    JOIN legs l ON l.id = f.leg_id
    JOIN positions p ON p.id = l.position_id
    JOIN accounts acc ON acc.id = p.account_id
    LEFT JOIN hedge_layers h ON h.id = l.hedge_layer_id
    LEFT JOIN (${EFFECTIVE_ADJUSTMENTS_SQL}) a ON a.id = f.adjustment_id`

/**
 * The lines of fill_summary.csv: the fills of the journal (or of some positions) in the order
 * they happened, one row at a time (constant memory for any journal size).
 */
export function fillSummaryLines(
  db: Db,
  positionIds: readonly number[] | null,
  out: CsvSink,
): void {
  const ny = newYorkClock()
  const where =
    positionIds === null ? '' : ' WHERE l.position_id IN (SELECT value FROM json_each(@ids))'
  const stmt = db.prepare(`${FILLS_SQL}${where} ORDER BY f.executed_at, f.id`)
  const rows = (
    positionIds === null ? stmt.iterate() : stmt.iterate({ ids: JSON.stringify(positionIds) })
  ) as IterableIterator<FillRow>
  for (const r of rows) out.line(encodeRow(fillCells(r, ny)))
}

/**
 * Both summaries into `outDir`, beside the raw tables `wingman export` writes: each streamed to
 * a temporary name and renamed when complete. The positions list is brought up to date first
 * (its own write transaction); both files then read one snapshot.
 */
export function writeSummaries(
  db: Db,
  marks: MarkService,
  outDir: string,
  today: IsoDate,
  control?: JobControl,
): { file: string; rows: number }[] {
  if (!db.readonly) refreshPositionList(db, marks, today)
  return db.transaction(() => {
    const positions = join(outDir, 'position_summary.csv')
    const fills = join(outDir, 'fill_summary.csv')
    return [
      {
        file: positions,
        rows: writeCsv(
          positions,
          POSITION_SUMMARY_HEADER,
          (out) => positionSummaryLines(db, marks, { status: 'all' }, today, out),
          summaryWatch(control, 'position_summary.csv'),
        ),
      },
      {
        file: fills,
        rows: writeCsv(
          fills,
          WINGMAN_FILLS_HEADER,
          (out) => fillSummaryLines(db, null, out),
          summaryWatch(control, 'fill_summary.csv'),
        ),
      },
    ]
  })()
}
