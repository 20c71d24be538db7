/**
 * Broker trade files → normalised executions. Every parser maps columns by header name (never by
 * position), turns each execution row into one `Execution`, and names every row it cannot read
 * with its line and the reason, in the trader's words. Parsers are pure: text in, data out.
 * What becomes positions and adjustments is decided later, in `io/trades/` (one matcher for
 * every broker).
 */

import { BROKER_IDS, type BrokerName } from '../../../../shared/tradeImport.ts'

export const BROKERS = BROKER_IDS
export type BrokerId = BrokerName

/** STO / BTO / BTC / STC — the side and the effect of one execution. */
export type TradeAction = 'STO' | 'BTO' | 'BTC' | 'STC'

/**
 * What the row records: a trade, or an event that closes contracts without a trade — an
 * expiration (no cash), an assignment or exercise (physical: the stock leg is not journaled), a
 * cash settlement (cash = intrinsic value × multiplier × quantity).
 */
export type ExecutionKind = 'trade' | 'expiration' | 'assignment' | 'exercise' | 'cash_settlement'

export interface Contract {
  instrument: 'option' | 'future'
  /** The index or stock the contract is on: SPX for SPXW options, VIX for VX futures. */
  underlying: string
  /** The trading class: SPXW, SPX, XSP, VIX, VIXW, VX… */
  root: string
  /** Expiration date YYYY-MM-DD (for a future, its final settlement date). */
  expiration: string
  right: 'call' | 'put' | null
  /** Strike in e4 (570 → 5_700_000); null for futures. */
  strikeE4: number | null
  /** Dollars per point per contract: 100 for index options, 1000 for VX. */
  multiplier: number
  /** Padded 21-character OSI symbol for options (shared/occ.ts formatOcc), `/VXM5` for futures. */
  symbol: string
}

export interface Execution {
  /** 1-based line of the file the row starts on (for messages and the preview). */
  line: number
  kind: ExecutionKind
  /**
   * For trades, what the broker says. For events, the action that closes the contracts:
   * BTC when a short expired or was assigned, STC when a long expired or was exercised.
   */
  action: TradeAction
  /** Contracts, always > 0. */
  quantity: number
  contract: Contract
  /** Per share (per index point), e4, ≥ 0; 0 for expirations; null when the file has none. */
  priceE4: number | null
  /**
   * Premium cash of this execution before costs, + received, e4: price × quantity × multiplier
   * for options (the broker's own figure when it prints one), the settlement cash for cash
   * settlements, 0 for futures (a future moves no premium) and for expirations.
   */
  cashE4: number
  /** Commission, as a cost ≥ 0, e4. */
  commissionE4: number
  /** Exchange, clearing and regulatory fees, as a cost ≥ 0, e4. */
  feesE4: number
  /**
   * When it happened, as a UTC instant (ISO-8601 ending in Z). For date-only formats
   * (`hasTime` false) it is 16:00 New York on that date, so the date is never shifted.
   */
  executedAt: string
  /** The trade date as the statement prints it, YYYY-MM-DD. */
  tradeDate: string
  hasTime: boolean
  /** The broker's order id; legs of one multi-leg order share it. */
  orderId: string | null
  /** The broker's execution id, when the file has one. */
  execId: string | null
  /**
   * The format's own rule for "these rows are one order" when there is no order id (TOS row
   * adjacency, IBKR Activity identical Date/Time, Schwab/Fidelity date + underlying + expiry).
   * Rows with equal `orderId ?? groupKey` form one adjustment.
   */
  groupKey: string
  /** Account number or name as the file prints it, when it does. */
  account: string | null
  /**
   * Only Wingman's own fills CSV: the position / adjustment / hedge layer the fill belonged to,
   * so a journal exported and imported back keeps its grouping.
   */
  journal?: {
    positionKey: string
    adjustmentKind: string
    hedgeLayer: number | null
    adjustmentFeesE4: number
    adjustmentNetPriceE4: number | null
  }
}

/** A row the parser could not read, or read and will not import (named, never silently dropped). */
export interface RejectedRow {
  line: number
  reason: string
}

export interface ParseOptions {
  /**
   * The IANA zone times without an offset are in (TOS, IBKR). Default America/New_York.
   * Ignored where the file has explicit offsets (tastytrade).
   */
  zone: string
}

export interface ParsedTrades {
  broker: BrokerId
  /** Executions in file order. */
  executions: Execution[]
  rejected: RejectedRow[]
  /** Things the trader should know that do not stop the import (e.g. rows skipped by design). */
  warnings: string[]
  /** The zone used for times without an offset, or 'offset in file'. */
  zone: string
}

/** A parser's answer with its unreadable rows in file order (they are found out of order). */
export function parsedTrades(
  broker: BrokerId,
  executions: Execution[],
  rejected: RejectedRow[],
  warnings: string[],
  zone: string,
): ParsedTrades {
  rejected.sort((a, b) => a.line - b.line)
  return { broker, executions, rejected, warnings, zone }
}

export interface BrokerParser {
  id: BrokerId
  /** How the trader knows the export ("tastytrade — History → Transactions CSV"). */
  label: string
  /**
   * True when the text is this broker's export. Looks at header names (and section titles), not
   * at positions. Called on the first ~64 KB of the file.
   */
  detect(head: string): boolean
  parse(text: string, options: ParseOptions): ParsedTrades
}
