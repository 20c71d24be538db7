import { z } from 'zod'
import type { Channel } from './channels.ts'
import type { Account, AppInfo, PositionDetail, PositionId, PositionSummary } from './domain.ts'
import { CreateIronCondorSchema } from './ironCondor.ts'
import type { Result } from './result.ts'

/**
 * The typed contract between the renderer and the core: one entry per channel with the zod
 * schema that validates its request and the type of its response. Main's ipcMain handlers, the
 * preload bridge, the browser host's /api routes and the renderer's client all derive from it.
 */
interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req
  /** Phantom: carries the response type, never read at run time. */
  response: Res
}

const responds = <Res>() => undefined as unknown as Res
const channel = <Req extends z.ZodType, Res>(
  request: Req,
  response: Res,
): ChannelDef<Req, Res> => ({
  request,
  response,
})

const NoInput = z.strictObject({})

export const contract = {
  'app:info': channel(NoInput, responds<AppInfo>()),
  'accounts:list': channel(NoInput, responds<Account[]>()),
  'positions:list': channel(
    z.strictObject({ status: z.enum(['open', 'closed', 'all']).default('all') }),
    responds<PositionSummary[]>(),
  ),
  'positions:get': channel(
    z.strictObject({ id: z.number().int().positive() }),
    responds<PositionDetail>(),
  ),
  'positions:createIronCondor': channel(CreateIronCondorSchema, responds<{ id: PositionId }>()),
} satisfies { [K in Channel]: ChannelDef<z.ZodType, unknown> }

type Contract = typeof contract

/** What a caller sends (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
/** What a handler receives after validation (defaults filled in). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = Contract[C]['response']

/** Every channel must have a handler: a missing key is a compile error where handlers are built. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>
}

/** The client side, identical in Electron (preload) and in the browser (HTTP bridge). */
export type WingmanApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
}
