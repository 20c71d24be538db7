import type { ReviewDecisionRow } from '../../../shared/review/report.ts'
import type { Column } from '../components/VirtualTable.tsx'
import { usd } from '../lib/format.ts'
import { signOf } from './reviewFormat.ts'
import { decisionDate } from './reviewFilters.ts'

type Figure =
  'actual' | 'closedAtDecision' | 'heldToExpiry' | 'recommendedPath' | 'edgeVsClosed' | 'edgeVsHeld'

/** Why a figure is unknown (or rests on a model value): the decision's notes. */
const notesTitle = (d: ReviewDecisionRow) => (d.notes.length ? d.notes.join('\n') : undefined)

function money(
  key: Figure,
  title: string,
  subtitle: string,
  hint: string,
): Column<ReviewDecisionRow> {
  const signed = key === 'edgeVsClosed' || key === 'edgeVsHeld'
  return {
    key,
    title,
    subtitle,
    hint,
    width: '88px',
    align: 'right',
    render: (d) => (
      <span
        className={`money ${signOf(d[key])}`}
        title={d[key] === null ? (notesTitle(d) ?? 'Not computable') : undefined}
      >
        {usd(d[key], signed)}
      </span>
    ),
    sortValue: (d) => d[key],
  }
}

/** The decisions table's columns; `asOf` is the date of the model values. */
export function decisionColumns(asOf: string | null): Column<ReviewDecisionRow>[] {
  return [
    {
      key: 'date',
      title: 'Date',
      width: '82px',
      render: (d) => <span title={d.decidedAt}>{decisionDate(d)}</span>,
      // the review's order within one instant (the id), so the core's pages sort the same way
      sortValue: (d) => `${d.decidedAt} ${String(d.id).padStart(16, '0')}`,
    },
    {
      key: 'position',
      title: 'Position',
      width: '58px',
      render: (d) => (
        <a
          href={`#/positions/${d.positionId}`}
          aria-label={`Position ${d.positionId}`}
          title="Open the position"
        >
          #{d.positionId}
        </a>
      ),
      sortValue: (d) => d.positionId,
    },
    {
      key: 'ruleset',
      title: 'Ruleset',
      width: 'minmax(100px, 1fr)',
      render: (d) => {
        const text = `${d.rulesetId} v${d.rulesetVersion}`
        return <span title={d.rule ? `${text}, rule: ${d.rule}` : text}>{text}</span>
      },
      sortValue: (d) => `${d.rulesetId} ${String(d.rulesetVersion).padStart(6, '0')}`,
    },
    {
      key: 'recommended',
      title: 'Recommended',
      width: '112px',
      render: (d) => (
        <span title={d.rule ? `Rule: ${d.rule}` : 'No rule fired'}>{d.recommended}</span>
      ),
      sortValue: (d) => d.recommended,
    },
    {
      key: 'taken',
      title: 'Taken',
      width: '112px',
      render: (d) => <span title={d.taken}>{d.taken}</span>,
      sortValue: (d) => d.taken,
    },
    {
      key: 'followed',
      title: 'Followed',
      width: '80px',
      render: (d) => (
        <span className={`adherence-mark ${d.followed ? 'followed' : 'overridden'}`}>
          {d.followed ? 'followed' : 'overridden'}
        </span>
      ),
      sortValue: (d) => (d.followed ? 1 : 0),
    },
    money('actual', 'Actual', 'what was done', 'The position’s P&L with what was done'),
    money('closedAtDecision', 'Closed', 'at decision', 'Every leg closed at the decision’s marks'),
    money('heldToExpiry', 'Held', 'to expiry', 'The legs open then held to expiry and settled'),
    money(
      'recommendedPath',
      'Recommended',
      'path',
      'The recommended action’s path, when it differed from what was done and is computable',
    ),
    money('edgeVsClosed', 'Edge', 'vs closed', 'Actual − closed at decision'),
    money('edgeVsHeld', 'Edge', 'vs held', 'Actual − held to expiry'),
    {
      key: 'final',
      title: 'Final',
      width: '48px',
      hint: `"model": a figure rests on a model value as of ${asOf ?? 'the last stored session'}`,
      render: (d) =>
        d.final ? (
          <span className="muted">final</span>
        ) : (
          <span className="model-flag" title={notesTitle(d)}>
            model
          </span>
        ),
      sortValue: (d) => (d.final ? 1 : 0),
    },
  ]
}
