/**
 * thinkorswim — Monitor → Account Statement → Export (BROKER_FORMATS.md §2). A multi-section CSV:
 * an optional BOM, an optional paperMoney line, `Account Statement for <acct> (…) since … through
 * …`, then sections (a title line, a header, rows) separated by blank lines.
 *
 * - **Account Trade History** is the execution record, one row per leg, newest first. A row with
 *   an empty Exec Time continues the order above it (same time, same spread). There is no order
 *   id: each order gets a synthetic group key, `tos:<line of its first leg>`.
 * - **Cash Balance** holds each order's costs (one TRD row per order: Misc Fees and Commissions &
 *   Fees, negative) and tells SPXW from SPX (`(Weeklys)` in the description). Expiration,
 *   assignment and exercise rows that name their contract become events.
 * - **Options** (positions open at the end) gives the exact root in its Option Code.
 * - Account Order History is orders, not fills: never imported. Futures live in Futures
 *   Statements, whose layout no public source documents: they are skipped with a warning.
 *
 * Times carry no zone: they are read in the zone the trader chose (the platform's setting).
 */
import { isSpxMonthlyExpiry, vixExpiry } from '../../../../shared/calendar/expiries.ts'
import { formatE4 } from '../../../../shared/money.ts'
import { formatOcc } from '../../../../shared/occ.ts'
import { parseCsvLines, type Cell } from '../csv.ts'
import {
  Columns,
  fullYear,
  integerOf,
  isoDate,
  moneyE4,
  monthOfName,
  underlyingOfRoot,
  usDate,
} from './fields.ts'
import { DEFAULT_ZONE, wallTimeToUtc, type Instant } from './time.ts'
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

const SECTION_TITLES = new Set([
  'cash balance',
  'futures statements',
  'forex statements',
  'crypto statements',
  'account order history',
  'account trade history',
  'equities',
  'options',
  'profits and losses',
  'account summary',
])

/** The weekly (PM-settled) class of a root TOS shows under its underlying's name. */
const WEEKLY_ROOT: Record<string, string> = { SPX: 'SPXW', VIX: 'VIXW', NDX: 'NDXP', RUT: 'RUTW' }

const FUTURES_WARNING =
  'thinkorswim futures (Futures Statements) are not imported: enter VX trades by hand'

class RowError extends Error {}
const fail = (reason: string): never => {
  throw new RowError(reason)
}

/** One line of the file read as CSV, or why it cannot be. */
interface Line {
  line: number
  cells: Cell[] | null
  error: string | null
}

interface Section {
  title: string
  header: Line | null
  rows: Line[]
}

/**
 * The file line by line (no TOS field spans lines). `REF #` cells are Excel formula strings
 * written without quoting the field — `="5319801833"` — which RFC 4180 does not allow: they are
 * read as the quoted text inside.
 */
function linesOf(text: string): Line[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .map((raw, i) => {
      const fixed = raw.replace(/(^|,)="((?:[^"]|"")*)"(?=,|$)/g, '$1"$2"')
      try {
        return { line: i + 1, cells: parseCsvLines(fixed)[0]?.cells ?? [], error: null }
      } catch (e) {
        return { line: i + 1, cells: null, error: (e as Error).message.replace(/^line \d+: /, '') }
      }
    })
}

const nonEmpty = (cells: readonly Cell[]) => cells.filter((c) => c !== null && c.trim() !== '')
const isBlank = (l: Line) => l.cells !== null && nonEmpty(l.cells).length === 0

/** The section title a line is, when it is one (a single known name in its first cell). */
function titleOf(l: Line): string | null {
  if (!l.cells) return null
  const cells = nonEmpty(l.cells)
  if (cells.length !== 1 || cells[0] !== l.cells[0]) return null
  const t = cells[0]!.trim().toLowerCase()
  return SECTION_TITLES.has(t) ? t : null
}

