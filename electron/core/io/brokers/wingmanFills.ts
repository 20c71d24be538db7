/**
 * Wingman's own fills CSV — the file `wingman export` writes as `fill_summary.csv`: one row per
 * fill, with the position, adjustment and hedge layer it belonged to, so a journal exported and
 * imported back keeps its grouping. UTF-8 with a BOM, CRLF, a header row; NULL is an empty field;
 * text a spreadsheet would run as a formula (= + - @ …) carries a leading apostrophe
 * (csv.ts protectText), stripped here. Columns are read by name.
 */
import { NY_TZ } from '../../../../shared/dates.ts'
import { formatE4 } from '../../../../shared/money.ts'
import {
  formatFutureSymbol,
  formatOcc,
  parseFutureSymbol,
  parseOcc,
} from '../../../../shared/occ.ts'
import { CsvSyntaxError, parseCsvLines, unprotectText, type Cell, type CsvRecord } from '../csv.ts'
import { Columns, headerKey, integerOf, moneyE4, underlyingOfRoot } from './fields.ts'
import { wallTimeToUtc } from './time.ts'
import type {
  BrokerParser,
  Contract,
  Execution,
  ParseOptions,
  ParsedTrades,
  RejectedRow,
  TradeAction,
} from './types.ts'

/**
 * The header, in the order Wingman writes it. Each column:
 *
 * - `fill_id` — the fill's id in the exporting journal.
 * - `position_id` — the position the fill belongs to (its id in the exporting journal).
 * - `adjustment_id` — the adjustment (open, roll, close…) the fill is part of.
 * - `adjustment_kind` — open, roll, close, partial_close, hedge_add, hedge_adjust,
 *   hedge_time_shift, hedge_remove, expire, other.
 * - `hedge_layer` — the hedge layer number (1, 2, 3…) of a hedge leg; empty for core legs.
 * - `account` — the account's name.
 * - `contract` — the contract in words: `SPXW 2025-06-13 6000 call`, `VX 2025-06-18 future`.
 * - `occ` — the padded 21-character OSI symbol (`SPXW  250613C06000000`), or `/VXM5` for a future.
 * - `instrument` — option or future.
 * - `underlying` — SPX, VIX…
 * - `root` — the trading class: SPXW, SPX, XSP, VIX, VX…
 * - `expiration` — YYYY-MM-DD (a future's final settlement date).
 * - `option_type` — call or put; empty for a future.
 * - `strike` — exact decimal; empty for a future.
 * - `multiplier` — dollars per point per contract: 100 for index options, 1000 for VX.
 * - `side` — buy or sell.
 * - `effect` — open or close.
 * - `action` — STO, BTO, BTC or STC (side and effect together).
 * - `quantity` — contracts, > 0.
 * - `price` — per share (per index point), exact decimal; empty when the fill had only the combo's
 *   net price (see adjustment_net_price).
 * - `fees` — the fill's own fees and commission, a cost ≥ 0.
 * - `cash` — the fill's premium, + received: price × quantity × multiplier, sign by side; 0 for
 *   futures (a future moves no premium).
 * - `adjustment_fees` — fees booked on the adjustment itself (not on a fill), repeated on each row
 *   of the adjustment.
 * - `adjustment_net_price` — the adjustment's combo price per share, + credit; empty when only the
 *   leg prices are known; repeated on each row of the adjustment.
 * - `executed_at_new_york` — `YYYY-MM-DD HH:MM:SS`, New York wall clock.
 * - `executed_at_utc` — the same instant, ISO-8601 ending in Z.
 * - `broker_order_id` — the broker's order id, when the fill was imported from a broker file.
 * - `broker_exec_id` — the broker's execution id, when it had one.
 */
export const WINGMAN_FILLS_HEADER: readonly string[] = [
  'fill_id',
  'position_id',
  'adjustment_id',
  'adjustment_kind',
  'hedge_layer',
  'account',
  'contract',
  'occ',
  'instrument',
  'underlying',
  'root',
  'expiration',
  'option_type',
  'strike',
  'multiplier',
  'side',
  'effect',
  'action',
  'quantity',
  'price',
  'fees',
  'cash',
  'adjustment_fees',
  'adjustment_net_price',
  'executed_at_new_york',
  'executed_at_utc',
  'broker_order_id',
  'broker_exec_id',
]

/** Columns a row cannot be read without. */
const REQUIRED = [
  'fill_id',
  'position_id',
  'adjustment_id',
  'adjustment_kind',
  'occ',
  'expiration',
  'multiplier',
  'action',
  'quantity',
  'price',
  'fees',
  'cash',
  'executed_at_new_york',
  'executed_at_utc',
]

const ACTIONS = new Set(['STO', 'BTO', 'BTC', 'STC'])

class RowError extends Error {}
const fail = (reason: string): never => {
  throw new RowError(reason)
}

