import { useState } from 'react'
import { RulesetDetail } from '../components/rulesets/RulesetDetail.tsx'
import { api } from '../lib/api.ts'
import { navigate } from '../lib/router.ts'
import { useApi } from '../lib/useApi.ts'
import '../components/rulesets/rulesets.css'

/**
 * Rulesets: the list (built-ins first as the core orders them) and the selected ruleset's rules,
 * versions, editor and dry-run. `#/rulesets/<id>` selects one; without an id the first is shown.
 */
export function RulesetsPage({ id }: { id: string | null }) {
  const [tick, setTick] = useState(0)
  const [editOnOpen, setEditOnOpen] = useState<string | null>(null)
  const list = useApi(() => api['rulesets:list']({}), `rulesets-${tick}`)
  const rulesets = list.data ?? []
  const selected = id ?? rulesets[0]?.id ?? null
  // A fresh copy is shown before the reloaded list names it.
  const known =
    selected !== null && (selected === editOnOpen || rulesets.some((r) => r.id === selected))

  return (
    <section className="page rulesets-page" aria-labelledby="rulesets-title">
      <div className="toolbar">
        <h1 id="rulesets-title">Rulesets</h1>
        <span className="muted count" aria-live="polite">
          {list.loading && !list.data
            ? 'Loading…'
            : `${rulesets.length} ${rulesets.length === 1 ? 'ruleset' : 'rulesets'}`}
        </span>
      </div>
      {list.error && (
        <div className="form-alert" role="alert">
          Could not load rulesets: {list.error.message}
        </div>
      )}
      <div className="rs-body">
        <nav className="rs-list" aria-label="Rulesets">
          <ul>
            {rulesets.map((r) => (
              <li key={r.id}>
                <a
                  href={`#/rulesets/${r.id}`}
                  aria-current={r.id === selected ? 'page' : undefined}
                  title={r.description}
                >
                  <span className="rs-list-name">{r.name}</span>
                  <span className="rs-list-meta">
                    <code>{r.id}</code>
                    <span>v{r.latestVersion}</span>
                    {r.builtin && <span className="badge rs-builtin">built-in</span>}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="rs-main">
          {selected && known ? (
            <RulesetDetail
              key={selected}
              id={selected}
              startEditing={editOnOpen === selected}
              onChanged={() => setTick((t) => t + 1)}
              onDuplicated={(newId) => {
                setEditOnOpen(newId)
                setTick((t) => t + 1)
                navigate(`#/rulesets/${newId}`)
              }}
            />
          ) : (
            list.data && (
              <div className="vtable-empty">
                {selected ? `No ruleset "${selected}".` : 'No rulesets in this journal.'}
              </div>
            )
          )}
        </div>
      </div>
    </section>
  )
}
