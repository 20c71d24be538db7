import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { DomainError } from '../../../shared/result.ts'
import { openJournal } from '../../core/db/connection.ts'
import { runDemo } from '../../core/demo/demo.ts'
import { MarkService } from '../../core/services/marks.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

/** `wingman demo --db PATH [--positions N] [--seed S]`: a realistic big journal on demand. */
export const demoCommand: Command = {
  summary: 'fill an empty journal with a realistic demo trader (condors, rolls, hedges, decisions)',
  usage: `wingman demo --db PATH [--positions N] [--seed S] [--decisions N]

Fills an empty journal (made by wingman init, which stores the market history) with the trades
of a demo SPX iron-condor trader, through the same trade import the app uses: condors opened
on real sessions of the stored history, short strikes about one standard deviation (from that
day's VIX) from that day's real SPX close, 50-point wings, a listed Friday expiry about 45
days out, prices from the model rounded to 0.05; a quarter rolled (the tested side, out to a
new 45-day expiry), most of the rest closed early or expired at the real close; a fifth
hedged with a layer (a long VX future while the VX history lasts, VIX calls after it).
Rolls and closes get decision records evaluated with the alvh ruleset on their date (at most
--decisions of them, spread evenly). The same seed gives the same journal.

Prints progress to stderr and a JSON summary {positions, fills, decisions, rolls, hedges,
expiries, seconds} to stdout. Refuses a journal that already holds positions.

Options:
  --db PATH        journal file (create it with wingman init --db PATH)
  --positions N    positions to write (default 2000)
  --seed S         seed of the generator (default 1)
  --decisions N    most decision records to log (default 30000)
  -h, --help       show this help`,
  options: {
    db: { type: 'string' },
    positions: { type: 'string' },
    seed: { type: 'string' },
    decisions: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    if (!db) throw new UsageError('--db is required')
    const count = (name: string, fallback: number, min: number) => {
      const v = values[name]
      if (v === undefined) return fallback
      const n = Number(v)
      if (typeof v !== 'string' || !/^\d+$/.test(v) || n < min || n > 10_000_000)
        throw new UsageError(`--${name} must be a whole number ≥ ${min}`)
      return n
    }
    const positions = count('positions', 2000, 1)
    const seed = count('seed', 1, 0)
    const maxDecisions = count('decisions', 30_000, 0)
    const path = resolve(db)
    if (!existsSync(path))
      throw new DomainError('NOT_FOUND', `No journal at ${path}: wingman init --db ${db} first`)
    const journal = openJournal(path).db
    try {
      const marks = new MarkService(journal)
      let last = 0
      const summary = runDemo(
        journal,
        (symbol, d) => marks.market().bar(symbol, d),
        {
          positions,
          seed,
          maxDecisions,
          progress: (done, total) => {
            const t = performance.now()
            if (t - last > 2000 || done === total) {
              last = t
              io.err(
                `demo: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} positions\n`,
              )
            }
          },
        },
        new Date(),
      )
      io.out(`${JSON.stringify({ ...summary, seconds: Number(summary.seconds.toFixed(2)) })}\n`)
      return EXIT_OK
    } finally {
      journal.close()
    }
  },
}
