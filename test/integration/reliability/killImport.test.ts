import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { runChild } from './children.ts'
import { seeded } from './files.ts'

const ROWS = 20_000

describe('kill -9 during market imports', () => {
  const tmp = useTempDir()

  it('keeps every acknowledged import whole and no import half-written', async () => {
    const path = join(tmp(), 'journal.sqlite')
    openAppJournal(path, { marketDir: null }).db.close()
    const rnd = seeded(7)
    const acked: string[] = []
    const kills = 5
    for (let k = 0; k < kills; k++) {
      const child = runChild('importMarket.ts', [path, String(k), '1000', String(ROWS)])
      let out = ''
      child.process.stdout!.on('data', (d: Buffer) => (out += d.toString()))
      await child.line(/^ready$/)
      child.process.stdin!.write('go\n')
      await child.line(/^ack \d+$/, 60_000)
      await new Promise((r) => setTimeout(r, 20 + rnd() * 300))
      child.process.kill('SIGKILL')
      expect(await child.exit).toBe('SIGKILL')
      for (const m of out.matchAll(/^ack (\d+)$/gm)) acked.push(`T${k}X${m[1]}`)
    }
    const { db, readOnly, problem } = openJournal(path)
    expect({ readOnly, problem }).toEqual({ readOnly: false, problem: null })
    const counts = new Map(
      (
        db
          .prepare(
            `SELECT i.symbol, count(b.date) AS n FROM instruments i
               LEFT JOIN daily_bars b ON b.instrument_id = i.id
              WHERE i.symbol GLOB 'T*X*' GROUP BY i.symbol`,
          )
          .all() as { symbol: string; n: number }[]
      ).map((r) => [r.symbol, r.n]),
    )
    db.close()
    const lost = acked.filter((s) => counts.get(s) !== ROWS)
    const halfWritten = [...counts].filter(([, n]) => n !== ROWS)
    console.log(
      `kill -9 during imports: ${kills} kills, ${acked.length} imports of ${ROWS.toLocaleString('en-US')} bars acknowledged, ${counts.size} stored, ${lost.length} lost, ${halfWritten.length} half-written`,
    )
    expect(lost).toEqual([])
    expect(halfWritten).toEqual([])
    // At most the one import in flight at each kill may be stored without its acknowledgement.
    expect(counts.size - acked.length).toBeLessThanOrEqual(kills)
  }, 120_000)
})
