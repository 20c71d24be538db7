import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { isIsoDate } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import {
  REVIEW_GROUP_KEYS,
  REVIEW_GROUP_LABELS,
  type ReviewGroupKey,
} from '../../../shared/review/report.ts'
import { openJournal } from '../../core/db/connection.ts'
import { runReview } from '../../core/review/review.ts'
import { reviewDecisionsCsv } from '../../core/review/reviewCsv.ts'
import { MarkService } from '../../core/services/marks.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

export const reviewCommand: Command = {
  summary: 'score logged decisions against the paths not taken (JSON or CSV)',
  usage: `wingman review --db PATH [--from DATE] [--to DATE] [--group-by KEY]... [--format json|csv]

Scores every logged decision (a correction replaces the decision it corrects) of the positions
opened between --from and --to (New York dates, inclusive; voided positions are left out):

  actual            what was done: the position's P&L, open legs at their model value on the
                    last stored market date ("final": false then)
  closedAtDecision  every leg open before the decision closed at the marks it recorded
  heldToExpiry      those legs held to their expiries and settled from the stored history
  recommendedPath   the recommendation's path when it differed and needs no invented strikes
  edgeVsClosed      actual − closedAtDecision;  edgeVsHeld: actual − heldToExpiry

Each is a whole-position P&L in dollars (all cash, + received, fees subtracted). Model values
are Black–Scholes on the stored close with the leg's IV from the decision's mark moved with
the VIX, or from the VIX term structure; every one is named in "notes" with its date.

JSON: {"asOf", "decisions": [{"id", "positionId", "decidedAt", "rulesetId", "rulesetVersion",
"recommended", "taken", "followed", "actual", "closedAtDecision", "heldToExpiry",
"recommendedPath", "edgeVsClosed", "edgeVsHeld", "final", "notes"}], "positions": [{"id",
"status", "openedOn", "closedOn", "realised", "open", "fees", "pnl", "final"}], "groups":
{KEY: [{"key", "count", "wins", "winRate", "avgWin", "avgLoss", "expectancy", "total",
"profitFactor", "maxDrawdown", "edgeVsClosed", "edgeVsHeld", "small"}]}, "headline":
{"positions", "decisions"}}. Money in
dollars as numbers exact to 0.0001; null where it cannot be computed (the reason is in
"notes"). Groups of fewer than 5 are marked "small": true. CSV: the decisions table.

Group keys (default: all):
${REVIEW_GROUP_KEYS.map((k) => `  ${k.padEnd(12)}${REVIEW_GROUP_LABELS[k]}`).join('\n')}

Options:
  --db PATH        journal file
  --from DATE      positions opened on or after DATE (YYYY-MM-DD)
  --to DATE        positions opened on or before DATE
  --group-by KEY   a grouping to compute; repeat for several
  --format F       json (default) or csv
  -h, --help       show this help`,
  options: {
    db: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'group-by': { type: 'string', multiple: true },
    format: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    if (!db) throw new UsageError('--db is required')
    for (const k of ['from', 'to'] as const) {
      const v = values[k]
      if (v !== undefined && (typeof v !== 'string' || !isIsoDate(v)))
        throw new UsageError(`--${k} must be a date as YYYY-MM-DD, got "${String(v)}"`)
    }
    const format = values.format ?? 'json'
    if (format !== 'json' && format !== 'csv')
      throw new UsageError(`--format must be json or csv, got "${String(format)}"`)
    const raw = values['group-by'] as unknown
    const groups = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as string[]
    for (const g of groups)
      if (!(REVIEW_GROUP_KEYS as readonly string[]).includes(g))
        throw new UsageError(
          `--group-by must be one of ${REVIEW_GROUP_KEYS.join(', ')}, got "${g}"`,
        )
    const path = resolve(db)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const journal = openJournal(path).db
    try {
      const report = runReview(journal, new MarkService(journal), {
        from: values.from as string | undefined,
        to: values.to as string | undefined,
        groupBy: groups as ReviewGroupKey[],
      })
      io.out(format === 'csv' ? reviewDecisionsCsv(report) : `${JSON.stringify(report)}\n`)
    } finally {
      journal.close()
    }
    return EXIT_OK
  },
}
