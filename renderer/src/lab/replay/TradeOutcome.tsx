import type { LabExitKind, LabTradeReplay } from '../../../../shared/lab.ts'
import { rulesetLabel, signOfE4, strikesText, usdE4 } from '../labFormat.ts'

const EXIT_TEXT: Record<LabExitKind, string> = {
  expiry: 'held to expiry and settled',
  closed: 'closed',
  end_of_data: 'still open on the last day replayed (at model value)',
}

interface Props {
  replay: LabTradeReplay
  color: string
}

/** One ruleset's outcome of the trade: P&L, how it ended, the strikes and the actions taken. */
export function TradeOutcome({ replay, color }: Props) {
  const t = replay.trade
  const rolled =
    strikesText(t.strikes) !== strikesText(t.finalStrikes) || t.expiry !== t.finalExpiry
  return (
    <article className="lab-outcome" aria-label={`${rulesetLabel(replay.ruleset)}: outcome`}>
      <h2>
        <i className="lab-swatch" style={{ background: color }} aria-hidden="true" />
        {replay.ruleset.name} <span className="muted">{rulesetLabel(replay.ruleset)}</span>
      </h2>
      <dl className="lab-outcome-facts">
        <div>
          <dt>P&L</dt>
          <dd className={`money ${signOfE4(t.pnlE4)}`}>{usdE4(t.pnlE4)}</dd>
        </div>
        <div>
          <dt>Credit</dt>
          <dd>{usdE4(t.creditE4)}</dd>
        </div>
        <div>
          <dt>Costs</dt>
          <dd>{usdE4(t.costsE4)}</dd>
        </div>
        <div>
          <dt>Exit</dt>
          <dd>
            {t.exitDate}, {EXIT_TEXT[t.exitKind]}
          </dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>
            {strikesText(t.strikes)}, expiry {t.expiry}
          </dd>
        </div>
        {rolled && (
          <div>
            <dt>Held last</dt>
            <dd>
              {strikesText(t.finalStrikes)}, expiry {t.finalExpiry}
            </dd>
          </div>
        )}
      </dl>
      {t.actions.length === 0 ? (
        <p className="muted small">No action: HOLD every session.</p>
      ) : (
        <ol className="lab-actions">
          {t.actions.map((a) => (
            <li key={`${a.date}-${a.action}`} className={a.executed ? undefined : 'not-done'}>
              <b>{a.date}</b> {a.action}
              {a.rule && <span className="muted"> (rule {a.rule})</span>}
              {!a.executed && <span className="lab-not-done"> not carried out</span>}
              {a.note && <span className="muted"> — {a.note}</span>}
              {a.cashE4 !== 0 && (
                <span className={`money ${signOfE4(a.cashE4)}`}> {usdE4(a.cashE4, true)}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </article>
  )
}
