/**
 * tastytrade — History → Transactions → CSV (BROKER_FORMATS.md §1), every header generation:
 *
 * - current (2024+, 21 columns with `Total`, or 20 without), 2023 (18: no Sub Type / Total /
 *   Currency), older tastyworks (16: no Root Symbol / Order #) — `Date` with an explicit offset,
 *   `Average Price` per contract and signed, `Value` signed gross cash;
 * - legacy tastyworks "Transactions" (15 columns: `Date/Time,Transaction Code,…`) — wall-clock
 *   `05/20/2021 5:10 PM` read in the chosen zone, Buy/Sell + Open/Close, an unsigned per-share
 *   Price, positive Fees and a signed gross Amount.
 *
 * Rows are newest first; executions keep file order (the matcher sorts). Money movements, stock
 * and other non-option rows are skipped and counted in one warning; rows that are options or
 * futures Wingman does not journal (futures options, futures other than VX) are rejected with
 * the reason.
 */
import { isSpxMonthlyExpiry, vixExpiry } from '../../../../shared/calendar/expiries.ts'
import { formatE4 } from '../../../../shared/money.ts'
import {
  formatFutureSymbol,
  formatOcc,
  parseFutureSymbol,
  parseOcc,
} from '../../../../shared/occ.ts'
import { CsvSyntaxError, parseCsvLines, type Cell, type CsvRecord } from '../csv.ts'
import { Columns, headerKey, integerOf, moneyE4, underlyingOfRoot, usDate } from './fields.ts'
import { DEFAULT_ZONE, offsetTimeToUtc, wallTimeToUtc, type Instant } from './time.ts'
import type {
  BrokerParser,
  Contract,
  Execution,
  ExecutionKind,
  ParseOptions,
  ParsedTrades,
  RejectedRow,
  TradeAction,
} from './types.ts'

/** Columns every current-family header (21, 20, 18 and 16 columns) has. */
const CURRENT_REQUIRED = [
  'Date',
  'Type',
  'Action',
  'Symbol',
  'Instrument Type',
  'Description',
  'Value',
  'Quantity',
  'Average Price',
  'Commissions',
  'Fees',
]
/** Columns of the legacy 15-column tastyworks "Transactions" layout. */
const LEGACY_REQUIRED = [
  'Date/Time',
  'Transaction Code',
  'Transaction Subcode',
  'Symbol',
  'Buy/Sell',
  'Open/Close',
  'Quantity',
  'Expiration Date',
  'Strike',
  'Call/Put',
  'Price',
  'Fees',
  'Amount',
]

/** A row that cannot be read: the reason, in the trader's words. */
class RowError extends Error {}
const fail = (reason: string): never => {
  throw new RowError(reason)
}

/**
 * An execution whose action may still be unknown: an expiration row with an empty Action, or a
 * future whose row says only BUY / SELL. It is settled from the contracts the file itself shows
 * open at that moment (see resolveActions).
 */
interface Draft {
  exec: Execution
  /** What to infer: the closing side of an event, or the effect of a future's buy/sell. */
  infer: null | 'event' | { side: 'buy' | 'sell' }
}

const ACTION_WORDS: Record<string, TradeAction> = {
  'SELL TO OPEN': 'STO',
  'BUY TO OPEN': 'BTO',
  'BUY TO CLOSE': 'BTC',
  'SELL TO CLOSE': 'STC',
}

/** `SELL_TO_OPEN`, `Sell to Open` → STO; anything else → null. */
function actionOf(text: string | null): TradeAction | null {
  if (!text) return null
  return (
    ACTION_WORDS[
      text
        .trim()
        .toUpperCase()
        .replace(/[\s_]+/g, ' ')
    ] ?? null
  )
}

const isSell = (a: TradeAction) => a === 'STO' || a === 'STC'

