import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { RSI } from 'technicalindicators'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/core/contract/dispatch.ts'
import { createHandlers } from '../../../electron/core/contract/handlers.ts'
import { openAppJournal } from '../../../electron/core/services/journal.ts'
import type { Channel } from '../../../shared/channels.ts'
import type { RequestOf, ResponseOf } from '../../../shared/contract.ts'
import type { SourceResult, UpdateReport } from '../../../shared/marketUpdate.ts'
import { condorInput } from '../../helpers/builders.ts'
import { BUNDLED_MARKET } from '../../helpers/journal.ts'
import {
  LAST,
  PARTIAL,
  cboeIndexFile,
  indexPath,
  level,
  startPublisherServer,
  tradingDays,
  vxPath,
  vxSettle,
  type PublisherServer,
} from '../../helpers/publisherServer.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * "Update market data" against a stand-in for Cboe's CDN on 127.0.0.1 (test/helpers/
 * publisherServer.ts: the publishers' exact layouts, made-up values). No test touches the
 * internet. The journal starts from the bundled history: SPX ends 2026-07-08, VIX/VIX9D/VIX3M/
 * VVIX/SKEW 2026-07-22, VIX6M 2026-04-24, VX1–VX8 2021-12-23.
 */

/** The CLI as a child process; async, so this process's fixture server keeps answering. */
function wingman(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, WINGMAN_MARKET_SOURCE_BASE: '' },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code) => done({ code, out, err }))
  })
}

const SYMBOLS = ['SPX', 'VIX', 'VIX9D', 'VIX3M', 'VIX6M', 'VVIX', 'SKEW']
const VX = ['VX1', 'VX2', 'VX3', 'VX4', 'VX5', 'VX6', 'VX7', 'VX8']

function lastDates(path: string): Record<string, string | null> {
  const db = new Database(path, { readonly: true })
  const out: Record<string, string | null> = {}
  for (const s of [...SYMBOLS, ...VX])
    out[s] = db
      .prepare(
        'SELECT max(date) FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id WHERE symbol = ?',
      )
      .pluck()
      .get(s) as string | null
  db.close()
  return out
}

function bar(path: string, symbol: string, date: string) {
  const db = new Database(path, { readonly: true })
  const row = db
    .prepare(
      `SELECT close, source FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id
        WHERE symbol = ? AND date = ?`,
    )
    .get(symbol, date) as { close: number; source: string } | undefined
  db.close()
  return row ?? null
}

const countBars = (path: string) => {
  const db = new Database(path, { readonly: true })
  const n = db.prepare('SELECT count(*) FROM daily_bars').pluck().get() as number
  db.close()
  return n
}

const bySource = (r: UpdateReport) =>
  Object.fromEntries(r.sources.map((s) => [s.source, s])) as Record<string, SourceResult>

/** A journal with the bundled history, closed again (the CLI opens it itself). */
function newJournal(dir: string): string {
  const path = join(dir, 'journal.sqlite')
  openAppJournal(path, { marketDir: BUNDLED_MARKET }).db.close()
  return path
}

/** The contract over a journal, with "Update market data" pointed at the fixture server. */
function contractOn(path: string, origin: string, now: Date) {
  const { db } = openAppJournal(path, { marketDir: BUNDLED_MARKET })
  const dispatch = createDispatch(
    createHandlers({
      db,
      databasePath: path,
      version: 't',
      shell: 'browser',
      now: () => now,
      marketSources: { base: origin, timeoutMs: 5_000 },
    }),
    { log: () => {} },
  )
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>) => {
    const r = (await dispatch(channel, request)) as
      { ok: true; value: ResponseOf<C> } | { ok: false; error: { code: string; message: string } }
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  const raw = (channel: Channel, request: unknown) => dispatch(channel, request)
  return { db, call, raw }
}

