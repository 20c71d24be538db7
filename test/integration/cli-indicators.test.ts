import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import { describe, expect, it } from 'vitest'
import { indicators } from '../../electron/host/commands/indicators.ts'
import { EXIT_DATA, EXIT_OK, UsageError, type CliIo } from '../../electron/host/commands/types.ts'
import { macd, rsi } from '../../shared/indicators/index.ts'

const MARKET = join(import.meta.dirname, '..', '..', 'resources', 'market')

/** Runs the command's `run` with stdin from `chunks` and captures stdout/stderr. */
async function run(chunks: (string | Uint8Array)[], flags: Record<string, string> = {}) {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    input: Readable.from(chunks),
    env: {},
    stopSignal: () => new Promise(() => {}),
  }
  const code = await indicators.run(flags, io)
  return { code, out, err }
}

const rowsOf = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','))

/** 40 closes with ups and downs, so RSI(14) and MACD(12,26,9) both get defined values. */
const closes = Array.from(
  { length: 40 },
  (_, i) => +(100 + 5 * Math.sin(i / 3) + i * 0.2).toFixed(2),
)
const dates = closes.map((_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10))
const csv = (eol = '\n') =>
  ['date,close', ...closes.map((c, i) => `${dates[i]},${c}`)].join(eol) + eol