/** BUY / SELL / Buy / Sold / Bought … → the side; null when the text names none. */
function sideOf(text: string | null): 'buy' | 'sell' | null {
  if (!text) return null
  const t = text.trim().toUpperCase()
  if (/^(BUY|BOUGHT)\b/.test(t)) return 'buy'
  if (/^(SELL|SOLD)\b/.test(t)) return 'sell'
  return null
}

const e4Text = (e4: number) => formatE4(e4, 2)

/** Reads a money cell; rejects the row when the text is not money. */
function money(c: Columns, row: readonly Cell[], name: string, what: string): number | null {
  const text = c.get(row, name)
  const v = moneyE4(text)
  if (v === undefined) fail(`the ${what} "${text}" is not a number`)
  return v as number | null
}

/** Commissions and fees as costs ≥ 0 (tastytrade prints them negative; `--` is none). */
const cost = (c: Columns, row: readonly Cell[], name: string, what: string): number =>
  Math.abs(money(c, row, name, what) ?? 0)

/** A whole, positive number of contracts (the sign, when printed, is dropped). */
function quantityOf(c: Columns, row: readonly Cell[], name: string): number {
  const text = c.get(row, name)
  const q = integerOf(text)
  if (q === null || q === 0)
    fail(
      text === null
        ? 'the quantity is missing'
        : `the quantity "${text}" is not a whole number of contracts`,
    )
  return Math.abs(q as number)
}

/** e4 per share from cash and contracts: |cash| ÷ (quantity × multiplier), rounded to e4. */
const perShare = (cashE4: number, quantity: number, multiplier: number) =>
  Math.round(Math.abs(cashE4) / (quantity * multiplier))

/** price × quantity × multiplier, e4. */
const grossOf = (priceE4: number, quantity: number, multiplier: number) =>
  priceE4 * quantity * multiplier

/**
 * An option contract from its parts; rejects the row when they cannot form an OSI symbol.
 * `underlying` defaults to the root's index (SPXW → SPX).
 */
function optionContract(
  root: string,
  expiration: string,
  right: 'call' | 'put',
  strikeE4: number,
  multiplier: number,
  underlying?: string | null,
): Contract {
  const r = root.trim().toUpperCase()
  let symbol = ''
  try {
    symbol = formatOcc({ root: r, expiration, right, strikeE4 })
  } catch (e) {
    fail(
      `the option ${r} ${expiration} ${formatE4(strikeE4)} ${right} has no OSI symbol (${(e as Error).message})`,
    )
  }
  return {
    instrument: 'option',
    underlying: (underlying ?? underlyingOfRoot(r)).toUpperCase(),
    root: r,
    expiration,
    right,
    strikeE4,
    multiplier,
    symbol,
  }
}

/** The VX future of `symbol` (`/VXM5`); any other future is rejected. */
function vxFuture(symbol: string, tradeDate: string): Contract {
  const f = parseFutureSymbol(symbol, tradeDate)
  if (!f) fail(`the future "${symbol}" is not a futures symbol like /VXM5`)
  const { root, month } = f!
  if (root !== 'VX') fail(`${symbol} is not a VX future: Wingman journals VX futures only`)
  const expiration = vixExpiry(Number(month.slice(0, 4)), Number(month.slice(5, 7)))
  return {
    instrument: 'future',
    underlying: 'VIX',
    root: 'VX',
    expiration,
    right: null,
    strikeE4: null,
    multiplier: 1000,
    symbol: formatFutureSymbol('VX', expiration),
  }
}

/** The price a Description names: `Sold 1 /VXM5 @ 19.85` → 19.85 (e4); null when none. */
function descriptionPrice(description: string | null): number | null {
  const m = /@\s*\$?([\d,]*\.?\d+)/.exec(description ?? '')
  if (!m) return null
  return moneyE4(m[1]!) ?? null
}

