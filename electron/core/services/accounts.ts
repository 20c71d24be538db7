import type { AccountId } from '../../../shared/domain.ts'
import { DomainError } from '../../../shared/result.ts'
import type { Db } from '../db/connection.ts'
import { writeTransaction } from '../db/transaction.ts'
import {
  getAccount,
  insertAccount,
  listAccounts,
  updateAccountName,
} from '../db/repositories/accounts.ts'

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
  // Two processes opening a new journal at once must not both create it.
  return writeTransaction(db, () => resolveAccount(db, undefined, now))
}

/** A new account; names are unique. */
export function createAccount(db: Db, name: string, broker: string, now: string): AccountId {
  return writeTransaction(db, () => {
    if (listAccounts(db).some((a) => a.name.toLowerCase() === name.toLowerCase()))
      throw new DomainError('CONFLICT', `There is already an account named "${name}"`, {
        name: 'Already used',
      })
    return insertAccount(db, { name, broker, createdAt: now })
  })
}

/** Renames an account; positions keep pointing at it. */
export function renameAccount(db: Db, id: number, name: string): void {
  writeTransaction(db, () => {
    if (!getAccount(db, id))
      throw new DomainError('NOT_FOUND', `Account ${id} does not exist`, { id: 'No such account' })
    if (listAccounts(db).some((a) => a.id !== id && a.name.toLowerCase() === name.toLowerCase()))
      throw new DomainError('CONFLICT', `There is already an account named "${name}"`, {
        name: 'Already used',
      })
    updateAccountName(db, id, name)
  })
}
