import { nyDateOf } from '../../../shared/dates.ts'
import type { IsoDate } from '../../../shared/domain.ts'

/** The New York date of an instant from the journal. */
export const nyDate = (instant: string): IsoDate => nyDateOf(new Date(instant))
