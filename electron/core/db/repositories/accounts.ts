import type { Account, AccountId } from '../../../../shared/domain.ts'
import type { Db } from '../connection.ts'
import { stmt } from '../statements.ts'

interface AccountRow {
  id: number
  name: string
  broker: string
  created_at: string
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id as AccountId,
  name: r.name,
  broker: r.broker,
  createdAt: r.created_at,
})

export function listAccounts(db: Db): Account[] {
  return (
    stmt(
      db,
      'SELECT id, name, broker, created_at FROM accounts ORDER BY name',
    ).all() as AccountRow[]
  ).map(toAccount)
}

export function getAccount(db: Db, id: number): Account | null {
  const row = stmt(db, 'SELECT id, name, broker, created_at FROM accounts WHERE id = ?').get(id) as
    AccountRow | undefined
  return row ? toAccount(row) : null
}

export function insertAccount(
  db: Db,
  a: { name: string; broker?: string; createdAt: string },
): AccountId {
  const info = stmt(db, 'INSERT INTO accounts (name, broker, created_at) VALUES (?, ?, ?)').run(
    a.name,
    a.broker ?? '',
    a.createdAt,
  )
  return Number(info.lastInsertRowid) as AccountId
}

export function updateAccountName(db: Db, id: number, name: string): void {
  stmt(db, 'UPDATE accounts SET name = ? WHERE id = ?').run(name, id)
}
