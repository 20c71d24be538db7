import { parseArgs } from 'node:util'
import { DomainError } from '../../shared/result.ts'
import { COMMANDS } from './commands/catalog.ts'
import { EXIT_DATA, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './commands/types.ts'
import { appVersion } from './packageInfo.ts'

export { EXIT_DATA, EXIT_OK, EXIT_USAGE, type CliIo }

/**
 * `wingman <command>`: the command-line shell over the same core as the desktop app.
 * Exit codes: 0 ok, 1 usage error, 2 data error; failures print one line on stderr.
 *
 * Only the light catalog of names and summaries is loaded at start; a command's module (and
 * the core it uses) is imported when that command runs or its help is asked for, so
 * `wingman --help` starts in about the time of Node itself.
 */

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length))
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return `wingman — offline trading journal for SPX iron condors

Usage: wingman <command> [options]

Commands:
${lines.join('\n')}

Run "wingman <command> --help" for a command's options.
Exit codes: 0 ok, 1 usage error, 2 data error.
`
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined
    const entry = topic ? COMMANDS[topic] : undefined
    io.out(entry ? `${(await entry.load()).usage}\n` : mainHelp())
    return EXIT_OK
  }
  if (name === '--version' || name === '-v') {
    io.out(`${appVersion()}\n`)
    return EXIT_OK
  }
  const entry = COMMANDS[name]
  if (!entry) {
    io.err(`wingman: unknown command "${name}"; run "wingman --help"\n`)
    return EXIT_USAGE
  }
  const command = await entry.load()
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: true,
    })
    if (values.help) {
      io.out(`${command.usage}\n`)
      return EXIT_OK
    }
    if (positionals.length && !command.positionals)
      throw new UsageError(`unexpected argument "${positionals[0]}"`)
    return await command.run(
      values as Record<string, string | boolean | undefined>,
      io,
      positionals,
    )
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(
        `wingman ${name}: ${(e as Error).message.split('\n')[0]}; run "wingman ${name} --help"\n`,
      )
      return EXIT_USAGE
    }
    if (e instanceof DomainError) {
      io.err(`wingman ${name}: ${e.message}\n`)
      return EXIT_DATA
    }
    // the storage module is loaded only on this path, like the commands themselves
    const { storageError } = await import('../core/db/errors.ts')
    const stored = storageError(e)
    if (stored) {
      io.err(`wingman ${name}: ${stored.message}\n`)
      return EXIT_DATA
    }
    const err = e as NodeJS.ErrnoException
    if (err.code && /^(E[A-Z]+|SQLITE_\w+)$/.test(err.code)) {
      io.err(`wingman ${name}: ${err.message}\n`)
      return EXIT_DATA
    }
    throw e
  }
}

/** Process entry: wires real stdio, env and signals. */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    input: process.stdin,
    env: process.env,
    stopSignal: () =>
      new Promise((r) => {
        process.once('SIGINT', () => r())
        process.once('SIGTERM', () => r())
      }),
  })
  process.exitCode = code
}
