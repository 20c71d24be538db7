/**
 * Option roots the journal knows, with the facts a trade needs: the underlying index, the
 * contract multiplier and how the contract settles (PRODUCT.md, Glossary → Settlement).
 * `OPTION_ROOTS` are the index and ETF roots a condor is written on; the VIX family (VIX and
 * VIXW options, VX futures) is what hedge layers are made of.
 */
export const OPTION_ROOTS = ['SPX', 'SPXW', 'XSP', 'SPY', 'RUT', 'NDX'] as const
export type OptionRoot = (typeof OPTION_ROOTS)[number]

export const VIX_ROOTS = ['VIX', 'VIXW', 'VX'] as const
export type VixRoot = (typeof VIX_ROOTS)[number]

/** Every root a position can hold, in the order the forms list them. */
export const ALL_ROOTS = [...OPTION_ROOTS, ...VIX_ROOTS] as const
export type Root = (typeof ALL_ROOTS)[number]

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

/**
 * The VIX family. All of it settles on the VRO, the special opening quotation of the
 * settlement Wednesday, hence 'AM'. VX is the only futures root: its multiplier of 1000 is per
 * VIX point, against 100 for every option.
 */
export const VIX_ROOT_INFO: Record<VixRoot, RootInfo & { instrumentType: 'option' | 'future' }> = {
  VIX: {
    underlying: 'VIX',
    multiplier: 100,
    settlement: 'AM',
    label: 'VIX (monthly options)',
    instrumentType: 'option',
  },
  VIXW: {
    underlying: 'VIX',
    multiplier: 100,
    settlement: 'AM',
    label: 'VIXW (weekly VIX options)',
    instrumentType: 'option',
  },
  VX: {
    underlying: 'VIX',
    multiplier: 1000,
    settlement: 'AM',
    label: 'VX (VIX futures)',
    instrumentType: 'future',
  },
}

/** Facts of any root the journal knows. */
export const ROOT_INFO: Record<Root, RootInfo> = { ...ROOTS, ...VIX_ROOT_INFO }

export function isRoot(text: string): text is Root {
  return (ALL_ROOTS as readonly string[]).includes(text)
}

/** The kind of contract a root lists: VX futures, options for every other root. */
export function instrumentTypeOf(root: Root): 'option' | 'future' {
  return root === 'VX' ? 'future' : 'option'
}

/**
 * Contract multiplier (dollars per point, per contract) of a root's contracts: 1000 for VX
 * futures, 100 for every option (SPX, SPXW, XSP, SPY, RUT, NDX, VIX, VIXW — and any other
 * option root, all US index and equity options being ×100). Throws for a futures root other
 * than VX: a guessed futures multiplier would silently misstate money.
 */
export function multiplierOf(root: string, instrumentType: 'option' | 'future'): number {
  if (instrumentType === 'option') return 100
  if (root === 'VX') return VIX_ROOT_INFO.VX.multiplier
  throw new RangeError(`no known futures multiplier for root ${root}`)
}
