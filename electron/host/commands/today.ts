import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { isIsoDate, nyDateOf } from '../../../shared/dates.ts'
import { DomainError } from '../../../shared/result.ts'
import type { TodayReport } from '../../../shared/today.ts'
import { openJournal } from '../../core/db/connection.ts'
import { MarkService } from '../../core/services/marks.ts'
import { SignalService } from '../../core/services/signals.ts'
import { todayReport } from '../../core/services/today.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)

function text(r: TodayReport): string {
  const lines = [
    `Today ${r.date}: ${r.rows.length} open position${r.rows.length === 1 ? '' : 's'}, data of ${r.dataDate ?? 'no stored session'}`,
  ]
  if (r.stale.length)
    lines.push(
      `Stale: ${r.stale.map((s) => `${s.series} ends ${s.lastDate ?? 'never stored'}`).join('; ')}`,
    )
  for (const row of r.rows) {
    const flag =
      row.group === 'tested' ? 'TESTED  ' : row.group === 'expiring' ? 'EXPIRING' : '        '
    lines.push(
      `${flag} #${row.positionId} ${row.underlying} ${row.legsLabel} dte ${row.dte ?? '—'} spot ${row.spot ?? '—'}` +
        ` call wing ${pct(row.callWingPenetration)} put wing ${pct(row.putWingPenetration)}` +
        ` → ${row.action}${row.rule ? ` (${row.rule})` : ''} [${row.rulesetId} v${row.rulesetVersion}]` +
        (row.missing.length ? ` missing: ${row.missing.join(', ')}` : '') +
        (row.decidedToday ? ' — decided today' : ''),
    )
  }
  return `${lines.join('\n')}\n`
}

/** `wingman today`: every open position on the latest data, tested ones first. */
export const todayCommand: Command = {
  summary: 'every open position checked against the latest data, the tested ones first',
  usage: `wingman today --db PATH [--date DATE] [--ruleset ID] [--format json|text]

Evaluates every open position (opened on or before DATE) the way the decision panel does: the
stored closes of the latest session on or before DATE (default: today, New York), leg marks
from your entered marks or the model (entry IV moved with the VIX, else the VIX term
structure), and the position's ruleset (its own, else the journal's default from Settings,
else mechanical-wing; --ruleset judges every position by one). Tested positions come first
(the larger wing penetration first), then those expiring today or tomorrow, then the rest.

--format json prints {"date", "dataDate", "defaultRulesetId", "stale": [{"series",
"lastDate"}], "rows": [{"positionId", "structure", "underlying", "legsLabel", "dte", "spot",
"callWingPenetration", "putWingPenetration", "shortCallDelta", "shortPutDelta", "openPnl",
"openPnlDate", "openPnlBasis", "hedgeLayers", "rulesetId", "rulesetVersion", "action",
"rule", "explanation", "missing", "dataDate", "group", "decidedToday", "inputs"}]}.
Penetration is (spot − short call) / (long call − short call) for the call wing and
(short put − spot) / (short put − long put) for the put wing: 0 at the short strike, 1 at the
long one, negative while out of the money. "missing" lists the signal ids the tried rules
needed and did not have; "inputs" is exactly what the decision panel is prefilled with.
--format text (default) prints one line per position.

Options:
  --db PATH      journal file
  --date DATE    YYYY-MM-DD (default today in New York)
  --ruleset ID   judge every position by this ruleset
  --format F     text (default) or json
  -h, --help     show this help`,
  options: {
    db: { type: 'string' },
    date: { type: 'string' },
    ruleset: { type: 'string' },
    format: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    const dbPath = typeof values.db === 'string' ? values.db : ''
    if (!dbPath) throw new UsageError('--db is required')
    const date = typeof values.date === 'string' ? values.date : nyDateOf(new Date())
    if (!isIsoDate(date)) throw new UsageError(`--date must be a date as YYYY-MM-DD, got "${date}"`)
    const format = values.format ?? 'text'
    if (format !== 'json' && format !== 'text')
      throw new UsageError(`--format must be json or text, got "${String(format)}"`)
    const path = resolve(dbPath)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const db = openJournal(path).db
    try {
      const report = todayReport(db, new SignalService(db), new MarkService(db), {
        date,
        ...(typeof values.ruleset === 'string' ? { rulesetId: values.ruleset } : {}),
      })
      io.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : text(report))
    } finally {
      db.close()
    }
    return EXIT_OK
  },
}
