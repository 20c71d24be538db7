import type { LabRulesetRef, LabStrikes } from '../../../shared/lab.ts'
import { usd } from '../lib/format.ts'
import { signOf } from '../review/reviewFormat.ts'

/**
 * Reading the lab's figures: its amounts come as e4 integers (dollars × 10⁴), the review's
 * formatting takes dollars, so each amount is converted here once.
 */

/** e4 → dollars to the cent: 12345600 → "$1,234.56"; `signed` writes "+" on a gain. */
export const usdE4 = (e4: number | null | undefined, signed = false): string =>
  usd(e4 == null ? null : e4 / 10_000, signed)

/** "pos" / "neg" for colouring an e4 amount by its sign. */
export const signOfE4 = (e4: number | null | undefined): '' | 'pos' | 'neg' =>
  signOf(e4 == null ? null : e4 / 10_000)

/** "alvh v3" — the exact version a run used. */
export const rulesetLabel = (r: LabRulesetRef): string => `${r.id} v${r.version}`

/** A side's strikes, "closed" when the core sends 0 for its legs (the spread was closed). */
const side = (a: number, b: number): string => (a > 0 && b > 0 ? `${a}/${b}` : 'closed')

/**
 * The condor's four strikes: "4900/4950 · 5300/5350" (long/short put · short/long call);
 * "4900/4950 · closed" after the call spread was closed.
 */
export const strikesText = (s: LabStrikes | null): string =>
  s ? `${side(s.longPut, s.shortPut)} · ${side(s.shortCall, s.longCall)}` : '—'

/** "1 trade" / "2 trades". */
export const plural = (n: number, noun: string): string =>
  `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
