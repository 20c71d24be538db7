import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Account } from '../../../../shared/domain.ts'
import {
  activeFilterCount,
  STATUS_LABELS,
  STATUSES,
  STRUCTURE_OPTIONS,
  UNDERLYINGS,
  type ListFilters,
  type StatusFilter,
} from './listFilters.ts'

interface Props {
  filters: ListFilters
  /** A change of some filters; null clears them all. */
  onChange: (patch: Partial<ListFilters> | null) => void
  accounts: readonly Account[]
  /** Tags seen in the journal, offered while typing. */
  tags: readonly string[]
}

/** Typing waits this long before the list is asked again. */
const TYPING_MS = 300

/**
 * A text filter that updates the list once typing pauses; the draft follows the filter when it
 * changes from outside (Clear filters, an address typed by hand).
 */
function useDraft(value: string, commit: (v: string) => void): [string, (v: string) => void] {
  const [draft, setDraft] = useState(value)
  const latest = useRef(commit)
  // What this field last sent: the filter coming back with it is not a change from outside.
  const sent = useRef(value)
  useEffect(() => {
    latest.current = commit
  })
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value
      setDraft(value)
    }
  }, [value])
  useEffect(() => {
    if (draft === sent.current) return
    const t = setTimeout(() => {
      sent.current = draft
      latest.current(draft)
    }, TYPING_MS)
    return () => clearTimeout(t)
  }, [draft])
  return [draft, setDraft]
}

/** Open / Closed / All / Voided: a radio group (arrow keys move the choice). */
export function StatusRadios({
  value,
  onChange,
}: {
  value: StatusFilter
  onChange: (s: StatusFilter) => void
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  // Arrow keys move between the choices, as in any radio group.
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key]
    if (!step) return
    e.preventDefault()
    const i = (STATUSES.indexOf(value) + step + STATUSES.length) % STATUSES.length
    onChange(STATUSES[i]!)
    refs.current[i]?.focus()
  }
  return (
    <div className="segmented" role="radiogroup" aria-label="Status" onKeyDown={onKeyDown}>
      {STATUSES.map((s, i) => (
        <button
          key={s}
          ref={(el) => {
            refs.current[i] = el
          }}
          type="button"
          role="radio"
          aria-checked={value === s}
          tabIndex={value === s ? 0 : -1}
          className={value === s ? 'on' : ''}
          onClick={() => onChange(s)}
        >
          {STATUS_LABELS[s]}
        </button>
      ))}
    </div>
  )
}

/**
 * The positions list's filters beside the status (see `StatusRadios`); each one labelled, every
 * change kept in the address.
 */
export function PositionFilters({ filters, onChange, accounts, tags }: Props) {
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) =>
    onChange({ [key]: value })
  const [tag, setTag] = useDraft(filters.tag, (v) => set('tag', v))
  const [text, setText] = useDraft(filters.text, (v) => set('text', v))
  const active = activeFilterCount(filters)
  const uid = useId()
  const id = (key: string) => `${uid}-${key}`

  return (
    <div className="list-filters" role="search" aria-label="Filter positions">
      <div className="filter">
        <label htmlFor={id('underlying')}>Underlying</label>
        <select
          id={id('underlying')}
          value={filters.underlying}
          onChange={(e) => set('underlying', e.target.value)}
        >
          <option value="">Any</option>
          {UNDERLYINGS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={id('structure')}>Structure</label>
        <select
          id={id('structure')}
          value={filters.structure}
          onChange={(e) => set('structure', e.target.value as ListFilters['structure'])}
        >
          <option value="">Any</option>
          {STRUCTURE_OPTIONS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={id('tag')}>Tag</label>
        <input
          id={id('tag')}
          className="tag-input"
          list={id('tags')}
          value={tag}
          maxLength={40}
          onChange={(e) => setTag(e.target.value)}
          placeholder="any"
        />
        <datalist id={id('tags')}>
          {tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div className="filter">
        <label htmlFor={id('account')}>Account</label>
        <select
          id={id('account')}
          value={filters.accountId}
          onChange={(e) => set('accountId', e.target.value)}
        >
          <option value="">Any</option>
          {accounts.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={id('from')}>Opened from</label>
        <input
          id={id('from')}
          type="date"
          value={filters.from}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="filter">
        <label htmlFor={id('to')}>to</label>
        <input
          id={id('to')}
          type="date"
          aria-label="Opened to"
          value={filters.to}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      <div className="filter text-filter">
        <label htmlFor={id('text')}>Notes and thesis</label>
        <input
          id={id('text')}
          type="search"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          placeholder="words…"
        />
      </div>
      <button
        type="button"
        className="btn ghost clear-filters"
        disabled={active === 0}
        onClick={() => onChange(null)}
      >
        Clear filters{active > 0 ? ` (${active})` : ''}
      </button>
    </div>
  )
}
