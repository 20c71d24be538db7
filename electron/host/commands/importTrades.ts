import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { nyDateOf } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import {
  BROKER_IDS,
  ImportTradesSchema,
  type ImportTradesResult,
} from '../../../shared/tradeImport.ts'
import { openJournal } from '../../core/db/connection.ts'
import { importTrades } from '../../core/services/importTrades.ts'
import { MarkService } from '../../core/services/marks.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

function summary(r: ImportTradesResult, dryRun: boolean): string {
  const lines = [
    `${r.brokerLabel}${r.detected ? ' (detected)' : ''}; times: ${r.zone}`,
    `${r.executions.length} executions read: ${r.inserted} new, ${r.duplicates} already in the journal, ${r.rejected.length} not imported`,
  ]
  for (const p of r.positions) {
    const head = `${p.extends ? 'extends' : dryRun ? 'would create' : 'created'} ${p.id === null ? '' : `#${p.id} `}${p.underlying} ${p.shape} (${p.status}${p.closedOn ? ` ${p.closedOn}` : ''})`
    lines.push(
      `  ${head}: ${p.adjustments.map((a) => `${a.kind} ${nyDateOf(new Date(a.occurredAt))} cash ${a.cash} fees ${a.fees}`).join('; ')}; realised P&L ${p.pnl ?? 'unknown'}`,
    )
  }
  for (const w of r.warnings) lines.push(`  note: ${w}`)
  for (const x of r.rejected) lines.push(`  line ${x.line}: ${x.reason}`)
  if (r.notWritten) lines.push(r.notWritten)
  else if (dryRun) lines.push('Dry run: nothing was written.')
  else if (r.inserted === 0) lines.push('0 new executions: nothing to write.')
  return `${lines.join('\n')}\n`
}

/** The `--json` shape documented in the help and the README (money in dollars, as exact text). */
function json(r: ImportTradesResult) {
  return {
    broker: r.broker,
    zone: r.zone,
    written: r.written,
    executions: r.executions.map((e) => ({
      occ: e.occ,
      action: e.action,
      kind: e.kind,
      quantity: e.quantity,
      price: e.price,
      commission: e.commission,
      fees: e.fees,
      executedAt: e.executedAt,
      orderId: e.orderId,
      execId: e.execId,
      duplicate: e.duplicate,
    })),
    positions: r.positions.map((p) => ({
      id: p.id,
      structure: p.structure,
      shape: p.shape,
      underlying: p.underlying,
      status: p.status,
      legs: p.legs,
      adjustments: p.adjustments,
      pnl: p.pnl,
    })),
    inserted: r.inserted,
    duplicates: r.duplicates,
    rejected: r.rejected,
    warnings: r.warnings,
  }
}