/** Expiration / assignment / exercise / cash settlement from a Sub Type or a Description. */
function eventOf(subType: string | null, description: string | null): ExecutionKind | null {
  const sub = (subType ?? '').toLowerCase()
  if (sub.includes('expiration')) return 'expiration'
  if (sub.includes('cash settled')) return 'cash_settlement'
  if (sub.includes('assignment')) return 'assignment'
  if (sub.includes('exercise')) return 'exercise'
  const d = (description ?? '').toLowerCase()
  if (!d.startsWith('removal of')) return null
  if (d.includes('expiration')) return 'expiration'
  if (d.includes('assignment')) return 'assignment'
  if (d.includes('exercise')) return 'exercise'
  return null
}

/**
 * The closing action of an event when the row does not print it: an assignment closes a short
 * (BTC), an exercise a long (STC); a cash settlement's sign says which (cash paid: short);
 * an expiration is left to the file's own positions (null).
 */
function eventAction(
  kind: ExecutionKind,
  subType: string | null,
  description: string | null,
  cashE4: number,
): TradeAction | null {
  const words = `${subType ?? ''} ${description ?? ''}`.toLowerCase()
  if (kind === 'assignment') return 'BTC'
  if (kind === 'exercise') return 'STC'
  if (kind === 'cash_settlement') {
    if (words.includes('assignment')) return 'BTC'
    if (words.includes('exercise')) return 'STC'
    return cashE4 < 0 ? 'BTC' : 'STC'
  }
  return null
}

/**
 * Premium cash and price of a trade row, checked against each other: the file's signed gross
 * cash must equal price × quantity × multiplier within a cent per contract, with the sign of the
 * action (+ for sells).
 */
function tradeMoney(
  action: TradeAction,
  quantity: number,
  multiplier: number,
  priceE4: number | null,
  cashE4: number | null,
  cashText: string | null,
  cashName: string,
): { priceE4: number; cashE4: number } {
  if (priceE4 === null && cashE4 === null) fail('the row has neither a price nor a value')
  const sign = isSell(action) ? 1 : -1
  if (cashE4 !== null && cashE4 !== 0 && Math.sign(cashE4) !== sign)
    fail(
      `the ${cashName} ${cashText} is ${cashE4 < 0 ? 'a debit' : 'a credit'} but the row ${
        sign > 0 ? 'sells' : 'buys'
      } (${action})`,
    )
  const price = priceE4 ?? perShare(cashE4!, quantity, multiplier)
  const gross = grossOf(price, quantity, multiplier)
  if (cashE4 !== null && Math.abs(Math.abs(cashE4) - gross) > 100 * quantity)
    fail(
      `the ${cashName} ${cashText} is not the price ${e4Text(price)} × ${quantity} × ${multiplier} = ${e4Text(gross)}`,
    )
  return { priceE4: price, cashE4: cashE4 ?? sign * gross }
}

// ── current family (21 / 20 / 18 / 16 columns) ─────────────────────────────────────────────

