import { useCallback, useState } from 'react'
import type { Result } from '../../../shared/result.ts'

export interface ActionState {
  busy: boolean
  /** The message of the last refusal, in words. */
  error: string | undefined
  /** The refusal's messages by field (`closes.0.price`), when the core named fields. */
  fields: Record<string, string>
  /** Runs one contract call; resolves to its value, or undefined when it was refused. */
  run: <T>(call: () => Promise<Result<T>>) => Promise<T | undefined>
  /** Shows messages found before sending (the same shape as a refusal). */
  refuse: (message: string | undefined, fields?: Record<string, string>) => void
  reset: () => void
}

/** The busy / error wiring of a dialog's one request, shared by every dialog. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [fields, setFields] = useState<Record<string, string>>({})
  const refuse = useCallback((message: string | undefined, f: Record<string, string> = {}) => {
    setError(message)
    setFields(f)
  }, [])
  const reset = useCallback(() => refuse(undefined), [refuse])
  const run = useCallback(
    async <T>(call: () => Promise<Result<T>>): Promise<T | undefined> => {
      setBusy(true)
      setError(undefined)
      setFields({})
      const r = await call()
      setBusy(false)
      if (r.ok) return r.value
      refuse(r.error.message, r.error.fields ?? {})
      return undefined
    },
    [refuse],
  )
  return { busy, error, fields, run, refuse, reset }
}
