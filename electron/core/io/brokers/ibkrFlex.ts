/**
 * Interactive Brokers: Flex Query, Trades section, CSV — and the row reading both IBKR formats
 * share (the Activity Statement parser maps its columns onto `IbkrRow` and calls `readIbkrRow`).
 *
 * The trader picks the Flex columns, so everything is mapped by name; three layouts exist:
 * - plain CSV: a header line of field names (`"ClientAccountID","AssetClass","Symbol",…`), then
 *   rows; a query with several sections repeats a header line per section;
 * - with header and trailer records: `BOF` / `BOA` / `BOS,TRNT,…` / header line / rows / `EOS`…;
 * - with section codes too: `HEADER,TRNT,<field names>` and `DATA,TRNT,<values>`.
 * Only the trades section (TRNT, or a header with Symbol, Quantity and TradePrice) is read.
 *
 * How this parser reads it (BROKER_FORMATS.md §4):
 * - Times: `DateTime` as `20250602;104715`, `2025-06-02;10:47:15`, `2026-07-14 10:15:22`, or
 *   with a zone (`2026-01-05;10:00:00 EST`: EST/EDT mean New York time). Without a zone the
 *   trader's zone (options.zone) applies. Without DateTime, TradeDate alone gives a date-only row.
 * - `LevelOfDetail`: when the file has EXECUTION rows, only those are read; otherwise ORDER rows;
 *   closed lots and summaries never (one warning counts what was left out).
 * - Options (AssetClass OPT): Symbol `SPXW  250613C06000000` (or `SPXW 13JUN25 6000 C` in
 *   Description) gives the trading class as root; Multiplier, UnderlyingSymbol, Strike, Expiry,
 *   Put/Call are used (and checked) when present. VX futures (FUT, `VXM5`, Multiplier 1000) expire
 *   on the VIX settlement date of their month (the Expiry column must agree) and move no premium;
 *   other futures and futures options are rejected; stocks, forex, bonds… are skipped.
 * - Action: Buy/Sell (or the Quantity sign) with Open/CloseIndicator (or O / C in Notes/Codes).
 *   Codes Ep → expiration (price 0), A → assignment, Ex → exercise; for a cash-settled index
 *   option (SPXW, XSP…) A/Ex is a cash settlement: IBKR books it at price 0 and pays the cash in
 *   a separate Statement of Funds line, so priceE4 is null and cash 0 (the importer settles it
 *   from the stored index close) — unless the row itself carries a price. An equity assignment
 *   or exercise booked at 0 has no option price either (priceE4 null: the importer closes it at 0
 *   and says the stock leg is not journaled).
 * - Cancellations (`BUY (Ca.)`, code Ca) are rejected, and so is the trade they cancel
 *   (OrigTradeID, else the same TradeID, else the one identical trade).
 * - Money: cash = Proceeds (checked against −Quantity × TradePrice × Multiplier within a cent
 *   per contract); IBCommission is the combined commission and fees, negative in the file →
 *   commissionE4 (feesE4 holds Taxes, if any). A positive IBCommission is a rebate: costs cannot
 *   be negative, so it is entered as 0 with a warning naming the line.
 * - Grouping: orderId = IBOrderID (legs of one combo share it), execId = IBExecID or TradeID;
 *   rows without an order id (expirations…) are grouped by DateTime + underlying.
 */
import { formatE4 } from '../../../../shared/money.ts'
import { parseFutureSymbol, parseOcc } from '../../../../shared/occ.ts'
import type { Cell } from '../csv.ts'
import {
  Columns,
  headerKey,
  headRows,
  integerOf,
  isCashSettledRoot,
  isoDate,
  monthOfName,
  moneyE4,
  optionContract,
  parseCsvTolerant,
  vxFutureContract,
} from './fields.ts'
import { DEFAULT_ZONE, dateOnlyToUtc, isZone, wallTimeToUtc, zoneOfName } from './time.ts'
import type {
  BrokerParser,
  Contract,
  Execution,
  ExecutionKind,
  ParsedTrades,
  RejectedRow,
  TradeAction,
} from './types.ts'
import { parsedTrades } from './types.ts'

// ---------------------------------------------------------------------------------------------
// Shared by both IBKR formats