function currentRow(c: Columns, row: readonly Cell[], line: number): Draft | 'skipped' {
  const type = c.get(row, 'Type')
  if (type === null) fail('the row has no Type')
  const typeLc = type!.toLowerCase()
  if (typeLc === 'money movement') return 'skipped'
  const instrument = (c.get(row, 'Instrument Type') ?? '').toLowerCase()
  const symbol = c.get(row, 'Symbol') ?? ''
  const isFuture = instrument === 'future'
  const isOption =
    (instrument.includes('option') && instrument !== 'future option') ||
    (instrument === '' && parseOcc(symbol) !== null)
  if (instrument === 'future option')
    fail(
      `${symbol.trim().replace(/\s+/g, ' ')} is a futures option: Wingman journals index options and VX futures`,
    )
  if (!isFuture && !isOption) return 'skipped'
  if (typeLc !== 'trade' && typeLc !== 'receive deliver')
    fail(`the Type "${type}" is not a trade or a receive-deliver`)

  const dateText = c.get(row, 'Date')
  const at = offsetTimeToUtc(dateText ?? '')
  if (!at)
    fail(
      dateText === null
        ? 'the date is missing'
        : `the date "${dateText}" is not a time with an offset (like 2025-06-02T10:47:15-0400)`,
    )
  const instant = at as Instant
  const subType = c.get(row, 'Sub Type')
  const description = c.get(row, 'Description')
  const quantity = quantityOf(c, row, 'Quantity')
  const commissionE4 = cost(c, row, 'Commissions', 'commission')
  const feesE4 = cost(c, row, 'Fees', 'fees')
  const valueText = c.get(row, 'Value')
  const valueE4 = money(c, row, 'Value', 'Value')
  const avgE4 = money(c, row, 'Average Price', 'Average Price')
  const orderId = c.get(row, 'Order #')
  const event = typeLc === 'receive deliver' ? eventOf(subType, description) : null
  const base = {
    line,
    tradeDate: instant.date,
    executedAt: instant.utc,
    hasTime: true,
    orderId,
    execId: null,
    account: null,
    commissionE4,
    feesE4,
  }

  if (isFuture) {
    if (event)
      fail(
        `${symbol} ${event === 'expiration' ? 'expired' : 'was settled'}: enter a VX future's final settlement in the journal`,
      )
    const contract = vxFuture(symbol, instant.date)
    const side = sideOf(c.get(row, 'Action')) ?? sideOf(subType) ?? sideOf(description)
    const action =
      actionOf(subType) ??
      actionOf(c.get(row, 'Action')) ??
      actionOf(/\b(buy|sell) to (open|close)\b/i.exec(description ?? '')?.[0] ?? null)
    if (!side && !action) fail('the row does not say whether it buys or sells')
    // Futures print no price column (Value and Average Price are 0.00): the Description's
    // `@ 19.85` is the fill price; failing that, |Value| ÷ quantity ÷ multiplier.
    const priceE4 =
      descriptionPrice(description) ??
      (valueE4 ? perShare(valueE4, quantity, contract.multiplier) : null)
    if (priceE4 === null) fail(`the row gives no price for ${contract.symbol}`)
    const exec: Execution = {
      ...base,
      kind: 'trade',
      action: action ?? (side === 'buy' ? 'BTO' : 'STO'),
      quantity,
      contract,
      priceE4,
      cashE4: 0,
      groupKey: orderId ?? `${dateText} ${contract.underlying}`,
    }
    return { exec, infer: action ? null : { side: side! } }
  }

  const multiplierText = c.get(row, 'Multiplier')
  const multiplier = multiplierText === null ? 100 : integerOf(multiplierText)
  if (multiplier === null || multiplier <= 0)
    fail(`the multiplier "${multiplierText}" is not a whole number`)
  const contract = optionOf(c, row, multiplier!)
  const groupKey = orderId ?? `${dateText} ${contract.underlying}`

  if (event) {
    const printed = actionOf(c.get(row, 'Action'))
    if (event === 'expiration') {
      const exec: Execution = {
        ...base,
        kind: 'expiration',
        action: printed ?? 'BTC',
        quantity,
        contract,
        priceE4: 0,
        cashE4: 0,
        groupKey,
      }
      return { exec, infer: printed ? null : 'event' }
    }
    // An assignment or exercise that moves cash is a cash settlement (index options): the
    // Sub Type says so in current files; older files only show the non-zero Value.
    const kind: ExecutionKind =
      event === 'cash_settlement' || (valueE4 ?? 0) !== 0 ? 'cash_settlement' : event
    if (kind === 'cash_settlement' && !valueE4)
      fail(`the cash settlement of ${contract.symbol.replace(/ +/, ' ')} has no Value`)
    const cashE4 = kind === 'cash_settlement' ? valueE4! : 0
    const exec: Execution = {
      ...base,
      kind,
      action: printed ?? eventAction(kind, subType, description, cashE4)!,
      quantity,
      contract,
      // A physical assignment or exercise closes the option without a price of its own.
      priceE4: kind === 'cash_settlement' ? perShare(cashE4, quantity, multiplier!) : null,
      cashE4,
      groupKey,
    }
    return { exec, infer: null }
  }

  const action = actionOf(c.get(row, 'Action')) ?? actionOf(subType)
  if (!action)
    fail(`the action "${c.get(row, 'Action') ?? subType ?? ''}" is not buy/sell to open/close`)
  // Average Price is per contract (price × multiplier), signed: ÷ multiplier gives the price.
  const priceE4 = avgE4 === null ? null : Math.round(Math.abs(avgE4) / multiplier!)
  const m = tradeMoney(action!, quantity, multiplier!, priceE4, valueE4, valueText, 'Value')
  const exec: Execution = {
    ...base,
    kind: 'trade',
    action: action!,
    quantity,
    contract,
    priceE4: m.priceE4,
    cashE4: m.cashE4,
    groupKey,
  }
  return { exec, infer: null }
}