/** A cell by name, the formula guard's apostrophe removed; null when empty. */
const cell = (c: Columns, row: readonly Cell[], name: string): string | null => {
  const v = c.get(row, name)
  if (v === null) return null
  const t = unprotectText(v).trim()
  return t === '' ? null : t
}

const required = (c: Columns, row: readonly Cell[], name: string): string =>
  cell(c, row, name) ?? fail(`the ${name} is missing`)

/** An exact decimal (`12.4`, `-6100`, `0`) in e4; rejects the row when it is not one. */
function decimal(c: Columns, row: readonly Cell[], name: string): number | null {
  const text = cell(c, row, name)
  if (text === null) return null
  const v = /^-?\d+(\.\d+)?$/.test(text) ? moneyE4(text) : undefined
  if (v === undefined || v === null) fail(`the ${name} "${text}" is not a number`)
  return v as number
}

function contractOf(c: Columns, row: readonly Cell[]): Contract {
  const occ = required(c, row, 'occ')
  const instrument = cell(c, row, 'instrument') ?? (occ.startsWith('/') ? 'future' : 'option')
  const expiration = required(c, row, 'expiration')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiration))
    fail(`the expiration "${expiration}" is not a date like 2025-06-13`)
  const multiplierText = required(c, row, 'multiplier')
  const multiplier = integerOf(multiplierText)
  if (multiplier === null || multiplier <= 0)
    fail(`the multiplier "${multiplierText}" is not a whole number`)
  const root = cell(c, row, 'root')?.toUpperCase() ?? null
  const underlying = cell(c, row, 'underlying')?.toUpperCase() ?? null

  if (instrument === 'future') {
    const f = parseFutureSymbol(occ, expiration)
    if (!f) fail(`the occ "${occ}" is not a futures symbol like /VXM5`)
    if (f!.root !== 'VX') fail(`${occ} is not a VX future: Wingman journals VX futures only`)
    if (f!.month !== expiration.slice(0, 7))
      fail(`the future ${occ} does not expire in the month of ${expiration}`)
    if (root !== null && root !== 'VX') fail(`the root ${root} does not match ${occ}`)
    return {
      instrument: 'future',
      underlying: underlying ?? 'VIX',
      root: 'VX',
      expiration,
      right: null,
      strikeE4: null,
      multiplier: multiplier!,
      symbol: formatFutureSymbol('VX', expiration),
    }
  }
  if (instrument !== 'option') fail(`the instrument "${instrument}" is not option or future`)
  const o = parseOcc(occ)
  if (!o) fail(`the occ "${occ}" is not an OSI option symbol like SPXW  250613C06000000`)
  const strikeE4 = decimal(c, row, 'strike')
  const right = cell(c, row, 'option_type')?.toLowerCase() ?? null
  const disagree = [
    root !== null && root !== o!.root ? `root ${root}` : null,
    expiration !== o!.expiration ? `expiration ${expiration}` : null,
    right !== null && right !== o!.right ? `option type ${right}` : null,
    strikeE4 !== null && strikeE4 !== o!.strikeE4 ? `strike ${formatE4(strikeE4)}` : null,
  ].filter((x) => x !== null)
  if (disagree.length) fail(`the occ ${occ} does not match the ${disagree.join(', ')}`)
  return {
    instrument: 'option',
    underlying: underlying ?? underlyingOfRoot(o!.root),
    root: o!.root,
    expiration: o!.expiration,
    right: o!.right,
    strikeE4: o!.strikeE4,
    multiplier: multiplier!,
    symbol: formatOcc(o!),
  }
}