/** `wingman import-trades --db PATH FILE …`: a broker's trade export into the journal. */
export const importTradesCommand: Command = {
  summary: "import a broker's trade export (tastytrade, thinkorswim, Schwab, IBKR, Fidelity)",
  usage: `wingman import-trades --db PATH FILE [--broker NAME] [--tz ZONE] [--dry-run] [--json]
                      [--accept-readable] [--hedges attach|standalone] [--account ID]

Reads a broker's trade export and records its executions: the legs of one order become one
adjustment; opening orders become positions with their structure recognised (iron condor,
verticals, strangle, straddle, butterflies, singles, futures, custom); an order that closes
legs of an open position and opens others on the same underlying is a roll (each new leg
replaces the closed leg of the same right and side); closes are matched per contract, oldest
first, so partial closes split quantities. Expirations, assignments and cash settlements close
their contracts with their cash (a cash settlement the file shows without cash is settled at
the stored SPX print, with a note). VIX options and VX futures opened while an SPX position is
open become its next hedge layer (--hedges standalone keeps them as positions of their own).

Never twice: each execution keeps a key (the broker's execution id, or a hash of account,
time, contract, side, quantity and price plus its ordinal among identical rows), so importing
the same or an overlapping file again adds nothing and says so. Never half: everything is
written in one transaction, and a file with rows that cannot be read writes nothing unless
--accept-readable is given; every such row is listed with its line and reason.

Formats (detected from the file's headers; --broker overrides):
  tastytrade     History → Transactions CSV (2024+ with or without Total, 2023, tastyworks,
                 legacy "Transactions")
  thinkorswim    Account Statement CSV (Account Trade History; fees from Cash Balance;
                 SPX vs SPXW from "(Weeklys)")
  schwab         schwab.com History → Transactions CSV (dates only)
  ibkr-flex      Interactive Brokers Flex Query, Trades section (plain or with section markers)
  ibkr-activity  Interactive Brokers Activity Statement CSV (Trades section, Order rows)
  fidelity       Fidelity Activity & Orders → History CSV (dates only)
  wingman        Wingman's own fills CSV (fill_summary.csv of wingman export)

Times: an explicit offset in the file is kept (tastytrade); other times are read in --tz
(default America/New_York); date-only statements keep their date (stored as 16:00 New York).

--json prints one object: {"broker", "zone", "written", "executions": [{"occ", "action",
"kind", "quantity", "price", "commission", "fees", "executedAt", "orderId", "execId",
"duplicate"}], "positions": [{"id", "structure", "shape", "underlying", "status", "legs":
[{"occ", "contract", "role", "quantity", "replaces", "hedgeLayer", "closed"}], "adjustments":
[{"kind", "occurredAt", "cash", "fees"}], "pnl"}], "inserted", "duplicates", "rejected":
[{"line", "reason"}], "warnings"}. Money is in dollars as exact decimal text; cash + =
received; commission and fees are costs; pnl is the position's realised P&L after costs;
executedAt is a UTC instant, or the date for date-only statements. "inserted" counts the
executions written (in a dry run, that would be written); "duplicates" those skipped.

Exit code 2 when rows could not be read and nothing was written.

Options:
  --db PATH            journal file
  --broker NAME        one of ${BROKER_IDS.join(', ')}
  --tz ZONE            IANA zone of times without an offset (default America/New_York)
  --dry-run            show what would be imported; write nothing
  --json               print the JSON object instead of a summary
  --accept-readable    write the readable rows even though some rows cannot be read
  --hedges MODE        attach (default) or standalone
  --account ID         the journal account to import into (default: the first account)
  -h, --help           show this help`,
  positionals: true,
  options: {
    db: { type: 'string' },
    broker: { type: 'string' },
    tz: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    'accept-readable': { type: 'boolean' },
    hedges: { type: 'string' },
    account: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io, positionals = []) => {
    const dbPath = typeof values.db === 'string' ? values.db : ''
    if (!dbPath) throw new UsageError('--db is required')
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? 'give one file only' : 'give the FILE to import')
    const path = resolve(dbPath)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const file = resolve(positionals[0]!)
    if (!existsSync(file)) throw new UsageError(`No file at ${file}`)
    const broker = values.broker
    if (broker !== undefined && !(BROKER_IDS as readonly unknown[]).includes(broker))
      throw new UsageError(`--broker must be one of ${BROKER_IDS.join(', ')}`)
    const hedges = values.hedges ?? 'attach'
    if (hedges !== 'attach' && hedges !== 'standalone')
      throw new UsageError('--hedges must be attach or standalone')
    const account = values.account === undefined ? undefined : Number(values.account)
    if (account !== undefined && !(Number.isInteger(account) && account > 0))
      throw new UsageError('--account must be an account id')
    const request = ImportTradesSchema.safeParse({
      fileName: file.split(/[\\/]/).pop(),
      content: readFileSync(file, 'utf8'),
      broker,
      zone: typeof values.tz === 'string' ? values.tz : undefined,
      hedges,
      accountId: account,
      acceptReadable: values['accept-readable'] === true,
      dryRun: values['dry-run'] === true,
    })
    if (!request.success) throw new UsageError(request.error.issues[0]!.message)
    const journal = openJournal(path).db
    try {
      const marks = new MarkService(journal)
      const result = importTrades(
        journal,
        request.data,
        (symbol, d) => marks.market().bar(symbol, d),
        new Date(),
      )
      io.out(
        values.json === true
          ? `${JSON.stringify(json(result), null, 2)}\n`
          : summary(result, request.data.dryRun),
      )
      if (result.notWritten) {
        if (values.json === true) io.err(`${result.notWritten}\n`)
        return EXIT_DATA
      }
      return EXIT_OK
    } finally {
      journal.close()
    }
  },
}
