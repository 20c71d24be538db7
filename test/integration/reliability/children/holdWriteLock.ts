// A second process holding the journal's write lock: BEGIN IMMEDIATE, one insert, then COMMIT
// after `ms` milliseconds. Prints "locked" once it holds the lock.
import Database from 'better-sqlite3'

const [path, ms] = process.argv.slice(2)
const db = new Database(path!)
db.exec('BEGIN IMMEDIATE')
db.prepare(
  "INSERT INTO accounts (name, created_at) VALUES ('Lock holder', '2026-01-01T00:00:00.000Z')",
).run()
process.stdout.write('locked\n')
setTimeout(() => {
  db.exec('COMMIT')
  db.close()
  process.stdout.write('released\n')
}, Number(ms))
