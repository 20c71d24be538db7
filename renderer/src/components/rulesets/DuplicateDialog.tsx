import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { api } from '../../lib/api.ts'

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/

/**
 * "Duplicate…": asks for the copy's id and name; the copy starts as version 1 of an editable
 * ruleset. Esc cancels; refusals from the core (an id already taken) show on the field.
 */
export function DuplicateDialog({
  open,
  from,
  onClose,
  onDuplicated,
}: {
  open: boolean
  from: { id: string; name: string }
  onClose: () => void
  onDuplicated: (newId: string) => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const uid = useId()
  const [newId, setNewId] = useState('')
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<{ newId?: string; name?: string }>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      setNewId(`my-${from.id}`.slice(0, 64))
      setName(`${from.name} (my copy)`)
      setErrors({})
      setFormError(undefined)
      d.showModal()
    } else if (!open && d.open) d.close()
  }, [open, from.id, from.name])

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (saving) return
    const errs: typeof errors = {}
    if (!ID_RE.test(newId))
      errs.newId = 'Lower-case letters, digits, "-" or "_", starting with a letter or digit'
    if (!name.trim()) errs.name = 'Give the copy a name'
    setErrors(errs)
    setFormError(undefined)
    if (Object.keys(errs).length) return
    setSaving(true)
    const r = await api['rulesets:duplicate']({ fromId: from.id, newId, name: name.trim() })
    setSaving(false)
    if (r.ok) {
      onDuplicated(r.value.id)
      return
    }
    setFormError(r.error.message)
    if (r.error.fields?.newId) setErrors({ newId: r.error.fields.newId })
  }

  return (
    <dialog
      ref={ref}
      className="dialog rs-dialog"
      aria-labelledby={`${uid}-title`}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <form onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id={`${uid}-title`}>Duplicate {from.name}</h2>
          <p className="muted">The copy is yours to edit; {from.id} stays as it is.</p>
        </header>
        {formError && (
          <div className="form-alert" role="alert">
            {formError}
          </div>
        )}
        <div className="rs-dialog-fields">
          <div className={`field${errors.newId ? ' invalid' : ''}`}>
            <label htmlFor={`${uid}-id`}>New id</label>
            <input
              id={`${uid}-id`}
              name="newId"
              value={newId}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errors.newId ? true : undefined}
              aria-describedby={`${uid}-id-hint`}
              onChange={(e) => setNewId(e.target.value)}
            />
            <span id={`${uid}-id-hint`} className={errors.newId ? 'field-error' : 'hint'}>
              {errors.newId ?? 'Used in the journal and the CLI; it cannot be changed later.'}
            </span>
          </div>
          <div className={`field${errors.name ? ' invalid' : ''}`}>
            <label htmlFor={`${uid}-name`}>Name</label>
            <input
              id={`${uid}-name`}
              name="name"
              value={name}
              maxLength={100}
              aria-invalid={errors.name ? true : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            {errors.name && <span className="field-error">{errors.name}</span>}
          </div>
        </div>
        <footer className="dialog-foot">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={saving}>
            {saving ? 'Duplicating…' : 'Duplicate'}
          </button>
        </footer>
      </form>
    </dialog>
  )
}