function rowOf(c: Columns, row: readonly Cell[], line: number): Execution {
  const fillId = required(c, row, 'fill_id')
  const positionKey = required(c, row, 'position_id')
  const adjustmentId = required(c, row, 'adjustment_id')
  const adjustmentKind = required(c, row, 'adjustment_kind')
  const contract = contractOf(c, row)

  const action = required(c, row, 'action').toUpperCase()
  if (!ACTIONS.has(action)) fail(`the action "${action}" is not STO, BTO, BTC or STC`)
  const side = cell(c, row, 'side')?.toLowerCase() ?? null
  const effect = cell(c, row, 'effect')?.toLowerCase() ?? null
  if (side !== null && side !== (action[0] === 'B' ? 'buy' : 'sell'))
    fail(`the side "${side}" contradicts the action ${action}`)
  if (effect !== null && effect !== (action.endsWith('O') ? 'open' : 'close'))
    fail(`the effect "${effect}" contradicts the action ${action}`)

  const quantityText = required(c, row, 'quantity')
  const quantity = integerOf(quantityText)
  if (quantity === null || quantity <= 0)
    fail(`the quantity "${quantityText}" is not a whole number of contracts`)

  const priceE4 = decimal(c, row, 'price')
  if (priceE4 !== null && priceE4 < 0) fail(`the price ${formatE4(priceE4)} is negative`)
  const feesE4 = decimal(c, row, 'fees') ?? 0
  if (feesE4 < 0) fail(`the fees ${formatE4(feesE4)} are negative`)
  const cashE4 = decimal(c, row, 'cash') ?? 0
  const adjustmentFeesE4 = decimal(c, row, 'adjustment_fees') ?? 0
  const adjustmentNetPriceE4 = decimal(c, row, 'adjustment_net_price')

  const layerText = cell(c, row, 'hedge_layer')
  const hedgeLayer = layerText === null ? null : integerOf(layerText)
  if (layerText !== null && (hedgeLayer === null || hedgeLayer < 1))
    fail(`the hedge layer "${layerText}" is not a layer number`)

  const utcText = required(c, row, 'executed_at_utc')
  const nyText = required(c, row, 'executed_at_new_york')
  const ny = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(nyText)
  const at = ny ? wallTimeToUtc(ny[1]!, Number(ny[2]), Number(ny[3]), Number(ny[4]), NY_TZ) : null
  if (!at) fail(`the executed_at_new_york "${nyText}" is not a time like 2025-06-13 10:31:12`)
  const utc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(utcText)
    ? new Date(utcText)
    : null
  if (!utc || Number.isNaN(utc.getTime()))
    fail(`the executed_at_utc "${utcText}" is not a UTC time like 2025-06-13T14:31:12.000Z`)
  if (utc!.toISOString() !== at!.utc)
    fail(`executed_at_new_york ${nyText} and executed_at_utc ${utcText} are not the same instant`)

  const brokerExecId = cell(c, row, 'broker_exec_id')
  return {
    line,
    kind: adjustmentKind === 'expire' && priceE4 === 0 ? 'expiration' : 'trade',
    action: action as TradeAction,
    quantity: quantity!,
    contract,
    priceE4,
    cashE4,
    commissionE4: 0,
    feesE4,
    executedAt: at!.utc,
    tradeDate: at!.date,
    hasTime: true,
    orderId: `wingman-adj:${adjustmentId}`,
    execId: brokerExecId ?? `wingman-fill:${fillId}`,
    groupKey: adjustmentId,
    account: cell(c, row, 'account'),
    journal: {
      positionKey,
      adjustmentKind,
      hedgeLayer,
      adjustmentFeesE4,
      adjustmentNetPriceE4,
    },
  }
}

const isBlank = (cells: readonly Cell[]) => cells.every((x) => x === null || x.trim() === '')

function readRecords(text: string): { records: CsvRecord[]; rejected: RejectedRow[] } {
  try {
    return { records: parseCsvLines(text), rejected: [] }
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e
  }
  // Wingman writes no field with a line break in it: read what can be read, line by line.
  const records: CsvRecord[] = []
  const rejected: RejectedRow[] = []
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((lineText, i) => {
      try {
        const rec = parseCsvLines(lineText)[0]
        if (rec) records.push({ line: i + 1, cells: rec.cells })
      } catch (e) {
        rejected.push({
          line: i + 1,
          reason: `the line is not valid CSV (${(e as Error).message.replace(/^line \d+: /, '')})`,
        })
      }
    })
  return { records, rejected }
}

function parse(text: string, _options: ParseOptions): ParsedTrades {
  const { records, rejected } = readRecords(text)
  const out: ParsedTrades = {
    broker: 'wingman',
    executions: [],
    rejected,
    warnings: [],
    zone: 'offset in file',
  }
  const headerAt = records.findIndex((r) => !isBlank(r.cells))
  const c = new Columns(headerAt < 0 ? [] : records[headerAt]!.cells)
  const missing = c.missing(REQUIRED)
  if (headerAt < 0 || missing.length) {
    rejected.push({
      line: headerAt < 0 ? 1 : records[headerAt]!.line,
      reason: `this is not a Wingman fills file: the header lacks ${missing.join(', ')}`,
    })
    return out
  }
  for (const rec of records.slice(headerAt + 1)) {
    if (isBlank(rec.cells)) continue
    try {
      out.executions.push(rowOf(c, rec.cells, rec.line))
    } catch (e) {
      if (!(e instanceof RowError)) throw e
      rejected.push({ line: rec.line, reason: e.message })
    }
  }
  rejected.sort((a, b) => a.line - b.line)
  return out
}

/** True when the first non-empty line names fill_id, occ and executed_at_utc. */
function detect(head: string): boolean {
  const line = head
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '')
  if (!line) return false
  try {
    const keys = new Set((parseCsvLines(line)[0]?.cells ?? []).map(headerKey))
    return keys.has('fill_id') && keys.has('occ') && keys.has('executed_at_utc')
  } catch {
    return false
  }
}

export const wingmanFillsParser: BrokerParser = {
  id: 'wingman',
  label: 'Wingman — fills CSV (wingman export, fill_summary.csv)',
  detect,
  parse,
}
