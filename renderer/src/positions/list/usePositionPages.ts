import { useCallback, useEffect, useRef, useState } from 'react'
import type { PositionFilterInput } from '../../../../shared/contract.ts'
import type { PositionSummary } from '../../../../shared/domain.ts'
import { MAX_PAGE, type PositionSort } from '../../../../shared/listPaging.ts'
import type { WireError } from '../../../../shared/result.ts'
import { api } from '../../lib/api.ts'

/** Rows of the first page: a screenful and then some, so the first paint needs one call. */
const FIRST_PAGE = 100
/** Rows of each further page. */
const NEXT_PAGE = 200

export interface PositionPages {
  rows: PositionSummary[]
  /** True until the first page of the current filter and sort has answered. */
  loading: boolean
  error: WireError | undefined
  /** Loads the next page, if there is one and none is on its way. */
  loadMore: () => void
  /** Reads the rows again from the start (the journal changed), as many as are shown now. */
  reload: () => void
}

interface State {
  key: string
  rows: PositionSummary[]
  next: string | null
  error: WireError | undefined
}

/**
 * The positions list in keyset pages (`positions:page`): the first page when the filter or the
 * sort changes, the next one when the table scrolls to the end of what is loaded. An answer to
 * an older filter, sort or reload is dropped.
 */
export function usePositionPages(
  filter: PositionFilterInput,
  sort: { column: PositionSort; direction: 'asc' | 'desc' },
): PositionPages {
  const key = JSON.stringify([filter, sort])
  const [tick, setTick] = useState(0)
  const [state, setState] = useState<State>({ key: '', rows: [], next: null, error: undefined })
  const busy = useRef(false)
  // What the answers must still match to be kept.
  const current = useRef('')
  const shown = useRef(0)
  useEffect(() => {
    shown.current = state.rows.length
  }, [state.rows.length])

  useEffect(() => {
    const asked = `${key}#${tick}`
    current.current = asked
    busy.current = true
    const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, tick > 0 ? shown.current : 0))
    void api['positions:page']({ filter, sort, limit }).then((r) => {
      if (current.current !== asked) return
      busy.current = false
      setState((prev) =>
        r.ok
          ? { key, rows: r.value.rows, next: r.value.nextCursor, error: undefined }
          : { ...prev, key, error: r.error },
      )
    })
    // `key` names the request: a new object with the same key is the same request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick])

  const loadMore = useCallback(() => {
    if (busy.current || !state.next || state.key !== key) return
    const asked = current.current
    busy.current = true
    void api['positions:page']({ filter, sort, after: state.next, limit: NEXT_PAGE }).then((r) => {
      if (current.current !== asked) return
      busy.current = false
      setState((prev) =>
        r.ok
          ? { ...prev, rows: [...prev.rows, ...r.value.rows], next: r.value.nextCursor }
          : { ...prev, error: r.error },
      )
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.next, state.key, key])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return {
    // The rows of the previous filter or sort stay until the new ones come (no flicker).
    rows: state.rows,
    loading: state.key !== key,
    error: state.error,
    loadMore,
    reload,
  }
}