describe('Update market data from the publishers (fixture server on 127.0.0.1)', () => {
  const tmp = useTempDir()
  let server: PublisherServer
  beforeEach(async () => {
    server = await startPublisherServer()
  })
  afterEach(async () => {
    await server.close()
  })

  it('wingman update-market brings every series to the fixtures’ last day, VX1–VX8 by expiry; a second run adds nothing', async () => {
    const path = newJournal(tmp())
    expect(lastDates(path)).toMatchObject({
      SPX: '2026-07-08',
      VIX: '2026-07-22',
      VX1: '2021-12-23',
    })
    const run = await wingman(
      'update-market',
      '--db',
      path,
      '--source-base',
      server.origin,
      '--until',
      PARTIAL,
      '--format',
      'json',
    )
    expect(run.code, run.err + run.out).toBe(0)
    const report = JSON.parse(run.out) as UpdateReport
    expect(report.until).toBe(PARTIAL)
    const s = bySource(report)
    for (const src of [...SYMBOLS, 'VX']) expect(s[src]?.status, src).toBe('updated')
    // Every series reaches the last complete day; the unfinished one waits for the next run.
    expect(lastDates(path)).toEqual(Object.fromEntries([...SYMBOLS, ...VX].map((k) => [k, LAST])))
    expect(s.VIX!.notes.join()).toMatch(/line \d+ \(11\/25\/2026\): no close yet/)
    expect(s.VIX9D!.notes.join()).toMatch(
      /no close yet — the day is not over, or the file was cut short/,
    )
    expect(s.VX!.notes.join()).toMatch(/2026-11-25: not settled yet/)
    // Only what was missing is stored: SPX from 2026-07-09, VIX from 2026-07-23 …
    expect(s.SPX!.counts.inserted).toBe(tradingDays('2026-07-09', LAST).length)
    expect(s.VIX!.counts.inserted).toBe(tradingDays('2026-07-23', LAST).length)
    expect(s.SPX!.message).toMatch(/^stored \d+ closes up to 2026-11-24$/)
    // … as Cboe published it (6 decimals → the same number), marked as the publisher's.
    expect(bar(path, 'VIX', LAST)).toEqual({ close: level('VIX', LAST), source: 'publisher' })
    expect(bar(path, 'SPX', LAST)).toEqual({ close: level('SPX', LAST), source: 'publisher' })
    // The bundled rows before are untouched.
    expect(bar(path, 'VIX', '2026-07-22')?.source).toBe('file')
    // The roll, worked out by hand: the November 2026 contract settles Wed 2026-11-18 (30 days
    // before Fri 2026-12-18), December's on Wed 2026-12-16 (30 days before Fri 2027-01-15).
    // On 2026-11-18 VX1 is still November (its final settlement), VX2 December; the next day
    // VX1 is December.
    expect(bar(path, 'VX1', '2026-11-18')?.close).toBe(vxSettle('2026-11-18', '2026-11-18'))
    expect(bar(path, 'VX2', '2026-11-18')?.close).toBe(vxSettle('2026-12-16', '2026-11-18'))
    expect(bar(path, 'VX1', '2026-11-19')?.close).toBe(vxSettle('2026-12-16', '2026-11-19'))
    // VX8 on 2026-11-19: counting December 2026 as the first, the eighth monthly expiry is
    // July 2027's (Wed 2027-07-21, 30 days before Fri 2027-08-20).
    expect(bar(path, 'VX8', '2026-11-19')?.close).toBe(vxSettle('2027-07-21', '2026-11-19'))
    // The first missing day after the bundled VX history (Thu 2021-12-23; Fri 12-24 closed).
    expect(bar(path, 'VX1', '2021-12-27')).toEqual({
      close: vxSettle('2022-01-19', '2021-12-27'),
      source: 'publisher',
    })

    const bars = countBars(path)
    const again = await wingman(
      'update-market',
      '--db',
      path,
      '--source-base',
      server.origin,
      '--until',
      PARTIAL,
    )
    expect(again.code, again.err).toBe(0)
    expect(countBars(path)).toBe(bars)
    for (const src of [...SYMBOLS, 'VX'])
      expect(again.out).toMatch(
        new RegExp(`^${src} +current +nothing published after 2026-11-24 yet`, 'm'),
      )
  }, 60_000)

  it('an ALVH evaluation on the fixtures’ last day has its VX and RSI signals', async () => {
    const path = newJournal(tmp())
    const run = await wingman(
      'update-market',
      '--db',
      path,
      '--source-base',
      server.origin,
      '--until',
      LAST,
    )
    expect(run.code, run.err).toBe(0)
    const { db, call } = contractOn(path, server.origin, new Date('2026-11-25T15:00:00Z'))
    const spx = level('SPX', LAST)
    const { id } = await call(
      'positions:createIronCondor',
      condorInput({
        underlying: 'SPX',
        entryDate: '2026-11-02',
        expiration: '2026-12-18',
        longPut: String(Math.round(spx / 50) * 50 - 500),
        shortPut: String(Math.round(spx / 50) * 50 - 450),
        shortCall: String(Math.round(spx / 50) * 50 + 450),
        longCall: String(Math.round(spx / 50) * 50 + 500),
      }),
    )
    const ev = await call('decisions:evaluate', {
      positionId: id,
      date: LAST,
      rulesetId: 'alvh',
      iv: 0.18,
    })
    expect(ev.snapshot.session).toBe(LAST)
    const v = ev.snapshot.values
    expect(v.spot).toBe(spx)
    expect(v.vx1).toBe(vxSettle('2026-12-16', LAST))
    expect(v.vx2).toBe(vxSettle('2027-01-20', LAST))
    for (const id of ['vix_futures_rsi14', 'vix_rsi14', 'spx_rsi14', 'vx1_vx2_contango_pct'])
      expect(typeof v[id], `${id}: ${ev.snapshot.missing[id]}`).toBe('number')
    expect(typeof v.vx_curve_humped).toBe('boolean')
    // No ALVH rule waits on a VX or RSI signal any more.
    const waiting = ev.recommendation.notEvaluated.flatMap((n) => n.missing)
    for (const id of ['vix_futures_rsi14', 'vix_rsi14', 'vx_curve_humped'])
      expect(waiting).not.toContain(id)
    db.close()
  }, 60_000)

  it('names a failing source and why — 404, no answer in time, a web page, a missing VX contract — and keeps what the others brought', async () => {
    const path = newJournal(tmp())
    const before = lastDates(path)
    server.set(indexPath('VIX6M'), { status: 404, body: 'Not Found' })
    server.set(indexPath('SKEW'), 'hang')
    server.set(indexPath('SPX'), {
      status: 200,
      body: '<!DOCTYPE html><html><body>Please verify you are a human</body></html>',
    })
    server.set(vxPath('2026-12-16'), { status: 404, body: 'Not Found' })
    // A row Cboe got wrong in the new range (high below low): refused, named, the rest kept.
    server.set(indexPath('VIX3M'), {
      status: 200,
      body: cboeIndexFile('VIX3M').replace(
        /^(09\/01\/2026),([\d.]+),([\d.]+),([\d.]+),/m,
        '$1,$2,$4,$3,',
      ),
    })
    const run = await wingman(
      'update-market',
      '--db',
      path,
      '--source-base',
      server.origin,
      '--until',
      LAST,
      '--timeout',
      '1',
    )
    expect(run.code, run.err).toBe(2)
    const line = (src: string) => run.out.split('\n').find((l) => l.startsWith(`${src} `)) ?? ''
    expect(line('VIX6M')).toMatch(
      /FAILED +nothing stored: VIX6M_History\.csv answered 404 Not Found: the file is not there/,
    )
    expect(line('SKEW')).toMatch(
      /FAILED +nothing stored: SKEW_History\.csv no complete answer from 127\.0\.0\.1:\d+ within 1 s/,
    )
    expect(line('SPX')).toMatch(/FAILED +nothing stored: SPX_History\.csv answered with a web page/)
    expect(line('VX')).toMatch(/FAILED +nothing stored: VX_2026-12-16\.csv answered 404 Not Found/)
    expect(line('VIX3M')).toMatch(
      /updated +stored \d+ closes up to 2026-11-24; 1 row of the file refused \(line \d+: high [\d.]+ is below low [\d.]+\)/,
    )
    // The line named is the line in Cboe's file.
    const lineNo = Number(/line (\d+):/.exec(line('VIX3M'))![1])
    expect(cboeIndexFile('VIX3M').split('\n')[lineNo - 1]).toMatch(/^09\/01\/2026,/)
    const after = lastDates(path)
    for (const failed of ['VIX6M', 'SKEW', 'SPX', ...VX])
      expect(after[failed], failed).toBe(before[failed])
    for (const kept of ['VIX', 'VIX9D', 'VIX3M', 'VVIX']) expect(after[kept], kept).toBe(LAST)
    expect(bar(path, 'VIX3M', '2026-09-01')).toBeNull()
  }, 60_000)

  it('the app refuses to download while the Settings switch is off; two days typed by hand extend every series and the signals use them', async () => {
    const path = newJournal(tmp())
    const brought = await wingman(
      'update-market',
      '--db',
      path,
      '--source-base',
      server.origin,
      '--until',
      LAST,
    )
    expect(brought.code, brought.err).toBe(0)
    const requests = server.requests.length
    const { db, call, raw } = contractOn(path, server.origin, new Date('2026-11-27T22:00:00Z'))
    expect((await call('market:updateSettings', {})).enabled).toBe(false)
    const refused = await raw('market:update', {})
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(
          /^Updating market data is switched off\. Turn it on in Settings/,
        ),
      },
    })
    expect(server.requests.length).toBe(requests) // nothing was asked for

    const typed = {
      '2026-11-25': {
        SPX: 6702.5,
        VIX: 18.4,
        VIX9D: 17.1,
        VIX3M: 20.2,
        VX1: 19.35,
        VX2: 20.6,
        VX3: 21.1,
        adv: 1210,
        dec: 1650,
      },
      // Thanksgiving (2026-11-26) is closed; the next session is Friday's.
      '2026-11-27': {
        SPX: 6744.25,
        VIX: 17.2,
        VIX9D: 15.9,
        VIX3M: 19.8,
        VX1: 18.9,
        VX2: 20.3,
        VX3: 21.2,
        adv: 1900,
        dec: 980,
      },
    }
    for (const [date, t] of Object.entries(typed)) {
      const r = await call('market:enterCloses', {
        date,
        closes: {
          SPX: t.SPX,
          VIX: t.VIX,
          VIX9D: t.VIX9D,
          VIX3M: t.VIX3M,
          VX1: t.VX1,
          VX2: t.VX2,
          VX3: t.VX3,
        },
        advancing: t.adv,
        declining: t.dec,
      })
      expect(r.kept).toEqual([])
      expect(r.stored.map((x) => x.series)).toEqual([
        'SPX',
        'VIX',
        'VIX9D',
        'VIX3M',
        'VX1',
        'VX2',
        'VX3',
        'NYSE advancing',
        'NYSE declining',
      ])
    }
    // A session the journal has from the publisher keeps the published close.
    const kept = await call('market:enterCloses', { date: LAST, closes: { VIX: 99 } })
    expect(kept).toEqual({
      date: LAST,
      stored: [],
      kept: [{ series: 'VIX', value: 99, stored: level('VIX', LAST), source: 'publisher' }],
    })
    // A day the NYSE is closed has no close to enter.
    expect(
      await raw('market:enterCloses', { date: '2026-11-26', closes: { SPX: 6700 } }),
    ).toMatchObject({
      ok: false,
      error: { message: '2026-11-26 is not an NYSE session: there is no close to enter' },
    })

    const st = await call('market:staleness', {})
    expect(st.date).toBe('2026-11-27')
    const vix = st.series.find((x) => x.series === 'VIX')!
    expect(vix).toMatchObject({
      lastDate: '2026-11-27',
      sessionsBehind: 0,
      lastSource: 'hand',
      handDays: 2,
    })
    expect(st.series.find((x) => x.series === 'NYSE breadth')).toMatchObject({
      lastDate: '2026-11-27',
      lastSource: 'hand',
      handDays: 2,
    })
    expect(st.series.find((x) => x.series === 'VX4')).toMatchObject({
      lastDate: LAST,
      sessionsBehind: 2,
    })
    expect(st.staleForSignals).toEqual([])
    db.close()

    // `wingman signals` for Friday reads the typed days like any close.
    const sig = await wingman('signals', '--db', path, '--date', '2026-11-27')
    expect(sig.code, sig.err).toBe(0)
    const v = JSON.parse(sig.out) as Record<string, number | boolean | null> & {
      missing: Record<string, string>
    }
    const b = typed['2026-11-27']
    const a = typed['2026-11-25']
    expect(v.spot).toBe(b.SPX)
    expect(v.vix).toBe(b.VIX)
    expect(v.vx1).toBe(b.VX1)
    expect(v.vix_change_1d_pct).toBeCloseTo((b.VIX / a.VIX - 1) * 100, 10)
    expect(v.vix9d_vix_ratio).toBeCloseTo(b.VIX9D / b.VIX, 12)
    expect(v.vx1_vx2_contango_pct).toBeCloseTo((b.VX2 / b.VX1 - 1) * 100, 10)
    expect(v.vx_curve_humped).toBe(false) // 20.3 < 21.2
    // The A/D line moves by Friday's advancers minus decliners over Wednesday's.
    const wed = JSON.parse(
      (await wingman('signals', '--db', path, '--date', '2026-11-25')).out,
    ) as {
      ad_line: number
    }
    expect((v.ad_line as number) - wed.ad_line).toBe(b.adv - b.dec)
    // VX RSI(14) over the published closes and the two typed ones (the npm library as referee,
    // which rounds to 2 decimals).
    const closes = new Database(path, { readonly: true })
      .prepare(
        "SELECT close FROM daily_bars b JOIN instruments i ON i.id = b.instrument_id WHERE symbol = 'VX1' ORDER BY date",
      )
      .pluck()
      .all() as number[]
    expect(closes.slice(-2)).toEqual([a.VX1, b.VX1])
    const ref = RSI.calculate({ values: closes, period: 14 })
    expect(v.vix_futures_rsi14 as number).toBeCloseTo(ref[ref.length - 1]!, 1)

    // A later update replaces a typed day with the publisher's close.
    const fresh = `${cboeIndexFile('VIX')}11/25/2026,18.000000,18.600000,17.700000,18.310000\n`
    server.set(indexPath('VIX'), { status: 200, body: fresh })
    const upd = await wingman(
      'update-market',
      '--db',
      path,
      '--source-base',
      server.origin,
      '--until',
      PARTIAL,
    )
    expect(upd.out).toMatch(/^VIX +updated +stored 1 close \(1 close typed by hand replaced\)/m)
    expect(bar(path, 'VIX', '2026-11-25')).toEqual({ close: 18.31, source: 'publisher' })
    expect(bar(path, 'VIX', '2026-11-27')).toEqual({ close: b.VIX, source: 'hand' })
  }, 90_000)
})
