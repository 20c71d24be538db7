import { useState, type FormEvent } from 'react'
import type { Account } from '../../../shared/domain.ts'
import type { WireError } from '../../../shared/result.ts'
import { api } from '../lib/api.ts'
import { useApi } from '../lib/useApi.ts'
import './accounts.css'

/** The sentence for a refused account request: the field's message when there is one. */
function refusal(error: WireError): string {
  const field = error.fields?.name
  if (error.code === 'CONFLICT') return error.message
  return field ?? error.message
}

const nameProblem = (name: string) =>
  name.trim() === ''
    ? 'Give the account a name'
    : name.trim().length > 100
      ? 'At most 100 characters'
      : null

function AccountRow({ account, onSaved }: { account: Account; onSaved: () => void }) {
  const [name, setName] = useState(account.name)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const changed = name.trim() !== account.name

  async function rename(e: FormEvent) {
    e.preventDefault()
    if (!changed || busy) return
    const problem = nameProblem(name)
    if (problem) return setError(problem)
    setBusy(true)
    const r = await api['accounts:rename']({ id: account.id, name: name.trim() })
    setBusy(false)
    if (!r.ok) return setError(refusal(r.error))
    setError(undefined)
    onSaved()
  }

  const errorId = `account-${account.id}-error`
  return (
    <form className="account-row" onSubmit={rename}>
      <input
        aria-label={`Name of account ${account.name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={name}
        maxLength={120}
        onChange={(e) => {
          setName(e.target.value)
          setError(undefined)
        }}
      />
      <span className="muted small broker">{account.broker || 'no broker'}</span>
      <button type="submit" className="btn" disabled={!changed || busy}>
        Rename
      </button>
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}

/**
 * The journal's accounts: rename one in place, add another. Names are unique (the core says
 * so in words when one is taken); positions keep their account through a rename.
 */
export function AccountsPanel({ onChanged }: { onChanged?: () => void }) {
  const accounts = useApi(() => api['accounts:list']({}), 'accounts-panel')
  const [name, setName] = useState('')
  const [broker, setBroker] = useState('')
  const [error, setError] = useState<string>()
  const [notice, setNotice] = useState<string>()
  const [busy, setBusy] = useState(false)

  const saved = (message: string) => {
    setNotice(message)
    accounts.reload()
    onChanged?.()
  }

  async function create(e: FormEvent) {
    e.preventDefault()
    if (busy) return
    setNotice(undefined)
    const problem = nameProblem(name)
    if (problem) return setError(problem)
    setBusy(true)
    const r = await api['accounts:create']({ name: name.trim(), broker: broker.trim() })
    setBusy(false)
    if (!r.ok) return setError(refusal(r.error))
    setError(undefined)
    setName('')
    setBroker('')
    saved(`Added account "${name.trim()}".`)
  }

  return (
    <section className="accounts-panel" aria-labelledby="accounts-title">
      <h3 id="accounts-title">Accounts</h3>
      {accounts.error && (
        <div className="form-alert" role="alert">
          Could not load the accounts: {accounts.error.message}
        </div>
      )}
      <div className="account-list" role="list" aria-label="Accounts">
        {(accounts.data ?? []).map((a) => (
          <div role="listitem" key={`${a.id}:${a.name}`}>
            <AccountRow account={a} onSaved={() => saved('Account renamed.')} />
          </div>
        ))}
      </div>
      <form className="account-create" onSubmit={create} aria-label="Add an account">
        <label>
          <span>New account</span>
          <input
            value={name}
            maxLength={120}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setName(e.target.value)
              setError(undefined)
            }}
            placeholder="e.g. IRA"
          />
        </label>
        <label>
          <span>Broker (optional)</span>
          <input value={broker} maxLength={100} onChange={(e) => setBroker(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={busy}>
          Add account
        </button>
      </form>
      {error && (
        <div className="form-alert" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
    </section>
  )
}
