import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  LAB_DEFAULTS,
  LAB_MODEL_LABEL,
  LabRunSchema,
  TRI_STATES,
  type LabRunResults,
} from '../../../shared/lab.ts'
import { formatE4 } from '../../../shared/money.ts'
import { DomainError } from '../../../shared/result.ts'
import { DISCRETIONARY_FLAGS } from '../../../shared/signals.ts'
import { openJournal } from '../../core/db/connection.ts'
import { encodeRow, protectText } from '../../core/io/csv.ts'
import { NO_CONTROL } from '../../core/jobs/control.ts'
import { getLabRun, runLabService } from '../../core/services/lab.ts'
import { SignalService } from '../../core/services/signals.ts'
import { EXIT_OK, HELP_OPTION, UsageError, type Command } from './types.ts'

const TRADE_COLUMNS = [
  'ruleset',
  'version',
  'trade',
  'entry_date',
  'expiry',
  'final_expiry',
  'long_put',
  'short_put',
  'short_call',
  'long_call',
  'credit',
  'exit_date',
  'exit_kind',
  'pnl',
  'costs',
  'vix_at_entry',
  'actions',
] as const

/** Every trade of every ruleset, one row each (money in dollars, exact to 0.0001). */
export function labTradesCsv(r: LabRunResults): string {
  const rows = r.results.flatMap((res) =>
    res.trades.map((t) =>
      encodeRow([
        res.ruleset.id,
        String(res.ruleset.version),
        t.key,
        t.entryDate,
        t.expiry,
        t.finalExpiry,
        String(t.strikes.longPut),
        String(t.strikes.shortPut),
        String(t.strikes.shortCall),
        String(t.strikes.longCall),
        formatE4(t.creditE4),
        t.exitDate,
        t.exitKind,
        formatE4(t.pnlE4),
        formatE4(t.costsE4),
        t.vixAtEntry === null ? null : String(t.vixAtEntry),
        protectText(
          t.actions
            .map((a) => `${a.date} ${a.action}${a.executed ? '' : ' (not carried out)'}`)
            .join(' | '),
        ),
      ]),
    ),
  )
  return `\uFEFF${encodeRow([...TRADE_COLUMNS])}${rows.join('')}`
}

const number = (name: string, v: unknown): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got "${String(v)}"`)
  return n
}

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]) as string[]

export const labCommand: Command = {
  summary: 'replay rulesets over the stored history on scheduled condors (model prices)',
  usage: `wingman lab --db PATH --ruleset ID [--ruleset ID]... [options] [--format json|csv]

The methodology lab: opens a standard SPX iron condor every N sessions from --from to --to,
manages each one day by day with every ruleset (the decision panel's signals and evaluation)
and compares the outcomes. Every figure is ${LAB_MODEL_LABEL}. The run is stored in the
journal (the Lab page lists it).

Rulesets: a stored ruleset id, ID@VERSION for a given version, or "hold-to-expiry" (the
built-in baseline that never adjusts). 1 to 4 of them.

JSON: the run as the Lab page reads it — {"summary", "results": [{"ruleset", "metrics",
"trades", "equity", "byYear", "byVix", "distribution", "actionCounts", "notAvailable"}],
"disagreements", "assumptions", "label"}; money fields end in E4 (dollars × 10000, exact).
CSV: one row per trade and ruleset, money in dollars.

Options:
  --db PATH            journal file
  --ruleset ID         a ruleset to replay; repeat for up to 4
  --from DATE          first entry date (default: the first session with SPX and VIX)
  --to DATE            last day replayed (default: the end of the stored SPX history)
  --every N            a condor every N NYSE sessions (default ${LAB_DEFAULTS.entryEvery})
  --dte N              target calendar days to expiry (default ${LAB_DEFAULTS.targetDte})
  --delta X            |delta| of the short strikes (default ${LAB_DEFAULTS.shortDelta})
  --wing W             wing width in points, a multiple of 5 (default ${LAB_DEFAULTS.wingWidth})
  --quantity N         contracts per leg (default ${LAB_DEFAULTS.quantity})
  --commission X       dollars per contract per fill (default ${LAB_DEFAULTS.commissionPerContract})
  --slippage X         dollars per share per leg per fill (default ${LAB_DEFAULTS.slippagePerLeg})
  --flag NAME=VALUE    a discretionary flag for the whole run, VALUE ${TRI_STATES.join('|')}
                       (default unknown); NAME one of:
${DISCRETIONARY_FLAGS.map((f) => `                         ${f.id}`).join('\n')}
  --format F           json (default) or csv
  -h, --help           show this help`,
  options: {
    db: { type: 'string' },
    ruleset: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    every: { type: 'string' },
    dte: { type: 'string' },
    delta: { type: 'string' },
    wing: { type: 'string' },
    quantity: { type: 'string' },
    commission: { type: 'string' },
    slippage: { type: 'string' },
    flag: { type: 'string', multiple: true },
    format: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    const db = typeof values.db === 'string' ? values.db : ''
    if (!db) throw new UsageError('--db is required')
    const format = values.format ?? 'json'
    if (format !== 'json' && format !== 'csv')
      throw new UsageError(`--format must be json or csv, got "${String(format)}"`)
    const rulesets = list(values.ruleset).map((r) => {
      const [id = '', version] = r.split('@')
      return version === undefined ? { id } : { id, version: number('ruleset version', version) }
    })
    if (!rulesets.length) throw new UsageError('--ruleset is required (up to 4)')
    const flags: Record<string, string> = {}
    for (const f of list(values.flag)) {
      const [name = '', value] = f.split('=')
      if (value === undefined) throw new UsageError(`--flag must be NAME=VALUE, got "${f}"`)
      flags[name] = value
    }
    const parsed = LabRunSchema.safeParse({
      rulesets,
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      entryEvery: number('every', values.every),
      targetDte: number('dte', values.dte),
      shortDelta: number('delta', values.delta),
      wingWidth: number('wing', values.wing),
      quantity: number('quantity', values.quantity),
      flags,
      ...(values.commission !== undefined ? { commissionPerContract: values.commission } : {}),
      ...(values.slippage !== undefined ? { slippagePerLeg: values.slippage } : {}),
    })
    if (!parsed.success)
      throw new UsageError(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '),
      )
    const path = resolve(db)
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', `No journal at ${path}`)
    const journal = openJournal(path).db
    try {
      const run = runLabService(journal, new SignalService(journal), parsed.data, NO_CONTROL)
      const results = getLabRun(journal, run.id)
      io.out(format === 'csv' ? labTradesCsv(results) : `${JSON.stringify(results)}\n`)
    } finally {
      journal.close()
    }
    return EXIT_OK
  },
}
