import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { BUILTIN_RULESETS } from '../../../shared/ruleset/builtin.ts'
import { validateRuleset } from '../../../shared/ruleset/validate.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, UsageError, type CliIo, type Command } from './types.ts'

const builtinIds = () => [...BUILTIN_RULESETS.keys()].join(', ')

function list(io: CliIo): number {
  for (const r of BUILTIN_RULESETS.values())
    io.out(`${r.id}\tv${r.version}\t${r.rules.length} rules\t${r.name}\n`)
  return EXIT_OK
}

function show(id: string, io: CliIo): number {
  const r = BUILTIN_RULESETS.get(id)
  if (!r) throw new UsageError(`no built-in ruleset "${id}"; built-ins: ${builtinIds()}`)
  io.out(`${JSON.stringify(r, null, 2)}\n`)
  return EXIT_OK
}

function validate(file: string, io: CliIo): number {
  const path = resolve(file)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))
  } catch (e) {
    io.err(`wingman rulesets: ${path}: ${(e as Error).message}\n`)
    return EXIT_DATA
  }
  const v = validateRuleset(json)
  if (v.ok) {
    io.out('ok\n')
    return EXIT_OK
  }
  for (const e of v.errors) io.err(`${e.message}\n`)
  return EXIT_DATA
}

/** Picks the subcommand from positionals (`list`, `show ID`, `validate FILE`) or flags. */
function subcommand(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
): { verb: 'list' | 'show' | 'validate'; arg: string } {
  const flags = (['list', 'show', 'validate'] as const).filter((f) => values[f] !== undefined)
  if (positionals.length && flags.length)
    throw new UsageError('give the subcommand either as a word or as a flag, not both')
  if (flags.length > 1) throw new UsageError('give one of --list, --show ID, --validate FILE')
  const [verb, arg, extra] = flags.length
    ? [flags[0], values[flags[0] as string], undefined]
    : [positionals[0], positionals[1], positionals[2]]
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`)
  switch (verb) {
    case 'list':
      if (typeof arg === 'string') throw new UsageError(`"list" takes no argument, got "${arg}"`)
      return { verb, arg: '' }
    case 'show':
    case 'validate':
      if (typeof arg !== 'string' || arg === '')
        throw new UsageError(`"${verb}" needs ${verb === 'show' ? 'a ruleset id' : 'a FILE'}`)
      return { verb, arg }
    case undefined:
      throw new UsageError('say list, show ID or validate FILE')
    default:
      throw new UsageError(
        `unknown subcommand "${String(verb)}"; use list, show ID or validate FILE`,
      )
  }
}

/**
 * `wingman rulesets list | show ID | validate FILE`. The words need the dispatcher to pass
 * positionals to `run`; `--list`, `--show ID` and `--validate FILE` work either way.
 */
export const rulesetsCommand: Command = {
  summary: 'list, show or validate decision rulesets',
  usage: `wingman rulesets list | show ID | validate FILE
wingman rulesets --list | --show ID | --validate FILE

  list           the built-in rulesets: id, version, rule count, name (tab-separated)
  show ID        a built-in ruleset as JSON (a valid ruleset file to copy and edit)
  validate FILE  checks a ruleset file: prints "ok", or each problem naming the rule and field
                 on stderr and exits 2

Options:
  -h, --help     show this help`,
  options: {
    list: { type: 'boolean' },
    show: { type: 'string' },
    validate: { type: 'string' },
    ...HELP_OPTION,
  },
  run: async (values, io, positionals: string[] = []) => {
    const { verb, arg } = subcommand(values, positionals)
    if (verb === 'list') return list(io)
    if (verb === 'show') return show(arg, io)
    return validate(arg, io)
  },
}
