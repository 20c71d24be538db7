/**
 * The names of every contract channel, `domain:verb`. Kept free of zod so the preload can list
 * them without bundling schemas; `contract.ts` is checked against this list at compile time.
 */
export const CHANNELS = [
  'app:info',
  'jobs:active',
  'jobs:cancel',
  'journal:location',
  'journal:openAnother',
  'backups:list',
  'backups:create',
  'backups:restore',
  'accounts:list',
  'accounts:create',
  'accounts:rename',
  'positions:list',
  'positions:get',
  'positions:update',
  'positions:void',
  'positions:restore',
  'positions:expiryCandidates',
  'positions:expire',
  'fills:correct',
  'adjustments:correct',
  'legs:mark',
  'positions:createIronCondor',
  'market:overview',
  'market:series',
  'market:events',
  'market:import',
  'signals:snapshot',
  'rulesets:list',
  'rulesets:get',
  'rulesets:save',
  'rulesets:duplicate',
  'rulesets:validate',
  'rulesets:dryRun',
  'decisions:evaluate',
  'decisions:list',
  'decisions:correct',
  'adjustments:log',
  'review:run',
  'review:paths',
  'positions:create',
  'trades:import',
  'export:files',
  'today:list',
  'settings:get',
  'settings:update',
  'positions:setRuleset',
  'market:staleness',
  'market:closesOn',
  'market:enterCloses',
  'market:updateSettings',
  'market:setUpdates',
  'market:update',
] as const

export type Channel = (typeof CHANNELS)[number]

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name)
}
