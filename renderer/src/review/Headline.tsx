import type { ReviewGroupRow, ReviewSummary } from '../../../shared/review/report.ts'
import { usd } from '../lib/format.ts'
import { percent, profitFactor, signOf } from './reviewFormat.ts'

function Fact({
  label,
  value,
  sign,
  hint,
}: {
  label: string
  value: string
  sign?: string
  hint?: string
}) {
  return (
    <div className="fact" title={hint}>
      <dt>{label}</dt>
      <dd className={sign ? `money ${sign}` : undefined}>{value}</dd>
    </div>
  )
}

/** One line of headline figures (the core's metrics over all positions, or all decisions). */
function FactsRow({ title, g, edges }: { title: string; g: ReviewGroupRow; edges: boolean }) {
  return (
    <div className="headline-row">
      <h3>{title}</h3>
      <dl className="headline-facts" aria-label={`${title}: headline figures`}>
        <Fact label="Count" value={g.count.toLocaleString('en-US')} />
        <Fact label="Win rate" value={percent(g.winRate)} hint={`${g.wins} of ${g.count} won`} />
        <Fact
          label="Expectancy"
          value={usd(g.expectancy)}
          sign={signOf(g.expectancy)}
          hint="Average P&L per item"
        />
        <Fact label="Total" value={usd(g.total)} sign={signOf(g.total)} />
        <Fact label="Profit factor" value={profitFactor(g)} hint="Gross wins ÷ gross losses" />
        <Fact
          label="Max drawdown"
          value={usd(g.maxDrawdown)}
          sign={signOf(g.maxDrawdown)}
          hint="Deepest fall of the cumulative P&L below its running peak, in time order"
        />
        {edges && (
          <>
            <Fact
              label="Edge vs closed"
              value={usd(g.edgeVsClosed, true)}
              sign={signOf(g.edgeVsClosed)}
              hint="Sum of actual − closed at decision (known edges only)"
            />
            <Fact
              label="Edge vs held"
              value={usd(g.edgeVsHeld, true)}
              sign={signOf(g.edgeVsHeld)}
              hint="Sum of actual − held to expiry (known edges only)"
            />
          </>
        )}
      </dl>
    </div>
  )
}

/**
 * The headline: positions by their whole P&L, decisions by what was done (actual), and the
 * summed edges of the decisions against the two paths not taken.
 */
export function Headline({ summary }: { summary: ReviewSummary }) {
  const { modelPositions } = summary
  return (
    <section className="review-headline" aria-label="Headline figures">
      <FactsRow title="Positions" g={summary.headline.positions} edges={false} />
      <FactsRow title="Decisions" g={summary.headline.decisions} edges />
      {modelPositions > 0 && (
        <p className="muted small">
          {modelPositions === 1 ? '1 position is' : `${modelPositions} positions are`} still open:
          their P&L includes model values as of {summary.asOf ?? 'the last stored session'}, not
          final.
        </p>
      )}
    </section>
  )
}
