/**
 * Interactive Brokers: Activity Statement, CSV.
 *
 * Every line is `<Section>,<Header|Data|SubTotal|Total|Notes>,<fields…>`; a section's Header line
 * names the fields of the Data lines after it (a section may repeat its Header, e.g. once per
 * asset category). Only `Trades` is imported; `Financial Instrument Information` gives the
 * multiplier, underlying and expiry of each symbol; `Account Information` the account.
 *
 * How this parser reads it (BROKER_FORMATS.md §5):
 * - Trades rows with DataDiscriminator `Order` are the executions (one per order or leg fill).
 *   `Trade` rows are per-execution detail of an Order row and `ClosedLot` rows lot detail: never
 *   imported (a warning counts them). Rare `Assignment` / `Exercise` discriminator rows are
 *   imported only when no Order row of the same symbol, Date/Time and quantity exists.
 *   SubTotal / Total / Notes lines are sums and notes: skipped.
 * - Columns by name: `Account` (multi-account statements), trimmed statements without
 *   C. Price / Basis / MTM P/L. `Date/Time` `"2025-06-02, 10:47:15"` is wall-clock time in the
 *   trader's zone (options.zone); an unquoted one split in two cells is put back together.
 * - Symbols `XSP 20JUN25 570 P` or OCC `XSP   250620P00570000`: the root is the trading class
 *   (SPXW); underlying and multiplier from Financial Instrument Information when present,
 *   otherwise SPXW → SPX and 100. VX futures (`VXM5`, Futures) expire on the VIX settlement
 *   date (FII Expiry, when present, must agree); other futures and futures options are rejected;
 *   stocks, forex… skipped.
 * - Quantity signed (+ buy); Code O / C opens / closes; Ep expired (price 0), A assigned, Ex
 *   exercised. IBKR books an assignment of a cash-settled index option at price 0 and pays the
 *   cash on another line, so such a row is a cash settlement with priceE4 null and cash 0 (the
 *   importer settles it from the stored index close) unless the row shows a price; an equity
 *   assignment or exercise booked at 0 gets priceE4 null as well (no option price).
 * - Money: cash = Proceeds (checked against −Quantity × T. Price × multiplier); Comm/Fee is
 *   commission and fees combined, negative → commissionE4; a positive Comm/Fee (a rebate) is
 *   entered as 0 with a warning naming the line.
 * - No order id: legs are grouped by identical Date/Time + underlying (groupKey). Rows come
 *   grouped by symbol, not in time order; ordering by time is the matcher's job.
 */
import type { Cell } from '../csv.ts'
import { Columns, headerKey, headRows, parseCsvTolerant } from './fields.ts'
import { readIbkrRow, skippedWarning, zoneFor, zoneUsed, type IbkrRow } from './ibkrFlex.ts'
import type { BrokerParser, Execution, ParsedTrades, RejectedRow } from './types.ts'
import { parsedTrades } from './types.ts'

const CATEGORY: Record<string, string> = {
  'equity and index options': 'OPT',
  futures: 'FUT',
  'options on futures': 'FOP',
  stocks: 'STK',
  forex: 'CASH',
}

interface Instrument {
  description: string | null
  underlying: string | null
  multiplier: string | null
  expiry: string | null
  type: string | null
  strike: string | null
}

const cell = (cells: readonly Cell[], i: number) => (cells[i] ?? '').trim()
const isSectionLine = (cells: readonly Cell[]) =>
  ['Header', 'Data'].includes(cell(cells, 1)) && cell(cells, 0) !== ''

/** CALL / PUT / C / P → C / P (null otherwise). */
const putCall = (type: string | null) => {
  const t = (type ?? '').trim().toUpperCase()
  return t === 'C' || t === 'CALL' ? 'C' : t === 'P' || t === 'PUT' ? 'P' : null
}

interface TradeLine {
  line: number
  cols: Columns
  cells: Cell[]
  discriminator: string
}

