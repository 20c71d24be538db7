import { daysBetween, nyDateOf } from '../../../../shared/dates.ts'
import type { Decimal, Leg, PositionSummary } from '../../../../shared/domain.ts'
import { formatE4, parseE4 } from '../../../../shared/money.ts'
import { STRUCTURES } from '../../../../shared/newPosition.ts'
import { nyHourMinute } from '../../lib/format.ts'

/**
 * How the position page writes what the core sends: it formats, it never computes money.
 * Decimals arrive as exact strings ("3.4", "-1980.4"); these functions only choose how many
 * digits to show and which minus sign to use.
 */

export { price } from '../../lib/format.ts'

/** An index level (strike, breakeven) to the cent: "7182.176" → "7182.18" (display rounding only). */
export function level(value: Decimal): string {
  const e4 = parseE4(value)
  if (e4 === null) return value
  const cents = Math.round(Math.abs(e4) / 100) * 100
  return formatE4(e4 < 0 ? -cents : cents, 2).replace('-', '−')
}

/** Signed contracts: 2 → "+2", −2 → "−2". */
export const signed = (q: number): string => (q > 0 ? `+${q}` : q < 0 ? `−${-q}` : '0')

/** "SPX iron condor": the root and the structure the position was opened as, in words. */
export function structureName(s: Pick<PositionSummary, 'root' | 'structure'>): string {
  const label = STRUCTURES[s.structure]?.label ?? s.structure
  return `${s.root} ${label.toLowerCase()}`
}

/** A leg in a few words: "7500 call 2026-07-17", "VX future 2026-07-22". */
export function legName(
  l: Pick<Leg, 'root' | 'strike' | 'optionType' | 'expiration'> | undefined,
): string {
  if (!l) return '?'
  return `${l.strike ?? l.root} ${l.optionType ?? 'future'} ${l.expiration}`
}

/** A leg with its root for tables and dialogs: "SPX 7500 call 2026-07-17", "VX future 2026-07-22". */
export function contractName(
  l: Pick<Leg, 'root' | 'strike' | 'optionType' | 'expiration'> | undefined,
): string {
  if (!l) return '?'
  return l.strike == null ? legName(l) : `${l.root} ${legName(l)}`
}

/** "2026-07-17 (14 DTE)", "(expired)" once the date is past, as seen on `today`. */
export function expiryText(expiration: string, today: string): string {
  const d = daysBetween(today, expiration)
  return `${expiration} ${d < 0 ? '(expired)' : `(${d} DTE)`}`
}

/** The New York date and HH:MM of an instant, as the correction form edits them. */
export function nyDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso)
  const time = nyHourMinute(d)
  return { date: nyDateOf(d), time }
}
