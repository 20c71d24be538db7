import { useMemo } from 'react'
import { useThemeValue } from '../../charts/chartTheme.ts'
import { api } from '../../lib/api.ts'
import { useApi } from '../../lib/useApi.ts'
import { rulesetLabel } from '../labFormat.ts'
import { ModelLabel } from '../ModelLabel.tsx'
import { seriesColor } from '../seriesColors.ts'
import { ReplayChart } from './ReplayChart.tsx'
import { ReplayDays } from './ReplayDays.tsx'
import { TradeOutcome } from './TradeOutcome.tsx'
import '../lab.css'

interface Props {
  runId: number
  tradeKey: string
}

/**
 * One trade of a lab run replayed day by day under each of the run's rulesets (issue 14,
 * point 4): how each ended, SPX with the strikes each held and the actions each took, and the
 * sessions side by side.
 */
export function LabTradePage({ runId, tradeKey }: Props) {
  const theme = useThemeValue()
  const replay = useApi(
    () => api['lab:trade']({ runId, tradeKey }),
    `lab-trade-${runId}-${tradeKey}`,
  )
  const replays = replay.data
  // Every ruleset's chart and the table span the longest replay's sessions.
  const spx = useMemo(
    () =>
      (replays ?? []).reduce(
        (a, r) => (r.days.length > a.length ? r.days : a),
        replays?.[0]?.days ?? [],
      ),
    [replays],
  )
  const entry = replays?.[0]?.trade.entryDate ?? tradeKey
  return (
    <section className="page lab-page lab-trade-page" aria-labelledby="lab-trade-title">
      <a className="back" href={`#/lab?run=${runId}`}>
        ← Run #{runId}
      </a>
      <div className="toolbar">
        <h1 id="lab-trade-title">Trade entered {entry}</h1>
        <span className="muted lab-subtitle">run #{runId}, replayed day by day</span>
      </div>
      {replay.error ? (
        <div className="form-alert" role="alert">
          Could not replay this trade: {replay.error.message}
        </div>
      ) : !replays || replay.loading ? (
        <p className="muted">Replaying the trade…</p>
      ) : (
        <>
          <ModelLabel />
          <div className="lab-outcomes">
            {replays.map((r, i) => (
              <TradeOutcome
                key={rulesetLabel(r.ruleset)}
                replay={r}
                color={seriesColor(theme, i)}
              />
            ))}
          </div>
          <h2>SPX, strikes and actions</h2>
          <div className="lab-replay-charts">
            {replays.map((r, i) => (
              <figure key={rulesetLabel(r.ruleset)} className="lab-figure lab-replay-figure">
                <figcaption>
                  <i
                    className="lab-swatch"
                    style={{ background: seriesColor(theme, i) }}
                    aria-hidden="true"
                  />
                  {rulesetLabel(r.ruleset)}
                </figcaption>
                <ReplayChart replay={r} spx={spx} />
              </figure>
            ))}
          </div>
          <p className="muted small">
            SPX at each session’s close. Orange: the short strikes; grey dashed: the wings, as held
            at the close after that day’s action. Markers: the entry, each action (grey when it
            could not be carried out) and the exit.
          </p>
          <h2>Day by day</h2>
          <ReplayDays replays={replays} spx={spx} />
          <ModelLabel />
        </>
      )}
    </section>
  )
}