/** One IBKR trade row, whichever report it came from, as text. */
export interface IbkrRow {
  line: number
  /** OPT, FUT, FOP, STK… (the Activity Statement's category names are mapped onto these). */
  assetClass: string | null
  symbol: string
  description: string | null
  underlying: string | null
  multiplier: string | null
  /** Optional contract facts to check the symbol against (Flex columns, Activity FII). */
  strike: string | null
  expiry: string | null
  putCall: string | null
  dateTime: string | null
  tradeDate: string | null
  quantity: string | null
  buySell: string | null
  openClose: string | null
  codes: string | null
  price: string | null
  proceeds: string | null
  /** Combined commission and fees, negative as a cost. */
  commission: string | null
  taxes: string | null
  currency: string | null
  orderId: string | null
  execId: string | null
  account: string | null
}

export type IbkrRead =
  | { execution: Omit<Execution, 'groupKey'>; zone: string | null; warning?: string }
  | { reject: string }
  | { skip: string }

/** −x without a negative zero. */
const neg = (x: number) => (x === 0 ? 0 : -x)

const money = (e4: number) => `${e4 < 0 ? '-' : ''}$${formatE4(Math.abs(e4), 2)}`

/** `20250620`, `2025-06-20` → YYYY-MM-DD. */
export function ibkrDate(text: string | null): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec((text ?? '').trim())
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null
}

/**
 * An IBKR date and time: `20250602;104715`, `2025-06-02;10:47:15`, `2026-01-05;10:00:00 EST`,
 * `2026-07-14 10:15:22`, `2025-06-02, 10:47:15`; a date alone is date-only. `zone` applies when
 * the text names none. Null when unreadable.
 */
export function ibkrDateTime(
  text: string,
  zone: string,
): { utc: string; date: string; hasTime: boolean; zone: string | null } | null {
  const m =
    /^(\d{4})-?(\d{2})-?(\d{2})(?:\s*[;,T ]\s*(\d{2}):?(\d{2}):?(\d{2})(?:\s+([A-Za-z][A-Za-z_/+-]*))?)?$/.exec(
      text.trim(),
    )
  if (!m) return null
  const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
  if (!date) return null
  if (m[4] === undefined) {
    const d = dateOnlyToUtc(date)
    return d ? { utc: d.utc, date, hasTime: false, zone: null } : null
  }
  const z = m[7] ? zoneOfName(m[7]) : zone
  if (!z) return null
  const t = wallTimeToUtc(date, Number(m[4]), Number(m[5]), Number(m[6]), z)
  return t ? { utc: t.utc, date, hasTime: true, zone: z } : null
}

/** `SPXW  250613C06000000` / `SPXW250613C06000000` / `SPXW 13JUN25 6000 C`. */
export function ibkrOption(
  text: string,
): { root: string; expiration: string; right: 'call' | 'put'; strikeE4: number } | null {
  const occ = parseOcc(text)
  if (occ) return occ
  const m = /^([A-Z0-9.]{1,6})\s+(\d{1,2})([A-Z]{3})(\d{2})\s+(\d+(?:\.\d+)?)\s+([CP])$/i.exec(
    text.trim(),
  )
  if (!m) return null
  const expiration = isoDate(2000 + Number(m[4]), monthOfName(m[3]!), Number(m[2]))
  const strikeE4 = moneyE4(m[5]!)
  if (!expiration || typeof strikeE4 !== 'number' || strikeE4 <= 0) return null
  return {
    root: m[1]!.toUpperCase(),
    expiration,
    right: m[6]!.toUpperCase() === 'C' ? 'call' : 'put',
    strikeE4,
  }
}

/** Codes such as `C;Ep`, `A;C`, `O;P`, as a set of tokens (case kept: `Ca` ≠ `CA`). */
const codesOf = (text: string | null): Set<string> =>
  new Set(
    (text ?? '')
      .split(/[;,\s]+/)
      .map((c) => c.trim())
      .filter(Boolean),
  )

