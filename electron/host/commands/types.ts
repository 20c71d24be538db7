import type { ParseArgsConfig } from 'node:util'

/** Exit codes of every `wingman` command: 0 ok, 1 usage error, 2 data error. */
export const EXIT_OK = 0
export const EXIT_USAGE = 1
export const EXIT_DATA = 2

export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
  /** Standard input, for commands that stream (JSON Lines, CSV). */
  input: NodeJS.ReadableStream
  env: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (serve waits on it). */
  stopSignal: () => Promise<void>
}

/** A wrong flag or argument: exit 1 with a one-line message. */
export class UsageError extends Error {}

export interface Command {
  /** One line for `wingman --help`. */
  summary: string
  /** The full text of `wingman <command> --help`. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** True when the command takes words after its name (`wingman rulesets show alvh`). */
  positionals?: boolean
  run: (
    values: Record<string, string | boolean | undefined>,
    io: CliIo,
    positionals?: string[],
  ) => Promise<number>
}

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const

/** A string option the command cannot run without. */
export function requireOption(values: Record<string, unknown>, name: string): string {
  const v = values[name]
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`)
  return v
}