/**
 * The option of a current-family row: the padded OSI Symbol when it is one (its root is the
 * trading class: SPXW), else Root Symbol / Underlying Symbol + Expiration Date + Strike Price +
 * Call or Put.
 */
function optionOf(c: Columns, row: readonly Cell[], multiplier: number): Contract {
  const symbol = c.get(row, 'Symbol') ?? ''
  const underlying = c.get(row, 'Underlying Symbol')
  const occ = parseOcc(symbol)
  if (occ)
    return optionContract(occ.root, occ.expiration, occ.right, occ.strikeE4, multiplier, underlying)
  const root = c.get(row, 'Root Symbol') ?? underlying
  if (!root) fail(`the symbol "${symbol}" is not an option symbol and the row names no root`)
  return contractFromParts(
    c,
    row,
    root!,
    'Expiration Date',
    'Strike Price',
    'Call or Put',
    multiplier,
    underlying,
  )
}

function contractFromParts(
  c: Columns,
  row: readonly Cell[],
  root: string,
  expName: string,
  strikeName: string,
  rightName: string,
  multiplier: number,
  underlying: string | null,
): Contract {
  const expText = c.get(row, expName)
  const expiration = expText === null ? null : usDate(expText)
  if (!expiration)
    fail(
      expText === null
        ? 'the expiration date is missing'
        : `the expiration "${expText}" is not a date`,
    )
  const strikeText = c.get(row, strikeName)
  const strikeE4 = moneyE4(strikeText)
  if (!strikeE4 || strikeE4 <= 0)
    fail(
      strikeText === null ? 'the strike is missing' : `the strike "${strikeText}" is not a number`,
    )
  const rightText = (c.get(row, rightName) ?? '').toUpperCase()
  const right =
    rightText === 'C' || rightText === 'CALL'
      ? 'call'
      : rightText === 'P' || rightText === 'PUT'
        ? 'put'
        : null
  if (!right) fail(`"${c.get(row, rightName) ?? ''}" is not a call or a put`)
  return optionContract(root, expiration!, right!, strikeE4!, multiplier, underlying)
}

// ── legacy tastyworks "Transactions" (15 columns) ─────────────────────────────────────────

/** `05/20/2021 5:10 PM` (seconds optional) in `zone`. */
function legacyTime(text: string | null, zone: string): Instant | null {
  const m = /^(\d{1,2}\/\d{1,2}\/\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)$/i.exec(
    (text ?? '').trim(),
  )
  if (!m) return null
  const date = usDate(m[1]!)
  let hour = Number(m[2])
  if (!date || hour < 1 || hour > 12) return null
  const pm = m[5]!.toUpperCase() === 'PM'
  if (hour === 12) hour = pm ? 12 : 0
  else if (pm) hour += 12
  return wallTimeToUtc(date, hour, Number(m[3]), Number(m[4] ?? 0), zone)
}

/** The trading class a Description names: `Sold 2 SPXW 06/13/25 Call …` → SPXW. */
function descriptionRoot(description: string | null): string | null {
  const m =
    /\b(?:bought|sold|removal of)\s+-?[\d.]+\s+([A-Z][A-Z0-9]{0,5})\s+\d{1,2}\/\d{1,2}\/\d{2,4}\b/i.exec(
      description ?? '',
    )
  return m ? m[1]!.toUpperCase() : null
}

