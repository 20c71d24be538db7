import type { Leg } from '../../../shared/domain.ts'
import type { SignalValue } from '../../../shared/signals.ts'

const ROLE: Record<string, string> = {
  long_put: 'long put',
  short_put: 'short put',
  short_call: 'short call',
  long_call: 'long call',
  hedge: 'hedge',
  other: 'leg',
}

/** "SPX 7500 call (short call) ×2 · 2026-07-17" */
export function legLabel(l: Leg): string {
  const what =
    l.instrumentType === 'future'
      ? `${l.root} future`
      : `${l.root} ${l.strike ?? ''} ${l.optionType ?? ''}`
  return `${what} (${ROLE[l.role] ?? l.role}) ${l.quantity > 0 ? '+' : ''}${l.quantity} · ${l.expiration}`
}

export function formatSignal(v: SignalValue | undefined): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  const a = Math.abs(v)
  return a !== 0 && (a < 0.01 || a >= 1e6)
    ? v.toExponential(3)
    : Number(v.toFixed(a < 10 ? 4 : 2)).toString()
}