function sectionsOf(lines: Line[]): { sections: Map<string, Section>; statement: string | null } {
  const sections = new Map<string, Section>()
  let statement: string | null = null
  let current: Section | null = null
  for (const l of lines) {
    if (isBlank(l)) {
      current = null
      continue
    }
    const title = titleOf(l)
    if (title) {
      current = { title, header: null, rows: [] }
      if (!sections.has(title)) sections.set(title, current)
      continue
    }
    const first = l.cells?.[0]?.trim() ?? ''
    if (!current) {
      if (/^account statement for\b/i.test(first)) statement = first
      continue
    }
    if (!current.header) current.header = l
    else current.rows.push(l)
  }
  return { sections, statement }
}

/** `20 JUN 25` → 2025-06-20. */
function tosDate(text: string | null): string | null {
  const m = /^(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})$/.exec((text ?? '').trim())
  if (!m) return null
  return isoDate(fullYear(m[3]!), monthOfName(m[2]!), Number(m[1]))
}

/** `6/2/25 10:47:15` → date and time parts. */
function execTime(text: string): { date: string; hms: [number, number, number] } | null {
  const m = /^(\d{1,2}\/\d{1,2}\/\d{2,4})\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim())
  if (!m) return null
  const date = usDate(m[1]!)
  return date ? { date, hms: [Number(m[2]), Number(m[3]), Number(m[4])] } : null
}

const hmsKey = ([h, m, s]: [number, number, number]) =>
  [h, m, s].map((x) => String(x).padStart(2, '0')).join(':')

function clockOf(text: string | null): [number, number, number] | null {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec((text ?? '').trim())
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

function money(c: Columns, row: readonly Cell[], name: string, what: string): number | null {
  const text = c.get(row, name)
  const v = moneyE4(text)
  if (v === undefined) fail(`the ${what} "${text}" is not a number`)
  return v as number | null
}

/** `SOLD -2 IRON CONDOR SPX 100 (Weeklys) 13 JUN 25 6000/6050/5400/5350 CALL/PUT @11.20`. */
function describes(desc: string, legs: readonly Leg[]): boolean {
  const d = desc.toUpperCase()
  const expiries = new Set(
    [...d.matchAll(/\b(\d{1,2} [A-Z]{3} \d{2,4})\b/g)].map((m) => tosDate(m[1]!)),
  )
  const strikes = new Set(
    [...d.matchAll(/\b(\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)*)\s+(?:CALL|PUT)\b/g)].flatMap((m) =>
      m[1]!.split('/').map((s) => moneyE4(s)),
    ),
  )
  return legs.every(
    (l) =>
      new RegExp(`(^|\\s)\\$?${l.symbol.replace(/[^A-Z0-9]/g, '')}(\\s|$)`).test(d) &&
      expiries.has(l.expiration) &&
      strikes.has(l.strikeE4),
  )
}

interface Trd {
  line: number
  date: string
  time: string
  description: string
  miscE4: number
  commissionE4: number
  amountE4: number
  used: boolean
}

interface CashEvent {
  line: number
  date: string
  hms: [number, number, number]
  description: string
  amountE4: number
  miscE4: number
  commissionE4: number
}

interface Leg {
  line: number
  action: TradeAction
  quantity: number
  /** The Symbol column as printed: the underlying (SPX even for SPXW). */
  symbol: string
  expiration: string
  right: 'call' | 'put'
  strikeE4: number
  priceE4: number | null
}

interface Order {
  line: number
  date: string
  time: string
  at: Instant
  legs: Leg[]
  trd: Trd | null
}

/** The option contract, its root chosen by the caller. */
function optionContract(
  root: string,
  leg: Pick<Leg, 'expiration' | 'right' | 'strikeE4'>,
): Contract {
  let symbol = ''
  try {
    symbol = formatOcc({
      root,
      expiration: leg.expiration,
      right: leg.right,
      strikeE4: leg.strikeE4,
    })
  } catch (e) {
    fail(
      `the option ${root} ${leg.expiration} ${formatE4(leg.strikeE4)} has no OSI symbol (${(e as Error).message})`,
    )
  }
  return {
    instrument: 'option',
    underlying: underlyingOfRoot(root),
    root,
    expiration: leg.expiration,
    right: leg.right,
    strikeE4: leg.strikeE4,
    multiplier: 100,
    symbol,
  }
}