function legacyRow(
  c: Columns,
  row: readonly Cell[],
  line: number,
  zone: string,
  warnings: string[],
): Draft | 'skipped' {
  const code = (c.get(row, 'Transaction Code') ?? '').toLowerCase()
  if (code === 'money movement') return 'skipped'
  const symbol = c.get(row, 'Symbol') ?? ''
  const isFuture = symbol.startsWith('/')
  const occ = parseOcc(symbol)
  const isOption =
    occ !== null || (c.get(row, 'Call/Put') !== null && c.get(row, 'Strike') !== null)
  if (!isFuture && !isOption) return 'skipped'
  if (code !== 'trade' && code !== 'receive deliver')
    fail(
      `the Transaction Code "${c.get(row, 'Transaction Code') ?? ''}" is not a trade or a receive-deliver`,
    )
  const timeText = c.get(row, 'Date/Time')
  const at = legacyTime(timeText, zone)
  if (!at) fail(`the time "${timeText ?? ''}" is not a date and time like 05/20/2021 5:10 PM`)
  const instant = at as Instant
  const subcode = c.get(row, 'Transaction Subcode')
  const description = c.get(row, 'Description')
  const quantity = quantityOf(c, row, 'Quantity')
  // The legacy layout has one Fees column (commission and fees together, positive).
  const feesE4 = cost(c, row, 'Fees', 'fees')
  const priceE4 = money(c, row, 'Price', 'price')
  if (priceE4 !== null && priceE4 < 0) fail(`the price "${c.get(row, 'Price')}" is negative`)
  const amountText = c.get(row, 'Amount')
  const amountE4 = money(c, row, 'Amount', 'Amount')
  const side = sideOf(c.get(row, 'Buy/Sell'))
  const effect = (c.get(row, 'Open/Close') ?? '').toLowerCase()
  const printed: TradeAction | null =
    side && (effect === 'open' || effect === 'close')
      ? (`${side === 'buy' ? 'B' : 'S'}${effect === 'open' ? 'TO' : 'TC'}` as TradeAction)
      : actionOf(subcode)
  const base = {
    line,
    tradeDate: instant.date,
    executedAt: instant.utc,
    hasTime: true,
    orderId: null,
    execId: null,
    account: c.get(row, 'Account Reference'),
    commissionE4: 0,
    feesE4,
  }
  const event = code === 'receive deliver' ? eventOf(subcode, description) : null

  if (isFuture) {
    if (event)
      fail(`${symbol} expired or was settled: enter a VX future's final settlement in the journal`)
    const contract = vxFuture(symbol, instant.date)
    if (!printed && !side) fail('the row does not say whether it buys or sells')
    const price = priceE4 ?? descriptionPrice(description)
    if (price === null) fail(`the row gives no price for ${contract.symbol}`)
    const exec: Execution = {
      ...base,
      kind: 'trade',
      action: printed ?? (side === 'sell' ? 'STO' : 'BTO'),
      quantity,
      contract,
      priceE4: price,
      cashE4: 0,
      groupKey: `${timeText} ${contract.underlying}`,
    }
    return { exec, infer: printed ? null : { side: side! } }
  }

  let contract: Contract
  if (occ) contract = optionContract(occ.root, occ.expiration, occ.right, occ.strikeE4, 100)
  else {
    // Symbol is the underlying or the root; the Description names the trading class.
    const printedRoot = descriptionRoot(description) ?? symbol.toUpperCase()
    contract = contractFromParts(
      c,
      row,
      printedRoot,
      'Expiration Date',
      'Strike',
      'Call/Put',
      100,
      null,
    )
    if (printedRoot === 'SPX' && !isSpxMonthlyExpiry(contract.expiration)) {
      contract = optionContract(
        'SPXW',
        contract.expiration,
        contract.right!,
        contract.strikeE4!,
        100,
      )
      warnings.push(
        `Line ${line}: the file says SPX, but ${contract.expiration} is not an SPX monthly expiry: read as the SPXW weekly`,
      )
    }
  }
  const groupKey = `${timeText} ${contract.underlying}`

  if (event === 'expiration') {
    const exec: Execution = {
      ...base,
      kind: 'expiration',
      action: printed ?? 'BTC',
      quantity,
      contract,
      priceE4: 0,
      cashE4: 0,
      groupKey,
    }
    return { exec, infer: printed ? null : 'event' }
  }
  if (event) {
    const kind: ExecutionKind =
      event === 'cash_settlement' || (amountE4 ?? 0) !== 0 ? 'cash_settlement' : event
    if (kind === 'cash_settlement' && !amountE4)
      fail(`the cash settlement of ${contract.symbol.replace(/ +/, ' ')} has no Amount`)
    const cashE4 = kind === 'cash_settlement' ? amountE4! : 0
    const exec: Execution = {
      ...base,
      kind,
      action: printed ?? eventAction(kind, subcode, description, cashE4)!,
      quantity,
      contract,
      priceE4: kind === 'cash_settlement' ? perShare(cashE4, quantity, 100) : null,
      cashE4,
      groupKey,
    }
    return { exec, infer: null }
  }
  if (!printed)
    fail(
      `the row does not say buy or sell and open or close ("${c.get(row, 'Buy/Sell') ?? ''}", "${c.get(row, 'Open/Close') ?? ''}")`,
    )
  const m = tradeMoney(printed!, quantity, 100, priceE4, amountE4, amountText, 'Amount')
  const exec: Execution = {
    ...base,
    kind: 'trade',
    action: printed!,
    quantity,
    contract,
    priceE4: m.priceE4,
    cashE4: m.cashE4,
    groupKey,
  }
  return { exec, infer: null }
}

