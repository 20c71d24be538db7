// Imports market files into a journal one after another, printing "ack <k>" as each import is
// acknowledged, for a test that kills it part-way: says "ready", waits for a line on stdin, then
// imports `count` files of `rows` daily bars each, as symbols T<tag>X<k>.
import { once } from 'node:events'
import { openJournal } from '../../../../electron/core/db/connection.ts'
import { importMarketFile } from '../../../../electron/core/services/marketImport.ts'

const [path, tag, count, rows] = process.argv.slice(2)
const { db } = openJournal(path!)
const day = (i: number) =>
  new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
const text = `date,open,high,low,close\n${Array.from({ length: Number(rows) }, (_, i) => {
  const c = 100 + (i % 50)
  return `${day(i)},${c},${c + 1},${c - 1},${c}`
}).join('\n')}\n`
process.stdout.write('ready\n')
await once(process.stdin, 'data')
for (let k = 0; k < Number(count); k++) {
  const r = importMarketFile(db, {
    fileName: `t${k}.csv`,
    text,
    symbol: `T${tag}X${k}`,
    acceptGoodRows: false,
  })
  if (!r.applied)
    throw new Error(`import ${k} not applied: ${JSON.stringify(r.problems.slice(0, 2))}`)
  process.stdout.write(`ack ${k}\n`)
}
db.close()
process.stdin.destroy()
