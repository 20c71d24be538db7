import { useEffect, useState } from 'react'
import { isIsoDate } from '../../../shared/dates.ts'

/** Hash routes keep the browser host's `?token=` query intact across navigation and reloads. */
export type Route =
  /** No page asked for: Today once the journal holds an open position, else Positions. */
  | { page: 'home' }
  | { page: 'today' }
  | { page: 'positions' }
  /** `decide`: open the decision panel prefilled with the Today row of that date. */
  | { page: 'position'; id: number; decide: string | null }
  | { page: 'market' }
  | { page: 'rulesets'; id: string | null }
  | { page: 'review' }
  /** The methodology lab; `runId`: the stored run shown (`#/lab?run=3`). */
  | { page: 'lab'; runId: number | null }
  /** One trade of a lab run replayed day by day (`#/lab/3/trade/2024-03-04`). */
  | { page: 'labTrade'; runId: number; tradeKey: string }
  | { page: 'settings' }

export function parseRoute(address: string): Route {
  // A route's query ("#/positions?status=open") is the view's own state (see `routeQuery`).
  const hash = address.split('?')[0] ?? ''
  if (hash === '' || hash === '#' || hash === '#/') return { page: 'home' }
  if (hash === '#/today') return { page: 'today' }
  const m = /^#\/positions\/(\d+)$/.exec(hash)
  if (m) {
    const decide = routeQuery(address).get('decide')
    return {
      page: 'position',
      id: Number(m[1]),
      decide: decide && isIsoDate(decide) ? decide : null,
    }
  }
  if (hash === '#/market') return { page: 'market' }
  if (hash === '#/review') return { page: 'review' }
  if (hash === '#/settings') return { page: 'settings' }
  if (hash === '#/lab') {
    const run = routeQuery(address).get('run')
    return { page: 'lab', runId: run && /^\d{1,9}$/.test(run) ? Number(run) : null }
  }
  const t = /^#\/lab\/(\d{1,9})\/trade\/([^/]{1,40})$/.exec(hash)
  if (t) {
    let tradeKey = t[2]!
    try {
      tradeKey = decodeURIComponent(tradeKey)
    } catch {
      // A malformed escape: the key as typed (lab:trade then says there is no such trade).
    }
    return { page: 'labTrade', runId: Number(t[1]), tradeKey }
  }
  const r = /^#\/rulesets(?:\/([a-z0-9][a-z0-9_-]*))?$/.exec(hash)
  if (r) return { page: 'rulesets', id: r[1] ?? null }
  return { page: 'positions' }
}

/** The query of a hash route: "#/positions?status=open&tag=core" → status=open, tag=core. */
export const routeQuery = (hash: string): URLSearchParams =>
  new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '')

/**
 * Writes the current route's query in place — no new history entry, no navigation — so a
 * view's state (the positions filters) is in the address and survives a reload.
 */
export function replaceRouteQuery(route: string, query: URLSearchParams): void {
  const { pathname, search } = window.location
  const text = query.toString()
  history.replaceState(history.state, '', `${pathname}${search}${route}${text ? `?${text}` : ''}`)
}

const sameRoute = (a: string, b: string) =>
  JSON.stringify(parseRoute(a)) === JSON.stringify(parseRoute(b))

/**
 * Unsaved work that leaving the current route would lose, as the sentence to ask about it;
 * held by the view that has it (`useLeaveGuard`), null when there is none.
 */
let leaveWarning: string | null = null

/**
 * A navigation held back by unsaved work: where it was going, what would be lost, and how to
 * resume it — a new history entry (a link, `navigate`) or a move of `delta` entries in the
 * history (back and forward, undone at once while the question is asked).
 */
export interface PendingLeave {
  to: string
  warning: string
  delta: number | null
}

export interface Navigation {
  route: Route
  /** Set while the user is asked whether to leave unsaved work; see `leave` and `stay`. */
  pending: PendingLeave | null
  /** Discards the unsaved work and goes where the held-back navigation was going. */
  leave: () => void
  /** Keeps the unsaved work on screen; the held-back navigation is dropped. */
  stay: () => void
}

/** Position of a history entry, stamped into `history.state` so back and forward can be undone. */
const entryIndex = (): number | null => {
  const state: unknown = history.state
  const idx =
    typeof state === 'object' && state !== null
      ? (state as { wingmanIdx?: unknown }).wingmanIdx
      : null
  return typeof idx === 'number' ? idx : null
}
const stampEntry = (idx: number) =>
  history.replaceState({ ...(history.state as object | null), wingmanIdx: idx }, '')

let requestLeave: ((to: string) => boolean) | null = null

/**
 * The current route. While a view holds unsaved work, a navigation to another route asks
 * first (reported as `pending` until the user chooses): links and `navigate` are held before
 * the address changes; back and forward are undone at once (the history entries are numbered,
 * so the undo is exact) and redone if the user leaves.
 */
export function useRoute(): Navigation {
  const [hash, setHash] = useState(() => window.location.hash)
  const [pending, setPending] = useState<PendingLeave | null>(null)
  useEffect(() => {
    let current = window.location.hash
    let index = entryIndex() ?? 0
    stampEntry(index)
    let undoing = false
    const hold = (to: string, delta: number | null) => {
      if (leaveWarning === null || sameRoute(current, to)) return false
      setPending({ to, warning: leaveWarning, delta })
      return true
    }
    requestLeave = (to) => hold(to, null)
    const onChange = () => {
      const next = window.location.hash
      const arrived = entryIndex()
      if (undoing) {
        // The history move that undid a held-back back/forward has landed.
        undoing = false
        return
      }
      if (leaveWarning !== null && !sameRoute(current, next)) {
        if (arrived !== null && arrived !== index) {
          undoing = true
          history.go(index - arrived)
          hold(next, arrived - index)
        } else {
          // A new entry (an address typed by hand): put the current address back in its place.
          const { pathname, search } = window.location
          history.replaceState(history.state, '', `${pathname}${search}${current}`)
          hold(next, null)
        }
        return
      }
      index = arrived ?? index + 1
      if (arrived === null) stampEntry(index)
      current = next
      setHash(next)
    }
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return
      const link = (e.target as Element | null)?.closest?.('a[href^="#/"]')
      if (!link) return
      if (hold(link.getAttribute('href') ?? '', null)) e.preventDefault()
    }
    window.addEventListener('hashchange', onChange)
    document.addEventListener('click', onClick, true)
    return () => {
      requestLeave = null
      window.removeEventListener('hashchange', onChange)
      document.removeEventListener('click', onClick, true)
    }
  }, [])
  return {
    route: parseRoute(hash),
    pending,
    leave: () => {
      if (!pending) return
      leaveWarning = null
      setPending(null)
      if (pending.delta !== null) history.go(pending.delta)
      else window.location.hash = pending.to
    },
    stay: () => setPending(null),
  }
}

/**
 * While `warning` is a sentence (unsaved work is on screen), navigating elsewhere in the app
 * asks first (see `useRoute`) and closing or reloading the page asks the browser's or the
 * desktop shell's question (`beforeunload`). Null releases the guard, as does unmounting.
 */
export function useLeaveGuard(warning: string | null): void {
  useEffect(() => {
    if (warning === null) return
    leaveWarning = warning
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      if (leaveWarning === warning) leaveWarning = null
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [warning])
}

/** Goes to `hash`, unless unsaved work holds the navigation back for the user to decide. */
export const navigate = (hash: string) => {
  if (requestLeave?.(hash)) return
  window.location.hash = hash
}
