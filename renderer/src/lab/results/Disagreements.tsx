import { Fragment, useState } from 'react'
import type { LabDisagreement, LabRulesetRef } from '../../../../shared/lab.ts'
import { plural, rulesetLabel, usdE4 } from '../labFormat.ts'
import { LabTable } from '../LabTable.tsx'
import { MoneyE4 } from './MetricsTable.tsx'

/** Rows shown at first, and added by each "Show more". */
const PAGE = 25

interface Props {
  runId: number
  rulesets: readonly LabRulesetRef[]
  disagreements: readonly LabDisagreement[]
}

/** Actions listed in a cell before the rest are counted ("and 7 more"; all in the tooltip). */
const SHOWN_ACTIONS = 4

/**
 * What a ruleset did, from the core's summary ("2022-08-10 ROLL_OUT, 2022-08-11 ROLL_OUT"):
 * one unbroken item per action, the first few shown, the whole text as the tooltip.
 */
function DidCell({ text }: { text: string }) {
  const items = text.split(', ')
  const rest = items.length - SHOWN_ACTIONS
  return (
    <td className="lab-did" title={rest > 0 ? text : undefined}>
      {items.slice(0, SHOWN_ACTIONS).map((item, i) => (
        // The separator outside the unbroken item: lines break between actions only.
        <Fragment key={i}>
          <span>{item}</span>
          {i < items.length - 1 ? ', ' : ''}
        </Fragment>
      ))}
      {rest > 0 && <span className="muted">and {rest} more</span>}
    </td>
  )
}

/** The address of one trade's day-by-day replay. */
export const replayHref = (runId: number, key: string) =>
  `#/lab/${runId}/trade/${encodeURIComponent(key)}`

/**
 * The trades on which the rulesets acted differently, the widest gap first: each ruleset's
 * P&L and what it did, and a link to replay the trade day by day.
 */
export function Disagreements({ runId, rulesets, disagreements }: Props) {
  const [shown, setShown] = useState(PAGE)
  if (rulesets.length < 2)
    return <p className="muted">Pick two rulesets or more to see where they disagree.</p>
  if (disagreements.length === 0)
    return (
      <p className="muted">
        The rulesets took the same actions on every trade of this run: their results are the same.
      </p>
    )
  const rows = disagreements.slice(0, shown)
  return (
    <>
      <p className="muted small">
        {plural(disagreements.length, 'trade')} where the rulesets acted differently, the largest
        difference in P&L first. Open one to replay it day by day.
      </p>
      <LabTable
        name="Trades where the rulesets disagreed"
        className="lab-disagreements"
        after={
          disagreements.length > shown && (
            <button type="button" className="btn" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, disagreements.length - shown)} more of{' '}
              {disagreements.length - shown}
            </button>
          )
        }
      >
        <thead>
          <tr>
            <th scope="col">Entry</th>
            {rulesets.map((r) => (
              <th key={rulesetLabel(r)} scope="col" className="num">
                {rulesetLabel(r)}
              </th>
            ))}
            <th scope="col" className="num" title="Best − worst P&L of the trade">
              Difference
            </th>
            {rulesets.map((r) => (
              <th key={rulesetLabel(r)} scope="col">
                What {r.id} did
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.key}>
              <th scope="row">
                <a
                  href={replayHref(runId, d.key)}
                  aria-label={`Replay the trade entered ${d.entryDate}`}
                >
                  {d.entryDate}
                </a>
              </th>
              {d.pnlE4.map((p, i) => (
                <MoneyE4 key={i} e4={p} />
              ))}
              <td className="num">{usdE4(d.spreadE4)}</td>
              {d.summary.map((s, i) => (
                <DidCell key={i} text={s} />
              ))}
            </tr>
          ))}
        </tbody>
      </LabTable>
    </>
  )
}
