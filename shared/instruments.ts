/**
 * Option roots the journal knows, with the facts a trade needs: the underlying index, the
 * contract multiplier and how the contract settles (PRODUCT.md, Glossary → Settlement).
 */
export const OPTION_ROOTS = ['SPX', 'SPXW', 'XSP', 'SPY', 'RUT', 'NDX'] as const
export type OptionRoot = (typeof OPTION_ROOTS)[number]

export type Settlement = 'AM' | 'PM'

export interface RootInfo {
  underlying: string
  multiplier: number
  settlement: Settlement
  label: string
}

export const ROOTS: Record<OptionRoot, RootInfo> = {
  SPX: { underlying: 'SPX', multiplier: 100, settlement: 'AM', label: 'SPX (monthly, AM-settled)' },
  SPXW: {
    underlying: 'SPX',
    multiplier: 100,
    settlement: 'PM',
    label: 'SPXW (weekly, PM-settled)',
  },
  XSP: { underlying: 'XSP', multiplier: 100, settlement: 'PM', label: 'XSP (mini-SPX)' },
  SPY: { underlying: 'SPY', multiplier: 100, settlement: 'PM', label: 'SPY' },
  RUT: { underlying: 'RUT', multiplier: 100, settlement: 'AM', label: 'RUT' },
  NDX: { underlying: 'NDX', multiplier: 100, settlement: 'AM', label: 'NDX' },
}
