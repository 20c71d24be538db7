/**
 * What an opening order is: iron condor, credit verticals, strangle, straddle, iron butterfly,
 * broken-wing butterfly, single option, future, or custom — from the legs alone (right, side,
 * strike, expiry, ratio). The journal's structure list has no debit vertical or balanced
 * butterfly, so those are stored as `custom` and the recognised shape is kept as `shape`.
 */
import type { Structure } from '../../../../shared/domain.ts'

export interface ShapeLeg {
  instrument: 'option' | 'future'
  right: 'call' | 'put' | null
  strikeE4: number | null
  expiration: string
  /** Signed contracts: + long, − short. */
  quantity: number
}

export interface Recognised {
  structure: Structure
  /** In words: "iron condor", "put debit spread", "butterfly", "custom (3 legs)". */
  shape: string
}

const of = (structure: Structure, shape: string): Recognised => ({ structure, shape })

/** Merges legs on the same contract (an order may print one leg as two fills). */
function merged(legs: readonly ShapeLeg[]): ShapeLeg[] {
  const byKey = new Map<string, ShapeLeg>()
  for (const l of legs) {
    const k = `${l.instrument}|${l.right}|${l.strikeE4}|${l.expiration}`
    const prev = byKey.get(k)
    byKey.set(k, prev ? { ...prev, quantity: prev.quantity + l.quantity } : { ...l })
  }
  return [...byKey.values()].filter((l) => l.quantity !== 0)
}

/** A two-leg vertical of one right: credit when the short strike is nearer the money. */
function vertical(a: ShapeLeg, b: ShapeLeg): Recognised | null {
  if (a.right !== b.right || a.quantity !== -b.quantity) return null
  const short = a.quantity < 0 ? a : b
  const long = a.quantity < 0 ? b : a
  const credit =
    a.right === 'put' ? short.strikeE4! > long.strikeE4! : short.strikeE4! < long.strikeE4!
  if (a.right === 'put')
    return credit ? of('put_credit_spread', 'put credit spread') : of('custom', 'put debit spread')
  return credit ? of('call_credit_spread', 'call credit spread') : of('custom', 'call debit spread')
}

export function recogniseStructure(input: readonly ShapeLeg[]): Recognised {
  const legs = merged(input)
  if (legs.length === 0) return of('custom', 'custom')
  if (legs.every((l) => l.instrument === 'future'))
    return of('future', legs.length === 1 ? 'future' : 'futures')
  if (legs.some((l) => l.instrument === 'future'))
    return of('custom', `custom (${legs.length} legs)`)
  const expiries = new Set(legs.map((l) => l.expiration))
  if (expiries.size > 1) {
    const name =
      legs.length === 2
        ? legs[0]!.strikeE4 === legs[1]!.strikeE4
          ? 'calendar'
          : 'diagonal'
        : `custom (${legs.length} legs)`
    return of('custom', name)
  }
  if (legs.length === 1)
    return of('single_option', `${legs[0]!.quantity < 0 ? 'short' : 'long'} ${legs[0]!.right}`)
  const puts = legs.filter((l) => l.right === 'put').sort((x, y) => x.strikeE4! - y.strikeE4!)
  const calls = legs.filter((l) => l.right === 'call').sort((x, y) => x.strikeE4! - y.strikeE4!)
  if (legs.length === 2) {
    if (puts.length === 2 || calls.length === 2)
      return vertical(legs[0]!, legs[1]!) ?? of('custom', 'custom (2 legs)')
    const [p, c] = [puts[0]!, calls[0]!]
    if (p.quantity === c.quantity && p.quantity < 0)
      return p.strikeE4 === c.strikeE4
        ? of('straddle', 'straddle')
        : p.strikeE4! < c.strikeE4!
          ? of('strangle', 'strangle')
          : of('custom', 'custom (2 legs)')
    if (p.quantity === c.quantity && p.quantity > 0)
      return of('custom', p.strikeE4 === c.strikeE4 ? 'long straddle' : 'long strangle')
    return of('custom', 'custom (2 legs)')
  }
  if (legs.length === 3 && (puts.length === 3 || calls.length === 3)) {
    const [lo, mid, hi] = puts.length === 3 ? puts : calls
    const q = lo!.quantity
    if (q !== 0 && hi!.quantity === q && mid!.quantity === -2 * q) {
      const lower = mid!.strikeE4! - lo!.strikeE4!
      const upper = hi!.strikeE4! - mid!.strikeE4!
      return lower === upper
        ? of('custom', 'butterfly')
        : of('broken_wing_butterfly', 'broken-wing butterfly')
    }
    return of('custom', 'custom (3 legs)')
  }
  if (legs.length === 4 && puts.length === 2 && calls.length === 2) {
    const pv = vertical(puts[0]!, puts[1]!)
    const cv = vertical(calls[0]!, calls[1]!)
    const shortPut = puts.find((l) => l.quantity < 0)
    const shortCall = calls.find((l) => l.quantity < 0)
    if (
      pv?.structure === 'put_credit_spread' &&
      cv?.structure === 'call_credit_spread' &&
      Math.abs(puts[0]!.quantity) === Math.abs(calls[0]!.quantity) &&
      shortPut &&
      shortCall
    ) {
      if (shortPut.strikeE4 === shortCall.strikeE4) return of('iron_butterfly', 'iron butterfly')
      if (shortPut.strikeE4! < shortCall.strikeE4!) return of('iron_condor', 'iron condor')
    }
  }
  return of('custom', `custom (${legs.length} legs)`)
}