function optionOf(r: IbkrRow): Contract | string {
  const parsed = ibkrOption(r.symbol) ?? (r.description !== null ? ibkrOption(r.description) : null)
  if (!parsed)
    return `"${r.symbol}" is not an option symbol Wingman can read (OSI such as SPXW  250613C06000000, or SPXW 13JUN25 6000 C)`
  // Check the symbol against the contract columns the file also has.
  if (r.strike !== null) {
    const k = moneyE4(r.strike)
    if (typeof k === 'number' && k !== parsed.strikeE4)
      return `the symbol ${r.symbol.trim()} has strike ${formatE4(parsed.strikeE4)} but the Strike column says ${r.strike}`
  }
  const expiry = ibkrDate(r.expiry)
  if (expiry && expiry !== parsed.expiration)
    return `the symbol ${r.symbol.trim()} expires ${parsed.expiration} but the Expiry column says ${expiry}`
  const pc = (r.putCall ?? '').trim().toUpperCase()
  if ((pc === 'C' || pc === 'P') && (pc === 'C') !== (parsed.right === 'call'))
    return `the symbol ${r.symbol.trim()} is a ${parsed.right} but Put/Call says ${pc}`
  let multiplier = 100
  if (r.multiplier !== null) {
    const m = Number(r.multiplier.replaceAll(',', ''))
    if (!Number.isInteger(m) || m <= 0) return `the multiplier "${r.multiplier}" is not a number`
    multiplier = m
  }
  const c = optionContract(
    parsed.root,
    parsed.expiration,
    parsed.right,
    parsed.strikeE4,
    multiplier,
  )
  if (!c) return `"${r.symbol}" does not form an OSI option symbol`
  const underlying = r.underlying?.trim().toUpperCase()
  return underlying ? { ...c, underlying } : c
}

function futureOf(r: IbkrRow, tradeDate: string): Contract | string {
  const f = parseFutureSymbol(r.symbol, tradeDate)
  const underlying = (r.underlying ?? '').trim().toUpperCase()
  if (!f || (f.root !== 'VX' && !(f.root === 'VIX' && underlying === 'VIX')))
    return `${r.symbol.trim()} is not a VX future: Wingman journals VX futures only`
  if (r.multiplier !== null && Number(r.multiplier.replaceAll(',', '')) !== 1000)
    return `${r.symbol.trim()} has multiplier ${r.multiplier}, not the VX future's 1000: Wingman journals VX futures only`
  const [year, month] = f.month.split('-').map(Number) as [number, number]
  const c = vxFutureContract(year, month)
  if (!c) return `the VX future of ${f.month} is outside the years Wingman's calendar covers`
  const expiry = ibkrDate(r.expiry)
  if (expiry && expiry !== c.expiration)
    return `the file says ${r.symbol.trim()} expires ${expiry}, but the VX future of ${f.month} settles on ${c.expiration}`
  return c
}

/**
 * One IBKR trade row → an execution (without its groupKey, which each format sets), a reason
 * to reject it, or a label to skip it under (stocks, forex…).
 */
