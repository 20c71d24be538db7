/**
 * The broker parsers, and which one a file is. Detection looks at header names and section
 * titles in the first 64 KB; the trader can override it by naming the broker.
 */
import { fidelityParser } from './fidelity.ts'
import { ibkrActivityParser } from './ibkrActivity.ts'
import { ibkrFlexParser } from './ibkrFlex.ts'
import { schwabParser } from './schwab.ts'
import { tastytradeParser } from './tastytrade.ts'
import { thinkorswimParser } from './thinkorswim.ts'
import type { BrokerId, BrokerParser } from './types.ts'
import { wingmanFillsParser } from './wingmanFills.ts'

/** In detection order: the most specific signatures first. */
export const PARSERS: readonly BrokerParser[] = [
  wingmanFillsParser,
  thinkorswimParser,
  ibkrActivityParser,
  ibkrFlexParser,
  tastytradeParser,
  schwabParser,
  fidelityParser,
]

export const parserOf = (id: BrokerId): BrokerParser => PARSERS.find((p) => p.id === id)!

/** The parser whose format the text is, or null when none recognises it. */
export function detectBroker(text: string): BrokerParser | null {
  const head = text.slice(0, 65_536)
  return PARSERS.find((p) => p.detect(head)) ?? null
}
