import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { decideCommand } from '../../electron/host/commands/decide.ts'
import { rulesetsCommand } from '../../electron/host/commands/rulesets.ts'
import {
  EXIT_DATA,
  EXIT_OK,
  UsageError,
  type CliIo,
  type Command,
} from '../../electron/host/commands/types.ts'
import { ALVH } from '../../shared/ruleset/builtin.ts'
import { useTempDir } from '../helpers/tmp.ts'

/** Runs a command's `run` with captured stdout/stderr. */
async function run(
  command: Command,
  flags: Record<string, string | boolean>,
  positionals?: string[],
) {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    input: Readable.from([]),
    env: {},
    stopSignal: () => new Promise(() => {}),
  }
  const runWith = command.run as (
    v: Record<string, string | boolean>,
    io: CliIo,
    p?: string[],
  ) => Promise<number>
  const code = await runWith(flags, io, positionals)
  return { code, out, err }
}

describe('wingman decide', () => {
  const tmp = useTempDir()
  const file = (name: string, content: unknown) => {
    const path = join(tmp(), name)
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
    return path
  }

  it('prints the alvh evaluation as one line of JSON', async () => {
    const snapshot = file('snap.json', {
      signals: {
        call_wing_penetration: 0.3,
        short_call_delta: 0.41,
        vix_futures_rsi14: null,
        vix_rsi14: 81.5,
        usd_risk_off: true,
      },
    })
    const r = await run(decideCommand, { ruleset: 'alvh', snapshot })
    expect(r.code).toBe(EXIT_OK)
    expect(r.err).toBe('')
    expect(r.out.trimEnd().split('\n')).toHaveLength(1)
    const result = JSON.parse(r.out)
    expect(result).toMatchObject({
      ruleset: { id: 'alvh', version: 1 },
      action: 'CLOSE_CALL_SPREAD',
      rule: 'close-call-rsi-usd-risk-off',
      followUps: [],
      notEvaluated: [],
      signals: { vix_futures_rsi14: null, vix_rsi14: 81.5 },
    })
    expect(result.fired).toEqual([
      {
        rule: 'close-call-rsi-usd-risk-off',
        priority: 10,
        action: 'CLOSE_CALL_SPREAD',
        outcome: 'true',
        missing: [],
      },
    ])
  })

  it('reports rules not evaluated for null signals and honours --params', async () => {
    const snapshot = file('snap.json', {
      signals: { call_wing_penetration: 0.85, put_wing_penetration: null },
    })
    const held = JSON.parse(
      (
        await run(decideCommand, {
          ruleset: 'mechanical-wing',
          snapshot,
          params: 'close_threshold=0.9',
        })
      ).out,
    )
    expect([held.action, held.rule, held.parameters]).toEqual([
      'HOLD',
      'hold',
      { close_threshold: 0.9 },
    ])
    expect(held.notEvaluated).toEqual([
      { rule: 'close-put-spread', missing: ['put_wing_penetration'] },
    ])
    const closed = JSON.parse(
      (await run(decideCommand, { ruleset: 'mechanical-wing', snapshot })).out,
    )
    expect(closed.action).toBe('CLOSE_CALL_SPREAD')
  })

  it('reads a ruleset from a file, and prints a bad one’s errors on one line, exit 2', async () => {
    const snapshot = file('snap.json', { signals: { call_wing_penetration: 0.85 } })
    const copy = { ...ALVH, id: 'my-alvh', version: 3 }
    const good = await run(decideCommand, { ruleset: file('mine.json', copy), snapshot })
    expect(JSON.parse(good.out).ruleset).toEqual({ id: 'my-alvh', version: 3 })

    const broken = {
      ...copy,
      rules: copy.rules.map((r, i) =>
        i === 0 ? { ...r, action: { type: 'PANIC' } } : i === 1 ? { ...r, priority: 10 } : r,
      ),
    }
    const bad = await run(decideCommand, { ruleset: file('bad.json', broken), snapshot })
    expect(bad.code).toBe(EXIT_DATA)
    expect(bad.out).toBe('')
    expect(bad.err.trimEnd().split('\n')).toHaveLength(1)
    expect(bad.err).toContain(
      'rule "close-call-rsi-usd-risk-off": action.type: unknown action "PANIC"',
    )
  })

  it('exit 2 for a snapshot that is not JSON, has no signals, or has a value of the wrong kind', async () => {
    for (const [content, pattern] of [
      ['{"signals": {', /is not valid JSON/],
      [{ values: {} }, /needs "signals"/],
      [{ signals: { vix: 'high' } }, /signals\.vix must be a number or null, got "high"/],
      [
        { signals: { usd_risk_off: 1 } },
        /signals\.usd_risk_off must be true, false or null, got 1/,
      ],
    ] as const) {
      const r = await run(decideCommand, { ruleset: 'alvh', snapshot: file('s.json', content) })
      expect(r.code, String(pattern)).toBe(EXIT_DATA)
      expect(r.err).toMatch(pattern)
      expect(r.err.trimEnd().split('\n')).toHaveLength(1)
    }
    const gone = await run(decideCommand, { ruleset: 'alvh', snapshot: join(tmp(), 'none.json') })
    expect(gone.code).toBe(EXIT_DATA)
  })

  it('warns about signal ids no rule can read but still answers', async () => {
    const snapshot = file('s.json', { signals: { call_wing_penetration: -1, vix_rsi: 80 } })
    const r = await run(decideCommand, { ruleset: 'mechanical-wing', snapshot })
    expect(r.code).toBe(EXIT_OK)
    expect(r.err).toContain('vix_rsi')
  })

  it('usage errors: missing flags, unknown ruleset, bad --params', async () => {
    const snapshot = file('s.json', { signals: {} })
    await expect(run(decideCommand, { snapshot })).rejects.toThrow(UsageError)
    await expect(run(decideCommand, { ruleset: 'alvh' })).rejects.toThrow('--snapshot is required')
    await expect(run(decideCommand, { ruleset: 'nope', snapshot })).rejects.toThrow(
      /neither a built-in ruleset \(mechanical-wing, alvh\) nor a file/,
    )
    await expect(
      run(decideCommand, { ruleset: 'alvh', snapshot, params: 'close_threshold' }),
    ).rejects.toThrow(UsageError)
    await expect(
      run(decideCommand, { ruleset: 'alvh', snapshot, params: 'treshold=1' }),
    ).rejects.toThrow(/unknown parameter "treshold"/)
  })
})

