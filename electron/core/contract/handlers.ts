import type { Handlers } from '../../../shared/contract.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { schemaVersion } from '../db/migrate.ts'
import { listAccounts } from '../db/repositories/accounts.ts'
import { getPositionDetail, listPositionSummaries } from '../db/repositories/positions.ts'
import { createIronCondor } from '../services/positions.ts'
import { getBars, getEvents, marketOverview } from '../db/repositories/market.ts'
import { importMarketFile } from '../services/marketImport.ts'

export interface HandlerContext {
  db: Db
  databasePath: string
  version: string
  shell: 'desktop' | 'browser'
  now?: () => Date
}

/**
 * One handler per contract channel. Each parses nothing (the dispatcher already validated the
 * request), calls one repository or service, and returns; errors are thrown as DomainError.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { db } = ctx
  const now = ctx.now ?? (() => new Date())
  return {
    'app:info': () => ({
      version: ctx.version,
      schemaVersion: schemaVersion(db),
      databasePath: ctx.databasePath,
      shell: ctx.shell,
    }),
    'accounts:list': () => listAccounts(db),
    'positions:list': ({ status }) => listPositionSummaries(db, status),
    'positions:get': ({ id }) => {
      const detail = getPositionDetail(db, id)
      if (!detail) throw new DomainError('NOT_FOUND', `Position ${id} does not exist`)
      return detail
    },
    'positions:createIronCondor': (input) => ({ id: createIronCondor(db, input, now()) }),
    'market:overview': () => marketOverview(db),
    'market:series': ({ symbols, from, to }) =>
      symbols.map((symbol) => ({
        symbol: symbol.toUpperCase(),
        points: getBars(db, symbol.toUpperCase(), from, to),
      })),
    'market:events': ({ kinds }) => getEvents(db, kinds),
    'market:import': (req) => importMarketFile(db, req),
  }
}
