import { impliedVol } from '../../../shared/math/impliedVol.ts'
import { readFields, runJsonLines } from './price.ts'
import { HELP_OPTION, type Command } from './types.ts'

const IV_FIELDS = ['spot', 'strike', 't', 'rate', 'div', 'price'] as const

export const ivCommand: Command = {
  summary: 'implied volatility of European option prices (JSON Lines in and out)',
  usage: `wingman iv < prices.jsonl

Reads one JSON object per line from standard input:
  {"type":"call"|"put","spot":S,"strike":K,"t":YEARS,"rate":R,"div":Q,"price":P}
and writes one line per input line, in order: {"vol":SIGMA} (decimal per √year).
A price below the discounted intrinsic value gives the error code PRICE_BELOW_INTRINSIC, one at
or above the no-arbitrage bound PRICE_ABOVE_MAXIMUM (and one the solver cannot invert to a finite
volatility VOL_NOT_DETERMINED); such lines print {"error":{"code","message"}}, the others
continue, and the exit code is then 2.

Options:
  -h, --help  show this help`,
  options: { ...HELP_OPTION },
  run: (_values, io) => runJsonLines(io, (v) => ({ vol: impliedVol(readFields(v, IV_FIELDS)) })),
}
