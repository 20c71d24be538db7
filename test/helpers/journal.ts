import { join, resolve } from 'node:path'
import { createDispatch } from '../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../electron/core/contract/handlers.ts'
import type { Db } from '../../electron/core/db/connection.ts'
import { openAppJournal } from '../../electron/core/services/journal.ts'
import type { Channel } from '../../shared/channels.ts'
import type { RequestOf, ResponseOf } from '../../shared/contract.ts'

export const BUNDLED_MARKET = resolve(import.meta.dirname, '../../resources/market')

export interface TestJournal {
  db: Db
  /** A contract call that throws the error's code and message when it fails. */
  call: <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>
  /** The raw result, for tests about failures. */
  raw: <C extends Channel>(
    channel: C,
    request: RequestOf<C>,
  ) => Promise<
    | { ok: true; value: ResponseOf<C> }
    | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }
  >
}

/** A real journal file in `dir` with the bundled market history, driven through the contract. */
export function openTestJournal(dir: string, now: Date, market = true): TestJournal {
  const path = join(dir, 'journal.sqlite')
  const { db } = openAppJournal(path, { marketDir: market ? BUNDLED_MARKET : null })
  const dispatch = createDispatch(
    createHandlers({ db, databasePath: path, version: 't', shell: 'browser', now: () => now }),
    { log: () => {} },
  )
  const raw = ((channel: Channel, request: unknown) =>
    dispatch(channel, request)) as unknown as TestJournal['raw']
  const call = (async (channel: Channel, request: unknown) => {
    const r = (await dispatch(channel, request)) as
      { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value
  }) as TestJournal['call']
  return { db, call, raw }
}