// ── shared ────────────────────────────────────────────────────────────────────────────────

/**
 * The file's records. A CSV syntax error does not lose the whole file: the text is then read
 * line by line and each unreadable line is rejected on its own.
 */
function readRecords(text: string): { records: CsvRecord[]; rejected: RejectedRow[] } {
  try {
    return { records: parseCsvLines(text), rejected: [] }
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e
  }
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

const isBlank = (cells: readonly Cell[]) => cells.every((x) => x === null || x.trim() === '')

/**
 * Settles the actions a row leaves open from the contracts the file itself shows open just
 * before it (rows are newest first, so they are walked backwards in time): an expiring short is
 * bought back (BTC), a long sold (STC); a future's BUY closes a short, else opens. When the file
 * shows nothing open, an expiration stays BTC with a warning (the matcher closes whatever is
 * open); a future's effect is then read as opening, named in one warning.
 */
function resolveActions(drafts: Draft[], warnings: string[]): void {
  const chronological = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.exec.executedAt.localeCompare(b.d.exec.executedAt) || b.i - a.i)
  const net = new Map<string, number>()
  const guessedFutures: number[] = []
  for (const { d } of chronological) {
    const e = d.exec
    const held = net.get(e.contract.symbol) ?? 0
    if (d.infer === 'event') {
      if (held < 0) e.action = 'BTC'
      else if (held > 0) e.action = 'STC'
      else {
        e.action = 'BTC'
        warnings.push(
          `Line ${e.line}: the expiration of ${describe(e.contract)} does not say whether it was short or long, and the file does not show it opened: read as short (BTC)`,
        )
      }
    } else if (d.infer) {
      const buy = d.infer.side === 'buy'
      if (buy && held < 0) e.action = 'BTC'
      else if (!buy && held > 0) e.action = 'STC'
      else {
        e.action = buy ? 'BTO' : 'STO'
        if (held === 0) guessedFutures.push(e.line)
      }
    }
    const sign = e.action === 'BTO' || e.action === 'BTC' ? 1 : -1
    net.set(e.contract.symbol, held + sign * e.quantity)
  }
  if (guessedFutures.length)
    warnings.push(
      `Line${guessedFutures.length > 1 ? 's' : ''} ${guessedFutures.sort((a, b) => a - b).join(', ')}: the file does not say whether ${guessedFutures.length > 1 ? 'these VX trades open or close; they are' : 'this VX trade opens or closes; it is'} read as opening (no earlier trade of the contract in the file)`,
    )
}

