/**
 * A large, realistic journal for the review benchmark (`review.ts`), made through the app's own
 * services so that every invariant the services keep holds: SPX / SPXW iron condors opened with
 * `createPosition` (per-leg prices) on real NYSE sessions, strikes near that day's real SPX close,
 * decisions logged with `logAdjustment` after `evaluateDecision` (the Evaluate → Log flow of the
 * decision panel), and expired legs booked by `expirePositions` from the stored history.
 *
 * Deterministic: a fixed seed drives every choice, and every price is Black–Scholes on the
 * bundled SPX close with an IV of VIX × a simple skew, rounded to the cent. The file is built
 * once per generator version and reused (see `ensureReviewJournal`).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadMigrations } from '../../electron/core/db/migrate.ts'
import { getBars } from '../../electron/core/db/repositories/market.ts'
import { getPositionDetail } from '../../electron/core/db/repositories/positions.ts'
import { logAdjustment } from '../../electron/core/services/adjustments.ts'
import { createPosition } from '../../electron/core/services/createPosition.ts'
import { evaluateDecision } from '../../electron/core/services/decisions.ts'
import { expirePositions } from '../../electron/core/services/expire.ts'
import { openAppJournal } from '../../electron/core/services/journal.ts'
import { MarkService } from '../../electron/core/services/marks.ts'
import { SignalService } from '../../electron/core/services/signals.ts'
import { spxMonthlyExpiry } from '../../shared/calendar/expiries.ts'
import { isTradingDay, previousTradingDay } from '../../shared/calendar/nyse.ts'
import {
  DecisionInputsSchema,
  LogAdjustmentSchema,
  MODEL_DIV,
  MODEL_RATE,
  type Action,
  type LogAdjustmentInput,
} from '../../shared/decisions.ts'
import type { Leg } from '../../shared/domain.ts'
import { bsmPrice } from '../../shared/math/bsm.ts'
import { CreatePositionSchema, type CreatePositionInput } from '../../shared/newPosition.ts'

/** Bump whenever the generated journal changes, so a cached file from an older generator is not reused. */
export const GENERATOR_VERSION = 1

export interface ReviewJournalOptions {
  /** Decision records to log (exactly). */
  decisions: number
  /** Years of history, ending at the last stored SPX session. */
  years: number
  seed: number
}

export const DEFAULT_OPTIONS: ReviewJournalOptions = {
  decisions: 10_000,
  years: 20,
  seed: 20261124,
}

export interface ReviewJournalStats {
  positions: number
  decisions: number
  firstSession: string
  lastSession: string
  /** Decisions by the action taken. */
  actions: Record<string, number>
  /** Decisions that followed the recommendation. */
  followed: number
  /** Of the close decisions, those that closed only part of the contracts. */
  partialCloses: number
  /** Positions still open at the end (expiring after the last stored session). */
  openAtEnd: number
  seconds: number
}

const MARKET_DIR = resolve(import.meta.dirname, '../../resources/market')
/** The services' clock: the day after the bundled history ends (2026-07-08). */
const NOW = new Date('2026-07-09T21:00:00Z')
const DAY = 86_400_000

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY)

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(xs: readonly [T, number][]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0)
      let r = next() * total
      for (const [x, w] of xs) if ((r -= w) < 0) return x
      return xs.at(-1)![0]
    },
  }
}

/** Where the journal of these options is cached: a temp dir named by the generator and schema versions. */
export function reviewJournalPath(o: ReviewJournalOptions = DEFAULT_OPTIONS): string {
  // The schema version too: a journal from before a migration is built again, never migrated.
  return join(
    tmpdir(),
    `wingman-bench-review-v${GENERATOR_VERSION}-schema${loadMigrations().length}-d${o.decisions}-y${o.years}-s${o.seed}`,
    'journal.sqlite',
  )
}

/**
 * The cached journal, built first when missing (written under a temporary name and renamed when
 * complete, so an interrupted build is never reused).
 */
