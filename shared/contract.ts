import { z } from 'zod'
import type { Channel } from './channels.ts'
import {
  STRUCTURES,
  type Account,
  type AccountId,
  type AppInfo,
  type PositionDetail,
  type PositionId,
  type PositionSummary,
  type PositionTotals,
} from './domain.ts'
import { parseE4 } from './money.ts'
import {
  REVIEW_GROUP_KEYS,
  type ReviewDecisionRow,
  type ReviewReport,
  type ReviewSummary,
} from './review/report.ts'
import { isIsoDate } from './dates.ts'
import {
  ACTIONS,
  DecisionInputsSchema,
  LogAdjustmentSchema,
  type DecisionRecord,
  type Evaluation,
} from './decisions.ts'
import type { Ruleset } from './ruleset/schema.ts'
import type { MarketSnapshot } from './signals.ts'
import { CreateIronCondorSchema } from './ironCondor.ts'
import { CreatePositionSchema } from './newPosition.ts'
import {
  DATE_FORMATS,
  EVENT_KINDS,
  type EventPoint,
  type ImportReport,
  type MarketOverview,
  type SeriesData,
} from './market.ts'
import type { Result } from './result.ts'
import type { BackupInfo, JournalLocation, RestoreResult } from './backups.ts'
import { ImportTradesSchema, type ImportTradesResult } from './tradeImport.ts'
import type { ExportResult } from './exportFiles.ts'
import type { TodayReport } from './today.ts'
import type { JobProgress } from './jobs.ts'
import {
  MAX_PAGE,
  POSITION_SORTS,
  type DryRunSummary,
  type PositionListTotals,
  type PositionPage,
} from './listPaging.ts'
import { LabRunSchema, type LabRunResults, type LabRunSummary, type LabTradeReplay } from './lab.ts'
import {
  HAND_SERIES,
  type HandEntryResult,
  type MarketStaleness,
  type MarketUpdateSettings,
  type UpdateReport,
} from './marketUpdate.ts'

/**
 * The typed contract between the renderer and the core: one entry per channel with the zod
 * schema that validates its request and the type of its response. Main's ipcMain handlers, the
 * preload bridge, the browser host's /api routes and the renderer's client all derive from it.
 */
interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req
  /** Phantom: carries the response type, never read at run time. */
  response: Res
}

const responds = <Res>() => undefined as unknown as Res
const channel = <Req extends z.ZodType, Res>(
  request: Req,
  response: Res,
): ChannelDef<Req, Res> => ({
  request,
  response,
})

const NoInput = z.strictObject({})
const Symbol = z
  .string()
  .regex(/^[A-Za-z0-9^._-]{1,20}$/, { message: 'A symbol is 1–20 letters, digits or . _ - ^' })
const IsoDate = z.string().max(10).refine(isIsoDate, { message: 'Must be a date (YYYY-MM-DD)' })
const ColumnName = z.string().min(1).max(100)

const Reason = z
  .string()
  .trim()
  .min(1, { message: 'Say why (it is kept in the history)' })
  .max(4000, { message: 'At most 4000 characters' })
const Money = (label: string) =>
  z
    .string()
    .max(24)
    .refine((s) => (parseE4(s) ?? -1) >= 0, {
      message: `${label} must be a number ≥ 0 with at most 4 decimals`,
    })
const SignedMoney = (label: string) =>
  z
    .string()
    .max(24)
    .refine((s) => parseE4(s) !== null, {
      message: `${label} must be a number with at most 4 decimals`,
    })
const Tag = z
  .string()
  .trim()
  .min(1, { message: 'Tags cannot be empty' })
  .max(40, { message: 'A tag is at most 40 characters' })
const AccountName = z
  .string()
  .trim()
  .min(1, { message: 'Give the account a name' })
  .max(100, { message: 'At most 100 characters' })
const Id = z.number().int().positive()
/**
 * Settlement levels the user enters for expired legs, by leg id: the underlying's settlement
 * (an index level) for an option, the settlement price for a future.
 */
const Settlements = z.record(z.string().regex(/^\d{1,12}$/), Money('Settlement')).default({})

export const PositionFilterSchema = z.strictObject({
  status: z.enum(['open', 'closed', 'all', 'voided']).default('all'),
  underlying: Symbol.optional(),
  structure: z.enum(STRUCTURES).optional(),
  tag: Tag.optional(),
  accountId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  text: z.string().max(200).optional(),
})
export type PositionFilterInput = z.input<typeof PositionFilterSchema>

