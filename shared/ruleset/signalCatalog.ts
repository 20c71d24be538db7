import { DISCRETIONARY_FLAGS, MARKET_SIGNALS } from '../signals.ts'

/**
 * Every signal id a ruleset may reference, with the kind of value it carries. Market signals
 * come from shared/signals.ts; the position signals and discretionary flags are the ones
 * PRODUCT.md ("Signals") names. A ruleset that mentions any other id is rejected, so a typo can
 * never silently read as "missing".
 */
export type SignalKind = 'number' | 'boolean'

export type SignalSource = 'position' | 'market' | 'discretionary'

export interface CatalogSignal {
  id: string
  kind: SignalKind
  source: SignalSource
}

const POSITION_NUMBERS = [
  'dte',
  'spot',
  'call_wing_penetration',
  'put_wing_penetration',
  'short_call_delta',
  'short_put_delta',
  'delta',
  'gamma',
  'theta',
  'vega',
  'pnl',
  'pnl_pct_of_credit',
  'pnl_pct_of_max_loss',
  'expected_move',
  'short_call_distance_em',
  'hedge_net_delta',
  'hedge_cost',
] as const

const POSITION_BOOLEANS = ['hedge_layer_active'] as const

/** The methodology's unmeasurable inputs: yes / no / unknown → true / false / null. */
export const DISCRETIONARY_SIGNAL_IDS: readonly string[] = DISCRETIONARY_FLAGS.map((f) => f.id)

function buildCatalog(): ReadonlyMap<string, CatalogSignal> {
  const map = new Map<string, CatalogSignal>()
  for (const id of POSITION_NUMBERS) map.set(id, { id, kind: 'number', source: 'position' })
  for (const id of POSITION_BOOLEANS) map.set(id, { id, kind: 'boolean', source: 'position' })
  // `spot` is both a position and a market signal; the market entry adds nothing new.
  for (const s of MARKET_SIGNALS)
    if (!map.has(s.id))
      map.set(s.id, {
        id: s.id,
        kind: s.unit === 'yes/no' ? 'boolean' : 'number',
        source: 'market',
      })
  for (const id of DISCRETIONARY_SIGNAL_IDS)
    map.set(id, { id, kind: 'boolean', source: 'discretionary' })
  return map
}

/** Signal id → kind and source, in a stable order (position, market, discretionary). */
export const SIGNAL_CATALOG: ReadonlyMap<string, CatalogSignal> = buildCatalog()

/** Every known signal id, in catalogue order. */
export const KNOWN_SIGNAL_IDS: readonly string[] = [...SIGNAL_CATALOG.keys()]
