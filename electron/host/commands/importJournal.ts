import { rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { DomainError } from '../../../shared/result.ts'
import { openJournal, type OpenJournal } from '../../core/db/connection.ts'
import { importJournal } from '../../core/io/importJournal.ts'
import { openAppJournal } from '../../core/services/journal.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

/**
 * `wingman import-journal --db NEW DIR`: the CSV files of `wingman export` back into a new,
 * empty journal, exactly (electron/core/io/importJournal.ts).
 */
export const importJournalCommand: Command = {
  summary: 'rebuild a journal from the CSV files of wingman export (into a new, empty one)',
  usage: `wingman import-journal --db NEW DIR

Reads the CSV files that "wingman export" wrote into DIR (one per table) and writes them into
the journal NEW, exactly as they were exported: every id, empty text and empty (NULL) field,
decimal and time. NEW is created when it does not exist; an existing NEW must be empty — no
positions, at most its default account, no ruleset of your own. What a new journal holds by
itself (the default account, the shipped rulesets, the bundled market history) is replaced by
the export's rows. DIR must match this Wingman's schema: a missing table file or column, or a
file or column this journal does not have (an export from a newer Wingman), is refused with its
name. Everything is written in one transaction: a refusal writes nothing (a NEW created by this
command is removed again).

Options:
  --db NEW    the journal to fill (created if missing)
  -h, --help  show this help`,
  options: { db: { type: 'string' }, ...HELP_OPTION },
  positionals: true,
  run: async (values, io, positionals = []) => {
    const db = typeof values.db === 'string' ? values.db : ''
    if (!db) throw new UsageError('--db is required')
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length ? `one folder only, got ${positionals.length}` : 'give the folder DIR',
      )
    const path = resolve(db)
    const dir = resolve(positionals[0] ?? '')
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new DomainError('NOT_FOUND', `No folder at ${dir}`)
    const created = !statSync(path, { throwIfNoEntry: false })
    // A new journal as `wingman init --empty` makes it; the import replaces what it seeds.
    const opened: OpenJournal = created
      ? openAppJournal(path, { marketDir: null })
      : openJournal(path)
    if (opened.readOnly) {
      opened.db.close()
      throw new DomainError('DB_CORRUPT', opened.problem ?? 'The journal is damaged')
    }
    try {
      const report = importJournal(opened.db, dir)
      opened.db.close()
      io.out(
        `Imported ${report.rows.toLocaleString('en-US')} rows in ${report.tables.length} tables ` +
          `from ${dir} into ${path}\n`,
      )
      return EXIT_OK
    } catch (e) {
      opened.db.close()
      if (created) for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
      throw e
    }
  },
}
