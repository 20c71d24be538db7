/**
 * `wingman demo`: a realistic big journal on demand (issue 13, point 1). Generates the
 * executions of a trader who sells SPX iron condors — real sessions from the stored history,
 * short strikes about one standard deviation (from that day's VIX) from that day's real SPX close,
 * listed Friday expiries about 45 days out, prices from the model rounded to 0.05 — with rolls,
 * early closes, expiries settled at the real close, and hedge layers (VX futures while the VX
 * history lasts, VIX calls after it). The executions are written as Wingman's own fills CSV and
 * go through the trade import service the app uses (importTrades), so every invariant of an
 * import holds; decisions on rolls and closes are evaluated with the stored ruleset on that date
 * (evaluateDecision, the decision service) and stored with insertDecision. Deterministic by seed.
 */
import { vixExpiriesAfter } from '../../../shared/calendar/expiries.ts'
import { isTradingDay, previousTradingDay } from '../../../shared/calendar/nyse.ts'
import { NY_TZ } from '../../../shared/dates.ts'
import { DecisionInputsSchema, type Action } from '../../../shared/decisions.ts'
import { priceUnchecked } from '../../../shared/math/bsm.ts'
import { formatFutureSymbol, formatOcc } from '../../../shared/occ.ts'
import { DomainError } from '../../../shared/result.ts'
import { ImportTradesSchema } from '../../../shared/tradeImport.ts'
import type { SeriesPoint } from '../../../shared/market.ts'
import type { Db } from '../db/connection.ts'
import { insertDecision } from '../db/repositories/decisions.ts'
import { getBars } from '../db/repositories/market.ts'
import { getPositionDetail } from '../db/repositories/positions.ts'
import { writeTransaction } from '../db/transaction.ts'
import { WINGMAN_FILLS_HEADER } from '../io/brokers/wingmanFills.ts'
import { wallTimeToUtc } from '../io/brokers/time.ts'
import { evaluateDecision } from '../services/decisions.ts'
import { importTrades } from '../services/importTrades.ts'
import { SignalService } from '../services/signals.ts'
import type { BarLookup } from '../../../shared/settlement.ts'

export interface DemoOptions {
  positions: number
  seed: number
  /** At most this many decisions are logged (spread evenly over the rolls and closes). */
  maxDecisions?: number
  rulesetId?: string
  /** Called every chunk with the positions written so far. */
  progress?: (done: number, total: number) => void
}

export interface DemoSummary {
  positions: number
  fills: number
  decisions: number
  rolls: number
  hedges: number
  expiries: number
  seconds: number
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const RATE = 0.03
const DIV = 0.015
const CHUNK = 2_000

type Right = 'call' | 'put'
interface OptLeg {
  kind: 'option'
  root: string
  underlying: string
  expiration: string
  right: Right
  strike: number
  qty: number
  /** +1 long, −1 short */
  sign: 1 | -1
  layer: number | null
}
interface FutLeg {
  kind: 'future'
  expiration: string
  qty: number
  sign: 1
  layer: number
}
type DemoLeg = OptLeg | FutLeg

interface PlannedDecision {
  key: string
  kind: 'roll' | 'close'
  date: string
  at: string
  action: Action
}

const round05 = (x: number) => Math.max(0.05, Math.round(x * 20) / 20)
const round5 = (x: number) => Math.round(x / 5) * 5
const dayMs = 86_400_000
const isoPlus = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10)
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / dayMs)
const pad = (n: number) => String(n).padStart(2, '0')

