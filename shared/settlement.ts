/**
 * The settlement value of a leg at expiry from stored daily history: the one place that knows
 * which print settles which root (PRODUCT.md, Glossary → Settlement). Only daily bars exist, so
 * the AM settlements (SPX monthlies' Special Opening Quotation, VIX's VRO) are approximated by
 * the day's open, and the result says so.
 */
import type { IsoDate } from './domain.ts'
import { isIsoDate } from './dates.ts'
import { MAX_E4, SCALE_DIGITS, mulE4 } from './money.ts'

/** The fields of a leg settlement needs; strikes are e4 index points, quantity signed contracts. */
export interface SettlementLeg {
  instrumentType: 'option' | 'future'
  root: string
  optionType: 'call' | 'put' | null
  strikeE4: number | null
  expiration: IsoDate
  /** Contract multiplier: 100 for index options, 1000 for VX futures. */
  multiplier: number
  /** Signed contracts: positive long, negative short. */
  quantity: number
}

/** The stored series settlement reads from. */
export type SettlementSymbol = 'SPX' | 'VIX'

/** One stored daily bar in index points; `open` is null when the history holds only closes. */
export interface SettlementBar {
  open: number | null
  close: number
}

/** Looks up the stored daily bar of a series on a date, or null when none is stored. */
export type BarLookup = (symbol: SettlementSymbol, date: IsoDate) => SettlementBar | null

/** Which stored print a settlement came from. */
export type SettlementSource = 'SPX open' | 'SPX close' | 'VIX open'

export type SettlementResult =
  | {
      ok: true
      /** The settlement level in e4 index points, rounded half away from zero to 4 decimals. */
      settlementE4: number
      /**
       * Options: the intrinsic value per share at settlement (e4). Futures: the settlement
       * price per unit (e4), the same as settlementE4.
       */
      intrinsicE4: number
      /**
       * Dollars (e4): intrinsicE4 × multiplier × signed quantity. For a future this is the
       * settlement price × multiplier × quantity, a notional: futures P&L is computed elsewhere
       * from the entry price.
       */
      valueE4: number
      source: SettlementSource
      /** The day whose bar was read: the leg's expiration. */
      date: IsoDate
      /** Why the number is only an approximation of the official settlement, or null. */
      approximation: string | null
    }
  | { ok: false; reason: string }

/** How a root settles from stored history: which print, and the divisor for mini indexes. */
interface Rule {
  symbol: SettlementSymbol
  print: 'open' | 'close'
  source: SettlementSource
  /** Digits the decimal point moves left: XSP is one tenth of SPX. */
  shift: number
  approximation: string | null
}

const SOQ_APPROXIMATION =
  'SPX monthlies settle on the Special Opening Quotation, built from each component’s opening ' +
  'trade; the day’s SPX open stands in for it and can differ by several points'
const VRO_APPROXIMATION =
  'VIX options and VX futures settle on the VRO, built from the opening trades of SPX options; ' +
  'the day’s VIX open stands in for it and can differ by tens of cents'

const OPTION_RULES: Readonly<Record<string, Rule>> = {
  SPXW: { symbol: 'SPX', print: 'close', source: 'SPX close', shift: 0, approximation: null },
  SPX: {
    symbol: 'SPX',
    print: 'open',
    source: 'SPX open',
    shift: 0,
    approximation: SOQ_APPROXIMATION,
  },
  XSP: { symbol: 'SPX', print: 'close', source: 'SPX close', shift: 1, approximation: null },
  VIX: {
    symbol: 'VIX',
    print: 'open',
    source: 'VIX open',
    shift: 0,
    approximation: VRO_APPROXIMATION,
  },
  VIXW: {
    symbol: 'VIX',
    print: 'open',
    source: 'VIX open',
    shift: 0,
    approximation: VRO_APPROXIMATION,
  },
}

const FUTURE_RULES: Readonly<Record<string, Rule>> = {
  VX: {
    symbol: 'VIX',
    print: 'open',
    source: 'VIX open',
    shift: 0,
    approximation: VRO_APPROXIMATION,
  },
}

/** Roots Wingman trades but holds no history for: the trader enters their settlement. */
const NO_HISTORY = new Set(['SPY', 'RUT', 'NDX'])