/** A keyset page: the cursor a previous page returned (opaque), and how many rows. */
const PageCursor = z.string().min(1).max(1000)
const PageLimit = z.number().int().min(1).max(MAX_PAGE).default(100)
export const PositionPageSchema = z.strictObject({
  filter: PositionFilterSchema,
  sort: z
    .strictObject({
      column: z.enum(POSITION_SORTS),
      direction: z.enum(['asc', 'desc']),
    })
    .default({ column: 'openedOn', direction: 'desc' }),
  after: PageCursor.optional(),
  limit: PageLimit,
})
export type PositionPageInput = z.input<typeof PositionPageSchema>

/** One expired open leg and its settlement (see electron/core/services/expire.ts). */
export interface ExpiringLegView {
  legId: number
  root: string
  expiration: string
  optionType: 'call' | 'put' | null
  strike: string | null
  openQuantity: number
  price: string | null
  cash: string | null
  source: string
}
export interface ExpiryCandidateView {
  positionId: number
  legs: ExpiringLegView[]
  ready: boolean
}

const RulesetId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'Unknown ruleset id' })

export interface DryRunRow {
  decisionId: number
  positionId: number
  decidedAt: string
  rulesetThen: string
  recommendedThen: string
  actionTaken: string
  recommendedNow: string
  agrees: boolean
  ruleNow: string | null
  /** What was done, in dollars (the review's `actual`); null when not computable. */
  actual: number | null
  /** The outcome of the path recommended now, where computable without invented strikes. */
  outcomeNow: number | null
  /** Why `outcomeNow` is missing, or that it rests on model values. */
  outcomeNote: string | null
}

/** What a dry-run replays: a stored version, or an unsaved definition. */
/** A review's request: positions opened in a date range, the groupings wanted (all when absent). */
const ReviewRequestSchema = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  groupBy: z.array(z.enum(REVIEW_GROUP_KEYS)).max(REVIEW_GROUP_KEYS.length).optional(),
})

/**
 * A page of the review's decisions table: the review's date range, the table's filters, its
 * order by date (the time decided, then the id) and a keyset cursor.
 */
const ReviewDecisionsPageSchema = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ruleset: RulesetId.optional(),
  action: z.enum(ACTIONS).optional(),
  followed: z.boolean().optional(),
  sort: z
    .strictObject({ column: z.enum(['date']), direction: z.enum(['asc', 'desc']) })
    .default({ column: 'date', direction: 'asc' }),
  after: PageCursor.optional(),
  limit: PageLimit,
})

const DryRunSource = z.strictObject({
  id: RulesetId.optional(),
  version: z.number().int().positive().optional(),
  definition: z.unknown().optional(),
})

export interface RulesetSummary {
  id: string
  name: string
  description: string
  builtin: boolean
  createdAt: string
  latestVersion: number
}

/** Largest market-data file accepted over the contract (the full SPX history is about 1 MB). */
export const MAX_IMPORT_CHARS = 50_000_000

