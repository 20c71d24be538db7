import { useId, useRef, useState, type KeyboardEvent } from 'react'
import type { WireError } from '../../../../shared/result.ts'
import { api } from '../../lib/api.ts'
import { instantShort } from '../../lib/format.ts'
import { useLeaveGuard } from '../../lib/router.ts'
import { useApi } from '../../lib/useApi.ts'
import { DryRunPanel } from './DryRunPanel.tsx'
import { DuplicateDialog } from './DuplicateDialog.tsx'
import { RulesetEditor } from './RulesetEditor.tsx'
import { ParametersTable, PredicatesList, RulesList } from './RulesetView.tsx'
import { useLiveValidation } from './useLiveValidation.ts'

type Tab = 'rules' | 'edit' | 'dryrun'

/**
 * One ruleset: its rules, parameters and versions (any version can be viewed), the JSON editor
 * (read-only for built-ins) and the dry-run. Unsaved edits survive switching tabs and versions;
 * leaving the ruleset or the page with them asks first.
 */
export function RulesetDetail({
  id,
  startEditing,
  onChanged,
  onDuplicated,
}: {
  id: string
  startEditing: boolean
  /** A new version or ruleset was saved: the list needs a reload. */
  onChanged: () => void
  onDuplicated: (newId: string) => void
}) {
  const uid = useId()
  const [version, setVersion] = useState<number>()
  const [tick, setTick] = useState(0)
  const [tab, setTab] = useState<Tab>(startEditing ? 'edit' : 'rules')
  const [draft, setDraft] = useState<string | null>(null)
  const [notice, setNotice] = useState<string>()
  const [saveError, setSaveError] = useState<WireError>()
  const [saving, setSaving] = useState(false)
  const [dupOpen, setDupOpen] = useState(false)
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
    rules: null,
    edit: null,
    dryrun: null,
  })
  const detail = useApi(
    () => api['rulesets:get']({ id, ...(version ? { version } : {}) }),
    `${id}@${version ?? 'latest'}#${tick}`,
  )
  const data = detail.data
  const saved = data ? JSON.stringify(data.ruleset, null, 2) : ''
  const text = draft ?? saved
  const validation = useLiveValidation(text)
  const dirty = draft !== null && draft !== saved
  useLeaveGuard(dirty && data ? `You have unsaved changes to “${data.summary.name}”.` : null)

  if (detail.error && !data)
    return (
      <div className="form-alert" role="alert">
        Could not load ruleset {id}: {detail.error.message}
      </div>
    )
  if (!data) return <p className="muted">Loading…</p>

  const { summary, ruleset, versions } = data
  const builtin = summary.builtin
  const viewed = ruleset.version
  const latest = summary.latestVersion

  async function save() {
    if (validation.pending || validation.state !== 'ok' || saving) return
    setSaving(true)
    setSaveError(undefined)
    const r = await api['rulesets:save']({ id, definition: validation.definition })
    setSaving(false)
    if (!r.ok) {
      setSaveError(r.error)
      return
    }
    setDraft(null)
    setVersion(undefined)
    setTick((t) => t + 1)
    setNotice(`Saved as version ${r.value.version}.`)
    onChanged()
  }

  const tabs: { value: Tab; label: string }[] = [
    { value: 'rules', label: 'Rules' },
    { value: 'edit', label: builtin ? 'JSON' : dirty ? 'Edit JSON •' : 'Edit JSON' },
    { value: 'dryrun', label: 'Dry run' },
  ]
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.value === tab)
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    e.preventDefault()
    const next = tabs[(i + step + tabs.length) % tabs.length]?.value ?? 'rules'
    setTab(next)
    tabRefs.current[next]?.focus()
  }

  return (
    <article className="rs-detail" aria-labelledby={`${uid}-name`}>
      <header className="rs-detail-head">
        <div className="rs-title">
          <h2 id={`${uid}-name`}>{ruleset.name}</h2>
          {builtin && <span className="badge rs-builtin">built-in</span>}
          <span className="muted">
            <code>{id}</code> · viewing v{viewed}
            {viewed === latest ? ' (latest)' : ` of ${latest}`}
          </span>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => setDupOpen(true)}>
            Duplicate…
          </button>
        </div>
        <p className="rs-description">{ruleset.description}</p>
        {builtin && (
          <p className="hint rs-readonly">
            Built-in rulesets are read-only. Duplicate this one to edit a copy of it.
          </p>
        )}
        {notice && (
          <div className="notice" role="status">
            {notice}
          </div>
        )}
      </header>

      <div
        className="segmented rs-tabs"
        role="tablist"
        aria-label="Ruleset views"
        onKeyDown={onTabKey}
      >
        {tabs.map((t) => (
          <button
            key={t.value}
            ref={(el) => {
              tabRefs.current[t.value] = el
            }}
            type="button"
            role="tab"
            id={`${uid}-tab-${t.value}`}
            aria-selected={tab === t.value}
            aria-controls={`${uid}-panel`}
            tabIndex={tab === t.value ? 0 : -1}
            className={tab === t.value ? 'on' : ''}
            onClick={() => setTab(t.value)}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div
        id={`${uid}-panel`}
        role="tabpanel"
        aria-labelledby={`${uid}-tab-${tab}`}
        className="rs-panel"
      >
        {tab === 'rules' && (
          <div className="rs-columns">
            <section aria-labelledby={`${uid}-rules`}>
              <h3 id={`${uid}-rules`} className="rs-section">
                Rules, tried in order — the first whose condition holds wins
              </h3>
              <RulesList ruleset={ruleset} />
            </section>
            <aside className="rs-side">
              <section aria-labelledby={`${uid}-versions`}>
                <h3 id={`${uid}-versions`} className="rs-section">
                  Versions
                </h3>
                <ul className="rs-versions">
                  {[...versions].reverse().map((v) => (
                    <li key={v.version}>
                      <button
                        type="button"
                        className="rs-version"
                        aria-pressed={v.version === viewed}
                        aria-label={`View version ${v.version}`}
                        onClick={() => setVersion(v.version === latest ? undefined : v.version)}
                      >
                        <strong>v{v.version}</strong>
                        {v.version === latest && <span className="muted"> latest</span>}
                        <span className="muted small">{instantShort(v.createdAt)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby={`${uid}-params`}>
                <h3 id={`${uid}-params`} className="rs-section">
                  Parameters
                </h3>
                <ParametersTable ruleset={ruleset} />
              </section>
              <section aria-labelledby={`${uid}-preds`}>
                <h3 id={`${uid}-preds`} className="rs-section">
                  Predicates
                </h3>
                <PredicatesList ruleset={ruleset} />
              </section>
            </aside>
          </div>
        )}

        {tab === 'edit' && (
          <div
            onKeyDown={(e) => {
              // Ctrl/Cmd+S saves, as in any editor.
              if (e.key === 's' && (e.ctrlKey || e.metaKey) && !builtin) {
                e.preventDefault()
                void save()
              }
            }}
          >
            {!builtin && (
              <div className="toolbar rs-edit-bar">
                <button
                  type="button"
                  className="btn primary"
                  disabled={!dirty || validation.pending || validation.state !== 'ok' || saving}
                  aria-keyshortcuts="Control+S"
                  onClick={() => void save()}
                >
                  {saving ? 'Saving…' : `Save as v${latest + 1}`}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={!dirty || saving}
                  onClick={() => {
                    setDraft(null)
                    setSaveError(undefined)
                  }}
                >
                  Discard changes
                </button>
                <span className="hint">
                  {dirty
                    ? `Unsaved changes to v${viewed}. Saving never changes a stored version.`
                    : `Editing v${viewed}. The id and version are set when you save.`}
                </span>
              </div>
            )}
            {saveError && (
              <div className="form-alert" role="alert">
                Not saved: {saveError.message}
              </div>
            )}
            <RulesetEditor
              text={text}
              readOnly={builtin}
              validation={validation}
              onChange={(t) => {
                setDraft(t)
                setNotice(undefined)
              }}
            />
          </div>
        )}

        {tab === 'dryrun' && (
          <DryRunPanel
            id={id}
            version={viewed}
            edited={
              dirty
                ? {
                    valid: validation.state === 'ok' && !validation.pending,
                    definition: validation.state === 'ok' ? validation.definition : null,
                  }
                : null
            }
          />
        )}
      </div>

      <DuplicateDialog
        open={dupOpen}
        from={{ id, name: ruleset.name }}
        onClose={() => setDupOpen(false)}
        onDuplicated={(newId) => {
          setDupOpen(false)
          onDuplicated(newId)
        }}
      />
    </article>
  )
}
