import { resolve } from 'node:path'
import { salvageJournal } from '../../core/db/salvage/salvage.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

/**
 * `wingman salvage --db PATH --out NEW`: copies every readable row of a damaged journal into a
 * new one and prints, per table, what was copied and what was lost.
 */
export const salvageCommand: Command = {
  summary: 'copy every readable record of a damaged journal into a new journal',
  usage: `wingman salvage --db PATH --out NEW

Reads the journal at PATH page by page, skipping what is damaged, and copies every readable row
of every table into a new journal at NEW (made by the normal migrations; NEW must not exist).
PATH is not changed. Prints one line per table — rows copied, rows lost, unreadable pages — and
whether NEW opens cleanly. The bundled market history is loaded again into NEW when it is first
opened, which restores bundled rows that were lost. Exit 0 when nothing was lost, 2 otherwise.

Options:
  --db PATH   the damaged journal (read only)
  --out NEW   the new journal to create
  -h, --help  show this help`,
  options: { db: { type: 'string' }, out: { type: 'string' }, ...HELP_OPTION },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    const out = typeof values.out === 'string' ? values.out : ''
    if (!db) throw new UsageError('--db is required')
    if (!out) throw new UsageError('--out is required')
    const report = salvageJournal(resolve(db), resolve(out))
    const width = Math.max(...report.tables.map((t) => t.table.length))
    let copied = 0
    let lost = 0
    let pages = 0
    for (const t of report.tables) {
      copied += t.copied
      lost += t.lost
      pages += t.unreadablePages
      io.out(
        `${t.table.padEnd(width)}  copied ${t.copied}  lost ${t.lost}` +
          (t.unreadablePages ? `  unreadable pages ${t.unreadablePages}` : '') +
          (t.firstRefusal ? `  (refused: ${t.firstRefusal})` : '') +
          '\n',
      )
    }
    io.out(
      `Salvaged ${copied} rows into ${report.out}; ${lost} rows known lost` +
        (pages
          ? `, ${pages} unreadable page(s) (rows on them that no index lists cannot be counted)`
          : '') +
        `; the new journal ${report.opensCleanly ? 'opens cleanly' : 'did NOT open cleanly'}\n`,
    )
    return lost === 0 && pages === 0 && report.opensCleanly ? EXIT_OK : EXIT_DATA
  },
}
