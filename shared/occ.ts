/**
 * OCC / OSI option symbols (the Options Symbology Initiative, 2010): a 21-character string —
 * the root left-aligned and padded with spaces to 6, the expiry as YYMMDD, C or P, and the
 * strike × 1000 as 8 digits: `XSP   250620P00570000` is the XSP 570 put of 2025-06-20,
 * `SPXW  260318C05700000` the SPXW 5700 call of 2026-03-18. Brokers also print it without the
 * padding (`SPXW250702P06185000`); both parse. Strikes are exact decimals (e4), never floats.
 */
import { formatE4 } from './money.ts'

export interface OptionContract {
  root: string
  /** Expiration date, YYYY-MM-DD. */
  expiration: string
  right: 'call' | 'put'
  /** Strike in e4 (570 → 5_700_000). */
  strikeE4: number
}

const PADDED = /^([A-Z0-9]{1,6}) *(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/

/** Parses a padded or compact OSI symbol; null when the text is not one. */
export function parseOcc(text: string): OptionContract | null {
  const m = PADDED.exec(text.trim().toUpperCase())
  if (!m) return null
  const [, root, yy, mm, dd, cp, strike] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const month = Number(mm)
  const day = Number(dd)
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  // The strike field is thousandths of a point: e4 = field × 10.
  const strikeE4 = Number(strike) * 10
  if (strikeE4 <= 0) return null
  return { root, expiration: `20${yy}-${mm}-${dd}`, right: cp === 'C' ? 'call' : 'put', strikeE4 }
}

/** The padded 21-character OSI symbol, exactly as OCC and most brokers print it. */
export function formatOcc(c: OptionContract): string {
  if (!/^[A-Z0-9]{1,6}$/.test(c.root)) throw new RangeError(`not an OSI root: ${c.root}`)
  if (c.strikeE4 % 10 !== 0)
    throw new RangeError(`strike ${formatE4(c.strikeE4)} has more than 3 decimals`)
  const strike = String(c.strikeE4 / 10).padStart(8, '0')
  if (strike.length > 8) throw new RangeError(`strike ${formatE4(c.strikeE4)} is too large for OSI`)
  const ymd = c.expiration.slice(2).replaceAll('-', '')
  return `${c.root.padEnd(6, ' ')}${ymd}${c.right === 'call' ? 'C' : 'P'}${strike}`
}

const MONTH_CODES = 'FGHJKMNQUVXZ'

/** A futures contract in the exchange's short form: root + month code + year digit (`/VXM5`). */
export function formatFutureSymbol(root: string, expiration: string): string {
  const month = Number(expiration.slice(5, 7))
  return `/${root}${MONTH_CODES[month - 1]}${expiration.slice(3, 4)}`
}

/**
 * Parses `/VXM5`, `/VXM25`, `VXM5` into root, contract month (YYYY-MM) — the expiration itself
 * comes from the exchange calendar. `decadeOf` resolves a one-digit year: the year nearest to
 * the trade date.
 */
export function parseFutureSymbol(
  text: string,
  near: string,
): { root: string; month: string } | null {
  const m = /^\/?([A-Z]{1,3}?)([FGHJKMNQUVXZ])(\d{1,2})$/.exec(text.trim().toUpperCase())
  if (!m) return null
  const [, root, code, y] = m as unknown as [string, string, string, string]
  const month = MONTH_CODES.indexOf(code) + 1
  const nearYear = Number(near.slice(0, 4))
  let year: number
  if (y.length === 2) year = 2000 + Number(y)
  else {
    // The year ending in this digit closest to the trade date (a contract trades < 10 years out).
    const base = nearYear - (nearYear % 10) + Number(y)
    year = [base - 10, base, base + 10].reduce((a, b) =>
      Math.abs(b - nearYear) < Math.abs(a - nearYear) ? b : a,
    )
  }
  return { root, month: `${year}-${String(month).padStart(2, '0')}` }
}