export function readIbkrRow(r: IbkrRow, zone: string): IbkrRead {
  const cls = (r.assetClass ?? '').trim().toUpperCase()
  let kindOfInstrument: 'OPT' | 'FUT'
  if (cls === 'OPT' || cls === 'FUT') kindOfInstrument = cls
  else if (cls === 'FOP')
    return {
      reject: `${r.symbol.trim()} is an option on a future: Wingman journals VX futures only`,
    }
  else if (cls) return { skip: cls }
  else if (ibkrOption(r.symbol)) kindOfInstrument = 'OPT'
  else if (parseFutureSymbol(r.symbol, '2000-01-01')) kindOfInstrument = 'FUT'
  else return { skip: 'not an option' }

  const currency = (r.currency ?? 'USD').trim().toUpperCase()
  if (currency && currency !== 'USD')
    return { reject: `the trade is in ${currency}; Wingman journals USD accounts` }

  const codes = codesOf(r.codes)
  const buySellText = (r.buySell ?? '').trim().toUpperCase()
  if (codes.has('Ca') || /\(CA\.?\)/.test(buySellText))
    return {
      reject: `cancelled by IBKR (${r.buySell ?? 'code Ca'}): a cancellation is not a trade`,
    }

  const signed = integerOf(r.quantity)
  if (signed === null || signed === 0)
    return { reject: `the quantity "${r.quantity ?? ''}" is not a whole number of contracts` }
  let buy: boolean
  if (buySellText.startsWith('BUY')) buy = true
  else if (buySellText.startsWith('SELL')) buy = false
  else buy = signed > 0
  if (buy !== signed > 0)
    return { reject: `${r.buySell} with quantity ${r.quantity}: the side and the sign disagree` }

  // When and on which day.
  let when: { utc: string; date: string; hasTime: boolean; zone: string | null } | null = null
  if (r.dateTime !== null) {
    when = ibkrDateTime(r.dateTime, zone)
    if (!when) return { reject: `the date/time "${r.dateTime}" is not one Wingman can read` }
  }
  const tradeDate = r.tradeDate !== null ? ibkrDate(r.tradeDate) : (when?.date ?? null)
  if (!tradeDate) {
    return {
      reject:
        r.tradeDate !== null
          ? `the trade date "${r.tradeDate}" is not a date`
          : 'the row has no date',
    }
  }
  if (!when) when = { ...ibkrDateTime(tradeDate, zone)!, zone: null }

  const contract = kindOfInstrument === 'OPT' ? optionOf(r) : futureOf(r, tradeDate)
  if (typeof contract === 'string') return { reject: contract }

  // Open or close, and the event.
  const event: ExecutionKind = codes.has('Ep')
    ? 'expiration'
    : codes.has('A')
      ? 'assignment'
      : codes.has('Ex')
        ? 'exercise'
        : 'trade'
  const oc = (r.openClose ?? '').trim().toUpperCase()
  let opens = oc === 'O' || (oc !== 'C' && codes.has('O'))
  let closes = oc === 'C' || (oc !== 'O' && codes.has('C'))
  if (oc.includes(';') || (opens && closes))
    return {
      reject: `the execution closes one position and opens another (${r.openClose || r.codes}): Wingman cannot split it`,
    }
  if (event !== 'trade') {
    closes = true
    opens = false
  }
  if (!opens && !closes)
    return { reject: 'the row says neither open (O) nor close (C): add Open/CloseIndicator' }
  const action: TradeAction = buy ? (opens ? 'BTO' : 'BTC') : opens ? 'STO' : 'STC'
  const quantity = Math.abs(signed)

  // Money.
  const price = moneyE4(r.price)
  if (price === undefined || (price !== null && price < 0))
    return { reject: `the price "${r.price}" is not a price` }
  const commission = moneyE4(r.commission)
  if (commission === undefined)
    return { reject: `the commission "${r.commission}" is not an amount` }
  const taxes = moneyE4(r.taxes)
  if (taxes === undefined) return { reject: `the taxes "${r.taxes}" are not an amount` }
  let warning: string | undefined
  let commissionE4 = neg(commission ?? 0)
  if (commissionE4 < 0) {
    warning = `Line ${r.line}: the commission ${r.commission} is a rebate; costs cannot be negative, so it is entered as 0`
    commissionE4 = 0
  }
  const feesE4 = taxes !== null && taxes < 0 ? neg(taxes) : 0
  const proceeds = moneyE4(r.proceeds)
  if (proceeds === undefined) return { reject: `the proceeds "${r.proceeds}" are not an amount` }

  let kind: ExecutionKind = event
  let priceE4: number | null = price
  let cashE4 = 0
  if (contract.instrument === 'future') {
    if (event !== 'trade') kind = 'trade'
    if (price === null) return { reject: 'the trade has no price' }
  } else if (event === 'expiration') {
    priceE4 = 0
  } else {
    if (event !== 'trade' && isCashSettledRoot(contract.root)) kind = 'cash_settlement'
    if (price === null && kind === 'trade') return { reject: 'the trade has no price' }
    if (kind !== 'trade' && !price && !proceeds) {
      // Booked at 0: a cash settlement's cash comes on a separate line (the importer settles it
      // from the stored index close); a physical assignment or exercise has no option price
      // (the importer closes it at 0 and says the stock leg is not journaled).
      priceE4 = null
    } else if (price !== null) {
      const expected = neg(signed * price * contract.multiplier)
      cashE4 = expected
      if (proceeds !== null) {
        if (Math.abs(proceeds - expected) > 100 * quantity)
          return {
            reject: `the proceeds ${money(proceeds)} do not match −(${signed}) × ${money(price)} × ${contract.multiplier} = ${money(expected)}`,
          }
        cashE4 = proceeds
      }
    }
  }

  const execution: Omit<Execution, 'groupKey'> = {
    line: r.line,
    kind,
    action,
    quantity,
    contract,
    priceE4,
    cashE4,
    commissionE4,
    feesE4,
    executedAt: when.utc,
    tradeDate,
    hasTime: when.hasTime,
    orderId: r.orderId,
    execId: r.execId,
    account: r.account,
  }
  return warning ? { execution, zone: when.zone, warning } : { execution, zone: when.zone }
}

