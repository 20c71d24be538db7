import { decideCommand } from './decide.ts'
import { expireCommand } from './expire.ts'
import { importJournalCommand } from './importJournal.ts'
import { importTradesCommand } from './importTrades.ts'
import { todayCommand } from './today.ts'
import { updateMarketCommand } from './updateMarket.ts'
import { reviewCommand } from './review.ts'
import { restoreCommand } from './restore.ts'
import { indicators } from './indicators.ts'
import { ivCommand } from './iv.ts'
import { priceCommand } from './price.ts'
import { rulesetsCommand } from './rulesets.ts'
import { salvageCommand } from './salvage.ts'
import { signalsCommand } from './signals.ts'
import type { Command } from './types.ts'

/**
 * Commands beyond the journal basics (init, serve, export live in cli.ts). Each module exports
 * one `Command`; add it here under its name.
 */
export const EXTRA_COMMANDS: Record<string, Command> = {
  price: priceCommand,
  iv: ivCommand,
  signals: signalsCommand,
  indicators,
  decide: decideCommand,
  expire: expireCommand,
  review: reviewCommand,
  salvage: salvageCommand,
  'import-journal': importJournalCommand,
  restore: restoreCommand,
  'import-trades': { ...importTradesCommand, positionals: true },
  today: todayCommand,
  rulesets: { ...rulesetsCommand, positionals: true },
  'update-market': updateMarketCommand,
}
