/**
 * Fidelity: Activity & Orders → History → Download.
 *
 * Single-account header `Run Date,Action,Symbol,Description,Type,Quantity,Price ($),Commission ($),
 * Fees ($),Accrued Interest ($),Amount ($),Cash Balance ($),Settlement Date` (older files lack
 * Cash Balance, name `Security Description` / `Security Type`, or put `Price ($)` before
 * `Quantity`); the all-accounts export names `Account`, `Account Number`, `Price`, `Quantity`,
 * `Commission`, `Fees`, `Amount` without the `($)`. The file may start with blank lines or a
 * `Brokerage` line and ends with quoted disclaimer rows. Rows are newest first.
 *
 * How this parser reads it (BROKER_FORMATS.md §6):
 * - Dates only: `hasTime` false, executedAt 16:00 New York of the trade date. The trade date is
 *   the Run Date, except that an `EXPIRED as of 06/13/2025 …` / `ASSIGNED as of …` row is dated
 *   by its "as of" date (the day it happened; Fidelity posts it a business day later).
 * - Options only: Symbol `-MU250117P100` (a leading space in the all-accounts file) → root MU,
 *   multiplier 100; SPXW prints its own root, underlying SPX. Anything else (stocks, dividends,
 *   transfers, the stock leg of an assignment) is skipped and counted in one warning.
 * - Action `YOU SOLD OPENING TRANSACTION …` → STO, `YOU BOUGHT OPENING` → BTO, `YOU BOUGHT
 *   CLOSING` → BTC, `YOU SOLD CLOSING` → STC. Quantity is signed; executions carry it unsigned.
 * - `Commission ($)` → commissionE4 and `Fees ($)` → feesE4 (both positive). `Amount ($)` is net
 *   of both: the premium is Amount + Commission + Fees, and must equal Price × Quantity × 100
 *   within a cent per contract or the row is rejected.
 * - `EXPIRED` rows: + quantity closed a short → BTC, − a long → STC. `ASSIGNED` closes a short
 *   (BTC), `EXERCISED` a long (STC). For a cash-settled index option (SPXW, XSP…) that is a cash
 *   settlement: with its cash when the row shows an Amount, otherwise priceE4 null and cash 0
 *   (the importer settles it from the stored index close). An equity assignment has no price.
 * - No order id: legs are grouped by account + date + underlying + expiration (groupKey).
 */
import { formatE4 } from '../../../../shared/money.ts'
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

/** The first of these names the header has. */
const PRICE = ['Price ($)', 'Price']
const COMMISSION = ['Commission ($)', 'Commission']
const FEES = ['Fees ($)', 'Fees']
const AMOUNT = ['Amount ($)', 'Amount']

