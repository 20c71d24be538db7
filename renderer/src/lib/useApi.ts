import { useCallback, useEffect, useState } from 'react'
import type { Result, WireError } from '../../../shared/result.ts'

export interface ApiState<T> {
  data: T | undefined
  error: WireError | undefined
  loading: boolean
  reload: () => void
}

interface Loaded<T> {
  /** The key and reload count this result answers; a different one means "loading". */
  key: string
  tick: number
  data: T | undefined
  error: WireError | undefined
}

/**
 * Runs a contract call whenever `key` changes (or on reload) and exposes its latest result.
 * The previous data stays visible while a new call is in flight, so lists do not flicker.
 */
export function useApi<T>(call: () => Promise<Result<T>>, key: string): ApiState<T> {
  const [tick, setTick] = useState(0)
  const [loaded, setLoaded] = useState<Loaded<T>>({
    key: '',
    tick: -1,
    data: undefined,
    error: undefined,
  })
  useEffect(() => {
    let live = true
    void call().then((r) => {
      if (!live) return
      setLoaded((prev) =>
        r.ok
          ? { key, tick, data: r.value, error: undefined }
          : { key, tick, data: prev.data, error: r.error },
      )
    })
    return () => {
      live = false
    }
    // `key` names the call: a new closure with the same key is the same request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return {
    data: loaded.data,
    error: loaded.error,
    loading: loaded.key !== key || loaded.tick !== tick,
    reload,
  }
}
