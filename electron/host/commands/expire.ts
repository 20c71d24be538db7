import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { nyDateOf } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import { openJournal } from '../../core/db/connection.ts'
import { expirePositions, expiryCandidates } from '../../core/services/expire.ts'
import { MarkService } from '../../core/services/marks.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

/**
 * `wingman expire --db PATH [--dry-run]`: books an "expire" adjustment for every open position
 * whose legs are past their expiration and settle from the stored history (shared/settlement.ts).
 */
export const expireCommand: Command = {
  summary: 'close expired legs at their settlement from the stored history',
  usage: `wingman expire --db PATH [--dry-run]

Finds every open position with legs past their expiration (before today, New York time) and
values each such leg at its settlement from the stored history: SPXW and XSP at the expiry
day's SPX close; SPX monthlies at that day's SPX open (approximating the Special Opening
Quotation); VIX options and VX futures at the VIX open (approximating the VRO). Options close
at their intrinsic value, futures at the settlement. Each position gets one "expire"
adjustment per expiry date; a position left with no open leg is closed.

Prints one JSON object: {"dryRun", "expired": [position ids], "positions": [{positionId,
ready, legs: [{legId, root, expiration, optionType, strike, openQuantity, price, cash,
source}]}]}. A leg whose settlement is not stored (past the history, or SPY/RUT/NDX) has
price null and says why; its position is skipped — enter the settlement in the app. Exit
code 2 when some positions were skipped.

Options:
  --db PATH    journal file
  --dry-run    show what would be booked; write nothing
  -h, --help   show this help`,
  options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, ...HELP_OPTION },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    if (!db) throw new UsageError('--db is required')
    const path = resolve(db)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const journal = openJournal(path).db
    try {
      const marks = new MarkService(journal)
      const today = nyDateOf(new Date())
      const dryRun = values['dry-run'] === true
      const positions = expiryCandidates(journal, marks, today)
      const expired = dryRun
        ? []
        : expirePositions(journal, marks, today, {}, new Date()).expired.map(Number)
      io.out(`${JSON.stringify({ dryRun, expired, positions })}\n`)
      const skipped = positions.filter((p) => !p.ready)
      if (skipped.length) {
        io.err(
          `${skipped.length} position(s) have expired legs without a stored settlement: ${skipped
            .map((p) => `#${p.positionId}`)
            .join(', ')} — enter the settlement in the app\n`,
        )
        return EXIT_DATA
      }
      return EXIT_OK
    } finally {
      journal.close()
    }
  },
}
