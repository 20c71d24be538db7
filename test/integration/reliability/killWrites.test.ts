import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openJournal } from '../../../electron/core/db/connection.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import { useTempDir } from '../../helpers/tmp.ts'
import { runChild } from './children.ts'
import { seeded } from './files.ts'

describe('kill -9 during writes', () => {
  const tmp = useTempDir()

  it('loses no acknowledged create and leaves none half-written', async () => {
    const path = join(tmp(), 'journal.sqlite')
    openAppJournal(path, { marketDir: null }).db.close()
    const rnd = seeded(42)
    const acked = new Set<number>()
    const kills = 8
    for (let k = 0; k < kills; k++) {
      const child = runChild('createPositions.ts', [path, `kill${k}`, '100000', 'stream'])
      let out = ''
      child.process.stdout!.on('data', (d: Buffer) => (out += d.toString()))
      await child.line(/^ready$/)
      child.process.stdin!.write('go\n')
      await child.line(/^ack \d+$/)
      await new Promise((r) => setTimeout(r, 50 + rnd() * 400))
      child.process.kill('SIGKILL')
      expect(await child.exit).toBe('SIGKILL')
      for (const m of out.matchAll(/^ack (\d+)$/gm)) acked.add(Number(m[1]))
    }
    // Opening checks the file (quick_check): a damaged journal would come back read-only.
    const { db, readOnly, problem } = openJournal(path)
    expect({ readOnly, problem }).toEqual({ readOnly: false, problem: null })
    const stored = new Set(db.prepare('SELECT id FROM positions').pluck().all() as number[])
    const missing = [...acked].filter((id) => !stored.has(id))
    // Every stored condor is whole: 4 legs, each with its opening fill, and the opening adjustment.
    const halfWritten = db
      .prepare(
        `SELECT p.id FROM positions p
         WHERE (SELECT count(*) FROM legs l WHERE l.position_id = p.id) != 4
            OR (SELECT count(*) FROM fills f JOIN legs l ON l.id = f.leg_id WHERE l.position_id = p.id) != 4
            OR (SELECT count(*) FROM adjustments a WHERE a.position_id = p.id) != 1`,
      )
      .pluck()
      .all()
    db.close()
    console.log(
      `kill -9 during writes: ${kills} kills, ${acked.size} creates acknowledged, ${stored.size} stored, ${missing.length} lost, ${halfWritten.length} half-written`,
    )
    expect(missing).toEqual([])
    expect(halfWritten).toEqual([])
    // At most the one create in flight at each kill may be stored without its acknowledgement.
    expect(stored.size - acked.size).toBeLessThanOrEqual(kills)
  }, 120_000)
})