describe('wingman indicators', () => {
  it('writes the header and one row per input row, empty cells until values are defined', async () => {
    const r = await run([csv()])
    expect(r.code).toBe(EXIT_OK)
    expect(r.err).toBe('')
    const rows = rowsOf(r.out)
    expect(rows[0]).toEqual(['date', 'close', 'rsi', 'macd', 'macd_signal', 'macd_hist'])
    expect(rows).toHaveLength(41)
    expect(rows[14]).toEqual([dates[13], String(closes[13]), '', '', '', '']) // 14th close: no RSI yet
    expect(rows[15]?.[2]).not.toBe('') // RSI(14) from the 15th close
    expect(rows[25]?.[3]).toBe('')
    expect(rows[26]?.[3]).not.toBe('') // MACD line from the 26th
    expect(rows[33]?.slice(4)).toEqual(['', ''])
    expect(rows[34]?.[4]).not.toBe('') // signal and histogram from the 34th
  })

  it('prints exactly the shared indicator values, round-tripping every number', async () => {
    const r = await run([csv()])
    const rows = rowsOf(r.out).slice(1)
    const wantRsi = rsi(closes, 14)
    const want = macd(closes)
    rows.forEach((row, i) => {
      const num = (s: string | undefined) => (s === '' || s === undefined ? null : Number(s))
      expect(num(row[2])).toBe(wantRsi[i])
      expect(num(row[3])).toBe(want.macd[i])
      expect(num(row[4])).toBe(want.signal[i])
      expect(num(row[5])).toBe(want.histogram[i])
    })
  })

  it('honours --rsi and --macd', async () => {
    const r = await run([csv()], { rsi: '3', macd: '3,6,4' })
    const rows = rowsOf(r.out)
    expect(rows[3]?.[2]).toBe('')
    expect(rows[4]?.[2]).not.toBe('') // RSI(3) from the 4th close
    expect(rows[5]?.[3]).toBe('')
    expect(rows[6]?.[3]).not.toBe('') // MACD(3,6,4) line from the 6th
    expect(rows[8]?.[4]).toBe('')
    expect(rows[9]?.[4]).not.toBe('') // its signal from the 9th
  })

  it('gives the same output for a BOM, CRLF, blank lines and bytes split anywhere', async () => {
    const plain = (await run([csv()])).out
    const bytes = new TextEncoder().encode(
      `\uFEFF\r\n${csv('\r\n').replace('\r\n', '\r\n\r\n   \r\n')}\r\n`,
    )
    // Split inside the BOM and inside rows to exercise the streaming decoder.
    const pieces = [bytes.slice(0, 1), bytes.slice(1, 2), bytes.slice(2, 50), bytes.slice(50)]
    const r = await run(pieces)
    expect(r.err).toBe('')
    expect(r.out).toBe(plain)
  })

  it('accepts quoted fields and extra columns (the normalised OHLC files)', async () => {
    const input =
      'Date,Open,High,Low,"Close"\n"2026-01-02",1,2,0.5,"1.5"\n2026-01-05,1,2,0.5,1.75\n'
    const r = await run([input])
    expect(r.code).toBe(EXIT_OK)
    expect(rowsOf(r.out).slice(1)).toEqual([
      ['2026-01-02', '1.5', '', '', '', ''],
      ['2026-01-05', '1.75', '', '', '', ''],
    ])
  })

  it('header only → header only; empty input → exit 2', async () => {
    expect((await run(['date,close\n'])).out).toBe('date,close,rsi,macd,macd_signal,macd_hist\n')
    const r = await run([''])
    expect(r.code).toBe(EXIT_DATA)
    expect(r.err).toMatch(/^wingman indicators: line 1: no header row/)
  })

  it.each([
    ['close,date\n2026-01-02,1\n', 2, /bad date "1"/],
    ['price,value\n', 1, /header row must name the columns date and close/],
    ['date,close\n2026-01-02,1\n\n2026-02-30,2\n', 4, /bad date "2026-02-30"/],
    ['date,close\n01/02/2026,1\n', 2, /bad date/],
    ['date,close\n2026-01-02,abc\n', 2, /close is not a number: "abc"/],
    ['date,close\n2026-01-02,\n', 2, /close is not a number: ""/],
    ['date,close\n2026-01-02,1e999\n', 2, /close is not a number/],
    ['date,close\n2026-01-02,0x10\n', 2, /close is not a number/],
    ['date,close\n2026-01-02,1\n2026-01-02,2\n', 3, /duplicate date 2026-01-02/],
    ['date,close\n2026-01-05,1\n2026-01-02,2\n', 3, /before the previous row/],
    ['date,close\n2026-01-02,1,9\n', 2, /expected 2 fields, got 3/],
  ])('bad input %j → exit 2 naming line %i', async (input, line, why) => {
    const r = await run([input])
    expect(r.code).toBe(EXIT_DATA)
    expect(r.out).toBe('')
    expect(r.err.trimEnd().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(new RegExp(`^wingman indicators: line ${line}: `))
    expect(r.err).toMatch(why)
  })

  it.each([
    [{ rsi: '0' }],
    [{ rsi: 'abc' }],
    [{ rsi: '14.5' }],
    [{ macd: '12,26' }],
    [{ macd: '26,12,9' }],
    [{ macd: '12,26,x' }],
    [{ macd: '12,12,9' }],
  ])('bad flags %j → UsageError (the CLI prints one line and exits 1)', async (flags) => {
    await expect(run([csv()], flags)).rejects.toBeInstanceOf(UsageError)
  })

  it('declares its options for strict parsing: an unknown flag is refused', () => {
    expect(() =>
      parseArgs({ args: ['--bogus'], options: indicators.options, strict: true }),
    ).toThrow()
    expect(
      parseArgs({
        args: ['--rsi', '9', '--macd', '5,35,5'],
        options: indicators.options,
        strict: true,
      }).values,
    ).toEqual({ rsi: '9', macd: '5,35,5' })
    expect(indicators.usage).toContain('wingman indicators')
  })

  it('runs over the full real SPX history (the OHLC file, by its close column)', async () => {
    const text = readFileSync(join(MARKET, 'spx_daily.csv'), 'utf8')
    const r = await run([text])
    expect(r.code).toBe(EXIT_OK)
    const rows = rowsOf(r.out)
    const n = text.trim().split('\n').length
    expect(rows).toHaveLength(n)
    const spx = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[4]))
    const wantRsi = rsi(spx, 14)
    const want = macd(spx)
    for (const date of ['2020-03-16', '2024-12-31', rows.at(-1)?.[0]]) {
      const i = rows.findIndex((row) => row[0] === date)
      const row = rows[i] ?? []
      expect(Number(row[2])).toBe(wantRsi[i - 1])
      expect(Number(row[3])).toBe(want.macd[i - 1])
      expect(Number(row[5])).toBe(want.histogram[i - 1])
    }
  })
})
