import { useState } from 'react'
import type { PositionDetail } from '../../../../shared/domain.ts'
import { api } from '../../lib/api.ts'
import { useApi } from '../../lib/useApi.ts'
import { ModalDialog } from '../../ui/ModalDialog.tsx'
import { useAction } from '../../ui/useAction.ts'
import { Field } from '../Field.tsx'

/** The refusal's message for a field, `tags.2` counting as `tags`. */
const fieldError = (fields: Record<string, string>, name: string) =>
  fields[name] ?? Object.entries(fields).find(([k]) => k.startsWith(`${name}.`))?.[1]

/** Edit notes, thesis, tags and account; the history keeps what they were before. */
export function EditDialog({
  d,
  onClose,
  onDone,
}: {
  d: PositionDetail
  onClose: () => void
  onDone: () => void
}) {
  const accounts = useApi(() => api['accounts:list']({}), 'accounts')
  const [accountId, setAccountId] = useState(String(d.summary.accountId))
  const [tags, setTags] = useState(d.summary.tags.join(', '))
  const [thesis, setThesis] = useState(d.thesis)
  const [notes, setNotes] = useState(d.notes)
  const action = useAction()
  const err = (name: string) => fieldError(action.fields, name)

  async function save() {
    const done = await action.run(() =>
      api['positions:update']({
        id: d.summary.id,
        accountId: Number(accountId),
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        thesis,
        notes,
      }),
    )
    if (done !== undefined) onDone()
  }

  return (
    <ModalDialog
      open
      title="Edit position"
      description="Notes, thesis, tags and account. The history keeps the values before the edit."
      busy={action.busy}
      error={action.error}
      submitLabel="Save"
      onClose={onClose}
      onSubmit={() => void save()}
    >
      <div className="form-grid two">
        <Field label="Account" name="accountId" error={err('accountId')}>
          {(p) => (
            <select {...p} value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              {(accounts.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
              {!accounts.data && <option value={accountId}>{d.summary.accountName}</option>}
            </select>
          )}
        </Field>
        <Field label="Tags" name="tags" error={err('tags')} hint="Separated by commas">
          {(p) => <input {...p} value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <Field label="Thesis" name="thesis" error={err('thesis')} className="wide">
          {(p) => (
            <textarea {...p} rows={3} value={thesis} onChange={(e) => setThesis(e.target.value)} />
          )}
        </Field>
        <Field label="Notes" name="notes" error={err('notes')} className="wide">
          {(p) => (
            <textarea {...p} rows={5} value={notes} onChange={(e) => setNotes(e.target.value)} />
          )}
        </Field>
      </div>
    </ModalDialog>
  )
}