export const contract = {
  'app:info': channel(NoInput, responds<AppInfo>()),
  /** The jobs running now with their latest progress (a page opened mid-job shows its bar). */
  'jobs:active': channel(NoInput, responds<JobProgress[]>()),
  /** Cancels a running job: its work is rolled back; false when it had already finished. */
  'jobs:cancel': channel(
    z.strictObject({ jobId: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
    responds<{ cancelled: boolean }>(),
  ),
  /** The open journal's file and backups folder, and what this shell can do with them. */
  'journal:location': channel(NoInput, responds<JournalLocation>()),
  /** Desktop: a file dialog in the main process picks the journal (the renderer sends no path). */
  'journal:openAnother': channel(NoInput, responds<{ path: string } | null>()),
  'backups:list': channel(NoInput, responds<BackupInfo[]>()),
  /** "Back up now": a manual backup, never deleted by Wingman. */
  'backups:create': channel(NoInput, responds<BackupInfo>()),
  /** Replaces the journal with a backup named as `backups:list` lists it (never a path). */
  'backups:restore': channel(
    z.strictObject({
      name: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\\]+\.sqlite$/),
    }),
    responds<RestoreResult>(),
  ),
  'accounts:list': channel(NoInput, responds<Account[]>()),
  'accounts:create': channel(
    z.strictObject({ name: AccountName, broker: z.string().trim().max(100).default('') }),
    responds<{ id: AccountId }>(),
  ),
  'accounts:rename': channel(z.strictObject({ id: Id, name: AccountName }), responds<null>()),
  /** The listed positions with their figures (shared/ledger.ts) and the totals of what is listed. */
  'positions:list': channel(
    PositionFilterSchema,
    responds<{ positions: PositionSummary[]; totals: PositionTotals }>(),
  ),
  /** One keyset page of the list, sorted and filtered in SQL (shared/listPaging.ts). */
  'positions:page': channel(PositionPageSchema, responds<PositionPage>()),
  /** The totals of what a filter lists (one aggregate query), the open P&L dates and the tags. */
  'positions:totals': channel(PositionFilterSchema, responds<PositionListTotals>()),
  'positions:get': channel(
    z.strictObject({ id: z.number().int().positive() }),
    responds<PositionDetail>(),
  ),
  'positions:createIronCondor': channel(CreateIronCondorSchema, responds<{ id: PositionId }>()),
  /** Edits notes, thesis, tags and account; the position's history keeps the values before. */
  'positions:update': channel(
    z.strictObject({
      id: Id,
      notes: z.string().max(10_000, { message: 'Notes are at most 10000 characters' }).optional(),
      thesis: z
        .string()
        .max(10_000, { message: 'The thesis is at most 10000 characters' })
        .optional(),
      tags: z.array(Tag).max(20, { message: 'At most 20 tags' }).optional(),
      accountId: Id.optional(),
    }),
    responds<null>(),
  ),
  'positions:void': channel(z.strictObject({ id: Id, reason: Reason }), responds<null>()),
  'positions:restore': channel(z.strictObject({ id: Id, reason: Reason }), responds<null>()),
  /** Open positions with expired legs and their settlements; writes nothing. */
  'positions:expiryCandidates': channel(
    z.strictObject({ positionIds: z.array(Id).max(10_000).optional(), settlements: Settlements }),
    responds<ExpiryCandidateView[]>(),
  ),
  'positions:expire': channel(
    z.strictObject({ positionIds: z.array(Id).max(10_000).optional(), settlements: Settlements }),
    responds<{ expired: number[]; skipped: ExpiryCandidateView[] }>(),
  ),
  /** A correction of a fill, kept beside the original (which never changes). */
  'fills:correct': channel(
    z.strictObject({
      fillId: Id,
      executedOn: IsoDate.optional(),
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Time as HH:MM (New York)' })
        .optional(),
      quantity: z.number().int().positive().max(100_000).optional(),
      price: Money('Price').nullable().optional(),
      fees: Money('Fees').optional(),
      reason: Reason,
    }),
    responds<{ correctionId: number }>(),
  ),
  'adjustments:correct': channel(
    z.strictObject({
      adjustmentId: Id,
      netPrice: SignedMoney('Net price').nullable().optional(),
      fees: Money('Fees').optional(),
      reason: Reason,
    }),
    responds<{ correctionId: number }>(),
  ),
  /** A mark you enter for an open leg on a date (e.g. a VX future past the stored history). */
  'legs:mark': channel(
    z.strictObject({ legId: Id, date: IsoDate, price: Money('Mark') }),
    responds<null>(),
  ),
  'market:overview': channel(NoInput, responds<MarketOverview>()),
  'market:series': channel(
    z.strictObject({
      symbols: z.array(Symbol).min(1).max(16),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
    }),
    responds<SeriesData[]>(),
  ),
  'market:events': channel(
    z.strictObject({ kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).optional() }),
    responds<EventPoint[]>(),
  ),
  // The renderer sends the file's text, never a path (it reads the file the user picked).
  'market:import': channel(
    z.strictObject({
      fileName: z.string().min(1).max(255),
      text: z.string().max(MAX_IMPORT_CHARS, { message: 'The file is larger than 50 MB' }),
      symbol: Symbol.optional(),
      mapping: z
        .strictObject({
          date: ColumnName,
          dateFormat: z.enum(DATE_FORMATS),
          close: ColumnName,
          open: ColumnName.optional(),
          high: ColumnName.optional(),
          low: ColumnName.optional(),
          volume: ColumnName.optional(),
        })
        .optional(),
      eventKind: z.enum(EVENT_KINDS).optional(),
      acceptGoodRows: z.boolean().default(false),
    }),
    responds<ImportReport>(),
  ),
  'signals:snapshot': channel(
    z.strictObject({
      date: IsoDate,
      live: z
        .strictObject(
          Object.fromEntries(
            ['spot', 'vix', 'vix9d', 'vix3m', 'vx1', 'vx2', 'vx3'].map((k) => [
              k,
              z.number().finite().positive().max(1e7).optional(),
            ]),
          ),
        )
        .default({}),
    }),
    responds<MarketSnapshot>(),
  ),
  'rulesets:list': channel(NoInput, responds<RulesetSummary[]>()),
  'rulesets:get': channel(
    z.strictObject({ id: RulesetId, version: z.number().int().positive().optional() }),
    responds<{
      summary: RulesetSummary
      ruleset: Ruleset
      versions: { version: number; createdAt: string }[]
    }>(),
  ),
  // Saving always makes a new version; stored versions never change.
  'rulesets:save': channel(
    z.strictObject({ id: RulesetId, definition: z.unknown() }),
    responds<{ id: string; version: number }>(),
  ),
  'rulesets:duplicate': channel(
    z.strictObject({
      fromId: RulesetId,
      newId: RulesetId,
      name: z.string().trim().min(1).max(100),
    }),
    responds<{ id: string; version: number }>(),
  ),
  'rulesets:validate': channel(
    z.strictObject({ definition: z.unknown() }),
    responds<{ ok: boolean; errors: { path: string; message: string }[] }>(),
  ),
  /** Replays a stored version, or an unsaved definition, over every logged decision. */
  'rulesets:dryRun': channel(
    z.strictObject({
      id: RulesetId.optional(),
      version: z.number().int().positive().optional(),
      definition: z.unknown().optional(),
    }),
    responds<DryRunRow[]>(),
  ),
  /** One page of the dry-run, in decision order, with the outcomes of the page's rows. */
  'rulesets:dryRunPage': channel(
    DryRunSource.extend({ after: PageCursor.optional(), limit: PageLimit }),
    responds<{ rows: DryRunRow[]; nextCursor: string | null; decisions: number }>(),
  ),
  /** How many decisions the ruleset agrees with, over every logged decision. */
  'rulesets:dryRunSummary': channel(DryRunSource, responds<DryRunSummary>()),
  'decisions:evaluate': channel(DecisionInputsSchema, responds<Evaluation>()),
  'decisions:list': channel(
    z.strictObject({ positionId: z.number().int().positive() }),
    responds<DecisionRecord[]>(),
  ),
  /** The decisions (of one position, or all) in keyset pages, oldest first. */
  'decisions:page': channel(
    z.strictObject({ positionId: Id.optional(), after: PageCursor.optional(), limit: PageLimit }),
    responds<{ rows: DecisionRecord[]; nextCursor: string | null }>(),
  ),
  // Decisions have no update channel: a correction is a new record naming the one it corrects.
  'decisions:correct': channel(
    z.strictObject({
      decisionId: z.number().int().positive(),
      actionTaken: z.enum(ACTIONS),
      reason: z.string().trim().min(1, { message: 'Say what the correction is' }).max(4000),
    }),
    responds<{ decisionId: number }>(),
  ),
  'adjustments:log': channel(
    LogAdjustmentSchema,
    responds<{ adjustmentId: number | null; decisionId: number | null }>(),
  ),
  'positions:create': channel(
    CreatePositionSchema,
    responds<{ id: PositionId; warnings: string[] }>(),
  ),
  /** The review against outcomes (issue 10): decisions, positions and groups. */
  'review:run': channel(ReviewRequestSchema, responds<ReviewReport>()),
  /**
   * The headline and groups `review:run` would give, at once, when nothing changed since the
   * last review of the same request (the core's cache); null otherwise (run the review).
   */
  'review:summary': channel(ReviewRequestSchema, responds<ReviewSummary | null>()),
  /**
   * A page of the decisions `review:run` lists, from the core's cache, when nothing changed
   * since the last review (null otherwise: wait for the review): the table's first rows at once.
   */
  'review:decisionsPage': channel(
    ReviewDecisionsPageSchema,
    responds<{
      asOf: string | null
      rows: ReviewDecisionRow[]
      nextCursor: string | null
      total: number
    } | null>(),
  ),
  /** The daily paths of one decision: what was done and holding to expiry (model values). */
  'review:paths': channel(
    z.strictObject({ decisionId: Id }),
    responds<{
      asOf: string | null
      points: { date: string; actual: number | null; held: number | null }[]
      worstActual: number | null
      worstHeld: number | null
    }>(),
  ),
  /** A broker trade file (its text) into the journal; `dryRun` previews exactly what it writes. */
  'trades:import': channel(ImportTradesSchema, responds<ImportTradesResult>()),
  /**
   * CSV files for a spreadsheet: the listed positions' summary, one position's fills and
   * decisions, the whole journal, or the review. Saved through a native dialog in the desktop
   * app, returned as text for a download in the browser.
   */
  'export:files': channel(
    z.discriminatedUnion('scope', [
      z.strictObject({ scope: z.literal('listed'), filter: PositionFilterSchema }),
      z.strictObject({ scope: z.literal('position'), positionId: Id }),
      z.strictObject({ scope: z.literal('journal') }),
      z.strictObject({ scope: z.literal('review') }),
    ]),
    responds<ExportResult>(),
  ),
  /** Every open position on the latest data as of the date (default: today, New York). */
  'today:list': channel(
    z.strictObject({ date: IsoDate.optional(), rulesetId: RulesetId.optional() }),
    responds<TodayReport>(),
  ),
  'settings:get': channel(NoInput, responds<{ defaultRulesetId: string }>()),
  'settings:update': channel(
    z.strictObject({ defaultRulesetId: RulesetId }),
    responds<{ defaultRulesetId: string }>(),
  ),
  /** The ruleset that judges one position; null goes back to the journal's default. */
  'positions:setRuleset': channel(
    z.strictObject({ id: Id, rulesetId: RulesetId.nullable() }),
    responds<null>(),
  ),
  /**
   * Per series the last stored date and the NYSE sessions it is behind the date (default today,
   * New York), and how far the FOMC/CPI/PPI calendars reach — for the Market page and the
   * decision panel's staleness banner.
   */
  'market:staleness': channel(
    z.strictObject({ date: IsoDate.optional() }),
    responds<MarketStaleness>(),
  ),
  /** The closes stored for a date and where each came from (file, publisher or by hand). */
  'market:closesOn': channel(
    z.strictObject({ date: IsoDate }),
    responds<{ series: string; value: number; source: 'file' | 'publisher' | 'hand' }[]>(),
  ),
  /**
   * "Today's market": closes typed for a session, stored as history marked "entered by hand"
   * (the decision panel's "keep as today's close" sends its live values here).
   */
  'market:enterCloses': channel(
    z.strictObject({
      date: IsoDate,
      closes: z
        .strictObject(
          Object.fromEntries(
            HAND_SERIES.map((k) => [
              k,
              z
                .number({ message: `${k} must be a number` })
                .finite()
                .positive({ message: `${k} must be above 0` })
                .max(1e7)
                .optional(),
            ]),
          ) as Record<(typeof HAND_SERIES)[number], z.ZodOptional<z.ZodNumber>>,
        )
        .default({}),
      advancing: z
        .number()
        .int({ message: 'Advancing issues is a whole number' })
        .min(0)
        .max(1_000_000)
        .optional(),
      declining: z
        .number()
        .int({ message: 'Declining issues is a whole number' })
        .min(0)
        .max(1_000_000)
        .optional(),
    }),
    responds<HandEntryResult>(),
  ),
  /** Settings → Market data: whether "Update market data" may download, and from where. */
  'market:updateSettings': channel(NoInput, responds<MarketUpdateSettings>()),
  'market:setUpdates': channel(
    z.strictObject({ enabled: z.boolean() }),
    responds<MarketUpdateSettings>(),
  ),
  /** Downloads what is missing from the publishers' files (refused while the switch is off). */
  'market:update': channel(NoInput, responds<UpdateReport>()),
  /** The methodology lab (issue 14): replays rulesets over the history, stores the run (a job). */
  'lab:run': channel(LabRunSchema, responds<LabRunSummary>()),
  'lab:runs': channel(NoInput, responds<LabRunSummary[]>()),
  'lab:get': channel(z.strictObject({ runId: Id }), responds<LabRunResults>()),
  /** One trade of a run replayed day by day under each of the run's rulesets. */
  'lab:trade': channel(
    z.strictObject({ runId: Id, tradeKey: z.string().min(1).max(40) }),
    responds<LabTradeReplay[]>(),
  ),
  'lab:delete': channel(z.strictObject({ runId: Id }), responds<null>()),
} satisfies { [K in Channel]: ChannelDef<z.ZodType, unknown> }

type Contract = typeof contract

/** What a caller sends (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
/** What a handler receives after validation (defaults filled in). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = Contract[C]['response']

/** Every channel must have a handler: a missing key is a compile error where handlers are built. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>
}

/** The client side, identical in Electron (preload) and in the browser (HTTP bridge). */
export type WingmanApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
}
