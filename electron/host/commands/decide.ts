import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { BUILTIN_RULESETS } from '../../../shared/ruleset/builtin.ts'
import {
  evaluate,
  parameterOverrideErrors,
  type ParamValues,
} from '../../../shared/ruleset/evaluate.ts'
import type { Ruleset } from '../../../shared/ruleset/schema.ts'
import { SIGNAL_CATALOG } from '../../../shared/ruleset/signalCatalog.ts'
import { formatRulesetErrors, validateRuleset } from '../../../shared/ruleset/validate.ts'
import type { SignalValue } from '../../../shared/signals.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type CliIo, type Command } from './types.ts'

/** Input the command cannot use: printed as one line, exit 2. */
class DataError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new DataError(`cannot read ${what} ${path}: ${(e as Error).message}`)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new DataError(`${what} ${path} is not valid JSON: ${(e as Error).message}`)
  }
}

/**
 * A ruleset by built-in id, or from a JSON file (validated). An argument that is neither is a
 * usage error; a file that does not validate is a data error listing every problem.
 */
export function loadRuleset(ref: string): Ruleset {
  const builtin = BUILTIN_RULESETS.get(ref)
  if (builtin) return builtin
  const path = resolve(ref)
  if (!existsSync(path))
    throw new UsageError(
      `--ruleset "${ref}" is neither a built-in ruleset (${[...BUILTIN_RULESETS.keys()].join(', ')}) nor a file`,
    )
  const v = validateRuleset(readJson(path, 'ruleset'))
  if (!v.ok) throw new DataError(`invalid ruleset ${path}: ${formatRulesetErrors(v.errors)}`)
  return v.ruleset
}

/**
 * The `signals` of a snapshot file: each value a number, true/false or null (missing), of the
 * kind the signal carries. Ids Wingman does not know are returned separately (a warning, since
 * no rule can read them).
 */
export function parseSnapshot(json: unknown): {
  signals: Record<string, SignalValue>
  unknown: string[]
} {
  const signals = (json as { signals?: unknown } | null)?.signals
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new DataError('the snapshot must be a JSON object {"signals": {…}}')
  if (typeof signals !== 'object' || signals === null || Array.isArray(signals))
    throw new DataError(
      'the snapshot needs "signals": an object of signal id → number | true | false | null',
    )
  const out: Record<string, SignalValue> = {}
  const unknown: string[] = []
  const problems: string[] = []
  for (const [id, value] of Object.entries(signals)) {
    const kind = SIGNAL_CATALOG.get(id)?.kind
    if (!kind) unknown.push(id)
    if (value === null) out[id] = null
    else if (typeof value === 'number' && kind !== 'boolean') out[id] = value
    else if (typeof value === 'boolean' && kind !== 'number') out[id] = value
    else
      problems.push(
        `signals.${id} must be ${kind === 'boolean' ? 'true, false' : kind === 'number' ? 'a number' : 'a number, true, false'} or null, got ${JSON.stringify(value)}`,
      )
  }
  if (problems.length) throw new DataError(problems.join('; '))
  return { signals: out, unknown }
}

/** `--params name=value,name=value`: numbers and true/false. */
export function parseParams(text: string): ParamValues {
  const out: ParamValues = {}
  for (const part of text.split(',')) {
    const m = /^\s*([a-z][a-z0-9_]*)\s*=\s*(\S+)\s*$/.exec(part)
    if (!m) throw new UsageError(`--params must be name=value[,name=value…], got "${text}"`)
    const [, name = '', raw = ''] = m
    const value = raw === 'true' ? true : raw === 'false' ? false : Number(raw)
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new UsageError(`--params ${name} must be a number or true/false, got "${raw}"`)
    out[name] = value
  }
  return out
}

async function decide(values: Record<string, string | boolean | undefined>, io: CliIo) {
  const rulesetRef = typeof values.ruleset === 'string' ? values.ruleset : ''
  const snapshotPath = typeof values.snapshot === 'string' ? values.snapshot : ''
  if (!rulesetRef) throw new UsageError('--ruleset is required')
  if (!snapshotPath) throw new UsageError('--snapshot is required')
  const overrides = typeof values.params === 'string' ? parseParams(values.params) : {}
  const ruleset = loadRuleset(rulesetRef)
  const paramErrors = parameterOverrideErrors(ruleset, overrides)
  if (paramErrors.length) throw new UsageError(`--params: ${paramErrors.join('; ')}`)
  const { signals, unknown } = parseSnapshot(readJson(resolve(snapshotPath), 'snapshot'))
  if (unknown.length)
    io.err(`wingman decide: ignoring signals no rule can read: ${unknown.join(', ')}\n`)
  io.out(`${JSON.stringify(evaluate(ruleset, signals, overrides))}\n`)
  return EXIT_OK
}

/**
 * `wingman decide --ruleset <id|file> --snapshot FILE [--params name=value,…]`: evaluates a
 * ruleset against a signal snapshot and prints the recommendation with its reasoning as JSON.
 */
export const decideCommand: Command = {
  summary: 'recommend hold / roll / close for a signal snapshot, as JSON',
  usage: `wingman decide --ruleset <id|file> --snapshot FILE [--params name=value,…]

Evaluates a ruleset against a snapshot and prints one JSON object: action, params, followUps,
the winning rule (null when no rule was true and HOLD is the fallback), fired (every rule tried
with its outcome true/false/unknown), notEvaluated (rules left unknown by missing signals, with
those signals), explanation, and the signal and parameter values used.

The snapshot FILE is {"signals": {"id": number | true | false | null}}; null or an absent id
means the signal is missing, which makes a comparison on it unknown, never false.

Options:
  --ruleset ID|FILE  a built-in ruleset (${[...BUILTIN_RULESETS.keys()].join(', ')}) or a ruleset JSON file
  --snapshot FILE    the signal snapshot
  --params LIST      parameter overrides, e.g. close_threshold=0.9
  -h, --help         show this help

Exit codes: 0 ok, 1 usage error, 2 unreadable snapshot or invalid ruleset.`,
  options: {
    ruleset: { type: 'string' },
    snapshot: { type: 'string' },
    params: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io) => {
    try {
      return await decide(values, io)
    } catch (e) {
      if (!(e instanceof DataError)) throw e
      io.err(`wingman decide: ${e.message.replaceAll('\n', ' ')}\n`)
      return EXIT_DATA
    }
  },
}
