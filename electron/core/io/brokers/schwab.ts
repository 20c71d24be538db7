/**
 * Charles Schwab: schwab.com Accounts → History → Export (Transactions CSV).
 *
 * Header `"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"`; the
 * 2014–2020 exports add a title line (`"Transactions  for account XXXX-3910 as of …"`), a
 * trailing comma on every row and a final `"Transactions Total"` row. Rows are newest first.
 *
 * How this parser reads it (BROKER_FORMATS.md §3):
 * - Dates only (`MM/DD/YYYY`, or `MM/DD/YYYY as of MM/DD/YYYY`: the posting date, then the
 *   effective date). A trade is dated by the first; an Expired / Assigned / Exercise row by its
 *   "as of" date — an expiration posts on the next business day (`06/16/2025 as of
 *   06/13/2025`), and the contract expired on the 13th. `hasTime` false, executedAt 16:00 New
 *   York of that date.
 * - Options only: `SPXW 06/13/2025 6000.00 C` → root SPXW (the trading class Schwab prints),
 *   underlying SPX, multiplier 100. Stock trades, dividends, transfers… are skipped and counted
 *   in one warning.
 * - `Fees & Comm` is the only cost column (commission and fees combined): all of it goes to
 *   `commissionE4`, `feesE4` is 0.
 * - `Amount` is net of `Fees & Comm`: the premium is Amount + Fees & Comm, and it must equal
 *   Price × Quantity × 100 within a cent per contract or the row is rejected.
 * - `Expired` / `Assigned` / `Exchange or Exercise` rows carry a signed Quantity (+ a short was
 *   closed → BTC, − a long → STC) and no Amount. An assignment or exercise of a cash-settled
 *   index option (SPXW, XSP…) is a cash settlement: with its cash when the row shows an Amount,
 *   otherwise priceE4 null and cash 0 (the importer settles it from the stored index close). An
 *   equity assignment / exercise is journaled with no price (the stock leg is not).
 * - No order id: legs are grouped by date + underlying + expiration (groupKey).
 */
import { formatE4 } from '../../../../shared/money.ts'
import type { Cell } from '../csv.ts'
import {
  Columns,
  headerKey,
  headRows,
  integerOf,
  isCashSettledRoot,
  moneyE4,
  optionContract,
  parseCsvTolerant,
  usDate,
} from './fields.ts'
import { dateOnlyToUtc } from './time.ts'
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

const REQUIRED = ['Date', 'Action', 'Symbol', 'Quantity', 'Price', 'Amount'] as const
const COSTS = ['Fees & Comm', 'Fees & Commissions', 'Fees']

const TRADE_ACTIONS: Record<string, TradeAction> = {
  'sell to open': 'STO',
  'buy to open': 'BTO',
  'buy to close': 'BTC',
  'sell to close': 'STC',
}
const EVENT_ACTIONS: Record<string, 'expired' | 'assigned' | 'exercised'> = {
  expired: 'expired',
  assigned: 'assigned',
  'exchange or exercise': 'exercised',
}

/** `XSP 06/20/2025 570.00 P`, `SPXW 04/24/2026 7180.00 C`. */
const OPTION_SYMBOL = /^([A-Z0-9]{1,6})\s+(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d+(?:\.\d+)?)\s+([CP])$/i
const DATE = /^(\d{1,2}\/\d{1,2}\/\d{4})(?:\s+as\s+of\s+(\d{1,2}\/\d{1,2}\/\d{4}))?$/i

function isHeader(cells: readonly Cell[]): boolean {
  const keys = new Set(cells.map(headerKey))
  return REQUIRED.every((n) => keys.has(n.toLowerCase()))
}

/** Schwab's own header: the transaction columns plus its combined `Fees & Comm`. */
function isSchwabHeader(cells: readonly Cell[]): boolean {
  const keys = new Set(cells.map(headerKey))
  return isHeader(cells) && (keys.has('fees & comm') || keys.has('fees & commissions'))
}

const isBlank = (cells: readonly Cell[]) => cells.every((c) => c === null || c.trim() === '')

const money = (e4: number) => `${e4 < 0 ? '-' : ''}$${formatE4(Math.abs(e4), 2)}`

/** The Schwab option symbol as a contract, or null when the text is not one. */
function contractOf(symbol: string): Contract | null {
  const m = OPTION_SYMBOL.exec(symbol.trim())
  if (!m) return null
  const expiration = usDate(m[2]!)
  const strikeE4 = moneyE4(m[3]!)
  if (!expiration || typeof strikeE4 !== 'number') return null
  return optionContract(m[1]!, expiration, m[4]!.toUpperCase() === 'C' ? 'call' : 'put', strikeE4)
}

const result = (executions: Execution[], rejected: RejectedRow[], warnings: string[]) =>
  parsedTrades('schwab', executions, rejected, warnings, 'date only')

