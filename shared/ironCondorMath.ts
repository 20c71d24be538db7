import type { PositionSummary } from './domain.ts'
import { mulE4, parseE4 } from './money.ts'

/**
 * Exact at-expiry figures of an iron condor (PRODUCT.md, Glossary), in e4 units:
 * max profit = C; max loss = max(K2−K1, K4−K3) − C per share, × multiplier × quantity;
 * breakevens K2 − C and K3 + C.
 */
export interface CondorFigures {
  maxProfitE4: number
  maxLossE4: number
  lowerBreakevenE4: number
  upperBreakevenE4: number
  widerWingE4: number
}

export function condorFigures(
  strikesE4: readonly [number, number, number, number],
  creditE4: number,
  multiplier: number,
  quantity: number,
): CondorFigures {
  const [k1, k2, k3, k4] = strikesE4
  const widerWingE4 = Math.max(k2 - k1, k4 - k3)
  return {
    maxProfitE4: mulE4(creditE4, multiplier * quantity),
    maxLossE4: mulE4(widerWingE4 - creditE4, multiplier * quantity),
    lowerBreakevenE4: k2 - creditE4,
    upperBreakevenE4: k3 + creditE4,
    widerWingE4,
  }
}

/** The figures of a listed position, or null when it is not a complete condor. */
export function summaryFigures(s: PositionSummary, multiplier = 100): CondorFigures | null {
  const ks = [s.longPut, s.shortPut, s.shortCall, s.longCall].map((k) =>
    k == null ? null : parseE4(k),
  )
  const credit = s.credit == null ? null : parseE4(s.credit)
  if (ks.some((k) => k == null) || credit == null || s.quantity == null) return null
  return condorFigures(ks as [number, number, number, number], credit, multiplier, s.quantity)
}
