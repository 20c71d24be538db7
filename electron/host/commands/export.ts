import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { nyDateOf } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import { openJournal } from '../../core/db/connection.ts'
import { exportJournal } from '../../core/io/exportJournal.ts'
import { writeSummaries } from '../../core/io/exportSummary.ts'
import { MarkService } from '../../core/services/marks.ts'
import { EXIT_OK, HELP_OPTION, requireOption, type Command } from './types.ts'

/** `wingman export`: in its own module, so it loads the export and nothing of the host. */
export const exportCommand: Command = {
  summary: 'write every journal table, and position and fill summaries, to CSV files',
  usage: `wingman export --db PATH --out DIR

Writes one CSV per journal table into DIR (created if missing): RFC 4180, UTF-8 with BOM,
header row, ISO-8601 times, exact decimals; text that a spreadsheet would run as a formula
is prefixed with an apostrophe. The raw tables are what \`wingman import-journal\` reads back.

Beside them, two files for a spreadsheet:
position_summary.csv  one row per position: position_id, account, underlying, structure,
                      status, opened_on, closed_on, expiration, quantity, strikes,
                      opening_credit, realised_pnl, open_pnl, open_pnl_date, open_pnl_basis,
                      fees, total_pnl, adjustments, decisions, ruleset, tags, notes — money
                      in dollars from the same ledger as the app's screens; open P&L is a
                      model value (or your marks) as of open_pnl_date, said in open_pnl_basis
fill_summary.csv      one row per fill (corrections applied): the contract as an OCC symbol
                      and in words, side, open/close, quantity, price, fees, cash, the New
                      York time and the UTC instant, position and adjustment — the layout
                      \`wingman import-trades\` reads back

Options:
--db PATH   journal file to read
--out DIR   folder for the CSV files
-h, --help  show this help`,
  options: { db: { type: 'string' }, out: { type: 'string' }, ...HELP_OPTION },
  run: async (values, io) => {
    const path = resolve(requireOption(values, 'db'))
    const outDir = resolve(requireOption(values, 'out'))
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const { db } = openJournal(path)
    try {
      const tables = exportJournal(db, outDir)
      const rows = tables.reduce((n, t) => n + t.rows, 0)
      io.out(`Exported ${tables.length} tables (${rows} rows) to ${outDir}\n`)
      for (const s of writeSummaries(db, new MarkService(db), outDir, nyDateOf(new Date())))
        io.out(`${basename(s.file)}: ${s.rows} rows\n`)
    } finally {
      db.close()
    }
    return EXIT_OK
  },
}
