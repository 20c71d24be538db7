/**
 * The never-twice key of an execution: the broker's execution id when the file has one,
 * otherwise a hash of what the row says — account, instant, contract, action, kind, quantity
 * and price — plus its ordinal among identical rows (two identical partial fills in one
 * second are two executions). Keys do not depend on row order: identical rows are
 * interchangeable, so whichever gets ordinal 2 the set of keys is the same.
 */
import { createHash } from 'node:crypto'
import type { Execution } from '../brokers/types.ts'
import type { KeyedExecution } from './plan.ts'

export function keyExecutions(
  executions: readonly Execution[],
  accountId: number,
): KeyedExecution[] {
  const seen = new Map<string, number>()
  return executions.map((e) => {
    if (e.execId) return { ...e, key: `x:${e.execId}` }
    const what = [
      accountId,
      e.executedAt,
      e.contract.symbol,
      e.action,
      e.kind,
      e.quantity,
      e.priceE4 ?? '',
      e.cashE4,
    ].join('|')
    const hash = createHash('sha1').update(what).digest('hex').slice(0, 20)
    const n = (seen.get(hash) ?? 0) + 1
    seen.set(hash, n)
    return { ...e, key: `h:${hash}#${n}` }
  })
}
