/**
 * Conventions shared by every indicator in this folder.
 *
 * Index alignment: a batch function returns an array as long as its input, and value i is the
 * indicator as of input i (computed from inputs 0…i only, never from later ones). Values not yet
 * defined — the warm-up — are `null`, never 0 or NaN. A streaming updater gives, after its k-th
 * push, exactly (bit for bit) value k−1 of the batch function over the same inputs.
 */

/** An indicator series aligned with its input: null where the value is not yet defined. */
export type Series = (number | null)[]

/** A period must be a positive integer (RangeError otherwise). */
export function checkPeriod(name: string, n: number, min = 1): void {
  if (!Number.isInteger(n) || n < min)
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${n}`)
}

/** Inputs must be finite numbers: garbage in throws instead of poisoning every later value. */
export function checkFinite(x: number, index: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`input ${index} is not a finite number: ${x}`)
}
