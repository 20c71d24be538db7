import { basename, resolve } from 'node:path'
import { DomainError } from '../../../shared/result.ts'
import { openJournal } from '../../core/db/connection.ts'
import { restoreJournalFile } from '../../core/io/restore.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

/**
 * `wingman restore --db PATH --from FILE`: a backup (or any Wingman journal file) in place of
 * the journal, after checking it and keeping the journal as a backup (electron/core/io/restore.ts).
 */
export const restoreCommand: Command = {
  summary: 'put a backup in place of the journal (the journal is kept as a backup first)',
  usage: `wingman restore --db PATH --from FILE

Replaces the journal at PATH with FILE — a backup from the backups folder beside the journal
(backups/…sqlite), a copy made with wingman backup, or any Wingman journal file. FILE is
checked first: it must be a SQLite database carrying Wingman's application id, written by this
Wingman or an older one (an older journal is upgraded after the restore), and pass SQLite's
integrity check. Then the journal at PATH is kept as a backup (backups/…-before-restore.sqlite)
and replaced in one step (a copy written beside it, synced to disk, renamed over it). FILE is
not changed. Close the app and any wingman serve on PATH first: a journal in use is refused.

Options:
  --db PATH    the journal to replace (created when missing)
  --from FILE  the backup to restore
  -h, --help   show this help`,
  options: { db: { type: 'string' }, from: { type: 'string' }, ...HELP_OPTION },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    const from = typeof values.from === 'string' ? values.from : ''
    if (!db) throw new UsageError('--db is required')
    if (!from) throw new UsageError('--from is required')
    const path = resolve(db)
    const source = resolve(from)
    const now = new Date()
    const { keptAs, schemaVersion } = restoreJournalFile(path, source, now)
    // Opening brings an older backup to the current schema (after its own backup).
    const opened = openJournal(path, { now: () => now })
    opened.db.close()
    if (opened.readOnly)
      throw new DomainError('DB_CORRUPT', opened.problem ?? 'The restored journal is damaged')
    const { from: v, to } = opened.migration
    io.out(
      `Restored ${path} from ${basename(source)} (schema ${schemaVersion}` +
        (v < to ? `, upgraded to ${to}` : '') +
        `)` +
        (keptAs ? `; the journal it replaced is kept as ${keptAs}` : '') +
        '\n',
    )
    return EXIT_OK
  },
}
