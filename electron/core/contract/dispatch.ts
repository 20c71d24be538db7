import { contract, type Handlers } from '../../../shared/contract.ts'
import { isChannel } from '../../../shared/channels.ts'
import { describeProblem, fieldErrors } from '../../../shared/fieldErrors.ts'
import { DomainError, err, ok, type Result } from '../../../shared/result.ts'
import { storageError } from '../db/errors.ts'

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>

export interface DispatchOptions {
  /** Where unexpected failures are reported; defaults to stderr. */
  log?: (message: string, error: unknown) => void
}

/**
 * The single entry point every shell uses: checks the channel exists, validates the payload
 * against its zod schema (the renderer is untrusted), runs the handler and turns every outcome
 * into a Result. Nothing thrown escapes as a raw exception.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  const log = options.log ?? ((m, e) => console.error(m, e))
  return async (channel, payload) => {
    if (!isChannel(channel))
      return err('UNKNOWN_CHANNEL', `Unknown channel: ${channel.slice(0, 100)}`)
    const parsed = contract[channel].request.safeParse(payload === undefined ? {} : payload)
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error)
      const first = Object.entries(fields)[0]
      // In the trader's words: the field paths stay in `fields` for the form to place them.
      const summary = first
        ? describeProblem(first[0], first[1])
        : 'Something in the request is not valid'
      return err('VALIDATION', summary, fields)
    }
    try {
      const handler = handlers[channel] as (req: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (e) {
      if (e instanceof DomainError) return err(e.code, e.message, e.fields)
      // Busy, read-only, full and damaged journals are conditions, not bugs: stable codes.
      const stored = storageError(e)
      if (stored) return err(stored.code, stored.message)
      log(`[wingman] ${channel} failed`, e)
      return err(
        'INTERNAL',
        `Wingman could not finish this: ${(e as Error)?.message ?? String(e)}. Nothing was changed; the details are in the log.`,
      )
    }
  }
}
