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

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}`

/**
 * "SPX 7500 call (short call) −2 · 2026-07-17": the contracts still open (after partial closes);
 * a closed leg says so.
 */
export function legLabel(l: Leg): string {
  const what =
    l.instrumentType === 'future'
      ? `${l.root} future`
      : `${l.root} ${l.strike ?? ''} ${l.optionType ?? ''}`
  const qty = l.openQuantity !== 0 ? signed(l.openQuantity) : `${signed(l.quantity)}, closed`
  return `${what} (${ROLE[l.role] ?? l.role}) ${qty} · ${l.expiration}`
}

/** "7500C 07-17": a leg in a few characters, for a select inside a table cell. */
export function legShort(l: Leg): string {
  const what =
    l.instrumentType === 'future'
      ? `${l.root} fut`
      : `${l.strike ?? ''}${l.optionType === 'put' ? 'P' : 'C'}`
  return `${what} ${l.expiration.slice(5)}`
}

const grouping = new Intl.NumberFormat('en-US', { useGrouping: false })

/**
 * A signal value for reading: yes/no, whole numbers as they are (days, issues, a typed spot),
 * anything else with at least 2 decimals — 3.40 beside 1.85 — up to 4 below 1 (a delta of
 * 0.8744) and 3 significant digits below 0.01 (0.00113, never 1.134e-3). A true minus sign.
 */
export function formatSignal(v: SignalValue | undefined): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (!Number.isFinite(v)) return String(v)
  const a = Math.abs(v)
  let text: string
  if (Number.isInteger(v)) text = grouping.format(a)
  else {
    const max = a >= 1 ? 2 : a >= 0.01 ? 4 : Math.min(20, 2 - Math.floor(Math.log10(a)))
    text = new Intl.NumberFormat('en-US', {
      useGrouping: false,
      minimumFractionDigits: 2,
      maximumFractionDigits: max,
    }).format(a)
  }
  return v < 0 && text !== '0.00' ? `−${text}` : text
}
