import { nyDateOf } from '../../../shared/dates.ts'
import type { IsoDate } from '../../../shared/domain.ts'

/** ISO date `days` calendar days after `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

/** The New York date of an instant from the journal. */
export const nyDate = (instant: string): IsoDate => nyDateOf(new Date(instant))
