// One of several processes writing to the same journal: opens it, says "ready", waits for a
// line on stdin, then creates `count` condors through the contract as fast as it can and prints
// one JSON line: the ids acknowledged and the failures. With a 4th argument "stream" it also
// prints "ack <id>" as each create is acknowledged (for tests that kill it part-way).
import { once } from 'node:events'
import { createDispatch } from '../../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../../electron/core/contract/handlers.ts'
import { openJournal } from '../../../../electron/core/db/connection.ts'
import { condorInput } from '../../../helpers/builders.ts'

const [path, tag, count, mode] = process.argv.slice(2)
const { db } = openJournal(path!)
const dispatch = createDispatch(
  createHandlers({ db, databasePath: path!, version: 't', shell: 'browser' }),
  { log: () => {} },
)
process.stdout.write('ready\n')
await once(process.stdin, 'data')
const acked: number[] = []
const failed: { code: string; message: string }[] = []
const started = performance.now()
for (let i = 0; i < Number(count); i++) {
  const r = await dispatch('positions:createIronCondor', condorInput({ notes: `${tag} ${i}` }))
  if (r.ok) {
    const id = (r.value as { id: number }).id
    acked.push(id)
    if (mode === 'stream') process.stdout.write(`ack ${id}\n`)
  } else failed.push(r.error)
}
const ms = performance.now() - started
db.close()
process.stdout.write(`${JSON.stringify({ tag, acked, failed, ms })}\n`)
process.stdin.destroy()
