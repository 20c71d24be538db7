import type { SignalValue } from '../../../shared/signals.ts'

/**
 * Collects signal values, recording every one that is missing (null, undefined or not a finite
 * number) as null together with the reason — so no signal is ever silently absent.
 */
export class SignalRecorder {
  readonly values: Record<string, SignalValue> = {}
  readonly missing: Record<string, string> = {}

  set(id: string, v: SignalValue | undefined, why: string): void {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) {
      this.values[id] = null
      this.missing[id] = why
    } else this.values[id] = v
  }
}
