import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/serve.ts'

/** Runs `node bin/wingman.mjs <args>` with `input` on stdin; resolves with stdout and the code. */
function runCli(
  args: string[],
  input: string,
): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/wingman.mjs'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.once('error', fail)
    child.once('exit', (code) => ok({ out, err, code }))
    child.stdin.end(input)
  })
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('wingman price (JSON Lines)', () => {
  it('answers one line per input line, in order, with errors in place', async () => {
    // Hull Example 15.6: S=42, K=40, r=10 %, σ=20 %, T=0.5 → call 4.76, put 0.81.
    const hull = { spot: 42, strike: 40, t: 0.5, rate: 0.1, div: 0, vol: 0.2 }
    const input = [
      JSON.stringify({ type: 'call', ...hull }),
      'not json',
      JSON.stringify({ type: 'put', ...hull, spot: -1 }),
      JSON.stringify({ type: 'put', ...hull }),
      JSON.stringify({ type: 'call', ...hull, vol: '0.2' }),
    ].join('\n')
    const { out, code } = await runCli(['price'], `${input}\n`)
    const rows = lines(out)
    expect(rows).toHaveLength(5)
    expect(Object.keys(rows[0] ?? {})).toEqual(['price', 'delta', 'gamma', 'vega', 'theta', 'rho'])
    expect(rows[0]?.price).toBeCloseTo(4.76, 2)
    expect(rows[1]).toEqual({ error: { code: 'BAD_JSON', message: expect.any(String) } })
    expect(rows[2]).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^spot/) },
    })
    expect(rows[3]?.price).toBeCloseTo(0.81, 2)
    expect(rows[4]).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect(code).toBe(2)
  })
  it('exits 0 when every line priced, and handles a last line without newline', async () => {
    const { out, code } = await runCli(
      ['price'],
      JSON.stringify({
        type: 'put',
        spot: 100,
        strike: 95,
        t: 0.5,
        rate: 0.1,
        div: 0.05,
        vol: 0.2,
      }),
    )
    // Haug (1998) p. 2-8 via QuantLib europeanoption.cpp: 2.4648
    expect(lines(out)[0]?.price).toBeCloseTo(2.4648, 4)
    expect(code).toBe(0)
  })
})

describe('wingman iv (JSON Lines)', () => {
  it('inverts price, reports typed errors for impossible prices', async () => {
    const base = { type: 'call', spot: 42, strike: 40, t: 0.5, rate: 0.1, div: 0 }
    const input = [
      { ...base, price: 4.759422392871533 }, // mpmath: 4.7594223928715332…
      { ...base, price: 1 },
      { ...base, price: 42 },
      { ...base, type: 'put', price: 0.8085993729000922 },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n')
    const { out, code } = await runCli(['iv'], `${input}\n`)
    const rows = lines(out)
    expect(rows).toHaveLength(4)
    expect(Math.abs((rows[0]?.vol as number) / 0.2 - 1)).toBeLessThan(1e-14)
    expect(rows[1]).toMatchObject({ error: { code: 'PRICE_BELOW_INTRINSIC' } })
    expect(rows[2]).toMatchObject({ error: { code: 'PRICE_ABOVE_MAXIMUM' } })
    expect(Math.abs((rows[3]?.vol as number) / 0.2 - 1)).toBeLessThan(1e-13)
    expect(code).toBe(2)
  })
  it('streams a thousand lines in order', async () => {
    const vols = Array.from({ length: 1000 }, (_, i) => 0.05 + i * 0.001)
    const priceInput = vols
      .map((vol) =>
        JSON.stringify({
          type: 'call',
          spot: 5000,
          strike: 5200,
          t: 30 / 365,
          rate: 0.045,
          div: 0.013,
          vol,
        }),
      )
      .join('\n')
    const priced = lines((await runCli(['price'], priceInput)).out)
    const ivInput = priced
      .map((p) =>
        JSON.stringify({
          type: 'call',
          spot: 5000,
          strike: 5200,
          t: 30 / 365,
          rate: 0.045,
          div: 0.013,
          price: p.price,
        }),
      )
      .join('\n')
    const back = lines((await runCli(['iv'], ivInput)).out)
    expect(back).toHaveLength(1000)
    back.forEach((b, i) =>
      expect(Math.abs((b.vol as number) / (vols[i] as number) - 1)).toBeLessThan(1e-12),
    )
  })
  it('shows usage with --help', async () => {
    const { out, code } = await runCli(['iv', '--help'], '')
    expect(out).toMatch(/PRICE_BELOW_INTRINSIC/)
    expect(code).toBe(0)
  })
})