const TRADE = /\bYOU\s+(SOLD|BOUGHT)\s+(OPENING|CLOSING)\s+TRANSACTION\b/i
const AS_OF = /\bas\s+of\s+(\d{1,2}\/\d{1,2}\/\d{2,4}|[A-Za-z]{3}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2})/i
/** `-MU250117P100`, `-MU251003P157.5`, ` -SPY221118P394`. */
const OPTION_SYMBOL = /^-([A-Z][A-Z0-9]*?)(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/i

function isHeader(cells: readonly Cell[]): boolean {
  const keys = new Set(cells.map(headerKey))
  return (
    keys.has('run date') &&
    keys.has('action') &&
    keys.has('symbol') &&
    keys.has('quantity') &&
    AMOUNT.some((a) => keys.has(a.toLowerCase()))
  )
}

const isBlank = (cells: readonly Cell[]) => cells.every((c) => c === null || c.trim() === '')
const money = (e4: number) => `${e4 < 0 ? '-' : ''}$${formatE4(Math.abs(e4), 2)}`

/** `01/17/2025`, `Mar-06-2026`, `2026-07-31` → YYYY-MM-DD. */
function asOfDate(text: string): string | null {
  let m = /^([A-Za-z]{3})-(\d{1,2})-(\d{4})$/.exec(text)
  if (m) return isoDate(Number(m[3]), monthOfName(m[1]!), Number(m[2]))
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
  return usDate(text)
}

function contractOf(symbol: string): Contract | null {
  const m = OPTION_SYMBOL.exec(symbol.trim())
  if (!m) return null
  const expiration = isoDate(2000 + Number(m[2]), Number(m[3]), Number(m[4]))
  const strikeE4 = moneyE4(m[6]!)
  if (!expiration || typeof strikeE4 !== 'number') return null
  return optionContract(m[1]!, expiration, m[5]!.toUpperCase() === 'C' ? 'call' : 'put', strikeE4)
}

/** What kind of option row the Action says, or null for anything else. */
function actionOf(
  action: string,
): { trade: TradeAction } | { event: 'expired' | 'assigned' | 'exercised' } | null {
  const t = TRADE.exec(action)
  if (t) {
    const sold = t[1]!.toUpperCase() === 'SOLD'
    const opening = t[2]!.toUpperCase() === 'OPENING'
    return { trade: sold ? (opening ? 'STO' : 'STC') : opening ? 'BTO' : 'BTC' }
  }
  // `YOU BOUGHT ASSIGNED PUTS …` is the stock leg of an assignment (a stock symbol), not this.
  if (/^\s*YOU\s+(BOUGHT|SOLD)\b/i.test(action)) return null
  if (/\bEXPIRED\b/i.test(action)) return { event: 'expired' }
  if (/\bASSIGNED\b/i.test(action)) return { event: 'assigned' }
  if (/\bEXERCISED\b/i.test(action)) return { event: 'exercised' }
  return null
}

/** A short label for a skipped row: the Action's first words ("DIVIDEND RECEIVED"). */
const labelOf = (action: string) =>
  action
    .split(/\s+|\(/)
    .filter(Boolean)
    .slice(0, 2)
    .join(' ')
    .toUpperCase() || '(no action)'

const result = (executions: Execution[], rejected: RejectedRow[], warnings: string[]) =>
  parsedTrades('fidelity', executions, rejected, warnings, 'date only')

export const fidelityParser: BrokerParser = {
  id: 'fidelity',
  label: 'Fidelity — Activity & Orders → History → Download',

  detect(head: string): boolean {
    return headRows(head, 20).some(isHeader)
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
          'no Fidelity history header was found (it names Run Date, Action, Symbol, Quantity and Amount)',
      })
      return result(executions, rejected, warnings)
    }
    const cols = new Columns(records[headerAt]!.cells)
    const pick = (names: string[]) => names.find((n) => cols.has(n)) ?? null
    const priceCol = pick(PRICE)
    const commissionCol = pick(COMMISSION)
    const feesCol = pick(FEES)
    const amountCol = pick(AMOUNT)!
    const accountCol = pick(['Account Number', 'Account'])
    const skipped = new Map<string, number>()
    const skip = (what: string) => skipped.set(what, (skipped.get(what) ?? 0) + 1)

    for (const { line, cells } of records.slice(headerAt + 1)) {
      if (isBlank(cells) || isHeader(cells)) continue
      const reject = (reason: string) => rejected.push({ line, reason })
      const runText = cols.get(cells, 'Run Date') ?? ''
      const runDate = usDate(runText)
      if (!runDate) {
        // The disclaimer rows and "Date downloaded …" hold one cell and nothing else.
        if (cells.slice(1).every((c) => c === null || c.trim() === '')) continue
        reject(`the Run Date "${runText}" is not a date (MM/DD/YYYY)`)
        continue
      }
      const actionText = cols.get(cells, 'Action') ?? ''
      const symbol = cols.get(cells, 'Symbol') ?? ''
      const what = actionOf(actionText)
      if (!what) {
        skip(labelOf(actionText))
        continue
      }
      const contract = contractOf(symbol)
      if (!contract) {
        if (!symbol.startsWith('-')) skip(labelOf(actionText))
        else reject(`"${symbol}" is not an option symbol Wingman can read (-ROOTYYMMDDC|PSTRIKE)`)
        continue
      }
      const signed = integerOf(cols.get(cells, 'Quantity'))
      if (signed === null || signed === 0) {
        reject(
          `the quantity "${cols.get(cells, 'Quantity') ?? ''}" is not a whole number of contracts${'event' in what && what.event === 'expired' ? ' (its sign says whether the short or the long expired)' : ''}`,
        )
        continue
      }
      const quantity = Math.abs(signed)
      const amounts: Record<string, number | null> = {}
      let bad: string | null = null
      for (const [name, col] of [
        ['price', priceCol],
        ['commission', commissionCol],
        ['fees', feesCol],
        ['amount', amountCol],
      ] as const) {
        const raw = col ? cols.get(cells, col) : null
        const v = moneyE4(raw)
        if (v === undefined || (name !== 'amount' && v !== null && v < 0)) {
          bad = `the ${name} "${raw}" is not ${name === 'price' ? 'a price' : 'an amount'}`
          break
        }
        amounts[name] = v
      }
      if (bad) {
        reject(bad)
        continue
      }
      const price = amounts.price ?? null
      const commissionE4 = amounts.commission ?? 0
      const feesE4 = amounts.fees ?? 0
      const amount = amounts.amount ?? null
      const asOf = AS_OF.exec(actionText)
      const tradeDate = (asOf && asOfDate(asOf[1]!)) || runDate
      const base = {
        line,
        quantity,
        contract,
        commissionE4,
        feesE4,
        executedAt: dateOnlyToUtc(tradeDate)!.utc,
        tradeDate,
        hasTime: false,
        orderId: null,
        execId: null,
        account: accountCol ? cols.get(cells, accountCol) : null,
      }
      const groupKey =
        `${base.account ?? ''} ${tradeDate} ${contract.underlying} ${contract.expiration}`.trim()

      if ('trade' in what) {
        if (price === null) {
          reject('the trade has no price')
          continue
        }
        const action = what.trade
        const sign = action === 'STO' || action === 'STC' ? 1 : -1
        const expected = price === 0 ? 0 : sign * price * quantity * contract.multiplier
        let cashE4 = expected
        if (amount !== null) {
          // Amount ($) is net of Commission and Fees: the premium is Amount + both.
          const gross = amount + commissionE4 + feesE4
          if (Math.abs(gross - expected) > 100 * quantity) {
            reject(
              `the amount ${money(amount)} + commission ${money(commissionE4)} + fees ${money(feesE4)} = ${money(gross)} does not match ${quantity} × ${money(price)} × ${contract.multiplier} = ${money(expected)}`,
            )
            continue
          }
          cashE4 = gross
        }
        executions.push({ ...base, groupKey, kind: 'trade', action, priceE4: price, cashE4 })
        continue
      }

      let kind: ExecutionKind
      let action: TradeAction
      let priceE4: number | null = null
      let cashE4 = 0
      if (what.event === 'expired') {
        kind = 'expiration'
        action = signed > 0 ? 'BTC' : 'STC'
        priceE4 = 0
      } else {
        action = what.event === 'assigned' ? 'BTC' : 'STC'
        if (isCashSettledRoot(contract.root)) {
          kind = 'cash_settlement'
          if (amount !== null && amount !== 0) {
            cashE4 = amount + commissionE4 + feesE4
            const perShare = Math.abs(cashE4) / (quantity * contract.multiplier)
            priceE4 = price ?? (Number.isInteger(perShare) ? perShare : null)
          }
        } else kind = what.event === 'assigned' ? 'assignment' : 'exercise'
      }
      executions.push({ ...base, groupKey, kind, action, priceE4, cashE4 })
    }

    if (skipped.size > 0) {
      const n = [...skipped.values()].reduce((a, b) => a + b, 0)
      const what = [...skipped.entries()].map(([k, v]) => `${k} ×${v}`).join(', ')
      warnings.push(`${n} rows that are not option trades were skipped: ${what}`)
    }
    return result(executions, rejected, warnings)
  },
}