const contractKey = (underlying: string, expiration: string, strikeE4: number, right: string) =>
  `${underlyingOfRoot(underlying)}|${expiration}|${strikeE4}|${right}`

/** Option Code (`SPXW260317P6660`) roots of the Options section, by contract. */
function optionCodes(section: Section | undefined): Map<string, string> {
  const out = new Map<string, string>()
  if (!section?.header?.cells) return out
  const c = new Columns(section.header.cells)
  for (const row of section.rows) {
    if (!row.cells) continue
    const m = /^\.?([A-Z][A-Z0-9]{0,5}?)(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/.exec(
      (c.get(row.cells, 'Option Code') ?? '').toUpperCase(),
    )
    if (!m) continue
    const expiration = isoDate(2000 + Number(m[2]), Number(m[3]), Number(m[4]))
    const strikeE4 = moneyE4(m[6]!)
    if (!expiration || !strikeE4) continue
    out.set(contractKey(m[1]!, expiration, strikeE4, m[5] === 'C' ? 'call' : 'put'), m[1]!)
  }
  return out
}

function parse(text: string, options: ParseOptions): ParsedTrades {
  const zone = options.zone || DEFAULT_ZONE
  const rejected: RejectedRow[] = []
  const warnings: string[] = []
  const out: ParsedTrades = { broker: 'thinkorswim', executions: [], rejected, warnings, zone }
  const { sections, statement } = sectionsOf(linesOf(text))
  const account = statement
    ? (/^account statement for\s+(\S+)/i.exec(statement)?.[1] ?? null)
    : null
  const history = sections.get('account trade history')
  if (!history?.header?.cells) {
    rejected.push({
      line: 1,
      reason:
        'the statement has no Account Trade History section: export the Account Statement with it',
    })
    return out
  }
  const reject = (line: number, reason: string) => rejected.push({ line, reason })

  // ── Cash Balance: each order's costs, expirations and assignments ────────────────────────
  const trds: Trd[] = []
  const events: CashEvent[] = []
  const cash = sections.get('cash balance')
  if (cash?.header?.cells) {
    const c = new Columns(cash.header.cells)
    for (const row of cash.rows) {
      if (!row.cells) {
        reject(row.line, `the line is not valid CSV (${row.error})`)
        continue
      }
      const type = (c.get(row.cells, 'TYPE') ?? '').toUpperCase()
      const description = c.get(row.cells, 'DESCRIPTION') ?? ''
      const isEvent =
        type === 'EXP' || /\b(REMOVAL OF OPTION|AUTOMATIC EXPIRATION)\b/i.test(description)
      if (type !== 'TRD' && !isEvent) continue
      try {
        const date = usDate(c.get(row.cells, 'DATE') ?? '')
        const hms = clockOf(c.get(row.cells, 'TIME'))
        if (!date || !hms)
          fail(
            `the date and time "${c.get(row.cells, 'DATE')} ${c.get(row.cells, 'TIME')}" are not a date and a time`,
          )
        const miscE4 = Math.abs(money(c, row.cells, 'Misc Fees', 'misc fees') ?? 0)
        const commissionE4 = Math.abs(money(c, row.cells, 'Commissions & Fees', 'commission') ?? 0)
        const amountE4 = money(c, row.cells, 'AMOUNT', 'amount') ?? 0
        if (type === 'TRD')
          trds.push({
            line: row.line,
            date: date!,
            time: hmsKey(hms!),
            description,
            miscE4,
            commissionE4,
            amountE4,
            used: false,
          })
        else
          events.push({
            line: row.line,
            date: date!,
            hms: hms!,
            description,
            amountE4,
            miscE4,
            commissionE4,
          })
      } catch (e) {
        if (!(e instanceof RowError)) throw e
        reject(row.line, e.message)
      }
    }
  }
  const codes = optionCodes(sections.get('options'))

  // ── Account Trade History: legs grouped into orders ──────────────────────────────────────
  const c = new Columns(history.header.cells)
  const orders: Order[] = []
  let order: Order | null = null
  /** Why the order a continuation leg belongs to cannot be read (its first row was rejected). */
  let brokenOrder: string | null = null
  let futures = false
  let stock = 0
  for (const row of history.rows) {
    if (!row.cells) {
      reject(row.line, `the line is not valid CSV (${row.error})`)
      continue
    }
    const cells = row.cells
    const timeText = c.get(cells, 'Exec Time')
    try {
      if (timeText !== null) {
        order = null
        brokenOrder = null
        const t = execTime(timeText)
        if (!t) {
          brokenOrder = `line ${row.line}`
          fail(`the time "${timeText}" is not a date and time like 6/2/25 10:47:15`)
        }
        const at = wallTimeToUtc(t!.date, ...t!.hms, zone)
        if (!at) {
          brokenOrder = `line ${row.line}`
          fail(`the time "${timeText}" does not exist in ${zone}`)
        }
        order = {
          line: row.line,
          date: t!.date,
          time: hmsKey(t!.hms),
          at: at!,
          legs: [],
          trd: null,
        }
        orders.push(order)
      } else if (!order) {
        fail(
          brokenOrder
            ? `this leg continues the order of ${brokenOrder}, whose time cannot be read`
            : 'this leg has no Exec Time and no order above it',
        )
      }
      const type = (c.get(cells, 'Type') ?? '').toUpperCase()
      const symbol = (c.get(cells, 'Symbol') ?? '').toUpperCase()
      if (
        type === 'FUTURE' ||
        symbol.startsWith('/') ||
        (c.get(cells, 'Spread') ?? '').toUpperCase() === 'FUTURE'
      ) {
        futures = true
        continue
      }
      if (type === 'STOCK' || type === 'ETF') {
        stock++
        continue
      }
      if (type !== 'CALL' && type !== 'PUT')
        fail(`the Type "${c.get(cells, 'Type') ?? ''}" is not CALL or PUT`)
      if (!/^\$?[A-Z][A-Z0-9.]*$/.test(symbol))
        fail(`the symbol "${c.get(cells, 'Symbol') ?? ''}" is not an index or stock symbol`)
      const qtyText = c.get(cells, 'Qty')
      const qty = integerOf(qtyText)
      if (qty === null || qty === 0)
        fail(`the quantity "${qtyText ?? ''}" is not a whole number of contracts`)
      const sideText = (c.get(cells, 'Side') ?? '').toUpperCase()
      const side = sideText === 'BUY' ? 1 : sideText === 'SELL' ? -1 : Math.sign(qty!)
      if (sideText !== '' && sideText !== 'BUY' && sideText !== 'SELL')
        fail(`the side "${sideText}" is not BUY or SELL`)
      if (/^[+-]/.test(qtyText!) && Math.sign(qty!) !== side)
        fail(`the quantity ${qtyText} contradicts the side ${sideText}`)
      const effect = (c.get(cells, 'Pos Effect') ?? '').toUpperCase()
      if (effect !== 'TO OPEN' && effect !== 'TO CLOSE')
        fail(`the position effect "${c.get(cells, 'Pos Effect') ?? ''}" is not TO OPEN or TO CLOSE`)
      const action = `${side > 0 ? 'B' : 'S'}${effect === 'TO OPEN' ? 'TO' : 'TC'}` as TradeAction
      const expText = c.get(cells, 'Exp')
      const expiration = tosDate(expText)
      if (!expiration) fail(`the expiry "${expText ?? ''}" is not a date like 20 JUN 25`)
      const strikeText = c.get(cells, 'Strike')
      const strikeE4 = moneyE4(strikeText)
      if (!strikeE4 || strikeE4 <= 0) fail(`the strike "${strikeText ?? ''}" is not a number`)
      // `~` marks a price TOS does not know.
      const priceE4 = money(c, cells, 'Price', 'price')
      if (priceE4 !== null && priceE4 < 0) fail(`the price "${c.get(cells, 'Price')}" is negative`)
      order!.legs.push({
        line: row.line,
        action,
        quantity: Math.abs(qty!),
        symbol: symbol.replace(/^\$/, '').replace(/\.X$/, ''),
        expiration: expiration!,
        right: type === 'CALL' ? 'call' : 'put',
        strikeE4: strikeE4!,
        priceE4,
      })
    } catch (e) {
      if (!(e instanceof RowError)) throw e
      reject(row.line, e.message)
    }
  }

  // ── Each order's Cash Balance row: same date and time, else the description ──────────────
  for (const o of orders) {
    if (o.legs.length === 0) continue
    const sameTime = trds.filter((t) => !t.used && t.date === o.date && t.time === o.time)
    o.trd =
      (sameTime.length > 1
        ? sameTime.find((t) => describes(t.description, o.legs))
        : sameTime[0]) ??
      trds.find((t) => !t.used && t.date === o.date && describes(t.description, o.legs)) ??
      null
    if (o.trd) o.trd.used = true
    else
      warnings.push(
        `Line ${o.line}: no Cash Balance row matches the order of ${o.date} ${o.time}: its commission and fees are not in the file (0 imported)`,
      )
  }

  const executions: Execution[] = []
  const rootsTraded = new Map<string, string>()
  for (const o of orders) {
    o.legs.forEach((leg, i) => {
      try {
        const root = rootOf(leg, o.trd?.description ?? null, codes, warnings)
        const contract = optionContract(root, leg)
        rootsTraded.set(contractKey(leg.symbol, leg.expiration, leg.strikeE4, leg.right), root)
        const sign = leg.action === 'STO' || leg.action === 'STC' ? 1 : -1
        executions.push({
          line: leg.line,
          kind: 'trade',
          action: leg.action,
          quantity: leg.quantity,
          contract,
          priceE4: leg.priceE4,
          cashE4: leg.priceE4 === null ? 0 : sign * leg.priceE4 * leg.quantity * 100,
          // TOS prints costs per order (Cash Balance), never per leg: the whole order's
          // commission and misc fees go on its first execution, the other legs carry 0, so the
          // order's (and the position's) total costs are exact.
          commissionE4: i === 0 ? (o.trd?.commissionE4 ?? 0) : 0,
          feesE4: i === 0 ? (o.trd?.miscE4 ?? 0) : 0,
          executedAt: o.at.utc,
          tradeDate: o.at.date,
          hasTime: true,
          orderId: null,
          execId: null,
          groupKey: `tos:${o.line}`,
          account,
        })
      } catch (e) {
        if (!(e instanceof RowError)) throw e
        reject(leg.line, e.message)
      }
    })
    if (o.trd && o.legs.every((l) => l.priceE4 !== null)) {
      const legsCash = executions
        .filter((e) => e.groupKey === `tos:${o.line}`)
        .reduce((s, e) => s + e.cashE4, 0)
      const contracts = o.legs.reduce((s, l) => s + l.quantity, 0)
      if (Math.abs(legsCash - o.trd.amountE4) > 100 * contracts)
        warnings.push(
          `Line ${o.line}: the legs' prices come to ${formatE4(legsCash, 2)}, but the Cash Balance (line ${o.trd.line}) says ${formatE4(o.trd.amountE4, 2)}`,
        )
    }
  }

  // ── Expirations, assignments, exercises the Cash Balance ties to a contract ──────────────
  const untied: number[] = []
  for (const ev of events) {
    const e = cashEvent(ev, zone, account, rootsTraded, codes, warnings)
    if (e === null) untied.push(ev.line)
    else if (e instanceof RowError) reject(ev.line, e.message)
    else {
      // The side that closes: what the file's own trades hold just before the event.
      const held = executions
        .filter((x) => x.contract.symbol === e.contract.symbol && x.executedAt <= e.executedAt)
        .reduce((s, x) => s + (x.action === 'BTO' || x.action === 'BTC' ? 1 : -1) * x.quantity, 0)
      if (held !== 0) e.action = held < 0 ? 'BTC' : 'STC'
      else if (e.kind === 'expiration')
        warnings.push(
          `Line ${ev.line}: the expiration of ${describe(e.contract)} does not say whether it was short or long, and the file does not show it opened: read as short (BTC)`,
        )
      executions.push(e)
    }
  }
  if (untied.length)
    warnings.push(
      `Line${untied.length > 1 ? 's' : ''} ${untied.join(', ')}: the Cash Balance ${untied.length > 1 ? 'rows name' : 'row names'} an expiration or assignment without a contract Wingman can read: not imported`,
    )

  executions.sort((a, b) => a.line - b.line)
  out.executions = executions
  const futuresRows = sections
    .get('futures statements')
    ?.rows.some((r) => r.cells && nonEmpty(r.cells).length > 1)
  if (futures || futuresRows) warnings.push(FUTURES_WARNING)
  if (stock)
    warnings.push(
      stock === 1
        ? '1 row that is not an option trade (stock, ETF) was skipped'
        : `${stock} rows that are not option trades (stock, ETF) were skipped`,
    )
  const through = statement ? /\bthrough\s+(\d{1,2}\/\d{1,2}\/\d{2,4})/i.exec(statement) : null
  const end =
    (through && usDate(through[1]!)) ??
    executions
      .map((e) => e.tradeDate)
      .sort()
      .at(-1) ??
    null
  if (end) openAfterExpiry(executions, end, warnings)
  rejected.sort((a, b) => a.line - b.line)
  return out
}

/**
 * The root of a leg TOS shows as SPX (or VIX…): the Options section's Option Code for that
 * contract, else the matched Cash Balance description (`(Weeklys)` → SPXW), else the calendar —
 * a weekly when the expiry is not the monthly one (on the third Friday both exist: SPX), with a
 * warning naming the line.
 */
function rootOf(
  leg: Leg,
  description: string | null,
  codes: ReadonlyMap<string, string>,
  warnings: string[],
): string {
  const code = codes.get(contractKey(leg.symbol, leg.expiration, leg.strikeE4, leg.right))
  if (code) return code
  const weekly = WEEKLY_ROOT[leg.symbol]
  if (!weekly) return leg.symbol
  if (description !== null) return /\(weeklys?\)/i.test(description) ? weekly : leg.symbol
  const [y, m] = [Number(leg.expiration.slice(0, 4)), Number(leg.expiration.slice(5, 7))]
  const monthly =
    leg.symbol === 'SPX'
      ? isSpxMonthlyExpiry(leg.expiration)
      : leg.symbol === 'VIX'
        ? vixExpiry(y, m) === leg.expiration
        : null
  if (monthly === null) return leg.symbol
  const root = monthly ? leg.symbol : weekly
  warnings.push(
    `Line ${leg.line}: neither the Cash Balance nor the Options section says whether this ${leg.symbol} option is ${weekly}; ${leg.expiration} ${monthly ? 'is' : 'is not'} a monthly expiry, so it is read as ${root}`,
  )
  return root
}

/**
 * A Cash Balance expiration / assignment / exercise row as an event, when its description names
 * the contract (`REMOVAL OF OPTION DUE TO EXPIRATION -1.0 SPX 100 (Weeklys) 13 JUN 25 5400 PUT`);
 * null when it names none. The action is BTC until the caller reads the file's positions.
 */
function cashEvent(
  ev: CashEvent,
  zone: string,
  account: string | null,
  rootsTraded: ReadonlyMap<string, string>,
  codes: ReadonlyMap<string, string>,
  warnings: string[],
): Execution | RowError | null {
  const m =
    /(-?\d+(?:\.\d+)?)\s+\$?([A-Z][A-Z0-9]*)(?:\.X)?\s+(\d+)\s+(?:\(([^)]*)\)\s+)?(\d{1,2}\s+[A-Z]{3}\s+\d{2,4})\s+(\d+(?:\.\d+)?)\s+(CALL|PUT)\b/i.exec(
      ev.description,
    )
  if (!m) return null
  const expiration = tosDate(m[5]!.replace(/\s+/g, ' '))
  const strikeE4 = moneyE4(m[6]!)
  const quantity = Math.abs(Math.trunc(Number(m[1])))
  if (!expiration || !strikeE4 || quantity === 0) return null
  try {
    const symbol = m[2]!.toUpperCase()
    const right = m[7]!.toUpperCase() === 'CALL' ? 'call' : 'put'
    const leg: Leg = {
      line: ev.line,
      action: 'BTC',
      quantity,
      symbol,
      expiration,
      right,
      strikeE4,
      priceE4: null,
    }
    const root =
      rootsTraded.get(contractKey(symbol, expiration, strikeE4, right)) ??
      rootOf(leg, ev.description, codes, warnings)
    const contract = optionContract(root, leg)
    const words = ev.description.toUpperCase()
    const event: ExecutionKind = words.includes('ASSIGN')
      ? 'assignment'
      : words.includes('EXERCIS')
        ? 'exercise'
        : 'expiration'
    const kind: ExecutionKind =
      event !== 'expiration' && ev.amountE4 !== 0 ? 'cash_settlement' : event
    const at = wallTimeToUtc(ev.date, ...ev.hms, zone)
    if (!at) return new RowError(`the time ${ev.date} ${hmsKey(ev.hms)} does not exist in ${zone}`)
    return {
      line: ev.line,
      kind,
      // Until the file's positions say otherwise: an assignment closes a short, an exercise a
      // long, a settlement that pays cash a short.
      action:
        event === 'exercise' ||
        (kind === 'cash_settlement' && event !== 'assignment' && ev.amountE4 > 0)
          ? 'STC'
          : 'BTC',
      quantity,
      contract,
      priceE4:
        kind === 'expiration'
          ? 0
          : kind === 'cash_settlement'
            ? Math.round(Math.abs(ev.amountE4) / (quantity * 100))
            : null,
      cashE4: kind === 'cash_settlement' ? ev.amountE4 : 0,
      commissionE4: ev.commissionE4,
      feesE4: ev.miscE4,
      executedAt: at.utc,
      tradeDate: at.date,
      hasTime: true,
      orderId: null,
      execId: null,
      groupKey: `tos:${ev.date} ${hmsKey(ev.hms)} ${contract.underlying}`,
      account,
    }
  } catch (e) {
    if (e instanceof RowError) return e
    throw e
  }
}

