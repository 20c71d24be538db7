import type { Command } from './types.ts'

/**
 * Every `wingman` command by name: its one line for `wingman --help` and how to load it. The
 * command's module — and the core it pulls in — is imported only when the command runs or its
 * help is asked for, so a start costs this table, not the whole app. Add a command here with
 * the same summary as its module's (a unit test checks they agree).
 */
export interface CommandEntry {
  summary: string
  load: () => Promise<Command>
}

export const COMMANDS: Record<string, CommandEntry> = {
  init: {
    summary: 'create a journal (or bring an existing one to the current schema)',
    load: async () => (await import('./journal.ts')).initCommand,
  },
  serve: {
    summary: 'serve the app to a browser on 127.0.0.1',
    load: async () => (await import('./journal.ts')).serveCommand,
  },
  export: {
    summary: 'write every journal table, and position and fill summaries, to CSV files',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  backup: {
    summary: 'write a complete copy of the journal to a new file',
    load: async () => (await import('./journal.ts')).backupCommand,
  },
  price: {
    summary: 'price European options and their greeks (JSON Lines in and out)',
    load: async () => (await import('./price.ts')).priceCommand,
  },
  iv: {
    summary: 'implied volatility of European option prices (JSON Lines in and out)',
    load: async () => (await import('./iv.ts')).ivCommand,
  },
  signals: {
    summary: 'print the market signals for a date as JSON',
    load: async () => (await import('./signals.ts')).signalsCommand,
  },
  indicators: {
    summary: 'add RSI and MACD columns to a date,close CSV (stdin → stdout)',
    load: async () => (await import('./indicators.ts')).indicators,
  },
  decide: {
    summary: 'recommend hold / roll / close for a signal snapshot, as JSON',
    load: async () => (await import('./decide.ts')).decideCommand,
  },
  expire: {
    summary: 'close expired legs at their settlement from the stored history',
    load: async () => (await import('./expire.ts')).expireCommand,
  },
  review: {
    summary: 'score logged decisions against the paths not taken (JSON or CSV)',
    load: async () => (await import('./review.ts')).reviewCommand,
  },
  lab: {
    summary: 'replay rulesets over the stored history on scheduled condors (model prices)',
    load: async () => (await import('./lab.ts')).labCommand,
  },
  salvage: {
    summary: 'copy every readable record of a damaged journal into a new journal',
    load: async () => (await import('./salvage.ts')).salvageCommand,
  },
  'import-journal': {
    summary: 'rebuild a journal from the CSV files of wingman export (into a new, empty one)',
    load: async () => (await import('./importJournal.ts')).importJournalCommand,
  },
  restore: {
    summary: 'put a backup in place of the journal (the journal is kept as a backup first)',
    load: async () => (await import('./restore.ts')).restoreCommand,
  },
  'import-trades': {
    summary: "import a broker's trade export (tastytrade, thinkorswim, Schwab, IBKR, Fidelity)",
    load: async () => ({
      ...(await import('./importTrades.ts')).importTradesCommand,
      positionals: true,
    }),
  },
  demo: {
    summary:
      'fill an empty journal with a realistic demo trader (condors, rolls, hedges, decisions)',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  today: {
    summary: 'every open position checked against the latest data, the tested ones first',
    load: async () => (await import('./today.ts')).todayCommand,
  },
  rulesets: {
    summary: 'list, show or validate decision rulesets',
    load: async () => ({ ...(await import('./rulesets.ts')).rulesetsCommand, positionals: true }),
  },
  'update-market': {
    summary: "download the days missing from Cboe's and CFE's public daily files",
    load: async () => (await import('./updateMarket.ts')).updateMarketCommand,
  },
}
