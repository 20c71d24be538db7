import { exactPts, extreme, legName, pct, pts, usd, usd4, volPct } from './payoffFormat.ts'
import type { PayoffModel } from './usePayoffModel.ts'

/** A label, its value and an optional test id. */
type FigureRow = [label: string, value: string, testId?: string]

/** A two-column table of named figures, optionally headed "<heading> | Value". */
export function FigureTable({
  label,
  heading,
  rows,
}: {
  label: string
  heading?: string
  rows: FigureRow[]
}) {
  return (
    <table className="grid-table compact" aria-label={label}>
      {heading && (
        <thead>
          <tr>
            <th>{heading}</th>
            <th className="num">Value</th>
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map(([name, value, testId]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num" data-testid={testId}>
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * The figures under the chart: P&L and extremes, dollar greeks and probabilities on the chosen
 * date, and the IV each leg is valued with.
 */
export function PayoffFigures({ m }: { m: PayoffModel }) {
  const { risk, extremes } = m
  if (!risk) return null
  const g = risk.greeks
  const sampled = extremes?.method === 'sampled' ? ' (on the chart’s range)' : ''
  const bePts = extremes?.method === 'exact' ? exactPts : pts
  return (
    <div className="payoff-tables">
      <FigureTable
        label="Payoff figures"
        rows={[
          [`Model P&L at spot on ${m.valueDate}`, usd(risk.pnl), 'model-pnl'],
          [`Max profit (at expiry)${sampled}`, extremes ? extreme(extremes.maxProfit) : '—'],
          [`Max loss (at expiry)${sampled}`, extremes ? extreme(extremes.maxLoss) : '—'],
          ['Breakevens', extremes?.breakevens.map(bePts).join(' / ') || '—'],
          ['Expected move (1 σ)', `±${pts(risk.expectedMove)}`],
        ]}
      />
      <FigureTable
        label="Greeks"
        heading={`Dollar greeks on ${m.valueDate}`}
        rows={[
          ['Delta ($ per SPX point)', usd(g.delta)],
          ['Gamma ($ delta per point)', usd4(g.gamma)],
          ['Theta ($ per day)', usd(g.thetaPerDay)],
          ['Vega ($ per vol point)', usd(g.vegaPerPoint)],
        ]}
      />
      <FigureTable
        label="Probabilities"
        heading={`Model probability to ${m.expiry}`}
        rows={[
          ['Expires between the breakevens', risk.between === null ? '—' : pct(risk.between)],
          ...risk.touch.map((t): FigureRow => [`Touches short ${t.strike}`, pct(t.probability)]),
        ]}
      />
      <FigureTable
        label="Model IV"
        heading={`IV by leg on ${m.valueDate}`}
        rows={m.legIvs.map(({ leg, iv }): FigureRow => [
          `${legName(leg)} ${leg.expiration}`,
          volPct(Math.max(iv.iv + m.shift / 100, 0)),
        ])}
      />
    </div>
  )
}