/** Dollars with 2–4 decimals from a number of 1/10000ths. */
const e4Text = (e4: number) => {
  const neg = e4 < 0
  const a = Math.abs(Math.round(e4))
  const whole = Math.floor(a / 10_000)
  const frac = String(a % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '')
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`
}

/**
 * Generates the executions of `positions` positions as Wingman's fills CSV, in chunks of whole
 * positions (every position's fills in one chunk), oldest first.
 */
export function* demoChunks(
  history: { spx: SeriesPoint[]; vix: SeriesPoint[]; vx1: SeriesPoint[]; vx2: SeriesPoint[] },
  positions: number,
  seed: number,
): Generator<{ csv: string; keys: string[]; decisions: PlannedDecision[]; stats: Stats }> {
  const random = rng(seed)
  const vixOn = new Map(history.vix.map((b) => [b.date, b.close]))
  const vx1On = new Map(history.vx1.map((b) => [b.date, b.close]))
  const vx2On = new Map(history.vx2.map((b) => [b.date, b.close]))
  const vxEnd = history.vx1.at(-1)?.date ?? ''
  const vxStart = history.vx1[0]?.date ?? '9999'
  // Sessions: SPX bars with a VIX close (from 2000 on: see runDemo).
  const sessions = history.spx.filter((b) => vixOn.has(b.date) && isTradingDay(b.date))
  const closeOn = new Map(sessions.map((b) => [b.date, b.close]))
  const indexOf = new Map(sessions.map((b, i) => [b.date, i]))
  const usable = sessions.length - 80
  if (usable < 10)
    throw new DomainError(
      'VALIDATION',
      'The journal holds too little SPX and VIX history for a demo: run wingman update-market or wingman init',
    )

  const offsets = new Map<string, number>()
  const utcOf = (date: string, h: number, m: number, s: number) => {
    let off = offsets.get(date)
    if (off === undefined) {
      const i = wallTimeToUtc(date, 12, 0, 0, NY_TZ)!
      off = Number(i.utc.slice(11, 13)) - 12
      offsets.set(date, off)
    }
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
    return new Date(Date.UTC(y, mo - 1, d, h + off, m, s)).toISOString()
  }
  /** A listed Friday expiry about `dte` days after `date`, on a session in the history. */
  const expiryAfter = (date: string, dte: number) => {
    let d = isoPlus(date, dte)
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay()
    d = isoPlus(d, (5 - dow + 7) % 7)
    while (!closeOn.has(d)) d = previousTradingDay(d)
    return d
  }
  const sd = (spot: number, vix: number, days: number) => spot * (vix / 100) * Math.sqrt(days / 365)
  const priceOf = (l: OptLeg, date: string, spot: number, vix: number) => {
    const days = Math.max(0, daysBetween(date, l.expiration))
    const t = days / 365
    const vol =
      l.root === 'VIX'
        ? 0.9
        : (vix / 100) * (l.right === 'put' ? 1.1 + (l.strike < spot ? 0.15 : 0) : 0.85)
    return round05(priceUnchecked(l.right, spot, l.strike, t, RATE, DIV, vol))
  }

  let fillId = 0
  let adjId = 0
  let k = 0
  while (k < positions) {
    const end = Math.min(positions, k + CHUNK)
    const lines: string[] = [WINGMAN_FILLS_HEADER.join(',')]
    const keys: string[] = []
    const decisions: PlannedDecision[] = []
    const stats: Stats = { rolls: 0, hedges: 0, expiries: 0 }
    for (; k < end; k++) {
      const key = `demo-${k + 1}`
      keys.push(key)
      const i = Math.min(usable - 1, Math.floor((k * usable) / positions + random() * 3))
      const entry = sessions[i]!.date
      const spot = sessions[i]!.close
      const vix = vixOn.get(entry)!
      const qty = 1 + Math.floor(random() * 5)
      const wing = Math.min(50, Math.max(5, round5(spot / 100)))
      const exp = expiryAfter(entry, 45)
      const dev = sd(spot, vix, daysBetween(entry, exp)) * (0.9 + random() * 0.3)
      const sc = round5(spot + dev)
      const sp = round5(spot - dev)
      const core = (e: string, right: Right, strike: number, sign: 1 | -1): OptLeg => ({
        kind: 'option',
        root: 'SPXW',
        underlying: 'SPX',
        expiration: e,
        right,
        strike,
        qty,
        sign,
        layer: null,
      })
      let legs: DemoLeg[] = [
        core(exp, 'put', sp - wing, 1),
        core(exp, 'put', sp, -1),
        core(exp, 'call', sc, -1),
        core(exp, 'call', sc + wing, 1),
      ]
      const sec = (k * 7) % 3600
      let minuteBase = 10 * 3600 + sec // 10:00–11:00
      const row = (
        adjKind: string,
        adj: number,
        l: DemoLeg,
        effect: 'open' | 'close',
        priceE4: number,
        date: string,
        secs: number,
      ) => {
        const buy = effect === 'open' ? l.sign === 1 : l.sign === -1
        const action = buy ? (effect === 'open' ? 'BTO' : 'BTC') : effect === 'open' ? 'STO' : 'STC'
        const h = Math.floor(secs / 3600)
        const m = Math.floor((secs % 3600) / 60)
        const s = secs % 60
        const ny = `${date} ${pad(h)}:${pad(m)}:${pad(s)}`
        const fees = Math.round((effect === 'open' ? 1.66 : 0.66) * l.qty * 10_000)
        const mult = l.kind === 'future' ? 1000 : 100
        const cash = l.kind === 'future' ? 0 : (buy ? -1 : 1) * priceE4 * l.qty * mult
        const occ =
          l.kind === 'future'
            ? formatFutureSymbol('VX', l.expiration)
            : formatOcc({
                root: l.root,
                expiration: l.expiration,
                right: l.right,
                strikeE4: l.strike * 10_000,
              })
        lines.push(
          [
            ++fillId,
            key,
            adj,
            adjKind,
            l.layer ?? '',
            '',
            '',
            occ,
            l.kind,
            l.kind === 'future' ? 'VIX' : l.underlying,
            l.kind === 'future' ? 'VX' : l.root,
            l.expiration,
            l.kind === 'future' ? '' : l.right,
            l.kind === 'future' ? '' : l.strike,
            mult,
            buy ? 'buy' : 'sell',
            effect,
            action,
            l.qty,
            e4Text(priceE4),
            e4Text(fees),
            e4Text(cash),
            '0',
            '',
            ny,
            utcOf(date, h, m, s),
            '',
            '',
          ].join(','),
        )
      }
      const optPriceE4 = (l: OptLeg, date: string) =>
        Math.round(priceOf(l, date, closeOn.get(date)!, vixOn.get(date)!) * 10_000)
      const vxPriceE4 = (l: FutLeg, date: string) => {
        const front = vixExpiriesAfter(date, 1)[0]!
        const p = l.expiration === front ? vx1On.get(date) : vx2On.get(date)
        return Math.round((p ?? vx1On.get(date)!) * 10_000)
      }
      const priceE4 = (l: DemoLeg, date: string) =>
        l.kind === 'future' ? vxPriceE4(l, date) : optPriceE4(l, date)

      // Open.
      let adj = ++adjId
      for (const l of legs) row('open', adj, l, 'open', priceE4(l, entry), entry, minuteBase)

      // The plan: roll (25 %), early close (40 %), else expiry.
      const u = random()
      const rolled = u < 0.25
      const closeEarly = !rolled && u < 0.65
      let exitIdx = rolled
        ? Math.max(i + 16, (indexOf.get(exp) ?? i + 30) - 3)
        : closeEarly
          ? i + 12 + Math.floor(random() * 12)
          : (indexOf.get(exp) ?? i + 30)
      // Hedge layer (20 %): on the next session, removed on the exit date.
      let hedge: DemoLeg | null = null
      const hedgeDate = sessions[i + 1]!.date
      if (random() < 0.2 && exitIdx > i + 2) {
        const exitGuess = sessions[Math.min(exitIdx + 30, sessions.length - 1)]!.date
        if (hedgeDate >= vxStart && exitGuess <= vxEnd && vx2On.has(hedgeDate)) {
          hedge = {
            kind: 'future',
            expiration: vixExpiriesAfter(hedgeDate, 2)[1]!,
            qty: 1,
            sign: 1,
            layer: 1,
          }
        } else if (hedgeDate >= '2006-03-01') {
          const vixNow = vixOn.get(hedgeDate)!
          hedge = {
            kind: 'option',
            root: 'VIX',
            underlying: 'VIX',
            expiration: vixExpiriesAfter(sessions[exitIdx + 25]?.date ?? exp, 1)[0]!,
            right: 'call',
            strike: Math.max(1, Math.round(vixNow * 1.3)),
            qty: Math.max(1, Math.round(qty * 2)),
            sign: 1,
            layer: 1,
          }
        }
        if (hedge) {
          stats.hedges++
          row(
            'hedge_add',
            ++adjId,
            hedge,
            'open',
            priceE4(hedge, hedgeDate),
            hedgeDate,
            14 * 3600 + sec,
          )
        }
      }
      if (rolled) {
        stats.rolls++
        const rIdx = i + 12 + Math.floor(random() * 4)
        const rDate = sessions[rIdx]!.date
        const rSpot = closeOn.get(rDate)!
        const side: Right = Math.abs(rSpot - sc) < Math.abs(rSpot - sp) ? 'call' : 'put'
        const nexp = expiryAfter(rDate, 45)
        const dev2 = sd(rSpot, vixOn.get(rDate)!, daysBetween(rDate, nexp))
        const ns = round5(side === 'call' ? rSpot + dev2 : rSpot - dev2)
        const old = legs.filter((l): l is OptLeg => l.kind === 'option' && l.right === side)
        const fresh: OptLeg[] =
          side === 'call'
            ? [core(nexp, 'call', ns, -1), core(nexp, 'call', ns + wing, 1)]
            : [core(nexp, 'put', ns - wing, 1), core(nexp, 'put', ns, -1)]
        adj = ++adjId
        const rSecs = 13 * 3600 + sec
        for (const l of old) row('roll', adj, l, 'close', priceE4(l, rDate), rDate, rSecs)
        for (const l of fresh) row('roll', adj, l, 'open', priceE4(l, rDate), rDate, rSecs)
        legs = [...legs.filter((l) => !old.includes(l as OptLeg)), ...fresh]
        decisions.push({
          key,
          kind: 'roll',
          date: rDate,
          at: utcOf(rDate, 13, Math.floor(sec / 60) % 60, sec % 60),
          action: side === 'call' ? 'ROLL_UP_CALL' : 'ROLL_DOWN_PUT',
        })
        exitIdx = Math.max(rIdx + 2, exitIdx)
      }
      const exitDate = sessions[exitIdx]!.date
      const expired = !rolled && !closeEarly
      minuteBase = expired ? 15 * 3600 + 30 * 60 + (sec % 1500) : 11 * 3600 + sec
      if (hedge)
        row(
          'hedge_remove',
          ++adjId,
          hedge,
          'close',
          priceE4(hedge, exitDate),
          exitDate,
          minuteBase - 60,
        )
      adj = ++adjId
      if (expired) {
        stats.expiries++
        const settle = closeOn.get(exp)!
        for (const l of legs as OptLeg[]) {
          const intrinsic = Math.max(0, l.right === 'call' ? settle - l.strike : l.strike - settle)
          row('expire', adj, l, 'close', Math.round(intrinsic * 10_000), exp, 16 * 3600)
        }
      } else {
        for (const l of legs)
          row('close', adj, l, 'close', priceE4(l, exitDate), exitDate, minuteBase)
        decisions.push({
          key,
          kind: 'close',
          date: exitDate,
          at: utcOf(
            exitDate,
            Math.floor(minuteBase / 3600),
            Math.floor(minuteBase / 60) % 60,
            minuteBase % 60,
          ),
          action: 'CLOSE_ALL',
        })
      }
    }
    yield { csv: `${lines.join('\r\n')}\r\n`, keys, decisions, stats }
  }
}

interface Stats {
  rolls: number
  hedges: number
  expiries: number
}

/** Fills an empty journal with a demo trader's positions; refuses a journal that holds any. */
export function runDemo(db: Db, bars: BarLookup, options: DemoOptions, now: Date): DemoSummary {
  const started = performance.now()
  const held = (db.prepare('SELECT count(*) AS n FROM positions').get() as { n: number }).n
  if (held > 0)
    throw new DomainError('CONFLICT', 'demo fills an empty journal: wingman init --db NEW first')
  const history = {
    // OSI symbols carry a 2-digit year (read as 20yy): condors from 2000 on.
    spx: getBars(db, 'SPX', '2000-01-03'),
    vix: getBars(db, 'VIX'),
    vx1: getBars(db, 'VX1'),
    vx2: getBars(db, 'VX2'),
  }
  const signals = new SignalService(db)
  const rulesetId = options.rulesetId ?? 'alvh'
  const maxDecisions = options.maxDecisions ?? 30_000
  // Rolls + closes ≈ 65 % of positions; log every n-th.
  const every = Math.max(1, Math.ceil((options.positions * 0.65) / maxDecisions))
  let seen = 0
  let decisions = 0
  let positions = 0
  const totals: Stats = { rolls: 0, hedges: 0, expiries: 0 }
  const idOf = db.prepare('SELECT id FROM positions WHERE notes = ? ORDER BY id')
  void idOf
  for (const chunk of demoChunks(history, options.positions, options.seed)) {
    const request = ImportTradesSchema.parse({
      fileName: 'wingman-demo.csv',
      content: chunk.csv,
      broker: 'wingman',
    })
    const result = importTrades(db, request, bars, now)
    if (result.rejected.length)
      throw new Error(
        `demo import rejected ${result.rejected.length} rows; first: line ${result.rejected[0]!.line}: ${result.rejected[0]!.reason}`,
      )
    if (result.positions.length !== chunk.keys.length)
      throw new Error(
        `demo import made ${result.positions.length} positions of ${chunk.keys.length}`,
      )
    const ids = new Map(chunk.keys.map((k, n) => [k, Number(result.positions[n]!.id)]))
    positions += result.positions.length
    totals.rolls += chunk.stats.rolls
    totals.hedges += chunk.stats.hedges
    totals.expiries += chunk.stats.expiries
    const adjOf = db.prepare(
      'SELECT id FROM adjustments WHERE position_id = ? AND kind = ? AND occurred_at = ?',
    )
    writeTransaction(db, () => {
      for (const d of chunk.decisions) {
        if (seen++ % every !== 0 || decisions >= maxDecisions) continue
        const positionId = ids.get(d.key)!
        const detail = getPositionDetail(db, positionId)!
        const inputs = DecisionInputsSchema.parse({ positionId, date: d.date, rulesetId })
        const evaluation = evaluateDecision(db, signals, inputs, detail)
        const adjustment = adjOf.get(positionId, d.kind, d.at) as { id: number } | undefined
        insertDecision(db, {
          positionId,
          adjustmentId: adjustment?.id ?? null,
          decidedAt: d.at,
          snapshot: evaluation.snapshot,
          rulesetId: evaluation.ruleset.id,
          rulesetVersion: evaluation.ruleset.version,
          recommendation: evaluation.recommendation,
          actionTaken: d.action,
          reason:
            evaluation.recommendation.action === d.action
              ? ''
              : `Demo trader: ${d.kind === 'roll' ? 'rolled the tested side' : 'took the trade off'} on the plan, not the ruleset`,
          correctsDecisionId: null,
          createdAt: now.toISOString(),
        })
        decisions++
      }
    })
    options.progress?.(positions, options.positions)
  }
  const fills = (db.prepare('SELECT count(*) AS n FROM fills').get() as { n: number }).n
  return {
    positions,
    fills,
    decisions,
    ...totals,
    seconds: (performance.now() - started) / 1000,
  }
}
