import { mulE4 } from './money.ts'

/** An open option leg as the at-expiry payoff sees it. */
export interface ExpiryLeg {
  optionType: 'call' | 'put'
  strikeE4: number
  /** Signed contracts still open. */
  openQuantity: number
  multiplier: number
}

export type ExpiryFigures =
  | {
      ok: true
      /** Best outcome at expiry in dollars (e4), null when unlimited. */
      maxProfitE4: number | null
      /** Worst outcome as a positive loss in dollars (e4), null when unlimited; 0 when it cannot lose. */
      maxLossE4: number | null
      /** Underlying prices (e4 points, rounded to 0.0001) where the outcome crosses zero, ascending. */
      breakevensE4: number[]
    }
  | { ok: false; reason: string }

/** Payoff at expiry (dollars, e4) of the legs plus the cash so far, at an underlying price in e4 points. */
export function payoffAtE4(legs: readonly ExpiryLeg[], cashE4: number, priceE4: number): number {
  let total = cashE4
  for (const l of legs) {
    const intrinsic =
      l.optionType === 'call'
        ? Math.max(priceE4 - l.strikeE4, 0)
        : Math.max(l.strikeE4 - priceE4, 0)
    total += mulE4(intrinsic, l.openQuantity * l.multiplier)
  }
  return total
}

/**
 * Max profit, max loss and breakevens at expiry of any one-expiry option structure, from the
 * legs as they stand and the position's cash so far (premium received minus paid, minus fees,
 * rolls included): for a condor opened for C that is max profit C, max loss wider wing − C,
 * breakevens K2 − C and K3 + C (PRODUCT.md, Glossary). The payoff is piecewise linear with
 * kinks at the strikes, so its extremes lie at 0, at a strike, or at infinity (when the net call
 * quantity is not zero).
 */
export function expiryFigures(legs: readonly ExpiryLeg[], cashE4: number): ExpiryFigures {
  const open = legs.filter((l) => l.openQuantity !== 0)
  if (open.length === 0) return { ok: false, reason: 'No open option legs.' }
  const strikes = [...new Set(open.map((l) => l.strikeE4))].sort((a, b) => a - b)
  const xs = [0, ...strikes.filter((k) => k > 0)]
  const ys = xs.map((x) => payoffAtE4(open, cashE4, x))
  // Dollars (e4) per e4 point beyond the highest strike: the net call contracts × multiplier.
  const slope = open
    .filter((l) => l.optionType === 'call')
    .reduce((s, l) => s + l.openQuantity * l.multiplier, 0)
  const best = Math.max(...ys)
  const worst = Math.min(...ys)
  const breakevens: number[] = []
  for (let i = 1; i < xs.length; i++) {
    const [a, b, pa, pb] = [xs[i - 1]!, xs[i]!, ys[i - 1]!, ys[i]!]
    if (pb === 0) breakevens.push(b)
    else if (pa !== 0 && Math.sign(pa) !== Math.sign(pb))
      breakevens.push(a + Math.round(((b - a) * -pa) / (pb - pa)))
  }
  const last = ys[ys.length - 1]!
  if (slope !== 0 && last !== 0 && Math.sign(last) !== Math.sign(slope))
    breakevens.push(xs[xs.length - 1]! + Math.round(-last / slope))
  return {
    ok: true,
    maxProfitE4: slope > 0 ? null : best,
    maxLossE4: slope < 0 ? null : Math.max(-worst, 0),
    breakevensE4: [...new Set(breakevens)].sort((a, b) => a - b),
  }
}
