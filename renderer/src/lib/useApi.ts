import { useCallback, useEffect, useRef, useState } from 'react'
import type { Result, WireError } from '../../../shared/result.ts'

export interface ApiState<T> {
  data: T | undefined
  error: WireError | undefined
  loading: boolean
  reload: () => void
}

/** Runs a contract call when `key` changes and exposes its latest result. */
export function useApi<T>(call: () => Promise<Result<T>>, key: string): ApiState<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<WireError>()
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const callRef = useRef(call)
  callRef.current = call
  useEffect(() => {
    let live = true
    setLoading(true)
    void callRef.current().then((r) => {
      if (!live) return
      if (r.ok) {
        setData(r.value)
        setError(undefined)
      } else setError(r.error)
      setLoading(false)
    })
    return () => {
      live = false
    }
  }, [key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}