/** The zone to read times in: the trader's, or New York with a warning when it is not a zone. */
export function zoneFor(zone: string, warnings: string[]): string {
  if (isZone(zone)) return zone
  warnings.push(`"${zone}" is not a time zone; times were read as ${DEFAULT_ZONE}`)
  return DEFAULT_ZONE
}

/** ParsedTrades.zone: the zone the file named, when every timed row named the same one. */
export function zoneUsed(zones: Set<string>, fallback: string): string {
  return zones.size === 1 ? [...zones][0]! : fallback
}

/** "12 rows skipped: STK ×10, CASH ×2"-style summary, or null. */
export function skippedWarning(skipped: Map<string, number>, what: string): string | null {
  if (skipped.size === 0) return null
  const n = [...skipped.values()].reduce((a, b) => a + b, 0)
  const list = [...skipped.entries()].map(([k, v]) => `${k} ×${v}`).join(', ')
  return `${n} ${what} were skipped: ${list}`
}

// ---------------------------------------------------------------------------------------------
// Flex Query

/** Field names only a Flex Query header has (the Activity Statement spells them otherwise). */
const FLEX_FIELDS = [
  'clientaccountid',
  'assetclass',
  'tradeprice',
  'ibcommission',
  'iborderid',
  'ibexecid',
  'open/closeindicator',
  'notes/codes',
  'currencyprimary',
  'underlyingsymbol',
  'levelofdetail',
  'tradeid',
]
const MARKERS = new Set(['BOF', 'BOA', 'BOS', 'EOS', 'EOA', 'EOF', 'HEADER', 'DATA'])

/** Other field names Flex sections use, so a header line of any section is told from a row. */
const COMMON_FIELDS = [
  'symbol',
  'quantity',
  'description',
  'conid',
  'currency',
  'amount',
  'type',
  'datetime',
  'date/time',
  'tradedate',
  'reportdate',
  'settledate',
  'accountalias',
  'fxratetobase',
]

/** A Flex header line: at least one Flex-only field name and two field names in all. */
function isFlexHeader(cells: readonly Cell[]): boolean {
  const keys = new Set(cells.map(headerKey))
  const flex = FLEX_FIELDS.filter((f) => keys.has(f)).length
  return flex >= 1 && flex + COMMON_FIELDS.filter((f) => keys.has(f)).length >= 2
}

/** The header of the trades section (in a plain file with several sections). */
const isTradesHeader = (c: Columns) =>
  c.has('Symbol') &&
  (c.has('TradePrice') ||
    c.has('Buy/Sell') ||
    (c.has('Price') && (c.has('ExecID') || c.has('TradeID'))))

const isBlank = (cells: readonly Cell[]) => cells.every((c) => c === null || c.trim() === '')
const marker = (cells: readonly Cell[]) => (cells[0] ?? '').trim().toUpperCase()

/** `0`, empty → no id. */
const idOf = (text: string | null) => (text === null || /^0+$/.test(text) ? null : text)

interface FlexRowText {
  line: number
  cols: Columns
  cells: Cell[]
  account: string | null
}

