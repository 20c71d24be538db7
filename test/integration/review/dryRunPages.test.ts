import { describe, expect, it } from 'vitest'
import type { DryRunRow } from '../../../shared/contract.ts'
import type { DecisionRecord } from '../../../shared/decisions.ts'
import { openTestJournal } from '../../helpers/journal.ts'
import { reviewScenario } from '../../helpers/reviewScenario.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * The dry-run and the decisions in keyset pages: the pages together are the whole replay, row
 * for row (outcomes included), and the summary counts what the whole replay agrees with.
 */
const NOW = new Date('2026-11-24T15:00:00Z')

describe('dry-run and decisions in pages', () => {
  const tmp = useTempDir()

  it('pages of any size add up to the whole dry-run; the summary counts its agreements', async () => {
    const j = openTestJournal(tmp(), NOW)
    await reviewScenario(j.call)
    for (const source of [{ id: 'mechanical-wing' }, { id: 'alvh' }]) {
      const whole = await j.call('rulesets:dryRun', source)
      expect(whole.length).toBeGreaterThan(1)
      for (const limit of [1, 2, 500]) {
        const rows: DryRunRow[] = []
        let after: string | undefined
        do {
          const page = await j.call('rulesets:dryRunPage', { ...source, limit, after })
          expect(page.decisions).toBe(whole.length)
          rows.push(...page.rows)
          after = page.nextCursor ?? undefined
        } while (after)
        expect(rows).toEqual(whole)
      }
      expect(await j.call('rulesets:dryRunSummary', source)).toEqual({
        decisions: whole.length,
        agreeing: whole.filter((r) => r.agrees).length,
      })
    }
    const bad = await j.raw('rulesets:dryRunPage', { definition: { nonsense: true } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('decision pages, of one position or all, are the decisions in (decided_at, id) order', async () => {
    const j = openTestJournal(tmp(), NOW)
    const { a, b, c } = await reviewScenario(j.call)
    const pages = async (positionId?: number) => {
      const rows: DecisionRecord[] = []
      let after: string | undefined
      do {
        const page = await j.call('decisions:page', { positionId, limit: 1, after })
        rows.push(...page.rows)
        after = page.nextCursor ?? undefined
      } while (after)
      return rows
    }
    const all: DecisionRecord[] = []
    for (const id of [a, b, c]) {
      const list = await j.call('decisions:list', { positionId: id })
      expect(await pages(id)).toEqual(list)
      all.push(...list)
    }
    const byTime = (x: DecisionRecord, y: DecisionRecord) =>
      x.decidedAt < y.decidedAt ? -1 : x.decidedAt > y.decidedAt ? 1 : x.id - y.id
    expect(await pages()).toEqual(all.sort(byTime))
  })
})