describe('wingman rulesets', () => {
  const tmp = useTempDir()

  it('list: the built-ins, one per line', async () => {
    for (const r of [
      await run(rulesetsCommand, {}, ['list']),
      await run(rulesetsCommand, { list: true }),
    ]) {
      expect(r.code).toBe(EXIT_OK)
      expect(
        r.out
          .trimEnd()
          .split('\n')
          .map((l) => l.split('\t').slice(0, 3)),
      ).toEqual([
        ['mechanical-wing', 'v1', '3 rules'],
        ['alvh', 'v1', '11 rules'],
      ])
    }
  })

  it('show prints a ruleset that validate accepts', async () => {
    const shown = await run(rulesetsCommand, {}, ['show', 'alvh'])
    expect(JSON.parse(shown.out)).toEqual(ALVH)
    const path = join(tmp(), 'alvh.json')
    writeFileSync(path, shown.out)
    const v = await run(rulesetsCommand, { validate: path })
    expect([v.code, v.out, v.err]).toEqual([EXIT_OK, 'ok\n', ''])
    await expect(run(rulesetsCommand, {}, ['show', 'alhv'])).rejects.toThrow(
      /built-ins: mechanical-wing, alvh/,
    )
  })

  it('validate prints each problem naming rule and field, exit 2', async () => {
    const path = join(tmp(), 'bad.json')
    const bad = {
      ...ALVH,
      rules: [{ ...ALVH.rules[0], explanation: '{vix_rsi}' }, ...ALVH.rules.slice(1)],
    }
    writeFileSync(path, JSON.stringify(bad))
    const r = await run(rulesetsCommand, {}, ['validate', path])
    expect(r.code).toBe(EXIT_DATA)
    expect(r.out).toBe('')
    expect(r.err).toMatch(
      /^rule "close-call-rsi-usd-risk-off": explanation: unknown signal "vix_rsi"/,
    )
    writeFileSync(path, 'not json')
    expect((await run(rulesetsCommand, {}, ['validate', path])).code).toBe(EXIT_DATA)
  })

  it('usage errors', async () => {
    await expect(run(rulesetsCommand, {}, [])).rejects.toThrow(UsageError)
    await expect(run(rulesetsCommand, {}, ['drop'])).rejects.toThrow(/unknown subcommand "drop"/)
    await expect(run(rulesetsCommand, {}, ['show'])).rejects.toThrow(/needs a ruleset id/)
    await expect(run(rulesetsCommand, { list: true, show: 'alvh' })).rejects.toThrow(UsageError)
    await expect(run(rulesetsCommand, {}, ['list', 'x'])).rejects.toThrow(/takes no argument/)
  })
})