export const schwabParser: BrokerParser = {
  id: 'schwab',
  label: 'Charles Schwab — Accounts → History → Export (Transactions CSV)',

  detect(head: string): boolean {
    return headRows(head, 12).some(isSchwabHeader)
  },

  parse(text: string): ParsedTrades {
    const { records, rejected } = parseCsvTolerant(text)
    const executions: Execution[] = []
    const warnings: string[] = []
    const headerAt = records.findIndex((r) => isHeader(r.cells))
    if (headerAt < 0) {
      rejected.push({
        line: 1,
        reason:
          'no Schwab transactions header was found (it names Date, Action, Symbol, Quantity, Price, Fees & Comm and Amount)',
      })
      return result(executions, rejected, warnings)
    }
    // The 2014-era title line names the account: "Transactions  for account XXXX-3910 as of …".
    let account: string | null = null
    for (const r of records.slice(0, headerAt)) {
      const m = /for\s+account\s+(.+?)\s+as\s+of\b/i.exec(r.cells[0] ?? '')
      if (m) account = m[1]!
    }
    const cols = new Columns(records[headerAt]!.cells)
    const costColumn = COSTS.find((c) => cols.has(c)) ?? null
    const skipped = new Map<string, number>()
    const skip = (what: string) => skipped.set(what, (skipped.get(what) ?? 0) + 1)

    for (const { line, cells } of records.slice(headerAt + 1)) {
      if (isBlank(cells) || isHeader(cells)) continue
      const reject = (reason: string) => rejected.push({ line, reason })
      const dateText = cols.get(cells, 'Date') ?? ''
      if (/^transactions\s+total$/i.test(dateText)) continue
      const dm = DATE.exec(dateText)
      const tradeDate = dm ? usDate(dm[1]!) : null
      if (!tradeDate) {
        // A note or title line (one cell, the rest empty) is not a transaction.
        if (cells.slice(1).every((c) => c === null || c.trim() === '')) continue
        reject(`the date "${dateText}" is not a date (MM/DD/YYYY)`)
        continue
      }
      const actionText = cols.get(cells, 'Action') ?? ''
      const action = actionText.toLowerCase().replace(/\s+/g, ' ')
      const tradeAction = TRADE_ACTIONS[action]
      const event = EVENT_ACTIONS[action]
      const symbol = cols.get(cells, 'Symbol') ?? ''
      if (!tradeAction && !event) {
        skip(actionText || '(no action)')
        continue
      }
      const contract = contractOf(symbol)
      if (!contract) {
        if (event) skip(`${actionText} (not an option)`)
        else
          reject(
            `"${symbol}" is not an option symbol Wingman can read (ROOT MM/DD/YYYY STRIKE C|P)`,
          )
        continue
      }
      const signed = integerOf(cols.get(cells, 'Quantity'))
      if (signed === null || signed === 0) {
        reject(
          `the quantity "${cols.get(cells, 'Quantity') ?? ''}" is not a whole number of contracts`,
        )
        continue
      }
      const quantity = Math.abs(signed)
      const costs = moneyE4(costColumn ? cols.get(cells, costColumn) : null)
      if (costs === undefined || (costs !== null && costs < 0)) {
        reject(`the Fees & Comm "${cols.get(cells, costColumn!)}" is not an amount of costs`)
        continue
      }
      const commissionE4 = costs ?? 0
      const price = moneyE4(cols.get(cells, 'Price'))
      const amount = moneyE4(cols.get(cells, 'Amount'))
      if (price === undefined || (price !== null && price < 0)) {
        reject(`the price "${cols.get(cells, 'Price')}" is not a price`)
        continue
      }
      if (amount === undefined) {
        reject(`the amount "${cols.get(cells, 'Amount')}" is not an amount`)
        continue
      }
      const eventDate = event && dm?.[2] ? usDate(dm[2]) : null
      const date = eventDate ?? tradeDate
      const instant = dateOnlyToUtc(date)!
      const base = {
        line,
        quantity,
        contract,
        commissionE4,
        feesE4: 0,
        executedAt: instant.utc,
        tradeDate: date,
        hasTime: false,
        orderId: null,
        execId: null,
        groupKey: `${date} ${contract.underlying} ${contract.expiration}`,
        account,
      }

      if (tradeAction) {
        if (price === null) {
          reject(`the ${actionText} row has no price`)
          continue
        }
        const sign = tradeAction === 'STO' || tradeAction === 'STC' ? 1 : -1
        const expected = price === 0 ? 0 : sign * price * quantity * contract.multiplier
        let cashE4 = expected
        if (amount !== null) {
          // Amount is net of Fees & Comm: the premium is Amount + Fees & Comm.
          const gross = amount + commissionE4
          if (Math.abs(gross - expected) > 100 * quantity) {
            reject(
              `the amount ${money(amount)} + fees ${money(commissionE4)} = ${money(gross)} does not match ${quantity} × ${money(price)} × ${contract.multiplier} = ${money(expected)}`,
            )
            continue
          }
          cashE4 = gross
        }
        executions.push({ ...base, kind: 'trade', action: tradeAction, priceE4: price, cashE4 })
        continue
      }

      // Events: Expired (+ short closed → BTC, − long closed → STC), Assigned, Exercise.
      let kind: ExecutionKind
      let eventAction: TradeAction
      let priceE4: number | null = null
      let cashE4 = 0
      if (event === 'expired') {
        kind = 'expiration'
        eventAction = signed > 0 ? 'BTC' : 'STC'
        priceE4 = 0
      } else {
        eventAction = event === 'assigned' ? 'BTC' : 'STC'
        if (isCashSettledRoot(contract.root)) {
          kind = 'cash_settlement'
          if (amount !== null && amount !== 0) {
            cashE4 = amount + commissionE4
            const perShare = Math.abs(cashE4) / (quantity * contract.multiplier)
            priceE4 = price ?? (Number.isInteger(perShare) ? perShare : null)
          }
        } else kind = event === 'assigned' ? 'assignment' : 'exercise'
      }
      executions.push({ ...base, kind, action: eventAction, priceE4, cashE4 })
    }

    if (skipped.size > 0) {
      const n = [...skipped.values()].reduce((a, b) => a + b, 0)
      const what = [...skipped.entries()].map(([k, v]) => `${k} ×${v}`).join(', ')
      warnings.push(`${n} rows that are not option trades were skipped: ${what}`)
    }
    return result(executions, rejected, warnings)
  },
}
