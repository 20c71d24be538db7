// Starts Wingman on a journal the way every shell does (openAppJournal with the bundled market
// history); prints "opening" first so the parent can kill it part-way.
import { openAppJournal } from '../../../../electron/core/services/journal.ts'

const [path, marketDir] = process.argv.slice(2)
process.stdout.write('opening\n')
const { db, market } = openAppJournal(path!, { marketDir: marketDir! })
db.close()
process.stdout.write(`loaded ${market.length}\n`)
