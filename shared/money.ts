/**
 * Money and prices are integers at a fixed scale of 1e-4 (one "e4 unit" = $0.0001 or 0.0001
 * index points). Floats never carry money: a decimal string is parsed digit by digit, and
 * formatting writes the exact digits back.
 */
export const SCALE = 10_000
export const SCALE_DIGITS = 4

/** Largest magnitude we accept, well inside Number.MAX_SAFE_INTEGER once scaled. */
export const MAX_E4 = 900_000_000_000_000 // $90 billion

const DECIMAL_RE = /^(-)?(\d{1,15})(?:\.(\d{1,4}))?$/

/** Parses an exact decimal string such as "2.35" or "-0.0125" into e4 units; null when invalid. */
export function parseE4(text: string): number | null {
  const m = DECIMAL_RE.exec(text.trim())
  if (!m) return null
  const whole = Number(m[2])
  const frac = Number((m[3] ?? '').padEnd(SCALE_DIGITS, '0'))
  const value = whole * SCALE + frac
  if (!Number.isSafeInteger(value) || value > MAX_E4) return null
  return m[1] && value !== 0 ? -value : value
}

/**
 * parseE4 for text the contract schema has already validated: a failure here is a bug, not bad
 * input, and throws.
 */
export function requireE4(text: string): number {
  const v = parseE4(text)
  if (v === null) throw new Error(`unvalidated decimal reached the core: ${text}`)
  return v
}

/**
 * Formats e4 units as the shortest exact decimal ("2.35", "5000", "-0.0125").
 * `minDecimals` pads for display ("2.35" with minDecimals 2 stays "2.35", 5000 → "5000.00").
 */
export function formatE4(value: number, minDecimals = 0): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an e4 integer: ${value}`)
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  const whole = Math.floor(abs / SCALE)
  let frac = String(abs % SCALE)
    .padStart(SCALE_DIGITS, '0')
    .replace(/0+$/, '')
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0')
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`
}

/** Multiplies e4 units by an integer count (contracts × multiplier), checking for overflow. */
export function mulE4(value: number, factor: number): number {
  const out = value * factor
  if (!Number.isSafeInteger(out)) throw new RangeError(`amount overflow: ${value} × ${factor}`)
  return out
}