/** `SPXW 2025-06-13 6000 call`, `VX 2025-06-18 future`. */
function describe(c: Contract): string {
  return c.instrument === 'future'
    ? `${c.root} ${c.expiration} future`
    : `${c.root} ${c.expiration} ${formatE4(c.strikeE4!)} ${c.right}`
}

function headerOf(records: CsvRecord[]): { index: number; cols: Columns; legacy: boolean } | null {
  const index = records.findIndex((r) => !isBlank(r.cells))
  if (index < 0) return null
  const cols = new Columns(records[index]!.cells)
  if (cols.missing(CURRENT_REQUIRED).length === 0) return { index, cols, legacy: false }
  if (cols.missing(LEGACY_REQUIRED).length === 0) return { index, cols, legacy: true }
  return null
}

function parse(text: string, options: ParseOptions): ParsedTrades {
  const zone = options.zone || DEFAULT_ZONE
  const { records, rejected } = readRecords(text)
  const warnings: string[] = []
  const header = headerOf(records)
  const out: ParsedTrades = {
    broker: 'tastytrade',
    executions: [],
    rejected,
    warnings,
    zone: header?.legacy ? zone : 'offset in file',
  }
  if (!header) {
    const first = records.find((r) => !isBlank(r.cells))
    const cols = new Columns(first?.cells ?? [])
    rejected.push({
      line: first?.line ?? 1,
      reason: `this is not a tastytrade transactions file: the header lacks ${cols.missing(CURRENT_REQUIRED).join(', ')}`,
    })
    return out
  }
  const drafts: Draft[] = []
  let skipped = 0
  for (const rec of records.slice(header.index + 1)) {
    if (isBlank(rec.cells)) continue
    try {
      const d = header.legacy
        ? legacyRow(header.cols, rec.cells, rec.line, zone, warnings)
        : currentRow(header.cols, rec.cells, rec.line)
      if (d === 'skipped') skipped++
      else drafts.push(d)
    } catch (e) {
      if (!(e instanceof RowError)) throw e
      rejected.push({ line: rec.line, reason: e.message })
    }
  }
  resolveActions(drafts, warnings)
  out.executions = drafts.map((d) => d.exec)
  if (skipped)
    warnings.push(
      skipped === 1
        ? '1 row that is not an option or VX trade (a money movement, stock) was skipped'
        : `${skipped} rows that are not option or VX trades (money movements, stock) were skipped`,
    )
  rejected.sort((a, b) => a.line - b.line)
  return out
}

/** True when the first non-empty line is a tastytrade transactions header (any generation). */
function detect(head: string): boolean {
  for (const line of head.replace(/^\ufeff/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue
    try {
      const rec = parseCsvLines(line)[0]
      if (!rec) return false
      const keys = new Set(rec.cells.map(headerKey))
      const has = (names: string[]) => names.every((n) => keys.has(n.toLowerCase()))
      return (
        has(['Date', 'Type', 'Action', 'Symbol', 'Instrument Type', 'Value', 'Average Price']) ||
        has([
          'Date/Time',
          'Transaction Code',
          'Transaction Subcode',
          'Symbol',
          'Buy/Sell',
          'Open/Close',
        ])
      )
    } catch {
      return false
    }
  }
  return false
}

export const tastytradeParser: BrokerParser = {
  id: 'tastytrade',
  label: 'tastytrade — History → Transactions → CSV',
  detect,
  parse,
}
