import { useId } from 'react'
import { activeReviewFilterCount, FOLLOWED, type ReviewFilters } from './reviewFilters.ts'

interface Props {
  filters: ReviewFilters
  /** A change of some filters; null clears them all. */
  onChange: (patch: Partial<ReviewFilters> | null) => void
  /** The rulesets and actions the review's decisions have, offered in the selects. */
  rulesets: readonly string[]
  actions: readonly string[]
}

const FOLLOWED_LABELS: Record<(typeof FOLLOWED)[number], string> = {
  '': 'Any',
  followed: 'Followed',
  overridden: 'Overridden',
}

/**
 * The review's filters: the opening-date range goes to the core (the whole review, as
 * `wingman review --from --to`); ruleset, action and followed narrow the decisions table.
 */
export function ReviewFiltersBar({ filters, onChange, rulesets, actions }: Props) {
  const uid = useId()
  const id = (key: string) => `${uid}-${key}`
  const set = <K extends keyof ReviewFilters>(key: K, value: ReviewFilters[K]) =>
    onChange({ [key]: value })
  // A value from the address that this review does not have is still offered, so it shows.
  const withValue = (list: readonly string[], v: string) =>
    v && !list.includes(v) ? [...list, v] : list

  return (
    <div className="review-filters" role="search" aria-label="Filter the review">
      <div className="filter" title="Positions opened on or after this date (the whole review)">
        <label htmlFor={id('from')}>Opened from</label>
        <input
          id={id('from')}
          type="date"
          value={filters.from}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="filter" title="Positions opened on or before this date (the whole review)">
        <label htmlFor={id('to')}>to</label>
        <input
          id={id('to')}
          type="date"
          value={filters.to}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      <div className="filter">
        <label htmlFor={id('ruleset')}>Ruleset</label>
        <select
          id={id('ruleset')}
          value={filters.ruleset}
          onChange={(e) => set('ruleset', e.target.value)}
        >
          <option value="">Any</option>
          {withValue(rulesets, filters.ruleset).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={id('action')}>Action taken</label>
        <select
          id={id('action')}
          value={filters.action}
          onChange={(e) => set('action', e.target.value)}
        >
          <option value="">Any</option>
          {withValue(actions, filters.action).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={id('followed')}>Followed</label>
        <select
          id={id('followed')}
          value={filters.followed}
          onChange={(e) => set('followed', e.target.value as ReviewFilters['followed'])}
        >
          {FOLLOWED.map((f) => (
            <option key={f} value={f}>
              {FOLLOWED_LABELS[f]}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="btn clear-filters"
        disabled={activeReviewFilterCount(filters) === 0}
        onClick={() => onChange(null)}
      >
        Clear filters
      </button>
    </div>
  )
}
