import { checkFinite } from './series.ts'

/**
 * Advance/decline line (PRODUCT.md `ad_line`): the running total of (advancing − declining)
 * issues from the first day of the given history. Defined from index 0; its level depends on
 * where the history starts, only its changes and its shape carry meaning.
 */
export function adLine(advancing: readonly number[], declining: readonly number[]): number[] {
  if (advancing.length !== declining.length)
    throw new RangeError(
      `advancing (${advancing.length}) and declining (${declining.length}) differ in length`,
    )
  const out = new Array<number>(advancing.length)
  let total = 0
  for (let i = 0; i < advancing.length; i++) {
    const a = advancing[i] as number
    const d = declining[i] as number
    checkFinite(a, i)
    checkFinite(d, i)
    total += a - d
    out[i] = total
  }
  return out
}

/** Streaming A/D line: push one day's advancing and declining counts. */
export class AdLineUpdater {
  private count = 0
  private total = 0
  private started = false

  get value(): number | null {
    return this.started ? this.total : null
  }

  push(advancing: number, declining: number): number {
    checkFinite(advancing, this.count)
    checkFinite(declining, this.count)
    this.count++
    this.total += advancing - declining
    this.started = true
    return this.total
  }
}
