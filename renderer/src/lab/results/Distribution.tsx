import type { LabRulesetResult } from '../../../../shared/lab.ts'
import { PALETTE, useThemeValue } from '../../charts/chartTheme.ts'
import { usdWhole } from '../../review/reviewFormat.ts'
import { rulesetLabel } from '../labFormat.ts'
import { ModelLabel, withModelLabel } from '../ModelLabel.tsx'
import { seriesColor } from '../seriesColors.ts'

const W = 900
const H = 240
const PAD = { left: 40, right: 8, top: 10, bottom: 34 }
/** At most this many bin labels along the axis, so they never overlap. */
const MAX_LABELS = 10

const dollarsOf = (e4: number) => usdWhole(e4 / 10_000)

/**
 * How the trades' P&L spread out, per ruleset: the core's bins (the same edges for every
 * ruleset of a run) as grouped bars in the run colours, a bar's tooltip its range and count.
 */
export function Distribution({ results }: { results: readonly LabRulesetResult[] }) {
  const theme = useThemeValue()
  const c = PALETTE[theme]
  const bins = results[0]?.distribution ?? []
  if (bins.length === 0) return <p className="muted">No trades to draw.</p>
  const max = Math.max(1, ...results.flatMap((r) => r.distribution.map((b) => b.count)))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const slot = plotW / bins.length
  const bar = Math.max(1, (slot - 2) / results.length)
  const y = (count: number) => PAD.top + plotH - (count / max) * plotH
  const every = Math.ceil(bins.length / MAX_LABELS)
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i)
  // Where P&L = 0 falls, to mark winners from losers.
  const zeroAt = bins.findIndex((b) => b.fromE4 <= 0 && 0 < b.toE4)
  const zeroX =
    zeroAt < 0
      ? null
      : PAD.left +
        slot * (zeroAt + -bins[zeroAt]!.fromE4 / (bins[zeroAt]!.toE4 - bins[zeroAt]!.fromE4))
  const summary = results
    .map((r) => `${rulesetLabel(r.ruleset)}: ${r.distribution.map((b) => b.count).join(', ')}`)
    .join('; ')
  return (
    <figure className="lab-figure lab-distribution">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={withModelLabel(
          `Trades per P&L range from ${dollarsOf(bins[0]!.fromE4)} to ${dollarsOf(bins[bins.length - 1]!.toE4)}, ${bins.length} ranges — ${summary}`,
        )}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke={c.grid} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fill={c.text} fontSize={11}>
              {t}
            </text>
          </g>
        ))}
        {bins.map((b, bi) => (
          <g key={b.fromE4}>
            {results.map((r, ri) => {
              const count = r.distribution[bi]?.count ?? 0
              return (
                <rect
                  key={rulesetLabel(r.ruleset)}
                  x={PAD.left + slot * bi + 1 + bar * ri}
                  y={y(count)}
                  width={Math.max(bar - 0.5, 0.5)}
                  height={PAD.top + plotH - y(count)}
                  fill={seriesColor(theme, ri)}
                >
                  <title>
                    {`${rulesetLabel(r.ruleset)}: ${count} ${count === 1 ? 'trade' : 'trades'} from ${dollarsOf(b.fromE4)} to ${dollarsOf(b.toE4)}`}
                  </title>
                </rect>
              )
            })}
            {bi % every === 0 && (
              <text
                x={PAD.left + slot * bi}
                y={H - PAD.bottom + 16}
                textAnchor="middle"
                fill={c.text}
                fontSize={11}
              >
                {dollarsOf(b.fromE4)}
              </text>
            )}
          </g>
        ))}
        {zeroX !== null && (
          <line
            x1={zeroX}
            x2={zeroX}
            y1={PAD.top}
            y2={PAD.top + plotH}
            stroke={c.strike}
            strokeDasharray="3 3"
          />
        )}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
          stroke={c.border}
        />
        <text x={W - PAD.right} y={H - 4} textAnchor="end" fill={c.text} fontSize={11}>
          trade P&L (dashed: $0)
        </text>
        <text x={PAD.left} y={H - 4} fill={c.text} fontSize={11}>
          bars: number of trades
        </text>
      </svg>
      <ModelLabel />
    </figure>
  )
}
