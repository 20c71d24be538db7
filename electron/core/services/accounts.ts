import type { AccountId } from '../../../shared/domain.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { getAccount, insertAccount, listAccounts } from '../db/repositories/accounts.ts'

export const DEFAULT_ACCOUNT_NAME = 'Default'

/** The account a new position goes to: the one asked for, else the first, else a new "Default". */
export function resolveAccount(db: Db, requested: number | undefined, now: string): AccountId {
  if (requested !== undefined) {
    const account = getAccount(db, requested)
    if (!account)
      throw new DomainError('NOT_FOUND', `Account ${requested} does not exist`, {
        accountId: 'No such account',
      })
    return account.id
  }
  const first = listAccounts(db)[0]
  return first ? first.id : insertAccount(db, { name: DEFAULT_ACCOUNT_NAME, createdAt: now })
}

/** Makes sure a fresh journal has an account to put positions in. */
export function ensureDefaultAccount(db: Db, now: string): AccountId {
  return resolveAccount(db, undefined, now)
}
