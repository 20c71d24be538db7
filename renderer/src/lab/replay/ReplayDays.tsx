import { Fragment } from 'react'
import type { LabReplayDay, LabTradeReplay } from '../../../../shared/lab.ts'
import { rulesetLabel, signOfE4, strikesText, usdE4 } from '../labFormat.ts'
import { LabTable, RulesetHeadRow } from '../LabTable.tsx'

interface Props {
  replays: readonly LabTradeReplay[]
  /** The sessions of the longest replay: one row each. */
  spx: readonly LabReplayDay[]
}

/** A per-share model value (e4) to the cent, as quotes read: 118160 → "11.82". */
const perShare = (e4: number): string => (Math.round(e4 / 100) / 100).toFixed(2)

/** What a ruleset did on a day: HOLD plainly, an action in bold with its note as a tooltip. */
function ActionCell({ day }: { day: LabReplayDay | undefined }) {
  if (!day) return <td className="muted">—</td>
  if (day.action === 'HOLD') return <td className="muted">HOLD</td>
  return (
    <td title={[day.rule && `rule ${day.rule}`, day.note].filter(Boolean).join(': ')}>
      <b>{day.action}</b>
      {!day.executed && <span className="lab-not-done"> not carried out</span>}
    </td>
  )
}

/**
 * The trade session by session: SPX and VIX at the close, then per ruleset the strikes held,
 * what closing would have cost, the P&L so far and the day's action.
 */
export function ReplayDays({ replays, spx }: Props) {
  const byDate = replays.map((r) => new Map(r.days.map((d) => [d.date, d])))
  return (
    <LabTable name="Day by day" className="compact lab-days">
      <thead>
        <RulesetHeadRow rulesets={replays.map((r) => r.ruleset)} lead={3} span={4} />
        <tr>
          <th scope="col">Session</th>
          <th scope="col" className="num">
            SPX
          </th>
          <th scope="col" className="num">
            VIX
          </th>
          {replays.map((r) => (
            <Fragment key={rulesetLabel(r.ruleset)}>
              <th scope="col" className="lab-group-first">
                Strikes
              </th>
              <th scope="col" className="num" title="What closing the condor would cost per share">
                Value
              </th>
              <th
                scope="col"
                className="num"
                title="Realised plus open at model value, costs included"
              >
                P&L
              </th>
              <th scope="col">Action</th>
            </Fragment>
          ))}
        </tr>
      </thead>
      <tbody>
        {spx.map((s) => (
          <tr key={s.date}>
            <th scope="row">{s.date}</th>
            <td className="num">{s.spx.toFixed(2)}</td>
            <td className="num">{s.vix?.toFixed(2) ?? '—'}</td>
            {byDate.map((map, i) => {
              const d = map.get(s.date)
              return (
                <Fragment key={i}>
                  <td className="lab-group-first">{d ? strikesText(d.strikes) : '—'}</td>
                  <td className="num">
                    {d?.modelValueE4 != null ? perShare(d.modelValueE4) : '—'}
                  </td>
                  <td className={`num money ${d ? signOfE4(d.pnlE4) : ''}`}>
                    {d ? usdE4(d.pnlE4) : '—'}
                  </td>
                  <ActionCell day={d} />
                </Fragment>
              )
            })}
          </tr>
        ))}
      </tbody>
    </LabTable>
  )
}