function flexRow({ line, cols, cells, account }: FlexRowText): IbkrRow {
  const get = (...names: string[]) => {
    for (const n of names) {
      const v = cols.get(cells, n)
      if (v !== null) return v
    }
    return null
  }
  return {
    line,
    assetClass: get('AssetClass'),
    symbol: get('Symbol') ?? '',
    description: get('Description'),
    underlying: get('UnderlyingSymbol'),
    multiplier: get('Multiplier'),
    strike: get('Strike'),
    expiry: get('Expiry'),
    putCall: get('Put/Call'),
    dateTime: get('DateTime', 'Date/Time'),
    tradeDate: get('TradeDate'),
    quantity: get('Quantity'),
    buySell: get('Buy/Sell'),
    openClose: get('Open/CloseIndicator'),
    codes: get('Notes/Codes'),
    price: get('TradePrice', 'Price'),
    proceeds: get('Proceeds'),
    commission: get('IBCommission', 'Commission'),
    taxes: get('Taxes'),
    currency: get('CurrencyPrimary', 'Currency'),
    orderId: idOf(get('IBOrderID', 'OrderID')),
    execId: idOf(get('IBExecID', 'ExecID')) ?? idOf(get('TradeID')),
    account: get('ClientAccountID', 'AccountAlias') ?? account,
  }
}