function describe(c: Contract): string {
  return `${c.root} ${c.expiration} ${formatE4(c.strikeE4!)} ${c.right}`
}

/** One warning for contracts still open past their expiry: the journal's Expire settles them. */
function openAfterExpiry(executions: readonly Execution[], end: string, warnings: string[]): void {
  const net = new Map<string, { contract: Contract; qty: number }>()
  for (const e of executions) {
    const entry = net.get(e.contract.symbol) ?? { contract: e.contract, qty: 0 }
    entry.qty += (e.action === 'BTO' || e.action === 'BTC' ? 1 : -1) * e.quantity
    net.set(e.contract.symbol, entry)
  }
  const open = [...net.values()].filter((x) => x.qty !== 0 && x.contract.expiration < end)
  if (open.length === 0) return
  warnings.push(
    `${open.length === 1 ? '1 contract is' : `${open.length} contracts are`} still open after ${open.length === 1 ? 'its' : 'their'} expiry in this statement (${open
      .map((x) => `${x.qty > 0 ? '+' : ''}${x.qty} ${describe(x.contract)}`)
      .join(
        ', ',
      )}): the Account Trade History records no expirations — settle ${open.length === 1 ? 'it' : 'them'} with Expire`,
  )
}

/** True for a thinkorswim Account Statement: its first line or the Account Trade History title. */
function detect(head: string): boolean {
  return head
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .some((raw) => {
      const line = raw
        .replace(/,+\s*$/, '')
        .trim()
        .replace(/^"(.*)"$/, '$1')
      return line === 'Account Trade History' || /^Account Statement for\b/.test(line)
    })
}

export const thinkorswimParser: BrokerParser = {
  id: 'thinkorswim',
  label: 'thinkorswim — Monitor → Account Statement → Export',
  detect,
  parse,
}