/**
 * A stored level as e4 units, divided by 10^shift, rounded half away from zero to 4 decimals on
 * the number's shortest decimal form (so 5012.37 is exactly 50_123_700, never 50_123_699); null
 * when the level is not a finite number or too large for e4 money.
 */
function levelToE4(level: number, shift: number): number | null {
  if (!Number.isFinite(level)) return null
  const sign = level < 0 ? -1 : 1
  const abs = Math.abs(level)
  // Below 1e-6 JavaScript writes an exponent; such a level rounds to 0 at 4 decimals anyway.
  if (abs < 1e-6) return 0
  const text = abs.toString()
  if (text.includes('e')) return null // ≥ 1e21: far beyond MAX_E4
  const [whole = '', frac = ''] = text.split('.')
  // Move the decimal point `shift` places left: "5012.37" with shift 1 → "501" + "237".
  const padded = whole.padStart(shift + 1, '0')
  const intPart = padded.slice(0, padded.length - shift)
  const fracPart = padded.slice(padded.length - shift) + frac
  const kept = fracPart.slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, '0')
  const roundUp = (fracPart[SCALE_DIGITS] ?? '0') >= '5'
  const e4 = Number(intPart) * 10 ** SCALE_DIGITS + Number(kept) + (roundUp ? 1 : 0)
  if (!Number.isSafeInteger(e4) || e4 > MAX_E4) return null
  return sign * e4
}

/** Turns -0 into 0 so a flat value compares equal to 0 everywhere. */
const noNegZero = (n: number): number => n + 0

/**
 * The settlement of `leg` at its expiration from the stored SPX/VIX daily bars: SPXW → the SPX
 * close (PM); SPX monthlies → the SPX open (approximating the SOQ, AM); XSP → SPX close / 10 (PM);
 * VIX and VIXW options and VX futures → the VIX open (approximating the VRO). SPY, RUT and NDX
 * have no stored history. A failure is a trader-worded reason that asks for the value by hand.
 * Throws RangeError only when the value overflows e4 money (see mulE4).
 */
export function settleLeg(leg: SettlementLeg, bars: BarLookup): SettlementResult {
  const root = leg.root.trim().toUpperCase()
  const date = leg.expiration
  if (!isIsoDate(date))
    return { ok: false, reason: `The expiration "${date}" is not a date (YYYY-MM-DD)` }

  const rule = (leg.instrumentType === 'future' ? FUTURE_RULES : OPTION_RULES)[root]
  if (!rule) {
    const what = leg.instrumentType === 'future' ? `${root} futures` : root
    return {
      ok: false,
      reason: NO_HISTORY.has(root)
        ? `Wingman stores no ${root} history: enter the settlement value`
        : `Wingman has no settlement rule for ${what}: enter the settlement value`,
    }
  }

  const bar = bars(rule.symbol, date)
  if (!bar)
    return {
      ok: false,
      reason: `No ${rule.symbol} bar is stored for ${date}: enter the settlement value`,
    }
  const level = rule.print === 'open' ? bar.open : bar.close
  if (level === null)
    return {
      ok: false,
      reason: `The ${rule.symbol} open of ${date} is not stored (only its close): enter the settlement value`,
    }
  const settlementE4 = levelToE4(level, rule.shift)
  if (settlementE4 === null || settlementE4 < 0)
    return {
      ok: false,
      reason: `The stored ${rule.symbol} ${rule.print} of ${date} (${level}) is not a usable level: enter the settlement value`,
    }

  let intrinsicE4: number
  if (leg.instrumentType === 'future') {
    intrinsicE4 = settlementE4
  } else {
    if (leg.optionType === null || leg.strikeE4 === null)
      return {
        ok: false,
        reason: `The ${root} option leg has no ${leg.optionType === null ? 'call/put type' : 'strike'}`,
      }
    intrinsicE4 =
      leg.optionType === 'call'
        ? Math.max(0, settlementE4 - leg.strikeE4)
        : Math.max(0, leg.strikeE4 - settlementE4)
  }

  const valueE4 = noNegZero(mulE4(mulE4(intrinsicE4, leg.multiplier), leg.quantity))
  return {
    ok: true,
    settlementE4,
    intrinsicE4,
    valueE4,
    source: rule.source,
    date,
    approximation: rule.approximation,
  }
}