export const ibkrActivityParser: BrokerParser = {
  id: 'ibkr-activity',
  label: 'Interactive Brokers — Activity Statement (CSV)',

  detect(head: string): boolean {
    return headRows(head, 40).some(
      (cells) =>
        ['Statement', 'Trades', 'Account Information'].includes(cell(cells, 0)) &&
        isSectionLine(cells),
    )
  },

  parse(text: string, options): ParsedTrades {
    const { records, rejected } = parseCsvTolerant(text)
    const warnings: string[] = []
    const zone = zoneFor(options.zone, warnings)

    // 1. Instruments and the account, wherever they are in the statement.
    const instruments = new Map<string, Instrument>()
    let fii: Columns | null = null
    let statementAccount: string | null = null
    for (const { cells } of records) {
      const section = cell(cells, 0)
      const kind = cell(cells, 1)
      if (section === 'Account Information' && kind === 'Data' && cell(cells, 2) === 'Account')
        statementAccount ??= cell(cells, 3) || null
      if (section !== 'Financial Instrument Information') continue
      const fields = cells.slice(2)
      if (kind === 'Header') fii = new Columns(fields)
      else if (kind === 'Data' && fii) {
        const symbol = fii.get(fields, 'Symbol')
        if (!symbol) continue
        const info: Instrument = {
          description: fii.get(fields, 'Description'),
          underlying: fii.get(fields, 'Underlying'),
          multiplier: fii.get(fields, 'Multiplier'),
          expiry: fii.get(fields, 'Expiry'),
          type: fii.get(fields, 'Type'),
          strike: fii.get(fields, 'Strike'),
        }
        instruments.set(symbol, info)
        if (info.description) instruments.set(info.description, info)
      }
    }

    // 2. The Trades lines.
    let cols: Columns | null = null
    let header: Cell[] = []
    let sawTrades = false
    const lines: TradeLine[] = []
    for (const { line, cells } of records) {
      if (cell(cells, 0) !== 'Trades') continue
      const kind = cell(cells, 1)
      let fields = cells.slice(2)
      if (kind === 'Header') {
        sawTrades = true
        header = fields
        const c = new Columns(fields)
        const missing = c.missing(['Symbol', 'Date/Time', 'Quantity', 'T. Price'])
        if (missing.length > 0) {
          rejected.push({
            line,
            reason: `the Trades header lacks ${missing.join(', ')}: the statement cannot be read`,
          })
          cols = null
        } else cols = c
        continue
      }
      if (kind !== 'Data') continue // SubTotal, Total, Notes
      if (!cols) {
        rejected.push({ line, reason: 'a Trades row before a readable Trades header' })
        continue
      }
      // `2025-03-27, 10:30:15` without quotes arrives as two cells: join them back.
      const at = header.findIndex((h) => headerKey(h) === 'date/time')
      if (
        fields.length === header.length + 1 &&
        /^\d{4}-\d{2}-\d{2}$/.test(cell(fields, at)) &&
        /^\d{1,2}:\d{2}(:\d{2})?$/.test(cell(fields, at + 1))
      )
        fields = [
          ...fields.slice(0, at),
          `${cell(fields, at)}, ${cell(fields, at + 1)}`,
          ...fields.slice(at + 2),
        ]
      const discriminator = cols.has('DataDiscriminator')
        ? (cols.get(fields, 'DataDiscriminator') ?? '')
        : 'Order'
      lines.push({ line, cols, cells: fields, discriminator })
    }
    if (!sawTrades) {
      rejected.push({ line: 1, reason: 'the statement has no Trades section' })
      return finish([], rejected, warnings, zone, new Set())
    }

    // 3. Order rows; Trade / ClosedLot detail never; other discriminators only when no Order
    // row records the same thing.
    const orderKey = (t: TradeLine) =>
      [
        t.cols.get(t.cells, 'Symbol'),
        t.cols.get(t.cells, 'Date/Time'),
        t.cols.get(t.cells, 'Quantity'),
      ].join('|')
    const orders = new Set(lines.filter((t) => t.discriminator === 'Order').map(orderKey))
    const detail = new Map<string, number>()
    const chosen = lines.filter((t) => {
      const d = t.discriminator
      if (d === 'Order') return true
      if (d === 'Trade' || d === 'ClosedLot' || orders.has(orderKey(t))) {
        detail.set(d, (detail.get(d) ?? 0) + 1)
        return false
      }
      return true
    })
    const detailWarning = skippedWarning(detail, 'detail rows under Order rows (not executions)')
    if (detailWarning) warnings.push(detailWarning)

    // 4. Read each row.
    const executions: Execution[] = []
    const zones = new Set<string>()
    const skipped = new Map<string, number>()
    for (const { line, cols: c, cells } of chosen) {
      const get = (name: string) => c.get(cells, name)
      const symbol = get('Symbol') ?? ''
      const info = instruments.get(symbol.trim()) ?? null
      const category = (get('Asset Category') ?? '').trim()
      const row: IbkrRow = {
        line,
        assetClass: CATEGORY[category.toLowerCase()] ?? (category || null),
        symbol,
        description: info?.description ?? null,
        underlying: info?.underlying ?? null,
        multiplier: info?.multiplier ?? null,
        strike: info?.strike ?? null,
        expiry: info?.expiry ?? null,
        putCall: putCall(info?.type ?? null),
        dateTime: get('Date/Time'),
        tradeDate: null,
        quantity: get('Quantity'),
        buySell: null,
        openClose: null,
        codes: get('Code'),
        price: get('T. Price'),
        proceeds: get('Proceeds'),
        commission: get('Comm/Fee') ?? get('Comm in USD'),
        taxes: null,
        currency: get('Currency'),
        orderId: null,
        execId: null,
        account: get('Account') ?? statementAccount,
      }
      const read = readIbkrRow(row, zone)
      if ('skip' in read)
        skipped.set(category || read.skip, (skipped.get(category || read.skip) ?? 0) + 1)
      else if ('reject' in read) rejected.push({ line, reason: read.reject })
      else {
        if (read.warning) warnings.push(read.warning)
        if (read.zone) zones.add(read.zone)
        const e = read.execution
        executions.push({ ...e, groupKey: `${e.executedAt} ${e.contract.underlying}` })
      }
    }
    const w = skippedWarning(skipped, 'rows that are not options or VX futures')
    if (w) warnings.push(w)
    return finish(executions, rejected, warnings, zone, zones)
  },
}

function finish(
  executions: Execution[],
  rejected: RejectedRow[],
  warnings: string[],
  zone: string,
  zones: Set<string>,
): ParsedTrades {
  return parsedTrades('ibkr-activity', executions, rejected, warnings, zoneUsed(zones, zone))
}