export function ensureReviewJournal(o: ReviewJournalOptions = DEFAULT_OPTIONS): {
  path: string
  reused: boolean
  stats: ReviewJournalStats | null
} {
  const path = reviewJournalPath(o)
  if (existsSync(path) && statSync(path).size > 0) return { path, reused: true, stats: null }
  mkdirSync(join(path, '..'), { recursive: true })
  const building = `${path}.building-${process.pid}`
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true })
  const stats = generateReviewJournal(building, o)
  renameSync(building, path)
  return { path, reused: false, stats }
}

const round5 = (x: number) => Math.max(5, Math.round(x / 5) * 5)
const cents = (x: number) => Math.max(0.05, Math.round(x * 100) / 100)

interface Plan {
  openOn: string
  root: 'SPX' | 'SPXW'
  expiry: string
  rulesetId: 'mechanical-wing' | 'alvh'
  quantity: number
  decisionDates: string[]
}

/** Builds the journal at `path` (which must not exist) and says what it holds. */
export function generateReviewJournal(path: string, o: ReviewJournalOptions): ReviewJournalStats {
  const t0 = performance.now()
  const r = rng(o.seed)
  const { db } = openAppJournal(path, { marketDir: MARKET_DIR, now: () => NOW })
  try {
    const spx = new Map(getBars(db, 'SPX').map((b) => [b.date, b.close]))
    const vix = new Map(getBars(db, 'VIX').map((b) => [b.date, b.close]))
    const all = [...spx.keys()].filter((d) => vix.has(d) && isTradingDay(d)).sort()
    const last = all.at(-1)!
    const from = `${Number(last.slice(0, 4)) - o.years}${last.slice(4)}`
    const sessions = all.filter((d) => d > from)
    const index = new Map(sessions.map((d, i) => [d, i]))

    /** An expiry about `dte` calendar days after `date`: SPX monthly or an SPXW Friday. */
    const expiryAfter = (root: 'SPX' | 'SPXW', date: string, dte: number): string => {
      const target = addDays(date, dte)
      if (root === 'SPX') {
        let [y, m] = [Number(target.slice(0, 4)), Number(target.slice(5, 7))]
        for (;;) {
          const e = spxMonthlyExpiry(y, m)
          if (daysBetween(date, e) >= 21) return e
          ;[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1]
        }
      }
      let d = target
      while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 5) d = addDays(d, 1)
      return isTradingDay(d) ? d : previousTradingDay(d)
    }

    // --- plan: positions evenly over the sessions, a few decisions each, exactly o.decisions
    const meanDecisions = 4
    const count = Math.round(o.decisions / meanDecisions)
    const plans: Plan[] = []
    for (let k = 0; k < count; k++) {
      const i = Math.min(
        sessions.length - 3,
        Math.floor((k * (sessions.length - 3)) / count) + r.int(0, 1),
      )
      const openOn = sessions[i]!
      const root = openOn < '2014-01-01' || r.next() < 0.3 ? 'SPX' : 'SPXW'
      const expiry = expiryAfter(root, openOn, r.int(28, 60))
      plans.push({
        openOn,
        root,
        expiry,
        rulesetId: r.next() < 0.6 ? 'mechanical-wing' : 'alvh',
        quantity: r.weighted([
          [1, 4],
          [2, 4],
          [3, 1],
          [4, 2],
        ]),
        decisionDates: [],
      })
    }
    // The sessions a position's decisions can fall on: after the open, before the expiry.
    const capacity = plans.map((p) => {
      const a = index.get(p.openOn)! + 1
      let b = a
      while (b < sessions.length && sessions[b]! < p.expiry) b++
      return [a, b] as const
    })
    const n = plans.map((_, k) => Math.min(r.int(1, 7), capacity[k]![1] - capacity[k]![0]))
    let total = n.reduce((s, x) => s + x, 0)
    while (total !== o.decisions) {
      const k = r.int(0, plans.length - 1)
      const room = capacity[k]![1] - capacity[k]![0]
      if (total < o.decisions && n[k]! < Math.min(10, room)) {
        n[k]!++
        total++
      } else if (total > o.decisions && n[k]! > 1) {
        n[k]!--
        total--
      }
    }
    plans.forEach((p, k) => {
      const [a, b] = capacity[k]!
      const chosen = new Set<number>()
      while (chosen.size < n[k]!) chosen.add(r.int(a, b - 1))
      p.decisionDates = [...chosen].sort((x, y) => x - y).map((i) => sessions[i]!)
    })

    // --- events in time order: opens, then decisions; expiries booked as the weeks go by
    type Event = { date: string; order: number; plan: number; j: number }
    const events: Event[] = []
    plans.forEach((p, k) => {
      events.push({ date: p.openOn, order: 0, plan: k, j: -1 })
      p.decisionDates.forEach((d, j) => events.push({ date: d, order: 1, plan: k, j }))
    })
    events.sort((a, b) =>
      a.date !== b.date
        ? a.date < b.date
          ? -1
          : 1
        : a.order - b.order || a.plan - b.plan || a.j - b.j,
    )

    const signals = new SignalService(db)
    const marks = new MarkService(db)
    const ids: number[] = []
    const stats: ReviewJournalStats = {
      positions: plans.length,
      decisions: 0,
      firstSession: sessions[0]!,
      lastSession: last,
      actions: {},
      followed: 0,
      partialCloses: 0,
      openAtEnd: 0,
      seconds: 0,
    }

    const iv = (type: 'call' | 'put', strike: number, s: number, v: number) =>
      (v / 100) *
      Math.min(2.5, Math.max(0.55, 1 - (type === 'put' ? 2.2 : 1.6) * Math.log(strike / s)))
    const price = (type: 'call' | 'put', strike: number, expiry: string, date: string) => {
      const s = spx.get(date)!
      return cents(
        bsmPrice({
          type,
          spot: s,
          strike,
          t: Math.max(daysBetween(date, expiry), 0.25) / 365,
          rate: MODEL_RATE,
          div: MODEL_DIV,
          vol: iv(type, strike, s, vix.get(date)!),
        }),
      )
    }
    /** Strikes of a new condor (or one side of it) around today's SPX. */
    const strikes = (date: string, expiry: string, width: number) => {
      const s = spx.get(date)!
      const sd = (vix.get(date)! / 100) * Math.sqrt(Math.max(daysBetween(date, expiry), 3) / 365)
      const shortPut = round5(s * Math.exp(-r.between(0.9, 1.4) * sd))
      const shortCall = round5(s * Math.exp(r.between(0.7, 1.1) * sd))
      return { longPut: shortPut - width, shortPut, shortCall, longCall: shortCall + width }
    }
    const widthAt = (date: string) => round5(Math.max(10, spx.get(date)! * r.between(0.008, 0.02)))
    const fees = (legs: number, q: number) => (legs * q * 0.65).toFixed(2)
    /** Credit legs: make sure each short leg is worth more than its wing (a credit < width). */
    const condorPrices = (
      k: { longPut: number; shortPut: number; shortCall: number; longCall: number },
      expiry: string,
      date: string,
    ) => {
      const lp = price('put', k.longPut, expiry, date)
      const sp = Math.max(price('put', k.shortPut, expiry, date), lp + 0.05)
      const lc = price('call', k.longCall, expiry, date)
      const sc = Math.max(price('call', k.shortCall, expiry, date), lc + 0.05)
      return { lp, sp, sc, lc }
    }
    const opt = (
      root: 'SPX' | 'SPXW',
      type: 'call' | 'put',
      strike: number,
      expiration: string,
      quantity: number,
      p: number,
    ) => ({
      instrumentType: 'option' as const,
      root,
      optionType: type,
      strike: String(strike),
      expiration,
      quantity,
      price: p.toFixed(2),
    })

    let lastExpireWeek = ''
    const bookExpiries = (today: string) => expirePositions(db, marks, today, {}, NOW)

    db.transaction(() => {
      for (const e of events) {
        // expiries as the trader would book them: the first session of each week
        const week = addDays(e.date, -new Date(`${e.date}T00:00:00Z`).getUTCDay())
        if (week !== lastExpireWeek) {
          bookExpiries(e.date)
          lastExpireWeek = week
        }
        const p = plans[e.plan]!
        if (e.j < 0) {
          const width = widthAt(e.date)
          const k = strikes(e.date, p.expiry, width)
          const c = condorPrices(k, p.expiry, e.date)
          const q = p.quantity
          const vixNow = vix.get(e.date)!
          const req: CreatePositionInput = {
            structure: 'iron_condor',
            entryDate: e.date,
            legs: [
              opt(p.root, 'put', k.longPut, p.expiry, q, c.lp),
              opt(p.root, 'put', k.shortPut, p.expiry, -q, c.sp),
              opt(p.root, 'call', k.shortCall, p.expiry, -q, c.sc),
              opt(p.root, 'call', k.longCall, p.expiry, q, c.lc),
            ],
            fees: fees(4, q),
            tags: [p.root === 'SPX' ? 'monthly' : 'weekly', ...(vixNow >= 25 ? ['high-vol'] : [])],
          }
          ids[e.plan] = createPosition(db, CreatePositionSchema.parse(req), NOW).id
          continue
        }
        const positionId = ids[e.plan]!
        const isLast = e.j === p.decisionDates.length - 1
        const detail = getPositionDetail(db, positionId)!
        const open = detail.legs.filter((l) => l.closedAt === null && l.openQuantity !== 0)
        const markOf = new Map(
          open.map((l) => [
            l.id as number,
            price(l.optionType!, Number(l.strike), l.expiration, e.date),
          ]),
        )
        const inputs = DecisionInputsSchema.parse({
          positionId,
          date: e.date,
          rulesetId: p.rulesetId,
          marks: Object.fromEntries([...markOf].map(([id, m]) => [String(id), m])),
        })
        const recommended = evaluateDecision(db, signals, inputs, detail).recommendation.action
        const side = (t: 'call' | 'put') => open.filter((l) => l.optionType === t)
        const calls = side('call')
        const puts = side('put')
        const s = spx.get(e.date)!
        const shortOf = (legs: Leg[]) => legs.find((l) => l.openQuantity < 0)
        const sc = shortOf(calls)
        const sp = shortOf(puts)
        const tested: 'call' | 'put' =
          sc && sp
            ? s - Number(sp.strike) > Number(sc.strike) - s
              ? 'call'
              : 'put'
            : sc
              ? 'call'
              : 'put'
        // what can be done without closing the position before its last planned decision
        const feasible = new Set<Action>(['HOLD'])
        if (calls.length === 2 && (puts.length > 0 || isLast)) feasible.add('CLOSE_CALL_SPREAD')
        if (puts.length === 2 && (calls.length > 0 || isLast)) feasible.add('CLOSE_PUT_SPREAD')
        if (calls.length === 2) feasible.add('ROLL_UP_CALL')
        if (puts.length === 2) feasible.add('ROLL_DOWN_PUT')
        if (open.length > 0) feasible.add('ROLL_OUT')
        if (isLast && open.length > 0) feasible.add('CLOSE_ALL')
        const closeTested: Action = tested === 'call' ? 'CLOSE_CALL_SPREAD' : 'CLOSE_PUT_SPREAD'
        const rollTested: Action = tested === 'call' ? 'ROLL_UP_CALL' : 'ROLL_DOWN_PUT'
        let action: Action
        if (feasible.has(recommended) && r.next() < 0.55) action = recommended
        else {
          const choices: [Action, number][] = [
            ['HOLD', 25],
            [closeTested, 22],
            [rollTested, 28],
            ['ROLL_OUT', 6],
            ['CLOSE_ALL', isLast ? 40 : 0],
          ]
          action = r.weighted(choices.filter(([a]) => feasible.has(a)))
        }

        const closeAt = (legs: Leg[], q?: number) =>
          legs.map((l) => ({
            legId: l.id as number,
            quantity: q ?? Math.abs(l.openQuantity),
            price: markOf.get(l.id as number)!.toFixed(2),
          }))
        let req: LogAdjustmentInput
        const decision = {
          inputs,
          actionTaken: action,
          reason:
            action === recommended
              ? ''
              : r.pick([
                  'gut feel',
                  'FOMC next week',
                  'took profit',
                  'too much gamma',
                  'keep the credit',
                ]),
        }
        const base = { occurredOn: e.date, decision }
        if (action === 'HOLD') req = { ...base, kind: 'other' }
        else if (
          action === 'CLOSE_ALL' ||
          action === 'CLOSE_CALL_SPREAD' ||
          action === 'CLOSE_PUT_SPREAD'
        ) {
          const legs = action === 'CLOSE_ALL' ? open : action === 'CLOSE_CALL_SPREAD' ? calls : puts
          const q = Math.min(...legs.map((l) => Math.abs(l.openQuantity)))
          // a partial close keeps the position open: fine on any decision
          const partial = q >= 2 && r.next() < 0.35
          const closing = partial ? closeAt(legs, Math.floor(q / 2)) : closeAt(legs)
          if (partial) stats.partialCloses++
          req = {
            ...base,
            kind: partial ? 'partial_close' : 'close',
            closes: closing,
            fees: fees(closing.length, closing[0]!.quantity),
          }
        } else {
          // rolls: close the legs at the marks, open their replacements at model prices
          const rolling =
            action === 'ROLL_UP_CALL' ? calls : action === 'ROLL_DOWN_PUT' ? puts : open
          const expiry =
            action === 'ROLL_OUT'
              ? expiryAfter(p.root, rolling[0]!.expiration, r.int(25, 35))
              : rolling[0]!.expiration
          const byRole = new Map(rolling.map((l) => [l.role, l]))
          const width = Math.max(
            ...(['call', 'put'] as const).map((t) => {
              const legs = rolling.filter((l) => l.optionType === t)
              return legs.length === 2
                ? Math.abs(Number(legs[0]!.strike) - Number(legs[1]!.strike))
                : 0
            }),
          )
          const k = strikes(e.date, expiry, width)
          const oldSc = byRole.get('short_call')
          const oldSp = byRole.get('short_put')
          if (action === 'ROLL_UP_CALL' && oldSc && k.shortCall <= Number(oldSc.strike)) {
            k.shortCall = Number(oldSc.strike) + Math.max(5, round5(width / 2))
            k.longCall = k.shortCall + width
          }
          if (action === 'ROLL_DOWN_PUT' && oldSp && k.shortPut >= Number(oldSp.strike)) {
            k.shortPut = Number(oldSp.strike) - Math.max(5, round5(width / 2))
            k.longPut = k.shortPut - width
          }
          const c = condorPrices(k, expiry, e.date)
          const spec = {
            long_put: ['put', k.longPut, 1, c.lp],
            short_put: ['put', k.shortPut, -1, c.sp],
            short_call: ['call', k.shortCall, -1, c.sc],
            long_call: ['call', k.longCall, 1, c.lc],
          } as const
          const opens = rolling.map((l) => {
            const [type, strike, sign, px] = spec[l.role as keyof typeof spec]
            return {
              role: l.role,
              ...opt(p.root, type, strike, expiry, sign * Math.abs(l.openQuantity), px),
              replacesLegId: l.id as number,
            }
          })
          const closing = closeAt(rolling)
          req = {
            ...base,
            kind: 'roll',
            closes: closing,
            opens,
            fees: fees(closing.length * 2, closing[0]!.quantity),
          }
        }
        logAdjustment(db, signals, LogAdjustmentSchema.parse(req), NOW)
        stats.decisions++
        stats.actions[action] = (stats.actions[action] ?? 0) + 1
        if (action === recommended) stats.followed++
      }
      bookExpiries('2026-07-09')
    })()
    stats.openAtEnd = (
      db.prepare(`SELECT count(*) AS n FROM positions WHERE status = 'open'`).get() as { n: number }
    ).n
    db.pragma('wal_checkpoint(TRUNCATE)')
    stats.seconds = (performance.now() - t0) / 1000
    return stats
  } finally {
    db.close()
  }
}
