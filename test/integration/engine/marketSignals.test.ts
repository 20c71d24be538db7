import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  marketSignalColumns,
  marketSnapshot,
  type MarketHistory,
} from '../../../electron/core/engine/marketSignals.ts'
import { MARKET_SIGNAL_IDS } from '../../../shared/signals.ts'
import { REPO_ROOT } from '../../helpers/serve.ts'
import { useTempDir } from '../../helpers/tmp.ts'

/**
 * Signals on known dates, recomputed here straight from the bundled CSVs in resources/market with
 * plain loops (no Wingman importer or indicator code), so the engine is checked against the files
 * themselves.
 */
const MARKET = resolve(import.meta.dirname, '../../../resources/market')
const rows = (file: string) =>
  readFileSync(join(MARKET, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
const closes = (file: string, col = -1) => {
  const r = rows(file)
  return { dates: r.map((c) => c[0]!), closes: r.map((c) => Number(c.at(col))) }
}
const vx = rows('vix_futures_daily.csv')
const breadth = rows('advance_decline_daily.csv')
const HISTORY: MarketHistory = {
  series: {
    SPX: closes('spx_daily.csv'),
    VIX: closes('vix_daily.csv'),
    VIX9D: closes('vix9d_daily.csv'),
    VIX3M: closes('vix3m_daily.csv'),
    ...Object.fromEntries(
      [1, 2, 3].map((n) => [
        `VX${n}`,
        { dates: vx.map((c) => c[0]!), closes: vx.map((c) => Number(c[n])) },
      ]),
    ),
  },
  breadth: {
    dates: breadth.map((c) => c[0]!),
    advancing: breadth.map((c) => Number(c[1])),
    declining: breadth.map((c) => Number(c[2])),
  },
  events: {
    CPI: rows('cpi_release_dates.csv').map((c) => c[0]!),
    PPI: rows('ppi_release_dates.csv').map((c) => c[0]!),
    FOMC: rows('fomc_dates.csv').map((c) => c[0]!),
  },
}

const closeOn = (file: string, date: string) =>
  Number(
    rows(file)
      .find((c) => c[0] === date)!
      .at(-1),
  )

/** Wilder RSI(n) at the last of `xs`, by the PRODUCT.md definition, written out longhand. */
function wilderRsi(xs: number[], n = 14): number {
  let gain = 0
  let loss = 0
  for (let i = 1; i <= n; i++) {
    const d = xs[i]! - xs[i - 1]!
    if (d > 0) gain += d
    else loss -= d
  }
  gain /= n
  loss /= n
  for (let i = n + 1; i < xs.length; i++) {
    const d = xs[i]! - xs[i - 1]!
    gain = (gain * (n - 1) + Math.max(d, 0)) / n
    loss = (loss * (n - 1) + Math.max(-d, 0)) / n
  }
  return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss)
}

describe('market signals from the real history', () => {
  it('on 2020-03-16: VIX/VIX3M = 82.69 / 67.7, VX backwardation 72.625 / 59.15', () => {
    const s = marketSnapshot(HISTORY, '2020-03-16')
    expect(s.session).toBe('2020-03-16')
    expect(closeOn('vix_daily.csv', '2020-03-16')).toBe(82.69)
    expect(closeOn('vix3m_daily.csv', '2020-03-16')).toBe(67.7)
    expect(s.values.vix).toBe(82.69)
    expect(s.values.vix_vix3m_ratio).toBe(82.69 / 67.7)
    expect(s.values.vix9d_vix_ratio).toBe(closeOn('vix9d_daily.csv', '2020-03-16') / 82.69)
    expect(s.values.vix_change_1d_pct).toBeCloseTo(
      (82.69 / closeOn('vix_daily.csv', '2020-03-13') - 1) * 100,
      12,
    )
    expect(s.values.vx1).toBe(72.625)
    expect(s.values.vx2).toBe(59.15)
    expect(s.values.vx1_vx2_contango_pct).toBeCloseTo((59.15 / 72.625 - 1) * 100, 12)
    expect(s.values.vx_curve_humped).toBe(false) // VX2 < VX1
    expect(s.values.spot).toBe(closeOn('spx_daily.csv', '2020-03-16'))
    // the next FOMC decision on or after the date, from the file
    const nextFomc = HISTORY.events.FOMC!.find((d) => d >= '2020-03-16')!
    expect(s.values.days_to_fomc).toBe(
      (Date.parse(nextFomc) - Date.parse('2020-03-16')) / 86_400_000,
    )
    expect(s.missing.ad_line).toMatch(/NYSE breadth history ends 2015-11-11/)
  })

  it('computes RSI(14) of VIX and VX1 as Wilder defines it, over the history up to the date', () => {
    const s = marketSnapshot(HISTORY, '2020-03-16')
    const vixUpTo = HISTORY.series.VIX!.closes.slice(
      0,
      HISTORY.series.VIX!.dates.indexOf('2020-03-16') + 1,
    )
    expect(s.values.vix_rsi14).toBeCloseTo(wilderRsi(vixUpTo), 10)
    const vx1 = HISTORY.series.VX1!
    expect(s.values.vix_futures_rsi14).toBeCloseTo(
      wilderRsi(vx1.closes.slice(0, vx1.dates.indexOf('2020-03-16') + 1)),
      10,
    )
  })

  it('builds the A/D line and its constructive flag from the breadth file', () => {
    const s = marketSnapshot(HISTORY, '2015-11-11')
    let ad = 0
    const line = breadth.map((c) => (ad += Number(c[1]) - Number(c[2])))
    const i = line.length - 1
    const avg20 = line.slice(i - 19, i + 1).reduce((a, b) => a + b, 0) / 20
    expect(s.values.ad_line).toBe(line[i])
    expect(s.values.ad_line_constructive).toBe(line[i]! > avg20 && line[i]! >= line[i - 5]!)
    // 1987-10-19: 52 advancing, 1,973 declining (data README sanity table)
    const crash = marketSnapshot(HISTORY, '1987-10-19')
    const prev = marketSnapshot(HISTORY, '1987-10-16')
    expect((crash.values.ad_line as number) - (prev.values.ad_line as number)).toBe(52 - 1973)
  })

  it('uses the previous session on weekends and holidays', () => {
    const sat = marketSnapshot(HISTORY, '2020-03-14')
    expect(sat.session).toBe('2020-03-13')
    expect(sat.values.vix).toBe(closeOn('vix_daily.csv', '2020-03-13'))
    // events count from the date asked, not the session: the Sunday 2020-03-15 emergency cut is 1 day away
    expect(HISTORY.events.FOMC).toContain('2020-03-15')
    expect(sat.values.days_to_fomc).toBe(1)
    const thanksgiving = marketSnapshot(HISTORY, '2020-11-26')
    expect(thanksgiving.session).toBe('2020-11-25')
    // before the calendar's 1990 start the SPX history decides: Saturday 1987-10-17 → Friday
    expect(marketSnapshot(HISTORY, '1987-10-17').session).toBe('1987-10-16')
    expect(marketSnapshot(HISTORY, '1987-10-16').session).toBe('1987-10-16')
  })

  it('reports every missing signal with a reason, never a stale value', () => {
    const s = marketSnapshot(HISTORY, '2024-03-15')
    for (const id of ['vx1', 'vx2', 'vx1_vx2_contango_pct', 'vx_curve_humped', 'vix_futures_rsi14'])
      expect(s.missing[id], id).toMatch(/VX futures history ends 2021-12-23/)
    expect(s.values.vx1).toBeNull()
    for (const id of MARKET_SIGNAL_IDS) {
      expect(id in s.values, id).toBe(true)
      expect(s.values[id] === null, id).toBe(id in s.missing)
    }
  })

  it('counts days to the next CPI/PPI/FOMC date, and says so when the stored calendar has run out', () => {
    // The bundled CPI calendar ends 2026-12-10, PPI 2026-12-15, FOMC 2027-12-08 (scheduled).
    const inside = marketSnapshot(HISTORY, '2026-11-27')
    expect(inside.values.days_to_cpi).toBe(13) // 2026-11-27 → 2026-12-10
    expect(inside.values.days_to_ppi).toBe(18) // → 2026-12-15
    expect(inside.values.days_to_fomc).toBe(12) // → 2026-12-09
    const past = marketSnapshot(HISTORY, '2026-12-11')
    expect(past.values.days_to_cpi).toBeNull()
    expect(past.missing.days_to_cpi).toBe(
      "no CPI date after 2026-12-11 is known: the stored CPI calendar ends 2026-12-10 (import the publisher's newer schedule as date,event on the Market page)",
    )
    expect(past.values.cpi_today).toBeNull()
    expect(past.missing.cpi_today).toBe(past.missing.days_to_cpi)
    expect(past.values.days_to_ppi).toBe(4)
    expect(past.values.days_to_fomc).toBe(47) // → 2027-01-27, the Fed's scheduled meeting
  })

  it('lets live values replace the close and feed the indicators', () => {
    const base = marketSnapshot(HISTORY, '2020-03-16')
    const live = marketSnapshot(HISTORY, '2020-03-16', {
      vix: 70,
      vix3m: 70,
      vx1: 60,
      vx2: 62,
      vx3: 61,
    })
    expect(live.values.vix).toBe(70)
    expect(live.values.vix_vix3m_ratio).toBe(1)
    expect(live.values.vx_curve_humped).toBe(true)
    expect(live.values.vix_rsi14).not.toBe(base.values.vix_rsi14)
    const vixBefore = HISTORY.series.VIX!.closes.slice(
      0,
      HISTORY.series.VIX!.dates.indexOf('2020-03-16'),
    )
    expect(live.values.vix_rsi14).toBeCloseTo(wilderRsi([...vixBefore, 70]), 10)
    expect(marketSnapshot(HISTORY, '2020-03-16')).toEqual(base) // the stored history is untouched
  })
})

describe('full-history signal columns', () => {
  it('agree with the per-day snapshot on every signal (every 53rd session and known dates)', () => {
    const { dates, columns } = marketSignalColumns(HISTORY)
    expect(dates).toEqual(HISTORY.series.SPX!.dates)
    const picks = dates
      .map((d, k) =>
        k % 53 === 0 || ['2020-03-16', '2015-11-11', '2021-12-23', '1987-10-19'].includes(d)
          ? k
          : -1,
      )
      .filter((k) => k >= 0)
    for (const k of picks) {
      const snap = marketSnapshot(HISTORY, dates[k]!)
      for (const id of MARKET_SIGNAL_IDS) {
        const v = columns[id]![k]!
        const expected = snap.values[id]
        if (expected === null) expect(Number.isNaN(v), `${id} on ${dates[k]}`).toBe(true)
        else if (typeof expected === 'boolean')
          expect(v, `${id} on ${dates[k]}`).toBe(expected ? 1 : 0)
        else expect(v, `${id} on ${dates[k]}`).toBe(expected)
      }
    }
  })
})

describe('wingman signals', () => {
  const tmp = useTempDir()
  it('prints one JSON object with every signal and a reason for each null', () => {
    const db = join(tmp(), 'j.sqlite')
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      })
    expect(run('init', '--db', db).status).toBe(0)
    const r = run('signals', '--db', db, '--date', '2020-03-16')
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const out = JSON.parse(lines[0]!) as Record<string, unknown> & {
      missing: Record<string, string>
    }
    expect(out.vix_vix3m_ratio).toBe(82.69 / 67.7)
    for (const id of MARKET_SIGNAL_IDS) {
      expect(id in out, id).toBe(true)
      expect(out[id] === null, id).toBe(id in out.missing)
    }
    expect(run('signals', '--db', db, '--date', '2020-13-01').status).toBe(1)
    expect(run('signals', '--db', db, '--date', '2020-03-16', '--vix', '-3').status).toBe(1)
    expect(run('signals', '--db', join(tmp(), 'none.sqlite'), '--date', '2020-03-16').status).toBe(
      2,
    )
    const live = JSON.parse(
      run('signals', '--db', db, '--date', '2026-11-24', '--spot', '6800', '--vix', '17').stdout,
    )
    expect(live.spot).toBe(6800)
    expect(live.notes[0]).toMatch(/follows the last stored close/)
  })
})
