/**
 * The broker trade import as the contract and the CLI see it: the request (a file's text, never
 * a path) and what the import found, will create, skipped and could not read. Money is exact
 * decimal text in dollars (cash + = received); instants are UTC ISO-8601, or a plain date for
 * date-only statements.
 */
import { z } from 'zod'

export const BROKER_IDS = [
  'tastytrade',
  'thinkorswim',
  'schwab',
  'ibkr-flex',
  'ibkr-activity',
  'fidelity',
  'wingman',
] as const
export type BrokerName = (typeof BROKER_IDS)[number]

export const BROKER_LABELS: Record<BrokerName, string> = {
  tastytrade: 'tastytrade (History → Transactions CSV)',
  thinkorswim: 'thinkorswim (Account Statement CSV)',
  schwab: 'Charles Schwab (Transactions CSV)',
  'ibkr-flex': 'Interactive Brokers (Flex Query trades CSV)',
  'ibkr-activity': 'Interactive Brokers (Activity Statement CSV)',
  fidelity: 'Fidelity (Activity & Orders history CSV)',
  wingman: "Wingman's own fills CSV (fill_summary.csv)",
}

/** 40 MB of text: about 250,000 broker rows. */
export const MAX_IMPORT_CHARS = 40_000_000

export const ImportTradesSchema = z.strictObject({
  fileName: z.string().max(260).default(''),
  content: z
    .string()
    .min(1, { message: 'The file is empty' })
    .max(MAX_IMPORT_CHARS, { message: 'The file is larger than 40 MB: split it by date range' }),
  /** Overrides detection. */
  broker: z.enum(BROKER_IDS, { message: 'Choose a broker from the list' }).optional(),
  /** IANA zone for statement times without an offset. */
  zone: z.string().max(64).default('America/New_York'),
  /** VIX options / VX futures opened while an SPX position is open: its hedge layer, or alone. */
  hedges: z.enum(['attach', 'standalone']).default('attach'),
  accountId: z.number().int().positive().optional(),
  /** Write the readable rows even though some rows could not be read. */
  acceptReadable: z.boolean().default(false),
  dryRun: z.boolean().default(false),
})
export type ImportTradesRequest = z.input<typeof ImportTradesSchema>
export type ImportTrades = z.output<typeof ImportTradesSchema>

export interface ImportedExecution {
  line: number
  /** Padded OSI symbol for options, `/VXM5` for futures. */
  occ: string
  /** The contract in words: "SPXW 2025-06-13 6000 call". */
  contract: string
  action: 'STO' | 'BTO' | 'BTC' | 'STC'
  kind: 'trade' | 'expiration' | 'assignment' | 'exercise' | 'cash_settlement'
  quantity: number
  /** Per share, null when the file has none. */
  price: string | null
  commission: string
  fees: string
  /** UTC instant, or YYYY-MM-DD for date-only statements. */
  executedAt: string
  orderId: string | null
  execId: string | null
  /** Already in the journal from an earlier import: skipped. */
  duplicate: boolean
}

export interface ImportedLeg {
  occ: string
  contract: string
  role: string
  /** Signed contracts as opened. */
  quantity: number
  /** The contract this leg replaced in a roll. */
  replaces: string | null
  hedgeLayer: number | null
  closed: boolean
}

export interface ImportedAdjustment {
  kind: string
  occurredAt: string
  /** Premium moved, + received. */
  cash: string
  /** Commissions and fees. */
  fees: string
}

export interface ImportedPosition {
  /** The journal's id (null in a dry run for a position the import would create). */
  id: number | null
  /** True when the import adds to a position the journal already held. */
  extends: boolean
  structure: string
  /** The recognised shape in words ("iron condor", "put debit spread"). */
  shape: string
  underlying: string
  status: 'open' | 'closed'
  openedOn: string
  closedOn: string | null
  /** The legs this import added (a roll's new legs, a new position's legs). */
  legs: ImportedLeg[]
  adjustments: ImportedAdjustment[]
  /**
   * Realised P&L after all costs of the whole position as it stands after the import, from
   * the journal's ledger; null when a combo price leaves it unknown.
   */
  pnl: string | null
}

export interface ImportTradesResult {
  broker: BrokerName
  brokerLabel: string
  /** How the broker was chosen. */
  detected: boolean
  /** The zone used for times without an offset ('offset in file' for tastytrade). */
  zone: string
  accountId: number
  /** True when the journal was written. */
  written: boolean
  /** Why nothing was written, in the trader's words; null when written or a dry run. */
  notWritten: string | null
  executions: ImportedExecution[]
  positions: ImportedPosition[]
  /** Executions written (or, in a dry run, that would be). */
  inserted: number
  /** Executions skipped because the journal already holds them. */
  duplicates: number
  rejected: { line: number; reason: string }[]
  warnings: string[]
}
