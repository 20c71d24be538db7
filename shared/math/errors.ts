/**
 * Typed failures of the options math. `code` is stable for programs (the CLI prints it); the
 * message says which input was wrong and why.
 */
export type OptionsMathErrorCode =
  | 'INVALID_INPUT' // a non-finite number, spot or strike ≤ 0, t < 0, vol < 0, …
  | 'PRICE_BELOW_INTRINSIC' // no volatility gives a price this low
  | 'PRICE_ABOVE_MAXIMUM' // at or above the no-arbitrage bound (S·e^{−qT} for calls, K·e^{−rT} for puts)
  | 'VOL_NOT_DETERMINED' // the implied-volatility solver ended without a finite volatility (a guard)

export class OptionsMathError extends Error {
  readonly code: OptionsMathErrorCode
  constructor(code: OptionsMathErrorCode, message: string) {
    super(message)
    this.name = 'OptionsMathError'
    this.code = code
  }
}

/** Throws INVALID_INPUT unless `value` is a finite number satisfying `ok`. */
export function requireInput(
  name: string,
  value: number,
  ok: (v: number) => boolean,
  rule: string,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))
    throw new OptionsMathError('INVALID_INPUT', `${name} must be ${rule}, got ${String(value)}`)
}