export const ibkrFlexParser: BrokerParser = {
  id: 'ibkr-flex',
  label: 'Interactive Brokers — Flex Query, Trades (CSV)',

  detect(head: string): boolean {
    return headRows(head, 40).some(
      (cells) =>
        isFlexHeader(cells) ||
        ((marker(cells) === 'BOF' || marker(cells) === 'HEADER' || marker(cells) === 'BOS') &&
          cells.length >= 2),
    )
  },

  parse(text: string, options): ParsedTrades {
    const { records, rejected } = parseCsvTolerant(text)
    const warnings: string[] = []
    const zone = zoneFor(options.zone, warnings)

    // 1. The trade rows, whatever the layout.
    const rows: FlexRowText[] = []
    let section: string | null = null // from BOS / HEADER / DATA
    let cols: Columns | null = null
    let trades = false
    let account: string | null = null
    let sawTrades = false
    let otherRows = 0
    for (const { line, cells } of records) {
      if (isBlank(cells)) continue
      const m = marker(cells)
      if (MARKERS.has(m)) {
        const code = (cells[1] ?? '').trim().toUpperCase()
        if (m === 'BOA') account = cells[1]?.trim() || null
        else if (m === 'EOA') account = null
        else if (m === 'BOS') {
          section = code
          cols = null
        } else if (m === 'EOS') {
          section = null
          cols = null
        } else if (m === 'HEADER') {
          section = code
          cols = new Columns(cells.slice(2))
          trades = code === 'TRNT'
          if (trades) {
            sawTrades = true
            const missing = requiredMissing(cols)
            if (missing) {
              rejected.push({ line, reason: missing })
              cols = null
            }
          }
        } else if (m === 'DATA') {
          if (code !== 'TRNT') otherRows++
          else if (!cols || section !== 'TRNT')
            rejected.push({ line, reason: 'a trade row before its HEADER line' })
          else rows.push({ line, cols, cells: cells.slice(2), account })
        }
        continue
      }
      if (isFlexHeader(cells)) {
        const c = new Columns(cells)
        trades = section !== null ? section === 'TRNT' : isTradesHeader(c)
        cols = c
        if (trades) {
          sawTrades = true
          const missing = requiredMissing(c)
          if (missing) {
            rejected.push({ line, reason: missing })
            cols = null
          }
        }
        continue
      }
      if (!cols) {
        if (section === null || section === 'TRNT')
          rejected.push({ line, reason: 'a row before any Flex header line' })
        continue
      }
      if (trades) rows.push({ line, cols, cells, account })
      else otherRows++
    }
    if (!sawTrades) {
      rejected.push({
        line: 1,
        reason:
          'no Flex trades section was found (a header with Symbol, Quantity and TradePrice, or section TRNT)',
      })
      return finish([], rejected, warnings, zone, new Set())
    }

    // 2. LevelOfDetail: executions when the file has them, otherwise orders; never lots/summaries.
    const level = (r: FlexRowText) => (r.cols.get(r.cells, 'LevelOfDetail') ?? '').toUpperCase()
    const levels = new Set(rows.map(level))
    const keep = levels.has('EXECUTION') ? 'EXECUTION' : levels.has('ORDER') ? 'ORDER' : ''
    const skippedLevels = new Map<string, number>()
    const chosen = rows.filter((r) => {
      const l = level(r)
      if (l === '' || l === keep) return true
      skippedLevels.set(l, (skippedLevels.get(l) ?? 0) + 1)
      return false
    })
    const levelWarning = skippedWarning(
      skippedLevels,
      `rows of another level of detail than ${keep || 'EXECUTION'}`,
    )
    if (levelWarning) warnings.push(levelWarning)

    // 3. Read each row.
    const executions: Execution[] = []
    const zones = new Set<string>()
    const skipped = new Map<string, number>()
    const texts = new Map<number, IbkrRow>()
    const cancels: IbkrRow[] = []
    for (const t of chosen) {
      const r = flexRow(t)
      const read = readIbkrRow(r, zone)
      if ('skip' in read) skipped.set(read.skip, (skipped.get(read.skip) ?? 0) + 1)
      else if ('reject' in read) {
        rejected.push({ line: t.line, reason: read.reject })
        if (read.reject.startsWith('cancelled')) cancels.push(r)
      } else {
        if (read.warning) warnings.push(read.warning)
        if (read.zone) zones.add(read.zone)
        const e = read.execution
        texts.set(e.line, r)
        executions.push({
          ...e,
          groupKey: e.orderId ?? `${e.executedAt} ${e.contract.underlying}`,
        })
      }
    }

    // 4. A cancellation takes its original trade with it: the trade its OrigTradeID names, else
    // the one with its own TradeID, else the single identical trade (same symbol, day, size,
    // price). Found nowhere, the trader is told to check.
    const textOf = new Map(chosen.map((t) => [t.line, t]))
    const field = (line: number, name: string) => {
      const t = textOf.get(line)!
      return idOf(t.cols.get(t.cells, name))
    }
    const dropped = new Set<number>()
    for (const c of cancels) {
      const orig = field(c.line, 'OrigTradeID')
      const ownId = field(c.line, 'TradeID')
      const live = executions.filter((e) => !dropped.has(e.line))
      let hit = live.filter((e) => {
        const id = field(e.line, 'TradeID')
        return id !== null && (orig !== null ? id === orig : id === ownId)
      })
      if (hit.length === 0 && orig === null) {
        const day = (r: IbkrRow) => r.tradeDate ?? r.dateTime?.slice(0, 10) ?? null
        hit = live.filter((e) => {
          const r = texts.get(e.line)!
          return (
            r.symbol.trim() === c.symbol.trim() &&
            day(r) === day(c) &&
            Math.abs(integerOf(r.quantity) ?? 0) === Math.abs(integerOf(c.quantity) ?? 0) &&
            moneyE4(r.price) === moneyE4(c.price)
          )
        })
      }
      if (hit.length === 1) {
        dropped.add(hit[0]!.line)
        rejected.push({ line: hit[0]!.line, reason: `cancelled by IBKR on line ${c.line}` })
      } else
        warnings.push(
          `Line ${c.line}: the trade this cancellation cancels was not found in the file; check that it is not in the journal`,
        )
    }

    const w = skippedWarning(skipped, 'rows that are not options or VX futures')
    if (w) warnings.push(w)
    if (otherRows > 0)
      warnings.push(`${otherRows} rows of other Flex sections (cash, positions…) were not read`)
    return finish(
      executions.filter((e) => !dropped.has(e.line)),
      rejected,
      warnings,
      zone,
      zones,
    )
  },
}

function requiredMissing(cols: Columns): string | null {
  const missing = [
    ...cols.missing(['Symbol', 'Quantity']),
    ...(cols.has('TradePrice') || cols.has('Price') ? [] : ['TradePrice']),
    ...(cols.has('DateTime') || cols.has('Date/Time') || cols.has('TradeDate') ? [] : ['DateTime']),
  ]
  return missing.length > 0
    ? `the Flex trades section lacks ${missing.join(', ')}: add ${missing.length > 1 ? 'them' : 'it'} to the Flex Query`
    : null
}

function finish(
  executions: Execution[],
  rejected: RejectedRow[],
  warnings: string[],
  zone: string,
  zones: Set<string>,
): ParsedTrades {
  return parsedTrades('ibkr-flex', executions, rejected, warnings, zoneUsed(zones, zone))
}
