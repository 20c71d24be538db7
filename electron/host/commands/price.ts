import { createInterface } from 'node:readline'
import { bsmGreeks, type BsmInput } from '../../../shared/math/bsm.ts'
import { OptionsMathError } from '../../../shared/math/errors.ts'
import { EXIT_DATA, EXIT_OK, HELP_OPTION, type CliIo, type Command } from './types.ts'

/** A line the command could not use: the CLI prints it as {"error":{code,message}}. */
export class LineError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

/**
 * Runs a JSON Lines filter over `io.input`: one output line per input line, in order. A line
 * that fails becomes {"error":{"code","message"}} and the rest go on. Output is flushed once per
 * turn of the event loop, so piping a single line answers at once and large files stay fast.
 * Returns EXIT_DATA when any line failed, EXIT_OK otherwise.
 */
export async function runJsonLines(
  io: CliIo,
  handle: (value: Record<string, unknown>) => unknown,
): Promise<number> {
  const rl = createInterface({ input: io.input, crlfDelay: Infinity })
  let pending: string[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending.length) io.out(pending.join(''))
    pending = []
  }
  let failed = false
  for await (const line of rl) {
    let out: string
    try {
      out = JSON.stringify(handle(parseObject(line)))
    } catch (e) {
      failed = true
      const code = e instanceof LineError || e instanceof OptionsMathError ? e.code : 'INTERNAL'
      out = JSON.stringify({ error: { code, message: (e as Error).message } })
    }
    pending.push(`${out}\n`)
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }
  flush()
  return failed ? EXIT_DATA : EXIT_OK
}

function parseObject(line: string): Record<string, unknown> {
  if (line.trim() === '') throw new LineError('BAD_JSON', 'empty line')
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch {
    throw new LineError('BAD_JSON', `not a JSON value: ${line.slice(0, 80)}`)
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new LineError('BAD_JSON', 'each line must be a JSON object')
  return v as Record<string, unknown>
}

/** Reads the named fields as finite numbers and `type` as "call" | "put". */
export function readFields<K extends string>(
  v: Record<string, unknown>,
  names: readonly K[],
): { type: 'call' | 'put' } & Record<K, number> {
  const type: unknown = v.type
  if (type !== 'call' && type !== 'put')
    throw new LineError(
      'INVALID_INPUT',
      `type must be "call" or "put", got ${JSON.stringify(type)}`,
    )
  const out: Record<string, number> = {}
  for (const n of names) {
    const x = v[n]
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new LineError(
        'INVALID_INPUT',
        `${n} must be a finite number, got ${x === undefined ? 'nothing' : JSON.stringify(x)}`,
      )
    out[n] = x
  }
  const kind: 'call' | 'put' = type
  return { type: kind, ...(out as Record<K, number>) }
}

const PRICE_FIELDS = ['spot', 'strike', 't', 'rate', 'div', 'vol'] as const

export const priceCommand: Command = {
  summary: 'price European options and their greeks (JSON Lines in and out)',
  usage: `wingman price < options.jsonl

Reads one JSON object per line from standard input:
  {"type":"call"|"put","spot":S,"strike":K,"t":YEARS,"rate":R,"div":Q,"vol":SIGMA}
(rate, div and vol as decimals: 0.05 = 5 %) and writes one line per input line, in order:
  {"price","delta","gamma","vega","theta","rho"}
Black–Scholes–Merton with a continuous dividend yield: vega per 1.00 of volatility, theta per
year (divide by 365 for a calendar day), rho per 1.00 of rate. A line that cannot be priced
gives {"error":{"code","message"}} and the others continue; the exit code is then 2.

Options:
  -h, --help  show this help`,
  options: { ...HELP_OPTION },
  run: (_values, io) =>
    runJsonLines(io, (v) => {
      const i: BsmInput = readFields(v, PRICE_FIELDS)
      const g = bsmGreeks(i)
      return {
        price: g.price,
        delta: g.delta,
        gamma: g.gamma,
        vega: g.vega,
        theta: g.theta,
        rho: g.rho,
      }
    }),
}
