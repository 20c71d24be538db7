import type { ReactNode } from 'react'
import type { LabRulesetRef } from '../../../shared/lab.ts'
import { rulesetLabel } from './labFormat.ts'
import { ModelLabel, withModelLabel } from './ModelLabel.tsx'

interface Props {
  /** The table's accessible name; the model label is added to it. */
  name: string
  className: string
  children: ReactNode
  /** Under the table, before the model label (a "Show more" button). */
  after?: ReactNode
}

/** A lab table: scrolls sideways when wide, named and captioned with the model label. */
export function LabTable({ name, className, children, after }: Props) {
  return (
    <figure className="lab-figure">
      <div className="table-scroll">
        <table className={`grid-table ${className}`} aria-label={withModelLabel(name)}>
          {children}
        </table>
      </div>
      {after}
      <ModelLabel />
    </figure>
  )
}

/**
 * The header row naming each ruleset over its `span` columns, after `lead` columns that belong
 * to no ruleset (a date, SPX, VIX).
 */
export function RulesetHeadRow({
  rulesets,
  lead,
  span,
}: {
  rulesets: readonly LabRulesetRef[]
  lead: number
  span: number
}) {
  return (
    <tr>
      <td colSpan={lead} />
      {rulesets.map((r) => (
        <th key={rulesetLabel(r)} scope="colgroup" colSpan={span} className="lab-group-head">
          {rulesetLabel(r)}
        </th>
      ))}
    </tr>
  )
}
